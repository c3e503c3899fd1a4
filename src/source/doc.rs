//! Word 97–2003 `.doc` → [`RawBlock`]s (issue 5), per [MS-DOC].
//!
//! A .doc is a compound file (read with `cfb`) whose `WordDocument` stream starts with the FIB
//! ([`fib`]). The text is found through the piece table in the table stream ([`pieces`]); which
//! paragraphs are table cells and rows is only known from the paragraph properties
//! ([`papx`]); [`blocks`] walks the characters with those properties and emits paragraphs and
//! rows. WPS writes the same format, and fast-saved files are covered by the piece table.
//!
//! The input is untrusted (a user's upload, also read in the page's wasm where a panic kills
//! the module): every offset is checked, every count is bounded, and anything that does not
//! hold together is the one [`CORRUPT`] message rather than a guess.

mod blocks;
mod fib;
mod papx;
mod pieces;

use super::office::RawBlock;
use std::io::Read;

/// The message for any file that does not hold together as a Word 97–2003 document.
pub const CORRUPT: &str = "无法读取这个 .doc 文件：文件已损坏或不是 Word 97–2003 文档。建议在 Word/WPS 中另存为 .docx 后再上传。";

/// Why a .doc cannot be read; [`DocError::message`] says it to the user.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DocError {
    /// Malformed in any way (offsets outside streams, impossible counts, missing streams).
    Corrupt,
    /// fEncrypted: password-protected (RC4 or XOR), the text cannot be read without it.
    Encrypted,
    /// A Word 6.0/95 (or older) file: a different FIB and text layout.
    OldVersion(u16),
    /// Tables are present (cell marks) but their paragraph properties cannot be read, so cells
    /// and rows cannot be told apart safely.
    NoTableInfo,
}

impl DocError {
    pub fn message(self) -> String {
        match self {
            DocError::Corrupt => CORRUPT.into(),
            DocError::Encrypted => "该 Word 文件已加密（设置了打开密码），无法读取。请在 Word/WPS 中取消密码后另存为 .docx 再上传。".into(),
            DocError::OldVersion(nfib) => format!(
                "这是 {} 格式的 .doc 文件（nFib = 0x{nfib:04X}），暂不支持。请在 Word/WPS 中打开后另存为 .docx 再上传。",
                if nfib >= 0x0065 { "Word 6.0/95" } else { "Word 2.0 或更早" }
            ),
            DocError::NoTableInfo => "无法读取这个 .doc 文件中的表格结构。建议在 Word/WPS 中另存为 .docx 后再上传。".into(),
        }
    }
}

impl From<std::io::Error> for DocError {
    fn from(_: std::io::Error) -> Self {
        DocError::Corrupt
    }
}

/// Limits that keep a hostile file from costing unbounded time or memory. Real reports are a
/// few hundred KB with a few dozen pieces and FKP pages; these are far above that.
pub(crate) mod limits {
    /// Largest stream we read (WordDocument or table stream).
    pub const STREAM_BYTES: u64 = 64 << 20;
    /// Most pieces in the piece table.
    pub const PIECES: usize = 1 << 16;
    /// Most characters of main text.
    pub const CHARS: usize = 16 << 20;
    /// Most distinct PAPX FKP pages parsed.
    pub const FKP_PAGES: usize = 1 << 14;
    /// Deepest field nesting tracked (deeper fields are treated as showing their text).
    pub const FIELD_DEPTH: usize = 64;
}

pub fn read(bytes: &[u8]) -> Result<Vec<RawBlock>, String> {
    read_blocks(bytes).map_err(DocError::message)
}

fn read_blocks(bytes: &[u8]) -> Result<Vec<RawBlock>, DocError> {
    let mut cf = cfb::CompoundFile::open(std::io::Cursor::new(bytes))?;
    let word = read_stream(&mut cf, "/WordDocument")?;
    let fib = fib::Fib::parse(&word)?;
    let table = read_stream(&mut cf, fib.table_stream())?;
    let pieces = pieces::PieceTable::parse(&table, &fib)?;
    let text = pieces.main_text(&word, fib.ccp_text)?;
    // Only needed for huge paragraph properties; many files have none.
    let data = match cf.is_stream("/Data") {
        true => Some(read_stream(&mut cf, "/Data")?),
        false => None,
    };
    let props = papx::ParaProps::reader(&word, &table, data.as_deref(), &fib, &pieces);
    let lookup = props.available().then_some(|c: &pieces::Ch| props.of_mark(c));
    blocks::build(&text, lookup)
}

/// A whole stream, refusing streams larger than the limit (a stream's declared size is
/// input-derived; reading through `take` also bounds what a lying directory entry can cost).
fn read_stream<F: std::io::Read + std::io::Seek>(
    cf: &mut cfb::CompoundFile<F>,
    path: &str,
) -> Result<Vec<u8>, DocError> {
    let stream = cf.open_stream(path)?;
    if stream.len() > limits::STREAM_BYTES {
        return Err(DocError::Corrupt);
    }
    let mut out = Vec::new();
    stream.take(limits::STREAM_BYTES).read_to_end(&mut out)?;
    Ok(out)
}

/// Checked little-endian reads: `None` when out of bounds.
pub(crate) fn u8_at(b: &[u8], at: usize) -> Option<u8> {
    b.get(at).copied()
}

pub(crate) fn u16_at(b: &[u8], at: usize) -> Option<u16> {
    let s = b.get(at..at.checked_add(2)?)?;
    Some(u16::from_le_bytes([s[0], s[1]]))
}

pub(crate) fn u32_at(b: &[u8], at: usize) -> Option<u32> {
    let s = b.get(at..at.checked_add(4)?)?;
    Some(u32::from_le_bytes([s[0], s[1], s[2], s[3]]))
}

/// A checked sub-slice `b[at..at + len]`.
pub(crate) fn slice(b: &[u8], at: usize, len: usize) -> Option<&[u8]> {
    b.get(at..at.checked_add(len)?)
}

#[cfg(test)]
mod scratch {
    use super::*;
    #[test]
    #[ignore]
    fn dump() {
        let bytes = std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/office/001.doc")).unwrap();
        let mut cf = cfb::CompoundFile::open(std::io::Cursor::new(&bytes[..])).unwrap();
        let word = read_stream(&mut cf, "/WordDocument").unwrap();
        let fib = fib::Fib::parse(&word).unwrap();
        eprintln!("{fib:?}");
        let table = read_stream(&mut cf, fib.table_stream()).unwrap();
        let pieces = pieces::PieceTable::parse(&table, &fib).unwrap();
        eprintln!("{:?}", pieces);
        let text = pieces.main_text(&word, fib.ccp_text).unwrap();
        // Only needed for huge paragraph properties; many files have none.
    let data = match cf.is_stream("/Data") {
        true => Some(read_stream(&mut cf, "/Data")?),
        false => None,
    };
    let props = papx::ParaProps::reader(&word, &table, data.as_deref(), &fib, &pieces);
        eprintln!("avail {}", props.available());
        let mut s = String::new();
        for c in text.iter().take(3000) {
            if c.unit == 7 || c.unit == 13 {
                eprintln!("{:?} mark {} fc {} -> {:?}", s, c.unit, c.fc, props.of_mark(c));
                s.clear();
            } else {
                s.push(char::from_u32(c.unit as u32).unwrap_or('?'));
            }
        }
    }
}
