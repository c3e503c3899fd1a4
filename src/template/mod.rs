//! Template matching: Document → Report. Finds the three tables of the official format in the
//! document's items, places each value group on its template row by label (or by order where
//! PDF extraction separated labels from numbers), and reads every cell into its key.

pub mod formats;
pub mod identities;
mod labels;
pub mod meta;
pub mod numbers;
mod resolve;
mod stream;

use crate::source::{Document, Span};
use formats::{active_rows, apply_rows, Column, RowDef};
pub use formats::{cell_label, Format};
use labels::{fragment_matches, keyword_matches, normalise};
pub use numbers::CellRead;
use numbers::Run;
use resolve::{resolve, RowRead, RowSlot};
use std::collections::BTreeMap;
use stream::{Item, Values};

/// Something the reader noticed about the document's structure (becomes an S-* finding).
#[derive(Clone, Debug, PartialEq)]
pub struct Note {
    pub rule: &'static str,
    pub message: String,
    pub cells: Vec<String>,
    pub span: Option<Span>,
}

/// A report read into the keys of its format.
#[derive(Clone, Debug, Default)]
pub struct Report {
    pub format: Option<Format>,
    pub year: Option<i32>,
    pub title: Option<String>,
    pub body: Option<String>,
    /// Every key of the format (and of subtotal rows the report adds).
    pub cells: BTreeMap<String, CellRead>,
    /// Group rows the report adds as subtotals (`denied`, `unable` …).
    pub subtotals: Vec<&'static str>,
    pub notes: Vec<Note>,
    /// Which tables were found: 表二, 表三, 表四.
    pub tables_found: [bool; 3],
    /// Whether the format was recognised from the tables' own labels (not only from the year).
    pub format_from_labels: bool,
    /// The document's text without whitespace, for section and prose checks.
    pub text: String,
    /// The year of the 统计期限 sentence (T-06 compares it with the title's).
    pub period_year: Option<i32>,
    /// The document's text in reading order with its map into the input (prose checks quote
    /// and highlight sentences from it).
    pub plain: crate::source::Text,
}

impl Report {
    pub fn value(&self, key: &str) -> Option<f64> {
        self.cells.get(key).and_then(|c| c.value)
    }
    /// Values of every cell, for identity checks.
    pub fn values(&self) -> BTreeMap<String, Option<f64>> {
        self.cells
            .iter()
            .map(|(k, c)| (k.clone(), c.value))
            .collect()
    }
    pub fn has_any_table(&self) -> bool {
        self.tables_found.iter().any(|&f| f)
    }
}

const MARKERS_2021: &[&str] = &[
    "不补正",
    "缴纳费用",
    "本年制发件数",
    "本年废止件数",
    "现行有效件数",
    "本年收费金额",
];
const MARKERS_2019: &[&str] = &[
    "本年新制作数量",
    "本年新公开数量",
    "对外公开总数量",
    "上一年项目数量",
    "政府集中采购",
    "对外管理服务事项",
    "采购总金额",
];

/// Table 4's header words; a label made only of these (and punctuation) still belongs to table 4.
const REVIEW_WORDS: &[&str] = &[
    "政府信息公开行政复议",
    "行政复议",
    "行政诉讼",
    "未经复议直接起诉",
    "复议后起诉",
    "结果",
    "维持",
    "纠正",
    "其他",
    "尚未",
    "审结",
    "总计",
    "情况",
    "表四",
    "注",
    "数量含上年度结转数量",
];

fn detect_format(text: &str, year: Option<i32>) -> (Format, bool) {
    let score = |m: &[&str]| m.iter().filter(|k| text.contains(*k)).count();
    let (s21, s19) = (score(MARKERS_2021), score(MARKERS_2019));
    if s21 > s19 {
        (Format::V2021, true)
    } else if s19 > s21 {
        (Format::V2019, true)
    } else {
        (year.map(Format::for_year).unwrap_or(Format::V2021), false)
    }
}

/// Reads a document into a report.
pub fn read(doc: &Document) -> Report {
    let plain = doc.plain_text();
    let meta = meta::read(&plain.text);
    let items = stream::items(doc);
    let squeezed = normalise(&plain.text);
    let (format, from_labels) = detect_format(&squeezed, meta.year);
    let mut report = Report {
        format: Some(format),
        year: meta.year,
        title: meta.title,
        body: meta.body,
        format_from_labels: from_labels,
        text: squeezed.clone(),
        period_year: meta.period_year,
        plain: plain.clone(),
        ..Default::default()
    };
    let mut slots: Vec<RowSlot> = Vec::new();

    let apply = apply_rows(format);
    let t3 = find_apply_start(&items, apply);
    let (t3_start, t3_end) = match t3 {
        Some(start) => {
            report.tables_found[1] = true;
            let end = review_start(&items, start);
            read_apply(&items[start..end], format, &mut slots);
            (start, end)
        }
        None => {
            report.notes.push(Note {
                rule: "S-02",
                message: "未找到表三「收到和处理政府信息公开申请情况」。".into(),
                cells: Vec::new(),
                span: None,
            });
            (items.len(), items.len())
        }
    };

    // Table 2 starts at its own first block caption; prose before it may mention 「信息内容」.
    let t2_start = items[..t3_start]
        .iter()
        .position(|it| normalise(&it.label).contains("第二十条第（一）项"))
        .or_else(|| {
            items[..t3_start]
                .iter()
                .position(|it| normalise(&it.label).contains("信息内容本年"))
        });
    if let Some(s) = t2_start {
        report.tables_found[0] = read_active(&items[s..t3_start], format, &mut slots);
    }
    if !report.tables_found[0] {
        report.notes.push(Note {
            rule: "S-02",
            message: "未找到表二「主动公开政府信息情况」的数据。".into(),
            cells: Vec::new(),
            span: None,
        });
    }

    let after = if t3.is_some() { t3_end } else { 0 };
    report.tables_found[2] =
        read_review(&items[after.min(items.len())..], t3.is_some(), &mut slots);
    if !report.tables_found[2] {
        report.notes.push(Note {
            rule: "S-02",
            message: "未找到表四「政府信息公开行政复议、行政诉讼情况」的数据。".into(),
            cells: Vec::new(),
            span: None,
        });
    }

    let subtotals: Vec<&'static str> = slots
        .iter()
        .filter_map(|s| s.row_key.strip_prefix("apply."))
        .filter_map(|k| {
            apply
                .iter()
                .find(|r| r.subtotal && r.key == k)
                .map(|r| r.key)
        })
        .collect();
    report.subtotals = subtotals.clone();
    let cells = resolve(slots, format, &subtotals, &mut report.notes);
    for key in formats::keys(format) {
        let cell = cells
            .get(&key)
            .cloned()
            .unwrap_or_else(|| CellRead::unknown(None));
        report.cells.insert(key, cell);
    }
    for (k, c) in cells {
        report.cells.entry(k).or_insert(c);
    }
    missing_rows(&mut report, format);
    report
}

/// Table 3 starts at the first 「本年新收」 row followed soon by 「上年结转」 (prose mentions
/// either alone).
fn find_apply_start(items: &[Item], rows: &[RowDef]) -> Option<usize> {
    let is = |it: &Item, key: &str| {
        let l = normalise(&it.label);
        keyword_matches(&l, rows)
            .iter()
            .any(|&(_, i)| rows[i].key == key)
    };
    let strict = (0..items.len()).find(|&i| {
        is(&items[i], "new")
            && items[i + 1..items.len().min(i + 5)]
                .iter()
                .any(|it| is(it, "carried_over"))
    });
    strict.or_else(|| (0..items.len()).find(|&i| is(&items[i], "new")))
}

/// Where table 3 ends: the first item after the start whose label is table 4's header or the
/// next section.
fn review_start(items: &[Item], start: usize) -> usize {
    for (i, it) in items.iter().enumerate().skip(start + 1) {
        let l = normalise(&it.label);
        if [
            "行政复议",
            "行政诉讼",
            "结果维持",
            "存在的主要问题",
            "其他需要报告",
        ]
        .iter()
        .any(|k| l.contains(k))
        {
            // 「四、结转下年度继续办理」 can share its label text with table 4's heading in
            // flat text only if it has no numbers of its own; its row is then missing.
            return i;
        }
    }
    items.len()
}

/// The part of a flat label after the last full stop: prose before a table is not a label.
fn after_prose(label: &str) -> String {
    match label.rfind('。') {
        Some(p) => label[p + '。'.len_utf8()..].to_string(),
        None => label.to_string(),
    }
}

fn has_han(s: &str) -> bool {
    s.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
}

/// Places table 3's items on template rows (format.md §4, decisions.md 「Labels separated from
/// their numbers」).
fn read_apply(items: &[Item], format: Format, slots: &mut Vec<RowSlot>) {
    let rows = apply_rows(format);
    let structured = items.iter().any(|it| it.structured);
    let ncols = formats::APPLY_COLUMNS.len();
    let mut filled = vec![false; rows.len()];
    let mut cursor = 0;
    for item in items {
        let label = after_prose(&normalise(if structured {
            &item.line_label
        } else {
            &item.label
        }));
        let matches = keyword_matches(&label, rows);
        // A row of a table whose own label names several rows is a header row (022 repeats the
        // column names 「本年新收件数 | 上年结转件数 | 予以公开 …」 above its last rows).
        if structured
            && item.value_count() == 0
            && matches.iter().filter(|&&(_, i)| !rows[i].subtotal).count() > 1
        {
            continue;
        }
        let ahead: Vec<(usize, usize)> = matches
            .iter()
            .copied()
            .filter(|&(_, i)| i >= cursor)
            .collect();
        let anchor = if let Some(&(pos, idx)) = ahead.last() {
            // Leaf labels passed over with no numbers of their own are empty rows (017).
            for &(p, i) in &ahead {
                if p < pos && i < idx && !rows[i].subtotal && !filled[i] {
                    filled[i] = true;
                    slots.push(RowSlot::new(
                        &rows[i],
                        "apply",
                        RowRead::Empty(item.label_span),
                    ));
                }
            }
            Some(idx)
        } else if !matches.is_empty() {
            None // names a row already read: a repeated or out-of-order row
        } else if has_han(&label) {
            fragment_matches(&label, rows)
                .into_iter()
                .find(|&i| i >= cursor)
        } else if item.value_count() >= ncols {
            (cursor..rows.len()).find(|&i| !rows[i].subtotal && !filled[i])
        } else {
            None // a lone number that cannot form a row: a page number, a stray 「1」
        };
        let Some(idx) = anchor else { continue };
        // A row with a label and no cells at all is an empty row (S-04); a group label
        // alone (「（三）不予公开」 in its own row) is no subtotal.
        if filled[idx] || (item.value_count() == 0 && rows[idx].subtotal) {
            continue;
        }
        filled[idx] = true;
        cursor = idx + 1;
        let read = read_values(item, rows[idx].columns.len());
        slots.push(RowSlot::new(&rows[idx], "apply", read));
        if rows[idx].key == "carried_forward" {
            break;
        }
    }
}

/// Reads an item's values as a row of `n` cells.
fn read_values(item: &Item, n: usize) -> RowRead {
    match &item.values {
        // No cells, or fewer blank cells than columns (a browser copy of a row with no cells
        // ends in a tab): the row is there but not filled in.
        Values::Cells(cells) if cells.len() < n && cells.iter().all(|c| c.is_blank()) => {
            RowRead::Empty(item.label_span)
        }
        Values::Cells(cells) => {
            let mut cells: Vec<_> = cells.clone();
            // Short of values, with text cells after the label: those are values that are no
            // numbers (S-03), as long as they are not label words themselves.
            let missing = n.saturating_sub(cells.len());
            if missing > 0 && missing <= item.label_tail.len() {
                let tail = &item.label_tail[item.label_tail.len() - missing..];
                if tail
                    .iter()
                    .all(|t| !has_han(t.as_str()) || t.as_str().chars().count() <= 4)
                {
                    let mut all = tail.to_vec();
                    all.extend(cells);
                    cells = all;
                }
            }
            // Empty cells beyond the row's columns (a trailing `|  |`) are not cells.
            while cells.len() > n && cells.last().is_some_and(|c| c.is_blank()) {
                cells.pop();
            }
            if cells.len() == n {
                RowRead::Fixed(cells.iter().map(CellRead::from_cell).collect())
            } else {
                RowRead::Unreadable {
                    span: item.span,
                    why: format!("有 {} 个单元格，应为 {} 个", cells.len(), n),
                }
            }
        }
        // A run longer than the row could hold even at eight digits a cell (a line of digits
        // pasted by mistake) gets its own reason.
        Values::Runs(runs) if runs.iter().any(|r| r.too_long_for(n)) => {
            let longest = runs
                .iter()
                .filter(|r| r.too_long_for(n))
                .map(Run::len_digits)
                .max()
                .unwrap_or(0);
            RowRead::Unreadable {
                span: item.span,
                why: format!("连写的数字长达 {longest} 位，{n} 个单元格容纳不下，无法拆分"),
            }
        }
        Values::Runs(runs) => match numbers::splits(runs, n) {
            None => RowRead::Unreadable {
                span: item.span,
                why: "连写的数字可能的拆分方式过多".into(),
            },
            Some(c) if c.is_empty() => RowRead::Unreadable {
                span: item.span,
                why: format!("数字个数与 {n} 列对不上"),
            },
            Some(mut c) if c.len() == 1 => RowRead::Fixed(c.pop().unwrap()),
            Some(c) => RowRead::Choice(c, item.span),
        },
    }
}

/// Table 2: rows are found by label only (they are distinct words; order varies in PDF text).
fn read_active(items: &[Item], format: Format, slots: &mut Vec<RowSlot>) -> bool {
    let rows = active_rows(format);
    let mut filled = vec![false; rows.len()];
    let mut any = false;
    for item in items {
        let own = normalise(&item.line_label);
        let label = after_prose(&if own.is_empty() && !item.structured {
            normalise(&item.label)
        } else {
            own
        });
        let Some(&(_, idx)) = keyword_matches(&label, rows).last() else {
            continue;
        };
        if filled[idx] {
            continue;
        }
        filled[idx] = true;
        any = true;
        let read = read_values(item, rows[idx].columns.len());
        slots.push(RowSlot::new(&rows[idx], "active", read));
    }
    any
}

/// Table 4: one row of 15 values right after table 3 (in Markdown from PDFs, three tables of 5
/// under their own headings).
fn read_review(items: &[Item], after_apply: bool, slots: &mut Vec<RowSlot>) -> bool {
    let start = if after_apply {
        0
    } else {
        match items
            .iter()
            .position(|it| normalise(&it.label).contains("行政复议"))
        {
            Some(i) => i,
            None => return false,
        }
    };
    let mut taken: Vec<&Item> = Vec::new();
    let mut count = 0;
    for (n, item) in items[start..].iter().enumerate() {
        let label = normalise(&item.label);
        if n == 0 {
            if !["行政复议", "行政诉讼", "结果维持", "审结"]
                .iter()
                .any(|k| label.contains(k))
            {
                return false;
            }
        } else if !only_review_words(&label) {
            break;
        }
        count += item.value_count();
        taken.push(item);
        if count >= 15 {
            break;
        }
    }
    if taken.is_empty() {
        return false;
    }
    let span = taken
        .iter()
        .map(|i| i.span)
        .reduce(Span::cover)
        .unwrap_or_default();
    let read = if taken.iter().all(|i| i.structured) {
        let mut cells = Vec::new();
        for it in &taken {
            if let Values::Cells(c) = &it.values {
                cells.extend(c.iter().cloned());
            }
        }
        while cells.len() > 15 && cells.last().is_some_and(|c| c.is_blank()) {
            cells.pop();
        }
        let item = Item {
            values: Values::Cells(cells),
            span,
            ..taken[0].clone()
        };
        read_values(&item, 15)
    } else {
        let mut runs = Vec::new();
        for it in &taken {
            match &it.values {
                Values::Runs(r) => runs.extend(r.iter().cloned()),
                Values::Cells(c) => runs.extend(c.iter().map(|t| numbers::Run {
                    text: t.clone(),
                    unit: None,
                })),
            }
        }
        let item = Item {
            values: Values::Runs(runs),
            span,
            ..taken[0].clone()
        };
        read_values(&item, 15)
    };
    slots.push(RowSlot::review(read));
    true
}

fn only_review_words(label: &str) -> bool {
    let mut rest = label.to_string();
    for w in REVIEW_WORDS {
        rest = rest.replace(w, "");
    }
    rest.chars().filter(|c| has_han(&c.to_string())).count() < 4
}

/// S-02 for rows of a found table that were never read.
fn missing_rows(report: &mut Report, format: Format) {
    let mut missing_apply = Vec::new();
    let mut keys = Vec::new();
    if report.tables_found[1] {
        for r in apply_rows(format).iter().filter(|r| !r.subtotal) {
            let first = format!("apply.{}.natural", r.key);
            if report
                .cells
                .get(&first)
                .is_some_and(|c| c.value.is_none() && c.span.is_none() && c.raw.is_none())
            {
                missing_apply.push(r.short);
                keys.extend(
                    r.columns
                        .iter()
                        .map(|c: &Column| format!("apply.{}.{}", r.key, c.key)),
                );
            }
        }
    }
    if !missing_apply.is_empty() {
        report.notes.push(Note {
            rule: "S-02",
            message: format!(
                "表三缺少以下行，相关勾稽关系无法校验：{}。",
                missing_apply.join("、")
            ),
            cells: keys,
            span: None,
        });
    }
    if report.tables_found[0] {
        let mut missing = Vec::new();
        let mut keys = Vec::new();
        for r in active_rows(format) {
            let first = format!("active.{}.{}", r.key, r.columns[0].key);
            if report
                .cells
                .get(&first)
                .is_some_and(|c| c.span.is_none() && c.raw.is_none())
            {
                missing.push(r.label);
                keys.extend(
                    r.columns
                        .iter()
                        .map(|c| format!("active.{}.{}", r.key, c.key)),
                );
            }
        }
        if !missing.is_empty() {
            report.notes.push(Note {
                rule: "S-02",
                message: format!("表二缺少以下行：{}。", missing.join("、")),
                cells: keys,
                span: None,
            });
        }
    }
}

/// The items the reader sees, one per line (for debugging readers: `nianbao items FILE`).
#[doc(hidden)]
pub fn debug_items(doc: &Document) -> String {
    stream::items(doc)
        .iter()
        .map(|it| {
            let vals = match &it.values {
                Values::Cells(c) => c
                    .iter()
                    .map(|t| format!("[{}]", t.as_str()))
                    .collect::<Vec<_>>()
                    .join(""),
                Values::Runs(r) => r
                    .iter()
                    .map(|r| r.text.as_str().to_string())
                    .collect::<Vec<_>>()
                    .join(" "),
            };
            let label: String = it
                .label
                .chars()
                .rev()
                .take(30)
                .collect::<Vec<_>>()
                .into_iter()
                .rev()
                .collect();
            format!("{:?} | {:?} | {}\n", label, it.line_label, vals)
        })
        .collect()
}
