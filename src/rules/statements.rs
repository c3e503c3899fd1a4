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
    Rule {
        id: "T-04",
        severity: Severity::Warning,
        title: "正文中的规范性文件件数与表二不一致",
        doc: "正文所述本年制发、废止和现行有效的规章、行政规范性文件件数，应与表二第二十条第（一）项的相应数字相符（2021年格式）。",
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
    normative_documents(report, values, out);
    if !report.tables_found[1] {
        return;
    }
    let text = &report.plain.text;
    let mut start = 0;
    let mut sentence_start = 0;
    let mut last: Option<Stated> = None;
    let mut sentence_end: Option<usize> = None;
    // Whether the current sentence mentions 「申请」, also found once per sentence: a pasted
    // table is one long "sentence" of many clauses (cells).
    let mut applies: Option<(usize, bool)> = None;
    for (i, c) in text
        .char_indices()
        .chain(std::iter::once((text.len(), '。')))
    {
        if is_clause_break(c) {
            // Looked up once per sentence: searching from every clause would be quadratic.
            let sentence_end = match sentence_end {
                Some(end) if end >= i => end,
                _ => {
                    let end = text[i..]
                        .find(['。', '；', ';'])
                        .map_or(text.len(), |p| i + p);
                    sentence_end = Some(end);
                    end
                }
            };
            let here = Place {
                a: start,
                b: i,
                sa: sentence_start,
                sb: sentence_end,
            };
            match clause(report, values, here, &mut applies, out) {
                Clause::Subject(stated) => last = stated,
                Clause::Ambiguous => last = None,
                // 「予以公开27件，占38.57%」: the share follows in a clause of its own.
                Clause::None => {
                    if let Some(prev) = last.take() {
                        share_clause(report, values, &prev, here, out);
                    }
                }
            }
            start = i + c.len_utf8();
            if matches!(c, '。' | '；' | ';' | '！' | '？') {
                sentence_start = start;
                last = None;
            }
        }
    }
}

/// A clause `text[a..b]` of the sentence `text[sa..sb]`.
#[derive(Clone, Copy)]
struct Place {
    a: usize,
    b: usize,
    sa: usize,
    sb: usize,
}

/// A result category a clause named, with the sums of its admissible readings.
struct Stated {
    subject: &'static Subject,
    cells: Vec<String>,
    sums: Vec<f64>,
    /// Its count already disagrees: a share that follows from it is not a second finding.
    count_failed: bool,
}

enum Clause {
    /// No subject named.
    None,
    /// Two subjects: nothing in it can be attributed.
    Ambiguous,
    /// One subject; `Some` when it is a result category whose cells could be read.
    Subject(Option<Stated>),
}

/// One clause: at most one subject, its number right after it.
fn clause(
    report: &Report,
    values: &Values,
    at: Place,
    applies: &mut Option<(usize, bool)>,
    out: &mut Vec<Finding>,
) -> Clause {
    let Place { a, b, sa, sb } = at;
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
                // two subjects in one clause: the number's subject is unclear
                Some(_) => return Clause::Ambiguous,
                None => found = Some((s, end)),
            }
        }
    }
    let Some((subject, end)) = found else {
        return Clause::None;
    };
    // 「申请」 may sit in an earlier clause of the sentence (「共收到70件申请，办结69件」).
    let mentions_application = match *applies {
        Some((start, yes)) if start == sa => yes,
        _ => {
            let yes = report.plain.text[sa..sb.max(b)].contains("申请");
            *applies = Some((sa, yes));
            yes
        }
    };
    if subject.needs_application && !mentions_application {
        return Clause::Subject(None);
    }
    if squeezed.contains("复议申请") && subject.rule == "T-01" {
        return Clause::Subject(None);
    }
    let readings = (subject.readings)(report);
    let mut sums = Vec::new();
    for cells in &readings {
        if cells.is_empty() {
            return Clause::Subject(None);
        }
        let Some(sum) = cells.iter().try_fold(0.0, |acc, k| {
            values.get(k).copied().flatten().map(|v| acc + v)
        }) else {
            return Clause::Subject(None);
        };
        sums.push(sum);
    }
    let mut stated = Stated {
        subject,
        cells: readings[0].clone(),
        sums,
        count_failed: false,
    };
    let rest = &squeezed[end..];
    stated.count_failed = count(report, &stated, rest, at, out);
    if subject.rule == "T-02" {
        share(report, values, &stated, rest, at, out);
    }
    Clause::Subject((subject.rule == "T-02").then_some(stated))
}

/// 「…申请70件」: the count right after the subject. True when it disagrees (and was reported).
fn count(report: &Report, stated: &Stated, rest: &str, at: Place, out: &mut Vec<Finding>) -> bool {
    let Some(digits_at) = rest.find(|c: char| c.is_ascii_digit()) else {
        return false;
    };
    if rest[..digits_at].chars().count() > MAX_GAP {
        return false;
    }
    let digits: String = rest[digits_at..]
        .chars()
        .take_while(char::is_ascii_digit)
        .collect();
    let after = &rest[digits_at + digits.len()..];
    if !after.starts_with(['件', '起', '宗']) {
        return false;
    }
    let Ok(number) = digits.parse::<f64>() else {
        return false;
    };
    let Stated {
        subject,
        cells,
        sums,
        ..
    } = stated;
    if sums.contains(&number) {
        return false;
    }
    let Place { sa, sb, b, .. } = at;
    let sentence = &report.plain.text[sa..sb.max(b)];
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
        cells: cells.clone(),
        left: Some(number),
        right: sums.first().copied(),
        culprit: None,
        fix: None,
        span: Some(report.plain.span(sa, sb)),
        table: "正文",
        identity: None,
    });
    true
}

/// A clause of its own that gives the share of the category named just before
/// (「予以公开27件，占38.57%」).
fn share_clause(
    report: &Report,
    values: &Values,
    prev: &Stated,
    at: Place,
    out: &mut Vec<Finding>,
) {
    let squeezed: String = report.plain.text[at.a..at.b]
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    let only_share = squeezed
        .trim_end_matches(['%', '％'])
        .chars()
        .all(|c| c.is_ascii_digit() || c == '.')
        && squeezed.ends_with(['%', '％']);
    if only_share
        || ["占", "约占", "比例"]
            .iter()
            .any(|p| squeezed.starts_with(p))
    {
        share(report, values, prev, &squeezed, at, out);
    }
}

/// The bases a share may be of: （七）总计 (format.md T-02), or what was received (一, 一+二).
const SHARE_BASES: &[&[&str]] = &[
    &["apply.total.total"],
    &["apply.new.total"],
    &["apply.new.total", "apply.carried_over.total"],
];

/// 「占38.57%」 in `rest`: the category's share must equal its cells over a base, rounded or
/// truncated to the decimals written (decisions.md).
fn share(
    report: &Report,
    values: &Values,
    stated: &Stated,
    rest: &str,
    at: Place,
    out: &mut Vec<Finding>,
) {
    if stated.count_failed {
        return;
    }
    let Some(pct_at) = rest.find(['%', '％']) else {
        return;
    };
    let before = &rest[..pct_at];
    let written: String = before
        .chars()
        .rev()
        .take_while(|c| c.is_ascii_digit() || *c == '.')
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    let gap = before.chars().count() - written.chars().count();
    if written.is_empty() || gap > MAX_GAP || written.starts_with('.') {
        return;
    }
    let Ok(percent) = written.parse::<f64>() else {
        return;
    };
    let decimals = written.split('.').nth(1).map_or(0, str::len) as i32;
    let scale = 10f64.powi(decimals);
    let mut shares = Vec::new();
    for base in SHARE_BASES {
        let Some(base) = base.iter().try_fold(0.0, |acc, k| {
            values.get(*k).copied().flatten().map(|v| acc + v)
        }) else {
            continue;
        };
        if base <= 0.0 {
            continue;
        }
        for sum in &stated.sums {
            let exact = sum / base * 100.0;
            let rounded = (exact * scale).round() / scale;
            let truncated = (exact * scale + 1e-9).floor() / scale;
            if (rounded - percent).abs() < 1e-9 || (truncated - percent).abs() < 1e-9 {
                return;
            }
            shares.push((exact, *sum, base));
        }
    }
    // Nothing to compare with (base or cells unreadable): say nothing.
    let Some(&(exact, sum, base)) = shares.first() else {
        return;
    };
    let Place { sa, sb, b, .. } = at;
    let sentence: String = report.plain.text[sa..sb.max(b)]
        .trim()
        .chars()
        .take(120)
        .collect();
    out.push(Finding {
        rule: "T-02",
        severity: Severity::Warning,
        message: format!(
            "正文称{}占 {}%（“{}”），但按表三计算为 {:.*}%（{} ÷ （七）总计 {}）。",
            stated.subject.name,
            written,
            sentence,
            decimals as usize,
            exact,
            show(sum),
            show(base)
        ),
        cells: stated
            .cells
            .iter()
            .cloned()
            .chain(std::iter::once("apply.total.total".to_string()))
            .collect(),
        left: Some(percent),
        right: Some((exact * scale).round() / scale),
        culprit: None,
        fix: None,
        span: Some(report.plain.span(sa, sb)),
        table: "正文",
        identity: None,
    });
}

/// What a sentence about 规章 or 规范性文件 may state, and the table-2 column it is.
const DOCUMENT_VERBS: &[(&[&str], &str, &str)] = &[
    (&["制发", "印发", "出台"], "issued", "本年制发"),
    (&["废止"], "repealed", "本年废止"),
    (&["现行有效"], "in_force", "现行有效"),
];

/// T-04: 「制发行政规范性文件62件」, 「现行有效件数11件」 against table 2 (2021 format). The
/// sentence must be about exactly one kind of document; each clause must name exactly one of
/// 制发/废止/现行有效 with its count right after it; plans (「拟废止」) are not counts.
fn normative_documents(report: &Report, values: &Values, out: &mut Vec<Finding>) {
    if report.format != Some(crate::template::Format::V2021) || !report.tables_found[0] {
        return;
    }
    let text = &report.plain.text;
    let mut sentence_start = 0;
    for (i, c) in text
        .char_indices()
        .chain(std::iter::once((text.len(), '。')))
    {
        if !matches!(c, '。' | '；' | ';' | '！' | '？') {
            continue;
        }
        let (sa, sb) = (sentence_start, i);
        sentence_start = i + c.len_utf8();
        let sentence: String = text[sa..sb]
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect::<String>()
            .replace("规章制度", "");
        let kind = match (sentence.contains("规范性文件"), sentence.contains("规章")) {
            (true, false) => ("normative", "行政规范性文件"),
            (false, true) => ("rules", "规章"),
            _ => continue,
        };
        for clause in sentence.split(is_clause_break) {
            document_clause(report, values, kind, clause, (sa, sb), out);
        }
    }
}

fn document_clause(
    report: &Report,
    values: &Values,
    (kind, kind_name): (&str, &str),
    clause: &str,
    (sa, sb): (usize, usize),
    out: &mut Vec<Finding>,
) {
    let mut found = None;
    for (verbs, column, column_name) in DOCUMENT_VERBS {
        if let Some(end) = verbs
            .iter()
            .filter_map(|v| clause.find(v).map(|p| (p, p + v.len())))
            .min()
        {
            if found.is_some() {
                return; // two of them: which count is which is unclear
            }
            found = Some((end, *column, *column_name));
        }
    }
    let Some(((verb_at, end), column, column_name)) = found else {
        return;
    };
    if clause[..verb_at].ends_with(['拟', '将']) || clause.contains("累计") {
        return;
    }
    let rest = &clause[end..];
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
    if !rest[digits_at + digits.len()..].starts_with(['件', '部', '个']) {
        return;
    }
    let Ok(number) = digits.parse::<f64>() else {
        return;
    };
    let key = format!("active.{kind}.{column}");
    let Some(Some(value)) = values.get(&key).copied() else {
        return;
    };
    if value == number {
        return;
    }
    let quoted: String = report.plain.text[sa..sb].trim().chars().take(120).collect();
    out.push(Finding {
        rule: "T-04",
        severity: Severity::Warning,
        message: format!(
            "正文称{column_name}{kind_name} {digits} 件（“{quoted}”），但表二中为 {}。",
            show(value)
        ),
        cells: vec![key],
        left: Some(number),
        right: Some(value),
        culprit: None,
        fix: None,
        span: Some(report.plain.span(sa, sb)),
        table: "正文",
        identity: None,
    });
}
