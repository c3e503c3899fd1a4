//! Glyphs and ruling lines → paragraphs and table rows. Tables are found by their borders:
//! the lines a page draws meet in grids; the grid's lines, where present, separate its units,
//! and the units no line separates form one (merged) cell. A cell's text is every glyph in its
//! box, so labels that wrap rejoin and neighbouring numbers never glue. Text outside the grids
//! forms lines (split into cells at wide gaps) and paragraphs; page numbers and running
//! headers and footers are dropped.

mod grid;
mod margins;
mod unruled;

use super::content::{Glyph, Page};
use crate::source::office::RawBlock;
use grid::{tables, Cell};
use margins::margin_lines;

pub fn blocks(pages: &[Page]) -> Vec<RawBlock> {
    let margins = margin_lines(pages);
    let mut out: Vec<Item> = Vec::new();
    let mut budget = grid::MAX_WORK;
    for (i, page) in pages.iter().enumerate() {
        let tables = tables(&page.rules, &mut budget);
        let (cells, free) = place(&page.glyphs, &tables);
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
        let first_line = items.iter().map(|(y, _)| *y).fold(f64::MAX, f64::min);
        for (k, (t, cells)) in tables.iter().zip(cells).enumerate() {
            let mut rows = t.rows(&cells);
            // The first table of a page that starts above any text continues the table the
            // previous page ended with.
            let before = match out.last_mut() {
                Some(Item::Table(prev, _)) if k == 0 && t.top() < first_line => Some(prev),
                _ => None,
            };
            if let Some(prev) = before {
                if let (Some(last), Some(first)) = (prev.last_mut(), rows.first_mut()) {
                    rejoin_split_header(last, first);
                }
                for row in &mut rows {
                    drop_merged_pieces(row);
                }
            }
            items.push((t.top(), Item::Table(rows, t.right())));
        }
        items.sort_by(|a, b| a.0.total_cmp(&b.0));
        out.extend(items.into_iter().map(|(_, it)| it));
    }
    assemble(out)
}

/// A header row that a page break cut in two (LibreOffice and Word let rows break across
/// pages): the cells of the continued table's first row that sit exactly under a cell with
/// text go back into it. Only header rows — three or more cells of text and no numbers on
/// either side — since a data row's remainder cannot be told from a row left blank.
fn rejoin_split_header(last: &mut [Cell], first: &mut [Cell]) {
    let numbers = |r: &[Cell]| r.iter().any(|c| is_value(&c.text));
    if numbers(last) || numbers(first) || last.iter().filter(|c| !c.text.is_empty()).count() < 3 {
        return;
    }
    for c in first.iter_mut().filter(|c| !c.text.is_empty()) {
        let above = last.iter_mut().find(|p| {
            !p.text.is_empty()
                && (p.x0 - c.x0).abs() <= grid::SNAP
                && (p.x1 - c.x1).abs() <= grid::SNAP
        });
        if let Some(p) = above {
            join(&mut p.text, &std::mem::take(&mut c.text));
        }
    }
}

/// In a table continued from the previous page, empty cells before a row's first text are
/// pieces of merged cells whose labels stayed on that page (LibreOffice repeats the merged
/// cell's box; Chromium even cuts it into several boxes): no cells of their own. The official
/// tables have no empty cell before a row's label.
fn drop_merged_pieces(row: &mut Vec<Cell>) {
    if let Some(k) = row.iter().position(|c| !c.text.is_empty()) {
        row.drain(..k);
    }
}

/// The glyphs of each cell of each table.
type InCells<'g> = Vec<Vec<Vec<&'g Glyph>>>;

/// Each glyph into the table cell that holds its centre, or free.
fn place<'g>(glyphs: &'g [Glyph], tables: &[grid::Table]) -> (InCells<'g>, Vec<&'g Glyph>) {
    let mut cells: InCells = tables
        .iter()
        .map(|t| vec![Vec::new(); t.cells.len()])
        .collect();
    let mut free = Vec::new();
    for g in glyphs {
        // The centre of a CJK glyph's body: a third of the size above the baseline.
        let (cx, cy) = ((g.x0 + g.x1) / 2.0, g.y - g.size * 0.35);
        let slot = tables
            .iter()
            .enumerate()
            .find_map(|(ti, t)| t.cell_at(cx, cy).map(|c| (ti, c)))
            .and_then(|(ti, c)| cells.get_mut(ti)?.get_mut(c));
        match slot {
            Some(cell) => cell.push(g),
            None => free.push(g),
        }
    }
    (cells, free)
}

enum Item {
    /// Rows, and the table's right edge.
    Table(Vec<Vec<Cell>>, f64),
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
                // Rows emptied by rejoining a cut header (or drawn empty) are no rows.
                out.extend(
                    rows.into_iter()
                        .filter(|r| r.iter().any(|c| !c.text.is_empty()))
                        .map(|r| RawBlock::Row(r.into_iter().map(|c| c.text).collect())),
                );
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

/// A number, or one of the marks reports write for none.
pub(super) fn is_value(t: &str) -> bool {
    let t = t.trim();
    matches!(t, "—" | "——" | "-" | "－" | "/" | "无")
        || (t.chars().any(|c| c.is_ascii_digit())
            && t.chars()
                .all(|c| c.is_ascii_digit() || matches!(c, ',' | '.' | '%' | '，')))
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
    /// The line as one text: its wide gaps read as a space between Latin words and as
    /// nothing in CJK text (Word's 「分散对齐」 spreads 「总计」 across a cell as 「总    计」).
    fn text(&self) -> String {
        let mut t = String::new();
        for s in self.cells() {
            join(&mut t, &s);
        }
        t
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

#[cfg(test)]
mod tests {
    use super::super::content::Rule;
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

    /// Three columns at 100, 140, 180, 220 and rows between `ys`, all lines drawn.
    fn grid3(ys: &[f64]) -> Vec<Rule> {
        let (top, bottom) = (ys[0], ys[ys.len() - 1]);
        let mut r: Vec<Rule> = ys.iter().map(|&y| h(y, 100.0, 220.0)).collect();
        r.extend([100.0, 140.0, 180.0, 220.0].map(|x| v(x, top, bottom)));
        r
    }

    #[test]
    fn a_header_row_cut_by_a_page_break_is_one_row() {
        let p1 = page(
            vec![
                text("结果", 105.0, 770.0),
                text("结果", 145.0, 770.0),
                text("其他", 185.0, 770.0),
            ],
            grid3(&[750.0, 780.0]),
        );
        let p2 = page(
            vec![
                text("维持", 105.0, 70.0),
                text("纠正", 145.0, 70.0),
                text("结果", 185.0, 70.0),
                text("规章", 105.0, 90.0),
                text("1", 145.0, 90.0),
            ],
            grid3(&[60.0, 80.0, 100.0]),
        );
        let got = blocks(&[p1, p2]);
        assert_eq!(
            got,
            vec![
                row(&["结果维持", "结果纠正", "其他结果"]),
                row(&["规章", "1", ""]),
            ]
        );
    }

    #[test]
    fn a_spread_label_reads_as_written() {
        let rules = grid3(&[100.0, 130.0]);
        let glyphs = vec![
            text("总", 102.0, 120.0),
            text("计", 128.0, 120.0),
            text("7", 150.0, 120.0),
        ];
        assert_eq!(
            blocks(&[page(glyphs, rules)]),
            vec![row(&["总计", "7", ""])]
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
}
