//! CMaps (Adobe TN 5014/5099): the `/ToUnicode` maps that turn character codes into text, and
//! the codespace ranges that say how many bytes a code takes. Ranges stay ranges (a
//! `<0000> <FFFF>` bfrange is one entry, not 65 536), so a hostile CMap costs little memory.

use super::lexer::{Lexer, Tok};
use std::collections::HashMap;

/// Bounds what one CMap may hold.
const MAX_ENTRIES: usize = 100_000;
/// Codespace ranges (real CMaps have one to four).
const MAX_CODESPACE: usize = 16;

#[derive(Debug, Default)]
pub struct CMap {
    /// (byte length, low, high) of each codespace range.
    pub codespace: Vec<(usize, u32, u32)>,
    chars: HashMap<u32, String>,
    /// (low, high, first text): code `low + i` maps to the first text with its last UTF-16 unit
    /// advanced by `i`.
    ranges: Vec<(u32, u32, Vec<u16>)>,
    /// (low, high, texts): the array form of bfrange, one text per code.
    arrays: Vec<(u32, Vec<String>)>,
    /// cidrange / cidchar (an embedded encoding CMap): code → CID.
    cids: Vec<(u32, u32, u32)>,
}

fn code_of(b: &[u8]) -> u32 {
    b.iter().take(4).fold(0u32, |a, &x| a << 8 | x as u32)
}

fn utf16(b: &[u8]) -> Vec<u16> {
    b.chunks(2)
        .map(|c| u16::from_be_bytes([c[0], c.get(1).copied().unwrap_or(0)]))
        .collect()
}

impl CMap {
    pub fn parse(data: &[u8]) -> CMap {
        let mut m = CMap::default();
        let mut lx = Lexer::new(data, 0);
        // Operands since the last keyword: the entries of a begin…end section.
        let mut ops: Vec<Tok> = Vec::new();
        let mut entries = 0usize;
        while let Some(t) = lx.next_tok() {
            let word = match t {
                Tok::Word(w) => w,
                Tok::ArrOpen => {
                    // A bfrange's array of targets: kept as one operand, its strings joined by
                    // FF FF FF (no UTF-16BE text contains it).
                    let mut items = Vec::new();
                    while let Some(t) = lx.next_tok() {
                        match t {
                            Tok::ArrClose => break,
                            Tok::Str(s) => items.push(s),
                            _ => {}
                        }
                    }
                    ops.push(Tok::Name(items.join(&[0xFFu8, 0xFF, 0xFF][..])));
                    continue;
                }
                t => {
                    ops.push(t);
                    continue;
                }
            };
            match word {
                b"endcodespacerange" => {
                    for p in ops.chunks_exact(2) {
                        if let [Tok::Str(lo), Tok::Str(hi)] = p {
                            if !lo.is_empty() && lo.len() <= 4 {
                                m.codespace.push((lo.len(), code_of(lo), code_of(hi)));
                            }
                        }
                    }
                }
                b"endbfchar" => {
                    for p in ops.chunks_exact(2) {
                        match p {
                            [Tok::Str(src), Tok::Str(dst)] => {
                                m.chars
                                    .insert(code_of(src), String::from_utf16_lossy(&utf16(dst)));
                            }
                            // A glyph name as target (allowed, rare): /space.
                            [Tok::Str(src), Tok::Name(n)] => {
                                if let Some(c) = super::fonts::glyph_name(n) {
                                    m.chars.insert(code_of(src), c.to_string());
                                }
                            }
                            _ => {}
                        }
                    }
                }
                b"endbfrange" => {
                    for p in ops.chunks_exact(3) {
                        match p {
                            [Tok::Str(lo), Tok::Str(hi), Tok::Str(dst)] => {
                                let (lo, hi) = (code_of(lo), code_of(hi));
                                if lo <= hi {
                                    m.ranges.push((lo, hi, utf16(dst)));
                                }
                            }
                            [Tok::Str(lo), Tok::Str(_), Tok::Name(joined)] => {
                                let texts = split3(joined)
                                    .iter()
                                    .map(|t| String::from_utf16_lossy(&utf16(t)))
                                    .collect();
                                m.arrays.push((code_of(lo), texts));
                            }
                            _ => {}
                        }
                    }
                }
                b"endcidrange" => {
                    for p in ops.chunks_exact(3) {
                        if let [Tok::Str(lo), Tok::Str(hi), Tok::Int(cid)] = p {
                            m.cids
                                .push((code_of(lo), code_of(hi), (*cid).clamp(0, 65535) as u32));
                        }
                    }
                }
                b"endcidchar" => {
                    for p in ops.chunks_exact(2) {
                        if let [Tok::Str(c), Tok::Int(cid)] = p {
                            let c = code_of(c);
                            m.cids.push((c, c, (*cid).clamp(0, 65535) as u32));
                        }
                    }
                }
                _ => {}
            }
            entries += ops.len();
            ops.clear();
            if entries > MAX_ENTRIES {
                break;
            }
        }
        // Sorted by their first code, ranges are found by binary search (a CMap of many
        // ranges must not make every glyph slow). Where ranges overlap, the one starting last wins.
        m.ranges.sort_by_key(|r| r.0);
        m.arrays.sort_by_key(|r| r.0);
        m.cids.sort_by_key(|r| r.0);
        m.codespace.truncate(MAX_CODESPACE);
        m
    }

    pub fn text(&self, code: u32) -> Option<String> {
        if let Some(s) = self.chars.get(&code) {
            return Some(s.clone());
        }
        let k = self.ranges.partition_point(|r| r.0 <= code);
        if let Some((lo, hi, first)) = k.checked_sub(1).and_then(|k| self.ranges.get(k)) {
            if code <= *hi {
                let mut units = first.clone();
                let last = units.last_mut()?;
                *last = last.wrapping_add((code - lo) as u16);
                return Some(String::from_utf16_lossy(&units));
            }
        }
        let k = self.arrays.partition_point(|r| r.0 <= code);
        let (lo, texts) = self.arrays.get(k.checked_sub(1)?)?;
        texts.get((code - lo) as usize).cloned()
    }

    pub fn cid(&self, code: u32) -> Option<u32> {
        let k = self.cids.partition_point(|r| r.0 <= code);
        let (lo, hi, cid) = self.cids.get(k.checked_sub(1)?)?;
        (code <= *hi).then(|| cid.saturating_add(code - lo))
    }

    pub fn is_empty(&self) -> bool {
        self.chars.is_empty() && self.ranges.is_empty() && self.arrays.is_empty()
    }

    /// Splits a string into codes by the codespace ranges (the shortest range that matches,
    /// else one byte, as §9.7.6.3 says for a code in no range).
    pub fn codes(&self, bytes: &[u8], default_len: usize) -> Vec<(u32, usize)> {
        let mut out = Vec::with_capacity(bytes.len());
        let mut i = 0;
        while i < bytes.len() {
            let mut len = 0;
            for n in 1..=4 {
                let Some(b) = bytes.get(i..i + n) else { break };
                let c = code_of(b);
                if self
                    .codespace
                    .iter()
                    .any(|&(l, lo, hi)| l == n && (lo..=hi).contains(&c))
                {
                    len = n;
                    break;
                }
            }
            if len == 0 {
                len = if self.codespace.is_empty() {
                    default_len
                } else {
                    1
                };
            }
            let end = (i + len).min(bytes.len());
            out.push((code_of(&bytes[i..end]), end - i));
            i = end;
        }
        out
    }
}

/// Undoes the join of a bfrange array's strings (see `parse`).
fn split3(j: &[u8]) -> Vec<Vec<u8>> {
    let mut out = vec![Vec::new()];
    let mut i = 0;
    while i < j.len() {
        if j[i..].starts_with(&[0xFF, 0xFF, 0xFF]) {
            out.push(Vec::new());
            i += 3;
        } else {
            if let Some(last) = out.last_mut() {
                last.push(j[i]);
            }
            i += 1;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = "/CIDInit /ProcSet findresource begin 12 dict begin begincmap
1 begincodespacerange <0000> <FFFF> endcodespacerange
2 beginbfchar <0003> <0020> <0011> <4E00> endbfchar
2 beginbfrange <0020> <0022> <0031>
<0100> <0101> [<5E74> <D840DC00>] endbfrange
endcmap";

    #[test]
    fn reads_bfchar_and_both_bfrange_forms() {
        let m = CMap::parse(SAMPLE.as_bytes());
        assert_eq!(m.text(0x11).as_deref(), Some("一"));
        assert_eq!(m.text(0x3).as_deref(), Some(" "));
        assert_eq!(m.text(0x21).as_deref(), Some("2"));
        assert_eq!(m.text(0x100).as_deref(), Some("年"));
        assert_eq!(m.text(0x101).as_deref(), Some("\u{20000}"));
        assert_eq!(m.text(0x102), None);
    }

    #[test]
    fn splits_codes_by_codespace() {
        let m = CMap::parse(b"2 begincodespacerange <00> <80> <8140> <FEFE> endcodespacerange");
        assert_eq!(
            m.codes(&[0x31, 0xB0, 0xA1, 0x32], 1),
            vec![(0x31, 1), (0xB0A1, 2), (0x32, 1)]
        );
        let two = CMap::parse(SAMPLE.as_bytes());
        assert_eq!(two.codes(&[0, 0x11, 0], 2), vec![(0x11, 2), (0, 1)]);
    }
}
