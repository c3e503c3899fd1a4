//! The piece table ([MS-DOC] 2.9.38 Clx, 2.9.177 Pcdt, 2.9.178 PlcPcd): the document's text
//! is a sequence of pieces, each a run of either 8-bit (cp1252-like) or UTF-16LE characters
//! somewhere in the `WordDocument` stream. Fast-saved files simply have more pieces, out of
//! order in the stream, so reading through the table covers them.

use super::fib::Fib;
use super::{limits, slice, u16_at, u32_at, u8_at, DocError};

/// One piece: characters `cp_start..cp_end` stored from byte `fc` of the WordDocument stream.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Piece {
    pub cp_start: u32,
    pub cp_end: u32,
    pub fc: u32,
    /// fCompressed: one byte per character (at fc / 2), else two.
    pub compressed: bool,
    /// The Prm: properties applied to the whole piece (fast-saved edits).
    pub prm: u16,
}

/// A character of the main text and where its bytes sit in the WordDocument stream (which is
/// how paragraph properties are found for a paragraph mark).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Ch {
    pub unit: u16,
    pub fc: u32,
    /// Index of its piece, for the piece's Prm.
    pub piece: u32,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PieceTable {
    pub pieces: Vec<Piece>,
    /// The Prc grpprls of the Clx, which a Prm1 points at by index.
    pub grpprls: Vec<Vec<u8>>,
}

impl PieceTable {
    pub fn parse(table: &[u8], fib: &Fib) -> Result<PieceTable, DocError> {
        let clx =
            slice(table, fib.fc_clx as usize, fib.lcb_clx as usize).ok_or(DocError::Corrupt)?;
        Self::parse_clx(clx)
    }

    fn parse_clx(clx: &[u8]) -> Result<PieceTable, DocError> {
        let bad = DocError::Corrupt;
        let mut grpprls = Vec::new();
        let mut at = 0usize;
        // RgPrc (clxt 1) first, then exactly one Pcdt (clxt 2).
        loop {
            match u8_at(clx, at).ok_or(bad)? {
                0x01 => {
                    let cb = u16_at(clx, at + 1).ok_or(bad)? as usize;
                    // cbGrpprl is a signed 16-bit count, at most 0x3FA2.
                    if cb > 0x3FA2 {
                        return Err(bad);
                    }
                    grpprls.push(slice(clx, at + 3, cb).ok_or(bad)?.to_vec());
                    at += 3 + cb;
                }
                0x02 => break,
                _ => return Err(bad),
            }
        }
        let lcb = u32_at(clx, at + 1).ok_or(bad)? as usize;
        let plc = slice(clx, at + 5, lcb).ok_or(bad)?;
        // (n + 1) CPs of 4 bytes and n Pcds of 8 bytes.
        if lcb < 4 || !(lcb - 4).is_multiple_of(12) {
            return Err(bad);
        }
        let n = (lcb - 4) / 12;
        if n == 0 || n > limits::PIECES {
            return Err(bad);
        }
        let mut pieces = Vec::with_capacity(n);
        for i in 0..n {
            let cp_start = u32_at(plc, 4 * i).ok_or(bad)?;
            let cp_end = u32_at(plc, 4 * (i + 1)).ok_or(bad)?;
            let pcd = 4 * (n + 1) + 8 * i;
            let fc_raw = u32_at(plc, pcd + 2).ok_or(bad)?;
            let prm = u16_at(plc, pcd + 6).ok_or(bad)?;
            if cp_end < cp_start || (i == 0 && cp_start != 0) {
                return Err(bad);
            }
            pieces.push(Piece {
                cp_start,
                cp_end,
                fc: fc_raw & 0x3FFF_FFFF,
                compressed: fc_raw & 0x4000_0000 != 0,
                prm,
            });
        }
        Ok(PieceTable { pieces, grpprls })
    }

    /// The first `ccp_text` characters (the main document; footnotes, headers, comments and
    /// text boxes come after it in CP order and are left out).
    pub fn main_text(&self, word: &[u8], ccp_text: u32) -> Result<Vec<Ch>, DocError> {
        let bad = DocError::Corrupt;
        // Every character takes at least a byte of the stream.
        if ccp_text as usize > limits::CHARS || ccp_text as usize > word.len() {
            return Err(bad);
        }
        let mut out = Vec::with_capacity(ccp_text as usize);
        for (i, p) in self.pieces.iter().enumerate() {
            if p.cp_start >= ccp_text {
                break;
            }
            let len = (p.cp_end.min(ccp_text) - p.cp_start) as usize;
            let piece = i as u32;
            if p.compressed {
                let start = p.fc / 2;
                let bytes = slice(word, start as usize, len).ok_or(bad)?;
                for (k, &b) in bytes.iter().enumerate() {
                    let fc = start + k as u32;
                    out.push(Ch {
                        unit: cp1252(b),
                        fc,
                        piece,
                    });
                }
            } else {
                let bytes =
                    slice(word, p.fc as usize, len.checked_mul(2).ok_or(bad)?).ok_or(bad)?;
                for (k, two) in bytes.chunks_exact(2).enumerate() {
                    let fc = p.fc + 2 * k as u32;
                    out.push(Ch {
                        unit: u16::from_le_bytes([two[0], two[1]]),
                        fc,
                        piece,
                    });
                }
            }
        }
        Ok(out)
    }
}

/// A compressed piece's byte as a character: Latin-1, except the bytes [MS-DOC] 2.4.1 maps to
/// the cp1252 punctuation (quotes, dashes, …).
fn cp1252(b: u8) -> u16 {
    match b {
        0x82 => 0x201A,
        0x83 => 0x0192,
        0x84 => 0x201E,
        0x85 => 0x2026,
        0x86 => 0x2020,
        0x87 => 0x2021,
        0x88 => 0x02C6,
        0x89 => 0x2030,
        0x8A => 0x0160,
        0x8B => 0x2039,
        0x8C => 0x0152,
        0x91 => 0x2018,
        0x92 => 0x2019,
        0x93 => 0x201C,
        0x94 => 0x201D,
        0x95 => 0x2022,
        0x96 => 0x2013,
        0x97 => 0x2014,
        0x98 => 0x02DC,
        0x99 => 0x2122,
        0x9A => 0x0161,
        0x9B => 0x203A,
        0x9C => 0x0153,
        0x9F => 0x0178,
        _ => b as u16,
    }
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;

    /// A Clx with the given Prc grpprls and pieces `(cp_start, fc_raw, prm)`, ending at `cp_end`.
    pub fn clx(prcs: &[&[u8]], pieces: &[(u32, u32, u16)], cp_end: u32) -> Vec<u8> {
        let mut b = Vec::new();
        for g in prcs {
            b.push(1);
            b.extend((g.len() as u16).to_le_bytes());
            b.extend(*g);
        }
        b.push(2);
        b.extend(((pieces.len() * 12 + 4) as u32).to_le_bytes());
        for p in pieces {
            b.extend(p.0.to_le_bytes());
        }
        b.extend(cp_end.to_le_bytes());
        for p in pieces {
            b.extend(0u16.to_le_bytes());
            b.extend(p.1.to_le_bytes());
            b.extend(p.2.to_le_bytes());
        }
        b
    }

    fn text(t: &PieceTable, word: &[u8], ccp: u32) -> String {
        let units: Vec<u16> = t
            .main_text(word, ccp)
            .unwrap()
            .iter()
            .map(|c| c.unit)
            .collect();
        String::from_utf16_lossy(&units)
    }

    #[test]
    fn compressed_and_unicode_pieces_in_cp_order() {
        // Stream: "ab\x93c" as bytes at 0, "总计" as UTF-16 at 16, out of CP order as a fast
        // save leaves them.
        let mut word = vec![0u8; 32];
        word[..4].copy_from_slice(b"ab\x93c");
        for (i, u) in "总计".encode_utf16().enumerate() {
            word[16 + 2 * i..18 + 2 * i].copy_from_slice(&u.to_le_bytes());
        }
        let t = PieceTable::parse_clx(&clx(
            &[b"\x16\x24\x01"],
            &[(0, 16, 3), (2, 0x4000_0000, 0)],
            6,
        ))
        .unwrap();
        assert_eq!(t.grpprls, vec![b"\x16\x24\x01".to_vec()]);
        assert_eq!(t.pieces[0].prm, 3);
        assert!(!t.pieces[0].compressed && t.pieces[1].compressed);
        assert_eq!(text(&t, &word, 6), "总计ab\u{201C}c");
        // ccpText cuts the main text (what follows is footnotes, headers …).
        assert_eq!(text(&t, &word, 3), "总计a");
        let chars = t.main_text(&word, 6).unwrap();
        assert_eq!(
            chars.iter().map(|c| c.fc).collect::<Vec<_>>(),
            vec![16, 18, 0, 1, 2, 3]
        );
        assert_eq!(chars[3].piece, 1);
    }

    #[test]
    fn refuses_malformed_tables() {
        let bad = Err(DocError::Corrupt);
        assert_eq!(PieceTable::parse_clx(&[]), bad);
        assert_eq!(PieceTable::parse_clx(&[3, 0, 0]), bad);
        let good = clx(&[], &[(0, 0x4000_0000, 0)], 4);
        assert!(PieceTable::parse_clx(&good).is_ok());
        assert_eq!(PieceTable::parse_clx(&good[..good.len() - 1]), bad);
        // Decreasing CPs, a first CP other than 0.
        assert_eq!(
            PieceTable::parse_clx(&clx(&[], &[(0, 0, 0), (5, 0, 0)], 4)),
            bad
        );
        assert_eq!(PieceTable::parse_clx(&clx(&[], &[(1, 0, 0)], 4)), bad);
        // Text beyond the stream; an absurd ccpText.
        let t = PieceTable::parse_clx(&clx(&[], &[(0, 8, 0)], 100)).unwrap();
        assert_eq!(t.main_text(&[0; 16], 100), Err(DocError::Corrupt));
        assert_eq!(t.main_text(&[0; 16], u32::MAX), Err(DocError::Corrupt));
        assert!(t.main_text(&[0; 16], 4).is_ok());
    }
}
