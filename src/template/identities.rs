//! The arithmetic of the format (format.md §6) as data: every identity a report must satisfy,
//! with the cells on each side. The reader uses them to choose between readings of glued digits;
//! the rules report the ones that fail.

use super::formats::{
    active_rows, apply_rows, Format, APPLY_COLUMNS, REVIEW_COLUMNS, REVIEW_GROUPS,
};
use std::collections::BTreeMap;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Relation {
    /// Σ left = Σ right
    Eq,
    /// Σ left ≤ Σ right
    Le,
}

#[derive(Clone, Debug)]
pub struct Identity {
    pub rule: &'static str,
    pub relation: Relation,
    pub left: Vec<String>,
    pub right: Vec<String>,
    /// Which instance, in words: 「自然人列」, 「（二）部分公开行」.
    pub scope: String,
}

impl Identity {
    /// Every cell, left then right.
    pub fn cells(&self) -> impl Iterator<Item = &String> {
        self.left.iter().chain(self.right.iter())
    }

    /// (left, right) sums, or None when a cell is unknown.
    pub fn sides(&self, values: &BTreeMap<String, Option<f64>>) -> Option<(f64, f64)> {
        let sum = |keys: &[String]| -> Option<f64> {
            keys.iter().try_fold(0.0, |acc, k| {
                values.get(k).copied().flatten().map(|v| acc + v)
            })
        };
        Some((sum(&self.left)?, sum(&self.right)?))
    }

    /// Some(true) if it holds, None if it cannot be checked.
    pub fn holds(&self, values: &BTreeMap<String, Option<f64>>) -> Option<bool> {
        let (l, r) = self.sides(values)?;
        Some(match self.relation {
            Relation::Eq => (l - r).abs() < 1e-6,
            Relation::Le => l <= r + 1e-6,
        })
    }
}

fn key(table: &str, row: &str, col: &str) -> String {
    format!("{table}.{row}.{col}")
}

/// The leaf result rows of 三、本年度办理结果 that （七）总计 sums.
pub fn result_rows(format: Format) -> Vec<&'static str> {
    apply_rows(format)
        .iter()
        .filter(|r| !r.subtotal)
        .map(|r| r.key)
        .filter(|k| !matches!(*k, "new" | "carried_over" | "total" | "carried_forward"))
        .collect()
}

/// All identities of a format. `subtotals` are the group rows (denied, unable, …) the report
/// actually has; T3-08 checks them.
pub fn identities(format: Format, subtotals: &[&str]) -> Vec<Identity> {
    let mut out = Vec::new();
    let results = result_rows(format);
    let applicant_cols = &APPLY_COLUMNS[..6];
    for c in APPLY_COLUMNS {
        out.push(Identity {
            rule: "T3-01",
            relation: Relation::Eq,
            left: vec![
                key("apply", "new", c.key),
                key("apply", "carried_over", c.key),
            ],
            right: vec![
                key("apply", "total", c.key),
                key("apply", "carried_forward", c.key),
            ],
            scope: format!("{}列", c.label),
        });
    }
    let leaf_rows = apply_rows(format)
        .iter()
        .filter(|r| !r.subtotal || subtotals.contains(&r.key));
    for r in leaf_rows {
        out.push(Identity {
            rule: "T3-02",
            relation: Relation::Eq,
            left: vec![key("apply", r.key, "total")],
            right: applicant_cols
                .iter()
                .map(|c| key("apply", r.key, c.key))
                .collect(),
            scope: format!("{}行", r.short),
        });
    }
    for c in APPLY_COLUMNS {
        out.push(Identity {
            rule: "T3-03",
            relation: Relation::Eq,
            left: vec![key("apply", "total", c.key)],
            right: results.iter().map(|r| key("apply", r, c.key)).collect(),
            scope: format!("{}列", c.label),
        });
    }
    for c in APPLY_COLUMNS {
        out.push(Identity {
            rule: "T3-06",
            relation: Relation::Le,
            left: vec![key("apply", "carried_forward", c.key)],
            right: vec![
                key("apply", "new", c.key),
                key("apply", "carried_over", c.key),
            ],
            scope: format!("{}列", c.label),
        });
    }
    for g in subtotals {
        let prefix = format!("{g}.");
        let items: Vec<&str> = results
            .iter()
            .copied()
            .filter(|r| r.starts_with(&prefix))
            .collect();
        if items.is_empty() {
            continue;
        }
        let label = apply_rows(format)
            .iter()
            .find(|r| r.key == *g)
            .map(|r| r.label)
            .unwrap_or(g);
        for c in APPLY_COLUMNS {
            out.push(Identity {
                rule: "T3-08",
                relation: Relation::Eq,
                left: vec![key("apply", g, c.key)],
                right: items.iter().map(|r| key("apply", r, c.key)).collect(),
                scope: format!("{label}·{}", c.label),
            });
        }
    }
    for (i, (g, label)) in REVIEW_GROUPS.iter().enumerate() {
        out.push(Identity {
            rule: ["T4-01", "T4-02", "T4-03"][i],
            relation: Relation::Eq,
            left: vec![key("review", g, "total")],
            right: REVIEW_COLUMNS[..4]
                .iter()
                .map(|c| key("review", g, c.key))
                .collect(),
            scope: label.to_string(),
        });
    }
    match format {
        Format::V2021 => {
            for r in ["rules", "normative"] {
                out.push(Identity {
                    rule: "T2-02",
                    relation: Relation::Le,
                    left: vec![key("active", r, "issued")],
                    right: vec![key("active", r, "in_force"), key("active", r, "repealed")],
                    scope: label_of(format, r),
                });
            }
        }
        Format::V2019 => {
            for r in ["rules", "normative"] {
                out.push(Identity {
                    rule: "T2-04",
                    relation: Relation::Le,
                    left: vec![key("active", r, "published")],
                    right: vec![key("active", r, "public_total")],
                    scope: label_of(format, r),
                });
            }
            for r in ["licensing", "other_services", "penalty", "coercion", "fees"] {
                out.push(Identity {
                    rule: "T2-05",
                    relation: Relation::Le,
                    left: vec![],
                    right: vec![key("active", r, "prev_items"), key("active", r, "change")],
                    scope: label_of(format, r),
                });
            }
        }
    }
    out
}

fn label_of(format: Format, row: &str) -> String {
    active_rows(format)
        .iter()
        .find(|r| r.key == row)
        .map(|r| r.label)
        .unwrap_or(row)
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts() {
        let ids = identities(Format::V2021, &[]);
        let n = |rule: &str| ids.iter().filter(|i| i.rule == rule).count();
        assert_eq!(n("T3-01"), 7);
        assert_eq!(n("T3-02"), 25);
        assert_eq!(n("T3-03"), 7);
        assert_eq!(n("T3-08"), 0);
        let t303 = ids.iter().find(|i| i.rule == "T3-03").unwrap();
        assert_eq!(t303.right.len(), 21);
        let ids = identities(Format::V2019, &["denied"]);
        assert_eq!(ids.iter().filter(|i| i.rule == "T3-02").count(), 24);
        assert_eq!(ids.iter().filter(|i| i.rule == "T3-08").count(), 7);
        let t303 = ids.iter().find(|i| i.rule == "T3-03").unwrap();
        assert_eq!(t303.right.len(), 19);
    }
}
