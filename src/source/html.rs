//! HTML → blocks. A small, tolerant tokenizer and flattener written by hand: reports come as
//! Word-exported HTML ("另存为网页") or as a whole government web page with the report inside, and
//! we only need what a reader sees, in reading order — paragraphs as text blocks and every row of
//! a data table as one row of cells, each character still pointing at its bytes in the input.
//!
//! Reading happens in two passes over the same token stream. The first only follows table
//! structure, to learn which tables are *layout* tables (a cell holds another table): their rows
//! are page scaffolding, not data, so the second pass flattens them as ordinary flow. No tree is
//! built: block-level tags are just paragraph boundaries, and the only nesting we keep is the
//! stack of open tables (a `Vec`, so deep or hostile nesting costs memory, never the call stack).

use super::{normalise_char, Block, Text};

/// Most tags a page may have: saved reports have 1 000–5 000 (003, 012), and reading time grows
/// with them (about 0.3 µs each).
pub const MAX_HTML_TAGS: usize = 200_000;
/// Deepest nesting of tables: Word and site pages nest two or three.
pub const MAX_TABLE_NESTING: usize = 100;

/// A quick look at markup before reading it: too many tags, tables nested too deep, or too much
/// text between the tags (script and style included, so the limit is eight times that of the
/// document's text) refuse it at once, in a few milliseconds per megabyte, instead of after
/// seconds of reading.
pub(crate) fn check_size(s: &str) -> Result<(), super::TooMuch> {
    let b = s.as_bytes();
    let (mut tags, mut depth, mut deepest, mut text) = (0usize, 0usize, 0usize, 0usize);
    let mut i = 0;
    while let Some(at) = find_byte(b, i, b'<') {
        text += at - i;
        let rest = &b[at + 1..];
        if rest
            .first()
            .is_some_and(|c| c.is_ascii_alphabetic() || matches!(c, b'/' | b'!'))
        {
            tags += 1;
            if starts_with_ignore_case(rest, b"table") {
                depth += 1;
                deepest = deepest.max(depth);
            } else if starts_with_ignore_case(rest, b"/table") {
                depth = depth.saturating_sub(1);
            }
            if tags > MAX_HTML_TAGS {
                return Err(super::TooMuch::Tags(tags));
            }
            i = skip_past_gt(b, at + 1);
        } else {
            i = at + 1;
        }
    }
    text += b.len().saturating_sub(i);
    if deepest > MAX_TABLE_NESTING {
        Err(super::TooMuch::Nesting(deepest))
    } else if text > super::MAX_TEXT_BYTES * 8 {
        Err(super::TooMuch::Text(s.chars().count()))
    } else {
        Ok(())
    }
}

/// How much of the input [`looks_like_html`] inspects.
const SNIFF_BYTES: usize = 64 * 1024;

/// True when the input is HTML markup rather than text that happens to contain a `<`.
///
/// One document-level tag (`<html`, `<body`, `<head`, `<table`, `<!doctype html`) is enough; other
/// common tags (`<p`, `<div`, `<td`, `<span>` …) must occur at least twice. `<br>` alone counts only
/// when no line starts with `|`: PDF-to-Markdown tools put `<br>` inside Markdown table cells, and
/// those files must go to the text reader.
pub(crate) fn looks_like_html(s: &str) -> bool {
    let b = &s.as_bytes()[..s.len().min(SNIFF_BYTES)];
    let (mut weak, mut br) = (0, 0);
    let mut i = 0;
    while let Some(at) = find_byte(b, i, b'<') {
        i = at + 1;
        if starts_with_ignore_case(&b[at..], b"<!doctype html") {
            return true;
        }
        let rest = &b[at + 1..];
        let rest = rest.strip_prefix(b"/").unwrap_or(rest);
        let n = rest
            .iter()
            .take_while(|c| c.is_ascii_alphanumeric())
            .count();
        if n == 0
            || !matches!(
                rest.get(n),
                Some(b'>' | b'/') | Some(&(b' ' | b'\t' | b'\n' | b'\r'))
            )
        {
            continue;
        }
        if !tag_closes_soon(&rest[n..]) {
            continue;
        }
        let name = &rest[..n];
        let is = |w: &[u8]| name.eq_ignore_ascii_case(w);
        if ["html", "body", "head", "table"]
            .iter()
            .any(|w| is(w.as_bytes()))
        {
            return true;
        }
        if is(b"br") {
            br += 1;
        } else if SNIFF_TAGS.iter().any(|w| is(w.as_bytes())) {
            weak += 1;
            if weak >= 2 {
                return true;
            }
        }
    }
    br >= 2
        && !b
            .split(|&c| c == b'\n')
            .any(|line| line.trim_ascii_start().starts_with(b"|"))
}

/// Tags that, seen twice, mark the input as markup.
const SNIFF_TAGS: &[&str] = &[
    "p", "div", "span", "td", "tr", "th", "tbody", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5",
    "h6", "font", "b", "strong", "a", "img", "meta", "title", "style", "script", "section",
];

/// A real tag ends with `>` before any other `<` (Word's attributes can run over several lines).
fn tag_closes_soon(rest: &[u8]) -> bool {
    for &c in rest.iter().take(4096) {
        match c {
            b'>' => return true,
            b'<' => return false,
            _ => {}
        }
    }
    false
}

/// Reads HTML into reading-order blocks: the `<title>` first, then paragraphs and table rows.
pub(crate) fn read(source: &str) -> Vec<Block> {
    let layout = find_layout_tables(source);
    let mut builder = Builder::new(source, layout);
    for token in Tokenizer::new(source) {
        builder.token(token);
    }
    builder.finish()
}

// ---------------------------------------------------------------------------------------------
// Tokenizer

/// What a tag means to us; everything we do not know is inline and adds nothing.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Tag {
    Table,
    Tr,
    /// `td`, `th`.
    Cell,
    /// `tbody`, `thead`, `tfoot`, `caption`, `colgroup`: they end the open row.
    TableSection,
    Br,
    /// Block-level elements: their start and end tags break paragraphs.
    Block,
    Pre,
    /// Its text is the document title (read as RCDATA: no tags inside).
    Title,
    /// Raw-text or invisible elements whose whole content is dropped (`script`, `style`, …).
    Skip,
    Inline,
}

fn classify(name: &str) -> Tag {
    let mut buf = [0u8; 12];
    let Some(lower) = buf.get_mut(..name.len()) else {
        return Tag::Inline;
    };
    lower.copy_from_slice(name.as_bytes());
    lower.make_ascii_lowercase();
    match &*lower {
        b"table" => Tag::Table,
        b"tr" => Tag::Tr,
        b"td" | b"th" => Tag::Cell,
        b"tbody" | b"thead" | b"tfoot" | b"caption" | b"colgroup" => Tag::TableSection,
        b"br" => Tag::Br,
        b"pre" | b"listing" => Tag::Pre,
        b"title" => Tag::Title,
        b"script" | b"style" | b"xml" | b"noscript" | b"iframe" | b"noembed" | b"noframes"
        | b"template" | b"textarea" | b"select" | b"svg" | b"math" => Tag::Skip,
        b"address" | b"article" | b"aside" | b"blockquote" | b"body" | b"center" | b"dd"
        | b"details" | b"dialog" | b"dir" | b"div" | b"dl" | b"dt" | b"fieldset"
        | b"figcaption" | b"figure" | b"footer" | b"form" | b"h1" | b"h2" | b"h3" | b"h4"
        | b"h5" | b"h6" | b"header" | b"hgroup" | b"hr" | b"html" | b"head" | b"legend" | b"li"
        | b"main" | b"menu" | b"nav" | b"ol" | b"p" | b"section" | b"summary" | b"ul" => Tag::Block,
        _ => Tag::Inline,
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    /// Literal text (character references still undecoded).
    Text,
    Start(Tag),
    End(Tag),
}

/// One token and the source bytes it covers.
#[derive(Clone, Copy, Debug)]
struct Token {
    kind: Kind,
    start: usize,
    end: usize,
}

/// Splits the source into text runs and tags. Comments, doctypes, processing instructions, Word's
/// `<![if …]>` markers and the content of raw-text elements never come out as tokens. An
/// unterminated tag at the end is dropped, as browsers do.
struct Tokenizer<'a> {
    src: &'a str,
    pos: usize,
    /// After the start tag of a raw-text element: its name (the content runs to `</name`), and
    /// whether the content is wanted (the title) or dropped.
    raw: Option<(&'a str, bool)>,
}

impl<'a> Tokenizer<'a> {
    fn new(src: &'a str) -> Self {
        Tokenizer {
            src,
            pos: 0,
            raw: None,
        }
    }

    fn token(&mut self, kind: Kind, start: usize, end: usize) -> Option<Token> {
        self.pos = end;
        Some(Token { kind, start, end })
    }
}

impl Iterator for Tokenizer<'_> {
    type Item = Token;

    fn next(&mut self) -> Option<Token> {
        let b = self.src.as_bytes();
        loop {
            let pos = self.pos;
            if let Some((name, keep)) = self.raw.take() {
                let end = find_end_tag(b, pos, name.as_bytes());
                self.pos = end;
                if keep && end > pos {
                    return self.token(Kind::Text, pos, end);
                }
                continue;
            }
            if pos >= b.len() {
                return None;
            }
            if b[pos] != b'<' {
                let end = find_byte(b, pos, b'<').unwrap_or(b.len());
                return self.token(Kind::Text, pos, end);
            }
            match b.get(pos + 1).copied() {
                Some(b'!') => self.pos = skip_declaration(b, pos),
                Some(b'?') => self.pos = skip_past_gt(b, pos + 2),
                Some(b'/') => match b.get(pos + 2).copied() {
                    Some(c) if c.is_ascii_alphabetic() => {
                        let Some((name_end, end)) = parse_tag(b, pos + 2) else {
                            self.pos = b.len();
                            return None;
                        };
                        let tag = classify(&self.src[pos + 2..name_end]);
                        return self.token(Kind::End(tag), pos, end);
                    }
                    Some(b'>') => self.pos = pos + 3,
                    // `</` at the very end is literal text.
                    None => return self.token(Kind::Text, pos, b.len()),
                    Some(_) => self.pos = skip_past_gt(b, pos + 2),
                },
                Some(c) if c.is_ascii_alphabetic() => {
                    let Some((name_end, end)) = parse_tag(b, pos + 1) else {
                        self.pos = b.len();
                        return None;
                    };
                    let name = &self.src[pos + 1..name_end];
                    let tag = classify(name);
                    if matches!(tag, Tag::Skip | Tag::Title) {
                        self.raw = Some((name, tag == Tag::Title));
                    }
                    return self.token(Kind::Start(tag), pos, end);
                }
                // A `<` that starts no markup is text, up to the next `<`.
                _ => {
                    let end = find_byte(b, pos + 1, b'<').unwrap_or(b.len());
                    return self.token(Kind::Text, pos, end);
                }
            }
        }
    }
}

fn is_space(c: u8) -> bool {
    matches!(c, b' ' | b'\t' | b'\n' | b'\r' | b'\x0c')
}

fn find_byte(b: &[u8], from: usize, needle: u8) -> Option<usize> {
    b.get(from..)?
        .iter()
        .position(|&c| c == needle)
        .map(|i| from + i)
}

fn starts_with_ignore_case(b: &[u8], prefix: &[u8]) -> bool {
    b.len() >= prefix.len() && b[..prefix.len()].eq_ignore_ascii_case(prefix)
}

/// Parses a tag from its name at `name_start` to its closing `>`, skipping attributes (quoted
/// values may contain `>`). Returns the end of the name and the end of the tag, or `None` when the
/// input ends inside the tag.
fn parse_tag(b: &[u8], name_start: usize) -> Option<(usize, usize)> {
    let stops_name = |c: u8| is_space(c) || c == b'/' || c == b'>';
    let mut i = name_start;
    while i < b.len() && !stops_name(b[i]) {
        i += 1;
    }
    let name_end = i;
    loop {
        while i < b.len() && (is_space(b[i]) || b[i] == b'/') {
            i += 1;
        }
        match b.get(i)? {
            b'>' => return Some((name_end, i + 1)),
            // An attribute name (its first character may even be '=').
            _ => i += 1,
        }
        while i < b.len() && !stops_name(b[i]) && b[i] != b'=' {
            i += 1;
        }
        while i < b.len() && is_space(b[i]) {
            i += 1;
        }
        if b.get(i) != Some(&b'=') {
            continue;
        }
        i += 1;
        while i < b.len() && is_space(b[i]) {
            i += 1;
        }
        match b.get(i) {
            Some(&q @ (b'"' | b'\'')) => i = find_byte(b, i + 1, q)? + 1,
            _ => {
                while i < b.len() && !is_space(b[i]) && b[i] != b'>' {
                    i += 1;
                }
            }
        }
    }
}

/// Skips `<!…`: a comment `<!-- … -->` (Word's `<!--[if …]> … <![endif]-->` included), or a
/// doctype, CDATA or Word's `<![if …]>` / `<![endif]>` marker, which end at the next `>`.
/// Returns where the text resumes; an unterminated comment runs to the end.
fn skip_declaration(b: &[u8], pos: usize) -> usize {
    if !b[pos + 2..].starts_with(b"--") {
        return skip_past_gt(b, pos + 2);
    }
    let body = pos + 4;
    // `<!-->` and `<!--->` are complete, empty comments.
    if b[body..].starts_with(b">") {
        return body + 1;
    }
    if b[body..].starts_with(b"->") {
        return body + 2;
    }
    let mut i = body;
    while let Some(at) = find_byte(b, i, b'-') {
        let rest = &b[at..];
        if rest.starts_with(b"-->") {
            return at + 3;
        }
        if rest.starts_with(b"--!>") {
            return at + 4;
        }
        i = at + 1;
    }
    b.len()
}

fn skip_past_gt(b: &[u8], from: usize) -> usize {
    find_byte(b, from, b'>').map_or(b.len(), |i| i + 1)
}

/// Where the content of a raw-text element ends: at its end tag `</name` (any case), or the end.
fn find_end_tag(b: &[u8], from: usize, name: &[u8]) -> usize {
    let mut i = from;
    while let Some(at) = find_byte(b, i, b'<') {
        let after = at + 2 + name.len();
        if b.get(at + 1) == Some(&b'/')
            && starts_with_ignore_case(&b[at + 2..], name)
            && b.get(after)
                .is_none_or(|&c| is_space(c) || c == b'/' || c == b'>')
        {
            return at;
        }
        i = at + 1;
    }
    b.len()
}

// ---------------------------------------------------------------------------------------------
// Character references

/// Decodes the character reference at `s[at..]` (which starts with '&'): the character (`None`
/// for one that shows nothing, like `&shy;`) and where the reference ends. `None` when it is not
/// one we know: the '&' is then literal.
fn decode_entity(s: &str, at: usize) -> Option<(Option<char>, usize)> {
    let b = s.as_bytes();
    let mut i = at + 1;
    if b.get(i) == Some(&b'#') {
        i += 1;
        let hex = matches!(b.get(i), Some(b'x' | b'X'));
        if hex {
            i += 1;
        }
        let radix = if hex { 16 } else { 10 };
        let digits_start = i;
        let mut value: u32 = 0;
        while let Some(d) = b.get(i).and_then(|&c| (c as char).to_digit(radix)) {
            value = value.saturating_mul(radix).saturating_add(d);
            i += 1;
        }
        if i == digits_start {
            return None;
        }
        if b.get(i) == Some(&b';') {
            i += 1;
        }
        // Like browsers: NUL, surrogates and values past Unicode become U+FFFD.
        let ch = char::from_u32(value)
            .filter(|&c| c != '\0')
            .unwrap_or('\u{fffd}');
        return Some((Some(ch), i));
    }
    let name_len = b[i..]
        .iter()
        .take(32)
        .take_while(|c| c.is_ascii_alphanumeric())
        .count();
    let name = &s[i..i + name_len];
    let end = i + name_len;
    if b.get(end) == Some(&b';') {
        return named_entity(name).map(|ch| (ch, end + 1));
    }
    // A few old names work without the semicolon in browsers, and appear so in old pages.
    match name {
        "nbsp" | "amp" | "lt" | "gt" | "quot" | "copy" | "reg" => {
            named_entity(name).map(|ch| (ch, end))
        }
        _ => None,
    }
}

fn named_entity(name: &str) -> Option<Option<char>> {
    let ch = match name {
        "nbsp" => '\u{a0}',
        "amp" | "AMP" => '&',
        "lt" | "LT" => '<',
        "gt" | "GT" => '>',
        "quot" | "QUOT" => '"',
        "apos" => '\'',
        "ldquo" => '“',
        "rdquo" => '”',
        "lsquo" => '‘',
        "rsquo" => '’',
        "laquo" => '«',
        "raquo" => '»',
        "mdash" => '—',
        "ndash" => '–',
        "minus" => '−',
        "middot" => '·',
        "bull" => '•',
        "hellip" => '…',
        "times" => '×',
        "divide" => '÷',
        "plusmn" => '±',
        "le" => '≤',
        "ge" => '≥',
        "ne" => '≠',
        "deg" => '°',
        "permil" => '‰',
        "percnt" => '%',
        "yen" => '¥',
        "euro" => '€',
        "pound" => '£',
        "cent" => '¢',
        "copy" => '©',
        "reg" => '®',
        "trade" => '™',
        "sect" => '§',
        "para" => '¶',
        "rarr" => '→',
        "larr" => '←',
        "uarr" => '↑',
        "darr" => '↓',
        "ensp" => '\u{2002}',
        "emsp" => '\u{2003}',
        "thinsp" => '\u{2009}',
        "shy" | "zwnj" | "zwj" => return Some(None),
        _ => return None,
    };
    Some(Some(ch))
}

// ---------------------------------------------------------------------------------------------
// Table structure

/// A change in table structure, as a browser's table parser would make it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Structure {
    /// `parent` is the table in whose open cell this one sits.
    OpenTable {
        id: usize,
        parent: Option<usize>,
    },
    CloseTable {
        id: usize,
    },
    OpenRow {
        table: usize,
    },
    CloseRow {
        table: usize,
    },
    OpenCell {
        table: usize,
    },
    CloseCell {
        table: usize,
    },
}

struct OpenTable {
    id: usize,
    row: bool,
    cell: bool,
}

/// The stack of open tables. Both passes feed it the same tags, so table ids agree between them.
///
/// Invariant: every table but the outermost was opened inside an open cell of the one below it,
/// and that cell stays open while it is (cell and row tags always act on the innermost table).
#[derive(Default)]
struct Tables {
    open: Vec<OpenTable>,
    count: usize,
}

impl Tables {
    /// Applies a tag; returns false when the tag is not about table structure here (table tags
    /// outside any table are stray, and the caller treats them as paragraph breaks).
    fn on_tag(&mut self, tag: Tag, is_start: bool, out: &mut Vec<Structure>) -> bool {
        match (tag, is_start) {
            (Tag::Table, true) => {
                // A table nests only inside a cell; anywhere else in a table it ends that table.
                while self.open.last().is_some_and(|t| !t.cell) {
                    self.close_table(out);
                }
                let parent = self.open.last().map(|t| t.id);
                let id = self.count;
                self.count += 1;
                self.open.push(OpenTable {
                    id,
                    row: false,
                    cell: false,
                });
                out.push(Structure::OpenTable { id, parent });
            }
            (Tag::Table, false) if !self.open.is_empty() => self.close_table(out),
            (Tag::Tr, true) if !self.open.is_empty() => {
                self.close_row(out);
                self.open_row(out);
            }
            (Tag::Tr, false) | (Tag::TableSection, _) if !self.open.is_empty() => {
                self.close_row(out)
            }
            (Tag::Cell, true) if !self.open.is_empty() => {
                self.close_cell(out);
                if !self.open.last().is_some_and(|t| t.row) {
                    self.open_row(out);
                }
                if let Some(t) = self.open.last_mut() {
                    t.cell = true;
                    out.push(Structure::OpenCell { table: t.id });
                }
            }
            (Tag::Cell, false) if !self.open.is_empty() => self.close_cell(out),
            _ => return false,
        }
        true
    }

    fn open_row(&mut self, out: &mut Vec<Structure>) {
        if let Some(t) = self.open.last_mut() {
            t.row = true;
            out.push(Structure::OpenRow { table: t.id });
        }
    }

    fn close_cell(&mut self, out: &mut Vec<Structure>) {
        if let Some(t) = self.open.last_mut().filter(|t| t.cell) {
            t.cell = false;
            out.push(Structure::CloseCell { table: t.id });
        }
    }

    fn close_row(&mut self, out: &mut Vec<Structure>) {
        self.close_cell(out);
        if let Some(t) = self.open.last_mut().filter(|t| t.row) {
            t.row = false;
            out.push(Structure::CloseRow { table: t.id });
        }
    }

    fn close_table(&mut self, out: &mut Vec<Structure>) {
        self.close_row(out);
        if let Some(t) = self.open.pop() {
            out.push(Structure::CloseTable { id: t.id });
        }
    }

    fn close_all(&mut self, out: &mut Vec<Structure>) {
        while !self.open.is_empty() {
            self.close_table(out);
        }
    }
}

/// First pass: which tables (by id, in order of their start tags) hold another table in a cell.
fn find_layout_tables(source: &str) -> Vec<bool> {
    let mut layout = Vec::new();
    let mut tables = Tables::default();
    let mut events = Vec::new();
    for token in Tokenizer::new(source) {
        let (Kind::Start(tag) | Kind::End(tag)) = token.kind else {
            continue;
        };
        tables.on_tag(tag, matches!(token.kind, Kind::Start(_)), &mut events);
        for event in events.drain(..) {
            if let Structure::OpenTable { parent, .. } = event {
                layout.push(false);
                if let Some(p) = parent {
                    layout[p] = true;
                }
            }
        }
    }
    layout
}

// ---------------------------------------------------------------------------------------------
// Building blocks

/// Text being gathered for one paragraph or cell, collapsing whitespace as HTML rendering does:
/// a run of whitespace becomes one space, and only between two visible characters of a line.
///
/// Spaces and line breaks are held back until the next visible character, so that nothing is
/// pushed after the last one: a character's span ends where the next pushed one starts, and this
/// keeps the span of a cell's last digit from running over the closing markup.
struct Acc {
    text: Text,
    /// The source range of the first whitespace character of the pending run.
    space: Option<(usize, usize)>,
    /// A line break (`<br>`, `<p>` … inside a cell) is pending.
    newline: bool,
}

impl Acc {
    fn new() -> Self {
        Acc {
            text: Text::new(),
            space: None,
            newline: false,
        }
    }

    /// Adds one source character (or decoded reference) produced by `at..end`.
    fn push(&mut self, ch: char, at: usize, end: usize) {
        let Some(c) = normalise_char(ch) else { return };
        if c.is_whitespace() {
            self.space.get_or_insert((at, end));
            return;
        }
        let space = self.space.take();
        if !self.text.text.is_empty() {
            let prev_end = self.text.whole_span().end;
            if std::mem::take(&mut self.newline) {
                self.text.push_synthetic('\n', prev_end);
            } else if let Some((s, e)) = space {
                // The whitespace itself when it follows the previous character directly; when
                // markup sits between them, a synthetic space keeps that markup out of the span.
                if s == prev_end {
                    self.text.push_char(Some(' '), s, e);
                } else {
                    self.text.push_synthetic(' ', prev_end);
                }
            }
        }
        self.text.push_char(Some(c), at, end);
    }

    /// A line break inside a cell; repeated breaks give one.
    fn line_break(&mut self) {
        self.space = None;
        self.newline = !self.text.text.is_empty();
    }

    /// The gathered text, trimmed. Whitespace is only ever pushed between visible characters, so
    /// it is trimmed already; `trimmed()` (a full copy) runs only should that ever not hold.
    fn take(&mut self) -> Text {
        let text = std::mem::replace(self, Acc::new()).text;
        let s = text.as_str();
        if s.starts_with(char::is_whitespace) || s.ends_with(char::is_whitespace) {
            return text.trimmed();
        }
        text
    }
}

/// The cell being read in a data table, and where its content starts (the span of a blank cell).
struct Cell {
    acc: Acc,
    start: usize,
}

/// The open data table. It is always the innermost open table: a table opened inside one of its
/// cells would have made it a layout table.
struct DataTable {
    id: usize,
    row: Vec<Text>,
    cell: Option<Cell>,
}

struct Builder<'a> {
    src: &'a str,
    /// Per table id, from the first pass.
    layout: Vec<bool>,
    tables: Tables,
    events: Vec<Structure>,
    blocks: Vec<Block>,
    /// The paragraph of flow text being gathered.
    para: Acc,
    data: Option<DataTable>,
    title: Option<Text>,
    /// Inside `<title>`: its text.
    title_acc: Option<Acc>,
    /// Depth of `<pre>`: there, source newlines break lines.
    pre: usize,
}

impl<'a> Builder<'a> {
    fn new(src: &'a str, layout: Vec<bool>) -> Self {
        Builder {
            src,
            layout,
            tables: Tables::default(),
            events: Vec::new(),
            blocks: Vec::new(),
            para: Acc::new(),
            data: None,
            title: None,
            title_acc: None,
            pre: 0,
        }
    }

    fn token(&mut self, token: Token) {
        match token.kind {
            Kind::Text => self.text(token.start, token.end),
            Kind::Start(Tag::Title) => self.title_acc = Some(Acc::new()),
            Kind::End(Tag::Title) => self.end_title(),
            Kind::Start(tag) => self.tag(tag, true, token),
            Kind::End(tag) => self.tag(tag, false, token),
        }
    }

    fn tag(&mut self, tag: Tag, is_start: bool, token: Token) {
        let mut events = std::mem::take(&mut self.events);
        let handled = self.tables.on_tag(tag, is_start, &mut events);
        for event in events.drain(..) {
            self.structure(event, token);
        }
        self.events = events;
        if handled {
            return;
        }
        match tag {
            Tag::Pre if is_start => self.pre += 1,
            Tag::Pre => self.pre = self.pre.saturating_sub(1),
            _ => {}
        }
        match tag {
            Tag::Br
            | Tag::Block
            | Tag::Pre
            | Tag::Table
            | Tag::Tr
            | Tag::Cell
            | Tag::TableSection => self.break_line(),
            Tag::Title | Tag::Skip | Tag::Inline => {}
        }
    }

    /// Applies a table-structure change. Any of them ends the flow paragraph.
    fn structure(&mut self, event: Structure, token: Token) {
        self.flush_para();
        match event {
            Structure::OpenTable { id, .. } => {
                if !self.layout.get(id).copied().unwrap_or(false) {
                    self.data = Some(DataTable {
                        id,
                        row: Vec::new(),
                        cell: None,
                    });
                }
            }
            Structure::CloseTable { id } => {
                if self.data.as_ref().is_some_and(|d| d.id == id) {
                    self.data = None;
                }
            }
            Structure::OpenRow { table } => {
                if let Some(d) = self.data_table(table) {
                    d.row.clear();
                }
            }
            Structure::CloseRow { table } => {
                if let Some(d) = self.data_table(table) {
                    let row = std::mem::take(&mut d.row);
                    if !row.is_empty() {
                        self.blocks.push(Block::Row(row));
                    }
                }
            }
            Structure::OpenCell { table } => {
                if let Some(d) = self.data_table(table) {
                    d.cell = Some(Cell {
                        acc: Acc::new(),
                        start: token.end,
                    });
                }
            }
            Structure::CloseCell { table } => {
                if let Some(d) = self.data_table(table) {
                    if let Some(cell) = d.cell.take() {
                        d.row.push(finish_cell(cell));
                    }
                }
            }
        }
    }

    fn data_table(&mut self, id: usize) -> Option<&mut DataTable> {
        self.data.as_mut().filter(|d| d.id == id)
    }

    /// Where text goes now: the open data-table cell, else the flow paragraph. (Text inside a
    /// data table but outside its cells is flow text.)
    fn sink(&mut self) -> &mut Acc {
        match &mut self.data {
            Some(DataTable {
                cell: Some(cell), ..
            }) => &mut cell.acc,
            _ => &mut self.para,
        }
    }

    /// A block boundary: a new line inside a data cell, a new paragraph elsewhere.
    fn break_line(&mut self) {
        match &mut self.data {
            Some(DataTable {
                cell: Some(cell), ..
            }) => cell.acc.line_break(),
            _ => self.flush_para(),
        }
    }

    fn flush_para(&mut self) {
        let text = self.para.take();
        if !text.is_blank() {
            self.blocks.push(Block::Text(text));
        }
    }

    /// Literal text `start..end`, decoding character references.
    fn text(&mut self, start: usize, end: usize) {
        let src = self.src;
        let mut i = start;
        while i < end {
            let rest = &src[i..end];
            let plain = rest.find('&').unwrap_or(rest.len());
            for (k, ch) in rest[..plain].char_indices() {
                self.char(ch, i + k, i + k + ch.len_utf8());
            }
            i += plain;
            if i >= end {
                break;
            }
            // A reference can only run to the end of this text token: tags end it.
            match decode_entity(&src[..end], i) {
                Some((ch, stop)) => {
                    if let Some(ch) = ch {
                        self.char(ch, i, stop);
                    }
                    i = stop;
                }
                None => {
                    self.char('&', i, i + 1);
                    i += 1;
                }
            }
        }
    }

    fn char(&mut self, ch: char, at: usize, end: usize) {
        if let Some(title) = &mut self.title_acc {
            title.push(ch, at, end);
        } else if self.pre > 0 && ch == '\n' {
            self.break_line();
        } else {
            self.sink().push(ch, at, end);
        }
    }

    /// Only the first title counts (an `<svg>`'s would be skipped anyway).
    fn end_title(&mut self) {
        if let Some(mut acc) = self.title_acc.take() {
            let title = acc.take();
            if self.title.is_none() && !title.is_blank() {
                self.title = Some(title);
            }
        }
    }

    fn finish(mut self) -> Vec<Block> {
        self.end_title();
        let mut events = std::mem::take(&mut self.events);
        self.tables.close_all(&mut events);
        let end = self.src.len();
        let at_end = Token {
            kind: Kind::Text,
            start: end,
            end,
        };
        for event in events.drain(..) {
            self.structure(event, at_end);
        }
        self.flush_para();
        if let Some(title) = self.title.take() {
            self.blocks.insert(0, Block::Text(title));
        }
        self.blocks
    }
}

/// A cell's text, trimmed; a blank cell is an empty text placed where the cell's content starts,
/// so that a message about it can point there.
fn finish_cell(mut cell: Cell) -> Text {
    let text = cell.acc.take();
    if !text.as_str().is_empty() {
        return text;
    }
    let mut blank = Text::new();
    blank.push_synthetic(' ', cell.start);
    blank.trimmed()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows(blocks: &[Block]) -> Vec<Vec<String>> {
        blocks
            .iter()
            .filter_map(|b| match b {
                Block::Row(cells) => Some(cells.iter().map(|c| c.text.clone()).collect()),
                Block::Text(_) => None,
            })
            .collect()
    }

    fn texts(blocks: &[Block]) -> Vec<String> {
        blocks
            .iter()
            .filter_map(|b| match b {
                Block::Text(t) => Some(t.text.clone()),
                Block::Row(_) => None,
            })
            .collect()
    }

    /// Every character's span lies inside the source, on character boundaries.
    fn check_spans(src: &str, blocks: &[Block]) {
        let check = |t: &Text| {
            for (i, ch) in t.text.char_indices() {
                let s = t.span(i, i + ch.len_utf8());
                assert!(
                    s.start <= s.end && s.end <= src.len(),
                    "{s:?} out of {}",
                    src.len()
                );
                assert!(src.is_char_boundary(s.start) && src.is_char_boundary(s.end));
            }
            let w = t.whole_span();
            assert!(w.end <= src.len());
        };
        for b in blocks {
            match b {
                Block::Text(t) => check(t),
                Block::Row(cells) => cells.iter().for_each(check),
            }
        }
    }

    fn row_strs(r: &[String]) -> Vec<&str> {
        r.iter().map(String::as_str).collect()
    }

    #[test]
    fn colspan_rowspan_table_gives_cells_as_written() {
        let src = r#"<table border=1>
          <tr><td rowspan="2" colspan="3">申请人情况</td><td colspan=5>法人或其他组织</td><td rowspan=2>总计</td></tr>
          <tr><td>商业企业</td><td>科研机构</td></tr>
          <tr><td colspan="3">一、本年新收政府信息公开申请数量</td><td>821</td><td>35</td><td>&nbsp;</td><td>859</td></tr>
        </table>"#;
        let blocks = read(src);
        assert_eq!(
            rows(&blocks),
            vec![
                vec!["申请人情况", "法人或其他组织", "总计"],
                vec!["商业企业", "科研机构"],
                vec!["一、本年新收政府信息公开申请数量", "821", "35", "", "859"],
            ]
        );
        assert!(texts(&blocks).is_empty());
        check_spans(src, &blocks);
    }

    #[test]
    fn word_mso_markup_in_cells() {
        let src = "<table class=MsoNormalTable><tr>\n<td style=\"mso-border-alt:solid windowtext .5pt;\">\
            <p class=MsoNormal><span lang=EN-US>1<o:p></o:p></span></p></td>\n\
            <td><p class=MsoNormal align=center><span style='font-family:仿宋_GB2312'>2</span><span>0</span><span><o:p></o:p></span></p></td>\n\
            <td><p class=MsoNormal><span lang=EN-US><o:p>&nbsp;</o:p></span></p></td>\n\
            <td><p><o:p></o:p></p></td></tr></table>";
        let blocks = read(src);
        assert_eq!(rows(&blocks), vec![vec!["1", "20", "", ""]]);
        let Block::Row(cells) = &blocks[0] else {
            panic!()
        };
        let s = cells[1].whole_span();
        // "2</span><span>0": the span runs from the '2' to the '0', and no further.
        assert!(src[s.start..s.end].starts_with('2') && src[s.start..s.end].ends_with('0'));
        assert_eq!(cells[0].whole_span(), {
            let at = src.find(">1<").unwrap() + 1;
            crate::source::Span::new(at, at + 1)
        });
        check_spans(src, &blocks);
    }

    #[test]
    fn nbsp_blank_cells_are_kept_empty_and_placed() {
        let src = "<table><tr><td>x</td><td>&nbsp;</td><td> \n </td><td>&nbsp;&nbsp;</td><td>7</td></tr></table>";
        let blocks = read(src);
        assert_eq!(rows(&blocks), vec![vec!["x", "", "", "", "7"]]);
        let Block::Row(cells) = &blocks[0] else {
            panic!()
        };
        // The blank cell points where its content starts (just after `<td>`).
        let at = src.find("<td>&nbsp;").unwrap() + "<td>".len();
        assert_eq!(cells[1].whole_span(), crate::source::Span::new(at, at));
    }

    #[test]
    fn br_in_header_cell_is_a_line_break() {
        let src = "<table><tr><td>本年新<br />制作数量</td><td>本年新<br>公开数量</td><td>对外公开总数量</td></tr></table>";
        let blocks = read(src);
        assert_eq!(
            rows(&blocks),
            vec![vec![
                "本年新\n制作数量",
                "本年新\n公开数量",
                "对外公开总数量"
            ]]
        );
        let src2 = "<table><tr><td><p>第一段</p>\n<p>第二段</p><div>三</div></td></tr></table>";
        assert_eq!(rows(&read(src2)), vec![vec!["第一段\n第二段\n三"]]);
    }

    #[test]
    fn whitespace_collapses_inside_a_line() {
        let src =
            "<TABLE><TR><TD>  一、本年\n   新收 &nbsp; 数量 </TD><Td>\n 1\n</tD></TR></TABLE>";
        assert_eq!(rows(&read(src)), vec![vec!["一、本年 新收 数量", "1"]]);
        let p = "<p>  a\n\n b  </p><p>\t</p><p>c<span> </span>d</p>";
        assert_eq!(texts(&read(p)), vec!["a b", "c d"]);
    }

    #[test]
    fn nested_table_makes_a_layout_table() {
        let src = "<table id=layout><tr><td>导航</td><td>
              <p>正文标题</p>
              <table><tr><td>项目</td><td>数量</td></tr><tr><td>规章</td><td>13</td></tr></table>
              <p>结尾</p>
            </td></tr><tr><td>页脚</td></tr></table><p>after</p>";
        let blocks = read(src);
        assert_eq!(
            rows(&blocks),
            vec![vec!["项目", "数量"], vec!["规章", "13"]]
        );
        assert_eq!(
            texts(&blocks),
            vec!["导航", "正文标题", "结尾", "页脚", "after"]
        );
        // Document order: the rows sit between 正文标题 and 结尾.
        let order: Vec<String> = blocks
            .iter()
            .map(|b| match b {
                Block::Text(t) => t.text.clone(),
                Block::Row(c) => format!("row:{}", c[0].text),
            })
            .collect();
        assert_eq!(
            order,
            vec![
                "导航",
                "正文标题",
                "row:项目",
                "row:规章",
                "结尾",
                "页脚",
                "after"
            ]
        );
    }

    #[test]
    fn doubly_nested_layout_tables() {
        let src = "<table><tr><td><table><tr><td>A<table><tr><td>1</td><td>2</td></tr></table></td></tr></table></td><td>B</td></tr></table>";
        let blocks = read(src);
        assert_eq!(rows(&blocks), vec![vec!["1", "2"]]);
        assert_eq!(texts(&blocks), vec!["A", "B"]);
    }

    #[test]
    fn table_start_outside_a_cell_ends_the_open_table() {
        // Browsers do not nest a table directly in a row: the first one ends there, both are data.
        let src = "<table><tr><td>1</td></tr><table><tr><td>2</td></tr></table>";
        let blocks = read(src);
        assert_eq!(rows(&blocks), vec![vec!["1"], vec!["2"]]);
    }

    #[test]
    fn script_style_comments_and_head_are_skipped() {
        let src = r#"<!DOCTYPE html><html><head><meta charset="utf-8"><title> 报告 &amp; 标题 </title>
            <style>p { color: red } </style><script>var s = "<p>不要</p></div>";</script>
            <!--[if gte mso 9]><xml><w:WordDocument><w:View>Print</w:View></w:WordDocument></xml><![endif]-->
            </head><body>
            <script type="text/javascript">document.write("<table><tr><td>9</td></tr></table>")</SCRIPT >
            <p>正文<!-- 注释 <p>x</p> -->一</p>
            <p><![if !supportLists]><span>1.</span><![endif]>列表项</p>
            <xml><o:OfficeDocumentSettings>隐藏</o:OfficeDocumentSettings></xml>
            <noscript>请启用脚本</noscript><select><option>选项一</option></select>
            <?xml version="1.0"?><p>末</p></body></html>"#;
        let blocks = read(src);
        assert_eq!(
            texts(&blocks),
            vec!["报告 & 标题", "正文一", "1.列表项", "末"]
        );
        assert!(rows(&blocks).is_empty());
        check_spans(src, &blocks);
    }

    #[test]
    fn title_comes_first() {
        let src = "<body><p>先</p><title>题</title><p>后</p><title>第二个</title></body>";
        assert_eq!(texts(&read(src)), vec!["题", "先", "后"]);
    }

    #[test]
    fn entities_decode_with_spans() {
        let src = "<p>&ldquo;中国上海&rdquo;&#39;x&#x41;&#65;&lt;&gt;&quot;&apos;&amp;&mdash;&yen;&copy;&foo;&amp x&nbsp;y&#12288;z&#0;&#9999999999;</p>";
        let blocks = read(src);
        let Block::Text(t) = &blocks[0] else { panic!() };
        assert_eq!(
            t.text,
            "“中国上海”'xAA<>\"'&—¥©&foo;& x y z\u{fffd}\u{fffd}"
        );
        let i = t.text.find('“').unwrap();
        let s = t.span(i, i + '“'.len_utf8());
        assert_eq!(&src[s.start..s.end], "&ldquo;");
        let i = t.text.find('A').unwrap();
        let s = t.span(i, i + 1);
        assert_eq!(&src[s.start..s.end], "&#x41;");
        check_spans(src, &blocks);
        // Full-width digits become ASCII, keeping their source span.
        let src = "<table><tr><td>１２</td></tr></table>";
        let blocks = read(src);
        let Block::Row(c) = &blocks[0] else { panic!() };
        assert_eq!(c[0].text, "12");
        assert_eq!(&src[c[0].whole_span().start..c[0].whole_span().end], "１２");
    }

    #[test]
    fn cell_span_covers_the_digits() {
        let src = "<table><tr><td><span>92</span></td><td> <b>7</b> </td></tr></table>";
        let blocks = read(src);
        let Block::Row(cells) = &blocks[0] else {
            panic!()
        };
        assert_eq!(cells[0].text, "92");
        let s = cells[0].span(0, 2);
        assert_eq!(&src[s.start..s.end], "92");
        let s = cells[1].whole_span();
        assert_eq!(&src[s.start..s.end], "7");
    }

    #[test]
    fn attributes_quoting_and_case() {
        let src = "<TABLE><TR><TD TITLE=\"a>b\" data-x='c>d' nowrap width=38>5</TD><td class=x/y>6</td></TR></TABLE>";
        assert_eq!(rows(&read(src)), vec![vec!["5", "6"]]);
    }

    #[test]
    fn unclosed_tags_auto_close() {
        let src = "<table><tr><td>1<td>2<tr><td>3<th>4</table><p>a<p>b<ul><li>c<li>d</ul>";
        let blocks = read(src);
        assert_eq!(rows(&blocks), vec![vec!["1", "2"], vec!["3", "4"]]);
        assert_eq!(texts(&blocks), vec!["a", "b", "c", "d"]);
        // A table left open at the end still gives its rows.
        assert_eq!(rows(&read("<table><tr><td>5<td>6")), vec![vec!["5", "6"]]);
        // Cells without <tr>, tbody boundaries.
        let src = "<table><tbody><td>7<td>8<tbody><td>9</table>";
        assert_eq!(rows(&read(src)), vec![vec!["7", "8"], vec!["9"]]);
    }

    #[test]
    fn stray_tags_and_empty_rows() {
        let src = "</td></tr></table><p>x</p></div></span><table><tr></tr><tr><td>1</td></tr><tr> </tr></table><td>y</td>";
        let blocks = read(src);
        assert_eq!(rows(&blocks), vec![vec!["1"]]);
        assert_eq!(texts(&blocks), vec!["x", "y"]);
    }

    #[test]
    fn inline_elements_do_not_break_paragraphs_but_br_does() {
        let src = "<div>第<b>一</b><a href='#'>段</a><font color=red>落</font><br>第二行<br/><br/>第三行</div><h2>标题</h2>";
        assert_eq!(
            texts(&read(src)),
            vec!["第一段落", "第二行", "第三行", "标题"]
        );
    }

    #[test]
    fn pre_keeps_lines() {
        let src = "<pre>一\n二  三\n\n四</pre>";
        assert_eq!(texts(&read(src)), vec!["一", "二 三", "四"]);
    }

    #[test]
    fn text_outside_cells_in_a_data_table_is_kept() {
        let src = "<table><caption>表一</caption><tr><td>1</td></tr></table>";
        let blocks = read(src);
        assert_eq!(texts(&blocks), vec!["表一"]);
        assert_eq!(rows(&blocks), vec![vec!["1"]]);
    }

    #[test]
    fn garbage_never_panics() {
        let cases = [
            "",
            "<",
            "<<",
            "</",
            "<a",
            "<a href=\"x",
            "<p>abc<",
            "<!--",
            "<!-- x",
            "<!",
            "<?",
            "<!->",
            "<!-->x",
            "<!--->y",
            "&",
            "&#",
            "&#x",
            "&#;",
            "&amp",
            "<td>1",
            "<tr>",
            "</table>",
            "<table",
            "<script>",
            "<script>alert(1)",
            "<title>无尽",
            "<p>x</p",
            "\u{0}\u{1}<\u{ff}>\u{feff}",
            "<表格>中文</表格>",
            "<table><tr><td><table>",
            "<a b='c>d",
            "<a =x>y",
            "<a b=>z",
            "<p/>q",
            "</ p>r",
            "</>s",
            "< p>t",
        ];
        for src in cases {
            let blocks = read(src);
            check_spans(src, &blocks);
        }
        assert_eq!(texts(&read("<!-->x")), vec!["x"]);
        assert_eq!(texts(&read("< p>t")), vec!["< p>t"]);
        assert_eq!(texts(&read("<p>abc<")), vec!["abc<"]);
        assert_eq!(texts(&read("a</")), vec!["a</"]);
        assert_eq!(texts(&read("<title>无尽")), vec!["无尽"]);
        // An unterminated tag at the end is dropped, as browsers do.
        assert_eq!(texts(&read("x<a href=\"y")), vec!["x"]);
    }

    #[test]
    fn random_input_never_panics() {
        const PIECES: &[&str] = &[
            "<table>",
            "</table>",
            "<tr>",
            "</tr>",
            "<td>",
            "</td>",
            "<p>",
            "</p>",
            "<br>",
            "<div>",
            "</div>",
            "<span>",
            "1",
            "23",
            "中文",
            " ",
            "\n",
            "&nbsp;",
            "&#x4e2d;",
            "&",
            "<",
            ">",
            "\"",
            "'",
            "=",
            "<!--",
            "-->",
            "<![if x]>",
            "<script>",
            "</script>",
            "<title>",
            "é",
            "<th colspan=2>",
            "<tbody>",
            "<a href='",
            "&#99999999;",
            "</",
            "<!",
            "<?",
            "１",
        ];
        let mut seed: u64 = 0x2545_f491_4f6c_dd1d;
        for _ in 0..3000 {
            let mut src = String::new();
            for _ in 0..40 {
                seed = seed
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                src.push_str(PIECES[(seed >> 33) as usize % PIECES.len()]);
            }
            let blocks = read(&src);
            check_spans(&src, &blocks);
        }
    }

    #[test]
    fn large_and_deep_inputs_stay_linear() {
        let deep = "<div>".repeat(10_000) + "深" + &"</div>".repeat(10_000);
        assert_eq!(texts(&read(&deep)), vec!["深"]);
        // All but the innermost are layout tables; the innermost is a one-cell data table.
        let tables = "<table><tr><td>".repeat(10_000) + "x" + &"</td></tr></table>".repeat(10_000);
        assert_eq!(rows(&read(&tables)), vec![vec!["x"]]);
        let spans = "<span>".repeat(100_000) + "s";
        assert_eq!(texts(&read(&spans)), vec!["s"]);
        let big = "报告正文 12345 ".repeat(500_000); // ~9.5 MB of text
        let blocks = read(&big);
        assert_eq!(blocks.len(), 1);
        let lts = "<a<a<a ".repeat(300_000); // no '>' anywhere
        read(&lts);
        let quotes = "<a b=\"".repeat(300_000);
        read(&quotes);
        let comments = "<!-- -".repeat(300_000);
        read(&comments);
        let raw = "<script>".repeat(200_000) + &"</scrip".repeat(200_000);
        read(&raw);
        let ents = "&#1234567890123456789".repeat(200_000);
        read(&ents);
    }

    #[test]
    fn sniffing() {
        assert!(looks_like_html(
            "<!DOCTYPE html><html><body>x</body></html>"
        ));
        assert!(looks_like_html(
            "<p style='text-align: center'>标题</p><p>正文</p>"
        ));
        assert!(looks_like_html(
            "前言\n<table border=1><tr><td>1</td></tr></table>"
        ));
        assert!(looks_like_html("一行<br>二行<br/>三行"));
        assert!(looks_like_html(
            "<DIV\n class=WordSection1\n style='layout-grid:15.6pt'>x</DIV><SPAN>y</SPAN>"
        ));
        assert!(!looks_like_html("申请数量<5件，其中 a<b 且 c > d。"));
        assert!(!looks_like_html("一、总体情况\n本年度收到申请 21 件。\n"));
        assert!(!looks_like_html("x <p> is a tag name, said once"));
        assert!(!looks_like_html(
            "| 本年新<br>制作数量 | 本年新<br>公开数量 |\n|---|---|\n| 1 | 2 |"
        ));
        assert!(!looks_like_html(""));
        assert!(!looks_like_html("<"));
    }

    fn fixture(name: &str) -> String {
        let path = format!(
            "{}/tests/fixtures/corpus/{name}",
            env!("CARGO_MANIFEST_DIR")
        );
        std::fs::read_to_string(path).expect("fixture")
    }

    fn find_row<'b>(blocks: &'b [Block], label: &str) -> &'b Vec<Text> {
        blocks
            .iter()
            .find_map(|b| match b {
                Block::Row(c) if c.first().is_some_and(|c| c.text.contains(label)) => Some(c),
                _ => None,
            })
            .unwrap_or_else(|| panic!("no row {label}"))
    }

    #[test]
    fn corpus_025_shanghai_tables() {
        let src = fixture("025.html");
        assert!(looks_like_html(&src));
        let blocks = read(&src);
        check_spans(&src, &blocks);
        let row = find_row(&blocks, "本年新收政府信息公开申请数量");
        let cells: Vec<String> = row.iter().map(|c| c.text.clone()).collect();
        assert_eq!(
            row_strs(&cells),
            vec![
                "一、本年新收政府信息公开申请数量",
                "821",
                "35",
                "",
                "",
                "2",
                "1",
                "859"
            ]
        );
        let s = row[7].whole_span();
        assert_eq!(&src[s.start..s.end], "859");
        let row = find_row(&blocks, "二、上年结转政府信息公开申请数量");
        let cells: Vec<String> = row.iter().map(|c| c.text.clone()).collect();
        assert_eq!(
            row_strs(&cells),
            vec![
                "二、上年结转政府信息公开申请数量",
                "18",
                "",
                "",
                "",
                "",
                "",
                "18"
            ]
        );
        // The rowspan'd label starts its row; the 予以公开 row has a blank 总计 (as published).
        let row = find_row(&blocks, "三、本年度办理结果");
        assert_eq!(row[1].text, "（一）予以公开");
        assert_eq!(row[2].text, "258");
        assert_eq!(row.len(), 9);
        assert_eq!(row[8].text, "");
        // `<br />` in the header cells of table 2.
        assert!(blocks.iter().any(|b| matches!(b,
            Block::Row(c) if c.iter().any(|c| c.text == "本年新\n制作数量"))));
        // Paragraphs come through as text, `&lt;…&gt;` decoded.
        let t = texts(&blocks);
        assert_eq!(t[0], "2019年上海市人民政府办公厅政府信息公开工作年度报告");
        assert!(t
            .iter()
            .any(|p| p.contains("《上海市贯彻<长江三角洲区域一体化发展规划纲要>实施方案》")));
    }

    #[test]
    fn corpus_003_word_export_inside_site_page() {
        let src = fixture("003.html");
        assert!(looks_like_html(&src));
        let blocks = read(&src);
        check_spans(&src, &blocks);
        let t = texts(&blocks);
        assert!(
            t[0].starts_with("平潭综合实验区2020年度政府信息公开工作年度报告"),
            "{}",
            t[0]
        );
        assert!(
            t.iter()
                .all(|p| !p.contains("function") && !p.contains("{")),
            "script/style leaked"
        );
        let row = find_row(&blocks, "本年新收");
        let cells: Vec<String> = row.iter().map(|c| c.text.clone()).collect();
        assert_eq!(
            row_strs(&cells),
            vec![
                "一、本年新收政府信息公开申请数量",
                "20",
                "0",
                "0",
                "0",
                "0",
                "1",
                "21"
            ]
        );
        // "2</span><span …>0": the cell's span runs from the '2' to the '0'.
        let s = row[1].whole_span();
        assert!(src[s.start..s.end].starts_with("2</span>") && src[s.start..s.end].ends_with('0'));
        let s = row[7].span(1, 2);
        assert_eq!(&src[s.start..s.end], "1");
        // All three tables come out as rows: 表二 (主动公开), 表三 (申请), 表四 (复议诉讼).
        assert!(rows(&blocks).len() >= 3 + 10 + 3, "{}", rows(&blocks).len());
        assert!(find_row(&blocks, "政府集中采购")
            .iter()
            .any(|c| c.text == "395"));
        assert!(find_row(&blocks, "（七）总计")
            .iter()
            .any(|c| c.text == "21"));
        let first_table_row = blocks
            .iter()
            .position(|b| matches!(b, Block::Row(_)))
            .unwrap();
        assert!(blocks[..first_table_row].iter().any(|b| matches!(b,
            Block::Text(t) if t.text.contains("主动公开"))));
    }

    #[test]
    fn corpus_other_pages_parse() {
        for name in ["006.html", "012.html", "017.html", "030.html"] {
            let src = fixture(name);
            assert!(looks_like_html(&src), "{name}");
            let blocks = read(&src);
            check_spans(&src, &blocks);
            assert!(rows(&blocks).len() > 20, "{name}: {}", rows(&blocks).len());
            find_row(&blocks, "本年新收");
        }
    }
}
