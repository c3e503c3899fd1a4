//! Many reports at once: the CLI over the corpus folder gives the same findings as file by file
//! (plus the cross-year ones for the same body's consecutive years), and CSV exports for Excel.

mod common;

use common::cli::cli;
use serde_json::Value;

const CORPUS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/corpus");

fn findings(file: &Value) -> Vec<(String, String)> {
    file["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["rule"].as_str().unwrap().to_string(),
                f["message"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

#[test]
fn a_folder_gives_the_same_findings_as_file_by_file() {
    let (code, out) = cli(&["check", "--json", CORPUS]);
    assert_eq!(code, 1, "003, 012 and 030 have errors");
    let all: Value = serde_json::from_str(&out).unwrap();
    let files = all["files"].as_array().unwrap();
    assert_eq!(files.len(), 23);
    for f in files {
        let path = f["path"].as_str().unwrap();
        let (_, one) = cli(&["check", "--json", path]);
        let one: Value = serde_json::from_str(&one).unwrap();
        let mut batch = findings(f);
        batch.retain(|(rule, _)| !rule.starts_with('X'));
        assert_eq!(batch, findings(&one["files"][0]), "{path}");
        assert_eq!(f["cells"], one["files"][0]["cells"], "{path}");
    }
    // 002 (2019) → 003 (2020) → 001 (2021) → 004 (2022) carry over exactly: no X-01 anywhere.
    assert!(files
        .iter()
        .all(|f| findings(f).iter().all(|(r, _)| r != "X-01")));
}

#[test]
fn csv_exports_open_in_excel() {
    let summary = std::env::temp_dir().join(format!("nianbao-summary-{}.csv", std::process::id()));
    let (_, csv) = cli(&[
        "check",
        "--csv",
        "--summary-csv",
        summary.to_str().unwrap(),
        CORPUS,
    ]);
    assert!(csv.starts_with('\u{feff}'));
    let rows: Vec<&str> = csv.trim_end().split("\r\n").collect();
    assert_eq!(
        rows[0],
        "\u{feff}文件,规则,严重程度,单元格,说明,左边,右边,可能出错的单元格,建议值"
    );
    let (_, json) = cli(&["check", "--json", CORPUS]);
    let all: Value = serde_json::from_str(&json).unwrap();
    let total: usize = all["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["findings"].as_array().unwrap().len())
        .sum();
    assert_eq!(rows.len(), total + 1);
    assert!(rows
        .iter()
        .any(|r| r.contains("003.txt,T3-03,错误,") && r.contains("（七）总计·自然人为 20")));
    let summary = std::fs::read_to_string(&summary).unwrap();
    let lines: Vec<&str> = summary.trim_end().split("\r\n").collect();
    assert_eq!(lines.len(), 24);
    assert!(lines.iter().any(|l| l
        .contains("012.txt,平潭综合实验区自然资源与生态环境局,2021,2021,4,")
        && l.contains("有错误")));
    assert!(lines.iter().any(
        |l| l.contains("shuangyashan-2021.txt,双鸭山市,2021,2021,0,0,") && l.contains("通过")
    ));
}

#[test]
fn a_zip_of_reports_is_checked_report_by_report() {
    // tests/fixtures/bundle.zip: 003 as .docx under a GBK-encoded name (as Chinese Windows tools
    // write it), 001.txt under a UTF-8 name, and a note that is no report.
    let zip = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/bundle.zip");
    let (code, json) = cli(&["check", "--json", zip]);
    assert_eq!(code, 1, "{json}");
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    let files = v["files"].as_array().unwrap();
    let paths: Vec<&str> = files.iter().map(|f| f["path"].as_str().unwrap()).collect();
    assert_eq!(
        paths,
        [
            format!("{zip}!/农业局2020.docx"),
            format!("{zip}!/平潭2021.txt")
        ]
    );
    assert_eq!(files[0]["counts"]["error"], 2);
    assert_eq!(files[0]["year"], 2020);
    assert_eq!(files[1]["counts"]["error"], 0);
    assert_eq!(files[1]["cells"]["apply.new.total"], 70);
}
