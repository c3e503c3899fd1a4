//! Numbers the prose states about applications, results and cases, compared with their cells
//! (format.md §6.5 T-01 … T-03). Precision first: a number is compared only when its clause
//! names exactly one subject and the number follows that subject closely; every reading real
//! reports use is accepted (收到 may mean 一 or 一+二; 予以公开 may include 部分公开).

use super::arith::Values;
use super::{show, Finding, Rule, Severity};
use crate::template::identities::result_rows;
use crate::template::Report;

pub const STATEMENT_RULES: &[Rule] = &[
    Rule {
        id: "T-01",
        severity: Severity::Warning,
        title: "正文中的申请数与表三不一致",
        doc: "正文所述收到（受理、新收）、办结（答复）、结转的申请件数，应与表三的一、二、（七）总计、四相符。“收到”既可能指本年新收，也可能包括上年结转，两种读法都接受。",
    },
    Rule {
        id: "T-02",
        severity: Severity::Warning,
        title: "正文中的办理结果与表三不一致",
        doc: "正文所述予以公开、部分公开、不予公开、无法提供、不予处理、其他处理的件数，应等于表三相应各项（小项之和）的总计列。",
    },
    Rule {
        id: "T-03",
        severity: Severity::Warning,
        title: "正文中的复议、诉讼数与表四不一致",
        doc: "正文所述行政复议件数应等于表四行政复议的总计；行政诉讼件数应等于未经复议直接起诉与复议后起诉两个总计之和。",
    },
];

/// A subject the prose can state a number about.
struct Subject {
    rule: &'static str,
    name: &'static str,
    keywords: &'static [&'static str],
    /// Rows (of table 3, `total` column) or cells whose sum is one admissible reading.
    readings: fn(&Report) -> Vec<Vec<String>>,
    /// The clause must also say 「申请」 (收到/办结 are used for letters, proposals …).
    needs_application: bool,
    /// Yields to any other subject in the clause (「不予公开答复2件」 is about 不予公开).
    weak: bool,
}

fn rows_total(rows: &[&str]) -> Vec<String> {
    rows.iter().map(|r| format!("apply.{r}.total")).collect()
}

fn group(report: &Report, prefix: &str) -> Vec<String> {
    let Some(format) = report.format else {
        return Vec::new();
    };
    let rows: Vec<&str> = result_rows(format)
        .into_iter()
        .filter(|r| *r == prefix || r.starts_with(&format!("{prefix}.")))
        .collect();
    rows_total(&rows)
}

const SUBJECTS: &[Subject] = &[
    Subject {
        rule: "T-02",
        name: "予以公开及部分公开",
        keywords: &[
            "予以公开及部分公开",
            "予以公开和部分公开",
            "予以公开或部分公开",
            "全部或部分公开",
        ],
        readings: |_| vec![rows_total(&["granted", "partial"])],
        needs_application: false,
        weak: false,
    },
    Subject {
        rule: "T-02",
        name: "予以公开",
        keywords: &["予以公开", "同意公开", "全部公开"],
        readings: |_| {
            vec![
                rows_total(&["granted"]),
                rows_total(&["granted", "partial"]),
            ]
        },
        needs_application: false,
        weak: false,
    },
    Subject {
        rule: "T-02",
        name: "部分公开",
        keywords: &["部分公开"],
        readings: |_| vec![rows_total(&["partial"])],
        needs_application: false,
        weak: false,
    },
    Subject {
        rule: "T-02",
        name: "不予公开",
        keywords: &["不予公开"],
        readings: |r| vec![group(r, "denied")],
        needs_application: false,
        weak: false,
    },
    Subject {
        rule: "T-02",
        name: "无法提供",
        keywords: &["无法提供"],
        readings: |r| vec![group(r, "unable")],
        needs_application: false,
        weak: false,
    },
    Subject {
        rule: "T-02",
        name: "不予处理",
        keywords: &["不予处理"],
        readings: |r| vec![group(r, "rejected")],
        needs_application: false,
        weak: false,
    },
    Subject {
        rule: "T-02",
        name: "其他处理",
        keywords: &["其他处理", "其他方式处理"],
        readings: |r| vec![group(r, "other")],
        needs_application: false,
        weak: false,
    },
    Subject {
        rule: "T-01",
        name: "上年结转的申请",
        keywords: &["上年结转", "上年度结转", "上一年度结转", "上年度转结"],
        readings: |_| vec![rows_total(&["carried_over"])],
        needs_application: true,
        weak: false,
    },
    Subject {
        rule: "T-01",
        name: "结转下年度的申请",
        keywords: &["结转下", "转下一年", "转入下", "转结下"],
        readings: |_| vec![rows_total(&["carried_forward"])],
        needs_application: false,
        weak: false,
    },
    Subject {
        rule: "T-01",
        name: "收到的申请",
        keywords: &["收到", "新收", "受理"],
        readings: |_| vec![rows_total(&["new"]), rows_total(&["new", "carried_over"])],
        needs_application: true,
        weak: false,
    },
    Subject {
        rule: "T-01",
        name: "办结的申请",
        keywords: &["办结", "答复"],
        readings: |_| vec![rows_total(&["total"])],
        needs_application: true,
        weak: true,
    },
    Subject {
        rule: "T-03",
        name: "行政复议",
        keywords: &["行政复议"],
        readings: |_| vec![vec!["review.reconsideration.total".into()]],
        needs_application: false,
        weak: false,
    },
    Subject {
        rule: "T-03",
        name: "行政诉讼",
        keywords: &["行政诉讼", "诉讼"],
        readings: |_| {
            vec![vec![
                "review.litigation_direct.total".into(),
                "review.litigation_after.total".into(),
            ]]
        },
        needs_application: false,
        weak: false,
    },
];

/// Most characters between a subject and its number (「共受理政府信息公开申请859件」).
const MAX_GAP: usize = 14;

fn is_clause_break(c: char) -> bool {
    // Not '\n': PDF text wraps lines inside sentences (「不予公开答复 2\n件」).
    matches!(
        c,
        '，' | ','
            | '；'
            | ';'
            | '、'
            | '。'
            | '（'
            | '('
            | '）'
            | ')'
            | '：'
            | ':'
            | '\t'
            | '！'
            | '？'
    )
}

pub fn check(report: &Report, values: &Values, out: &mut Vec<Finding>) {
    if !report.tables_found[1] {
        return;
    }
    let text = &report.plain.text;
    let mut start = 0;
    let mut sentence_start = 0;
    // The end of the current sentence and whether it mentions 「申请」, found once per sentence:
    // a pasted table is one long "sentence" of many clauses (cells), and searching it again for
    // every clause would take quadratic time.
    let mut sentence_end: Option<usize> = None;
    let mut applies: Option<(usize, usize, bool)> = None;
    for (i, c) in text
        .char_indices()
        .chain(std::iter::once((text.len(), '。')))
    {
        if is_clause_break(c) {
            let end = match sentence_end {
                Some(e) if e >= i => e,
                _ => text[i..]
                    .find(['。', '；', ';'])
                    .map(|p| i + p)
                    .unwrap_or(text.len()),
            };
            sentence_end = Some(end);
            let sentence = (sentence_start, end);
            let mentions_application = || match applies {
                Some((a, b, yes)) if (a, b) == sentence => yes,
                _ => {
                    let yes = text[sentence.0..sentence.1].contains("申请");
                    applies = Some((sentence.0, sentence.1, yes));
                    yes
                }
            };
            clause(
                report,
                values,
                start,
                i,
                sentence,
                mentions_application,
                out,
            );
            start = i + c.len_utf8();
            if matches!(c, '。' | '；' | ';' | '！' | '？') {
                sentence_start = start;
            }
        }
    }
}

/// One clause `text[a..b]`: at most one subject, its number right after it.
fn clause(
    report: &Report,
    values: &Values,
    a: usize,
    b: usize,
    (sa, sb): (usize, usize),
    mentions_application: impl FnOnce() -> bool,
    out: &mut Vec<Finding>,
) {
    let raw = &report.plain.text[a..b];
    // Compare without spaces (PDF text puts them around numbers).
    let squeezed: String = raw.chars().filter(|c| !c.is_whitespace()).collect();
    let mut found: Option<(&Subject, usize)> = None;
    let strong_present = SUBJECTS
        .iter()
        .any(|s| !s.weak && s.keywords.iter().any(|k| squeezed.contains(k)));
    for s in SUBJECTS.iter().filter(|s| !(s.weak && strong_present)) {
        let hit = s
            .keywords
            .iter()
            .filter_map(|k| squeezed.find(k).map(|p| p + k.len()))
            .min();
        if let Some(end) = hit {
            match found {
                // A longer subject that contains this one (予以公开及部分公开) wins.
                Some((f, _))
                    if f.keywords
                        .iter()
                        .any(|fk| s.keywords.iter().any(|k| fk.contains(k))) => {}
                Some(_) => return, // two subjects in one clause: the number's subject is unclear
                None => found = Some((s, end)),
            }
        }
    }
    let Some((subject, end)) = found else { return };
    // 「申请」 may sit in an earlier clause of the sentence (「共收到70件申请，办结69件」).
    if subject.needs_application && !mentions_application() {
        return;
    }
    let sentence = &report.plain.text[sa..sb.max(b)];
    if squeezed.contains("复议申请") && subject.rule == "T-01" {
        return;
    }
    let rest = &squeezed[end..];
    let Some(digits_at) = rest.find(|c: char| c.is_ascii_digit()) else {
        return;
    };
    if rest[..digits_at].chars().count() > MAX_GAP {
        return;
    }
    let digits: String = rest[digits_at..]
        .chars()
        .take_while(char::is_ascii_digit)
        .collect();
    let after = &rest[digits_at + digits.len()..];
    if !after.starts_with(['件', '起', '宗']) {
        return;
    }
    let Ok(stated) = digits.parse::<f64>() else {
        return;
    };
    let readings = (subject.readings)(report);
    let mut sums = Vec::new();
    for cells in &readings {
        if cells.is_empty() {
            return;
        }
        let Some(sum) = cells.iter().try_fold(0.0, |acc, k| {
            values.get(k).copied().flatten().map(|v| acc + v)
        }) else {
            return;
        };
        sums.push(sum);
    }
    if sums.contains(&stated) {
        return;
    }
    let sentence: String = sentence.trim().chars().take(120).collect();
    let table = if subject.rule == "T-03" {
        "表四"
    } else {
        "表三"
    };
    out.push(Finding {
        rule: subject.rule,
        severity: Severity::Warning,
        message: format!(
            "正文称{}为 {} 件（“{}”），但{}中为 {}。",
            subject.name,
            digits,
            sentence,
            table,
            sums.iter()
                .map(|s| show(*s))
                .collect::<Vec<_>>()
                .join(" 或 ")
        ),
        cells: readings[0].clone(),
        left: Some(stated),
        right: sums.first().copied(),
        culprit: None,
        fix: None,
        span: Some(report.plain.span(sa, sb)),
        table: "正文",
        identity: None,
    });
}
