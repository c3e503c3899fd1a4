//! Self-test of the test helper `tests/common/render.rs`.

mod common;

use common::render::*;
use serde_json::{json, Value};
use std::collections::{BTreeMap, BTreeSet};

const EXPECTED: &[&str] = &[
    "001",
    "002",
    "003",
    "004",
    "006",
    "010",
    "012",
    "014",
    "015",
    "016",
    "017",
    "021",
    "022",
    "023",
    "024",
    "025",
    "030",
    "shuangyashan-2021",
];

fn lines(tsv: &str) -> Vec<&str> {
    tsv.lines().collect()
}

/// Parses the `<table>`s of the rendered HTML (our own simple markup) into rows of
/// (colspan, rowspan, text) per `<td>`.
fn html_tables(html: &str) -> Vec<Vec<Vec<(u32, u32, String)>>> {
    let mut tables = Vec::new();
    for t in html.split("<table").skip(1) {
        let t = &t[..t.find("</table>").expect("closed table")];
        let mut rows = Vec::new();
        for tr in t.split("<tr>").skip(1) {
            let tr = &tr[..tr.find("</tr>").expect("closed tr")];
            let mut cells = Vec::new();
            for td in tr.split("<td").skip(1) {
                let gt = td.find('>').unwrap();
                let attrs = &td[..gt];
                let text = td[gt + 1..td.find("</td>").unwrap()].to_string();
                let attr = |name: &str| -> u32 {
                    let pat = format!("{name}=\"");
                    attrs
                        .find(&pat)
                        .map(|i| {
                            let rest = &attrs[i + pat.len()..];
                            rest[..rest.find('"').unwrap()].parse().unwrap()
                        })
                        .unwrap_or(1)
                };
                cells.push((attr("colspan"), attr("rowspan"), text));
            }
            rows.push(cells);
        }
        tables.push(rows);
    }
    tables
}

/// Expands row/col spans (HTML table model) and returns the width of every row;
/// panics on overlapping cells.
fn grid_widths(rows: &[Vec<(u32, u32, String)>]) -> Vec<usize> {
    let mut carry: Vec<u32> = Vec::new(); // remaining rows each column is still covered for
    let mut widths = Vec::new();
    for r in rows {
        let mut col = 0usize;
        let mut next = carry
            .iter()
            .map(|&c| c.saturating_sub(1))
            .collect::<Vec<_>>();
        for (cs, rs, _) in r {
            while col < carry.len() && carry[col] > 0 {
                col += 1;
            }
            for c in col..col + *cs as usize {
                if c >= next.len() {
                    next.resize(c + 1, 0);
                    carry.resize(c + 1, 0);
                }
                assert_eq!(carry[c], 0, "overlapping cell at column {c}");
                next[c] = rs - 1;
            }
            col += *cs as usize;
        }
        let width = carry
            .iter()
            .enumerate()
            .filter(|&(_, &c)| c > 0)
            .map(|(i, _)| i + 1)
            .chain(std::iter::once(col))
            .max()
            .unwrap();
        widths.push(width);
        carry = next;
    }
    assert!(
        carry.iter().all(|&c| c == 0),
        "a rowspan runs past the end of the table"
    );
    widths
}

#[test]
fn format_keys_counts_and_uniqueness() {
    let k21 = format_keys("2021");
    let k19 = format_keys("2019");
    assert_eq!(k21.len(), 10 + 25 * 7 + 15);
    assert_eq!(k21.len(), 200);
    assert_eq!(k19.len(), 22 + 23 * 7 + 15);
    assert_eq!(k19.len(), 198);
    assert_eq!(
        k21.iter().collect::<BTreeSet<_>>().len(),
        200,
        "duplicate keys in 2021"
    );
    assert_eq!(
        k19.iter().collect::<BTreeSet<_>>().len(),
        198,
        "duplicate keys in 2019"
    );
    // table order: 2, then 3, then 4
    for keys in [&k21, &k19] {
        let table = |k: &str| {
            ["active.", "apply.", "review."]
                .iter()
                .position(|p| k.starts_with(p))
                .unwrap()
        };
        let order: Vec<usize> = keys.iter().map(|k| table(k)).collect();
        assert!(
            order.windows(2).all(|w| w[0] <= w[1]),
            "keys not in table order"
        );
    }
    assert_eq!(k21[0], "active.rules.issued");
    assert_eq!(k21[9], "active.fees.amount");
    assert_eq!(k21[10], "apply.new.natural");
    assert_eq!(k21[16], "apply.new.total");
    assert_eq!(k21[199], "review.litigation_after.total");
    assert_eq!(k19[21], "active.procurement.amount");
    assert!(k19.contains(&"apply.other.total") && !k19.contains(&"apply.other.other.total"));
    assert!(k21.contains(&"apply.other.other.total") && !k21.contains(&"apply.other.total"));
}

#[test]
fn format_keys_match_expected_files() {
    let (f, cells) = load_expected("shuangyashan-2021");
    assert_eq!(f, "2021");
    let have: BTreeSet<&str> = cells.keys().map(String::as_str).collect();
    let want: BTreeSet<&str> = format_keys("2021").into_iter().collect();
    assert_eq!(have, want, "shuangyashan-2021 (all tables)");

    let (f, cells) = load_expected("025");
    assert_eq!(f, "2019");
    let have: BTreeSet<&str> = cells.keys().map(String::as_str).collect();
    let want: BTreeSet<&str> = format_keys("2019")
        .into_iter()
        .filter(|k| !k.starts_with("active."))
        .collect();
    assert_eq!(want.len(), 176);
    assert_eq!(have, want, "025 (tables 3-4)");

    // Every expected file: its keys are exactly the format's keys, minus table 2 if absent.
    for name in EXPECTED {
        let (f, cells) = load_expected(name);
        let has_active = cells.keys().any(|k| k.starts_with("active."));
        let want: BTreeSet<&str> = format_keys(&f)
            .into_iter()
            .filter(|k| has_active || !k.starts_with("active."))
            .collect();
        let have: BTreeSet<&str> = cells.keys().map(String::as_str).collect();
        assert_eq!(have, want, "{name}");
    }
}

#[test]
fn html_has_values_in_the_right_rows() {
    let (f, cells) = load_expected("shuangyashan-2021");
    let html = render_html(&f, 2021, "双鸭山市人民政府办公室", &cells);
    assert!(html.starts_with("<html><head><meta charset=\"utf-8\"><title>双鸭山市人民政府办公室2021年政府信息公开工作年度报告</title></head><body>"));
    assert!(html.contains("<p>双鸭山市人民政府办公室2021年政府信息公开工作年度报告</p>"));
    assert!(html.contains(
        "<tr><td colspan=\"3\">一、本年新收政府信息公开申请数量</td><td>92</td><td>17</td><td>30</td><td>0</td><td>16</td><td>1</td><td>156</td></tr>"
    ));
    assert!(html.contains(
        "<tr><td rowspan=\"22\">三、本年度办理结果</td><td colspan=\"2\">（一）予以公开</td><td>57</td><td>9</td><td>21</td><td>0</td><td>6</td><td>1</td><td>94</td></tr>"
    ));
    assert!(
        html.contains("<tr><td rowspan=\"8\">（三）不予公开</td><td>1.属于国家秘密</td><td>0</td>")
    );
    assert!(html.contains("<tr><td>2.其他法律行政法规禁止公开</td><td>0</td>"));
    assert!(html.contains("<tr><td rowspan=\"3\">（四）无法提供</td><td>1.本机关不掌握相关政府信息</td><td>10</td><td>6</td><td>7</td><td>0</td><td>1</td><td>0</td><td>24</td></tr>"));
    assert!(html.contains("<tr><td rowspan=\"5\">（五）不予处理</td>"));
    assert!(html.contains("<tr><td rowspan=\"3\">（六）其他处理</td><td>1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请</td>"));
    assert!(html.contains("<tr><td>3.其他</td><td>2</td><td>0</td><td>0</td><td>0</td><td>1</td><td>0</td><td>3</td></tr>"));
    assert!(html.contains("<tr><td colspan=\"2\">（七）总计</td><td>93</td><td>17</td><td>30</td><td>0</td><td>16</td><td>1</td><td>157</td></tr>"));
    assert!(html.contains("<tr><td colspan=\"3\" rowspan=\"3\">（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）</td><td colspan=\"7\">申请人情况</td></tr>"));
    assert!(html.contains("<tr><td rowspan=\"2\">自然人</td><td colspan=\"5\">法人或其他组织</td><td rowspan=\"2\">总计</td></tr>"));
    assert!(html.contains("<tr><td>行政许可</td><td colspan=\"3\">13368</td></tr>"));
    assert!(html.contains("<tr><td>行政事业性收费</td><td colspan=\"3\">16007</td></tr>"));
    assert!(html.contains("<tr><td colspan=\"4\">第二十条第（八）项</td></tr>"));
    assert!(
        html.contains("<tr><td colspan=\"5\">行政复议</td><td colspan=\"10\">行政诉讼</td></tr>")
    );
    assert!(html.contains("<tr><td>2</td><td>0</td><td>0</td><td>0</td><td>2</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td><td>2</td><td>0</td><td>0</td><td>0</td><td>2</td></tr>"));
    assert!(html.contains("3.危及\u{201C}三安全一稳定\u{201D}"));
    assert!(html.trim_end().ends_with("</body></html>"));
}

#[test]
fn tsv_rows_are_innertext_lines() {
    let (f, cells) = load_expected("shuangyashan-2021");
    let tsv = render_tsv(&f, 2021, "双鸭山市人民政府办公室", &cells);
    let ls = lines(&tsv);
    assert!(ls.contains(&"一、本年新收政府信息公开申请数量\t92\t17\t30\t0\t16\t1\t156"));
    assert!(ls.contains(&"三、本年度办理结果\t（一）予以公开\t57\t9\t21\t0\t6\t1\t94"));
    assert!(ls.contains(
        &"（二）部分公开（区分处理的，只计这一情形，不计其他情形）\t0\t0\t0\t0\t0\t0\t0"
    ));
    assert!(ls.contains(&"（三）不予公开\t1.属于国家秘密\t0\t0\t0\t0\t0\t0\t0"));
    // Row under a rowspan: no repeated group cells.
    assert!(ls.contains(&"2.其他法律行政法规禁止公开\t0\t0\t0\t0\t0\t0\t0"));
    assert!(ls.contains(&"8.属于行政查询事项\t0\t2\t0\t0\t0\t0\t2"));
    assert!(!ls.iter().any(|l| l.contains("（三）不予公开\t2.")));
    assert!(!ls
        .iter()
        .any(|l| l.starts_with("三、本年度办理结果\t（三）")));
    assert!(ls.contains(&"3.其他\t2\t0\t0\t0\t1\t0\t3"));
    assert!(ls.contains(&"（七）总计\t93\t17\t30\t0\t16\t1\t157"));
    assert!(ls.contains(&"四、结转下年度继续办理\t0\t0\t0\t0\t0\t0\t0"));
    // Headers
    assert!(ls.contains(
        &"（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）\t申请人情况"
    ));
    assert!(ls.contains(&"自然人\t法人或其他组织\t总计"));
    assert!(ls.contains(&"商业企业\t科研机构\t社会公益组织\t法律服务机构\t其他"));
    assert!(ls.contains(&"行政复议\t行政诉讼"));
    assert!(
        ls.contains(&"结果维持\t结果纠正\t其他结果\t尚未审结\t总计\t未经复议直接起诉\t复议后起诉")
    );
    assert!(ls.contains(&"2\t0\t0\t0\t2\t0\t0\t0\t0\t0\t2\t0\t0\t0\t2"));
    // Table 2
    assert!(ls.contains(&"第二十条第（一）项"));
    assert!(ls.contains(&"信息内容\t本年制发件数\t本年废止件数\t现行有效件数"));
    assert!(ls.contains(&"行政规范性文件\t61\t32\t106"));
    assert!(ls.contains(&"信息内容\t本年收费金额（单位：万元）"));
    assert!(ls.contains(&"行政事业性收费\t16007"));

    // Document shape: title first, headings in order, paragraphs separated by an empty line
    // (<p> has a required line break count of 2), table rows by single newlines.
    assert_eq!(
        ls[0],
        "双鸭山市人民政府办公室2021年政府信息公开工作年度报告"
    );
    assert_eq!(ls[1], "");
    assert_eq!(ls[2], "一、总体情况");
    let pos = |s: &str| {
        ls.iter()
            .position(|l| *l == s)
            .unwrap_or_else(|| panic!("missing line {s}"))
    };
    let hs = [
        HEADING_1, HEADING_2, HEADING_3, HEADING_4, HEADING_5, HEADING_6,
    ];
    let ps: Vec<usize> = hs.iter().map(|h| pos(h)).collect();
    assert!(
        ps.windows(2).all(|w| w[0] < w[1]),
        "headings out of order: {ps:?}"
    );
    assert_eq!(ls[pos(HEADING_2) + 2], "第二十条第（一）项");
    assert_eq!(
        ls[pos(HEADING_3) + 2],
        "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）\t申请人情况"
    );
    assert_eq!(ls[pos(HEADING_4) + 2], "行政复议\t行政诉讼");
    assert_eq!(*ls.last().unwrap(), "本年度未收取信息处理费。");
    assert!(!tsv.ends_with('\n'));
    assert!(!tsv.contains('<'));
    // 总体情况 sentence: no digits except the year.
    let overall = ls[pos(HEADING_1) + 2];
    let digits: String = overall.chars().filter(|c| c.is_ascii_digit()).collect();
    assert_eq!(digits, "2021", "{overall}");
    // Table 3 occupies 3 header + 25 data = 28 consecutive lines, then an empty line.
    let t3 = pos(HEADING_3) + 2;
    assert!(ls[t3..t3 + 28].iter().all(|l| !l.is_empty()));
    assert_eq!(ls[t3 + 27], "四、结转下年度继续办理\t0\t0\t0\t0\t0\t0\t0");
    assert_eq!(ls[t3 + 28], "");
    assert_eq!(ls[t3 + 29], HEADING_4);
}

#[test]
fn html_tables_are_rectangular_and_agree_with_tsv() {
    for (format, name) in [
        ("2021", "shuangyashan-2021"),
        ("2019", "025"),
        ("2021", "001"),
        ("2019", "003"),
    ] {
        let (f, cells) = load_expected(name);
        assert_eq!(f, format);
        let html = render_html(&f, 2020, "某某局", &cells);
        let tsv = render_tsv(&f, 2020, "某某局", &cells);
        let tables = html_tables(&html);
        assert_eq!(tables.len(), 3);
        let w: Vec<Vec<usize>> = tables.iter().map(|t| grid_widths(t)).collect();
        assert!(
            w[0].iter().all(|&x| x == 4),
            "{name} table 2 widths {:?}",
            w[0]
        );
        assert!(
            w[1].iter().all(|&x| x == 10),
            "{name} table 3 widths {:?}",
            w[1]
        );
        assert!(
            w[2].iter().all(|&x| x == 15),
            "{name} table 4 widths {:?}",
            w[2]
        );
        let t3_rows = if format == "2021" { 3 + 25 } else { 3 + 23 };
        assert_eq!(tables[1].len(), t3_rows);
        assert_eq!(tables[2].len(), 4);
        // Every HTML row appears as a TSV line with one entry per <td>.
        let ls = lines(&tsv);
        for t in &tables {
            for r in t {
                let line = r
                    .iter()
                    .map(|c| c.2.as_str())
                    .collect::<Vec<_>>()
                    .join("\t");
                assert!(
                    ls.contains(&line.as_str()),
                    "{name}: row {line:?} not in TSV"
                );
            }
        }
    }
}

#[test]
fn layout_2019_specifics() {
    let (f, cells) = load_expected("025");
    let html = render_html(&f, 2019, "上海市人民政府办公厅", &cells);
    let tsv = render_tsv(&f, 2019, "上海市人民政府办公厅", &cells);
    let ls = lines(&tsv);
    assert!(html.contains("<td rowspan=\"20\">三、本年度办理结果</td>"));
    assert!(html.contains("<tr><td colspan=\"2\">（六）其他处理</td><td>0</td>"));
    assert!(!html.contains("申请人无正当理由逾期不补正"));
    assert!(ls.contains(&"一、本年新收政府信息公开申请数量\t821\t35\t0\t0\t2\t1\t859"));
    assert!(ls.contains(&"（六）其他处理\t0\t0\t0\t0\t0\t0\t0"));
    assert!(ls.contains(&"（七）总计\t767\t35\t0\t0\t2\t1\t805"));
    assert!(ls.contains(&"四、结转下年度继续办理\t72\t0\t0\t0\t0\t0\t72"));
    assert!(ls.contains(&"5\t0\t0\t2\t7\t8\t0\t0\t1\t9\t0\t0\t0\t0\t0"));
    // Table 2 of the 2019 format, blank because 025.json has no table-2 keys.
    assert!(ls.contains(&"信息内容\t本年新制作数量\t本年新公开数量\t对外公开总数量"));
    assert!(ls.contains(&"规章\t\t\t"));
    assert!(ls.contains(&"规范性文件\t\t\t"));
    assert!(ls.contains(&"信息内容\t上一年项目数量\t本年增/减\t处理决定数量"));
    assert!(ls.contains(&"其他对外管理服务事项\t\t\t"));
    assert!(ls.contains(&"信息内容\t上一年项目数量\t本年增/减"));
    assert!(ls.contains(&"行政事业性收费\t\t"));
    assert!(ls.contains(&"第二十条第（九）项"));
    assert!(ls.contains(&"政府集中采购\t\t"));
    assert!(html.contains("<tr><td>规章</td><td></td><td></td><td></td></tr>"));
    assert!(html.contains("<tr><td>政府集中采购</td><td></td><td colspan=\"2\"></td></tr>"));
    assert_eq!(*ls.last().unwrap(), "无。");
    assert!(!tsv.contains("行政规范性文件"));
}

#[test]
fn value_formatting_and_blanks() {
    let mut cells: BTreeMap<String, Value> = BTreeMap::new();
    cells.insert("active.fees.amount".into(), json!(18651.06));
    cells.insert("active.penalty.decisions".into(), json!(3.0));
    cells.insert("apply.new.natural".into(), json!(5));
    cells.insert("apply.new.business".into(), Value::Null);
    cells.insert("review.reconsideration.total".into(), json!(0));
    let html = render_html("2021", 2022, "A&B<局>", &cells);
    let tsv = render_tsv("2021", 2022, "A&B<局>", &cells);
    assert!(html.contains("<tr><td>行政事业性收费</td><td colspan=\"3\">18651.06</td></tr>"));
    assert!(html.contains("<tr><td>行政处罚</td><td colspan=\"3\">3</td></tr>"));
    assert!(html.contains("<tr><td>行政强制</td><td colspan=\"3\"></td></tr>"));
    assert!(html.contains(
        "<td colspan=\"3\">一、本年新收政府信息公开申请数量</td><td>5</td><td></td><td></td>"
    ));
    assert!(html.contains("<p>A&amp;B&lt;局&gt;2022年政府信息公开工作年度报告</p>"));
    let ls = lines(&tsv);
    assert_eq!(ls[0], "A&B<局>2022年政府信息公开工作年度报告");
    assert!(ls.contains(&"一、本年新收政府信息公开申请数量\t5\t\t\t\t\t\t"));
    assert!(ls.contains(&"行政事业性收费\t18651.06"));
    assert!(ls.contains(&"行政强制\t"));
    assert!(ls.contains(&"\t\t\t\t0\t\t\t\t\t\t\t\t\t\t"));
    // Empty map: every value cell blank; still the full layout.
    let empty = BTreeMap::new();
    let t = render_tsv("2021", 2023, "X", &empty);
    assert!(lines(&t).contains(&"（七）总计\t\t\t\t\t\t\t"));
    assert_eq!(value_text("apply.new.total", Some(&json!(156))), "156");
    assert_eq!(
        value_text("active.fees.amount", Some(&json!(4166.241619))),
        "4166.241619"
    );
    assert_eq!(
        value_text("active.procurement.amount", Some(&json!("251000元"))),
        "251000元"
    );
    assert_eq!(value_text("active.fees.change", Some(&json!(-15))), "-15");
    assert_eq!(value_text("x", None), "");
}

#[test]
fn labels_are_character_exact() {
    let empty = BTreeMap::new();
    let t21 = render_tsv("2021", 2021, "X", &empty);
    for l in [
        "3.危及“三安全一稳定”\t\t\t\t\t\t\t",
        "（二）部分公开（区分处理的，只计这一情形，不计其他情形）\t\t\t\t\t\t\t",
        "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请\t\t\t\t\t\t\t",
        "5.要求行政机关确认或重新出具已获取信息\t\t\t\t\t\t\t",
        "（五）不予处理\t1.信访举报投诉类申请\t\t\t\t\t\t\t",
        "（四）无法提供\t1.本机关不掌握相关政府信息\t\t\t\t\t\t\t",
        "第二十条第（五）项",
        "信息内容\t本年处理决定数量",
        "第二十条第（六）项",
        "第二十条第（八）项",
    ] {
        assert!(lines(&t21).contains(&l), "missing {l:?}");
    }
    assert!(!t21.contains("第二十条第（九）项"));
    assert!(!t21.contains("（六）其他处理\t\t"));
}
