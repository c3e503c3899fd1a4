//! Property modifiers ([MS-DOC] 2.2.5.1 Sprm, 2.6 operand sizes) and what a piece's Prm adds
//! (2.9.214 Prm0, 2.9.216 Prm1).

use super::pieces::{Ch, PieceTable};
use super::{limits, slice, u16_at, u8_at, DocError};
use std::borrow::Cow;
use std::cell::Cell;

pub const SPRM_T_DEF_TABLE: u16 = 0xD608;
const SPRM_T_DEF_TABLE10: u16 = 0xD606;
const SPRM_P_CHG_TABS: u16 = 0xC615;

/// The next sprm, its operand and the rest of the grpprl; `None` at the end or when the last
/// sprm is cut short.
pub fn next(g: &[u8]) -> Option<(u16, &[u8], &[u8])> {
    let sprm = u16_at(g, 0)?;
    // The operand size is in the sprm's top three bits (spra).
    let size = match sprm >> 13 {
        0 | 1 => 1,
        2 | 4 | 5 => 2,
        3 => 4,
        7 => 3,
        // Variable: a size byte, except the two sprms whose operand counts itself differently.
        _ => match sprm {
            SPRM_T_DEF_TABLE | SPRM_T_DEF_TABLE10 => 1 + u16_at(g, 2)? as usize,
            SPRM_P_CHG_TABS if u8_at(g, 2)? == 255 => {
                // PChgTabsDelOperand (cTabs, 4 bytes a tab) then PChgTabsAddOperand (cTabs,
                // 3 bytes a tab).
                let del = u8_at(g, 3)? as usize;
                let add = u8_at(g, 4 + 4 * del)? as usize;
                1 + (1 + 4 * del) + (1 + 3 * add)
            }
            _ => 1 + u8_at(g, 2)? as usize,
        },
    };
    let operand = slice(g, 2, size)?;
    Some((sprm, operand, g.get(2 + size..)?))
}

/// A ToggleOperand ([MS-DOC] 2.9.327): 1 on, 0x81 the opposite of the style's (taken as off,
/// styles are not read).
pub fn toggle(operand: &[u8]) -> bool {
    matches!(operand.first(), Some(1 | 0x81))
}

/// Bytes of sprms parsed in one document, against [`limits::SPRM_BYTES`]: a hostile file could
/// point every character at the same large property record.
#[derive(Default)]
pub struct Budget(Cell<usize>);

impl Budget {
    pub fn spend(&self, n: usize) -> Result<(), DocError> {
        let spent = self.0.get().saturating_add(n);
        self.0.set(spent);
        if spent > limits::SPRM_BYTES {
            return Err(DocError::Corrupt);
        }
        Ok(())
    }
}

/// The sprms the Prm of `ch`'s piece applies on top of the FKP's (fast-saved edits): Prm1 is a
/// Clx grpprl; Prm0 one sprm by a 7-bit index, of which only those this reader uses are
/// mapped (the full table would be dead weight in the wasm).
pub fn of_prm<'a>(pieces: &'a PieceTable, ch: &Ch) -> Cow<'a, [u8]> {
    let Some(piece) = pieces.pieces.get(ch.piece as usize) else {
        return Cow::Borrowed(&[]);
    };
    let prm = piece.prm;
    if prm & 1 == 1 {
        return match pieces.grpprls.get((prm >> 1) as usize) {
            Some(g) => Cow::Borrowed(g),
            None => Cow::Borrowed(&[]),
        };
    }
    let sprm: u16 = match (prm >> 1) & 0x7F {
        0x18 => 0x2416, // sprmPFInTable
        0x19 => 0x2417, // sprmPFTtp
        0x41 => 0x0800, // sprmCFRMarkDel
        0x5C => 0x083C, // sprmCFVanish
        _ => return Cow::Borrowed(&[]),
    };
    let [lo, hi] = sprm.to_le_bytes();
    Cow::Owned(vec![lo, hi, (prm >> 8) as u8])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::doc::pieces::Piece;

    #[test]
    fn operand_sizes() {
        assert_eq!(
            next(&[0x16, 0x24, 1, 9]),
            Some((0x2416, &[1][..], &[9][..]))
        );
        assert_eq!(next(&[0x49, 0x66, 2, 0, 0, 0]).map(|s| s.1.len()), Some(4));
        // Variable: a size byte; sprmTDefTable: a size word that counts itself minus one.
        assert_eq!(
            next(&[0x00, 0xC6, 2, 7, 7]).map(|s| s.1),
            Some(&[2, 7, 7][..])
        );
        assert_eq!(
            next(&[0x08, 0xD6, 3, 0, 5, 5]).map(|s| s.1),
            Some(&[3, 0, 5, 5][..])
        );
        assert_eq!(next(&[0x08, 0xD6, 9, 0, 5, 5]), None);
        // sprmPChgTabs with 255: one tab deleted, none added.
        let g = [0x15, 0xC6, 255, 1, 0, 0, 0, 0, 0, 0xFF];
        assert_eq!(next(&g).map(|s| s.2), Some(&[0xFF][..]));
    }

    #[test]
    fn prm_sprms() {
        let ch = Ch {
            unit: 0,
            fc: 0,
            piece: 0,
        };
        let table = |prm| PieceTable {
            pieces: vec![Piece {
                cp_start: 0,
                cp_end: 1,
                fc: 0,
                compressed: false,
                prm,
            }],
            grpprls: vec![vec![0x3C, 0x08, 1]],
        };
        assert_eq!(&*of_prm(&table(0x05 << 1 | 0x0100), &ch), &[] as &[u8]);
        assert_eq!(&*of_prm(&table(0x18 << 1 | 0x0100), &ch), &[0x16, 0x24, 1]);
        assert_eq!(&*of_prm(&table(1), &ch), &[0x3C, 0x08, 1]);
        assert_eq!(&*of_prm(&table(3), &ch), &[] as &[u8]);
        let budget = Budget::default();
        assert!(budget.spend(limits::SPRM_BYTES).is_ok());
        assert_eq!(budget.spend(1), Err(DocError::Corrupt));
    }
}
