//! Page numbers and running headers and footers: text in the top and bottom margins that is
//! no part of the report (「— 5 —」「第 5 页」, or the same line at the same height on most
//! pages).

use super::lines;
use crate::source::pdf::content::{Glyph, Page};
use std::collections::HashMap;

/// Lines to drop from each page: page numbers in the top or bottom margin, and running
/// headers and footers (the same text at the same height on most pages).
pub(super) fn margin_lines(pages: &[Page]) -> Vec<Vec<(f64, String)>> {
    let per_page: Vec<Vec<(f64, String)>> = pages
        .iter()
        .map(|p| {
            let zone: Vec<&Glyph> = p
                .glyphs
                .iter()
                .filter(|g| g.y < p.height * 0.1 || g.y > p.height * 0.88)
                .collect();
            lines(zone).into_iter().map(|l| (l.y, l.text())).collect()
        })
        .collect();
    let mut count: HashMap<(i64, String), usize> = HashMap::new();
    for page in &per_page {
        for (y, t) in page {
            *count
                .entry(((*y / 3.0).round() as i64, shape(t)))
                .or_default() += 1;
        }
    }
    let n = pages.len();
    per_page
        .into_iter()
        .map(|page| {
            page.into_iter()
                .filter(|(y, t)| {
                    let repeated = n >= 2
                        && count
                            .get(&((*y / 3.0).round() as i64, shape(t)))
                            .copied()
                            .unwrap_or(0)
                            * 2
                            > n.max(3);
                    repeated || is_page_number(t)
                })
                .collect()
        })
        .collect()
}

/// A line with its digits blurred, so 「第 3 页」 and 「第 4 页」 count as the same footer.
fn shape(t: &str) -> String {
    t.chars()
        .map(|c| if c.is_ascii_digit() { '#' } else { c })
        .collect()
}

/// 「5」「- 5 -」「— 5 —」「第 5 页」「第5页 共12页」「5 / 12」「Page 5」.
fn is_page_number(t: &str) -> bool {
    let t: String = t.chars().filter(|c| !c.is_whitespace()).collect();
    let t = t.trim_matches(|c| matches!(c, '-' | '—' | '–' | '－' | '·' | '•'));
    let digits = |s: &str| !s.is_empty() && s.chars().all(|c| c.is_ascii_digit());
    if digits(t) {
        return true;
    }
    if let Some(rest) = t.strip_prefix('第') {
        let (num, tail) = rest.split_once('页').unwrap_or((rest, "x"));
        let tail = tail.trim_start_matches([',', '，']);
        return digits(num)
            && (tail.is_empty()
                || tail
                    .strip_prefix('共')
                    .and_then(|r| r.strip_suffix('页'))
                    .is_some_and(digits));
    }
    if let Some((a, b)) = t.split_once('/') {
        return digits(a) && digits(b);
    }
    t.strip_prefix("Page")
        .or_else(|| t.strip_prefix("page"))
        .is_some_and(digits)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_numbers() {
        for t in [
            "5",
            "- 5 -",
            "— 12 —",
            "第 5 页",
            "第5页，共12页",
            "3 / 10",
            "Page 2",
        ] {
            assert!(is_page_number(t), "{t}");
        }
        for t in [
            "一、总体情况",
            "2021年",
            "第二十条",
            "5.属于三类内部事务信息",
        ] {
            assert!(!is_page_number(t), "{t}");
        }
    }
}
