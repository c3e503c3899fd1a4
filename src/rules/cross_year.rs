//! This year against last year (format.md §6.4): X-01 上年结转 = last year's 结转下年度, X-02 the
//! 现行有效件数 chain (info: clean-ups break it legitimately), X-04 section 五 copied.

use super::prose::section_five;
use super::{show, Finding, Rule, Severity};
use crate::template::formats::APPLY_COLUMNS;
use crate::template::{cell_label, Report};

pub const CROSS_YEAR_RULES: &[Rule] = &[
    Rule {
        id: "X-01",
        severity: Severity::Error,
        title: "上年结转 = 上年度报告的结转下年度",
        doc: "本年度表三“二、上年结转政府信息公开申请数量”每一列，应等于上年度报告表三“四、结转下年度继续办理”的同一列。",
    },
    Rule {
        id: "X-02",
        severity: Severity::Info,
        title: "现行有效件数的衔接",
        doc: "一般而言，本年现行有效件数 ≈ 上年现行有效件数 + 本年制发 − 本年废止。集中清理会使其不成立，所以只作提示。",
    },
    Rule {
        id: "X-03",
        severity: Severity::Info,
        title: "上一年项目数量的衔接（2019年格式）",
        doc: "2019年试行格式的表二中，本年度“上一年项目数量”一般等于上年度报告的“上一年项目数量”加“本年增/减”。事项清单调整可能使其不成立，所以只作提示。",
    },
    Rule {
        id: "X-04",
        severity: Severity::Warning,
        title: "存在的主要问题与上年雷同",
        doc: "格式要求“五、存在的主要问题及改进情况”实事求是、明确具体，不得出现敷衍了事甚至年年雷同现象。与上年度报告几乎相同（相似度 90% 以上）时给出警告。",
    },
    Rule {
        id: "X-00",
        severity: Severity::Warning,
        title: "上年度报告对不上",
        doc: "作为“上年度报告”提供的报告，应是同一机关、年度早一年的报告，否则不作跨年度比较。",
    },
];

fn finding(rule: &'static str, severity: Severity, message: String, cells: Vec<String>) -> Finding {
    let table = if rule == "X-04" || rule == "X-00" {
        "正文"
    } else {
        "表三"
    };
    Finding::note(rule, severity, table, message, cells)
}

/// Body names compared without whitespace and punctuation (decisions.md, CLI).
fn same_body(a: &str, b: &str) -> bool {
    let norm = |s: &str| {
        s.chars()
            .filter(|c| c.is_alphanumeric())
            .collect::<String>()
    };
    norm(a) == norm(b)
}

/// Compares a report with the previous year's report of the same body.
pub fn check(prev: &Report, cur: &Report, out: &mut Vec<Finding>) {
    let consecutive = matches!((prev.year, cur.year), (Some(p), Some(c)) if c == p + 1);
    let body_ok = match (&prev.body, &cur.body) {
        (Some(a), Some(b)) => same_body(a, b),
        _ => false,
    };
    if !consecutive || !body_ok {
        out.push(finding(
            "X-00",
            Severity::Warning,
            format!(
                "上年度报告（{}，{}年度）与本报告（{}，{}年度）不是同一机关相邻两年的报告，未作跨年度比较。",
                prev.body.as_deref().unwrap_or("机关未知"),
                prev.year.map(|y| y.to_string()).unwrap_or("?".into()),
                cur.body.as_deref().unwrap_or("机关未知"),
                cur.year.map(|y| y.to_string()).unwrap_or("?".into()),
            ),
            Vec::new(),
        ));
        return;
    }
    for c in APPLY_COLUMNS {
        let now = format!("apply.carried_over.{}", c.key);
        let before = format!("apply.carried_forward.{}", c.key);
        if let (Some(a), Some(b)) = (cur.value(&now), prev.value(&before)) {
            if a != b {
                let mut f = finding(
                    "X-01",
                    Severity::Error,
                    format!(
                        "{}为 {}，但上年度报告的{}为 {}。",
                        cell_label(&now),
                        show(a),
                        cell_label(&before),
                        show(b)
                    ),
                    vec![now.clone(), format!("prev.{before}")],
                );
                f.left = Some(a);
                f.right = Some(b);
                out.push(f);
            }
        }
    }
    for row in ["rules", "normative"] {
        let k = |col: &str| format!("active.{row}.{col}");
        if let (Some(p), Some(i), Some(r), Some(n)) = (
            prev.value(&k("in_force")),
            cur.value(&k("issued")),
            cur.value(&k("repealed")),
            cur.value(&k("in_force")),
        ) {
            let expect = p + i - r;
            if expect != n {
                let mut f = finding(
                    "X-02",
                    Severity::Info,
                    format!(
                        "{}为 {}；按上年现行有效 {} + 本年制发 {} − 本年废止 {} 应约为 {}。如有集中清理可忽略。",
                        cell_label(&k("in_force")),
                        show(n),
                        show(p),
                        show(i),
                        show(r),
                        show(expect)
                    ),
                    vec![k("in_force"), k("issued"), k("repealed"), format!("prev.{}", k("in_force"))],
                );
                f.table = "表二";
                f.left = Some(n);
                f.right = Some(expect);
                out.push(f);
            }
        }
    }
    item_counts(prev, cur, out);
    if let (Some(a), Some(b)) = (section_five(&prev.text), section_five(&cur.text)) {
        let sim = similarity(a, b);
        if sim >= 0.9 {
            out.push(finding(
                "X-04",
                Severity::Warning,
                format!(
                    "“五、存在的主要问题及改进情况”与上年度报告的相似度为 {:.0}%，请避免年年雷同。",
                    sim * 100.0
                ),
                Vec::new(),
            ));
        }
    }
}

/// X-03 (2019 format, both years): 上一年项目数量 = last year's 上一年项目数量 + 本年增/减.
/// Format.md §6.4: a heuristic, hence info.
fn item_counts(prev: &Report, cur: &Report, out: &mut Vec<Finding>) {
    let v2019 = Some(crate::template::Format::V2019);
    if prev.format != v2019 || cur.format != v2019 {
        return;
    }
    for row in ["licensing", "other_services", "penalty", "coercion", "fees"] {
        let k = |col: &str| format!("active.{row}.{col}");
        let (Some(now), Some(before), Some(change)) = (
            cur.value(&k("prev_items")),
            prev.value(&k("prev_items")),
            prev.value(&k("change")),
        ) else {
            continue;
        };
        if now == before + change {
            continue;
        }
        let mut f = finding(
            "X-03",
            Severity::Info,
            format!(
                "{}为 {}；按上年度报告的上一年项目数量 {} 与本年增/减 {} 应为 {}。",
                cell_label(&k("prev_items")),
                show(now),
                show(before),
                show(change),
                show(before + change)
            ),
            vec![
                k("prev_items"),
                format!("prev.{}", k("prev_items")),
                format!("prev.{}", k("change")),
            ],
        );
        f.table = "表二";
        f.left = Some(now);
        f.right = Some(before + change);
        out.push(f);
    }
}

/// 1 − Levenshtein distance ÷ length of the longer text, on the text without punctuation
/// (decisions.md 「Thresholds」). Texts are capped at 4000 characters to stay fast.
pub fn similarity(a: &str, b: &str) -> f64 {
    let clean = |s: &str| {
        s.chars()
            .filter(|c| c.is_alphanumeric())
            .take(4000)
            .collect::<Vec<char>>()
    };
    let (a, b) = (clean(a), clean(b));
    let longest = a.len().max(b.len());
    if longest == 0 {
        return 1.0;
    }
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.iter().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let cur = row[j + 1];
            row[j + 1] = (prev + usize::from(ca != cb)).min(row[j] + 1).min(cur + 1);
            prev = cur;
        }
    }
    1.0 - row[b.len()] as f64 / longest as f64
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn similarity_is_one_minus_normalised_distance() {
        assert_eq!(similarity("一是加强培训。", "一是加强培训"), 1.0);
        assert!((similarity("abcd", "abce") - 0.75).abs() < 1e-9);
        assert_eq!(similarity("", ""), 1.0);
    }
}
