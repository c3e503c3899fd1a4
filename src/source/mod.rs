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
        Ok(if lower.ends_with(".html") || lower.ends_with(".htm") {
            Document::parse_html(text)
        } else {
            Document::parse(text)
        })
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
