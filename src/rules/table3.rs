//! 表三 收到和处理政府信息公开申请情况 (format.md §6.1).

use super::arith::Values;
use super::{show, Finding, Rule, Severity};
use crate::template::identities::{result_rows, Identity};
use crate::template::{cell_label, Report};

pub const TABLE3_RULES: &[Rule] = &[
    Rule {
        id: "T3-01",
        severity: Severity::Error,
        title: "一 + 二 = 三（七） + 四",
        doc: "表三左上角注明“本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和”。即每一列中，本年新收申请数加上年结转申请数，应等于（七）总计加结转下年度继续办理数。",
    },
    Rule {
        id: "T3-02",
        severity: Severity::Error,
        title: "每行总计 = 各类申请人之和",
        doc: "表三每一行的“总计”应等于自然人、商业企业、科研机构、社会公益组织、法律服务机构、其他六列之和。",
    },
    Rule {
        id: "T3-03",
        severity: Severity::Error,
        title: "（七）总计 = 各项办理结果之和",
        doc: "每一列的（七）总计，应等于（一）予以公开、（二）部分公开以及（三）至（六）各小项之和。部分公开“只计这一情形，不计其他情形”，各类办理结果互不重复。",
    },
    Rule {
        id: "T3-04",
        severity: Severity::Error,
        title: "申请数为非负整数",
        doc: "表三各单元格是申请件数，应为 0 或正整数。",
    },
    Rule {
        id: "T3-05",
        severity: Severity::Warning,
        title: "总计未填写",
        doc: "有的报告只填各类申请人的数，把“总计”留空。留空按 0 计会破坏勾稽关系；若按该行各项之和补齐后各项关系都成立，则提示补填该数。",
    },
    Rule {
        id: "T3-06",
        severity: Severity::Error,
        title: "结转下年度 ≤ 新收 + 上年结转",
        doc: "结转下年度继续办理的申请，不会多于本年新收与上年结转之和。（七）总计无法读取时，用这一条代替 T3-01 检查。",
    },
    Rule {
        id: "T3-07",
        severity: Severity::Info,
        title: "“其他处理”占比偏高",
        doc: "国办公开办函〔2019〕60号要求：对“其他处理”数量偏高的行政机关，要了解情况。（六）其他处理超过（七）总计的 20% 时给出提示。",
    },
    Rule {
        id: "T3-08",
        severity: Severity::Warning,
        title: "小计行 = 所含各小项之和",
        doc: "格式中（三）至（六）没有小计行。报告自行增加小计行时，小计应等于其下各小项之和。",
    },
];

/// The message for a failed identity, and the identity in words.
pub fn describe(id: &Identity, l: f64, r: f64) -> (String, &'static str) {
    match id.rule {
        "T3-01" => (
            format!(
                "{}：一、本年新收与二、上年结转之和为 {}，但（七）总计与四、结转下年度继续办理之和为 {}",
                id.scope,
                show(l),
                show(r)
            ),
            "一 + 二 = 三（七） + 四",
        ),
        "T3-02" => (
            format!("{}为 {}，但各类申请人之和为 {}", cell_label(&id.left[0]), show(l), show(r)),
            "总计 = 自然人 + 法人或其他组织各项",
        ),
        "T3-03" => (
            format!("{}为 {}，但各项办理结果之和为 {}", cell_label(&id.left[0]), show(l), show(r)),
            "（七）总计 = （一）+（二）+（三）+（四）+（五）+（六）各项",
        ),
        "T3-06" => (
            format!(
                "{}：结转下年度继续办理为 {}，多于本年新收与上年结转之和 {}",
                id.scope,
                show(l),
                show(r)
            ),
            "四 ≤ 一 + 二",
        ),
        _ => (
            format!("{}为 {}，但其下各小项之和为 {}", cell_label(&id.left[0]), show(l), show(r)),
            "小计 = 各小项之和",
        ),
    }
}

/// T3-04 and T3-07 (the identities are evaluated by the shared engine).
pub fn check(report: &Report, values: &Values, out: &mut Vec<Finding>) {
    super::non_negative_counts(report, "apply.", "T3-04", "申请件数", out);
    let Some(format) = report.format else { return };
    let other: Vec<String> = result_rows(format)
        .into_iter()
        .filter(|r| *r == "other" || r.starts_with("other."))
        .map(|r| format!("apply.{r}.total"))
        .collect();
    let total = values.get("apply.total.total").copied().flatten();
    let other_sum: Option<f64> = other
        .iter()
        .try_fold(0.0, |a, k| values.get(k).copied().flatten().map(|v| a + v));
    if let (Some(t), Some(o)) = (total, other_sum) {
        if t > 0.0 && o / t > 0.2 {
            let mut cells = other.clone();
            cells.push("apply.total.total".into());
            let message = format!(
                    "（六）其他处理共 {} 件，占（七）总计 {} 件的 {:.1}%，超过 20%。请确认各项申请是否已按法定处理方式归类。",
                    show(o),
                    show(t),
                    o / t * 100.0
                );
            let mut f = Finding::note("T3-07", Severity::Info, "表三", message, cells);
            f.left = Some(o);
            f.right = Some(t);
            out.push(f);
        }
    }
}
