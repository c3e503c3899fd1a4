//! Document → items: each item is one group of values with the label text before it. Table rows
//! (HTML, Markdown, tabs) give one item each, with cell boundaries; flat text (crawled pages,
//! one cell per line) gives one item per run of numbers separated only by whitespace.

use super::numbers::{is_value_like, Run};
use crate::source::{Block, Document, Span, Text};

#[derive(Clone, Debug)]
pub enum Values {
    /// Cells with boundaries (each may be blank).
    Cells(Vec<Text>),
    /// Whitespace-separated digit runs, possibly glued.
    Runs(Vec<Run>),
}

#[derive(Clone, Debug)]
pub struct Item {
    /// All label text since the previous item (flat text), or the row's own label cells.
    pub label: String,
    /// The label on the same line or row only.
    pub line_label: String,
    pub label_span: Span,
    pub values: Values,
    /// From a table row with cell boundaries.
    pub structured: bool,
    /// Where the values are.
    pub span: Span,
    /// A table row's label cells after the first: when the row is short of values, these may be
    /// values written as text (「见附件」) rather than label fragments.
    pub label_tail: Vec<Text>,
}

impl Item {
    pub fn value_count(&self) -> usize {
        match &self.values {
            Values::Cells(c) => c.len(),
            Values::Runs(r) => r.iter().map(Run::len_digits).sum(),
        }
    }
}

/// Turns the document into items, in reading order.
pub fn items(doc: &Document) -> Vec<Item> {
    let mut out = Vec::new();
    let mut flat = Text::new();
    for block in &doc.blocks {
        match block {
            Block::Text(t) => {
                if is_page_chrome(t.as_str()) {
                    continue;
                }
                if !flat.text.is_empty() {
                    flat.push_synthetic('\n', t.whole_span().start);
                }
                flat.append(t);
            }
            Block::Row(cells) => {
                if let Some(mut item) = row_item(cells) {
                    // Loose text before a row (headings, label lines of PDF text) is kept in the
                    // row's `label` so that tables can be located, but never in its `line_label`.
                    let before = scan_flat(&flat, &mut out);
                    flat = Text::new();
                    if !before.trim().is_empty() {
                        item.label = format!("{before}\n{}", item.label);
                    }
                    out.push(item);
                }
            }
        }
    }
    scan_flat(&flat, &mut out);
    out
}

/// Page numbers of PDF text (`— 5 —`, `- 5 -`, `第 5 页`) sit inside tables and must not be
/// taken for cells.
fn is_page_chrome(s: &str) -> bool {
    let t: String = s.chars().filter(|c| !c.is_whitespace()).collect();
    if t.is_empty() {
        return true;
    }
    let digits = t.trim_matches(|c| matches!(c, '—' | '-' | '–' | '－' | '―'));
    (digits.len() < t.len() && !digits.is_empty() && digits.chars().all(|c| c.is_ascii_digit()))
        || (t.starts_with('第')
            && t.ends_with('页')
            && t.chars().filter(|c| c.is_ascii_digit()).count() > 0
            && t.chars().count() < 12)
}

fn row_item(cells: &[Text]) -> Option<Item> {
    let mut i = 0;
    while i < cells.len() && cells[i].is_blank() {
        i += 1;
    }
    let label_start = i;
    while i < cells.len() && !cells[i].is_blank() && !is_value_like(cells[i].as_str()) {
        i += 1;
    }
    let label_cells = &cells[label_start..i];
    let values: Vec<Text> = cells[i..].to_vec();
    let label: String = label_cells
        .iter()
        .map(|c| c.as_str())
        .collect::<Vec<_>>()
        .join(" ");
    let label_span = label_cells
        .iter()
        .map(Text::whole_span)
        .reduce(Span::cover)
        .unwrap_or_else(|| cells.first().map(Text::whole_span).unwrap_or_default());
    if label.is_empty() && values.iter().all(|v| v.is_blank()) {
        return None;
    }
    let span = values
        .iter()
        .map(Text::whole_span)
        .reduce(Span::cover)
        .unwrap_or(label_span);
    Some(Item {
        line_label: label.clone(),
        label,
        label_span,
        values: Values::Cells(values),
        structured: true,
        span,
        label_tail: label_cells.iter().skip(1).cloned().collect(),
    })
}

/// Characters after a number that make it prose, not a table value (「收到70件」, 「2021年」).
fn is_prose_unit(c: char) -> bool {
    matches!(
        c,
        '年' | '月'
            | '日'
            | '件'
            | '条'
            | '个'
            | '项'
            | '次'
            | '人'
            | '家'
            | '%'
            | '％'
            | '号'
            | '亿'
            | '天'
            | '批'
            | '篇'
            | '场'
            | '期'
            | '名'
            | '户'
            | '位'
            | '时'
            | '分'
            | '岁'
            | '届'
            | '类'
            | '部'
            | '页'
            | '章'
            | '款'
            | '余'
            | '多'
            | '万'
            | '千'
            | '百'
            | '倍'
    )
}

/// Splits flat text into label text and number groups; pushes one item per group. Returns the
/// label text after the last group.
fn scan_flat(t: &Text, out: &mut Vec<Item>) -> String {
    let s = t.as_str();
    let b = s.as_bytes();
    let mut label_start = 0;
    let mut runs: Vec<Run> = Vec::new();
    let mut group_label: Option<(usize, usize)> = None;
    let mut i = 0;
    let mut last_run_end = 0;
    while i < b.len() {
        let c = b[i];
        let signed = (c == b'-' || c == b'+')
            && b.get(i + 1).is_some_and(u8::is_ascii_digit)
            && (i == 0 || b[i - 1].is_ascii_digit() || b[i - 1] == b' ');
        if !(c.is_ascii_digit() || signed) {
            i += 1;
            continue;
        }
        let start = i;
        let mut j = if signed { i + 1 } else { i };
        while j < b.len() && b[j].is_ascii_digit() {
            j += 1;
        }
        if j + 1 < b.len() && b[j] == b'.' && b[j + 1].is_ascii_digit() {
            j += 1;
            while j < b.len() && b[j].is_ascii_digit() {
                j += 1;
            }
        }
        let mut end = j;
        // 「00000002.其他法律…」: the last digit before `.`/`、` + text numbers the next label.
        let next = s[j..].chars().next();
        if matches!(next, Some('.') | Some('、') | Some(')') | Some('）')) {
            let after = s[j..].chars().nth(1);
            if after.is_some_and(|a| !a.is_ascii_digit()) {
                end = j - 1;
            }
        }
        let prev = s[..start].chars().next_back();
        let after_text = s[j..].trim_start_matches(' ');
        let prose = prev
            .is_some_and(|p| p == '第' || p.is_ascii_alphabetic() || p == '/' || p == '_')
            || after_text
                .chars()
                .next()
                .is_some_and(|a| is_prose_unit(a) || a.is_ascii_alphabetic())
                && !after_text.starts_with("元")
                && !after_text.starts_with("万元");
        if end <= start || prose || (signed && end <= start + 1) {
            i = j.max(i + 1);
            continue;
        }
        // A new group starts unless only whitespace separates this run from the last one.
        let gap_is_space =
            !runs.is_empty() && s[last_run_end..start].chars().all(char::is_whitespace);
        if !gap_is_space {
            flush(t, &mut runs, group_label.take(), out);
            group_label = Some((label_start, start));
        }
        let mut unit = None;
        for u in ["万元", "元"] {
            if after_text.starts_with(u) {
                unit = Some(u.to_string());
            }
        }
        runs.push(Run {
            text: t.slice(start, end),
            unit,
        });
        last_run_end = end;
        label_start = end;
        i = end.max(start + 1);
    }
    flush(t, &mut runs, group_label, out);
    s[label_start..].to_string()
}

fn flush(t: &Text, runs: &mut Vec<Run>, label: Option<(usize, usize)>, out: &mut Vec<Item>) {
    if runs.is_empty() {
        return;
    }
    let (a, b) = label.unwrap_or((0, 0));
    let label = t.as_str()[a..b].to_string();
    let line_start = label.rfind('\n').map(|p| p + 1).unwrap_or(0);
    let line_label = label[line_start..].trim().to_string();
    let span = runs
        .iter()
        .map(|r| r.text.whole_span())
        .reduce(Span::cover)
        .unwrap_or_default();
    out.push(Item {
        label,
        line_label,
        label_span: t.span(a, b),
        values: Values::Runs(std::mem::take(runs)),
        structured: false,
        span,
        label_tail: Vec::new(),
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(s: &str) -> Document {
        Document::parse_text(s.to_string())
    }

    fn runs(item: &Item) -> Vec<String> {
        match &item.values {
            Values::Runs(r) => r.iter().map(|r| r.text.as_str().to_string()).collect(),
            Values::Cells(c) => c.iter().map(|c| format!("[{}]", c.as_str())).collect(),
        }
    }

    #[test]
    fn glued_rows_and_numbered_labels() {
        let d = doc("（三）不予公开1.属于国家秘密00000002.其他法律行政法规禁止公开0000000（七）总计630020469");
        let it = items(&d);
        assert_eq!(it.len(), 3);
        assert_eq!(it[0].label, "（三）不予公开1.属于国家秘密");
        assert_eq!(runs(&it[0]), vec!["0000000"]);
        assert_eq!(it[1].label, "2.其他法律行政法规禁止公开");
        assert_eq!(runs(&it[2]), vec!["630020469"]);
    }

    #[test]
    fn prose_numbers_are_not_values() {
        let d = doc("本年度全区共收到70件申请，2021年1月1日起。规章 000");
        let it = items(&d);
        assert_eq!(it.len(), 1);
        assert_eq!(runs(&it[0]), vec!["000"]);
    }

    #[test]
    fn one_value_per_line_forms_one_group() {
        let d = doc("一、本年新收政府信息公开申请数量\n\t92\n\t17\n\t30\n\n二、上年结转\n\t1\n");
        let it = items(&d);
        assert_eq!(it.len(), 2);
        assert_eq!(runs(&it[0]), vec!["92", "17", "30"]);
        // The label sits on a line of its own: it is the group's label, not a same-line one.
        assert!(it[1].label.contains("二、上年结转"));
        assert_eq!(it[1].line_label, "");
    }

    #[test]
    fn page_numbers_and_markdown_rows() {
        let d = doc("— 5 —\n| 缴纳费用、 | 行政机关不再处理其政 | 0 | 0 |\n");
        let it = items(&d);
        assert_eq!(it.len(), 1);
        assert_eq!(it[0].label, "缴纳费用、 行政机关不再处理其政");
        assert_eq!(runs(&it[0]), vec!["[0]", "[0]"]);
    }
}
