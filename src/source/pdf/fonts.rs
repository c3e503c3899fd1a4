//! Fonts → text and advance widths (ISO 32000-1 §9.6–9.10). A glyph's text comes from, in
//! order: the font's `/ToUnicode` CMap; a predefined CMap whose codes are Unicode (UCS2/UTF16)
//! or GBK; a simple font's encoding and glyph names. A glyph none of these maps has no text —
//! the caller refuses the file rather than show garbage.

use super::cmap::CMap;
use super::file::Pdf;
use super::objects::{Dict, Obj};
use std::collections::HashMap;

/// How a Type0 font's codes are split and what they mean without a ToUnicode map.
#[derive(Debug)]
enum CodeMap {
    /// Identity-H/V: two-byte codes, CID = code; only ToUnicode gives text.
    Identity,
    /// UniGB-UCS2-H, UniGB-UTF16-H and kin: the code is a UTF-16 unit.
    Ucs2,
    /// GBK-EUC-H, GB-EUC-H and kin: the code bytes are GBK.
    Gbk,
    /// An embedded CMap stream (codespace and CIDs from it).
    Embedded(CMap),
    /// Another predefined CMap (Big5, Shift-JIS …): codes split as two bytes.
    Other,
}

#[derive(Debug)]
enum Kind {
    Simple {
        /// Text per byte code from /Encoding (None: unknown).
        enc: Vec<Option<char>>,
        widths: Vec<f64>,
    },
    Cid {
        map: CodeMap,
        widths: HashMap<u32, f64>,
        dw: f64,
    },
}

#[derive(Debug)]
pub struct Font {
    /// The font's name without the subset prefix (for messages).
    pub name: String,
    kind: Kind,
    to_unicode: Option<CMap>,
    /// Glyph space → text space (1/1000, or a Type3 font's matrix).
    scale: f64,
}

/// One character code of a shown string.
pub struct Code {
    pub text: Option<String>,
    /// Advance in text space units per unit font size.
    pub width: f64,
    /// A single-byte code 32, to which word spacing applies (§9.3.3).
    pub is_space: bool,
}

impl Font {
    /// A font that maps nothing, for a missing or broken font resource (its text would be a
    /// guess).
    pub fn unknown(name: &str) -> Font {
        Font {
            name: name.into(),
            kind: Kind::Simple {
                enc: vec![None; 256],
                widths: Vec::new(),
            },
            to_unicode: None,
            scale: 0.001,
        }
    }

    pub fn load(pdf: &Pdf, dict: &Dict) -> Font {
        let name_of = |d: &Dict| {
            let n = d
                .get("BaseFont")
                .and_then(Obj::as_name)
                .map(|n| String::from_utf8_lossy(n).into_owned())
                .unwrap_or_else(|| "未命名字体".into());
            match n.split_once('+') {
                Some((p, rest)) if p.len() == 6 => rest.to_string(),
                _ => n,
            }
        };
        let to_unicode = match pdf.key(dict, "ToUnicode") {
            Ok(Obj::Stream(s)) => pdf
                .decode(&s)
                .ok()
                .map(|d| CMap::parse(&d))
                .filter(|m| !m.is_empty()),
            _ => None,
        };
        let subtype = dict.get("Subtype").and_then(Obj::as_name).unwrap_or(b"");
        let mut scale = 0.001;
        let kind = if subtype == b"Type0" {
            let desc = match pdf.key(dict, "DescendantFonts") {
                Ok(Obj::Array(a)) => a
                    .first()
                    .and_then(|d| pdf.resolve(d).ok())
                    .and_then(|d| d.as_dict().cloned())
                    .unwrap_or_default(),
                _ => Dict::default(),
            };
            let map = match pdf.key(dict, "Encoding") {
                Ok(Obj::Name(n)) => {
                    let n = String::from_utf8_lossy(&n).into_owned();
                    if n.starts_with("Identity") {
                        CodeMap::Identity
                    } else if n.contains("UCS2") || n.contains("UTF16") {
                        CodeMap::Ucs2
                    } else if n.starts_with("GB") && n.contains("EUC") || n.starts_with("GBK") {
                        CodeMap::Gbk
                    } else {
                        CodeMap::Other
                    }
                }
                Ok(Obj::Stream(s)) => match pdf.decode(&s) {
                    Ok(d) => CodeMap::Embedded(CMap::parse(&d)),
                    Err(_) => CodeMap::Identity,
                },
                _ => CodeMap::Identity,
            };
            let dw = pdf
                .key(&desc, "DW")
                .ok()
                .and_then(|d| d.as_f64())
                .unwrap_or(1000.0);
            Kind::Cid {
                map,
                widths: cid_widths(pdf, &desc),
                dw,
            }
        } else {
            if subtype == b"Type3" {
                if let Ok(Obj::Array(m)) = pdf.key(dict, "FontMatrix") {
                    scale = m.first().and_then(Obj::as_f64).unwrap_or(0.001).abs();
                }
            }
            let first = pdf
                .key(dict, "FirstChar")
                .ok()
                .and_then(|o| o.as_i64())
                .unwrap_or(0)
                .clamp(0, 255) as usize;
            let missing = match pdf.key(dict, "FontDescriptor") {
                Ok(Obj::Dict(fd)) => fd.get("MissingWidth").and_then(Obj::as_f64),
                _ => None,
            };
            let mut widths = vec![missing.unwrap_or(500.0); 256];
            if let Ok(Obj::Array(w)) = pdf.key(dict, "Widths") {
                for (i, w) in w.iter().enumerate() {
                    if let (Some(slot), Some(w)) = (
                        widths.get_mut(first + i),
                        pdf.resolve(w).ok().and_then(|w| w.as_f64()),
                    ) {
                        *slot = w;
                    }
                }
            }
            let enc = match pdf.key(dict, "Encoding") {
                Ok(Obj::Dict(e)) => {
                    let mut enc = standard_encoding(e.get("BaseEncoding").and_then(Obj::as_name));
                    if let Ok(Obj::Array(diffs)) = pdf.key(&e, "Differences") {
                        let mut code = 0usize;
                        for d in &diffs {
                            match d {
                                Obj::Int(c) => code = (*c).clamp(0, 255) as usize,
                                Obj::Name(n) => {
                                    if let Some(slot) = enc.get_mut(code) {
                                        *slot = glyph_name(n);
                                    }
                                    code += 1;
                                }
                                _ => {}
                            }
                        }
                    }
                    enc
                }
                Ok(Obj::Name(n)) => standard_encoding(Some(&n)),
                // A Chinese font with neither encoding nor ToUnicode uses codes of its own
                // (a subset's glyph order): read as Latin-1 they would be garbage.
                _ if to_unicode.is_none() && looks_cjk(&name_of(dict)) => vec![None; 256],
                _ => standard_encoding(None),
            };
            Kind::Simple { enc, widths }
        };
        Font {
            name: name_of(dict),
            kind,
            to_unicode,
            scale,
        }
    }

    /// The codes of a shown string with their text and widths.
    pub fn decode(&self, bytes: &[u8]) -> Vec<Code> {
        match &self.kind {
            Kind::Simple { enc, widths } => bytes
                .iter()
                .map(|&b| Code {
                    text: self
                        .to_unicode
                        .as_ref()
                        .and_then(|m| m.text(b as u32))
                        .or_else(|| enc.get(b as usize).copied().flatten().map(String::from))
                        .and_then(clean),
                    width: widths.get(b as usize).copied().unwrap_or(0.0) * self.scale,
                    is_space: b == 32,
                })
                .collect(),
            Kind::Cid { map, widths, dw } => {
                let codes = match map {
                    CodeMap::Embedded(m) => m.codes(bytes, 2),
                    CodeMap::Gbk => gbk_codes(bytes),
                    _ => match &self.to_unicode {
                        // Identity and UCS2 codes are two bytes whatever the ToUnicode says.
                        Some(_) | None => bytes
                            .chunks(2)
                            .map(|c| (c.iter().fold(0u32, |a, &x| a << 8 | x as u32), c.len()))
                            .collect(),
                    },
                };
                codes
                    .into_iter()
                    .map(|(code, len)| {
                        let cid = match map {
                            CodeMap::Identity => Some(code),
                            CodeMap::Embedded(m) => m.cid(code),
                            _ => None,
                        };
                        let text = self.to_unicode.as_ref().and_then(|m| m.text(code)).or_else(
                            || match map {
                                CodeMap::Ucs2 => char::from_u32(code).map(String::from),
                                CodeMap::Gbk => {
                                    let b = code.to_be_bytes();
                                    let s = crate::source::decode::gb18030(&b[4 - len..]);
                                    (!s.contains('\u{fffd}')).then_some(s)
                                }
                                _ => None,
                            },
                        );
                        let w = cid.and_then(|c| widths.get(&c).copied()).unwrap_or(
                            // Without CIDs (predefined CMaps): half width for one-byte codes.
                            if len == 1 && cid.is_none() {
                                dw / 2.0
                            } else {
                                *dw
                            },
                        );
                        Code {
                            text: text.and_then(clean),
                            width: w * self.scale,
                            is_space: len == 1 && code == 32,
                        }
                    })
                    .collect()
            }
        }
    }
}

/// A font name of a Chinese (or other CJK) typeface: a non-ASCII name (GBK-encoded 宋体) or
/// one of the common families.
fn looks_cjk(name: &str) -> bool {
    const FAMILIES: [&str; 14] = [
        "Song",
        "SimSun",
        "NSimSun",
        "Hei",
        "Kai",
        "Fang",
        "Ming",
        "YaHei",
        "FZ",
        "STX",
        "DengXian",
        "WenQuanYi",
        "CJK",
        "SourceHan",
    ];
    !name.is_ascii() || FAMILIES.iter().any(|f| name.contains(f))
}

/// The unified ideograph for each Kangxi radical U+2F00–U+2FD5 (their NFKC forms). Some
/// fonts' ToUnicode maps map common characters to the radicals (「⼀、总体情况」 with U+2F00
/// for 一), which look the same but match no label.
const KANGXI: &str = concat!(
    "一丨丶丿乙亅二亠人儿入八冂冖冫几凵刀力勹匕匚匸十卜卩厂厶又口囗土士夂夊夕大女子宀",
    "寸小尢尸屮山巛工己巾干幺广廴廾弋弓彐彡彳心戈戶手支攴文斗斤方无日曰月木欠止歹殳毋",
    "比毛氏气水火爪父爻爿片牙牛犬玄玉瓜瓦甘生用田疋疒癶白皮皿目矛矢石示禸禾穴立竹米糸",
    "缶网羊羽老而耒耳聿肉臣自至臼舌舛舟艮色艸虍虫血行衣襾見角言谷豆豕豸貝赤走足身車辛",
    "辰辵邑酉釆里金長門阜隶隹雨靑非面革韋韭音頁風飛食首香馬骨高髟鬥鬯鬲鬼魚鳥鹵鹿麥麻",
    "黃黍黑黹黽鼎鼓鼠鼻齊齒龍龜龠",
);

/// A glyph's text made fit to match: Kangxi radicals as the ideographs they stand for;
/// control characters and private-use code points (which some fonts map glyphs to) are no
/// text at all.
fn clean(text: String) -> Option<String> {
    if text.chars().all(|c| {
        (c.is_control() && !c.is_whitespace())
            || ('\u{E000}'..='\u{F8FF}').contains(&c)
            || c == '\u{FFFD}'
    }) {
        return None;
    }
    if !text.chars().any(|c| ('\u{2F00}'..='\u{2FD5}').contains(&c)) {
        return Some(text);
    }
    Some(
        text.chars()
            .map(|c| match (c as usize).checked_sub(0x2F00) {
                Some(i) => KANGXI.chars().nth(i).unwrap_or(c),
                None => c,
            })
            .collect(),
    )
}

/// GBK-EUC codes: one byte up to 0x80, two bytes from 0x81.
fn gbk_codes(bytes: &[u8]) -> Vec<(u32, usize)> {
    let mut out = Vec::new();
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        if b > 0x80 {
            if let Some(&c) = bytes.get(i + 1) {
                out.push(((b as u32) << 8 | c as u32, 2));
                i += 2;
                continue;
            }
        }
        out.push((b as u32, 1));
        i += 1;
    }
    out
}

/// `/W` of a CIDFont (§9.7.4.3): `c [w1 w2 …]` and `c_first c_last w`.
fn cid_widths(pdf: &Pdf, desc: &Dict) -> HashMap<u32, f64> {
    let mut out = HashMap::new();
    let Ok(Obj::Array(w)) = pdf.key(desc, "W") else {
        return out;
    };
    let w: Vec<Obj> = w
        .iter()
        .map(|o| pdf.resolve(o).unwrap_or(Obj::Null))
        .collect();
    let mut i = 0;
    while i < w.len() && out.len() < 65_536 {
        let Some(first) = w[i].as_i64().filter(|c| (0..=0xFFFF).contains(c)) else {
            break;
        };
        match (w.get(i + 1), w.get(i + 2)) {
            (Some(Obj::Array(ws)), _) => {
                for (k, v) in ws.iter().enumerate().take(65_536) {
                    if let Some(v) = v.as_f64() {
                        out.insert(first as u32 + k as u32, v);
                    }
                }
                i += 2;
            }
            (Some(last), Some(v)) => {
                let last = last.as_i64().unwrap_or(first).clamp(first, first + 65_535);
                let v = v.as_f64().unwrap_or(1000.0);
                for c in first..=last {
                    out.insert(c as u32, v);
                }
                i += 3;
            }
            _ => break,
        }
    }
    out
}

/// A simple font's base encoding. The reports' simple fonts carry digits and Latin text, for
/// which the standard encodings agree with ASCII; WinAnsi's 0x80–0x9F punctuation is listed.
fn standard_encoding(name: Option<&[u8]>) -> Vec<Option<char>> {
    const WIN_80: &str = "€\u{81}‚ƒ„…†‡ˆ‰Š‹Œ\u{8d}Ž\u{8f}\u{90}‘’“”•–—˜™š›œ\u{9d}žŸ";
    let mut enc: Vec<Option<char>> = (0u8..=255)
        .map(|b| (b >= 32 && b != 127).then_some(b as char))
        .collect();
    if name != Some(b"MacRomanEncoding") {
        for (i, c) in WIN_80.chars().enumerate() {
            enc[0x80 + i] = Some(c);
        }
    }
    if name == Some(b"StandardEncoding") {
        enc[0x27] = Some('’');
        enc[0x60] = Some('‘');
    }
    enc
}

/// Unicode for a glyph name (§9.10.2): `uniXXXX`, `uXXXX[XX]`, the ASCII names, and a few
/// punctuation names. Names like `g123` or `cid456` mean nothing.
pub fn glyph_name(name: &[u8]) -> Option<char> {
    const ASCII: [&str; 95] = [
        "space",
        "exclam",
        "quotedbl",
        "numbersign",
        "dollar",
        "percent",
        "ampersand",
        "quotesingle",
        "parenleft",
        "parenright",
        "asterisk",
        "plus",
        "comma",
        "hyphen",
        "period",
        "slash",
        "zero",
        "one",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "colon",
        "semicolon",
        "less",
        "equal",
        "greater",
        "question",
        "at",
        "A",
        "B",
        "C",
        "D",
        "E",
        "F",
        "G",
        "H",
        "I",
        "J",
        "K",
        "L",
        "M",
        "N",
        "O",
        "P",
        "Q",
        "R",
        "S",
        "T",
        "U",
        "V",
        "W",
        "X",
        "Y",
        "Z",
        "bracketleft",
        "backslash",
        "bracketright",
        "asciicircum",
        "underscore",
        "grave",
        "a",
        "b",
        "c",
        "d",
        "e",
        "f",
        "g",
        "h",
        "i",
        "j",
        "k",
        "l",
        "m",
        "n",
        "o",
        "p",
        "q",
        "r",
        "s",
        "t",
        "u",
        "v",
        "w",
        "x",
        "y",
        "z",
        "braceleft",
        "bar",
        "braceright",
        "asciitilde",
    ];
    const OTHER: [(&str, char); 10] = [
        ("quoteright", '’'),
        ("quoteleft", '‘'),
        ("quotedblleft", '“'),
        ("quotedblright", '”'),
        ("endash", '–'),
        ("emdash", '—'),
        ("bullet", '•'),
        ("ellipsis", '…'),
        ("percent", '%'),
        ("nbspace", ' '),
    ];
    let s = std::str::from_utf8(name).ok()?;
    // `one.alt`, `a_b`: the part before the first period names the glyph.
    let s = s.split('.').next()?;
    if let Some(i) = ASCII.iter().position(|&n| n == s) {
        return char::from_u32(32 + i as u32);
    }
    if let Some(&(_, c)) = OTHER.iter().find(|(n, _)| *n == s) {
        return Some(c);
    }
    let hex = s
        .strip_prefix("uni")
        .filter(|h| h.len() >= 4)
        .map(|h| &h[..4])
        .or_else(|| s.strip_prefix('u').filter(|h| (4..=6).contains(&h.len())))?;
    u32::from_str_radix(hex, 16).ok().and_then(char::from_u32)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn glyph_names() {
        assert_eq!(glyph_name(b"uni4E00"), Some('一'));
        assert_eq!(glyph_name(b"u5E74"), Some('年'));
        assert_eq!(glyph_name(b"zero"), Some('0'));
        assert_eq!(glyph_name(b"three.lf"), Some('3'));
        assert_eq!(glyph_name(b"g123"), None);
        assert_eq!(glyph_name(b"cid456"), None);
    }

    #[test]
    fn kangxi_radicals_read_as_ideographs() {
        assert_eq!(
            clean("⼀、总体情况".into()).as_deref(),
            Some("一、总体情况")
        );
        assert_eq!(clean("⿕".into()).as_deref(), Some("龠"));
        assert_eq!(clean("\u{E001}".into()), None);
    }

    #[test]
    fn gbk_codes_split() {
        assert_eq!(gbk_codes(&[0x31, 0xD2, 0xBB]), vec![(0x31, 1), (0xD2BB, 2)]);
    }
}
