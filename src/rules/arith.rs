//! The identity engine shared by tables 2–4: fills blank 总计 cells the identities determine
//! (T3-05), evaluates every identity, and locates the culprit — the one cell whose correction
//! makes every failing identity of a group hold without breaking one that held.

use super::{show, table2, table3, table4, Finding, Severity};
use crate::template::identities::{identities, Identity};
use crate::template::{cell_label, formats::table_of, Report};
use std::collections::BTreeMap;

pub type Values = BTreeMap<String, Option<f64>>;

/// An identity that could not be checked: its scope, the unknown cells' labels, all its cells.
type Unchecked = (String, Vec<String>, Vec<String>);

fn severity_of(rule: &str) -> Severity {
    match rule {
        "T3-01" | "T3-02" | "T3-03" | "T3-06" | "T4-01" | "T4-02" | "T4-03" => Severity::Error,
        _ => Severity::Warning,
    }
}

fn describe(id: &Identity, l: f64, r: f64) -> (String, &'static str) {
    match &id.rule[..2] {
        "T3" => table3::describe(id, l, r),
        "T4" => table4::describe(id, l, r),
        _ => table2::describe(id, l, r),
    }
}

/// Evaluates the identities; returns the values the other rules should use (blanks filled).
pub fn check(report: &Report, out: &mut Vec<Finding>) -> Values {
    let Some(format) = report.format else {
        return report.values();
    };
    let ids = identities(format, &report.subtotals);
    let mut values = report.values();
    fill_blank_totals(report, &ids, &mut values, out);

    let mut failing: Vec<(usize, f64, f64)> = Vec::new();
    let mut unchecked: BTreeMap<&'static str, Vec<Unchecked>> = BTreeMap::new();
    for (n, id) in ids.iter().enumerate() {
        // T3-06 follows from T3-01; it only speaks when T3-01 for the column cannot be checked.
        if id.rule == "T3-06" {
            let t301 = ids
                .iter()
                .find(|o| o.rule == "T3-01" && o.scope == id.scope);
            if t301.is_some_and(|o| o.holds(&values).is_some()) {
                continue;
            }
        }
        match id.sides(&values) {
            Some((l, r)) if id.holds(&values) == Some(false) => failing.push((n, l, r)),
            Some(_) => {}
            // T3-06 stands in for T3-01; when both are unknown, T3-01 says so.
            None if severity_of(id.rule) == Severity::Error
                && id.rule != "T3-06"
                && touches_known(id, report) =>
            {
                let unknown = id
                    .cells()
                    .filter(|k| values.get(*k).copied().flatten().is_none())
                    .map(|k| cell_label(k));
                unchecked.entry(id.rule).or_default().push((
                    id.scope.clone(),
                    unknown.collect(),
                    id.cells().cloned().collect(),
                ));
            }
            None => {}
        }
    }

    // One 「无法校验」 per rule, naming every instance it could not check.
    for (rule, list) in unchecked {
        let mut unknown: Vec<String> = list
            .iter()
            .flat_map(|(_, u, _)| u.iter().cloned())
            .collect();
        unknown.dedup();
        let cells: Vec<String> = list
            .iter()
            .flat_map(|(_, _, c)| c.iter().cloned())
            .collect();
        let table = table_of(&cells[0]);
        let scopes: Vec<String> = list.iter().map(|(s, _, _)| s.clone()).collect();
        let message = format!(
            "无法校验{}（{}）：{}无法读取。",
            shorten(&scopes, "处"),
            rule,
            shorten(&unknown, "个单元格")
        );
        out.push(Finding::note(rule, Severity::Info, table, message, cells));
    }

    let culprits = locate_culprits(&ids, &failing, &values);
    for (n, l, r) in failing {
        let id = &ids[n];
        let (mut message, words) = describe(id, l, r);
        let (culprit, fix) = match culprits.get(&n) {
            Some(Some((k, v))) => {
                message.push_str(&format!(
                    "。若「{}」改为 {}，相关勾稽关系均成立",
                    cell_label(k),
                    show(*v)
                ));
                (Some(k.clone()), Some(*v))
            }
            Some(None) => {
                message.push_str("。无法确定是哪一个单元格填写有误，请逐项核对");
                (None, None)
            }
            None => (None, None),
        };
        message.push('。');
        out.push(Finding {
            rule: id.rule,
            severity: severity_of(id.rule),
            message,
            cells: id.cells().cloned().collect(),
            left: Some(l),
            right: Some(r),
            culprit,
            fix,
            span: None,
            table: table_of(
                id.left
                    .first()
                    .or(id.right.first())
                    .map(String::as_str)
                    .unwrap_or(""),
            ),
            identity: Some(words),
        });
    }
    values
}

/// Whether an identity has at least one cell the report actually read (else the whole table is
/// missing, which S-02 already says).
fn touches_known(id: &Identity, report: &Report) -> bool {
    id.cells().any(|k| report.value(k).is_some())
}

/// 「a、b、c等 n 个单元格」 for long lists.
fn shorten(labels: &[String], noun: &str) -> String {
    if labels.len() <= 3 {
        labels.join("、")
    } else {
        format!("{}等 {} {noun}", labels[..3].join("、"), labels.len())
    }
}

/// T3-05 (decisions.md 「Blanks that break identities」): 总计 cells left blank while their
/// row has values. When giving each the value its row implies makes every identity that involves
/// them hold, report one warning per filled cell instead of errors.
fn fill_blank_totals(
    report: &Report,
    ids: &[Identity],
    values: &mut Values,
    out: &mut Vec<Finding>,
) {
    let mut fills: Vec<(String, f64, &Identity)> = Vec::new();
    for id in ids
        .iter()
        .filter(|i| matches!(i.rule, "T3-02" | "T4-01" | "T4-02" | "T4-03"))
    {
        let total = &id.left[0];
        let blank = report.cells.get(total).is_some_and(|c| c.blank);
        if !blank || id.holds(values) != Some(false) {
            continue;
        }
        if let Some((_, r)) = id.sides(values) {
            fills.push((total.clone(), r, id));
        }
    }
    if fills.is_empty() {
        return;
    }
    let mut trial = values.clone();
    for (k, v, _) in &fills {
        trial.insert(k.clone(), Some(*v));
    }
    let involved = |id: &&Identity| id.cells().any(|c| fills.iter().any(|(k, _, _)| k == c));
    let all_hold = ids
        .iter()
        .filter(involved)
        .all(|id| id.holds(&trial) != Some(false));
    if !all_hold {
        return;
    }
    *values = trial;
    for (k, v, id) in fills {
        // Blank 表四 totals are the same situation; they share the T3-05 wording.
        out.push(Finding {
            rule: "T3-05",
            severity: Severity::Warning,
            message: format!(
                "「{}」未填写，按勾稽关系应为 {}（该行各项之和）。",
                cell_label(&k),
                show(v)
            ),
            cells: id.cells().cloned().collect(),
            left: Some(0.0),
            right: Some(v),
            culprit: Some(k.clone()),
            fix: Some(v),
            span: None,
            table: table_of(&k),
            identity: Some("总计 = 各项之和"),
        });
    }
}

/// For each group of failing error identities that share cells, the one cell (if exactly one)
/// whose corrected value makes the group hold without breaking any identity that held. Returns
/// per failing identity: absent = not an error identity, Some(None) = ambiguous.
fn locate_culprits(
    ids: &[Identity],
    failing: &[(usize, f64, f64)],
    values: &Values,
) -> BTreeMap<usize, Option<(String, f64)>> {
    let errors: Vec<usize> = failing
        .iter()
        .map(|f| f.0)
        .filter(|&n| severity_of(ids[n].rule) == Severity::Error)
        .collect();
    let mut out = BTreeMap::new();
    let mut seen = vec![false; errors.len()];
    for start in 0..errors.len() {
        if seen[start] {
            continue;
        }
        // Connected component by shared cells.
        let mut comp = vec![start];
        seen[start] = true;
        let mut i = 0;
        while i < comp.len() {
            let a = &ids[errors[comp[i]]];
            for (j, s) in seen.iter_mut().enumerate() {
                if !*s && ids[errors[j]].cells().any(|c| a.cells().any(|d| d == c)) {
                    *s = true;
                    comp.push(j);
                }
            }
            i += 1;
        }
        let group: Vec<&Identity> = comp.iter().map(|&j| &ids[errors[j]]).collect();
        let first = group[0];
        let mut found: Vec<(String, f64)> = Vec::new();
        for cell in first.cells() {
            if !group.iter().all(|g| g.cells().any(|c| c == cell)) {
                continue;
            }
            let Some(Some(v)) = values.get(cell).copied() else {
                continue;
            };
            let Some((l, r)) = first.sides(values) else {
                continue;
            };
            let in_left = first.left.contains(cell);
            let fix = if in_left { v + (r - l) } else { v + (l - r) };
            if fix < 0.0 || fix.fract() != 0.0 {
                continue;
            }
            let mut trial = values.clone();
            trial.insert(cell.clone(), Some(fix));
            let ok = ids.iter().all(|id| {
                let before = id.holds(values);
                let after = id.holds(&trial);
                let in_group = group.iter().any(|g| std::ptr::eq(*g, id));
                if in_group {
                    after != Some(false)
                } else {
                    !(before == Some(true) && after == Some(false))
                }
            });
            if ok && !found.iter().any(|(k, _)| k == cell) {
                found.push((cell.clone(), fix));
            }
        }
        let answer = if found.len() == 1 {
            Some(found.pop().unwrap())
        } else {
            None
        };
        for &j in &comp {
            out.insert(errors[j], answer.clone());
        }
    }
    out
}
