//! Bad input gets a clear Chinese message (and the CLI exit code 2), never a panic.

mod common;

use common::cli::cli;
use nianbao::rules::Severity;

fn tmp(name: &str, bytes: &[u8]) -> String {
    let dir = std::env::temp_dir().join(format!("nianbao-bad-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let p = dir.join(name);
    std::fs::write(&p, bytes).unwrap();
    p.to_string_lossy().to_string()
}

#[test]
fn empty_binary_huge_and_other_documents_are_refused_in_chinese() {
    let empty = tmp("empty.txt", b"");
    let binary = tmp(
        "image.txt",
        &(0..5000u32)
            .map(|i| (i.wrapping_mul(2654435761) >> 13) as u8)
            .collect::<Vec<_>>(),
    );
    let huge = tmp(
        "huge.txt",
        &vec![b'1'; nianbao::source::MAX_INPUT_BYTES + 1],
    );
    let other = tmp(
        "notice.txt",
        "关于开展2024年度安全生产检查的通知\n各单位：请于12月31日前完成自查，报送检查情况。"
            .as_bytes(),
    );
    let docx = tmp("report.docx", b"PK\x03\x04\x14\x00\x06\x00rest-of-zip");
    for (path, must_say) in [
        (&empty, "空的"),
        (&binary, "无法读取"),
        (&huge, "太大"),
        (&other, "没有找到"),
        (&docx, "已损坏"),
    ] {
        let (code, out) = cli(&["check", path]);
        assert_eq!(code, 2, "{path}: {out}");
        assert!(out.contains(must_say), "{path}: {out}");
        let (code, json) = cli(&["check", "--json", path]);
        assert_eq!(code, 2);
        let v: serde_json::Value = serde_json::from_str(&json).unwrap();
        assert!(v["files"][0]["error"].as_str().unwrap().contains(must_say));
        assert!(v["files"][0]["format"].is_null());
    }
    let (code, _) = cli(&["check", "/nonexistent/报告.txt"]);
    assert_eq!(code, 2);
}

#[test]
fn exit_codes_follow_the_findings() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/corpus/");
    assert_eq!(cli(&["check", &format!("{dir}shuangyashan-2021.txt")]).0, 0);
    assert_eq!(cli(&["check", &format!("{dir}003.txt")]).0, 1);
    let (code, out) = cli(&["check", &format!("{dir}003.txt")]);
    assert_eq!(code, 1);
    assert!(out.contains("error[T3-03]"), "{out}");
    assert!(
        out.contains("（七）总计·自然人为 20，但各项办理结果之和为 26"),
        "{out}"
    );
    assert!(out.contains("003.txt:10:"), "{out}");
}

#[test]
fn a_table_cut_in_half_is_read_as_far_as_it_goes() {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/corpus/shuangyashan-2021.txt"
    ))
    .unwrap();
    let cut = &text[..text.find("（四）无法提供").unwrap()];
    let c = nianbao::check_text(cut);
    assert_eq!(c.error, None);
    assert_eq!(c.report.value("apply.new.natural"), Some(92.0));
    assert_eq!(c.report.value("apply.denied.query.business"), Some(2.0));
    assert_eq!(c.report.value("apply.total.natural"), None);
    assert!(c
        .findings
        .iter()
        .any(|f| f.rule == "S-02" && f.message.contains("（七）总计")));
    assert!(c
        .findings
        .iter()
        .any(|f| f.rule == "S-02" && f.message.contains("表四")));
    assert_eq!(c.count(Severity::Error), 0, "{:#?}", c.findings);
}

#[test]
fn encodings_give_the_same_report() {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/corpus/001.txt"
    ))
    .unwrap();
    let utf8 = nianbao::check_bytes(text.as_bytes(), "001.txt");
    let (gbk, _, _) = encoding_rs::GBK.encode(&text);
    let gbk = nianbao::check_bytes(&gbk, "001.txt");
    let mut utf16 = vec![0xFF, 0xFE];
    for u in text.encode_utf16() {
        utf16.extend_from_slice(&u.to_le_bytes());
    }
    let utf16 = nianbao::check_bytes(&utf16, "001.txt");
    let mut bom = b"\xEF\xBB\xBF".to_vec();
    bom.extend_from_slice(text.as_bytes());
    let bom = nianbao::check_bytes(&bom, "001.txt");
    for other in [&gbk, &utf16, &bom] {
        assert_eq!(other.error, None);
        assert_eq!(other.report.values(), utf8.report.values());
        assert_eq!(other.findings.len(), utf8.findings.len());
    }
    assert_eq!(utf8.report.value("apply.new.total"), Some(70.0));
}

#[test]
fn odd_text_never_panics() {
    let samples = [
        "三、收到和处理政府信息公开申请情况 一、本年新收政府信息公开申请数量99999999999999999999999",
        "一、本年新收政府信息公开申请数量 1 2 3 4 5 6 7 8 9 10 11 12 二、上年结转",
        "| 一、本年新收政府信息公开申请数量 | 见附件 | 若干 |",
        "行政复议 结果维持 1111111111111111111111111111111111111111111111111111111",
        "<table><tr><td>一、本年新收政府信息公开申请数量<td>1<td>-2<td>3.5",
        "\u{0}\u{1}\u{2}",
        "１２３４５６７８９０",
    ];
    for s in samples {
        let c = nianbao::check_text(s);
        let _ = c.to_json("x");
    }
    let c = nianbao::check_text("| 一、本年新收政府信息公开申请数量 | 见附件 | 0 | 0 | 0 | 0 | 0 | 0 |\n| 二、上年结转政府信息公开申请数量 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |");
    assert!(c
        .findings
        .iter()
        .any(|f| f.rule == "S-03" && f.message.contains("见附件")));
}
