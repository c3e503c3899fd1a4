//! Sources → [`Document`]: whatever the user gives us (plain text, Markdown from PDF text, HTML from
//! Word or a web page) becomes a flat sequence of blocks — text paragraphs and table rows — whose
//! every character still knows where it came from in the (decoded) input.

mod decode;
#[cfg(feature = "office")]
mod doc;
#[cfg(feature = "office")]
mod docx;
mod html;
pub mod office;
#[cfg(feature = "office")]
mod pdf;
mod text;
#[cfg(feature = "office")]
mod xml;
#[cfg(feature = "office")]
pub mod zip;

pub use decode::{decode, DecodeError, MAX_INPUT_BYTES};
pub use html::{MAX_HTML_TAGS, MAX_TABLE_NESTING};

/// Most text (UTF-8 bytes, markup not counted) a document may hold. Real reports have 10–60 KB
/// of text, a whole saved web page around them a little more; 512 KB keeps the slowest check of
/// anything larger (a pasted spreadsheet, several reports at once) under a second.
pub const MAX_TEXT_BYTES: usize = 512 * 1024;
/// Most table rows: the three tables of a report have about 60, a web page's layout tables a
/// few hundred more.
pub const MAX_TABLE_ROWS: usize = 5_000;
/// Most table cells, ten a row, empty ones included (they carry no text, so the text limit
/// misses them: a paste of one giant row of tabs).
pub const MAX_TABLE_CELLS: usize = 50_000;

/// A document too big to be one report: refused before the template stage, whose work grows
/// with the rows and the text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TooMuch {
    /// Characters of text.
    Text(usize),
    Rows(usize),
    Cells(usize),
    /// Tags of HTML ([`MAX_HTML_TAGS`]).
    Tags(usize),
    /// Depth of nested HTML tables ([`MAX_TABLE_NESTING`]).
    Nesting(usize),
}

impl std::fmt::Display for TooMuch {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        const CHECK: &str =
            "请确认粘贴或选择的内容只是一份年度报告（不要包含附件、其他报告或整张数据表）。";
        match self {
            TooMuch::Text(n) => write!(
                f,
                "内容中的文字太多（约 {} 万字），超过了约 {} 万字的上限。年度报告的正文一般只有一两万字，{CHECK}",
                n.div_ceil(10_000),
                MAX_TEXT_BYTES / 3 / 10_000
            ),
            TooMuch::Tags(n) => write!(
                f,
                "网页中的标记太多（超过 {} 个标签），无法读取。年度报告的网页一般只有几千个标签，{CHECK}",
                n - 1
            ),
            TooMuch::Nesting(n) => write!(
                f,
                "网页中的表格嵌套太深（{n} 层，上限为 {} 层），无法读取。请在浏览器中打开该网页，全选复制后粘贴到此处。",
                MAX_TABLE_NESTING
            ),
            TooMuch::Rows(n) => write!(
                f,
                "内容中的表格行数太多（{n} 行），超过了 {MAX_TABLE_ROWS} 行的上限。年度报告的统计表一共只有几十行，{CHECK}"
            ),
            TooMuch::Cells(n) => write!(
                f,
                "内容中的表格单元格太多（{n} 个），超过了 {MAX_TABLE_CELLS} 个的上限。年度报告的统计表一共只有几百个单元格，{CHECK}"
            ),
        }
    }
}

impl std::error::Error for TooMuch {}

/// Reads decoded text as HTML (`html`, or when it looks like markup) or as plain text, after
/// refusing what is too big to be one report ([`TooMuch`]) before the reader's work and memory
/// (a span map of 16 bytes per byte of text) are spent on it.
pub fn read_checked(source: String, html: bool) -> Result<Document, TooMuch> {
    let doc = if html || html::looks_like_html(&source) {
        html::check_size(&source)?;
        Document::parse_html(source)
    } else {
        // Blank lines and indentation do not count as text: twice the limit before reading.
        if source.len() > MAX_TEXT_BYTES * 2 {
            return Err(TooMuch::Text(source.chars().count()));
        }
        Document::parse_text(source)
    };
    doc.check_size()?;
    Ok(doc)
}

/// A byte range in the decoded input text (UTF-8 offsets).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default, serde::Serialize)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Self {
        Span { start, end }
    }
    pub fn cover(self, other: Span) -> Span {
        Span::new(self.start.min(other.start), self.end.max(other.end))
    }
}

/// Normalised text with a map back into the input: `offsets[i]` is the input range of the
/// source character that produced byte `i` of `text`.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Text {
    pub text: String,
    offsets: Vec<(usize, usize)>,
    /// Where an empty text sits.
    at: usize,
}

impl Text {
    pub fn new() -> Self {
        Text::default()
    }

    /// Appends `raw` (which sits at input offsets `start..start+raw.len()`), normalising it:
    /// full-width digits and dots become ASCII, U+3000 / NBSP / other odd spaces become ' ',
    /// CR is dropped.
    pub fn push_source(&mut self, raw: &str, start: usize) {
        if self.text.is_empty() {
            self.at = start;
        }
        for (i, ch) in raw.char_indices() {
            let at = start + i;
            let end = at + ch.len_utf8();
            self.push_char(normalise_char(ch), at, end);
        }
    }

    /// Appends one character produced by the input range `at..end`.
    pub fn push_char(&mut self, ch: Option<char>, at: usize, end: usize) {
        let Some(ch) = ch else { return };
        for _ in 0..ch.len_utf8() {
            self.offsets.push((at, end));
        }
        self.text.push(ch);
    }

    /// Appends a separator that is not in the input (a line break between blocks), placed at `at`.
    pub fn push_synthetic(&mut self, ch: char, at: usize) {
        self.push_char(Some(ch), at, at);
    }

    pub fn append(&mut self, other: &Text) {
        if self.text.is_empty() {
            self.at = other.at;
        }
        self.text.push_str(&other.text);
        self.offsets.extend_from_slice(&other.offsets);
    }

    /// The input span of `text[a..b]`.
    pub fn span(&self, a: usize, b: usize) -> Span {
        let a = a.min(self.text.len());
        let b = b.max(a).min(self.text.len());
        if a == b {
            let o = self
                .offsets
                .get(a)
                .map(|o| o.0)
                .or(self.offsets.last().map(|o| o.1))
                .unwrap_or(self.at);
            return Span::new(o, o);
        }
        Span::new(
            self.offsets[a].0,
            self.offsets[b - 1].1.max(self.offsets[a].0),
        )
    }

    pub fn whole_span(&self) -> Span {
        self.span(0, self.text.len())
    }

    /// A sub-text `text[a..b]` keeping its map.
    pub fn slice(&self, a: usize, b: usize) -> Text {
        Text {
            text: self.text[a..b].to_string(),
            offsets: self.offsets[a..b].to_vec(),
            at: self.span(a, a).start,
        }
    }

    /// The same text with leading and trailing whitespace removed.
    pub fn trimmed(&self) -> Text {
        let start = self.text.len() - self.text.trim_start().len();
        let end = self.text.trim_end().len().max(start);
        self.slice(start, end)
    }

    pub fn as_str(&self) -> &str {
        &self.text
    }

    pub fn is_blank(&self) -> bool {
        self.text.trim().is_empty()
    }
}

/// One character as the readers see it.
pub fn normalise_char(ch: char) -> Option<char> {
    Some(match ch {
        '\r' | '\u{feff}' | '\u{200b}' | '\u{200c}' | '\u{200d}' | '\u{2060}' => return None,
        '０'..='９' => char::from_u32(ch as u32 - '０' as u32 + '0' as u32).unwrap(),
        '．' => '.',
        '－' | '−' => '-',
        '＋' => '+',
        '｜' => '|',
        '\t' | '\n' => ch,
        c if c.is_whitespace() => ' ',
        c => c,
    })
}

/// What the input looked like, for messages and for reading modes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum SourceKind {
    Text,
    Html,
}

/// A paragraph of text, or one row of a table (HTML `<tr>`, a Markdown `| … |` line, a line of
/// tab-separated cells as a browser or Word copies it).
#[derive(Clone, Debug, PartialEq)]
pub enum Block {
    Text(Text),
    Row(Vec<Text>),
}

#[derive(Clone, Debug)]
pub struct Document {
    /// The decoded input; every span points into it.
    pub source: String,
    pub kind: SourceKind,
    pub blocks: Vec<Block>,
}

impl Document {
    /// Reads a file's bytes: a Word or PDF file by its reader, anything else decoded as text
    /// (HTML when `name` ends in .html/.htm or the text looks like markup). The error is the
    /// Chinese message for the user.
    pub fn from_bytes(bytes: &[u8], name: &str) -> Result<Document, String> {
        if bytes.len() > MAX_INPUT_BYTES {
            return Err(DecodeError::TooLarge(bytes.len()).to_string());
        }
        if let Some(kind) = office::sniff(bytes) {
            return office::read(bytes, kind);
        }
        let text = decode(bytes).map_err(|e| e.to_string())?;
        let lower = name.to_ascii_lowercase();
        let html = lower.ends_with(".html") || lower.ends_with(".htm");
        read_checked(text, html).map_err(|e| e.to_string())
    }

    /// Reads decoded text, choosing the reader by content (HTML when it looks like markup).
    pub fn parse(source: String) -> Document {
        if html::looks_like_html(&source) {
            let blocks = html::read(&source);
            Document {
                source,
                kind: SourceKind::Html,
                blocks,
            }
        } else {
            let blocks = text::read(&source);
            Document {
                source,
                kind: SourceKind::Text,
                blocks,
            }
        }
    }

    pub fn parse_html(source: String) -> Document {
        let blocks = html::read(&source);
        Document {
            source,
            kind: SourceKind::Html,
            blocks,
        }
    }

    pub fn parse_text(source: String) -> Document {
        let blocks = text::read(&source);
        Document {
            source,
            kind: SourceKind::Text,
            blocks,
        }
    }

    /// Whether the document is small enough to be one report ([`MAX_TEXT_BYTES`],
    /// [`MAX_TABLE_ROWS`], [`MAX_TABLE_CELLS`]).
    pub fn check_size(&self) -> Result<(), TooMuch> {
        let (mut text, mut rows, mut cells) = (0usize, 0usize, 0usize);
        let chars = || -> usize {
            self.blocks
                .iter()
                .map(|b| match b {
                    Block::Text(t) => t.text.chars().count(),
                    Block::Row(c) => c.iter().map(|t| t.text.chars().count()).sum(),
                })
                .sum()
        };
        for b in &self.blocks {
            match b {
                Block::Text(t) => text += t.text.len(),
                Block::Row(c) => {
                    rows += 1;
                    cells += c.len();
                    text += c.iter().map(|t| t.text.len()).sum::<usize>();
                }
            }
        }
        if text > MAX_TEXT_BYTES {
            Err(TooMuch::Text(chars()))
        } else if rows > MAX_TABLE_ROWS {
            Err(TooMuch::Rows(rows))
        } else if cells > MAX_TABLE_CELLS {
            Err(TooMuch::Cells(cells))
        } else {
            Ok(())
        }
    }

    /// All text of the document in reading order, rows joined by tabs, blocks by newlines.
    pub fn plain_text(&self) -> Text {
        let mut t = Text::new();
        for b in &self.blocks {
            match b {
                Block::Text(x) => t.append(x),
                // One line per row, as a browser copies it: line breaks inside a cell become
                // spaces, and a row of one cell ends with a tab so that it reads back as a row.
                Block::Row(cells) => {
                    for (i, c) in cells.iter().enumerate() {
                        if i > 0 {
                            let at = c.whole_span().start;
                            t.push_synthetic('\t', at);
                        }
                        let mut flat = c.clone();
                        flat.text = flat.text.replace('\n', " ");
                        t.append(&flat);
                    }
                    if cells.len() == 1 {
                        let at = t.whole_span().end;
                        t.push_synthetic('\t', at);
                    }
                }
            }
            let at = t.whole_span().end;
            t.push_synthetic('\n', at);
        }
        t
    }
}
