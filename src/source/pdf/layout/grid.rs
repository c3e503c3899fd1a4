//! Ruled tables: the lines a page draws that touch form a grid; where a grid line is drawn it
//! separates two units, and units no line separates are one (merged) cell.

use super::cell_text;
use crate::source::pdf::content::{Glyph, Rule};
use std::collections::HashMap;

/// Lines closer than this (pt) are one border (LibreOffice draws a cell's edges 0.35–0.4 pt
/// apart from its neighbour's).
pub(super) const SNAP: f64 = 2.0;
/// Above this many ruling lines a page is a drawing, not a table: its text is read as lines.
const MAX_RULES: usize = 4_000;
/// Tables on one page (a report page has one to three).
const MAX_TABLES: usize = 50;
/// Grid units of one table (a 60-row, 20-column table has 1 200).
const MAX_UNITS: usize = 40_000;
/// Pairwise comparisons of lines in one file (a real report needs a few million).
pub(super) const MAX_WORK: usize = 200_000_000;
/// A grid of ruled cells.
pub(super) struct Table {
    xs: Vec<f64>,
    ys: Vec<f64>,
    /// Cell index of each grid unit (row-major).
    unit: Vec<usize>,
    /// (first row, first column, last column) of each cell.
    pub(super) cells: Vec<(usize, usize, usize)>,
}

impl Table {
    pub(super) fn top(&self) -> f64 {
        self.ys.first().copied().unwrap_or(0.0)
    }

    pub(super) fn right(&self) -> f64 {
        self.xs.last().copied().unwrap_or(0.0)
    }

    pub(super) fn cell_at(&self, x: f64, y: f64) -> Option<usize> {
        // The band [edges[k-1], edges[k]) that holds v, by binary search (edges ascend).
        let band = |edges: &[f64], v: f64| {
            let k = edges.partition_point(|&e| e <= v);
            (k >= 1 && k < edges.len()).then(|| k - 1)
        };
        let (c, r) = (band(&self.xs, x)?, band(&self.ys, y)?);
        self.unit.get(r * (self.xs.len() - 1) + c).copied()
    }

    /// Rows of cells: each cell in the first grid row it spans, left to right.
    pub(super) fn rows(&self, glyphs: &[Vec<&Glyph>]) -> Vec<Vec<Cell>> {
        let mut rows: Vec<Vec<(usize, Cell)>> = vec![Vec::new(); self.ys.len().saturating_sub(1)];
        for (i, &(r, c, c1)) in self.cells.iter().enumerate() {
            let text = cell_text(glyphs.get(i).map_or(&[], |g| g.as_slice()));
            let (Some(&x0), Some(&x1)) = (self.xs.get(c), self.xs.get(c1 + 1)) else {
                continue;
            };
            if let Some(row) = rows.get_mut(r) {
                row.push((c, Cell { x0, x1, text }));
            }
        }
        rows.into_iter()
            .filter(|r| !r.is_empty())
            .map(|mut r| {
                r.sort_by_key(|(c, _)| *c);
                r.into_iter().map(|(_, cell)| cell).collect()
            })
            .collect()
    }
}

/// A table cell: its left and right edges and its text.
#[derive(Clone, Debug)]
pub(super) struct Cell {
    pub x0: f64,
    pub x1: f64,
    pub text: String,
}

/// Positions within SNAP of each other, merged (their mean).
fn cluster(mut v: Vec<f64>) -> Vec<f64> {
    v.sort_by(f64::total_cmp);
    let mut out: Vec<(f64, usize)> = Vec::new();
    for x in v {
        match out.last_mut() {
            Some((sum, n)) if x - *sum / *n as f64 <= SNAP => {
                *sum += x;
                *n += 1;
            }
            _ => out.push((x, 1)),
        }
    }
    out.into_iter().map(|(s, n)| s / n as f64).collect()
}

fn find(p: &mut [usize], mut i: usize) -> usize {
    while p[i] != i {
        p[i] = p[p[i]];
        i = p[i];
    }
    i
}

fn union(p: &mut [usize], a: usize, b: usize) {
    let (a, b) = (find(p, a), find(p, b));
    if a != b {
        p[a.max(b)] = a.min(b);
    }
}

/// The page's ruled tables: groups of lines that touch, with at least two lines each way.
///
/// `budget` bounds the pairwise comparisons over the whole file (a hostile file of many
/// pages full of lines must not take minutes); past it, pages are read as lines.
pub(super) fn tables(rules: &[Rule], budget: &mut usize) -> Vec<Table> {
    if rules.len() > MAX_RULES {
        return Vec::new();
    }
    let work = rules.len() * rules.len() / 2;
    if work > *budget {
        return Vec::new();
    }
    *budget -= work;
    let h: Vec<&Rule> = rules.iter().filter(|r| r.y0 == r.y1).collect();
    let v: Vec<&Rule> = rules.iter().filter(|r| r.x0 == r.x1).collect();
    let all: Vec<&Rule> = h.iter().chain(v.iter()).copied().collect();
    let mut parent: Vec<usize> = (0..all.len()).collect();
    let touch = |a: &Rule, b: &Rule| {
        a.x0 <= b.x1 + SNAP && b.x0 <= a.x1 + SNAP && a.y0 <= b.y1 + SNAP && b.y0 <= a.y1 + SNAP
    };
    for i in 0..all.len() {
        for j in i + 1..all.len() {
            if touch(all[i], all[j]) {
                union(&mut parent, i, j);
            }
        }
    }
    let mut groups: HashMap<usize, Vec<&Rule>> = HashMap::new();
    for (i, r) in all.iter().enumerate() {
        groups.entry(find(&mut parent, i)).or_default().push(r);
    }
    let mut out: Vec<Table> = groups.into_values().filter_map(|g| grid(&g)).collect();
    out.sort_by(|a, b| a.top().total_cmp(&b.top()));
    // Glyphs are looked up in each table: a page of a thousand tiny grids is a drawing.
    out.truncate(MAX_TABLES);
    out
}

fn grid(rules: &[&Rule]) -> Option<Table> {
    let h: Vec<&&Rule> = rules.iter().filter(|r| r.y0 == r.y1).collect();
    let v: Vec<&&Rule> = rules.iter().filter(|r| r.x0 == r.x1).collect();
    if h.len() < 2 || v.len() < 2 {
        return None;
    }
    // The ends of the lines count as edges too: a table drawn without its outer border
    // (Word's 「无外框」) still closes where its inner lines end.
    let (left, right) = h
        .iter()
        .fold((f64::MAX, f64::MIN), |(a, b), r| (a.min(r.x0), b.max(r.x1)));
    let (top, bottom) = v
        .iter()
        .fold((f64::MAX, f64::MIN), |(a, b), r| (a.min(r.y0), b.max(r.y1)));
    let xs = cluster(v.iter().map(|r| r.x0).chain([left, right]).collect());
    let ys = cluster(h.iter().map(|r| r.y0).chain([top, bottom]).collect());
    if xs.len() < 2 || ys.len() < 2 {
        return None;
    }
    let (nc, nr) = (xs.len() - 1, ys.len() - 1);
    if nc * nr > MAX_UNITS {
        return None;
    }
    // The spans of the lines on each grid position, so each unit looks at its own few.
    let on = |at: &[f64], pos: f64| at.iter().position(|&a| (a - pos).abs() <= SNAP);
    let mut cols: Vec<Vec<(f64, f64)>> = vec![Vec::new(); xs.len()];
    for l in &v {
        if let Some(i) = on(&xs, l.x0) {
            cols[i].push((l.y0, l.y1));
        }
    }
    let mut rows: Vec<Vec<(f64, f64)>> = vec![Vec::new(); ys.len()];
    for l in &h {
        if let Some(i) = on(&ys, l.y0) {
            rows[i].push((l.x0, l.x1));
        }
    }
    let covered = |spans: &[(f64, f64)], m: f64| spans.iter().any(|&(a, b)| a <= m && m <= b);
    let mut parent: Vec<usize> = (0..nc * nr).collect();
    for r in 0..nr {
        let ym = (ys[r] + ys[r + 1]) / 2.0;
        for c in 0..nc {
            let xm = (xs[c] + xs[c + 1]) / 2.0;
            // No line between this unit and the one to its right (or below): one cell.
            if c + 1 < nc && !covered(&cols[c + 1], ym) {
                union(&mut parent, r * nc + c, r * nc + c + 1);
            }
            if r + 1 < nr && !covered(&rows[r + 1], xm) {
                union(&mut parent, r * nc + c, (r + 1) * nc + c);
            }
        }
    }
    let mut ids: HashMap<usize, usize> = HashMap::new();
    let mut cells = Vec::new();
    let mut unit = vec![0; nc * nr];
    for (i, u) in unit.iter_mut().enumerate() {
        let root = find(&mut parent, i);
        let id = *ids.entry(root).or_insert_with(|| {
            cells.push((i / nc, i % nc, i % nc));
            cells.len() - 1
        });
        if let Some(cell) = cells.get_mut(id) {
            cell.2 = cell.2.max(i % nc);
        }
        *u = id;
    }
    Some(Table {
        xs,
        ys,
        unit,
        cells,
    })
}
