//! This year against last year: the Pingtan reports of consecutive years (002 → 003 → 001 → 004)
//! carry their 结转 over exactly; a changed 结转下年度 is named on both sides.

mod common;

use common::render::{load_expected, render_html};
use nianbao::rules::Severity;
use serde_json::json;

fn read(name: &str) -> String {
    std::fs::read_to_string(format!(
        "{}/tests/fixtures/corpus/{name}",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap()
}

fn compare(prev: &str, cur: &str) -> nianbao::Checked {
    let prev = nianbao::check_text(prev);
    let mut cur = nianbao::check_text(cur);
    cur.compare_with_previous(&prev);
    cur
}

#[test]
fn consecutive_pingtan_reports_carry_over_exactly() {
    for (prev, cur) in [
        ("002.txt", "003.txt"),
        ("003.txt", "001.txt"),
        ("001.txt", "004.txt"),
    ] {
        let c = compare(&read(prev), &read(cur));
        let cross: Vec<_> = c
            .findings
            .iter()
            .filter(|f| f.rule.starts_with('X'))
            .collect();
        assert!(
            cross.iter().all(|f| f.rule != "X-01" && f.rule != "X-00"),
            "{prev}→{cur}: {cross:#?}"
        );
    }
}

#[test]
fn a_changed_carry_forward_is_named_on_both_sides() {
    let prev = read("001.txt").replace(
        "四、结转下年度继续办理1000001",
        "四、结转下年度继续办理2000002",
    );
    let c = compare(&prev, &read("004.txt"));
    let x: Vec<_> = c.findings.iter().filter(|f| f.rule == "X-01").collect();
    assert_eq!(x.len(), 2, "{x:#?}");
    let natural = x
        .iter()
        .find(|f| f.cells[0] == "apply.carried_over.natural")
        .unwrap();
    assert_eq!(natural.cells[1], "prev.apply.carried_forward.natural");
    assert_eq!(
        (natural.severity, natural.left, natural.right),
        (Severity::Error, Some(1.0), Some(2.0))
    );
    assert!(
        natural
            .message
            .contains("上年度报告的四、结转下年度继续办理·自然人为 2"),
        "{}",
        natural.message
    );
}

#[test]
fn unrelated_reports_are_not_compared_and_copied_problems_are_flagged() {
    let c = compare(&read("006.txt"), &read("015.txt"));
    assert!(c.findings.iter().any(|f| f.rule == "X-00"));
    assert!(!c.findings.iter().any(|f| f.rule == "X-01"));
    // The same section 五 a year later.
    let next = read("004.txt").replace(
        "2022年度政府信息公开工作年度报告",
        "2023年度政府信息公开工作年度报告",
    );
    let c = compare(&read("004.txt"), &next);
    let f = c.findings.iter().find(|f| f.rule == "X-04").unwrap();
    assert!(f.message.contains("100%"), "{}", f.message);
}

#[test]
fn item_counts_carry_over_in_the_2019_format() {
    // 002 (2019) and 003 (2020) as rendered tables, with table 2's 行政许可 filled in.
    let render = |name: &str, year: u32, prev_items: i64, change: i64| {
        let (format, mut cells) = load_expected(name);
        cells.insert("active.licensing.prev_items".into(), json!(prev_items));
        cells.insert("active.licensing.change".into(), json!(change));
        cells.insert("active.licensing.decisions".into(), json!(5));
        nianbao::check_html(&render_html(&format, year, "平潭综合实验区", &cells))
    };
    let x03 = |cur_items: i64| {
        let prev = render("002", 2019, 10, 2);
        let mut cur = render("003", 2020, cur_items, 0);
        cur.compare_with_previous(&prev);
        cur.findings
            .into_iter()
            .filter(|f| f.rule == "X-03")
            .map(|f| (f.severity, f.left, f.right, f.cells))
            .collect::<Vec<_>>()
    };
    assert!(x03(12).is_empty());
    assert_eq!(
        x03(13),
        vec![(
            Severity::Info,
            Some(13.0),
            Some(12.0),
            vec![
                "active.licensing.prev_items".to_string(),
                "prev.active.licensing.prev_items".to_string(),
                "prev.active.licensing.change".to_string()
            ]
        )]
    );
}
