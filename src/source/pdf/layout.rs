//! Glyphs and ruling lines → paragraphs and table rows. Tables are found by their borders:
//! the lines a page draws meet in grids; the grid's lines, where present, separate its units,
//! and the units no line separates form one (merged) cell. A cell's text is every glyph in its
//! box, so labels that wrap rejoin and neighbouring numbers never glue. Text outside the grids
//! forms lines (split into cells at wide gaps) and paragraphs; page numbers and running
//! headers and footers are dropped.

mod unruled;

use super::content::{Glyph, Page, Rule};
use crate::source::office::RawBlock;
use std::collections::HashMap;

/// Lines closer than this (pt) are one border (LibreOffice draws a cell's edges 0.35–0.4 pt
/// apart from its neighbour's).
const SNAP: f64 = 2.0;
/// Above this many ruling lines a page is a drawing, not a table: its text is read as lines.
const MAX_RULES: usize = 4_000;
/// Grid units of one table (a 60-row, 20-column table has 1 200).
const MAX_UNITS: usize = 40_000;

pub fn blocks(pages: &[Page]) -> Vec<RawBlock> {
    let margins = margin_lines(pages);
    let mut out: Vec<Item> = Vec::new();
    for (i, page) in pages.iter().enumerate() {
        let tables = tables(&page.rules);
        let mut cells: Vec<Vec<Vec<&Glyph>>> = tables
            .iter()
            .map(|t| vec![Vec::new(); t.cells.len()])
            .collect();
        let mut free = Vec::new();
        for g in &page.glyphs {
            let (cx, cy) = ((g.x0 + g.x1) / 2.0, g.y - g.size * 0.35);
            match tables
                .iter()
                .enumerate()
                .find_map(|(ti, t)| t.cell_at(cx, cy).map(|c| (ti, c)))
            {
                Some((ti, c)) => cells[ti][c].push(g),
                None => free.push(g),
            }
        }
        let mut kept = Vec::new();
        for mut line in lines(free) {
            line.page = i;
            if margins.get(i).is_some_and(|m| {
                m.iter()
                    .any(|&(y, ref text)| (y - line.y).abs() < 1.0 && *text == line.text())
            }) {
                continue;
            }
            kept.push(line);
        }
        let mut items: Vec<(f64, Item)> = unruled::rows(kept)
            .into_iter()
            .map(|it| match it {
                unruled::Out::Line(l) => (l.y - l.size, Item::Line(l)),
                unruled::Out::Row(y, cells) => (y, Item::Row(cells)),
            })
            .collect();
        let first_line = items.first().map_or(f64::MAX, |(y, _)| *y);
        let after_table = matches!(out.last(), Some(Item::Table(..)));
        for (k, (t, cells)) in tables.iter().zip(cells).enumerate() {
            let continued = k == 0 && after_table && t.top() < first_line;
            items.push((t.top(), Item::Table(t.rows(&cells, continued), t.right())));
        }
        items.sort_by(|a, b| a.0.total_cmp(&b.0));
        out.extend(items.into_iter().map(|(_, it)| it));
    }
    assemble(out)
}

enum Item {
    /// Rows, and the table's right edge.
    Table(Vec<Vec<String>>, f64),
    /// A row of a table drawn without borders.
    Row(Vec<String>),
    Line(Line),
}

/// Free lines become paragraphs: a line that runs to the right edge continues in the next
/// line when that starts at the left edge (wrapped prose), also across a page break.
fn assemble(items: Vec<Item>) -> Vec<RawBlock> {
    // The right edge of the text block: where the longest free line or the widest table ends.
    let right = items
        .iter()
        .map(|it| match it {
            Item::Line(l) => l.x1,
            Item::Table(_, x) => *x,
            Item::Row(_) => 0.0,
        })
        .fold(0.0, f64::max);
    let mut out = Vec::new();
    let mut open: Option<Para> = None;
    for it in items {
        match it {
            Item::Table(rows, _) => {
                out.extend(open.take().map(|p| RawBlock::Para(p.text)));
                out.extend(rows.into_iter().map(RawBlock::Row));
            }
            Item::Row(cells) => {
                out.extend(open.take().map(|p| RawBlock::Para(p.text)));
                out.push(RawBlock::Row(cells));
            }
            Item::Line(line) => {
                let cells = line.cells();
                if cells.len() > 1 {
                    out.extend(open.take().map(|p| RawBlock::Para(p.text)));
                    out.push(RawBlock::Row(cells));
                    continue;
                }
                match &mut open {
                    Some(p) if p.continues(&line, right) => {
                        join(&mut p.text, &line.text());
                        if line.page == p.last.page {
                            p.pitch.get_or_insert(line.y - p.last.y);
                        }
                        p.left = p.left.min(line.x0);
                        p.last = line;
                    }
                    _ => {
                        out.extend(open.take().map(|p| RawBlock::Para(p.text)));
                        open = Some(Para {
                            text: line.text(),
                            left: line.x0,
                            pitch: None,
                            last: line,
                        });
                    }
                }
            }
        }
    }
    out.extend(open.map(|p| RawBlock::Para(p.text)));
    out
}

/// A paragraph being built from wrapped lines.
struct Para {
    text: String,
    /// The leftmost start of its lines (its first line may be indented).
    left: f64,
    /// Distance between its baselines, once known.
    pitch: Option<f64>,
    last: Line,
}

impl Para {
    /// Whether `line` wraps on from this paragraph: the last line ran to the right edge, the
    /// next starts at the left edge (not indented as a new paragraph's first line), in the
    /// same size, and no further below than the paragraph's line pitch (or at the top of the
    /// next page).
    fn continues(&self, line: &Line, right: f64) -> bool {
        let last = &self.last;
        let em = last.size.max(1.0);
        let dy = line.y - last.y;
        let near = line.page != last.page
            || (dy > 0.0 && dy <= 2.5 * em && self.pitch.is_none_or(|p| dy <= p * 1.3 + 1.0));
        last.glyphs.len() >= 8
            && last.x1 >= right - 1.5 * em
            && line.x0 <= self.left + 0.5 * em
            && (line.size - last.size).abs() < 1.0
            && near
    }
}

/// CJK text and punctuation: no spaces between such characters and their neighbours.
fn is_wide(c: char) -> bool {
    matches!(c as u32, 0x2E80..=0x9FFF | 0xF900..=0xFAFF | 0xFE30..=0xFE4F | 0xFF00..=0xFFEF | 0x20000..=0x3FFFF)
        || matches!(c, '“' | '”' | '‘' | '’' | '—' | '…' | '·')
}

/// Appends a wrapped line's text: Latin words get their space back, CJK text none.
pub(super) fn join(to: &mut String, next: &str) {
    let a = to.chars().next_back();
    let b = next.chars().next();
    if let (Some(a), Some(b)) = (a, b) {
        if !is_wide(a) && !is_wide(b) && !a.is_whitespace() && !b.is_whitespace() {
            to.push(' ');
        }
    }
    to.push_str(next);
}

/// Glyphs on one baseline, left to right.
#[derive(Clone)]
pub(super) struct Line {
    pub page: usize,
    pub y: f64,
    pub size: f64,
    pub x0: f64,
    pub x1: f64,
    pub glyphs: Vec<Glyph>,
}

impl Line {
    fn text(&self) -> String {
        self.cells().join(" ")
    }

    /// The line's text, split into cells at wide gaps (the columns of a table drawn without
    /// borders).
    fn cells(&self) -> Vec<String> {
        self.segments().into_iter().map(|s| s.text).collect()
    }

    fn segments(&self) -> Vec<Seg> {
        self.segments_at(&[])
    }

    /// Segments, also split where a glyph starts a known column (`columns`, x positions).
    fn segments_at(&self, columns: &[f64]) -> Vec<Seg> {
        let mut segs: Vec<Seg> = Vec::new();
        let mut prev: Option<&Glyph> = None;
        for g in &self.glyphs {
            let starts_column = || columns.iter().any(|&c| (g.x0 - c).abs() < 1.0);
            match (prev, segs.last_mut()) {
                (Some(p), Some(seg))
                    if g.x0 - p.x1 <= gaps(p, g).1 * p.size.max(g.size).max(1.0)
                        && !(g.x0 > p.x1 && starts_column()) =>
                {
                    if g.x0 - p.x1 > gaps(p, g).0 * p.size.max(g.size).max(1.0) {
                        seg.text.push(' ');
                    }
                    seg.text.push_str(&g.text);
                    seg.x1 = seg.x1.max(g.x1);
                }
                _ => segs.push(Seg {
                    text: g.text.clone(),
                    x0: g.x0,
                    x1: g.x1,
                }),
            }
            prev = Some(g);
        }
        segs
    }
}

/// A run of glyphs on a line with no wide gap inside.
pub(super) struct Seg {
    pub text: String,
    pub x0: f64,
    pub x1: f64,
}

/// The gaps (in em) that read as a space and as a column break between two glyphs. Latin
/// letters and digits: a space from a fifth of an em; digits are never spaced inside a number,
/// so half an em between digits is two numbers. CJK text is set solid, and LibreOffice and
/// Word add a little room between CJK and Latin text that is no space in the source: no space
/// below an em, a new cell above one.
fn gaps(a: &Glyph, b: &Glyph) -> (f64, f64) {
    let (ca, cb) = (a.text.chars().next_back(), b.text.chars().next());
    let wide = ca.is_some_and(is_wide) || cb.is_some_and(is_wide);
    let digits = ca.is_some_and(|c| c.is_ascii_digit()) && cb.is_some_and(|c| c.is_ascii_digit());
    if wide {
        (1.0, 1.0)
    } else if digits {
        (0.2, 0.5)
    } else {
        (0.2, 1.5)
    }
}

/// Groups glyphs into lines by baseline, top to bottom.
fn lines(mut glyphs: Vec<&Glyph>) -> Vec<Line> {
    glyphs.sort_by(|a, b| a.y.total_cmp(&b.y).then(a.x0.total_cmp(&b.x0)));
    let mut out: Vec<Line> = Vec::new();
    for g in glyphs {
        match out.last_mut() {
            Some(l) if (g.y - l.y).abs() <= 0.3 * l.size.max(g.size).max(1.0) => {
                l.glyphs.push(g.clone());
                l.size = l.size.max(g.size);
            }
            _ => out.push(Line {
                page: 0,
                y: g.y,
                size: g.size,
                x0: 0.0,
                x1: 0.0,
                glyphs: vec![g.clone()],
            }),
        }
    }
    for l in &mut out {
        l.glyphs.sort_by(|a, b| a.x0.total_cmp(&b.x0));
        // A glyph printed twice a hair apart is fake bold (WPS and some Word exports), not
        // two characters.
        l.glyphs
            .dedup_by(|b, a| a.text == b.text && (b.x0 - a.x0).abs() < 0.15 * a.size);
        l.x0 = l.glyphs.first().map_or(0.0, |g| g.x0);
        l.x1 = l.glyphs.iter().map(|g| g.x1).fold(l.x0, f64::max);
    }
    out
}

/// Text of glyphs in one cell: lines top to bottom, joined without break (a wrapped label
/// reads as written in one line).
fn cell_text(glyphs: &[&Glyph]) -> String {
    let mut s = String::new();
    for line in lines(glyphs.to_vec()) {
        join(&mut s, &line.text());
    }
    s
}

/// Lines to drop from each page: page numbers in the top or bottom margin, and running
/// headers and footers (the same text at the same height on most pages).
fn margin_lines(pages: &[Page]) -> Vec<Vec<(f64, String)>> {
    let per_page: Vec<Vec<(f64, String)>> = pages
        .iter()
        .map(|p| {
            let zone: Vec<&Glyph> = p
                .glyphs
                .iter()
                .filter(|g| g.y < p.height * 0.1 || g.y > p.height * 0.88)
                .collect();
            lines(zone).into_iter().map(|l| (l.y, l.text())).collect()
        })
        .collect();
    let mut count: HashMap<(i64, String), usize> = HashMap::new();
    for page in &per_page {
        for (y, t) in page {
            *count
                .entry(((*y / 3.0).round() as i64, shape(t)))
                .or_default() += 1;
        }
    }
    let n = pages.len();
    per_page
        .into_iter()
        .map(|page| {
            page.into_iter()
                .filter(|(y, t)| {
                    let repeated = n >= 2
                        && count
                            .get(&((*y / 3.0).round() as i64, shape(t)))
                            .copied()
                            .unwrap_or(0)
                            * 2
                            > n.max(3);
                    repeated || is_page_number(t)
                })
                .collect()
        })
        .collect()
}

/// A line with its digits blurred, so 「第 3 页」 and 「第 4 页」 count as the same footer.
fn shape(t: &str) -> String {
    t.chars()
        .map(|c| if c.is_ascii_digit() { '#' } else { c })
        .collect()
}

/// 「5」「- 5 -」「— 5 —」「第 5 页」「第5页 共12页」「5 / 12」「Page 5」.
fn is_page_number(t: &str) -> bool {
    let t: String = t.chars().filter(|c| !c.is_whitespace()).collect();
    let t = t.trim_matches(|c| matches!(c, '-' | '—' | '–' | '－' | '·' | '•'));
    let digits = |s: &str| !s.is_empty() && s.chars().all(|c| c.is_ascii_digit());
    if digits(t) {
        return true;
    }
    if let Some(rest) = t.strip_prefix('第') {
        let (num, tail) = rest.split_once('页').unwrap_or((rest, "x"));
        let tail = tail.trim_start_matches([',', '，']);
        return digits(num)
            && (tail.is_empty()
                || tail
                    .strip_prefix('共')
                    .and_then(|r| r.strip_suffix('页'))
                    .is_some_and(digits));
    }
    if let Some((a, b)) = t.split_once('/') {
        return digits(a) && digits(b);
    }
    t.strip_prefix("Page")
        .or_else(|| t.strip_prefix("page"))
        .is_some_and(digits)
}

/// A grid of ruled cells.
struct Table {
    xs: Vec<f64>,
    ys: Vec<f64>,
    /// Cell index of each grid unit (row-major).
    unit: Vec<usize>,
    /// (first row, first column) of each cell.
    cells: Vec<(usize, usize)>,
}

impl Table {
    fn top(&self) -> f64 {
        self.ys.first().copied().unwrap_or(0.0)
    }

    fn right(&self) -> f64 {
        self.xs.last().copied().unwrap_or(0.0)
    }

    fn cell_at(&self, x: f64, y: f64) -> Option<usize> {
        let c = self.xs.windows(2).position(|w| w[0] <= x && x < w[1])?;
        let r = self.ys.windows(2).position(|w| w[0] <= y && y < w[1])?;
        self.unit.get(r * (self.xs.len() - 1) + c).copied()
    }

    /// Rows of cell texts: each cell in the first grid row it spans, left to right.
    ///
    /// In a table continued from the previous page, empty cells before a row's first text are
    /// pieces of merged cells whose labels stayed on that page (LibreOffice repeats the merged
    /// cell's box; Chromium even cuts it into several boxes): no cells of their own. The
    /// official tables have no empty cell before a row's label.
    fn rows(&self, glyphs: &[Vec<&Glyph>], continued: bool) -> Vec<Vec<String>> {
        let mut rows: Vec<Vec<(usize, String)>> = vec![Vec::new(); self.ys.len().saturating_sub(1)];
        for (i, &(r, c)) in self.cells.iter().enumerate() {
            let text = cell_text(glyphs.get(i).map_or(&[], |g| g.as_slice()));
            if let Some(row) = rows.get_mut(r) {
                row.push((c, text));
            }
        }
        rows.into_iter()
            .filter(|r| !r.is_empty())
            .map(|mut r| {
                r.sort_by_key(|(c, _)| *c);
                let lead = match r.iter().position(|(_, t)| !t.is_empty()) {
                    Some(k) if continued => k,
                    _ => 0,
                };
                r.into_iter().skip(lead).map(|(_, t)| t).collect()
            })
            .collect()
    }
}

/// Positions within SNAP of each other, merged (their mean).
fn cluster(mut v: Vec<f64>) -> Vec<f64> {
    v.sort_by(f64::total_cmp);
    let mut out: Vec<(f64, usize)> = Vec::new();
    for x in v {
        match out.last_mut() {
            Some((sum, n)) if x - *sum / *n as f64 <= SNAP => {
                *sum += x;
                *n += 1;
            }
            _ => out.push((x, 1)),
        }
    }
    out.into_iter().map(|(s, n)| s / n as f64).collect()
}

fn find(p: &mut [usize], mut i: usize) -> usize {
    while p[i] != i {
        p[i] = p[p[i]];
        i = p[i];
    }
    i
}

fn union(p: &mut [usize], a: usize, b: usize) {
    let (a, b) = (find(p, a), find(p, b));
    if a != b {
        p[a.max(b)] = a.min(b);
    }
}

/// The page's ruled tables: groups of lines that touch, with at least two lines each way.
fn tables(rules: &[Rule]) -> Vec<Table> {
    if rules.len() > MAX_RULES {
        return Vec::new();
    }
    let h: Vec<&Rule> = rules.iter().filter(|r| r.y0 == r.y1).collect();
    let v: Vec<&Rule> = rules.iter().filter(|r| r.x0 == r.x1).collect();
    let all: Vec<&Rule> = h.iter().chain(v.iter()).copied().collect();
    let mut parent: Vec<usize> = (0..all.len()).collect();
    let touch = |a: &Rule, b: &Rule| {
        a.x0 <= b.x1 + SNAP && b.x0 <= a.x1 + SNAP && a.y0 <= b.y1 + SNAP && b.y0 <= a.y1 + SNAP
    };
    for i in 0..all.len() {
        for j in i + 1..all.len() {
            if touch(all[i], all[j]) {
                union(&mut parent, i, j);
            }
        }
    }
    let mut groups: HashMap<usize, Vec<&Rule>> = HashMap::new();
    for (i, r) in all.iter().enumerate() {
        groups.entry(find(&mut parent, i)).or_default().push(r);
    }
    let mut out: Vec<Table> = groups.into_values().filter_map(|g| grid(&g)).collect();
    out.sort_by(|a, b| a.top().total_cmp(&b.top()));
    out
}

fn grid(rules: &[&Rule]) -> Option<Table> {
    let h: Vec<&&Rule> = rules.iter().filter(|r| r.y0 == r.y1).collect();
    let v: Vec<&&Rule> = rules.iter().filter(|r| r.x0 == r.x1).collect();
    if h.len() < 2 || v.len() < 2 {
        return None;
    }
    // The ends of the lines count as edges too: a table drawn without its outer border
    // (Word's 「无外框」) still closes where its inner lines end.
    let (left, right) = h
        .iter()
        .fold((f64::MAX, f64::MIN), |(a, b), r| (a.min(r.x0), b.max(r.x1)));
    let (top, bottom) = v
        .iter()
        .fold((f64::MAX, f64::MIN), |(a, b), r| (a.min(r.y0), b.max(r.y1)));
    let xs = cluster(v.iter().map(|r| r.x0).chain([left, right]).collect());
    let ys = cluster(h.iter().map(|r| r.y0).chain([top, bottom]).collect());
    if xs.len() < 2 || ys.len() < 2 {
        return None;
    }
    let (nc, nr) = (xs.len() - 1, ys.len() - 1);
    if nc * nr > MAX_UNITS {
        return None;
    }
    // The spans of the lines on each grid position, so each unit looks at its own few.
    let on = |at: &[f64], pos: f64| at.iter().position(|&a| (a - pos).abs() <= SNAP);
    let mut cols: Vec<Vec<(f64, f64)>> = vec![Vec::new(); xs.len()];
    for l in &v {
        if let Some(i) = on(&xs, l.x0) {
            cols[i].push((l.y0, l.y1));
        }
    }
    let mut rows: Vec<Vec<(f64, f64)>> = vec![Vec::new(); ys.len()];
    for l in &h {
        if let Some(i) = on(&ys, l.y0) {
            rows[i].push((l.x0, l.x1));
        }
    }
    let covered = |spans: &[(f64, f64)], m: f64| spans.iter().any(|&(a, b)| a <= m && m <= b);
    let mut parent: Vec<usize> = (0..nc * nr).collect();
    for r in 0..nr {
        let ym = (ys[r] + ys[r + 1]) / 2.0;
        for c in 0..nc {
            let xm = (xs[c] + xs[c + 1]) / 2.0;
            // No line between this unit and the one to its right (or below): one cell.
            if c + 1 < nc && !covered(&cols[c + 1], ym) {
                union(&mut parent, r * nc + c, r * nc + c + 1);
            }
            if r + 1 < nr && !covered(&rows[r + 1], xm) {
                union(&mut parent, r * nc + c, (r + 1) * nc + c);
            }
        }
    }
    let mut ids: HashMap<usize, usize> = HashMap::new();
    let mut cells = Vec::new();
    let mut unit = vec![0; nc * nr];
    for (i, u) in unit.iter_mut().enumerate() {
        let root = find(&mut parent, i);
        let id = *ids.entry(root).or_insert_with(|| {
            cells.push((i / nc, i % nc));
            cells.len() - 1
        });
        *u = id;
    }
    Some(Table {
        xs,
        ys,
        unit,
        cells,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Glyphs of `text` from x on baseline y, 10 pt: CJK a full em wide, the rest half.
    fn text(s: &str, mut x: f64, y: f64) -> Vec<Glyph> {
        s.chars()
            .map(|c| {
                let w = if is_wide(c) { 10.0 } else { 5.0 };
                x += w;
                Glyph {
                    text: c.to_string(),
                    x0: x - w,
                    x1: x,
                    y,
                    size: 10.0,
                }
            })
            .collect()
    }

    fn h(y: f64, x0: f64, x1: f64) -> Rule {
        Rule {
            x0,
            y0: y,
            x1,
            y1: y,
        }
    }

    fn v(x: f64, y0: f64, y1: f64) -> Rule {
        Rule {
            x0: x,
            y0,
            x1: x,
            y1,
        }
    }

    fn page(glyphs: Vec<Vec<Glyph>>, rules: Vec<Rule>) -> Page {
        Page {
            glyphs: glyphs.concat(),
            rules,
            width: 600.0,
            height: 800.0,
            ..Page::default()
        }
    }

    fn row(cells: &[&str]) -> RawBlock {
        RawBlock::Row(cells.iter().map(|c| c.to_string()).collect())
    }

    #[test]
    fn ruled_table_with_merged_cells_and_wrapped_labels() {
        // Columns at 100, 160, 260, 290, 320; rows at 100, 130, 150, 170.
        // 「（三）不予公开」 spans rows 2–3 of column 1; the label of row 2 wraps onto two
        // lines; row 1 is one cell across all columns. Row 3 has a blank first number.
        let rules = vec![
            h(100.0, 100.0, 320.0),
            h(130.0, 100.0, 320.0),
            h(150.0, 160.0, 320.0),
            h(170.0, 100.0, 320.0),
            v(100.0, 100.0, 170.0),
            v(160.0, 130.0, 170.0),
            v(260.0, 130.0, 170.0),
            v(290.0, 130.0, 170.0),
            v(320.0, 100.0, 170.0),
        ];
        let glyphs = vec![
            text("第二十条", 105.0, 120.0),
            text("（三）不", 105.0, 140.0),
            text("予公开", 105.0, 152.0),
            text("4.保护第三方", 165.0, 138.0),
            text("合法权益", 165.0, 148.0),
            text("0", 265.0, 145.0),
            text("1", 295.0, 145.0),
            text("2", 295.0, 165.0),
            text("5.其他", 165.0, 165.0),
        ];
        let blocks = blocks(&[page(glyphs, rules)]);
        assert_eq!(
            blocks,
            vec![
                row(&["第二十条"]),
                row(&["（三）不予公开", "4.保护第三方合法权益", "0", "1"]),
                row(&["5.其他", "", "2"]),
            ]
        );
    }

    #[test]
    fn borderless_rows_take_their_wrapped_labels() {
        let glyphs = vec![
            text("（二）部分公开（区分", 100.0, 100.0),
            text("5", 300.0, 106.0),
            text("0", 330.0, 106.0),
            text("5", 360.0, 106.0),
            text("处理的）", 100.0, 112.0),
            text("（三）总计", 100.0, 130.0),
            text("10", 300.0, 130.0),
            text("0", 330.0, 130.0),
            text("10", 360.0, 130.0),
        ];
        let blocks = blocks(&[page(glyphs, vec![])]);
        assert_eq!(
            blocks,
            vec![
                row(&["（二）部分公开（区分处理的）", "5", "0", "5"]),
                row(&["（三）总计", "10", "0", "10"]),
            ]
        );
    }

    #[test]
    fn paragraphs_rejoin_and_page_numbers_go() {
        let long = "本年度共收到政府信息公开申请七十件，".repeat(2);
        let p1 = page(
            vec![
                text("一、总体情况", 100.0, 100.0),
                text(&long, 100.0, 120.0),
                text("全部按时办结。", 100.0, 134.0),
                text("— 1 —", 280.0, 780.0),
            ],
            vec![],
        );
        let p2 = page(
            vec![
                text("二、主动公开", 100.0, 100.0),
                text("- 2 -", 280.0, 780.0),
            ],
            vec![],
        );
        assert_eq!(
            blocks(&[p1, p2]),
            vec![
                RawBlock::Para("一、总体情况".into()),
                RawBlock::Para(format!("{long}全部按时办结。")),
                RawBlock::Para("二、主动公开".into()),
            ]
        );
    }

    #[test]
    fn page_numbers() {
        for t in [
            "5",
            "- 5 -",
            "— 12 —",
            "第 5 页",
            "第5页，共12页",
            "3 / 10",
            "Page 2",
        ] {
            assert!(is_page_number(t), "{t}");
        }
        for t in [
            "一、总体情况",
            "2021年",
            "第二十条",
            "5.属于三类内部事务信息",
        ] {
            assert!(!is_page_number(t), "{t}");
        }
    }
}
