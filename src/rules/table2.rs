//! 表二 主动公开政府信息情况 (format.md §6.3).

use super::{show, Finding, Rule, Severity};
use crate::template::identities::Identity;
use crate::template::{cell_label, Format, Report};

pub const TABLE2_RULES: &[Rule] = &[
    Rule {
        id: "T2-01",
        severity: Severity::Error,
        title: "件数为非负整数，收费金额非负",
        doc: "表二的件数、处理决定数量应为 0 或正整数；行政事业性收费的本年收费金额以万元为单位，可以有小数，但不能为负。",
    },
    Rule {
        id: "T2-02",
        severity: Severity::Warning,
        title: "现行有效件数 ≥ 本年制发 − 本年废止",
        doc: "上年末现行有效的件数不会小于 0，所以现行有效件数至少等于本年制发件数减去本年废止件数。",
    },
    Rule {
        id: "T2-03",
        severity: Severity::Warning,
        title: "收费金额单位应为万元",
        doc: "2021 年格式规定本年收费金额的单位为万元。单元格中写了“元”等其他单位时，数值可能差一万倍。",
    },
    Rule {
        id: "T2-04",
        severity: Severity::Warning,
        title: "对外公开总数量 ≥ 本年新公开数量",
        doc: "2019 年试行格式中，对外公开总数量包含本年新公开的数量，不应更小。",
    },
    Rule {
        id: "T2-05",
        severity: Severity::Warning,
        title: "上一年项目数量 + 本年增/减 ≥ 0",
        doc: "2019 年试行格式中，本年增/减可以为负，但减少的项目不会多于上一年的项目数量。",
    },
    Rule {
        id: "T2-06",
        severity: Severity::Info,
        title: "采购总金额的单位",
        doc: "2019 年试行格式的采购总金额没有规定单位，报告常在单元格中写“元”或“万元”。本工具按所写单位理解，未写单位时给出提示。",
    },
];

pub fn describe(id: &Identity, l: f64, r: f64) -> (String, &'static str) {
    match id.rule {
        "T2-02" => (
            format!(
                "{}：本年制发 {}，但现行有效与本年废止之和只有 {}",
                id.scope,
                show(l),
                show(r)
            ),
            "现行有效 ≥ 本年制发 − 本年废止",
        ),
        "T2-04" => (
            format!(
                "{}：本年新公开 {}，多于对外公开总数量 {}",
                id.scope,
                show(l),
                show(r)
            ),
            "对外公开总数量 ≥ 本年新公开数量",
        ),
        _ => (
            format!(
                "{}：上一年项目数量与本年增/减之和为 {}，小于 0",
                id.scope,
                show(r)
            ),
            "上一年项目数量 + 本年增/减 ≥ 0",
        ),
    }
}

fn finding(
    rule: &'static str,
    severity: Severity,
    key: &str,
    message: String,
    report: &Report,
) -> Finding {
    let mut f = Finding::note(rule, severity, "表二", message, vec![key.to_string()]);
    f.left = report.value(key);
    f.span = report.cells.get(key).and_then(|c| c.span);
    f
}

/// T2-01, T2-03, T2-06 (T2-02/04/05 are identities, evaluated by the shared engine).
pub fn check(report: &Report, out: &mut Vec<Finding>) {
    let Some(format) = report.format else { return };
    for (k, c) in report
        .cells
        .range("active.".to_string().."active/".to_string())
    {
        let Some(v) = c.value else { continue };
        let signed = k.ends_with(".change");
        let money = k.ends_with(".amount");
        if (!signed && v < 0.0) || (!money && v.fract() != 0.0) {
            let what = if money {
                "金额不能为负"
            } else {
                "应为 0 或正整数"
            };
            out.push(finding(
                "T2-01",
                Severity::Error,
                k,
                format!("{}为 {}，{}。", cell_label(k), show(v), what),
                report,
            ));
        }
    }
    match format {
        Format::V2021 => {
            let k = "active.fees.amount";
            if let Some(unit) = report.cells.get(k).and_then(|c| c.unit.clone()) {
                if unit != "万元" {
                    out.push(finding(
                        "T2-03",
                        Severity::Warning,
                        k,
                        format!(
                            "{}写作「{}」，单位是“{}”，格式规定单位为万元，请换算后填写。",
                            cell_label(k),
                            report.cells[k].raw.clone().unwrap_or_default(),
                            unit
                        ),
                        report,
                    ));
                }
            }
        }
        Format::V2019 => {
            let k = "active.procurement.amount";
            if let Some(c) = report.cells.get(k) {
                if let Some(v) = c.value {
                    let message = match c.unit.as_deref() {
                        Some("元") => format!(
                            "{}为 {} 元，即 {} 万元。",
                            cell_label(k),
                            show(v),
                            show(v / 10000.0)
                        ),
                        Some(u) => format!("{}为 {} {}。", cell_label(k), show(v), u),
                        None if v != 0.0 => format!(
                            "{}为 {}，未注明单位（元或万元），请核实。",
                            cell_label(k),
                            show(v)
                        ),
                        None => String::new(), // a zero amount needs no unit
                    };
                    if !message.is_empty() {
                        out.push(finding("T2-06", Severity::Info, k, message, report));
                    }
                }
            }
        }
    }
}
