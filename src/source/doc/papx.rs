//! Paragraph properties, only as far as tables need them ([MS-DOC] 2.4.3 tables, 2.4.6.1 direct
//! paragraph formatting): PlcBtePapx (table stream) → PapxFkp pages of 512 bytes (WordDocument
//! stream) → the PapxInFkp of a paragraph mark → its sprms. The mark's character position in
//! the stream (its fc) selects the page and the run.

use super::fib::Fib;
use super::fkp::{self, Bte};
use super::pieces::{Ch, PieceTable};
use super::sprm::{self, Budget, SPRM_T_DEF_TABLE};
use super::{slice, u16_at, u32_at, u8_at, DocError};

/// What the reader needs to know about one paragraph (from the sprms of its mark).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Props {
    /// Table depth: 0 outside tables, 1 in a table, 2+ in nested tables.
    pub depth: u32,
    /// sprmPFTtp: this mark ends a depth-1 row.
    pub ttp: bool,
    /// sprmPFInnerTtp: this mark ends a row of a nested table.
    pub inner_ttp: bool,
    /// For a row end: per cell, whether it continues a merged cell (vertically, or an old-style
    /// horizontal merge) and so is not a cell of its own in the HTML sense.
    pub merged: Vec<bool>,
}

/// Looks up [`Props`] of paragraph marks.
pub struct ParaProps<'a> {
    word: &'a [u8],
    /// The `Data` stream, where sprmPHugePapx puts grpprls too large for an FKP page (Word and
    /// LibreOffice do it for rows with many cells: the row definition is big).
    data: Option<&'a [u8]>,
    /// `None` when the file has no usable PlcBtePapx.
    bte: Option<Bte<'a>>,
    pieces: &'a PieceTable,
    budget: &'a Budget,
}

// The sprms that matter here.
const SPRM_P_F_IN_TABLE: u16 = 0x2416;
const SPRM_P_F_TTP: u16 = 0x2417;
const SPRM_P_ITAP: u16 = 0x6649;
const SPRM_P_DTAP: u16 = 0x664A;
const SPRM_P_F_INNER_TTP: u16 = 0x244C;
const SPRM_T_VERT_MERGE: u16 = 0xD62B;
const SPRM_T_MERGE: u16 = 0x5624;
const SPRM_P_HUGE_PAPX: u16 = 0x6646;

/// A row has at most 63 cells ([MS-DOC] 2.4.3).
const MAX_CELLS: usize = 63;

impl<'a> ParaProps<'a> {
    pub fn reader(
        word: &'a [u8],
        table: &'a [u8],
        data: Option<&'a [u8]>,
        fib: &Fib,
        pieces: &'a PieceTable,
        budget: &'a Budget,
    ) -> Self {
        ParaProps {
            word,
            data,
            bte: Bte::new(table, fib.fc_plcf_bte_papx, fib.lcb_plcf_bte_papx),
            pieces,
            budget,
        }
    }

    pub fn available(&self) -> bool {
        self.bte.is_some()
    }

    /// The properties of the paragraph that `mark` (its 0x0D or 0x07) ends.
    pub fn of_mark(&self, mark: &Ch) -> Result<Props, DocError> {
        let bad = DocError::NoTableInfo;
        let page = self.bte.ok_or(bad)?.page(self.word, mark.fc).ok_or(bad)?;
        let grpprl = papx_in_fkp(page, mark.fc).ok_or(bad)?;
        let mut props = Sprms::default();
        self.apply(&mut props, grpprl)?;
        if let Some(at) = props.huge.take() {
            // PrcData: cbGrpprl (2 bytes), then the grpprl that stands for the FKP's.
            let data = self.data.ok_or(bad)?;
            let at = at as usize;
            let cb = u16_at(data, at).ok_or(bad)? as usize;
            let grpprl = slice(data, at.checked_add(2).ok_or(bad)?, cb).ok_or(bad)?;
            self.apply(&mut props, grpprl)?;
        }
        self.apply(&mut props, &sprm::of_prm(self.pieces, mark))?;
        Ok(props.finish())
    }

    /// Applies a grpprl within the document's sprm budget.
    fn apply(&self, props: &mut Sprms, grpprl: &[u8]) -> Result<(), DocError> {
        self.budget.spend(grpprl.len())?;
        props.apply(grpprl);
        Ok(())
    }
}

/// The grpprl of the PapxInFkp whose run holds `fc` in a PapxFkp page ([MS-DOC] 2.9.175: the
/// BxPap entries are 13 bytes, the first the record's offset / 2). `Some(&[])` for a run
/// without properties.
fn papx_in_fkp(page: &[u8], fc: u32) -> Option<&[u8]> {
    let (_, _, at) = fkp::run(page, 13, fc)?;
    if at == 0 {
        return Some(&[]);
    }
    // cb: the size in words, or 0 then a byte cb' for 2·cb' bytes; both start with the istd.
    let (start, len) = match u8_at(page, at)? as usize {
        0 => (at + 2, 2 * u8_at(page, at + 1)? as usize),
        cb => (at + 1, 2 * cb - 1),
    };
    let grp = slice(page, start, len)?;
    // Skip the istd (2 bytes).
    grp.get(2..)
}

/// Sprms applied in order.
#[derive(Default)]
struct Sprms {
    in_table: bool,
    itap: Option<u32>,
    dtap: i64,
    ttp: bool,
    inner_ttp: bool,
    /// Per cell: (vertMerge, horzMerge) of the TC80s, then changed by later sprms.
    cells: Vec<(u8, u8)>,
    /// sprmPHugePapx: where in the Data stream the real grpprl is.
    huge: Option<u32>,
}

impl Sprms {
    fn apply(&mut self, mut grpprl: &[u8]) {
        while let Some((sprm, operand, rest)) = sprm::next(grpprl) {
            grpprl = rest;
            let byte = operand.first().copied().unwrap_or(0);
            match sprm {
                SPRM_P_F_IN_TABLE => self.in_table = byte != 0,
                SPRM_P_F_TTP => self.ttp = byte != 0,
                SPRM_P_F_INNER_TTP => self.inner_ttp = byte != 0,
                SPRM_P_ITAP => self.itap = u32_at(operand, 0),
                SPRM_P_DTAP => {
                    let d = u32_at(operand, 0).map_or(0, |d| d as i32 as i64);
                    self.dtap = self.dtap.saturating_add(d);
                }
                SPRM_T_DEF_TABLE => self.def_table(operand),
                SPRM_P_HUGE_PAPX => self.huge = u32_at(operand, 0),
                SPRM_T_VERT_MERGE => {
                    // cb (2), itc, vertMerge.
                    if let (Some(itc), Some(v)) = (u8_at(operand, 1), u8_at(operand, 2)) {
                        if let Some(c) = self.cells.get_mut(itc as usize) {
                            c.0 = v & 3;
                        }
                    }
                }
                SPRM_T_MERGE => {
                    // itcFirst, itcLim: the first keeps its text, the others merge into it.
                    if let (Some(first), Some(lim)) = (u8_at(operand, 0), u8_at(operand, 1)) {
                        for (k, c) in self.cells.iter_mut().enumerate() {
                            if k == first as usize {
                                c.1 = 1;
                            } else if k > first as usize && k < lim as usize {
                                c.1 = 2;
                            }
                        }
                    }
                }
                _ => {}
            }
        }
    }

    /// TDefTableOperand after cb: itcMac, rgdxaCenter (itcMac + 1 × 2), then up to itcMac TC80
    /// of 20 bytes whose first word (tcgrf) holds horzMerge (bits 0–1) and vertMerge (5–6).
    fn def_table(&mut self, operand: &[u8]) {
        let Some(body) = operand.get(2..) else {
            return;
        };
        let n = body.first().copied().unwrap_or(0) as usize;
        if n > MAX_CELLS {
            // More cells than a row can have: no merge information rather than misplaced.
            self.cells.clear();
            return;
        }
        let tcs = 1 + 2 * (n + 1);
        self.cells = (0..n)
            .map(|k| {
                let tcgrf = u16_at(body, tcs + 20 * k).unwrap_or(0);
                (((tcgrf >> 5) & 3) as u8, (tcgrf & 3) as u8)
            })
            .collect();
    }

    fn finish(self) -> Props {
        let base = match self.itap {
            Some(d) => d as i64,
            None => self.in_table as i64,
        };
        let depth = base.saturating_add(self.dtap).clamp(0, u32::MAX as i64) as u32;
        Props {
            depth,
            ttp: self.ttp,
            inner_ttp: self.inner_ttp,
            merged: self.cells.iter().map(|&(v, h)| v == 1 || h >= 2).collect(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn props(grpprl: &[u8]) -> Props {
        let mut s = Sprms::default();
        s.apply(grpprl);
        s.finish()
    }

    #[test]
    fn table_flags_and_depth() {
        assert_eq!(props(&[]).depth, 0);
        let p = props(&[0x16, 0x24, 1, 0x17, 0x24, 1]);
        assert_eq!((p.depth, p.ttp), (1, true));
        // sprmPItap 2 (a nested table), then an unknown 2-byte sprm is skipped.
        let p = props(&[
            0x16, 0x24, 1, 0x49, 0x66, 2, 0, 0, 0, 0x00, 0x46, 9, 9, 0x4C, 0x24, 1,
        ]);
        assert_eq!((p.depth, p.inner_ttp), (2, true));
        // A cut-off sprm ends the list without reading past it.
        assert_eq!(props(&[0x16, 0x24, 1, 0x49, 0x66, 2]).depth, 1);
    }

    #[test]
    fn row_definition_marks_merged_cells() {
        // sprmTDefTable with 3 cells: plain, vertical continuation (vertMerge 1), restart (3).
        let mut op = vec![3u8];
        op.extend([0u8; 8]); // rgdxaCenter
        for tcgrf in [0u16, 1 << 5, 3 << 5] {
            op.extend(tcgrf.to_le_bytes());
            op.extend([0u8; 18]);
        }
        let mut g = vec![0x08, 0xD6];
        g.extend(((op.len() + 1) as u16).to_le_bytes());
        g.extend(&op);
        g.extend([0x17, 0x24, 1]);
        let p = props(&g);
        assert!(p.ttp);
        assert_eq!(p.merged, vec![false, true, false]);
        // sprmTVertMerge then changes cell 0.
        g.extend([0x2B, 0xD6, 2, 0, 1]);
        assert_eq!(props(&g).merged, vec![true, true, false]);
    }

    #[test]
    fn fkp_run_lookup() {
        let mut page = vec![0u8; 512];
        page[511] = 2;
        for (k, fc) in [100u32, 110, 120].iter().enumerate() {
            page[4 * k..4 * k + 4].copy_from_slice(&fc.to_le_bytes());
        }
        // Run 0: no properties; run 1: PapxInFkp at 2·200 with cb = 3 (5 bytes: istd + 3).
        page[12 + 13] = 200;
        page[400..406].copy_from_slice(&[3, 0, 0, 0x16, 0x24, 1]);
        assert_eq!(papx_in_fkp(&page, 105), Some(&[][..]));
        assert_eq!(papx_in_fkp(&page, 115), Some(&[0x16, 0x24, 1][..]));
        assert_eq!(papx_in_fkp(&page, 120), None);
        page[511] = 40;
        assert_eq!(papx_in_fkp(&page, 105), None);
    }
}
