//! Test helper: renders a synthetic 政府信息公开工作年度报告 page from a map of cell keys
//! (see `shared/spec/keys.md`) in the official table layout of the 格式模板
//! (`shared/spec/format.md` §3–§5), and the text a browser gives for it.
//!
//! One row model (`Vec<Block>`, tables as `Vec<Row>` of `Cell { text, colspan, rowspan }`)
//! is built once and printed two ways:
//! * [`render_html`]: the complete HTML page, with real `colspan`/`rowspan`;
//! * [`render_tsv`]: what Chromium returns for `document.body.innerText` of that page.
//!
//! Layouts follow the real published markup: table 2 for 2021 as in `corpus/006.html`
//! (4 columns, block caption rows `colspan="4"`, single-value rows `colspan="3"`), table 2 for
//! 2019 as in `corpus/003.html` (4 columns), tables 3 and 4 as in `corpus/025.html` / `006.html`.

use serde_json::Value;
use std::collections::BTreeMap;
use std::path::PathBuf;

// ---------------------------------------------------------------------------------------------
// Row model
// ---------------------------------------------------------------------------------------------

/// One `<td>` as written in the markup.
#[derive(Debug, Clone, PartialEq)]
pub struct Cell {
    /// Text content (unescaped). Empty for a blank value cell.
    pub text: String,
    pub colspan: u32,
    pub rowspan: u32,
    /// The cell key (keys.md) when this is a value cell, `None` for labels.
    pub key: Option<&'static str>,
}

/// One `<tr>`: the cells as written (cells covered by a rowspan from above are not repeated).
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    pub cells: Vec<Cell>,
}

/// A block of the page body, in document order.
#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    /// A `<p>` paragraph.
    Para(String),
    /// A `<table>`.
    Table(Vec<Row>),
}

fn label(text: &str) -> Cell {
    span(text, 1, 1)
}

fn span(text: &str, colspan: u32, rowspan: u32) -> Cell {
    Cell {
        text: text.to_string(),
        colspan,
        rowspan,
        key: None,
    }
}

fn value(key: &'static str, colspan: u32, cells: &BTreeMap<String, Value>) -> Cell {
    Cell {
        text: value_text(key, cells.get(key)),
        colspan,
        rowspan: 1,
        key: Some(key),
    }
}

/// How a value is printed in its cell: absent / null → blank; integers without decimals;
/// a float with no fractional part → integer, except `active.fees.amount`, which is printed
/// as serde_json gives it; other floats as serde_json gives them; strings as they are.
pub fn value_text(key: &str, v: Option<&Value>) -> String {
    match v {
        None | Some(Value::Null) => String::new(),
        Some(Value::Number(n)) => {
            if let Some(i) = n.as_i64() {
                i.to_string()
            } else if let Some(u) = n.as_u64() {
                u.to_string()
            } else {
                let f = n.as_f64().unwrap_or(f64::NAN);
                if key != "active.fees.amount"
                    && f.is_finite()
                    && f.fract() == 0.0
                    && f.abs() < 1e15
                {
                    (f as i64).to_string()
                } else {
                    n.to_string()
                }
            }
        }
        Some(Value::String(s)) => s.clone(),
        Some(other) => other.to_string(),
    }
}

// ---------------------------------------------------------------------------------------------
// Static layout tables (labels copied from format.md; keys from keys.md)
// ---------------------------------------------------------------------------------------------

macro_rules! cols7 {
    ($p:literal) => {
        [
            concat!($p, ".natural"),
            concat!($p, ".business"),
            concat!($p, ".research"),
            concat!($p, ".nonprofit"),
            concat!($p, ".legal"),
            concat!($p, ".other_org"),
            concat!($p, ".total"),
        ]
    };
}

macro_rules! cols5 {
    ($p:literal) => {
        [
            concat!($p, ".upheld"),
            concat!($p, ".corrected"),
            concat!($p, ".other"),
            concat!($p, ".pending"),
            concat!($p, ".total"),
        ]
    };
}

type Keys7 = [&'static str; 7];

/// One block of table 2: caption row, `信息内容` header row, data rows.
/// Header and value cells carry their colspan; the table is 4 columns wide.
struct T2Block {
    caption: &'static str,
    header: &'static [(&'static str, u32)],
    rows: &'static [(&'static str, &'static [(&'static str, u32)])],
}

const T2_WIDTH: u32 = 4;

const T2_2021: &[T2Block] = &[
    T2Block {
        caption: "第二十条第（一）项",
        header: &[
            ("信息内容", 1),
            ("本年制发件数", 1),
            ("本年废止件数", 1),
            ("现行有效件数", 1),
        ],
        rows: &[
            (
                "规章",
                &[
                    ("active.rules.issued", 1),
                    ("active.rules.repealed", 1),
                    ("active.rules.in_force", 1),
                ],
            ),
            (
                "行政规范性文件",
                &[
                    ("active.normative.issued", 1),
                    ("active.normative.repealed", 1),
                    ("active.normative.in_force", 1),
                ],
            ),
        ],
    },
    T2Block {
        caption: "第二十条第（五）项",
        header: &[("信息内容", 1), ("本年处理决定数量", 3)],
        rows: &[("行政许可", &[("active.licensing.decisions", 3)])],
    },
    T2Block {
        caption: "第二十条第（六）项",
        header: &[("信息内容", 1), ("本年处理决定数量", 3)],
        rows: &[
            ("行政处罚", &[("active.penalty.decisions", 3)]),
            ("行政强制", &[("active.coercion.decisions", 3)]),
        ],
    },
    T2Block {
        caption: "第二十条第（八）项",
        header: &[("信息内容", 1), ("本年收费金额（单位：万元）", 3)],
        rows: &[("行政事业性收费", &[("active.fees.amount", 3)])],
    },
];

const T2_2019: &[T2Block] = &[
    T2Block {
        caption: "第二十条第（一）项",
        header: &[
            ("信息内容", 1),
            ("本年新制作数量", 1),
            ("本年新公开数量", 1),
            ("对外公开总数量", 1),
        ],
        rows: &[
            (
                "规章",
                &[
                    ("active.rules.made", 1),
                    ("active.rules.published", 1),
                    ("active.rules.public_total", 1),
                ],
            ),
            (
                "规范性文件",
                &[
                    ("active.normative.made", 1),
                    ("active.normative.published", 1),
                    ("active.normative.public_total", 1),
                ],
            ),
        ],
    },
    T2Block {
        caption: "第二十条第（五）项",
        header: &[
            ("信息内容", 1),
            ("上一年项目数量", 1),
            ("本年增/减", 1),
            ("处理决定数量", 1),
        ],
        rows: &[
            (
                "行政许可",
                &[
                    ("active.licensing.prev_items", 1),
                    ("active.licensing.change", 1),
                    ("active.licensing.decisions", 1),
                ],
            ),
            (
                "其他对外管理服务事项",
                &[
                    ("active.other_services.prev_items", 1),
                    ("active.other_services.change", 1),
                    ("active.other_services.decisions", 1),
                ],
            ),
        ],
    },
    T2Block {
        caption: "第二十条第（六）项",
        header: &[
            ("信息内容", 1),
            ("上一年项目数量", 1),
            ("本年增/减", 1),
            ("处理决定数量", 1),
        ],
        rows: &[
            (
                "行政处罚",
                &[
                    ("active.penalty.prev_items", 1),
                    ("active.penalty.change", 1),
                    ("active.penalty.decisions", 1),
                ],
            ),
            (
                "行政强制",
                &[
                    ("active.coercion.prev_items", 1),
                    ("active.coercion.change", 1),
                    ("active.coercion.decisions", 1),
                ],
            ),
        ],
    },
    T2Block {
        caption: "第二十条第（八）项",
        header: &[("信息内容", 1), ("上一年项目数量", 1), ("本年增/减", 2)],
        rows: &[(
            "行政事业性收费",
            &[("active.fees.prev_items", 1), ("active.fees.change", 2)],
        )],
    },
    T2Block {
        caption: "第二十条第（九）项",
        header: &[("信息内容", 1), ("采购项目数量", 1), ("采购总金额", 2)],
        rows: &[(
            "政府集中采购",
            &[
                ("active.procurement.items", 1),
                ("active.procurement.amount", 2),
            ],
        )],
    },
];

const T3_NOTE: &str = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）";
const T3_ORG_COLS: [&str; 5] = [
    "商业企业",
    "科研机构",
    "社会公益组织",
    "法律服务机构",
    "其他",
];

const T3_NEW: (&str, Keys7) = ("一、本年新收政府信息公开申请数量", cols7!("apply.new"));
const T3_CARRIED_OVER: (&str, Keys7) = (
    "二、上年结转政府信息公开申请数量",
    cols7!("apply.carried_over"),
);
const T3_RESULTS: &str = "三、本年度办理结果";
const T3_GRANTED: (&str, Keys7) = ("（一）予以公开", cols7!("apply.granted"));
const T3_PARTIAL: (&str, Keys7) = (
    "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
    cols7!("apply.partial"),
);
const T3_DENIED: T3Group = (
    "（三）不予公开",
    &[
        ("1.属于国家秘密", cols7!("apply.denied.state_secret")),
        (
            "2.其他法律行政法规禁止公开",
            cols7!("apply.denied.law_forbidden"),
        ),
        (
            "3.危及\u{201C}三安全一稳定\u{201D}",
            cols7!("apply.denied.security"),
        ),
        ("4.保护第三方合法权益", cols7!("apply.denied.third_party")),
        ("5.属于三类内部事务信息", cols7!("apply.denied.internal")),
        ("6.属于四类过程性信息", cols7!("apply.denied.process")),
        ("7.属于行政执法案卷", cols7!("apply.denied.enforcement")),
        ("8.属于行政查询事项", cols7!("apply.denied.query")),
    ],
);
const T3_UNABLE: T3Group = (
    "（四）无法提供",
    &[
        (
            "1.本机关不掌握相关政府信息",
            cols7!("apply.unable.not_held"),
        ),
        (
            "2.没有现成信息需要另行制作",
            cols7!("apply.unable.must_create"),
        ),
        ("3.补正后申请内容仍不明确", cols7!("apply.unable.unclear")),
    ],
);
const T3_REJECTED: T3Group = (
    "（五）不予处理",
    &[
        ("1.信访举报投诉类申请", cols7!("apply.rejected.petition")),
        ("2.重复申请", cols7!("apply.rejected.repeat")),
        ("3.要求提供公开出版物", cols7!("apply.rejected.publication")),
        (
            "4.无正当理由大量反复申请",
            cols7!("apply.rejected.excessive"),
        ),
        (
            "5.要求行政机关确认或重新出具已获取信息",
            cols7!("apply.rejected.confirm"),
        ),
    ],
);
/// 2021: （六）其他处理 is a group of three sub-items.
const T3_OTHER_2021: T3Group = (
    "（六）其他处理",
    &[
        (
            "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
            cols7!("apply.other.no_correction"),
        ),
        (
            "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
            cols7!("apply.other.no_fee"),
        ),
        ("3.其他", cols7!("apply.other.other")),
    ],
);
/// 2019: （六）其他处理 is a single data row.
const T3_OTHER_2019: (&str, Keys7) = ("（六）其他处理", cols7!("apply.other"));
const T3_TOTAL: (&str, Keys7) = ("（七）总计", cols7!("apply.total"));
const T3_CARRIED_FORWARD: (&str, Keys7) =
    ("四、结转下年度继续办理", cols7!("apply.carried_forward"));

const T4_RESULT_COLS: [&str; 5] = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"];
const T4_KEYS: [[&str; 5]; 3] = [
    cols5!("review.reconsideration"),
    cols5!("review.litigation_direct"),
    cols5!("review.litigation_after"),
];

pub const HEADING_1: &str = "一、总体情况";
pub const HEADING_2: &str = "二、主动公开政府信息情况";
pub const HEADING_3: &str = "三、收到和处理政府信息公开申请情况";
pub const HEADING_4: &str = "四、政府信息公开行政复议、行政诉讼情况";
pub const HEADING_5: &str = "五、存在的主要问题及改进情况";
pub const HEADING_6: &str = "六、其他需要报告的事项";

// ---------------------------------------------------------------------------------------------
// Model builders
// ---------------------------------------------------------------------------------------------

fn is_2021(format: &str) -> bool {
    match format {
        "2021" => true,
        "2019" => false,
        other => panic!("render: unknown format {other:?} (expected \"2021\" or \"2019\")"),
    }
}

/// Table 2 (二、主动公开政府信息情况), 4 columns wide.
pub fn table2(format: &str, cells: &BTreeMap<String, Value>) -> Vec<Row> {
    let blocks = if is_2021(format) { T2_2021 } else { T2_2019 };
    let mut rows = Vec::new();
    for b in blocks {
        rows.push(Row {
            cells: vec![span(b.caption, T2_WIDTH, 1)],
        });
        rows.push(Row {
            cells: b.header.iter().map(|&(t, cs)| span(t, cs, 1)).collect(),
        });
        for &(row_label, vals) in b.rows {
            let mut r = vec![label(row_label)];
            r.extend(vals.iter().map(|&(k, cs)| value(k, cs, cells)));
            rows.push(Row { cells: r });
        }
    }
    rows
}

fn values7<'a>(
    keys: &'a Keys7,
    cells: &'a BTreeMap<String, Value>,
) -> impl Iterator<Item = Cell> + 'a {
    keys.iter().map(move |k| value(k, 1, cells))
}

type T3Group = (&'static str, &'static [(&'static str, Keys7)]);

fn t3_row(lead: Vec<Cell>, keys: &Keys7, cells: &BTreeMap<String, Value>) -> Row {
    let mut c = lead;
    c.extend(values7(keys, cells));
    Row { cells: c }
}

/// A group label with rowspan over its sub-items; only the first sub-row carries it.
fn t3_group(g: T3Group, cells: &BTreeMap<String, Value>, out: &mut Vec<Row>) {
    for (i, (item, keys)) in g.1.iter().enumerate() {
        let lead = if i == 0 {
            vec![span(g.0, 1, g.1.len() as u32), label(item)]
        } else {
            vec![label(item)]
        };
        out.push(t3_row(lead, keys, cells));
    }
}

/// Table 3 (三、收到和处理政府信息公开申请情况): 3 header rows, then data rows that are each
/// 3 label columns + 7 value columns wide once row/col spans are expanded.
pub fn table3(format: &str, cells: &BTreeMap<String, Value>) -> Vec<Row> {
    let v2021 = is_2021(format);
    let mut rows = vec![
        Row {
            cells: vec![span(T3_NOTE, 3, 3), span("申请人情况", 7, 1)],
        },
        Row {
            cells: vec![
                span("自然人", 1, 2),
                span("法人或其他组织", 5, 1),
                span("总计", 1, 2),
            ],
        },
        Row {
            cells: T3_ORG_COLS.iter().map(|t| label(t)).collect(),
        },
    ];
    let single = |lead: Vec<Cell>, keys: &Keys7| t3_row(lead, keys, cells);

    rows.push(single(vec![span(T3_NEW.0, 3, 1)], &T3_NEW.1));
    rows.push(single(
        vec![span(T3_CARRIED_OVER.0, 3, 1)],
        &T3_CARRIED_OVER.1,
    ));

    // 三、本年度办理结果: rows under it, each without the group cell except the first.
    let mut results: Vec<Row> = Vec::new();
    results.push(single(vec![span(T3_GRANTED.0, 2, 1)], &T3_GRANTED.1));
    results.push(single(vec![span(T3_PARTIAL.0, 2, 1)], &T3_PARTIAL.1));
    let group = |g: T3Group, out: &mut Vec<Row>| t3_group(g, cells, out);
    group(T3_DENIED, &mut results);
    group(T3_UNABLE, &mut results);
    group(T3_REJECTED, &mut results);
    if v2021 {
        group(T3_OTHER_2021, &mut results);
    } else {
        results.push(single(vec![span(T3_OTHER_2019.0, 2, 1)], &T3_OTHER_2019.1));
    }
    results.push(single(vec![span(T3_TOTAL.0, 2, 1)], &T3_TOTAL.1));
    let n = results.len() as u32;
    results[0].cells.insert(0, span(T3_RESULTS, 1, n));
    rows.extend(results);

    rows.push(single(
        vec![span(T3_CARRIED_FORWARD.0, 3, 1)],
        &T3_CARRIED_FORWARD.1,
    ));
    rows
}

/// Table 4 (四、政府信息公开行政复议、行政诉讼情况): 3 header rows + one row of 15 values.
pub fn table4(cells: &BTreeMap<String, Value>) -> Vec<Row> {
    let mut r2: Vec<Cell> = T4_RESULT_COLS.iter().map(|t| span(t, 1, 2)).collect();
    r2.push(span("未经复议直接起诉", 5, 1));
    r2.push(span("复议后起诉", 5, 1));
    let r3: Vec<Cell> = T4_RESULT_COLS
        .iter()
        .chain(T4_RESULT_COLS.iter())
        .map(|t| label(t))
        .collect();
    let r4: Vec<Cell> = T4_KEYS
        .iter()
        .flatten()
        .map(|k| value(k, 1, cells))
        .collect();
    vec![
        Row {
            cells: vec![span("行政复议", 5, 1), span("行政诉讼", 10, 1)],
        },
        Row { cells: r2 },
        Row { cells: r3 },
        Row { cells: r4 },
    ]
}

/// The title: `{body}{year}年政府信息公开工作年度报告`.
pub fn title(body: &str, year: u32) -> String {
    format!("{body}{year}年政府信息公开工作年度报告")
}

/// The whole page body as blocks, in document order. The first block is the title paragraph.
pub fn report_model(
    format: &str,
    year: u32,
    body: &str,
    cells: &BTreeMap<String, Value>,
) -> Vec<Block> {
    let v2021 = is_2021(format);
    vec![
        Block::Para(title(body, year)),
        Block::Para(HEADING_1.to_string()),
        Block::Para(format!(
            "{year}年，{body}认真贯彻落实《中华人民共和国政府信息公开条例》，扎实做好主动公开、依申请公开和政府信息管理等各项工作。"
        )),
        Block::Para(HEADING_2.to_string()),
        Block::Table(table2(format, cells)),
        Block::Para(HEADING_3.to_string()),
        Block::Table(table3(format, cells)),
        Block::Para(HEADING_4.to_string()),
        Block::Table(table4(cells)),
        Block::Para(HEADING_5.to_string()),
        Block::Para(format!(
            "{body}政府信息公开工作仍存在政策解读形式不够丰富等问题，下一步将进一步加强和改进。"
        )),
        Block::Para(HEADING_6.to_string()),
        Block::Para(if v2021 { "本年度未收取信息处理费。" } else { "无。" }.to_string()),
    ]
}

// ---------------------------------------------------------------------------------------------
// Printers
// ---------------------------------------------------------------------------------------------

fn escape_html(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            _ => out.push(c),
        }
    }
    out
}

/// Prints the model as a complete HTML page.
pub fn html_from_model(page_title: &str, blocks: &[Block]) -> String {
    let mut h = String::new();
    h.push_str("<html><head><meta charset=\"utf-8\"><title>");
    h.push_str(&escape_html(page_title));
    h.push_str("</title></head><body>\n");
    for b in blocks {
        match b {
            Block::Para(t) => {
                h.push_str("<p>");
                h.push_str(&escape_html(t));
                h.push_str("</p>\n");
            }
            Block::Table(rows) => {
                h.push_str("<table border=\"1\" cellspacing=\"0\"><tbody>\n");
                for r in rows {
                    h.push_str("<tr>");
                    for c in &r.cells {
                        h.push_str("<td");
                        if c.colspan != 1 {
                            h.push_str(&format!(" colspan=\"{}\"", c.colspan));
                        }
                        if c.rowspan != 1 {
                            h.push_str(&format!(" rowspan=\"{}\"", c.rowspan));
                        }
                        h.push('>');
                        h.push_str(&escape_html(&c.text));
                        h.push_str("</td>");
                    }
                    h.push_str("</tr>\n");
                }
                h.push_str("</tbody></table>\n");
            }
        }
    }
    h.push_str("</body></html>\n");
    h
}

/// CSS `white-space: normal`: runs of collapsible whitespace (space, tab, CR, LF, FF) become one
/// space; leading/trailing ones vanish at block/cell edges. U+3000 is not collapsible.
fn collapse_ws(s: &str) -> String {
    s.split([' ', '\t', '\n', '\r', '\u{c}'])
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

enum Item {
    Text(String),
    /// A "required line break count" of the innerText algorithm.
    Break(usize),
}

/// Prints the model as Chromium's `document.body.innerText` (HTML spec "rendered text
/// collection steps"): a `<p>` contributes a required line break count of 2 before and after
/// (so paragraphs are separated by one empty line), a table (block-level) 1; each table row is
/// its cells' texts joined by `'\t'` (one entry per `<td>` as written), rows joined by `'\n'`.
/// Runs of required breaks collapse to their maximum; leading/trailing ones are dropped.
/// No trailing newline.
pub fn tsv_from_model(blocks: &[Block]) -> String {
    let mut items = Vec::new();
    for b in blocks {
        match b {
            Block::Para(t) => {
                items.push(Item::Break(2));
                items.push(Item::Text(collapse_ws(t)));
                items.push(Item::Break(2));
            }
            Block::Table(rows) => {
                items.push(Item::Break(1));
                let lines: Vec<String> = rows
                    .iter()
                    .map(|r| {
                        r.cells
                            .iter()
                            .map(|c| collapse_ws(&c.text))
                            .collect::<Vec<_>>()
                            .join("\t")
                    })
                    .collect();
                items.push(Item::Text(lines.join("\n")));
                items.push(Item::Break(1));
            }
        }
    }
    let mut out = String::new();
    let mut pending = 0usize;
    for it in items {
        match it {
            Item::Break(n) => pending = pending.max(n),
            Item::Text(t) => {
                if t.is_empty() {
                    continue;
                }
                if !out.is_empty() {
                    out.push_str(&"\n".repeat(pending));
                }
                pending = 0;
                out.push_str(&t);
            }
        }
    }
    out
}

// ---------------------------------------------------------------------------------------------
// Public API
// ---------------------------------------------------------------------------------------------

/// format: "2021" or "2019". cells: key -> number (or null = leave the cell blank).
/// Keys absent from the map render blank.
pub fn render_html(format: &str, year: u32, body: &str, cells: &BTreeMap<String, Value>) -> String {
    html_from_model(&title(body, year), &report_model(format, year, body, cells))
}

/// The text Chromium gives for `document.body.innerText` of [`render_html`]'s page: paragraphs
/// on their own lines (separated by an empty line, as `<p>` does), each table row on one line with
/// its `<td>` texts separated by `'\t'` (cells covered by a rowspan/colspan are not repeated).
pub fn render_tsv(format: &str, year: u32, body: &str, cells: &BTreeMap<String, Value>) -> String {
    tsv_from_model(&report_model(format, year, body, cells))
}

/// Every numeric cell key of the format, in table order (table 2, then 3, then 4):
/// 10+25*7+15 = 200 keys for "2021", 22+23*7+15 = 198 for "2019".
/// Derived from the same row model the renderers use.
pub fn format_keys(format: &str) -> Vec<&'static str> {
    let empty = BTreeMap::new();
    report_model(format, 0, "", &empty)
        .iter()
        .filter_map(|b| match b {
            Block::Table(rows) => Some(rows),
            Block::Para(_) => None,
        })
        .flatten()
        .flat_map(|r| r.cells.iter().filter_map(|c| c.key))
        .collect()
}

/// The expected JSON file read: (format, cells) from tests/fixtures/expected/<name>.json
/// (`name` with or without the `.json` suffix).
pub fn load_expected(name: &str) -> (String, BTreeMap<String, Value>) {
    let file = if name.ends_with(".json") {
        name.to_string()
    } else {
        format!("{name}.json")
    };
    let path: PathBuf = [
        env!("CARGO_MANIFEST_DIR"),
        "tests",
        "fixtures",
        "expected",
        &file,
    ]
    .iter()
    .collect();
    let text =
        std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("read {}: {e}", path.display()));
    let v: Value =
        serde_json::from_str(&text).unwrap_or_else(|e| panic!("parse {}: {e}", path.display()));
    let format = v
        .get("format")
        .and_then(Value::as_str)
        .unwrap_or_else(|| panic!("{}: no string \"format\"", path.display()))
        .to_string();
    let cells = v
        .get("cells")
        .and_then(Value::as_object)
        .unwrap_or_else(|| panic!("{}: no object \"cells\"", path.display()))
        .iter()
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect();
    (format, cells)
}
