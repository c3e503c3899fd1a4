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
    /// Longer than `n` cells of at most MAX_PART_DIGITS digits could hold (a line of digits
    /// pasted by mistake, or values glued from several rows).
    pub fn too_long_for(&self, n: usize) -> bool {
        !self.atomic() && self.len_digits() > n * MAX_PART_DIGITS
    }
    pub fn len_digits(&self) -> usize {
        self.digits().bytes().filter(u8::is_ascii_digit).count()
    }
}

/// Most candidate readings we list for one row before calling it unreadable. Real glued rows
/// have a handful to a few hundred; each reading is a row of cells to build and score, and a
/// table of rows at 20 000 each took seconds.
pub const MAX_CANDIDATES: usize = 2_000;
/// Longest number we accept inside a glued run: counts above 99 999 999 are not plausible for
/// one cell of these tables (fees are written with a decimal point, which keeps the run whole).
pub const MAX_PART_DIGITS: usize = 8;

/// All ways to read `runs` as exactly `n` cells, each run giving ≥ 1 cells, no part with a
/// leading zero (`02` is two cells). `None` when there are more than MAX_CANDIDATES.
///
/// The search only enters branches that can still be completed (each run's fewest and most
/// parts are known beforehand), so its work grows with the readings it lists, never with dead
/// ends: a long run cannot make it exponential.
pub fn splits(runs: &[Run], n: usize) -> Option<Vec<Vec<CellRead>>> {
    let mut out = Vec::new();
    let total_digits: usize = runs.iter().map(max_parts).sum();
    if total_digits < n || runs.len() > n {
        return Some(out);
    }
    // Cheap refusal of runs no row could hold, before the per-digit tables below.
    if runs.iter().any(|r| r.too_long_for(n)) {
        return Some(out);
    }
    let fewest: Vec<Vec<usize>> = runs.iter().map(fewest_parts).collect();
    let mins: Vec<usize> = fewest.iter().map(|f| f[0]).collect();
    if mins
        .iter()
        .try_fold(0usize, |a, &m| a.checked_add(m))
        .is_none_or(|m| m > n)
    {
        return Some(out);
    }
    let search = Search {
        runs,
        fewest: &fewest,
        mins: &mins,
    };
    let mut cur: Vec<CellRead> = Vec::new();
    if !search.split_rec(0, n, &mut cur, &mut out) {
        return None;
    }
    let ambiguous = !(runs.len() == n || total_digits == n);
    if ambiguous && out.len() > 1 {
        for c in out.iter_mut() {
            for cell in c.iter_mut() {
                cell.inferred = true;
            }
        }
    }
    Some(out)
}

/// Most parts a run can give: one per digit (an atomic run gives one).
fn max_parts(r: &Run) -> usize {
    if r.atomic() {
        1
    } else {
        r.len_digits()
    }
}

/// Where the digits of a run start (after a leading sign).
fn body_offset(s: &[u8]) -> usize {
    usize::from(matches!(s.first(), Some(b'-' | b'+')))
}

/// For each byte position `p` of the run's digits, the fewest valid parts `s[p..]` can be cut
/// into (`usize::MAX` when none); index 0 is the whole run. An atomic run is one part.
fn fewest_parts(r: &Run) -> Vec<usize> {
    if r.atomic() {
        return vec![1];
    }
    let s = r.text.as_str().as_bytes();
    let d = &s[body_offset(s)..];
    // Only a leading sign and digits can be cut (what `stream` makes); anything else, or no
    // digit at all, gives no reading, and must say so here: bounds that disagree with
    // `max_parts` would send the search into dead ends.
    if d.is_empty() || !d.iter().all(u8::is_ascii_digit) {
        return vec![usize::MAX];
    }
    let mut f = vec![usize::MAX; d.len() + 1];
    f[d.len()] = 0;
    for p in (0..d.len()).rev() {
        let longest = if d[p] == b'0' { 1 } else { MAX_PART_DIGITS };
        f[p] = (1..=longest.min(d.len() - p))
            .filter_map(|len| f[p + len].checked_add(1))
            .min()
            .unwrap_or(usize::MAX);
    }
    f
}

/// Called with each cut of a run into parts (byte ranges); false stops the search.
type OnParts<'a> = dyn FnMut(&[(usize, usize)]) -> bool + 'a;

struct Search<'a> {
    runs: &'a [Run],
    /// `fewest_parts` of each run.
    fewest: &'a [Vec<usize>],
    /// The fewest parts of each whole run.
    mins: &'a [usize],
}

impl Search<'_> {
    fn split_rec(
        &self,
        i: usize,
        remaining: usize,
        cur: &mut Vec<CellRead>,
        out: &mut Vec<Vec<CellRead>>,
    ) -> bool {
        let runs = self.runs;
        if i == runs.len() {
            if remaining == 0 {
                out.push(cur.clone());
                if out.len() > MAX_CANDIDATES {
                    return false;
                }
            }
            return true;
        }
        let run = &runs[i];
        let later_min: usize = self.mins[i + 1..].iter().sum();
        let later_max: usize = runs[i + 1..].iter().map(max_parts).sum();
        if remaining < self.mins[i] + later_min {
            return true;
        }
        if run.atomic() {
            cur.push(run_part(run, 0, run.text.as_str().len()));
            let ok = self.split_rec(i + 1, remaining - 1, cur, out);
            cur.pop();
            return ok;
        }
        // Every count between a run's fewest and most parts is possible (splitting off the last
        // digit of a longer part never leaves a leading zero), so these bounds are exact.
        let max_here = (remaining - later_min).min(max_parts(run));
        let min_here = remaining.saturating_sub(later_max).max(self.mins[i]);
        for k in min_here..=max_here {
            let mut parts = Vec::new();
            if !self.parts_of(i, k, &mut parts, &mut |p: &[(usize, usize)]| {
                for &(a, b) in p {
                    cur.push(run_part(run, a, b));
                }
                let ok = self.split_rec(i + 1, remaining - k, cur, out);
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

    /// Enumerates the ways to cut run `i` into `k` valid parts (byte ranges), calling `f` for
    /// each; branches that cannot give `k` parts are not entered.
    fn parts_of(
        &self,
        i: usize,
        k: usize,
        parts: &mut Vec<(usize, usize)>,
        f: &mut OnParts<'_>,
    ) -> bool {
        let s = self.runs[i].text.as_str().as_bytes();
        let body0 = body_offset(s);
        let start = parts.last().map(|p| p.1).unwrap_or(0);
        let left = k - parts.len();
        if left == 0 {
            return if start == s.len() { f(parts) } else { true };
        }
        // A leading sign belongs to the first part.
        let body_start = start.max(body0);
        let rest = s.len() - body_start;
        if rest < left || self.fewest[i][body_start - body0] > left {
            return true;
        }
        let max_len = (rest - (left - 1)).min(MAX_PART_DIGITS);
        for len in 1..=max_len {
            let end = body_start + len;
            if len > 1 && s[body_start] == b'0' {
                break;
            }
            parts.push((start, end));
            let ok = self.parts_of(i, k, parts, f);
            parts.pop();
            if !ok {
                return false;
            }
        }
        true
    }
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
