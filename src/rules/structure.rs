//! Structure (decisions.md 「Structure rules」): sections, tables and rows present and readable,
//! the report year found, the format matching the year. Warnings and info only: a consistent
//! report never gets an error from structure alone.

use super::{Finding, Rule, Severity};
use crate::template::{Format, Report};

pub const STRUCTURE_RULES: &[Rule] = &[
    Rule {
        id: "S-01",
        severity: Severity::Warning,
        title: "缺少规定的部分",
        doc: "年度报告应包括六个部分：一、总体情况；二、主动公开政府信息情况；三、收到和处理政府信息公开申请情况；四、政府信息公开行政复议、行政诉讼情况；五、存在的主要问题及改进情况；六、其他需要报告的事项。",
    },
    Rule {
        id: "S-02",
        severity: Severity::Warning,
        title: "缺少表格或行",
        doc: "格式中的表格和行都应保留，没有数据的填 0。缺少的行无法参与勾稽关系校验。",
    },
    Rule {
        id: "S-03",
        severity: Severity::Warning,
        title: "无法识别的数值",
        doc: "单元格中写的不是数字（如“见附件”“若干”）。该单元格参与的勾稽关系无法校验。",
    },
    Rule {
        id: "S-04",
        severity: Severity::Info,
        title: "该行未填写",
        doc: "表格中有这一行，但一个单元格也没有填写。按 0 计算，建议填写 0。",
    },
    Rule {
        id: "S-05",
        severity: Severity::Warning,
        title: "无法读取的行",
        doc: "这一行的数字个数与列数不符，或连在一起的数字有多种同样合理的拆分方式。为避免误判，该行按未知处理，相关勾稽关系不作校验。",
    },
    Rule {
        id: "S-06",
        severity: Severity::Warning,
        title: "找不到报告年度",
        doc: "标题或统计期限中没有找到报告年度，无法确认应使用哪一版格式。",
    },
    Rule {
        id: "S-07",
        severity: Severity::Warning,
        title: "格式版本与年度不符",
        doc: "2019、2020 年度报告使用国办公开办函〔2019〕60号试行格式；2021 年度起使用国办公开办函〔2021〕30号格式。",
    },
];

const SECTIONS: &[(&str, &[&str])] = &[
    ("一、总体情况", &["总体情况"]),
    (
        "二、主动公开政府信息情况",
        &["主动公开政府信息情况", "主动公开政府信息"],
    ),
    (
        "三、收到和处理政府信息公开申请情况",
        &["收到和处理政府信息公开申请"],
    ),
    ("四、政府信息公开行政复议、行政诉讼情况", &["行政复议"]),
    ("五、存在的主要问题及改进情况", &["主要问题", "存在问题"]),
    ("六、其他需要报告的事项", &["其他需要报告"]),
];

fn note_finding(
    rule: &'static str,
    message: String,
    cells: Vec<String>,
    span: Option<crate::source::Span>,
) -> Finding {
    let severity = STRUCTURE_RULES
        .iter()
        .find(|r| r.id == rule)
        .map(|r| r.severity)
        .unwrap_or(Severity::Warning);
    let mut f = Finding::note(rule, severity, "结构", message, cells);
    f.span = span;
    f
}

/// Structure findings: the reader's notes plus sections, year and format.
pub fn check(report: &Report, out: &mut Vec<Finding>) {
    for n in &report.notes {
        out.push(note_finding(
            n.rule,
            n.message.clone(),
            n.cells.clone(),
            n.span,
        ));
    }
    let missing: Vec<&str> = SECTIONS
        .iter()
        .filter(|(_, words)| !words.iter().any(|w| report.text.contains(w)))
        .map(|(name, _)| *name)
        .collect();
    if !missing.is_empty() && report.has_any_table() {
        out.push(note_finding(
            "S-01",
            format!("报告中没有找到以下部分：{}。", missing.join("；")),
            Vec::new(),
            None,
        ));
    }
    match report.year {
        None => out.push(note_finding(
            "S-06",
            "标题和统计期限中都没有找到报告年度，请在标题中写明年度（如“2024年政府信息公开工作年度报告”）。".into(),
            Vec::new(),
            None,
        )),
        Some(y) => {
            if let Some(f) = report.format {
                if report.format_from_labels && f != Format::for_year(y) {
                    out.push(note_finding(
                        "S-07",
                        format!(
                            "这是 {} 年度的报告，应使用{}，但表格使用的是{}。",
                            y,
                            Format::for_year(y).name(),
                            f.name()
                        ),
                        Vec::new(),
                        None,
                    ));
                }
            }
        }
    }
}
