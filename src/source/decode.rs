//! Bytes → text. Reports arrive as UTF-8 (with or without BOM), GBK/GB18030 (older Windows
//! tools and many government sites) or UTF-16 (Notepad's 「Unicode」). Anything else is refused
//! with a message a clerk can act on, never read as garbage.

use std::fmt;

/// In the page (wasm32) the browser's `TextDecoder` decodes UTF-16 and GB18030: encoding_rs's
/// tables would be most of the wasm's size. Same calls as encoding_rs, so `decode` reads alike.
#[cfg(target_arch = "wasm32")]
mod encoding_rs {
    #[cfg(test)]
    pub use ::encoding_rs::GBK;
    use std::borrow::Cow;

    pub struct Encoding(&'static str);
    pub static UTF_16LE: &Encoding = &Encoding("utf-16le");
    pub static UTF_16BE: &Encoding = &Encoding("utf-16be");
    pub static GB18030: &Encoding = &Encoding("gb18030");

    impl Encoding {
        /// Malformed input becomes U+FFFD, as with encoding_rs; the flag tells whether any did.
        pub fn decode_without_bom_handling(&self, bytes: &[u8]) -> (Cow<'static, str>, bool) {
            let s = web_sys::TextDecoder::new_with_label(self.0)
                .and_then(|d| d.decode_with_u8_array(bytes))
                .unwrap_or_else(|_| String::from_utf8_lossy(bytes).into_owned());
            let had_errors = s.contains('\u{fffd}');
            (Cow::Owned(s), had_errors)
        }

        pub fn decode(&self, bytes: &[u8]) -> (Cow<'static, str>, &Encoding, bool) {
            let (s, had_errors) = self.decode_without_bom_handling(bytes);
            (s, self, had_errors)
        }
    }
}

/// Largest input we read. Real reports are 10–400 KB, but Word HTML with embedded images and
/// PDF or Word attachments with scanned pages can reach tens of MB. What counts for time is the
/// text inside, which [`super::MAX_TEXT_BYTES`] bounds once the file is read.
pub const MAX_INPUT_BYTES: usize = 50 * 1024 * 1024;

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DecodeError {
    Empty,
    TooLarge(usize),
    Binary,
    /// A file type we know but cannot read yet (.docx, .pdf …).
    Unsupported(&'static str),
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DecodeError::Empty => write!(f, "文件是空的，没有可以校验的内容。"),
            DecodeError::TooLarge(n) => write!(
                f,
                "文件太大（{:.1} MB），超过了 {} MB 的上限。年度报告一般不超过 1 MB（含图片的 Word、PDF 文件也很少超过 10 MB），请确认选择的文件是否正确。",
                *n as f64 / 1024.0 / 1024.0,
                MAX_INPUT_BYTES / 1024 / 1024
            ),
            DecodeError::Binary => write!(
                f,
                "无法读取：这不是文本或网页文件（可能是图片、压缩包或其他二进制文件）。请粘贴报告文字，或上传 .txt / .html 文件。"
            ),
            DecodeError::Unsupported(kind) => write!(
                f,
                "暂不支持 {kind} 文件。请在 Word/WPS 中打开后全选复制粘贴到此处，或另存为网页（.html）后上传。"
            ),
        }
    }
}

impl std::error::Error for DecodeError {}

/// GBK/GB18030 bytes → text: the character codes of a PDF font with the predefined `GBK-EUC-H`
/// encoding (older Chinese PDF producers), which carry no other map to Unicode, and zip entry
/// names written by Chinese Windows tools.
#[cfg(feature = "office")]
pub(crate) fn gb18030(bytes: &[u8]) -> String {
    encoding_rs::GB18030
        .decode_without_bom_handling(bytes)
        .0
        .into_owned()
}

/// Decodes input bytes to a string.
pub fn decode(bytes: &[u8]) -> Result<String, DecodeError> {
    if bytes.len() > MAX_INPUT_BYTES {
        return Err(DecodeError::TooLarge(bytes.len()));
    }
    if let Some(kind) = known_binary(bytes) {
        return Err(DecodeError::Unsupported(kind));
    }
    let text = if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        String::from_utf8_lossy(rest).into_owned()
    } else if bytes.starts_with(b"\xFF\xFE") {
        encoding_rs::UTF_16LE
            .decode_without_bom_handling(&bytes[2..])
            .0
            .into_owned()
    } else if bytes.starts_with(b"\xFE\xFF") {
        encoding_rs::UTF_16BE
            .decode_without_bom_handling(&bytes[2..])
            .0
            .into_owned()
    } else if let Some(le) = utf16_without_bom(bytes) {
        let enc = if le {
            encoding_rs::UTF_16LE
        } else {
            encoding_rs::UTF_16BE
        };
        enc.decode_without_bom_handling(bytes).0.into_owned()
    } else if let Ok(s) = std::str::from_utf8(bytes) {
        s.to_owned()
    } else {
        // Not UTF-8: GB18030 is a superset of GBK and GB2312, the only other encoding
        // Chinese government documents use in practice.
        let (s, _, had_errors) = encoding_rs::GB18030.decode(bytes);
        if had_errors && replacement_share(&s) > 0.02 {
            return Err(DecodeError::Binary);
        }
        s.into_owned()
    };
    if text.trim().is_empty() {
        return Err(DecodeError::Empty);
    }
    if looks_binary(&text) {
        return Err(DecodeError::Binary);
    }
    Ok(text)
}

/// Recognises container formats by their magic bytes, so that a .docx or .pdf gets a useful
/// message instead of "binary".
fn known_binary(bytes: &[u8]) -> Option<&'static str> {
    if bytes.starts_with(b"PK\x03\x04") {
        Some(".docx（或其他压缩格式）")
    } else if bytes.starts_with(b"%PDF") {
        Some(".pdf")
    } else if bytes.starts_with(b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1") {
        Some(".doc（Word 97–2003）")
    } else if bytes.starts_with(b"{\\rtf") {
        Some(".rtf")
    } else {
        None
    }
}

/// UTF-16 without BOM shows as a NUL in every other byte of ASCII-heavy text.
fn utf16_without_bom(bytes: &[u8]) -> Option<bool> {
    let sample = &bytes[..bytes.len().min(4096) & !1];
    if sample.len() < 4 {
        return None;
    }
    let pairs = sample.len() / 2;
    let zeros_odd = sample
        .iter()
        .skip(1)
        .step_by(2)
        .filter(|&&b| b == 0)
        .count();
    let zeros_even = sample.iter().step_by(2).filter(|&&b| b == 0).count();
    // Chinese text has few NULs in either position; ASCII parts give a strong signal.
    if zeros_odd * 4 > pairs && zeros_even * 20 < pairs {
        Some(true)
    } else if zeros_even * 4 > pairs && zeros_odd * 20 < pairs {
        Some(false)
    } else {
        None
    }
}

fn replacement_share(s: &str) -> f64 {
    let total = s.chars().count().max(1);
    s.chars().filter(|&c| c == '\u{fffd}').count() as f64 / total as f64
}

/// Text with many control characters or replacement characters is not a report.
fn looks_binary(s: &str) -> bool {
    let mut total = 0usize;
    let mut bad = 0usize;
    for c in s.chars().take(200_000) {
        total += 1;
        if c == '\u{fffd}' || (c.is_control() && !matches!(c, '\n' | '\r' | '\t' | '\u{c}')) {
            bad += 1;
        }
    }
    total > 0 && bad * 50 > total
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_with_and_without_bom() {
        assert_eq!(decode("一、总体情况".as_bytes()).unwrap(), "一、总体情况");
        let mut b = b"\xEF\xBB\xBF".to_vec();
        b.extend_from_slice("规章 0".as_bytes());
        assert_eq!(decode(&b).unwrap(), "规章 0");
    }

    #[test]
    fn gbk() {
        let (bytes, _, _) = encoding_rs::GBK.encode("三、收到和处理政府信息公开申请情况 92");
        assert_eq!(
            decode(&bytes).unwrap(),
            "三、收到和处理政府信息公开申请情况 92"
        );
    }

    #[test]
    fn utf16_with_bom_and_without() {
        let s = "自然人 92\r\n";
        let mut le = vec![0xFF, 0xFE];
        for u in s.encode_utf16() {
            le.extend_from_slice(&u.to_le_bytes());
        }
        assert_eq!(decode(&le).unwrap(), s);
        let ascii_heavy = "table 1 2 3 4 5 6 7 总计 8\n";
        let mut be = Vec::new();
        for u in ascii_heavy.encode_utf16() {
            be.extend_from_slice(&u.to_be_bytes());
        }
        assert_eq!(decode(&be).unwrap(), ascii_heavy);
    }

    #[test]
    fn refuses_empty_binary_and_known_containers() {
        assert_eq!(decode(b"").unwrap_err(), DecodeError::Empty);
        assert_eq!(decode(b"  \n\t ").unwrap_err(), DecodeError::Empty);
        let png: Vec<u8> = (0..2000u32).map(|i| (i * 7919 % 256) as u8).collect();
        assert_eq!(decode(&png).unwrap_err(), DecodeError::Binary);
        assert!(matches!(
            decode(b"PK\x03\x04rest"),
            Err(DecodeError::Unsupported(_))
        ));
        assert!(matches!(
            decode(b"%PDF-1.7"),
            Err(DecodeError::Unsupported(".pdf"))
        ));
        let big = vec![b'a'; MAX_INPUT_BYTES + 1];
        assert!(matches!(decode(&big), Err(DecodeError::TooLarge(_))));
        assert!(DecodeError::Binary.to_string().contains("无法读取"));
    }
}
