//! Choosing between readings of glued digits (decisions.md 「Glued digits」): the reading of the
//! whole table that violates the fewest identities wins; rows on which the best readings
//! disagree are unreadable (S-05) — never a guess.

use super::formats::{Format, RowDef, REVIEW_COLUMNS, REVIEW_GROUPS};
use super::identities::{identities, Identity};
use super::numbers::CellRead;
use super::Note;
use crate::source::Span;
use std::collections::{BTreeMap, HashMap};

/// How one template row was read.
#[derive(Clone, Debug)]
pub enum RowRead {
    Fixed(Vec<CellRead>),
    /// Several readings of glued digits, each a full row.
    Choice(Vec<Vec<CellRead>>, Span),
    Unreadable {
        span: Span,
        why: String,
    },
    /// The row is there with no cells at all (017).
    Empty(Span),
}

#[derive(Clone, Debug)]
pub struct RowSlot {
    pub row_key: String,
    pub label: &'static str,
    pub keys: Vec<String>,
    pub read: RowRead,
}

impl RowSlot {
    pub fn new(row: &RowDef, table: &str, read: RowRead) -> Self {
        RowSlot {
            row_key: format!("{table}.{}", row.key),
            label: row.short,
            keys: row
                .columns
                .iter()
                .map(|c| format!("{table}.{}.{}", row.key, c.key))
                .collect(),
            read,
        }
    }
    pub fn review(read: RowRead) -> Self {
        let keys = REVIEW_GROUPS
            .iter()
            .flat_map(|(g, _)| {
                REVIEW_COLUMNS
                    .iter()
                    .map(move |c| format!("review.{g}.{}", c.key))
            })
            .collect();
        RowSlot {
            row_key: "review".into(),
            label: "表四数据行",
            keys,
            read,
        }
    }
}

/// Most combinations of ambiguous rows we try together.
const MAX_COMBINATIONS: usize = 20_000;
/// Most readings of all ambiguous rows together: each is scored against the identities, maybe
/// several times, and a table of rows at 20 000 readings each took seconds. Real glued tables
/// have a few hundred; above this the rows with the most become unreadable, largest first.
const MAX_TOTAL_CANDIDATES: usize = 20_000;
/// Most scorings of one reading against its identities while narrowing.
const MAX_SCORINGS: usize = 200_000;

type Values = HashMap<String, Option<f64>>;

fn violations(ids: &[&Identity], values: &Values) -> usize {
    let sum = |keys: &[String]| -> Option<f64> {
        keys.iter().try_fold(0.0, |acc, k| {
            values.get(k).copied().flatten().map(|v| acc + v)
        })
    };
    ids.iter()
        .filter(|id| match (sum(&id.left), sum(&id.right)) {
            (Some(l), Some(r)) => match id.relation {
                super::identities::Relation::Eq => (l - r).abs() > 1e-6,
                super::identities::Relation::Le => l > r + 1e-6,
            },
            _ => false,
        })
        .count()
}

fn set_row(values: &mut Values, keys: &[String], cells: &[CellRead]) {
    for (k, c) in keys.iter().zip(cells) {
        match values.get_mut(k) {
            Some(v) => *v = c.value,
            None => {
                values.insert(k.clone(), c.value);
            }
        }
    }
}

fn clear_row(values: &mut Values, keys: &[String]) {
    for k in keys {
        match values.get_mut(k) {
            Some(v) => *v = None,
            None => {
                values.insert(k.clone(), None);
            }
        }
    }
}

/// Makes the rows with the most readings unreadable until all rows together have at most
/// MAX_TOTAL_CANDIDATES.
fn limit_candidates(slots: &mut [RowSlot]) {
    let count = |s: &RowSlot| match &s.read {
        RowRead::Choice(c, _) => c.len(),
        _ => 0,
    };
    let mut total: usize = slots.iter().map(count).sum();
    while total > MAX_TOTAL_CANDIDATES {
        let Some(s) = slots.iter_mut().max_by_key(|s| count(s)) else {
            return;
        };
        total -= count(s);
        if let RowRead::Choice(_, span) = &s.read {
            s.read = RowRead::Unreadable {
                span: *span,
                why: "连写的数字可能的拆分方式过多".into(),
            };
        }
    }
}

/// Turns row reads into cells, choosing among glued readings, and notes S-03/S-04/S-05.
pub fn resolve(
    mut slots: Vec<RowSlot>,
    format: Format,
    subtotals: &[&str],
    notes: &mut Vec<Note>,
) -> BTreeMap<String, CellRead> {
    let ids = identities(format, subtotals);
    limit_candidates(&mut slots);
    let mut values: Values = HashMap::new();
    for s in &slots {
        match &s.read {
            RowRead::Fixed(c) => set_row(&mut values, &s.keys, c),
            RowRead::Empty(_) => {
                for k in &s.keys {
                    values.insert(k.clone(), Some(0.0));
                }
            }
            _ => clear_row(&mut values, &s.keys),
        }
    }

    // Narrow each ambiguous row by the identities it can already be checked against; repeat
    // while that settles rows (one settled row makes its column identities checkable).
    let mut scorings = 0usize;
    loop {
        let mut changed = false;
        for s in slots.iter_mut() {
            let RowRead::Choice(cands, _) = &mut s.read else {
                continue;
            };
            // Past the budget, what is left is decided together below (or unreadable).
            scorings += cands.len();
            if scorings > MAX_SCORINGS {
                break;
            }
            let relevant: Vec<&Identity> = ids
                .iter()
                .filter(|id| id.cells().any(|k| s.keys.contains(k)))
                .collect();
            let scores: Vec<usize> = cands
                .iter()
                .map(|c| {
                    set_row(&mut values, &s.keys, c);
                    let v = violations(&relevant, &values);
                    clear_row(&mut values, &s.keys);
                    v
                })
                .collect();
            let best = *scores.iter().min().unwrap_or(&0);
            let before = cands.len();
            let mut i = 0;
            cands.retain(|_| {
                let keep = scores[i] == best;
                i += 1;
                keep
            });
            if cands.len() == 1 {
                let c = cands.pop().unwrap();
                set_row(&mut values, &s.keys, &c);
                s.read = RowRead::Fixed(c);
                changed = true;
            } else if cands.len() < before {
                changed = true;
            }
        }
        if !changed {
            break;
        }
    }

    // What is still ambiguous is decided together.
    let open: Vec<usize> = (0..slots.len())
        .filter(|&i| matches!(slots[i].read, RowRead::Choice(..)))
        .collect();
    if !open.is_empty() {
        let sizes: Vec<usize> = open
            .iter()
            .map(|&i| match &slots[i].read {
                RowRead::Choice(c, _) => c.len(),
                _ => 1,
            })
            .collect();
        let product = sizes
            .iter()
            .try_fold(1usize, |a, &b| a.checked_mul(b))
            .unwrap_or(usize::MAX);
        let decided: Vec<Option<usize>> = if product <= MAX_COMBINATIONS {
            let relevant: Vec<&Identity> = ids
                .iter()
                .filter(|id| {
                    id.cells()
                        .any(|k| open.iter().any(|&i| slots[i].keys.contains(k)))
                })
                .collect();
            best_combination(&slots, &open, &sizes, &relevant, &mut values)
        } else {
            vec![None; open.len()]
        };
        for (n, &i) in open.iter().enumerate() {
            let s = &mut slots[i];
            let RowRead::Choice(cands, span) = &s.read else {
                continue;
            };
            s.read = match decided[n] {
                Some(k) => RowRead::Fixed(cands[k].clone()),
                None => RowRead::Unreadable {
                    span: *span,
                    why: "连写的数字有多种同样合理的拆分方式".into(),
                },
            };
        }
    }

    let mut out = BTreeMap::new();
    for s in slots {
        match s.read {
            RowRead::Fixed(cells) => {
                for (k, c) in s.keys.iter().zip(cells) {
                    if c.value.is_none() {
                        notes.push(Note {
                            rule: "S-03",
                            message: format!(
                                "无法识别的数值：{}为「{}」。",
                                super::cell_label(k),
                                c.raw.clone().unwrap_or_default()
                            ),
                            cells: vec![k.clone()],
                            span: c.span,
                        });
                    }
                    out.insert(k.clone(), c);
                }
            }
            RowRead::Empty(span) => {
                notes.push(Note {
                    rule: "S-04",
                    message: format!("「{}」行未填写，按 0 计。", s.label),
                    cells: s.keys.clone(),
                    span: Some(span),
                });
                for k in &s.keys {
                    out.insert(k.clone(), CellRead::zero_empty_row(None));
                }
            }
            RowRead::Unreadable { span, why } => {
                notes.push(Note {
                    rule: "S-05",
                    message: format!("「{}」行无法读取（{}），该行按未知处理。", s.label, why),
                    cells: s.keys.clone(),
                    span: Some(span),
                });
                for k in &s.keys {
                    out.insert(
                        k.clone(),
                        CellRead {
                            raw: Some(String::new()),
                            ..CellRead::unknown(Some(span))
                        },
                    );
                }
            }
            RowRead::Choice(..) => unreachable!("all choices are decided above"),
        }
    }
    out
}

/// Tries every combination of the open rows' readings; a row is decided when all combinations
/// with the fewest violations agree on it.
fn best_combination(
    slots: &[RowSlot],
    open: &[usize],
    sizes: &[usize],
    ids: &[&Identity],
    values: &mut Values,
) -> Vec<Option<usize>> {
    let mut idx = vec![0usize; open.len()];
    let mut best = usize::MAX;
    let mut agreed: Vec<Option<usize>> = vec![None; open.len()];
    let mut conflict = vec![false; open.len()];
    loop {
        for (n, &i) in open.iter().enumerate() {
            if let RowRead::Choice(c, _) = &slots[i].read {
                set_row(values, &slots[i].keys, &c[idx[n]]);
            }
        }
        let v = violations(ids, values);
        if v < best {
            best = v;
            agreed = idx.iter().map(|&k| Some(k)).collect();
            conflict = vec![false; open.len()];
        } else if v == best {
            for n in 0..open.len() {
                if agreed[n] != Some(idx[n]) {
                    conflict[n] = true;
                }
            }
        }
        // next combination
        let mut n = 0;
        loop {
            if n == open.len() {
                for &i in open {
                    clear_row(values, &slots[i].keys);
                }
                return agreed
                    .into_iter()
                    .zip(conflict)
                    .map(|(a, c)| if c { None } else { a })
                    .collect();
            }
            idx[n] += 1;
            if idx[n] < sizes[n] {
                break;
            }
            idx[n] = 0;
            n += 1;
        }
    }
}
