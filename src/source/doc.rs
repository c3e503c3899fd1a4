//! Word 97–2003 `.doc` → [`RawBlock`]s (issue 5), per [MS-DOC].
//!
//! A .doc is a compound file (read with `cfb`) whose `WordDocument` stream starts with the FIB
//! ([`fib`]). The text is found through the piece table in the table stream ([`pieces`]); which
//! paragraphs are table cells and rows is only known from the paragraph properties
//! ([`papx`]), and deleted or hidden text from the character properties ([`chpx`]), both
//! stored in formatted disk pages ([`fkp`]) as lists of property modifiers ([`sprm`]).
//! [`blocks`] walks the characters with those properties and emits paragraphs and rows. WPS
//! writes the same format; fast-saved files are covered by the piece table and its Prms.
//!
//! The input is untrusted (a user's upload, also read in the page's wasm where a panic kills
//! the module): every offset is checked, every count is bounded, and anything that does not
//! hold together is the one [`CORRUPT`] message rather than a guess.

mod blocks;
mod chpx;
mod fib;
mod fkp;
mod papx;
mod pieces;
mod sprm;

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
    /// A Word 6.0/95 file (nFib): a different FIB and text layout.
    OldVersion(u16),
    /// Tables are present (cell marks) but their paragraph properties cannot be read, so cells
    /// and rows cannot be told apart safely.
    NoTableInfo,
    /// A compound file that is another kind of document (what it is, in Chinese).
    NotWord(&'static str),
    /// A password-protected .docx/.xlsx: Office wraps the encrypted package in a compound file.
    EncryptedPackage,
}

impl DocError {
    pub fn message(self) -> String {
        match self {
            DocError::Corrupt => CORRUPT.into(),
            DocError::Encrypted => "该 Word 文件已加密（设置了打开密码），无法读取。请在 Word/WPS 中取消密码后另存为 .docx 再上传。".into(),
            DocError::OldVersion(nfib) => format!(
                "这是 Word 6.0/95 格式的 .doc 文件（nFib = 0x{nfib:04X}），只能读取 Word 97 及以后的 .doc。请在 Word/WPS 中打开后另存为 .docx 再上传。"
            ),
            DocError::NoTableInfo => "无法读取这个 .doc 文件中的表格结构。建议在 Word/WPS 中另存为 .docx 后再上传。".into(),
            DocError::NotWord(kind) => format!(
                "这是{kind}，不是 Word 文档。请上传年度报告的 Word、PDF 或网页文件。"
            ),
            DocError::EncryptedPackage => "这个 Word 文件设有打开密码，无法读取。请在 Word/WPS 中取消密码后再上传。".into(),
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
    /// Largest stream we read (WordDocument, table or Data stream).
    pub const STREAM_BYTES: u64 = 64 << 20;
    /// Most pieces in the piece table.
    pub const PIECES: usize = 1 << 16;
    /// Most characters of main text.
    pub const CHARS: usize = 16 << 20;
    /// Most entries of a PlcBte (the FKP pages of paragraph or character properties).
    pub const FKP_PAGES: usize = 1 << 14;
    /// Most bytes of sprms parsed in one document (a hostile file could point every paragraph
    /// mark at the same 64 KB of huge properties).
    pub const SPRM_BYTES: usize = 64 << 20;
    /// Deepest field nesting tracked (a deeper field counts as part of the one around it).
    pub const FIELD_DEPTH: usize = 64;
}

pub fn read(bytes: &[u8]) -> Result<Vec<RawBlock>, String> {
    read_blocks(bytes).map_err(DocError::message)
}

fn read_blocks(bytes: &[u8]) -> Result<Vec<RawBlock>, DocError> {
    let mut cf = cfb::CompoundFile::open(std::io::Cursor::new(bytes))?;
    if !cf.is_stream("/WordDocument") {
        return Err(other_compound_file(&cf));
    }
    let word = read_stream(&mut cf, "/WordDocument")?;
    let fib = fib::Fib::parse(&word)?;
    let table = read_stream(&mut cf, fib.table_stream())?;
    // Only needed for huge paragraph properties; many files have none.
    let data = match cf.is_stream("/Data") {
        true => Some(read_stream(&mut cf, "/Data")?),
        false => None,
    };
    parse(&word, &fib, &table, data.as_deref())
}

/// The document's blocks from its streams.
fn parse(
    word: &[u8],
    fib: &fib::Fib,
    table: &[u8],
    data: Option<&[u8]>,
) -> Result<Vec<RawBlock>, DocError> {
    let pieces = pieces::PieceTable::parse(table, fib)?;
    let text = pieces.main_text(word, fib.ccp_text)?;
    let budget = sprm::Budget::default();
    let props = papx::ParaProps::reader(word, table, data, fib, &pieces, &budget);
    let chars = chpx::CharProps::reader(word, table, fib, &pieces, &budget);
    let lookup = props
        .available()
        .then_some(|c: &pieces::Ch| props.of_mark(c));
    blocks::build(&text, lookup, |c| chars.hidden(c))
}

/// What a compound file without a `WordDocument` stream is, by its streams.
fn other_compound_file<F>(cf: &cfb::CompoundFile<F>) -> DocError {
    if cf.is_stream("/EncryptedPackage") {
        DocError::EncryptedPackage
    } else if cf.is_stream("/Workbook") || cf.is_stream("/Book") {
        DocError::NotWord("Excel 表格文件（.xls）")
    } else if cf.is_stream("/PowerPoint Document") {
        DocError::NotWord("PowerPoint 文件（.ppt）")
    } else if cf.is_stream("/WpsContent") || cf.is_storage("/WpsContent") {
        DocError::NotWord("WPS 文字的 .wps 文件（请在 WPS 中另存为 .docx）")
    } else {
        DocError::Corrupt
    }
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
mod tests {
    use super::*;
    use std::collections::BTreeMap;
    use std::io::Write;

    fn fixture(name: &str) -> Vec<u8> {
        let path = format!(
            "{}/tests/fixtures/office/{name}",
            env!("CARGO_MANIFEST_DIR")
        );
        std::fs::read(path).unwrap()
    }

    /// xorshift64*: deterministic variants without a dependency.
    struct Rng(u64);
    impl Rng {
        fn next(&mut self) -> u64 {
            self.0 ^= self.0 >> 12;
            self.0 ^= self.0 << 25;
            self.0 ^= self.0 >> 27;
            self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
        }
        fn below(&mut self, n: usize) -> usize {
            (self.next() % n.max(1) as u64) as usize
        }
        /// Flips 1–8 random bytes of `b[range]` to random values.
        fn flip(&mut self, b: &mut [u8], range: std::ops::Range<usize>) {
            let range = range.start.min(b.len())..range.end.min(b.len());
            if range.is_empty() {
                return;
            }
            for _ in 0..1 + self.below(8) {
                let at = range.start + self.below(range.len());
                b[at] = self.next() as u8;
            }
        }
    }

    /// The fixture's streams, opened the ordinary way.
    fn streams(bytes: &[u8]) -> (Vec<u8>, Vec<u8>, Option<Vec<u8>>) {
        let mut cf = cfb::CompoundFile::open(std::io::Cursor::new(bytes)).unwrap();
        let word = read_stream(&mut cf, "/WordDocument").unwrap();
        let fib = fib::Fib::parse(&word).unwrap();
        let table = read_stream(&mut cf, fib.table_stream()).unwrap();
        let data = read_stream(&mut cf, "/Data").ok();
        (word, table, data)
    }

    fn outcome(r: &Result<Vec<RawBlock>, DocError>) -> String {
        match r {
            Ok(_) => "Ok".into(),
            Err(e) => format!("{e:?}"),
        }
    }

    /// A compound file holding the named streams (as Excel, PowerPoint or an encrypted
    /// .docx are).
    fn compound(streams: &[&str]) -> Vec<u8> {
        let mut cf = cfb::CompoundFile::create(std::io::Cursor::new(Vec::new())).unwrap();
        for s in streams {
            cf.create_stream(s).unwrap().write_all(b"x").unwrap();
        }
        cf.flush().unwrap();
        cf.into_inner().into_inner()
    }

    #[test]
    fn other_compound_files_say_what_they_are() {
        let says = |streams: &[&str]| read(&compound(streams)).unwrap_err();
        assert!(says(&["EncryptionInfo", "EncryptedPackage"]).contains("密码"));
        assert!(says(&["Workbook"]).contains("Excel"));
        assert!(says(&["PowerPoint Document"]).contains("PowerPoint"));
        assert_eq!(says(&["Something"]), CORRUPT);
    }

    #[test]
    fn fixture_reads_rows_and_paragraphs() {
        let blocks = read(&fixture("001.doc")).unwrap();
        assert_eq!(
            blocks[0],
            RawBlock::Para("平潭综合实验区某局2021年政府信息公开工作年度报告".into())
        );
        let row = blocks.iter().find_map(|b| match b {
            RawBlock::Row(c) if c[0] == "一、本年新收政府信息公开申请数量" => {
                Some(c.clone())
            }
            _ => None,
        });
        assert_eq!(row.unwrap()[1..], ["64", "0", "0", "2", "0", "4", "70"]);
        // Not a compound file, or one without a WordDocument stream.
        assert_eq!(
            read(b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1"),
            Err(CORRUPT.to_string())
        );
        assert_eq!(read(&fixture("001.docx")), Err(CORRUPT.to_string()));
    }

    fn testdata(name: &str) -> Vec<RawBlock> {
        let path = format!(
            "{}/src/source/doc/testdata/{name}",
            env!("CARGO_MANIFEST_DIR")
        );
        read(&std::fs::read(path).unwrap()).unwrap()
    }

    fn row(cells: &[&str]) -> RawBlock {
        RawBlock::Row(cells.iter().map(|c| c.to_string()).collect())
    }

    #[test]
    fn nested_tables_merges_breaks_and_fields() {
        assert_eq!(
            testdata("nested.doc"),
            vec![
                RawBlock::Para("Plain ASCII paragraph one.".into()),
                RawBlock::Para("行一\n行二".into()),
                row(&["外格 内1 内2 内3 内4 尾", "12"]),
                row(&["合并", "5"]),
                row(&["6"]),
                RawBlock::Para("Page 1 end".into()),
            ]
        );
    }

    #[test]
    fn tracked_deletions_and_hidden_text_are_left_out() {
        assert_eq!(
            testdata("tracked.doc")[..2],
            [RawBlock::Para("总计70件。".into()), row(&["甲", "1"])]
        );
    }

    /// A hand-made file: 8-bit text "a␇␇␇b↵" (an "a" cell, an empty cell, the row mark, a
    /// paragraph) in pieces with the given Prms, one PAPX page whose runs give `in_table`.
    fn synthetic(prms: [u16; 3], in_table: [bool; 2]) -> Result<Vec<RawBlock>, DocError> {
        let mut word = fib::tests::fib_bytes(0, 6, (0, 0), (0, 0));
        word.resize(1024, 0);
        word.extend(b"a\x07\x07\x07b\r");
        // PapxFkp at page 1: runs a␇ | ␇ | ␇ (TTP) | b↵.
        let mut page = vec![0u8; 512];
        page[511] = 4;
        for (k, fc) in [1024u32, 1026, 1027, 1028, 1030].iter().enumerate() {
            page[4 * k..4 * k + 4].copy_from_slice(&fc.to_le_bytes());
        }
        page[300..306].copy_from_slice(&[3, 0, 0, 0x16, 0x24, 1]);
        page[320..329].copy_from_slice(&[5, 0, 0, 0x16, 0x24, 1, 0x17, 0x24, 1]);
        let bx = |j: usize| 20 + 13 * j;
        page[bx(0)] = if in_table[0] { 150 } else { 0 };
        page[bx(1)] = if in_table[1] { 150 } else { 0 };
        page[bx(2)] = 160;
        word[512..1024].copy_from_slice(&page);
        // Pieces: "a␇" | "␇" | "␇b↵", all compressed (fc doubled, bit 30 set).
        let fc = |at: u32| (at * 2) | 0x4000_0000;
        let pieces = [
            (0, fc(1024), prms[0]),
            (2, fc(1026), prms[1]),
            (3, fc(1027), prms[2]),
        ];
        let mut table = pieces::tests::clx(&[b"\x16\x24\x01"], &pieces, 6);
        let clx = (0, table.len() as u32);
        for v in [1024u32, 1030, 1] {
            table.extend(v.to_le_bytes());
        }
        let fib = fib::tests::fib_bytes(0, 6, clx, (clx.1, 12));
        word[..0x200].copy_from_slice(&fib);
        parse(&word, &fib::Fib::parse(&word)?, &table, None)
    }

    #[test]
    fn compressed_pieces_and_piece_prms_give_the_row() {
        let want = vec![row(&["a", ""]), RawBlock::Para("b".into())];
        assert_eq!(synthetic([0, 0, 0], [true, true]), Ok(want.clone()));
        // The empty cell's mark is only in the table through its piece's Prm: Prm0 with
        // sprmPFInTable (isprm 0x18, value 1), or Prm1 pointing at a grpprl holding it.
        assert_eq!(
            synthetic([0, 0x18 << 1 | 0x100, 0], [true, false]),
            Ok(want.clone())
        );
        assert_eq!(synthetic([0, 1, 0], [true, false]), Ok(want));
        // Without it, a cell mark outside a table: refused rather than guessed.
        assert_eq!(
            synthetic([0, 0, 0], [true, false]),
            Err(DocError::NoTableInfo)
        );
    }

    #[test]
    fn tables_without_paragraph_properties_are_refused() {
        let (word, table, data) = streams(&fixture("001.doc"));
        let mut fib = fib::Fib::parse(&word).unwrap();
        fib.lcb_plcf_bte_papx = 0;
        assert_eq!(
            parse(&word, &fib, &table, data.as_deref()),
            Err(DocError::NoTableInfo)
        );
        // Without the Data stream the rows' huge properties are missing too.
        let fib = fib::Fib::parse(&word).unwrap();
        assert_eq!(parse(&word, &fib, &table, None), Err(DocError::NoTableInfo));
    }

    /// Variants per kind; `NIANBAO_DOC_FUZZ=20` runs twenty times as many.
    fn rounds(n: usize) -> usize {
        let times = std::env::var("NIANBAO_DOC_FUZZ")
            .ok()
            .and_then(|v| v.parse().ok());
        n * times.unwrap_or(1)
    }

    /// Truncated and byte-flipped files (whole file, and each stream's structures) give Ok or
    /// Err, never a panic or a hang. The outcome counts are printed for the record.
    #[test]
    fn damaged_files_never_panic() {
        let bytes = fixture("003.doc");
        let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
        let mut seen: BTreeMap<String, usize> = BTreeMap::new();
        let mut note = |what: &str, r: Result<Vec<RawBlock>, DocError>| {
            *seen.entry(format!("{what}: {}", outcome(&r))).or_default() += 1;
        };
        // Whole file: truncations (every sector boundary and random lengths), random flips
        // anywhere and in the header and directory sectors.
        for len in (0..bytes.len())
            .step_by(512)
            .chain((0..100).map(|_| rng.below(bytes.len())))
        {
            note("truncated", read_blocks(&bytes[..len]));
        }
        for k in 0..rounds(300) {
            let mut b = bytes.clone();
            let range = if k % 2 == 0 { 0..usize::MAX } else { 0..1024 };
            rng.flip(&mut b, range);
            note("flipped file", read_blocks(&b));
        }
        // Streams: the FIB, the table stream's structures, the FKP pages and the Data stream.
        let (word, table, data) = streams(&bytes);
        let fib0 = fib::Fib::parse(&word).unwrap();
        let clx = fib0.fc_clx as usize..(fib0.fc_clx + fib0.lcb_clx) as usize;
        let bte = fib0.fc_plcf_bte_papx as usize
            ..(fib0.fc_plcf_bte_papx + fib0.lcb_plcf_bte_papx) as usize;
        for k in 0..rounds(1500) {
            let (mut w, mut t, mut d) = (
                word.clone(),
                table.clone(),
                data.clone().unwrap_or_default(),
            );
            match k % 6 {
                0 => rng.flip(&mut w, 0..0x200),
                1 => rng.flip(&mut t, clx.clone()),
                2 => rng.flip(&mut t, bte.clone()),
                3 => rng.flip(&mut w, 0x200..usize::MAX),
                4 => rng.flip(&mut d, 0..usize::MAX),
                _ => {
                    let n = rng.below(t.len());
                    t.truncate(n);
                }
            }
            let r = fib::Fib::parse(&w).and_then(|fib| parse(&w, &fib, &t, Some(&d)));
            note(
                ["fib", "clx", "bte", "fkp/text", "data", "table cut"][k % 6],
                r,
            );
        }
        eprintln!("{seen:#?}");
        assert!(seen.keys().any(|k| k.ends_with("Corrupt")), "{seen:?}");
    }
}
