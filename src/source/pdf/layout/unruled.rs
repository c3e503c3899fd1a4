//! Tables drawn without borders: each line's wide gaps split it into cells, and a row's label
//! that wraps onto lines above or below its numbers (a vertically centred cell) joins the row
//! of the nearest line with numbers, cell by cell, so the row reads as the official row does.

use super::{is_value, join, Line, Seg};

pub(in super::super) enum Out {
    Line(Line),
    /// A row (its top, for ordering) of a table without borders.
    Row(f64, Vec<String>),
}

/// 「一、」…「六、」 at the start: a section heading, never part of a table's label.
fn is_heading(t: &str) -> bool {
    let mut c = t.chars();
    matches!(
        c.next(),
        Some('一' | '二' | '三' | '四' | '五' | '六' | '七' | '八')
    ) && c.next() == Some('、')
}

/// Number columns looked for on a page (the widest official table has 15).
const MAX_COLUMNS: usize = 40;
/// How many lines away a wrapped label can be from its row's numbers.
const NEAR: usize = 6;

/// A label cell of a borderless row: its extent and its pieces (baseline, text).
struct Label {
    x0: f64,
    x1: f64,
    parts: Vec<(f64, String)>,
}

/// A line with numbers: its segments, and where its first number starts.
struct Values {
    segs: Vec<Seg>,
    at: usize,
}

fn values(line: &Line, columns: &[f64]) -> Option<Values> {
    let segs = line.segments_at(columns);
    let at = segs.iter().position(|s| is_value(&s.text))?;
    let numbers = segs.iter().filter(|s| is_value(&s.text)).count();
    // One number alone on a line with nothing else is a page number or a stray figure.
    (segs.len() >= 2 && (numbers >= 2 || at >= 1)).then_some(Values { segs, at })
}

/// The page's free lines (top to bottom) with those of borderless tables turned into rows.
pub(in super::super) fn rows(lines: Vec<Line>) -> Vec<Out> {
    let vals: Vec<Option<Values>> = lines.iter().map(|l| values(l, &[])).collect();
    // Where numbers start on three or more lines is a column: a label that runs up to it
    // (no gap wide enough) still ends there.
    let mut starts: Vec<f64> = vals
        .iter()
        .flatten()
        .flat_map(|v| {
            v.segs[v.at..]
                .iter()
                .filter(|s| is_value(&s.text))
                .map(|s| s.x0)
        })
        .collect();
    starts.sort_by(f64::total_cmp);
    let columns: Vec<f64> = starts
        .chunk_by(|a, b| b - a < 1.0)
        .filter(|c| c.len() >= 3)
        .map(|c| c[0])
        .take(MAX_COLUMNS)
        .collect();
    let vals: Vec<Option<Values>> = lines.iter().map(|l| values(l, &columns)).collect();
    // Each line without numbers that sits in the label area next to a line with numbers
    // (within a line and a half) belongs to the nearest such line.
    let mut owner: Vec<Option<usize>> = vec![None; lines.len()];
    for (i, l) in lines.iter().enumerate() {
        if vals[i].is_some() || is_heading(&l.text()) {
            continue;
        }
        let mut best: Option<(f64, usize)> = None;
        // Lines are in order of height: the owner is among the next few either way.
        let near = i.saturating_sub(NEAR)..(i + NEAR + 1).min(lines.len());
        for (j, v) in vals.iter().enumerate().take(near.end).skip(near.start) {
            let Some(v) = v else { continue };
            let em = l.size.max(lines[j].size).max(1.0);
            let dy = (l.y - lines[j].y).abs();
            let label_end = v.segs.get(v.at).map_or(0.0, |s| s.x0);
            if dy <= 1.5 * em && l.x1 <= label_end + 0.2 * em && best.is_none_or(|(d, _)| dy < d) {
                best = Some((dy, j));
            }
        }
        owner[i] = best.map(|(_, j)| j);
    }
    let mut out = Vec::new();
    for (j, line) in lines.iter().enumerate() {
        if owner[j].is_some() {
            continue;
        }
        let Some(v) = &vals[j] else {
            out.push(Out::Line(line.clone()));
            continue;
        };
        // Label cells: the line's own, then the pieces of the lines it owns, by height.
        let mut labels: Vec<Label> = v.segs[..v.at]
            .iter()
            .map(|s| Label {
                x0: s.x0,
                x1: s.x1,
                parts: vec![(line.y, s.text.clone())],
            })
            .collect();
        let mut top = line.y - line.size;
        let near = j.saturating_sub(NEAR)..(j + NEAR + 1).min(lines.len());
        for (i, l) in lines.iter().enumerate().take(near.end).skip(near.start) {
            if owner[i] != Some(j) {
                continue;
            }
            top = top.min(l.y - l.size);
            for s in l.segments() {
                // The label cell it overlaps most, or the nearest.
                let fit = |c: &Label| {
                    let overlap = (c.x1.min(s.x1) - c.x0.max(s.x0)).max(0.0);
                    (overlap, -(c.x0 - s.x0).abs())
                };
                let k = (0..labels.len()).max_by(|&a, &b| {
                    let (fa, fb) = (fit(&labels[a]), fit(&labels[b]));
                    fa.0.total_cmp(&fb.0).then(fa.1.total_cmp(&fb.1))
                });
                match k {
                    Some(k) => labels[k].parts.push((l.y, s.text)),
                    None => labels.push(Label {
                        x0: s.x0,
                        x1: s.x1,
                        parts: vec![(l.y, s.text)],
                    }),
                }
            }
        }
        labels.sort_by(|a, b| a.x0.total_cmp(&b.x0));
        let mut cells: Vec<String> = labels
            .into_iter()
            .map(|mut c| {
                c.parts.sort_by(|a, b| a.0.total_cmp(&b.0));
                let mut t = String::new();
                for (_, p) in c.parts {
                    join(&mut t, &p);
                }
                t
            })
            .collect();
        cells.extend(v.segs[v.at..].iter().map(|s| s.text.clone()));
        out.push(Out::Row(top, cells));
    }
    out
}
