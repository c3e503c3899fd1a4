//! Inputs found by fuzzing (`./scripts/fuzz`) and the limits that keep a check fast: every file
//! under tests/fixtures/fuzz/<target>/ must give a report or a Chinese message, quickly, and the
//! ones that once crashed or stalled give what they should.

use nianbao::source::{
    MAX_HTML_TAGS, MAX_INPUT_BYTES, MAX_TABLE_CELLS, MAX_TABLE_NESTING, MAX_TABLE_ROWS,
    MAX_TEXT_BYTES,
};
use nianbao::template::numbers::{splits, Run};
use nianbao::Checked;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// A check of anything up to the limits must not freeze the page. Generous, for a busy CI
/// machine: a quadratic or exponential path takes minutes, not seconds.
const SLOW: Duration = Duration::from_secs(5);

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/fuzz")
}

fn timed(what: &str, f: impl FnOnce() -> Checked) -> Checked {
    let t = Instant::now();
    let c = f();
    assert!(t.elapsed() < SLOW, "{what} took {:?}", t.elapsed());
    c
}

fn check(bytes: &[u8], name: &str) -> Checked {
    timed(name, || nianbao::check_bytes(bytes, name))
}

fn error(c: &Checked) -> &str {
    c.error.as_deref().unwrap_or_default()
}

#[test]
fn every_saved_input_gives_a_report_or_a_message() {
    let mut seen = 0;
    for target in std::fs::read_dir(fixtures()).unwrap() {
        let target = target.unwrap().path();
        if !target.is_dir() {
            continue;
        }
        let kind = target.file_name().unwrap().to_string_lossy().to_string();
        for file in std::fs::read_dir(&target).unwrap() {
            let path = file.unwrap().path();
            let bytes = std::fs::read(&path).unwrap();
            let shown = path.strip_prefix(fixtures()).unwrap().display().to_string();
            // The reading targets take any file name; the office ones are named as dropped.
            let names: &[&str] = match kind.as_str() {
                "docx" => &["报告.docx"],
                "doc" => &["报告.doc"],
                "pdf" => &["报告.pdf"],
                _ => &["报告.txt", "报告.html"],
            };
            for name in names {
                let c = check(&bytes, name);
                match &c.error {
                    Some(e) => assert!(!e.trim().is_empty(), "{shown} as {name}"),
                    None => assert!(c.report.has_any_table(), "{shown} as {name}"),
                }
                let _ = c.to_json(&shown);
            }
            if kind == "numbers" {
                numbers_target(&bytes);
            }
            seen += 1;
        }
    }
    assert!(seen > 0);
}

/// What the `numbers` fuzz target does with an input: the first byte is the number of cells,
/// the rest whitespace-separated digit runs.
fn numbers_target(data: &[u8]) {
    let Some((&n, rest)) = data.split_first() else {
        return;
    };
    let n = usize::from(n % 64);
    let Ok(s) = std::str::from_utf8(rest) else {
        return;
    };
    let runs: Vec<Run> = s
        .split(' ')
        .filter(|p| {
            !p.is_empty()
                && p.bytes()
                    .all(|b| b.is_ascii_digit() || matches!(b, b'.' | b'-' | b'+'))
        })
        .map(run)
        .collect();
    let t = Instant::now();
    if let Some(readings) = splits(&runs, n) {
        assert!(readings.iter().all(|r| r.len() == n));
    }
    assert!(t.elapsed() < SLOW, "splits took {:?}", t.elapsed());
}

fn run(s: &str) -> Run {
    let mut text = nianbao::source::Text::new();
    text.push_source(s, 0);
    Run { text, unit: None }
}

fn corpus(name: &str) -> String {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/corpus");
    std::fs::read_to_string(dir.join(name)).unwrap()
}

fn sample() -> String {
    corpus("shuangyashan-2021.txt")
}

#[test]
fn splitting_glued_digits_never_explores_dead_ends() {
    // Forty ones then seventy zeros cannot be 15 cells (each zero after the first seven is a
    // cell of its own); the search used to try every cut of the ones before finding that out.
    let t = Instant::now();
    let ones_zeros = format!("{}{}", "1".repeat(40), "0".repeat(70));
    assert_eq!(splits(&[run(&ones_zeros)], 15).map(|r| r.len()), Some(0));
    // Many ways to cut: bounded by MAX_CANDIDATES, reported as too many.
    assert!(splits(&[run(&"12".repeat(30))], 15).is_none());
    // Every run but the last is exactly eight digits and 1000000000 is two cells at least.
    let mut runs: Vec<Run> = (0..14).map(|_| run("12345678")).collect();
    runs.push(run("1000000000"));
    assert!(splits(&runs, 15).unwrap().is_empty());
    assert!(t.elapsed() < SLOW, "{:?}", t.elapsed());
    // A run without digits (`---`, only the fuzzer makes one) once had bounds that disagreed,
    // and the search tried every cut of the other runs (found by the `numbers` target).
    let mut runs: Vec<Run> = (0..11).map(|_| run("12345678")).collect();
    runs.push(run("---"));
    assert!(splits(&runs, 55).unwrap().is_empty());
    assert!(t.elapsed() < SLOW, "{:?}", t.elapsed());
    // Still the real readings: 64|0|0|2|0|4|70 is among those of 640020470.
    let r = splits(&[run("640020470")], 7).unwrap();
    assert!(r.iter().any(|c| c
        .iter()
        .map(|x| x.value.unwrap())
        .eq([64.0, 0.0, 0.0, 2.0, 0.0, 4.0, 70.0])));
}

#[test]
fn a_row_of_digits_too_long_to_split_says_so() {
    let text = sample().replace("92\n", &format!("{}\n", "1".repeat(200)));
    let c = timed("long run", || nianbao::check_text(&text));
    assert_eq!(c.error, None);
    assert!(
        c.findings
            .iter()
            .any(|f| f.rule == "S-05" && f.message.contains("连写的数字长达 200 位")),
        "{:#?}",
        c.findings
    );
    // Half a megabyte of digits on one line is read, not split, and quickly.
    let text = format!("{}\n{}", sample(), "1".repeat(400_000));
    let c = timed("digits", || nianbao::check_text(&text));
    assert_eq!(c.error, None);
}

#[test]
fn a_pasted_table_of_many_rows_is_checked_in_linear_time() {
    // Prose checks once searched the rest of the text at every clause break (every cell).
    let row = "（三）不予公开，属于国家秘密\t1\t2\t3\t4\t5\t6\t7\n";
    let text = format!("{}\n{}", sample(), row.repeat(MAX_TABLE_ROWS - 100));
    assert!(text.len() < MAX_TEXT_BYTES);
    let c = timed("rows", || nianbao::check_text(&text));
    assert_eq!(c.error, None);
    let prose = "本年度共收到政府信息公开申请70件，办结69件，结转下年度1件，".repeat(3_000);
    let c = timed("prose", || {
        nianbao::check_text(&format!("{}{prose}", sample()))
    });
    assert_eq!(c.error, None);
}

#[test]
fn over_the_limits_each_case_has_its_own_message() {
    // A file over 50 MB.
    let huge = vec![b' '; MAX_INPUT_BYTES + 1];
    let c = check(&huge, "报告.txt");
    assert!(
        error(&c).contains("文件太大") && error(&c).contains("50 MB"),
        "{c:?}"
    );
    // Just under it, plain text: refused by its text before it is read.
    let c = check(&vec![b'1'; MAX_INPUT_BYTES], "报告.txt");
    assert!(error(&c).contains("文字太多"), "{}", error(&c));
    let c = timed("text", || {
        nianbao::check_text(&"报告正文。".repeat(200_000))
    });
    assert!(error(&c).contains("文字太多"), "{}", error(&c));
    // Text inside HTML counts, markup does not.
    let html = format!("<p>{}</p>", "报告正文。".repeat(60_000));
    let c = check(html.as_bytes(), "报告.html");
    assert!(error(&c).contains("文字太多"), "{}", error(&c));
    // A giant table: rows, and cells of a row of tabs.
    let rows = format!(
        "<table>{}</table>",
        "<tr><td>1</td></tr>".repeat(MAX_TABLE_ROWS + 1)
    );
    let c = check(rows.as_bytes(), "报告.html");
    assert!(error(&c).contains("表格行数太多"), "{}", error(&c));
    let c = check(
        format!("一、本年新收\t{}\n", "\t".repeat(MAX_TABLE_CELLS)).as_bytes(),
        "报告.txt",
    );
    assert!(error(&c).contains("单元格太多"), "{}", error(&c));
    let big_table = "<tr><td>一、本年新收</td><td>1</td><td>2</td></tr>".repeat(400_000);
    let c = check(
        format!("<table>{big_table}</table>").as_bytes(),
        "报告.html",
    );
    assert!(error(&c).contains("太多"), "{}", error(&c));
    // Each message is its own, and none is the generic one.
    for m in ["文字太多", "表格行数太多", "单元格太多"] {
        assert!(!nianbao::NOT_A_REPORT.contains(m));
    }
}

#[test]
fn big_files_with_little_text_are_read() {
    // Word HTML with a 40 MB embedded image around a real report: only the text counts.
    let report = corpus("025.html");
    let image = format!(
        "<img src=\"data:image/png;base64,{}\">",
        "QUJD".repeat(10_000_000)
    );
    let html = report.replacen("<body", &format!("{image}<body"), 1);
    let c = check(html.as_bytes(), "报告.html");
    assert_eq!(c.error, None);
    assert!(c.report.has_any_table());
}

#[test]
fn markup_too_big_or_too_deep_is_refused_before_reading() {
    // Tags: reading time grows with them (a 50 MB page of tags took seconds).
    let tags = "<div><span><b>".repeat(MAX_HTML_TAGS);
    let c = check(tags.as_bytes(), "报告.html");
    assert!(error(&c).contains("标记太多"), "{}", error(&c));
    // Tables nested deeper than any page does.
    let deep = "<table><tr><td>".repeat(MAX_TABLE_NESTING + 1) + "一、本年新收政府信息公开申请数量";
    let c = check(deep.as_bytes(), "报告.html");
    assert!(error(&c).contains("嵌套太深"), "{}", error(&c));
    // Pasted as text (sniffed as HTML) gives the same.
    let c = timed("deep text", || nianbao::check_text(&deep));
    assert!(error(&c).contains("嵌套太深"), "{}", error(&c));
    // Within the limits, depth costs nothing: no tree, one stack of open tables.
    let nested = "<div>".repeat(50_000) + &"<table><tr><td>".repeat(MAX_TABLE_NESTING);
    let c = check(nested.as_bytes(), "报告.html");
    assert_eq!(error(&c), nianbao::NOT_A_REPORT);
}

/// Every digit run of `len` or more characters in `text[from..to]` becomes `with`.
fn replace_runs(text: &str, from: usize, to: usize, len: usize, with: &str) -> String {
    let mut out = text[..from].to_string();
    let mut run = String::new();
    for c in text[from..to].chars() {
        if c.is_ascii_digit() {
            run.push(c);
            continue;
        }
        out.push_str(if run.len() >= len { with } else { &run });
        run.clear();
        out.push(c);
    }
    out.push_str(if run.len() >= len { with } else { &run });
    out + &text[to..]
}

#[test]
fn the_most_ambiguous_glued_table_stays_fast() {
    // 030 is crawled text with every row of table 3 glued (`1900000019`). Fourteen ones is the
    // run with the most readings within MAX_CANDIDATES for a row of seven (1 716), eighteen for
    // table 4's fifteen (680), and nineteen has more than MAX_CANDIDATES for seven cells (17 094):
    // every row at its worst. With 20 000 readings a row this took seconds.
    let text = corpus("030.txt");
    let from = text.find("三、收到和处理").unwrap();
    let to = text.find("五、").unwrap();
    for (len, with) in [
        (7, "1".repeat(14)),
        (5, "1".repeat(18)),
        (5, "1".repeat(19)),
    ] {
        let glued = replace_runs(&text, from, to, len, &with);
        let c = timed("glued", || nianbao::check_text(&glued));
        assert_eq!(c.error, None);
        assert!(c.findings.iter().any(|f| f.rule == "S-05"));
    }
}
