//! Mutation tests (issue: core checker): each consistent corpus report rendered into the official
//! layout, as HTML and as the text a browser copies from it; changing any one number of tables 3
//! and 4 must give an error listing that cell, and for table 3 name it as culprit with its
//! original value as fix.

mod common;

use common::render::{format_keys, load_expected, render_html, render_tsv};
use nianbao::rules::Severity;
use nianbao::Checked;
use serde_json::{json, Value};
use std::collections::BTreeMap;

const CONSISTENT: &[(&str, u32)] = &[
    ("shuangyashan-2021", 2021),
    ("001", 2021),
    ("002", 2019),
    ("004", 2022),
    ("006", 2024),
    ("010", 2024),
    ("014", 2019),
    ("015", 2024),
    ("016", 2020),
    ("017", 2023),
    ("021", 2019),
    ("022", 2025),
    ("024", 2025),
];

fn both_forms(
    format: &str,
    year: u32,
    cells: &BTreeMap<String, Value>,
) -> [(&'static str, Checked); 2] {
    [
        (
            "html",
            nianbao::check_html(&render_html(format, year, "某市某局", cells)),
        ),
        (
            "text",
            nianbao::check_text(&render_tsv(format, year, "某市某局", cells)),
        ),
    ]
}

#[test]
fn renders_read_back_exactly() {
    for &(name, year) in CONSISTENT {
        let (format, cells) = load_expected(name);
        for (form, c) in both_forms(&format, year, &cells) {
            assert_eq!(c.error, None, "{name} {form}");
            assert_eq!(
                c.report.format.map(|f| f.id()),
                Some(format.as_str()),
                "{name} {form}"
            );
            assert_eq!(c.report.year, Some(year as i32), "{name} {form}");
            for (k, v) in &cells {
                assert_eq!(c.report.value(k), v.as_f64(), "{name} {form} {k}");
            }
            let errors: Vec<_> = c
                .findings
                .iter()
                .filter(|f| f.severity == Severity::Error)
                .collect();
            assert!(errors.is_empty(), "{name} {form}: {errors:#?}");
        }
    }
}

#[test]
fn one_changed_number_is_found_and_located() {
    let mut mutations = 0;
    for &(name, year) in CONSISTENT {
        let (format, cells) = load_expected(name);
        for key in format_keys(&format)
            .into_iter()
            .filter(|k| !k.starts_with("active."))
        {
            let Some(orig) = cells.get(key).and_then(Value::as_f64) else {
                continue;
            };
            let mut changed = cells.clone();
            let new = if orig == 0.0 { 3.0 } else { orig + 1.0 };
            changed.insert(key.to_string(), json!(new as i64));
            for (form, c) in both_forms(&format, year, &changed) {
                mutations += 1;
                let errors: Vec<_> = c
                    .findings
                    .iter()
                    .filter(|f| f.severity == Severity::Error)
                    .collect();
                assert!(
                    errors.iter().any(|f| f.cells.iter().any(|k| k == key)),
                    "{name} {form}: {key} {orig}→{new} not flagged: {errors:#?}"
                );
                if key.starts_with("apply.") {
                    for f in &errors {
                        assert_eq!(
                            f.culprit.as_deref(),
                            Some(key),
                            "{name} {form}: {key} {}",
                            f.message
                        );
                        assert_eq!(f.fix, Some(orig), "{name} {form}: {key}");
                    }
                }
            }
        }
    }
    assert!(mutations > 4000, "{mutations}");
}

#[test]
fn the_sample_with_one_total_changed() {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/corpus/shuangyashan-2021.txt"
    ))
    .unwrap();
    let at = text.find("（七）总计\n\t93").unwrap();
    let changed = format!(
        "{}（七）总计\n\t90{}",
        &text[..at],
        &text[at + "（七）总计\n\t93".len()..]
    );
    let c = nianbao::check_text(&changed);
    let errors: Vec<_> = c
        .findings
        .iter()
        .filter(|f| f.severity == Severity::Error)
        .collect();
    assert_eq!(errors.len(), 3, "{errors:#?}");
    for f in &errors {
        assert_eq!(f.culprit.as_deref(), Some("apply.total.natural"));
        assert_eq!(f.fix, Some(93.0));
    }
    let t303 = errors.iter().find(|f| f.rule == "T3-03").unwrap();
    assert!(
        t303.message
            .starts_with("（七）总计·自然人为 90，但各项办理结果之和为 93"),
        "{}",
        t303.message
    );
    let span = c.report.cells["apply.total.natural"].span.unwrap();
    assert_eq!(&changed[span.start..span.end], "90");
}

/// The rendered text with each row's numbers glued together (`一、本年新收…640020470`), as the
/// flattened pages of the Pingtan archive have them.
fn glued(tsv: &str) -> String {
    tsv.lines()
        .map(|line| {
            let cells: Vec<&str> = line.split('\t').collect();
            let numbers = &cells[1.min(cells.len())..];
            if numbers.len() > 1
                && numbers
                    .iter()
                    .all(|c| !c.is_empty() && c.chars().all(|ch| ch.is_ascii_digit()))
            {
                format!("{}{}", cells[0], numbers.concat())
            } else {
                line.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Glued digits with one number changed: the changed row may have several readings, but the
/// change is never read away — it gives an error on that cell or an unreadable row (S-05).
#[test]
fn one_changed_number_in_glued_digits_never_passes() {
    let (mut located, mut unreadable, mut runs) = (0, 0, 0);
    for &(name, year) in CONSISTENT {
        let (format, cells) = load_expected(name);
        let base = nianbao::check_text(&glued(&render_tsv(&format, year, "某市某局", &cells)));
        assert_eq!(base.count(Severity::Error), 0, "{name}");
        // Every fourth cell keeps the test's time reasonable (glued rows are slow to resolve).
        for key in format_keys(&format)
            .into_iter()
            .filter(|k| !k.starts_with("active."))
            .step_by(4)
        {
            let mut changed = cells.clone();
            changed.insert(key.to_string(), json!(cells[key].as_f64().unwrap() + 1.0));
            let c = nianbao::check_text(&glued(&render_tsv(&format, year, "某市某局", &changed)));
            runs += 1;
            if c.findings
                .iter()
                .any(|f| f.severity == Severity::Error && f.cells.iter().any(|k| k == key))
            {
                located += 1;
            } else {
                assert!(
                    c.findings.iter().any(|f| f.rule == "S-05"),
                    "{name}: {key} +1 passed unnoticed"
                );
                unreadable += 1;
            }
        }
    }
    assert!(runs > 400, "{runs}");
    // Most changes are still located exactly (5350 of 5616 in a wider probe).
    assert!(
        located * 10 > runs * 9,
        "{located} of {runs} ({unreadable} unreadable)"
    );
}
