//! Glyphs and ruling lines → paragraphs and table rows. Tables are found by their borders:
//! the lines a page draws meet in grids; the grid's lines, where present, separate its units,
//! and the units no line separates form one (merged) cell. A cell's text is every glyph in its
//! box, so labels that wrap rejoin and neighbouring numbers never glue. Text outside the grids
//! forms lines (split into cells at wide gaps) and paragraphs; page numbers and running
//! headers and footers are dropped.

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
        let mut items: Vec<(f64, Item)> = Vec::new();
        for mut line in lines(free) {
            line.page = i;
            if margins.get(i).is_some_and(|m| {
                m.iter()
                    .any(|&(y, ref text)| (y - line.y).abs() < 1.0 && *text == line.text())
            }) {
                continue;
            }
            items.push((line.y - line.size, Item::Line(line)));
        }
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
fn join(to: &mut String, next: &str) {
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
struct Line {
    page: usize,
    y: f64,
    size: f64,
    x0: f64,
    x1: f64,
    glyphs: Vec<Glyph>,
}

impl Line {
    fn text(&self) -> String {
        self.cells().join(" ")
    }

    /// The line's text, split where a gap is wider than about two characters (columns of a
    /// table drawn without borders).
    fn cells(&self) -> Vec<String> {
        let mut cells = vec![String::new()];
        let mut prev: Option<&Glyph> = None;
        for g in &self.glyphs {
            if let (Some(p), Some(cell)) = (prev, cells.last_mut()) {
                let gap = g.x0 - p.x1;
                let em = p.size.max(g.size).max(1.0);
                if gap > 2.0 * em {
                    cells.push(String::new());
                } else if gap > space_gap(p, g, em) {
                    cell.push(' ');
                }
            }
            if let Some(cell) = cells.last_mut() {
                cell.push_str(&g.text);
            }
            prev = Some(g);
        }
        cells
    }
}

/// The gap that reads as a space between two glyphs: a quarter em between Latin letters or
/// digits; between CJK text and anything a whole em (LibreOffice and Word add a little room
/// between CJK and Latin text, which is no space in the source).
fn space_gap(a: &Glyph, b: &Glyph, em: f64) -> f64 {
    let wide = a.text.chars().next_back().is_some_and(is_wide)
        || b.text.chars().next().is_some_and(is_wide);
    if wide {
        em
    } else {
        0.2 * em
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
