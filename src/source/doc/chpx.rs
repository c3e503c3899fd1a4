//! Character properties, only to leave out text that is not part of the document as it reads:
//! deleted revisions (sprmCFRMarkDel — a clerk's tracked change from 99 to 70 keeps both in
//! the text stream) and hidden text (sprmCFVanish). [MS-DOC] 2.9.21 PlcBteChpx → 2.9.44 ChpxFkp
//! → 2.9.40 Chpx.
//!
//! Unreadable character properties hide nothing: that keeps all the text, as a reader without
//! them would, rather than refusing files that are otherwise fine.

use super::fib::Fib;
use super::fkp::{self, Bte};
use super::pieces::{Ch, PieceTable};
use super::sprm::{self, Budget};
use super::{slice, u8_at, DocError};
use std::cell::Cell;

const SPRM_C_F_R_MARK_DEL: u16 = 0x0800;
const SPRM_C_F_VANISH: u16 = 0x083C;

pub struct CharProps<'a> {
    word: &'a [u8],
    bte: Option<Bte<'a>>,
    pieces: &'a PieceTable,
    budget: &'a Budget,
    /// The last run looked up (fc range, piece, hidden): consecutive characters share runs.
    last: Cell<Option<(u32, u32, u32, bool)>>,
}

impl<'a> CharProps<'a> {
    pub fn reader(
        word: &'a [u8],
        table: &'a [u8],
        fib: &Fib,
        pieces: &'a PieceTable,
        budget: &'a Budget,
    ) -> Self {
        CharProps {
            word,
            bte: Bte::new(table, fib.fc_plcf_bte_chpx, fib.lcb_plcf_bte_chpx),
            pieces,
            budget,
            last: Cell::new(None),
        }
    }

    /// Whether `ch` is deleted or hidden text.
    pub fn hidden(&self, ch: &Ch) -> Result<bool, DocError> {
        if let Some((lo, hi, piece, hidden)) = self.last.get() {
            if lo <= ch.fc && ch.fc < hi && piece == ch.piece {
                return Ok(hidden);
            }
        }
        let found = self.bte.and_then(|b| b.page(self.word, ch.fc));
        let (lo, hi, grpprl) = found.and_then(|page| chpx(page, ch.fc)).unwrap_or((
            ch.fc,
            ch.fc.saturating_add(1),
            &[],
        ));
        let prm = sprm::of_prm(self.pieces, ch);
        let mut hidden = false;
        for g in [grpprl, &prm] {
            self.budget.spend(g.len())?;
            let mut g: &[u8] = g;
            while let Some((sprm, operand, rest)) = sprm::next(g) {
                g = rest;
                if sprm == SPRM_C_F_R_MARK_DEL || sprm == SPRM_C_F_VANISH {
                    hidden |= sprm::toggle(operand);
                }
            }
        }
        self.last.set(Some((lo, hi, ch.piece, hidden)));
        Ok(hidden)
    }
}

/// The run holding `fc` in a ChpxFkp page and its Chpx grpprl (a size byte, then the sprms).
fn chpx(page: &[u8], fc: u32) -> Option<(u32, u32, &[u8])> {
    let (lo, hi, at) = fkp::run(page, 1, fc)?;
    if at == 0 {
        return Some((lo, hi, &[]));
    }
    let cb = u8_at(page, at)? as usize;
    Some((lo, hi, slice(page, at + 1, cb)?))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deleted_and_hidden_runs() {
        let mut page = vec![0u8; 512];
        page[511] = 3;
        for (k, fc) in [0u32, 10, 20, 30].iter().enumerate() {
            page[4 * k..4 * k + 4].copy_from_slice(&fc.to_le_bytes());
        }
        // Run 1: sprmCFRMarkDel on; run 2: sprmCFVanish 0 (off) then a bold sprm.
        page[16 + 1] = 100;
        page[200..204].copy_from_slice(&[3, 0x00, 0x08, 1]);
        page[16 + 2] = 110;
        page[220..227].copy_from_slice(&[6, 0x3C, 0x08, 0, 0x35, 0x08, 1]);
        assert_eq!(chpx(&page, 5), Some((0, 10, &[][..])));
        assert_eq!(chpx(&page, 15), Some((10, 20, &[0x00, 0x08, 1][..])));
        assert_eq!(chpx(&page, 25).map(|r| r.2.len()), Some(6));
        assert_eq!(chpx(&page, 30), None);
    }
}
