//! 表四 政府信息公开行政复议、行政诉讼情况 (format.md §6.2).

use super::{show, Finding, Rule, Severity};
use crate::template::identities::Identity;
use crate::template::{cell_label, Report};

pub const TABLE4_RULES: &[Rule] = &[
    Rule {
        id: "T4-01",
        severity: Severity::Error,
        title: "行政复议：总计 = 各项结果之和",
        doc: "行政复议的“总计”应等于结果维持、结果纠正、其他结果、尚未审结四项之和。",
    },
    Rule {
        id: "T4-02",
        severity: Severity::Error,
        title: "行政诉讼（未经复议直接起诉）：总计 = 各项结果之和",
        doc: "未经复议直接起诉的行政诉讼，“总计”应等于结果维持、结果纠正、其他结果、尚未审结四项之和。",
    },
    Rule {
        id: "T4-03",
        severity: Severity::Error,
        title: "行政诉讼（复议后起诉）：总计 = 各项结果之和",
        doc: "复议后起诉的行政诉讼，“总计”应等于结果维持、结果纠正、其他结果、尚未审结四项之和。",
    },
    Rule {
        id: "T4-04",
        severity: Severity::Error,
        title: "案件数为非负整数",
        doc: "表四的 15 个单元格都是案件数，应为 0 或正整数。",
    },
];

pub fn describe(id: &Identity, l: f64, r: f64) -> (String, &'static str) {
    (
        format!(
            "{}为 {}，但结果维持、结果纠正、其他结果、尚未审结之和为 {}",
            cell_label(&id.left[0]),
            show(l),
            show(r)
        ),
        "总计 = 结果维持 + 结果纠正 + 其他结果 + 尚未审结",
    )
}

/// T4-04.
pub fn check(report: &Report, out: &mut Vec<Finding>) {
    super::non_negative_counts(report, "review.", "T4-04", "案件数", out);
}
