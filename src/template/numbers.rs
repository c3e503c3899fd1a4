//! Reading numbers: one cell's text (`1,234`, `—`, `22 （其中修订 16 件）`, `73802895.90元`) and
//! glued digit runs from crawled or PDF text (`640020470` = 64|0|0|2|0|4|70), whose possible
//! splits are listed here and chosen later by the table's identities.

use crate::source::{Span, Text};

/// What one cell says.
#[derive(Clone, Debug, PartialEq)]
pub enum CellText {
    /// Empty, `—`, `-`, `/`, `无`: read as 0 (many reports write zero as blank).
    Blank,
    Number {
        value: f64,
        unit: Option<String>,
    },
    /// Text that is no number (`见附件`, `若干`).
    Unreadable,
}

/// Reads one table cell.
pub fn parse_cell(s: &str) -> CellText {
    let t = s.trim();
    if t.is_empty() || is_dash(t) || t == "无" || t == "/" || t == "／" {
        return CellText::Blank;
    }
    match leading_number(t) {
        Some((value, rest)) => {
            let rest = rest.trim_start();
            let (unit, rest) = take_unit(rest);
            let rest = rest.trim_start();
            // A note after the number is fine (`22 （其中修订 16 件）`); other words are not.
            if rest.is_empty() || rest.starts_with(['（', '(', '[', '【']) {
                CellText::Number { value, unit }
            } else {
                CellText::Unreadable
            }
        }
        None => CellText::Unreadable,
    }
}

/// True when the cell text looks like a value rather than a label.
pub fn is_value_like(s: &str) -> bool {
    !matches!(parse_cell(s), CellText::Unreadable)
}

fn is_dash(t: &str) -> bool {
    t.chars()
        .all(|c| matches!(c, '—' | '-' | '–' | '－' | '―' | '~' | '～' | '/' | '／'))
}

fn take_unit(s: &str) -> (Option<String>, &str) {
    for u in ["万元", "元", "件", "个", "项"] {
        if let Some(rest) = s.strip_prefix(u) {
            return (Some(u.to_string()), rest);
        }
    }
    (None, s)
}

/// `-12`, `1,234`, `24252.311082` at the start of `s`: the value and what follows.
fn leading_number(s: &str) -> Option<(f64, &str)> {
    let b = s.as_bytes();
    let mut i = 0;
    if i < b.len() && (b[i] == b'-' || b[i] == b'+') {
        i += 1;
    }
    let digits_start = i;
    while i < b.len() && (b[i].is_ascii_digit() || (b[i] == b',' && comma_group(b, i))) {
        i += 1;
    }
    if i == digits_start {
        return None;
    }
    if i + 1 < b.len() && b[i] == b'.' && b[i + 1].is_ascii_digit() {
        i += 1;
        while i < b.len() && b[i].is_ascii_digit() {
            i += 1;
        }
    }
    let num: String = s[..i].chars().filter(|&c| c != ',').collect();
    num.parse::<f64>().ok().map(|v| (v, &s[i..]))
}

/// A comma is a thousands separator only between digit groups of three (`1,234`).
fn comma_group(b: &[u8], i: usize) -> bool {
    i > 0
        && b[i - 1].is_ascii_digit()
        && b.len() >= i + 4
        && b[i + 1..i + 4].iter().all(u8::is_ascii_digit)
        && b.get(i + 4).is_none_or(|c| !c.is_ascii_digit())
}

/// One cell as read: value (None = unknown), where it is, how it was written.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct CellRead {
    pub value: Option<f64>,
    pub blank: bool,
    pub inferred: bool,
    pub span: Option<Span>,
    pub raw: Option<String>,
    pub unit: Option<String>,
}

impl CellRead {
    pub fn from_cell(text: &Text) -> CellRead {
        let raw = text.as_str().trim().to_string();
        let span = Some(text.whole_span());
        match parse_cell(&raw) {
            CellText::Blank => CellRead {
                value: Some(0.0),
                blank: true,
                span,
                raw: Some(raw),
                ..Default::default()
            },
            CellText::Number { value, unit } => CellRead {
                value: Some(value),
                span,
                raw: Some(raw),
                unit,
                ..Default::default()
            },
            CellText::Unreadable => CellRead {
                value: None,
                span,
                raw: Some(raw),
                ..Default::default()
            },
        }
    }
    pub fn zero_empty_row(span: Option<Span>) -> CellRead {
        CellRead {
            value: Some(0.0),
            blank: true,
            span,
            ..Default::default()
        }
    }
    pub fn unknown(span: Option<Span>) -> CellRead {
        CellRead {
            value: None,
            span,
            ..Default::default()
        }
    }
}

/// A whitespace-delimited run of digits in flat text (may be glued from several cells).
#[derive(Clone, Debug)]
pub struct Run {
    pub text: Text,
    pub unit: Option<String>,
}

impl Run {
    fn digits(&self) -> &str {
        self.text.as_str()
    }
    /// A run we must not split: a decimal or signed number.
    fn atomic(&self) -> bool {
        self.digits().contains('.')
    }
    pub fn len_digits(&self) -> usize {
        self.digits().bytes().filter(u8::is_ascii_digit).count()
    }
}

/// Most candidate readings we list for one row before calling it unreadable.
pub const MAX_CANDIDATES: usize = 20_000;
/// Longest number we accept inside a glued run: counts above 99 999 999 are not plausible for
/// one cell of these tables (fees are written with a decimal point, which keeps the run whole).
const MAX_PART_DIGITS: usize = 8;

/// All ways to read `runs` as exactly `n` cells, each run giving ≥ 1 cells, no part with a
/// leading zero (`02` is two cells). `None` when there are more than MAX_CANDIDATES.
pub fn splits(runs: &[Run], n: usize) -> Option<Vec<Vec<CellRead>>> {
    let mut out = Vec::new();
    let mut cur: Vec<CellRead> = Vec::new();
    let total_digits: usize = runs
        .iter()
        .map(|r| if r.atomic() { 1 } else { r.len_digits() })
        .sum();
    if total_digits < n || runs.len() > n {
        return Some(out);
    }
    let ambiguous = !(runs.len() == n || total_digits == n);
    let ok = split_rec(runs, 0, n, &mut cur, &mut out);
    if !ok {
        return None;
    }
    if ambiguous && out.len() > 1 {
        for c in out.iter_mut() {
            for cell in c.iter_mut() {
                cell.inferred = true;
            }
        }
    }
    Some(out)
}

fn split_rec(
    runs: &[Run],
    i: usize,
    remaining: usize,
    cur: &mut Vec<CellRead>,
    out: &mut Vec<Vec<CellRead>>,
) -> bool {
    if i == runs.len() {
        if remaining == 0 {
            out.push(cur.clone());
            if out.len() > MAX_CANDIDATES {
                return false;
            }
        }
        return true;
    }
    if remaining == 0 {
        return true;
    }
    let run = &runs[i];
    let later_min = runs.len() - i - 1;
    if remaining < 1 + later_min {
        return true;
    }
    let later_max: usize = runs[i + 1..]
        .iter()
        .map(|r| if r.atomic() { 1 } else { r.len_digits() })
        .sum();
    if run.atomic() {
        cur.push(run_part(run, 0, run.text.as_str().len()));
        let ok = split_rec(runs, i + 1, remaining - 1, cur, out);
        cur.pop();
        return ok;
    }
    let max_here = (remaining - later_min).min(run.len_digits());
    let min_here = remaining.saturating_sub(later_max).max(1);
    for k in min_here..=max_here {
        let mut parts = Vec::new();
        if !parts_of(run, k, &mut parts, &mut |p: &[(usize, usize)]| {
            for &(a, b) in p {
                cur.push(run_part(run, a, b));
            }
            let ok = split_rec(runs, i + 1, remaining - k, cur, out);
            for _ in p {
                cur.pop();
            }
            ok
        }) {
            return false;
        }
    }
    true
}

/// Enumerates the ways to cut the run into `k` valid parts (byte ranges), calling `f` for each.
fn parts_of(
    run: &Run,
    k: usize,
    parts: &mut Vec<(usize, usize)>,
    f: &mut dyn FnMut(&[(usize, usize)]) -> bool,
) -> bool {
    let s = run.text.as_str().as_bytes();
    let start = parts.last().map(|p| p.1).unwrap_or(0);
    let left = k - parts.len();
    if left == 0 {
        return if start == s.len() { f(parts) } else { true };
    }
    // A leading sign belongs to the first part.
    let first_digit = if start == 0 && matches!(s.first(), Some(b'-' | b'+')) {
        1
    } else {
        0
    };
    let body_start = start + first_digit;
    let rest = s.len() - body_start;
    if rest < left {
        return true;
    }
    let max_len = if left == 1 {
        rest
    } else {
        (rest - (left - 1)).min(MAX_PART_DIGITS)
    };
    for len in 1..=max_len {
        let end = body_start + len;
        if len > 1 && s[body_start] == b'0' {
            break;
        }
        if len > MAX_PART_DIGITS {
            break;
        }
        parts.push((start, end));
        let ok = parts_of(run, k, parts, f);
        parts.pop();
        if !ok {
            return false;
        }
    }
    true
}

fn run_part(run: &Run, a: usize, b: usize) -> CellRead {
    let s = &run.text.as_str()[a..b];
    let value = s.parse::<f64>().ok();
    CellRead {
        value,
        blank: false,
        inferred: false,
        span: Some(run.text.span(a, b)),
        raw: Some(s.to_string()),
        unit: run.unit.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(s: &str) -> Run {
        let mut t = Text::new();
        t.push_source(s, 0);
        Run {
            text: t,
            unit: None,
        }
    }

    fn values(c: &[CellRead]) -> Vec<f64> {
        c.iter().map(|c| c.value.unwrap()).collect()
    }

    #[test]
    fn cells() {
        assert_eq!(
            parse_cell(" 1,234 "),
            CellText::Number {
                value: 1234.0,
                unit: None
            }
        );
        assert_eq!(parse_cell("—"), CellText::Blank);
        assert_eq!(parse_cell(""), CellText::Blank);
        assert_eq!(parse_cell("无"), CellText::Blank);
        assert_eq!(
            parse_cell("22 （其中修订 16 件）"),
            CellText::Number {
                value: 22.0,
                unit: None
            }
        );
        assert_eq!(
            parse_cell("73802895.90元"),
            CellText::Number {
                value: 73802895.9,
                unit: Some("元".into())
            }
        );
        assert_eq!(
            parse_cell("-15"),
            CellText::Number {
                value: -15.0,
                unit: None
            }
        );
        assert_eq!(parse_cell("见附件"), CellText::Unreadable);
        assert_eq!(parse_cell("1.属于国家秘密"), CellText::Unreadable);
        assert_eq!(parse_cell("2024年"), CellText::Unreadable);
    }

    #[test]
    fn one_digit_per_cell_is_certain() {
        let c = splits(&[run("8100008")], 7).unwrap();
        assert_eq!(c.len(), 1);
        assert_eq!(values(&c[0]), vec![8.0, 1.0, 0.0, 0.0, 0.0, 0.0, 8.0]);
        assert!(!c[0][0].inferred);
    }

    #[test]
    fn leading_zeros_force_splits() {
        // 012: `160 02 0 018` → 16|0, 0|2, 0, 0|18 or 1|60 …
        let c = splits(&[run("160"), run("02"), run("0"), run("018")], 7).unwrap();
        assert!(c
            .iter()
            .any(|c| values(c) == vec![16.0, 0.0, 0.0, 2.0, 0.0, 0.0, 18.0]));
        assert!(c.iter().all(|c| c.len() == 7));
        assert!(c.len() > 1 && c[0][0].inferred);
    }

    #[test]
    fn too_few_digits_gives_no_reading() {
        assert!(splits(&[run("0"), run("00000")], 7).unwrap().is_empty());
    }

    #[test]
    fn spans_of_parts() {
        let c = splits(&[run("270020130")], 7).unwrap();
        let pick = c
            .iter()
            .find(|c| values(c) == vec![27.0, 0.0, 0.0, 2.0, 0.0, 1.0, 30.0])
            .unwrap();
        assert_eq!(pick[6].span, Some(Span::new(7, 9)));
    }
}
