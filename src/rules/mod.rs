//! Rules: a Report → findings. One file per rule family; [`RULES`] lists every rule with its id,
//! severity and the Chinese text the page shows as 「规则说明」.

mod arith;
mod cross_year;
mod prose;
mod statements;
mod structure;
mod table2;
mod table3;
mod table4;

use crate::source::Span;
use crate::template::{self, Report};
use serde::{Serialize, Serializer};

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
    Info,
}

impl Severity {
    pub fn zh(self) -> &'static str {
        match self {
            Severity::Error => "错误",
            Severity::Warning => "警告",
            Severity::Info => "提示",
        }
    }
}

/// One thing wrong (or worth knowing) about a report.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Finding {
    pub rule: &'static str,
    pub severity: Severity,
    pub message: String,
    /// Every cell of the failed identity (keys.md).
    pub cells: Vec<String>,
    #[serde(serialize_with = "number")]
    pub left: Option<f64>,
    #[serde(serialize_with = "number")]
    pub right: Option<f64>,
    /// The one cell that explains every failure it is part of, or null.
    pub culprit: Option<String>,
    /// The value that makes every identity hold when the culprit takes it.
    #[serde(serialize_with = "number")]
    pub fix: Option<f64>,
    /// Where in the input (prose and structure findings; cells have their own spans).
    pub span: Option<Span>,
    /// 表二 / 表三 / 表四 / 结构.
    pub table: &'static str,
    /// The identity in words, e.g. 「一 + 二 = 三（七） + 四」.
    pub identity: Option<&'static str>,
}

impl Finding {
    /// A finding that is no failed identity: a message about some cells (or none), in `table`.
    pub fn note(
        rule: &'static str,
        severity: Severity,
        table: &'static str,
        message: String,
        cells: Vec<String>,
    ) -> Finding {
        Finding {
            rule,
            severity,
            message,
            cells,
            left: None,
            right: None,
            culprit: None,
            fix: None,
            span: None,
            table,
            identity: None,
        }
    }
}

/// Numbers in JSON: integers without a fraction (`20`, not `20.0`).
pub fn number<S: Serializer>(v: &Option<f64>, s: S) -> Result<S::Ok, S::Error> {
    match v {
        None => s.serialize_none(),
        Some(x) if x.fract() == 0.0 && x.abs() < 9e15 => s.serialize_i64(*x as i64),
        Some(x) => s.serialize_f64(*x),
    }
}

/// A number as Chinese text shows it.
pub fn show(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 9e15 {
        format!("{}", v as i64)
    } else {
        let s = format!("{v:.6}");
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    }
}

/// A rule's registry entry.
#[derive(Clone, Copy, Debug, Serialize)]
pub struct Rule {
    pub id: &'static str,
    pub severity: Severity,
    pub title: &'static str,
    /// What it checks and why, for a clerk (shown as 「规则说明」).
    pub doc: &'static str,
}

pub use cross_year::CROSS_YEAR_RULES;
pub use prose::PROSE_RULES;
pub use statements::STATEMENT_RULES;
pub use structure::STRUCTURE_RULES;
pub use table2::TABLE2_RULES;
pub use table3::TABLE3_RULES;
pub use table4::TABLE4_RULES;

/// Every rule, in the order the page lists them.
pub fn rules() -> impl Iterator<Item = &'static Rule> {
    TABLE3_RULES
        .iter()
        .chain(TABLE4_RULES)
        .chain(TABLE2_RULES)
        .chain(STRUCTURE_RULES)
}

pub fn rule(id: &str) -> Option<&'static Rule> {
    rules().find(|r| r.id == id)
}

/// Runs every rule on a report.
pub fn check(report: &Report) -> Vec<Finding> {
    let mut out = Vec::new();
    structure::check(report, &mut out);
    let values = arith::check(report, &mut out);
    table3::check(report, &values, &mut out);
    table4::check(report, &mut out);
    table2::check(report, &mut out);
    prose::check(report, &mut out);
    statements::check(report, &values, &mut out);
    out.sort_by(|a, b| {
        a.severity
            .cmp(&b.severity)
            .then(table_order(a.table).cmp(&table_order(b.table)))
    });
    out
}

/// Compares a report with the previous year's report of the same body (X-01 … X-04).
pub fn check_against_previous(prev: &Report, cur: &Report) -> Vec<Finding> {
    let mut out = Vec::new();
    cross_year::check(prev, cur, &mut out);
    out
}

fn table_order(t: &str) -> u8 {
    match t {
        "表二" => 1,
        "表三" => 2,
        "表四" => 3,
        "正文" => 4,
        _ => 0,
    }
}

/// T3-04 / T4-04: every cell of a table under `prefix` is a count, 0 or a positive integer.
fn non_negative_counts(
    report: &Report,
    prefix: &str,
    rule: &'static str,
    what: &str,
    out: &mut Vec<Finding>,
) {
    let end = format!("{}/", prefix.trim_end_matches('.'));
    for (k, c) in report.cells.range(prefix.to_string()..end) {
        let Some(v) = c.value else { continue };
        if v < 0.0 || v.fract() != 0.0 {
            out.push(Finding {
                rule,
                severity: Severity::Error,
                message: format!(
                    "{}为 {}，{what}应为 0 或正整数。",
                    template::cell_label(k),
                    show(v)
                ),
                cells: vec![k.clone()],
                left: Some(v),
                right: None,
                culprit: Some(k.clone()),
                fix: None,
                span: c.span,
                table: template::formats::table_of(k),
                identity: None,
            });
        }
    }
}
