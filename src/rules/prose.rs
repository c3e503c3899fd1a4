//! 正文: what the report's words say about itself (format.md §6.5, T-05 … T-07). Only checks
//! that cannot misfire are here; numbers stated in prose (T-01 … T-04) need a sentence reader
//! that knows each number's subject, and are not compared until they can be compared safely.

use super::{Finding, Rule, Severity};
use crate::template::{Format, Report};

pub const PROSE_RULES: &[Rule] = &[
    Rule {
        id: "T-05",
        severity: Severity::Warning,
        title: "未报告信息处理费情况",
        doc: "国办公开办函〔2021〕30号要求：各行政机关收取信息处理费的情况，在“六、其他需要报告的事项”中专门报告（没有收取也应说明）。",
    },
    Rule {
        id: "T-06",
        severity: Severity::Warning,
        title: "年度不一致",
        doc: "标题中的年度、统计期限和正文中叙述的年度应当一致。正文开头写的是上一年，往往是沿用了上年报告。",
    },
    Rule {
        id: "T-07",
        severity: Severity::Info,
        title: "总体情况篇幅较长",
        doc: "2021 年格式要求“总体情况”重在聚焦主题、简明客观，篇幅原则上不超过一千字。",
    },
];

/// The text (without whitespace) of a section: from its last heading to the next heading.
/// The intro paragraph often lists every section name, so the last occurrence is the heading.
pub fn section<'a>(text: &'a str, heading: &str, next: &[&str]) -> Option<&'a str> {
    let start = text.rfind(heading)? + heading.len();
    let rest = &text[start..];
    let end = next
        .iter()
        .filter_map(|n| rest.find(n))
        .min()
        .unwrap_or(rest.len());
    Some(&rest[..end])
}

/// Section 五 (存在的主要问题及改进情况).
pub fn section_five(text: &str) -> Option<&str> {
    let six = text.rfind("其他需要报告").unwrap_or(text.len());
    let head = &text[..six];
    let start = head.rfind("主要问题")?;
    Some(head[start..].trim_end_matches("六、"))
}

fn finding(rule: &'static str, severity: Severity, message: String) -> Finding {
    Finding::note(rule, severity, "正文", message, Vec::new())
}

pub fn check(report: &Report, out: &mut Vec<Finding>) {
    let text = &report.text;
    if report.format == Some(Format::V2021) && report.year.is_some_and(|y| y >= 2021) {
        if let Some(six) = section(text, "其他需要报告的事项", &[]) {
            let about_fees = six.contains("处理费")
                || (six.contains("收费")
                    && ["未", "没有", "无", "不"].iter().any(|w| six.contains(w)));
            if !about_fees {
                out.push(finding(
                    "T-05",
                    Severity::Warning,
                    "“六、其他需要报告的事项”中没有说明收取信息处理费的情况（未收取的也应写明）。"
                        .into(),
                ));
            }
        }
        if let Some(one) = section(text, "一、总体情况", &["二、主动公开", "二、"]) {
            let n = one.chars().count();
            if n > 1100 {
                out.push(finding(
                    "T-07",
                    Severity::Info,
                    format!("“一、总体情况”约 {n} 字，格式要求原则上不超过一千字。"),
                ));
            }
        }
    }
    if let (Some(title), Some(period)) = (report.year, report.period_year) {
        if title != period {
            out.push(finding(
                "T-06",
                Severity::Warning,
                format!("标题中的年度是 {title} 年，但统计期限写的是 {period} 年。"),
            ));
        }
    }
    // 「2021年，我市…」 opening the 总体情况 of a 2022 report: last year's text kept.
    if let (Some(year), Some(one)) = (report.year, section(text, "一、总体情况", &["二、"]))
    {
        // The text is normalised: 「，」 reads as ','.
        let opening: String = one.chars().take(6).collect();
        let stated = opening
            .get(..4)
            .filter(|_| opening[4..].starts_with("年,") || opening[4..].starts_with("年，"));
        if let Some(y) = stated {
            if let Ok(y) = y.parse::<i32>() {
                if y == year - 1 {
                    out.push(finding(
                        "T-06",
                        Severity::Warning,
                        format!("这是 {year} 年度的报告，但“一、总体情况”开头写的是「{y}年」，可能沿用了上年报告的内容。"),
                    ));
                }
            }
        }
    }
}
