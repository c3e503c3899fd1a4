//! Formatted disk pages ([MS-DOC] 2.9.22 PlcBtePapx, 2.9.21 PlcBteChpx, 2.9.175 PapxFkp, 2.9.44
//! ChpxFkp): a PlcBte in the table stream maps stream offsets (fc) to 512-byte pages of the
//! WordDocument stream; each page maps runs of fc to property records. Paragraph and character
//! properties share this shape.

use super::{limits, slice, u32_at, u8_at};

/// A PlcBte: aFC (n + 1) then n page numbers.
#[derive(Clone, Copy)]
pub struct Bte<'a> {
    plc: &'a [u8],
    n: usize,
}

impl<'a> Bte<'a> {
    /// The PlcBte at `fc`/`lcb` of the table stream; `None` when absent or malformed.
    pub fn new(table: &'a [u8], fc: u32, lcb: u32) -> Option<Self> {
        let lcb = lcb as usize;
        let plc = slice(table, fc as usize, lcb)?;
        let n = lcb.checked_sub(4)? / 8;
        let ok = n >= 1 && (lcb - 4).is_multiple_of(8) && n <= limits::FKP_PAGES;
        ok.then_some(Bte { plc, n })
    }

    /// The page whose fc range holds `fc`.
    pub fn page<'w>(&self, word: &'w [u8], fc: u32) -> Option<&'w [u8]> {
        let fc_at = |i: usize| u32_at(self.plc, 4 * i);
        let i = containing(self.n, fc_at, fc)?;
        // PnFkpPapx / PnFkpChpx: the page number is the low 22 bits.
        let pn = u32_at(self.plc, 4 * (self.n + 1) + 4 * i)? & 0x003F_FFFF;
        slice(word, pn as usize * 512, 512)
    }
}

/// In an FKP page with `entry`-byte entries after rgfc (13 for PAPX, 1 for CHPX): the run that
/// holds `fc`, as its fc range and the byte offset (already doubled) of its property record,
/// 0 for a run without properties.
pub fn run(page: &[u8], entry: usize, fc: u32) -> Option<(u32, u32, usize)> {
    let crun = *page.get(511)? as usize;
    if crun == 0 || 4 * (crun + 1) + entry * crun > 511 {
        return None;
    }
    let fc_at = |j: usize| u32_at(page, 4 * j);
    let j = containing(crun, fc_at, fc)?;
    let (start, end) = (fc_at(j)?, fc_at(j + 1)?);
    let offset = 2 * u8_at(page, 4 * (crun + 1) + entry * j)? as usize;
    Some((start, end, offset))
}

/// Of the `n` ranges `fc_at(i)..fc_at(i + 1)`, the one that holds `fc`, by binary search (the
/// bounds are sorted in a sound file; if not, the final check refuses rather than guesses).
fn containing(n: usize, fc_at: impl Fn(usize) -> Option<u32>, fc: u32) -> Option<usize> {
    let (mut lo, mut hi) = (0, n + 1);
    while lo < hi {
        let mid = lo + (hi - lo) / 2;
        if fc_at(mid)? <= fc {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    let i = lo.checked_sub(1).filter(|&i| i < n)?;
    (fc_at(i)? <= fc && fc < fc_at(i + 1)?).then_some(i)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_page_and_run() {
        // Two pages: fc 100..200 on page 1, 200..300 on page 2.
        let mut table = Vec::new();
        for v in [100u32, 200, 300, 1, 2] {
            table.extend(v.to_le_bytes());
        }
        let bte = Bte::new(&table, 0, 20).unwrap();
        let mut word = vec![0u8; 3 * 512];
        word[1024] = 7;
        assert_eq!(bte.page(&word, 250).map(|p| p[0]), Some(7));
        assert!(bte.page(&word, 99).is_none() && bte.page(&word, 300).is_none());
        assert!(Bte::new(&table, 0, 19).is_none() && Bte::new(&table, 0, 0).is_none());

        let mut page = vec![0u8; 512];
        page[511] = 2;
        for (k, fc) in [100u32, 110, 120].iter().enumerate() {
            page[4 * k..4 * k + 4].copy_from_slice(&fc.to_le_bytes());
        }
        page[12 + 1] = 200;
        assert_eq!(run(&page, 1, 105), Some((100, 110, 0)));
        assert_eq!(run(&page, 1, 119), Some((110, 120, 400)));
        assert_eq!(run(&page, 1, 120), None);
        assert_eq!(run(&page, 1, 99), None);
        page[511] = 200;
        assert_eq!(run(&page, 13, 105), None);
    }
}
