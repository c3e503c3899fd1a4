//! Tokens and objects (ISO 32000-1 §7.2–7.3), shared by the file structure and content streams.
//! Lenient like a viewer: a malformed token reads as what it most likely meant, never panics;
//! nesting is bounded so a hostile file cannot overflow the stack.

use super::objects::{Dict, Obj};
use super::{damaged, Res, MAX_DEPTH};

#[derive(Debug, PartialEq)]
pub enum Tok<'a> {
    Int(i64),
    Real(f64),
    Name(Vec<u8>),
    Str(Vec<u8>),
    ArrOpen,
    ArrClose,
    DictOpen,
    DictClose,
    /// Operators and keywords (`obj`, `R`, `Tj`, `true` …); also `{` `}` of PostScript CMaps.
    Word(&'a [u8]),
}

pub fn is_white(b: u8) -> bool {
    matches!(b, 0 | 9 | 10 | 12 | 13 | 32)
}

fn is_delim(b: u8) -> bool {
    matches!(
        b,
        b'(' | b')' | b'<' | b'>' | b'[' | b']' | b'{' | b'}' | b'/' | b'%'
    )
}

fn hex(b: u8) -> Option<u8> {
    (b as char).to_digit(16).map(|d| d as u8)
}

pub struct Lexer<'a> {
    pub data: &'a [u8],
    pub pos: usize,
}

impl<'a> Lexer<'a> {
    pub fn new(data: &'a [u8], pos: usize) -> Self {
        Lexer { data, pos }
    }

    fn peek(&self) -> Option<u8> {
        self.data.get(self.pos).copied()
    }

    pub fn skip_white(&mut self) {
        while let Some(b) = self.peek() {
            if is_white(b) {
                self.pos += 1;
            } else if b == b'%' {
                while let Some(b) = self.peek() {
                    if b == b'\n' || b == b'\r' {
                        break;
                    }
                    self.pos += 1;
                }
            } else {
                break;
            }
        }
    }

    /// The next token, or None at the end of the data.
    pub fn next_tok(&mut self) -> Option<Tok<'a>> {
        self.skip_white();
        let b = self.peek()?;
        self.pos += 1;
        Some(match b {
            b'[' => Tok::ArrOpen,
            b']' => Tok::ArrClose,
            b'{' => Tok::Word(b"{"),
            b'}' => Tok::Word(b"}"),
            b'<' if self.peek() == Some(b'<') => {
                self.pos += 1;
                Tok::DictOpen
            }
            b'>' if self.peek() == Some(b'>') => {
                self.pos += 1;
                Tok::DictClose
            }
            b'<' => Tok::Str(self.hex_string()),
            // A stray `>` or `)`: skip it as a one-byte word nobody understands.
            b'>' => Tok::Word(b">"),
            b')' => Tok::Word(b")"),
            b'(' => Tok::Str(self.literal_string()),
            b'/' => Tok::Name(self.name()),
            _ => {
                let start = self.pos - 1;
                while let Some(b) = self.peek() {
                    if is_white(b) || is_delim(b) {
                        break;
                    }
                    self.pos += 1;
                }
                let word = &self.data[start..self.pos];
                number(word).unwrap_or(Tok::Word(word))
            }
        })
    }

    fn hex_string(&mut self) -> Vec<u8> {
        let mut out = Vec::new();
        let mut half: Option<u8> = None;
        while let Some(b) = self.peek() {
            self.pos += 1;
            if b == b'>' {
                break;
            }
            if let Some(d) = hex(b) {
                match half.take() {
                    Some(h) => out.push(h << 4 | d),
                    None => half = Some(d),
                }
            }
        }
        // An odd digit count means a final 0 (§7.3.4.3).
        if let Some(h) = half {
            out.push(h << 4);
        }
        out
    }

    fn literal_string(&mut self) -> Vec<u8> {
        let mut out = Vec::new();
        let mut depth = 1usize;
        while let Some(b) = self.peek() {
            self.pos += 1;
            match b {
                b'(' => {
                    depth += 1;
                    out.push(b);
                }
                b')' => {
                    depth -= 1;
                    if depth == 0 {
                        break;
                    }
                    out.push(b);
                }
                b'\\' => {
                    let Some(e) = self.peek() else { break };
                    self.pos += 1;
                    match e {
                        b'n' => out.push(b'\n'),
                        b'r' => out.push(b'\r'),
                        b't' => out.push(b'\t'),
                        b'b' => out.push(8),
                        b'f' => out.push(12),
                        b'\r' => {
                            if self.peek() == Some(b'\n') {
                                self.pos += 1;
                            }
                        }
                        b'\n' => {}
                        b'0'..=b'7' => {
                            let mut v = (e - b'0') as u32;
                            for _ in 0..2 {
                                match self.peek() {
                                    Some(d @ b'0'..=b'7') => {
                                        v = v * 8 + (d - b'0') as u32;
                                        self.pos += 1;
                                    }
                                    _ => break,
                                }
                            }
                            out.push(v as u8);
                        }
                        _ => out.push(e),
                    }
                }
                _ => out.push(b),
            }
        }
        out
    }

    fn name(&mut self) -> Vec<u8> {
        let mut out = Vec::new();
        while let Some(b) = self.peek() {
            if is_white(b) || is_delim(b) {
                break;
            }
            self.pos += 1;
            if b == b'#' {
                let h = self.data.get(self.pos..self.pos + 2);
                if let Some(&[a, c]) = h {
                    if let (Some(a), Some(c)) = (hex(a), hex(c)) {
                        out.push(a << 4 | c);
                        self.pos += 2;
                        continue;
                    }
                }
            }
            out.push(b);
        }
        out
    }

    /// One object, `N G R` references included.
    pub fn object(&mut self, depth: usize) -> Res<Obj> {
        let tok = self.next_tok().ok_or_else(damaged)?;
        self.object_from(tok, depth)
    }

    /// The object a token starts.
    pub fn object_from(&mut self, tok: Tok<'a>, depth: usize) -> Res<Obj> {
        if depth > MAX_DEPTH {
            return Err(super::too_deep());
        }
        Ok(match tok {
            Tok::Int(i) => {
                // `N G R`: look ahead two tokens, else put them back.
                let save = self.pos;
                if let (Some(Tok::Int(g)), Some(Tok::Word(b"R"))) =
                    (self.next_tok(), self.next_tok())
                {
                    if (0..=u32::MAX as i64).contains(&i) && (0..=u16::MAX as i64).contains(&g) {
                        return Ok(Obj::Ref(i as u32, g as u16));
                    }
                }
                self.pos = save;
                Obj::Int(i)
            }
            Tok::Real(r) => Obj::Real(r),
            Tok::Name(n) => Obj::Name(n),
            Tok::Str(s) => Obj::Str(s),
            Tok::ArrOpen => {
                let mut items = Vec::new();
                loop {
                    match self.next_tok() {
                        None | Some(Tok::ArrClose) => break,
                        Some(Tok::DictClose) => {}
                        Some(t) => items.push(self.object_from(t, depth + 1)?),
                    }
                }
                Obj::Array(items)
            }
            Tok::DictOpen => {
                let mut d = Vec::new();
                loop {
                    match self.next_tok() {
                        None | Some(Tok::DictClose) => break,
                        Some(Tok::Name(k)) => {
                            match self.next_tok() {
                                // A key without a value before `>>`: drop it.
                                None | Some(Tok::DictClose) => break,
                                Some(t) => {
                                    let v = self.object_from(t, depth + 1)?;
                                    d.push((k, v));
                                }
                            }
                        }
                        // A non-name where a key belongs: skip it, as viewers do.
                        Some(t) => {
                            self.object_from(t, depth + 1)?;
                        }
                    }
                }
                Obj::Dict(Dict(d))
            }
            Tok::Word(b"true") => Obj::Bool(true),
            Tok::Word(b"false") => Obj::Bool(false),
            Tok::Word(b"null") => Obj::Null,
            Tok::Word(_) | Tok::ArrClose | Tok::DictClose => Obj::Null,
        })
    }
}

/// A number token (`12`, `-3.5`, `.5`, `4.`), or None if the word is not one.
fn number(word: &[u8]) -> Option<Tok<'static>> {
    let s = std::str::from_utf8(word).ok()?;
    let first = *word.first()?;
    if !(first.is_ascii_digit() || matches!(first, b'+' | b'-' | b'.')) {
        return None;
    }
    if let Ok(i) = s.parse::<i64>() {
        return Some(Tok::Int(i));
    }
    if word
        .iter()
        .all(|b| b.is_ascii_digit() || matches!(b, b'+' | b'-' | b'.'))
    {
        // Malformed numbers such as `--5` or `1.2.3` read as what their first part says
        // (what Acrobat does), or 0.
        let r = s.parse::<f64>().ok().or_else(|| {
            let t = s.trim_start_matches(['+', '-']);
            let neg = s.starts_with('-');
            let end = t
                .char_indices()
                .filter(|&(_, c)| c == '.')
                .nth(1)
                .map_or(t.len(), |(i, _)| i);
            t[..end]
                .parse::<f64>()
                .ok()
                .map(|v| if neg { -v } else { v })
        });
        return Some(Tok::Real(r.filter(|r| r.is_finite()).unwrap_or(0.0)));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn obj(s: &str) -> Obj {
        Lexer::new(s.as_bytes(), 0).object(0).unwrap()
    }

    #[test]
    fn reads_objects() {
        assert_eq!(obj("12"), Obj::Int(12));
        assert_eq!(obj("-.5"), Obj::Real(-0.5));
        assert_eq!(obj("/A#20B"), Obj::Name(b"A B".to_vec()));
        assert_eq!(obj("(a\\(b\\)\\101(c))"), Obj::Str(b"a(b)A(c)".to_vec()));
        assert_eq!(obj("<4E2D 4>"), Obj::Str(vec![0x4E, 0x2D, 0x40]));
        assert_eq!(obj("5 0 R"), Obj::Ref(5, 0));
        assert_eq!(
            obj("[1 2 0 R /N]"),
            Obj::Array(vec![Obj::Int(1), Obj::Ref(2, 0), Obj::Name(b"N".to_vec())])
        );
        let d = obj("<</Type/Page/Kids[1 0 R]%comment\n/Count 3>>");
        let d = d.as_dict().unwrap();
        assert_eq!(d.get("Count"), Some(&Obj::Int(3)));
        assert_eq!(d.get("Type"), Some(&Obj::Name(b"Page".to_vec())));
    }

    #[test]
    fn malformed_input_reads_without_panic() {
        assert_eq!(obj("--5"), Obj::Real(-5.0));
        assert_eq!(obj("(unterminated"), Obj::Str(b"unterminated".to_vec()));
        assert!(matches!(obj("[1 2"), Obj::Array(_)));
        let deep = "[".repeat(1000);
        assert!(Lexer::new(deep.as_bytes(), 0).object(0).is_err());
    }
}
