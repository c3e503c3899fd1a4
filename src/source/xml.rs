//! A small XML pull reader for Office parts: start and end tags with attributes, and text with
//! entities resolved. It reads well-formed XML as Word writes it and never panics on anything
//! else; comments, processing instructions and the doctype are skipped.

/// One step through the document.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Event<'a> {
    /// `<w:tc a="1">`; `empty` for `<w:tab/>`. The name keeps its prefix.
    Start {
        name: &'a str,
        attrs: &'a str,
        empty: bool,
    },
    End {
        name: &'a str,
    },
    Text(String),
}

pub struct Reader<'a> {
    xml: &'a str,
    at: usize,
}

impl<'a> Reader<'a> {
    pub fn new(xml: &'a str) -> Self {
        Reader { xml, at: 0 }
    }
}

/// The local part of a prefixed name: `w:tc` → `tc`.
pub fn local(name: &str) -> &str {
    name.rsplit(':').next().unwrap_or(name)
}

/// The value of attribute `key` (matched on its local name, so `w:val` and `val` both answer
/// to `val`), entities resolved.
pub fn attr(attrs: &str, key: &str) -> Option<String> {
    let mut rest = attrs;
    loop {
        let eq = rest.find('=')?;
        let name = rest[..eq].trim();
        let after = rest[eq + 1..].trim_start();
        let quote = after.chars().next()?;
        if quote != '"' && quote != '\'' {
            return None;
        }
        let end = after[1..].find(quote)? + 1;
        if local(name) == key {
            return Some(unescape(&after[1..end]));
        }
        rest = &after[end + 1..];
    }
}

/// Resolves the five named entities and numeric character references.
pub fn unescape(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        // Bytes, not a str slice: the 12th byte may fall inside a character.
        let Some(semi) = rest.as_bytes()[..rest.len().min(12)]
            .iter()
            .position(|&b| b == b';')
        else {
            out.push('&');
            rest = &rest[1..];
            continue;
        };
        let entity = &rest[1..semi];
        let ch = match entity {
            "lt" => Some('<'),
            "gt" => Some('>'),
            "amp" => Some('&'),
            "quot" => Some('"'),
            "apos" => Some('\''),
            _ => entity
                .strip_prefix("#x")
                .or_else(|| entity.strip_prefix("#X"))
                .and_then(|h| u32::from_str_radix(h, 16).ok())
                .or_else(|| entity.strip_prefix('#').and_then(|d| d.parse().ok()))
                .and_then(char::from_u32),
        };
        match ch {
            Some(c) => {
                out.push(c);
                rest = &rest[semi + 1..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

impl<'a> Iterator for Reader<'a> {
    type Item = Event<'a>;

    fn next(&mut self) -> Option<Event<'a>> {
        loop {
            let rest = self.xml.get(self.at..)?;
            if rest.is_empty() {
                return None;
            }
            if !rest.starts_with('<') {
                let end = rest.find('<').unwrap_or(rest.len());
                self.at += end;
                return Some(Event::Text(unescape(&rest[..end])));
            }
            if let Some(body) = rest.strip_prefix("<![CDATA[") {
                let end = body.find("]]>").unwrap_or(body.len());
                self.at += 9 + end + 3;
                return Some(Event::Text(body[..end].to_string()));
            }
            let skip_to = if rest.starts_with("<!--") {
                Some("-->")
            } else if rest.starts_with("<?") {
                Some("?>")
            } else if rest.starts_with("<!") {
                Some(">")
            } else {
                None
            };
            if let Some(close) = skip_to {
                self.at += rest.find(close).map_or(rest.len(), |i| i + close.len());
                continue;
            }
            // A tag: find its '>' outside quoted attribute values.
            let mut quote = None;
            let mut end = None;
            for (i, b) in rest.bytes().enumerate().skip(1) {
                match (quote, b) {
                    (None, b'"' | b'\'') => quote = Some(b),
                    (Some(q), _) if b == q => quote = None,
                    (None, b'>') => {
                        end = Some(i);
                        break;
                    }
                    _ => {}
                }
            }
            let Some(end) = end else {
                self.at = self.xml.len();
                return None;
            };
            self.at += end + 1;
            let inner = &rest[1..end];
            if let Some(name) = inner.strip_prefix('/') {
                return Some(Event::End { name: name.trim() });
            }
            let (inner, empty) = match inner.strip_suffix('/') {
                Some(i) => (i, true),
                None => (inner, false),
            };
            let split = inner
                .find(|c: char| c.is_ascii_whitespace())
                .unwrap_or(inner.len());
            return Some(Event::Start {
                name: &inner[..split],
                attrs: &inner[split..],
                empty,
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_attributes_text_and_entities() {
        let xml = r#"<?xml version="1.0"?><!-- c --><w:p a="x>y"><w:t xml:space="preserve">a &amp; b&#x4E00;</w:t><w:tab/></w:p>"#;
        let ev: Vec<Event> = Reader::new(xml).collect();
        assert_eq!(
            ev,
            vec![
                Event::Start {
                    name: "w:p",
                    attrs: r#" a="x>y""#,
                    empty: false
                },
                Event::Start {
                    name: "w:t",
                    attrs: r#" xml:space="preserve""#,
                    empty: false
                },
                Event::Text("a & b一".into()),
                Event::End { name: "w:t" },
                Event::Start {
                    name: "w:tab",
                    attrs: "",
                    empty: true
                },
                Event::End { name: "w:p" },
            ]
        );
        assert_eq!(
            attr(r#" w:val="restart" w:x='2'"#, "val").as_deref(),
            Some("restart")
        );
        assert_eq!(
            attr(r#" w:val="restart" w:x='2'"#, "x").as_deref(),
            Some("2")
        );
        assert_eq!(attr(" w:val", "val"), None);
    }

    #[test]
    fn broken_xml_ends_without_panic() {
        for xml in [
            "<",
            "<w:p",
            "<w:p a=\"",
            "&",
            "&#xFFFFFFFF;",
            "<![CDATA[x",
            "<!--",
            "</",
        ] {
            let _: Vec<Event> = Reader::new(xml).collect();
        }
        assert_eq!(unescape("&#xD800;&bogus;&"), "&#xD800;&bogus;&");
        // Found by fuzzing: a character straddling the entity window.
        assert_eq!(unescape("&一二三四;"), "&一二三四;");
    }
}
