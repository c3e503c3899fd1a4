//! Main-text characters + paragraph properties → [`RawBlock`]s ([MS-DOC] 2.4.3 tables, 2.8.25
//! special characters).
//!
//! Paragraphs end at 0x0D, and in a table at 0x07. At table depth 1 a 0x07 ends a cell, except
//! the TTP paragraph's 0x07, which ends the row. Nested tables (depth 2+) are flattened into the
//! outer cell: their paragraphs and cell marks (0x0D there) become paragraphs of that cell.

use super::limits;
use super::papx::Props;
use super::pieces::Ch;
use super::DocError;
use crate::source::office::RawBlock;

const CELL_MARK: u16 = 0x07;
const PARA_MARK: u16 = 0x0D;
const FIELD_BEGIN: u16 = 0x13;
const FIELD_SEP: u16 = 0x14;
const FIELD_END: u16 = 0x15;
/// A page or section break: inside a paragraph's text it splits the paragraph (a section break
/// ends one; a page break does not, but splitting there is harmless and keeps headings apart).
const BREAK: char = '\u{c}';

/// `props` gives a paragraph mark's properties; `None` when the file's are unreadable, which is
/// only acceptable without tables: 0x07 alone cannot tell an empty cell from a row end, so
/// guessing could shift values into the wrong columns. `hidden` tells deleted or hidden text,
/// which is left out (marks and field characters keep the structure either way).
pub fn build<F, H>(text: &[Ch], props: Option<F>, hidden: H) -> Result<Vec<RawBlock>, DocError>
where
    F: Fn(&Ch) -> Result<Props, DocError>,
    H: Fn(&Ch) -> Result<bool, DocError>,
{
    let has_tables = text.iter().any(|c| c.unit == CELL_MARK);
    if has_tables && props.is_none() {
        return Err(DocError::NoTableInfo);
    }
    let mut b = Builder::default();
    for ch in text {
        match ch.unit {
            PARA_MARK | CELL_MARK => {
                let p = match (&props, has_tables) {
                    (Some(f), true) => f(ch)?,
                    _ => Props::default(),
                };
                b.end_paragraph(ch.unit, &p)?;
            }
            FIELD_BEGIN => b.fields.begin(),
            FIELD_SEP => b.fields.separate(),
            FIELD_END => b.fields.end(),
            u => {
                if !b.fields.in_code() && !hidden(ch)? {
                    push_char(&mut b.para, u);
                }
            }
        }
    }
    b.finish()
}

/// The text a character stands for in a paragraph (objects, footnote references, optional
/// hyphens and other controls stand for nothing).
fn push_char(para: &mut Vec<u16>, u: u16) {
    match u {
        0x09 => para.push(u),
        // Line break, and a column break (so that words either side stay apart).
        0x0B | 0x0E => para.push('\n' as u16),
        0x0C => para.push(BREAK as u16),
        // Non-breaking hyphen.
        0x1E => para.push('-' as u16),
        // Optional hyphen (0x1F), pictures and objects (0x01, 0x08), note references (0x02) …
        0x00..=0x1F => {}
        _ => para.push(u),
    }
}

/// Which part of the open fields we are in: a field shows its result (after 0x14), never its
/// code (0x13 up to 0x14, or up to 0x15 when there is no result).
#[derive(Default)]
struct Fields {
    /// Per open field: still in its code.
    open: Vec<bool>,
    /// Begins past the depth limit, whose separators and ends are then skipped.
    overflow: usize,
}

impl Fields {
    fn begin(&mut self) {
        if self.open.len() < limits::FIELD_DEPTH {
            self.open.push(true);
        } else {
            self.overflow += 1;
        }
    }
    fn separate(&mut self) {
        if self.overflow == 0 {
            if let Some(top) = self.open.last_mut() {
                *top = false;
            }
        }
    }
    fn end(&mut self) {
        if self.overflow > 0 {
            self.overflow -= 1;
        } else {
            self.open.pop();
        }
    }
    fn in_code(&self) -> bool {
        self.open.iter().any(|&code| code)
    }
}

#[derive(Default)]
struct Builder {
    out: Vec<RawBlock>,
    /// The open paragraph's characters (UTF-16, so surrogate pairs decode at the end).
    para: Vec<u16>,
    /// The open cell's paragraphs.
    cell: Vec<String>,
    /// The open row's finished cells.
    row: Vec<String>,
    fields: Fields,
}

impl Builder {
    fn end_paragraph(&mut self, mark: u16, p: &Props) -> Result<(), DocError> {
        let text = String::from_utf16_lossy(&self.para);
        self.para.clear();
        match p.depth {
            0 => {
                // A cell mark outside any table: the properties do not fit the text.
                if mark == CELL_MARK {
                    return Err(DocError::NoTableInfo);
                }
                self.flush_row(&[]);
                self.paragraph(&text);
            }
            1 if mark == CELL_MARK && p.ttp => {
                // The row mark's own paragraph is empty; keep stray text as a cell.
                if !text.trim().is_empty() {
                    self.cell.push(text);
                }
                self.flush_row(&p.merged);
            }
            1 if mark == CELL_MARK => {
                self.cell.push(text);
                self.end_cell();
            }
            // A nested table's row mark is an empty paragraph of its own.
            _ if p.depth > 1 && p.inner_ttp && text.trim().is_empty() => {}
            _ => self.cell.push(text),
        }
        Ok(())
    }

    fn end_cell(&mut self) {
        let parts: Vec<&str> = self
            .cell
            .iter()
            .map(String::as_str)
            .filter(|s| !s.trim().is_empty())
            .collect();
        self.row.push(parts.join(" "));
        self.cell.clear();
    }

    /// Emits the open row. Cells that only continue a merged cell are dropped when the row
    /// definition accounts for every cell, so that a row reads like the HTML (where a rowspan'd
    /// cell is written once, in its first row).
    fn flush_row(&mut self, merged: &[bool]) {
        if !self.cell.is_empty() {
            self.end_cell();
        }
        if self.row.is_empty() {
            return;
        }
        let mut cells = std::mem::take(&mut self.row);
        if merged.len() == cells.len() {
            let mut k = 0;
            cells.retain(|c| {
                let keep = !merged[k] || !c.trim().is_empty();
                k += 1;
                keep
            });
        }
        self.out.push(RawBlock::Row(cells));
    }

    fn paragraph(&mut self, text: &str) {
        for part in text.split(BREAK) {
            self.out.push(RawBlock::Para(part.to_string()));
        }
    }

    fn finish(mut self) -> Result<Vec<RawBlock>, DocError> {
        if !self.para.is_empty() {
            let text = String::from_utf16_lossy(&std::mem::take(&mut self.para));
            if self.row.is_empty() && self.cell.is_empty() {
                self.paragraph(&text);
            } else {
                self.cell.push(text);
            }
        }
        self.flush_row(&[]);
        Ok(self.out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Characters with fc = position, so a test's props can be keyed by position.
    fn chars(s: &str) -> Vec<Ch> {
        s.encode_utf16()
            .enumerate()
            .map(|(i, unit)| Ch {
                unit,
                fc: i as u32,
                piece: 0,
            })
            .collect()
    }

    type Lookup = fn(&Ch) -> Result<Props, DocError>;

    /// Builds with no hidden text.
    fn build<F>(text: &[Ch], props: Option<F>) -> Result<Vec<RawBlock>, DocError>
    where
        F: Fn(&Ch) -> Result<Props, DocError>,
    {
        super::build(text, props, |_| Ok(false))
    }

    #[test]
    fn deleted_text_is_left_out() {
        // "99" deleted, "70" inserted (a tracked change); field characters still count.
        let t = chars("总计99\u{13}x\u{14}70\u{15}件\r");
        let gone = |c: &Ch| Ok((2..4).contains(&c.fc) || c.fc == 5);
        let b = super::build(&t, no_props(), gone).unwrap();
        assert_eq!(paras(&b), vec!["总计70件"]);
    }

    fn no_props() -> Option<Lookup> {
        None
    }

    fn paras(b: &[RawBlock]) -> Vec<&str> {
        b.iter()
            .map(|b| match b {
                RawBlock::Para(p) => p.as_str(),
                RawBlock::Row(_) => "<row>",
            })
            .collect()
    }

    #[test]
    fn special_characters() {
        let t = chars("总\u{1}计\u{8}：\u{2}12\u{1f}3\r一\u{b}二\u{1e}三\t四\r前\u{c}后\r");
        let b = build(&t, no_props()).unwrap();
        assert_eq!(paras(&b), vec!["总计：123", "一\n二-三\t四", "前", "后"]);
    }

    #[test]
    fn fields_show_their_result_not_their_code() {
        let t = chars(
            "第\u{13} PAGE \u{14}3\u{15}页\u{13}TOC\u{15}，\u{13} IF \u{13}=1\u{14}1\u{15} \u{14}是\u{15}\r",
        );
        assert_eq!(paras(&build(&t, no_props()).unwrap()), vec!["第3页，是"]);
        // Unbalanced and very deep fields neither panic nor leak code.
        let deep = "\u{13}".repeat(100) + "x" + &"\u{15}".repeat(150) + "y\r";
        assert_eq!(paras(&build(&chars(&deep), no_props()).unwrap()), vec!["y"]);
    }

    #[test]
    fn surrogate_pairs_decode() {
        let b = build(&chars("𠀀字\r"), no_props()).unwrap();
        assert_eq!(paras(&b), vec!["𠀀字"]);
    }

    /// Props by the mark's character position: `rows` lists the TTP marks (with their merge
    /// flags), `cells` the cell marks and their paragraphs' positions; `nested` positions are at
    /// depth 2 and `inner_ttp` ones end a nested row.
    struct Layout {
        ttp: Vec<(u32, Vec<bool>)>,
        table: std::ops::Range<u32>,
        nested: std::ops::Range<u32>,
        inner_ttp: Vec<u32>,
    }

    impl Layout {
        fn props(&self, c: &Ch) -> Result<Props, DocError> {
            let mut p = Props::default();
            if self.table.contains(&c.fc) {
                p.depth = 1;
            }
            if self.nested.contains(&c.fc) {
                p.depth = 2;
                p.inner_ttp = self.inner_ttp.contains(&c.fc);
            }
            if let Some((_, m)) = self.ttp.iter().find(|(at, _)| *at == c.fc) {
                p.ttp = true;
                p.merged = m.clone();
            }
            Ok(p)
        }
    }

    fn pos(s: &str, nth_mark: usize) -> u32 {
        s.encode_utf16()
            .enumerate()
            .filter(|(_, u)| *u == 7 || *u == 13)
            .nth(nth_mark)
            .unwrap()
            .0 as u32
    }

    #[test]
    fn rows_cells_and_merges() {
        // Row 1: "项目" | "a b" (two paragraphs) | "" ; row 2: a merged continuation cell, "1",
        // "" (an empty cell kept); then a paragraph.
        let s = "前言\r项目\x07a\rb\x07\x07\x07\x071\x07\x07\x07后记\r";
        let l = Layout {
            ttp: vec![(pos(s, 5), vec![]), (pos(s, 9), vec![true, false, false])],
            table: pos(s, 0) + 1..pos(s, 9) + 1,
            nested: 0..0,
            inner_ttp: vec![],
        };
        let b = build(&chars(s), Some(|c: &Ch| l.props(c))).unwrap();
        assert_eq!(
            b,
            vec![
                RawBlock::Para("前言".into()),
                RawBlock::Row(vec!["项目".into(), "a b".into(), "".into()]),
                RawBlock::Row(vec!["1".into(), "".into()]),
                RawBlock::Para("后记".into()),
            ]
        );
    }

    #[test]
    fn nested_table_is_flattened_into_its_cell() {
        // Outer cell 1 holds a nested 1×2 table (cells end at 0x0D, row at an inner TTP 0x0D).
        let s = "甲\r乙\r\r\x07丙\x07\x07";
        let l = Layout {
            ttp: vec![(pos(s, 5), vec![])],
            table: 0..pos(s, 5) + 1,
            nested: 0..pos(s, 2) + 1,
            inner_ttp: vec![pos(s, 2)],
        };
        let b = build(&chars(s), Some(|c: &Ch| l.props(c))).unwrap();
        assert_eq!(b, vec![RawBlock::Row(vec!["甲 乙".into(), "丙".into()])]);
    }

    #[test]
    fn cell_marks_need_table_properties() {
        assert_eq!(
            build(&chars("a\x07\x07"), no_props()),
            Err(DocError::NoTableInfo)
        );
        let outside = |_: &Ch| Ok(Props::default());
        assert_eq!(
            build(&chars("a\x07\x07"), Some(outside)),
            Err(DocError::NoTableInfo)
        );
        let broken = |_: &Ch| Err(DocError::NoTableInfo);
        assert_eq!(
            build(&chars("a\x07\x07"), Some(broken)),
            Err(DocError::NoTableInfo)
        );
    }
}
