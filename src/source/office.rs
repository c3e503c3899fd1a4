//! Files that are not text: Word (.docx, .doc) and PDF. Each reader turns the file into
//! [`RawBlock`]s — paragraphs and table rows in reading order — and [`to_document`] lays them
//! out as the text a user would get by copying the document (cells separated by tabs, rows and
//! paragraphs by line breaks). That text is the Document's source: spans point into it, the
//! page shows it, and pasting it back gives the same cells.

use super::{Block, Document, SourceKind, Text};

/// What a reader extracts: a paragraph, or one table row of cell texts (a cell's paragraphs
/// joined by spaces).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RawBlock {
    Para(String),
    Row(Vec<String>),
}

/// The kinds of binary document we read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OfficeKind {
    Docx,
    Doc,
    Pdf,
}

impl OfficeKind {
    pub fn label(self) -> &'static str {
        match self {
            OfficeKind::Docx => ".docx",
            OfficeKind::Doc => ".doc",
            OfficeKind::Pdf => ".pdf",
        }
    }
}

/// Recognises a Word or PDF file by its first bytes (never by its name: users rename files).
pub fn sniff(bytes: &[u8]) -> Option<OfficeKind> {
    if bytes.starts_with(b"PK\x03\x04") {
        Some(OfficeKind::Docx)
    } else if bytes.starts_with(b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1") {
        Some(OfficeKind::Doc)
    } else if bytes.len() >= 5
        && bytes[..bytes.len().min(1024)]
            .windows(5)
            .any(|w| w == b"%PDF-")
    {
        Some(OfficeKind::Pdf)
    } else {
        None
    }
}

/// Reads a Word or PDF file into a Document, or says in Chinese why it cannot.
pub fn read(bytes: &[u8], kind: OfficeKind) -> Result<Document, String> {
    let blocks = extract(bytes, kind)?;
    let doc = to_document(&blocks);
    if doc.blocks.is_empty() {
        return Err(format!(
            "{} 文件中没有找到文字。如果它是扫描件或图片，请使用带文字的原文件，或将报告文字复制粘贴到此处。",
            kind.label()
        ));
    }
    Ok(doc)
}

#[cfg(feature = "office")]
fn extract(bytes: &[u8], kind: OfficeKind) -> Result<Vec<RawBlock>, String> {
    match kind {
        OfficeKind::Docx => super::docx::read(bytes),
        OfficeKind::Doc => super::doc::read(bytes),
        OfficeKind::Pdf => super::pdf::read(bytes),
    }
}

/// Built without the readers (the page's main module, which hands such files to the readers
/// module instead).
#[cfg(not(feature = "office"))]
fn extract(_bytes: &[u8], kind: OfficeKind) -> Result<Vec<RawBlock>, String> {
    Err(format!(
        "这一版本不能读取 {} 文件。请在 Word/WPS 中打开后全选复制粘贴到此处。",
        kind.label()
    ))
}

/// Lays blocks out as copied text and builds the Document over it, keeping each cell's own
/// span (so no tab or line heuristics are needed to find the cells again).
pub fn to_document(blocks: &[RawBlock]) -> Document {
    let mut source = String::new();
    let mut out = Vec::new();
    for b in blocks {
        match b {
            RawBlock::Para(p) => {
                let p = one_line(p);
                if p.trim().is_empty() {
                    continue;
                }
                let mut t = Text::new();
                t.push_source(&p, source.len());
                source.push_str(&p);
                out.push(Block::Text(t));
            }
            RawBlock::Row(cells) => {
                if cells.iter().all(|c| c.trim().is_empty()) {
                    continue;
                }
                let mut row = Vec::with_capacity(cells.len());
                for (i, c) in cells.iter().enumerate() {
                    if i > 0 {
                        source.push('\t');
                    }
                    let c = one_line(c);
                    let mut t = Text::new();
                    t.push_source(&c, source.len());
                    source.push_str(&c);
                    row.push(t);
                }
                // A row of one cell still reads back as a row when pasted.
                if cells.len() == 1 {
                    source.push('\t');
                }
                out.push(Block::Row(row));
            }
        }
        source.push('\n');
    }
    Document {
        source,
        kind: SourceKind::Text,
        blocks: out,
    }
}

/// A cell or paragraph on one line: tabs and line breaks inside it become spaces.
fn one_line(s: &str) -> String {
    s.replace(['\t', '\n', '\r', '\u{b}', '\u{c}'], " ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_keep_their_spans_in_the_laid_out_text() {
        let doc = to_document(&[
            RawBlock::Para("三、收到和处理政府信息公开申请情况".into()),
            RawBlock::Row(vec![
                "一、本年新收政府信息公开申请数量".into(),
                "92".into(),
                "".into(),
            ]),
            RawBlock::Row(vec!["".into(), "".into()]),
            RawBlock::Row(vec!["单独\n一格".into()]),
        ]);
        assert_eq!(
            doc.source,
            "三、收到和处理政府信息公开申请情况\n一、本年新收政府信息公开申请数量\t92\t\n单独 一格\t\n"
        );
        let Block::Row(cells) = &doc.blocks[1] else {
            panic!("{:?}", doc.blocks)
        };
        let s = cells[1].whole_span();
        assert_eq!(&doc.source[s.start..s.end], "92");
        assert_eq!(cells[2].as_str(), "");
        assert_eq!(doc.blocks.len(), 3);
        // Pasting the laid-out text back reads the same rows.
        let again = Document::parse_text(doc.source.clone());
        assert_eq!(again.blocks.len(), 3);
    }

    #[test]
    fn sniffs_by_magic_bytes() {
        assert_eq!(sniff(b"PK\x03\x04...."), Some(OfficeKind::Docx));
        assert_eq!(
            sniff(b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1...."),
            Some(OfficeKind::Doc)
        );
        assert_eq!(sniff(b"%PDF-1.7\n"), Some(OfficeKind::Pdf));
        assert_eq!(sniff("一、总体情况".as_bytes()), None);
    }
}
