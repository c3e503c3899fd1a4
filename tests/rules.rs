//! Each rule on a real report where it holds, and on the same report with the one cell changed
//! that makes it fail (rendered in the official layout by tests/common/render.rs).

mod common;

use common::render::{load_expected, render_html};
use nianbao::rules::{Finding, Severity};
use serde_json::{json, Value};
use std::collections::BTreeMap;

fn check(format: &str, year: u32, cells: &BTreeMap<String, Value>) -> Vec<Finding> {
    let c = nianbao::check_html(&render_html(format, year, "双鸭山市", cells));
    assert_eq!(c.error, None);
    c.findings
}

fn with(cells: &BTreeMap<String, Value>, changes: &[(&str, Value)]) -> BTreeMap<String, Value> {
    let mut c = cells.clone();
    for (k, v) in changes {
        c.insert(k.to_string(), v.clone());
    }
    c
}

fn rules_of(f: &[Finding]) -> Vec<&'static str> {
    let mut r: Vec<_> = f.iter().map(|f| f.rule).collect();
    r.dedup();
    r
}

#[test]
fn the_sample_passes_every_rule() {
    let (format, cells) = load_expected("shuangyashan-2021");
    let f = check(&format, 2021, &cells);
    assert!(f.is_empty(), "{f:#?}");
}

#[test]
fn table2_rules_fail_on_single_changes() {
    let (format, cells) = load_expected("shuangyashan-2021");
    // T2-02: 61 issued, 32 repealed, so at least 29 in force.
    let f = check(
        &format,
        2021,
        &with(&cells, &[("active.normative.in_force", json!(20))]),
    );
    let t = f.iter().find(|f| f.rule == "T2-02").unwrap();
    assert_eq!(
        (t.severity, t.left, t.right),
        (Severity::Warning, Some(61.0), Some(52.0))
    );
    // T2-03: a fee amount written in 元.
    let f = check(
        &format,
        2021,
        &with(&cells, &[("active.fees.amount", json!("160070000元"))]),
    );
    assert!(
        f.iter()
            .any(|f| f.rule == "T2-03" && f.message.contains("万元")),
        "{f:#?}"
    );
    // T2-01: a negative count.
    let f = check(
        &format,
        2021,
        &with(&cells, &[("active.penalty.decisions", json!(-3))]),
    );
    assert!(
        f.iter()
            .any(|f| f.rule == "T2-01" && f.severity == Severity::Error),
        "{f:#?}"
    );
}

#[test]
fn table2_rules_of_the_2019_format() {
    let (format, mut cells) = load_expected("025");
    for (k, v) in [
        ("active.rules.made", 13),
        ("active.rules.published", 13),
        ("active.rules.public_total", 100),
        ("active.normative.made", 60),
        ("active.normative.published", 60),
        ("active.normative.public_total", 300),
        ("active.licensing.prev_items", 10),
        ("active.licensing.change", 2),
        ("active.licensing.decisions", 5),
        ("active.other_services.prev_items", 0),
        ("active.other_services.change", 0),
        ("active.other_services.decisions", 0),
        ("active.penalty.prev_items", 4),
        ("active.penalty.change", -1),
        ("active.penalty.decisions", 7),
        ("active.coercion.prev_items", 1),
        ("active.coercion.change", 0),
        ("active.coercion.decisions", 0),
        ("active.fees.prev_items", 3),
        ("active.fees.change", 0),
        ("active.procurement.items", 2),
    ] {
        cells.insert(k.into(), json!(v));
    }
    cells.insert("active.procurement.amount".into(), json!("251000元"));
    let f = check(&format, 2019, &cells);
    assert!(
        !rules_of(&f)
            .iter()
            .any(|r| r.starts_with("T2-0") && *r != "T2-06"),
        "{f:#?}"
    );
    let t = f.iter().find(|f| f.rule == "T2-06").unwrap();
    assert!(t.message.contains("25.1 万元"), "{}", t.message);
    let f = check(
        &format,
        2019,
        &with(&cells, &[("active.rules.public_total", json!(5))]),
    );
    assert!(f.iter().any(|f| f.rule == "T2-04"), "{f:#?}");
    let f = check(
        &format,
        2019,
        &with(&cells, &[("active.penalty.change", json!(-9))]),
    );
    let t = f.iter().find(|f| f.rule == "T2-05").unwrap();
    assert_eq!(t.right, Some(-5.0));
}

#[test]
fn table3_value_rules() {
    let (format, cells) = load_expected("shuangyashan-2021");
    // T3-04: a fraction in a count (the identities still hold).
    let f = check(
        &format,
        2021,
        &with(
            &cells,
            &[
                ("apply.denied.third_party.natural", json!(3.5)),
                ("apply.denied.third_party.legal", json!(7.5)),
            ],
        ),
    );
    assert!(
        f.iter()
            .any(|f| f.rule == "T3-04" && f.cells == ["apply.denied.third_party.legal"]),
        "{f:#?}"
    );
    // T3-07: 其他处理 above 20 % of （七）总计 (022 has 159 of 718).
    let (format22, cells22) = load_expected("022");
    let f = check(&format22, 2025, &cells22);
    let t = f.iter().find(|f| f.rule == "T3-07").unwrap();
    assert_eq!(
        (t.severity, t.left, t.right),
        (Severity::Info, Some(159.0), Some(718.0))
    );
    assert!(!rules_of(&check(&format, 2021, &cells)).contains(&"T3-07"));
}

#[test]
fn a_subtotal_row_is_checked_against_its_items() {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/corpus/shuangyashan-2021.txt"
    ))
    .unwrap();
    let row = |n: [u32; 7]| n.iter().map(|v| format!("\n\t{v}")).collect::<String>();
    let good = text.replace(
        "（三）不予公开\n",
        &format!("（三）不予公开{}\n\t\n\t\n\t", row([3, 2, 0, 0, 8, 0, 13])),
    );
    let c = nianbao::check_text(&good);
    assert_eq!(c.report.value("apply.denied.total"), Some(13.0));
    // The sample's only finding is the T-07 note on its long 总体情况.
    assert!(
        c.findings.iter().all(|f| f.rule == "T-07"),
        "{:#?}",
        c.findings
    );
    let bad = text.replace(
        "（三）不予公开\n",
        &format!("（三）不予公开{}\n\t\n\t\n\t", row([3, 2, 0, 0, 9, 0, 14])),
    );
    let c = nianbao::check_text(&bad);
    let t = c
        .findings
        .iter()
        .find(|f| f.rule == "T3-08" && f.cells[0] == "apply.denied.legal")
        .unwrap();
    assert_eq!(
        (t.severity, t.left, t.right),
        (Severity::Warning, Some(9.0), Some(8.0))
    );
}

#[test]
fn table4_rules() {
    let (format, cells) = load_expected("022");
    let f = check(
        &format,
        2025,
        &with(&cells, &[("review.litigation_after.total", json!(11))]),
    );
    let t = f.iter().find(|f| f.rule == "T4-03").unwrap();
    assert_eq!(
        (t.left, t.right, t.culprit.as_deref()),
        (Some(11.0), Some(10.0), None)
    );
    let f = check(
        &format,
        2025,
        &with(
            &cells,
            &[
                ("review.reconsideration.other", json!(-1)),
                ("review.reconsideration.pending", json!(25)),
            ],
        ),
    );
    assert!(f.iter().any(|f| f.rule == "T4-04"), "{f:#?}");
}

#[test]
fn structure_rules() {
    let (format, cells) = load_expected("shuangyashan-2021");
    let html = render_html(&format, 2021, "双鸭山市", &cells);
    // S-06: no year in title or statistics period.
    let c = nianbao::check_html(&html.replace("2021年", "本年"));
    assert!(
        c.findings.iter().any(|f| f.rule == "S-06"),
        "{:#?}",
        c.findings
    );
    // S-07: a 2021-format table in a 2020 report.
    let c = nianbao::check_html(&html.replace("2021年", "2020年"));
    assert!(c
        .findings
        .iter()
        .any(|f| f.rule == "S-07" && f.severity == Severity::Warning));
    // S-01: a section heading missing.
    let c = nianbao::check_html(&html.replace("其他需要报告的事项", "附件"));
    assert!(c
        .findings
        .iter()
        .any(|f| f.rule == "S-01" && f.message.contains("六、其他需要报告的事项")));
    assert!(nianbao::check_html(&html).findings.is_empty());
}

#[test]
fn prose_rules_on_real_reports() {
    let corpus = |n: &str| {
        std::fs::read_to_string(format!(
            "{}/tests/fixtures/corpus/{n}",
            env!("CARGO_MANIFEST_DIR")
        ))
        .unwrap()
    };
    // T-05: 012's section 六 says only 「无」; 015 says 「无收取信息处理费情况」; 023 says 未发生收费事项.
    let has = |text: &str, rule: &str| {
        nianbao::check_text(text)
            .findings
            .iter()
            .any(|f| f.rule == rule)
    };
    assert!(has(&corpus("012.txt"), "T-05"));
    assert!(!has(&corpus("015.txt"), "T-05"));
    assert!(!has(&corpus("023.txt"), "T-05"));
    // T-06: the sample relabelled as a 2022 report still opens 总体情况 with 「2021年，我市」.
    let sample = corpus("shuangyashan-2021.txt");
    assert!(!has(&sample, "T-06"));
    let copied = sample.replace(
        "双鸭山市2021年政府信息公开工作",
        "双鸭山市2022年政府信息公开工作",
    );
    let c = nianbao::check_text(&copied);
    let f = c.findings.iter().find(|f| f.rule == "T-06").unwrap();
    assert!(f.message.contains("「2021年」"), "{}", f.message);
    // T-06: title year against the 统计期限 sentence (001 says 2021年1月1日起至2021年12月31日止).
    let c = nianbao::check_text(&corpus("001.txt").replace("统计期限自2021年", "统计期限自2020年"));
    assert!(c
        .findings
        .iter()
        .any(|f| f.rule == "T-06" && f.message.contains("2020")));
    assert!(!has(&corpus("001.txt"), "T-06"));
    // T-07: the sample's 总体情况 runs to about 1,190 characters.
    let f = nianbao::check_text(&sample)
        .findings
        .into_iter()
        .find(|f| f.rule == "T-07")
        .unwrap();
    assert_eq!(f.severity, Severity::Info);
}

#[test]
fn prose_numbers_hold_on_real_reports_and_fail_when_one_is_changed() {
    let corpus = |n: &str| {
        std::fs::read_to_string(format!(
            "{}/tests/fixtures/corpus/{n}",
            env!("CARGO_MANIFEST_DIR")
        ))
        .unwrap()
    };
    let stated = |text: &str| -> Vec<(&'static str, Option<f64>, Option<f64>)> {
        nianbao::check_text(text)
            .findings
            .iter()
            .filter(|f| matches!(f.rule, "T-01" | "T-02" | "T-03"))
            .map(|f| (f.rule, f.left, f.right))
            .collect()
    };
    let r001 = corpus("001.txt");
    assert!(stated(&r001).is_empty());
    assert_eq!(
        stated(&r001.replace("共收到70件申请", "共收到72件申请")),
        vec![("T-01", Some(72.0), Some(70.0))]
    );
    assert_eq!(
        stated(&r001.replace("办结69件", "办结68件")),
        vec![("T-01", Some(68.0), Some(69.0))]
    );
    let r004 = corpus("004.txt");
    assert!(stated(&r004).is_empty());
    assert_eq!(
        stated(&r004.replace("行政复议案件2件", "行政复议案件3件")),
        vec![("T-03", Some(3.0), Some(2.0))]
    );
    let r023 = corpus("023.txt");
    assert!(stated(&r023).is_empty());
    assert_eq!(
        stated(&r023.replace("不予公开答复 2", "不予公开答复 4")),
        vec![("T-02", Some(4.0), Some(2.0))]
    );
}

#[test]
fn prose_shares_match_when_rounded_or_truncated() {
    let r024 = std::fs::read_to_string(format!(
        "{}/tests/fixtures/corpus/024.txt",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap();
    let shares = |text: &str| -> Vec<(Option<f64>, Option<f64>, Vec<String>)> {
        nianbao::check_text(text)
            .findings
            .into_iter()
            .filter(|f| f.rule == "T-02")
            .map(|f| (f.left, f.right, f.cells))
            .collect()
    };
    // 208/1191 = 17.464 %, 20/1191 = 1.679 %: as written, and truncated to one decimal.
    assert!(shares(&r024).is_empty());
    assert!(shares(&r024.replace("（1.68%）", "（1.6%）")).is_empty());
    let changed = shares(&r024.replace("（17.46%）", "（17.45%）"));
    assert_eq!(changed.len(), 1, "{changed:?}");
    assert_eq!((changed[0].0, changed[0].1), (Some(17.45), Some(17.46)));
    assert!(changed[0].2.contains(&"apply.granted.total".to_string()));
    assert!(changed[0].2.contains(&"apply.total.total".to_string()));
    // 025 states both a wrong count and the share that goes with it: one finding each.
    let r025 = std::fs::read_to_string(format!(
        "{}/tests/fixtures/corpus/025.html",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap();
    let prose: Vec<_> = nianbao::check_html(&r025)
        .findings
        .into_iter()
        .filter(|f| f.table == "正文" && f.rule.starts_with("T-0") && f.rule <= "T-04")
        .map(|f| (f.rule, f.left, f.right))
        .collect();
    assert_eq!(
        prose,
        vec![
            ("T-02", Some(258.0), Some(275.0)),
            ("T-02", Some(265.0), Some(337.0))
        ]
    );
}

#[test]
fn prose_counts_of_normative_documents_against_table_2() {
    let sample = std::fs::read_to_string(format!(
        "{}/tests/fixtures/corpus/shuangyashan-2021.txt",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap();
    let at = "（四）以栏目建设规范化为重点";
    let with = |sentence: &str| sample.replace(at, &format!("{sentence}{at}"));
    let t04 = |text: &str| -> Vec<(Option<f64>, Option<f64>, Vec<String>)> {
        nianbao::check_text(text)
            .findings
            .into_iter()
            .filter(|f| f.rule == "T-04")
            .map(|f| (f.left, f.right, f.cells))
            .collect()
    };
    assert!(t04(&sample).is_empty());
    // The sample's table 2: 行政规范性文件 61 issued, 32 repealed, 106 in force.
    let agrees = "全年制发行政规范性文件61件，废止32件，现行有效106件。";
    assert!(t04(&with(agrees)).is_empty());
    assert_eq!(
        t04(&with("截至年底，现行有效行政规范性文件393件。")),
        vec![(
            Some(393.0),
            Some(106.0),
            vec!["active.normative.in_force".to_string()]
        )]
    );
    assert_eq!(
        t04(&with("全年制发行政规范性文件61件，废止30件。")),
        vec![(
            Some(30.0),
            Some(32.0),
            vec!["active.normative.repealed".to_string()]
        )]
    );
    // Plans, two kinds of documents in one sentence, or two verbs in one clause: not compared.
    assert!(t04(&with("拟废止行政规范性文件3件。")).is_empty());
    assert!(t04(&with("制发规章2件、行政规范性文件5件。")).is_empty());
    assert!(t04(&with("制发并废止行政规范性文件9件。")).is_empty());
}
