//! Findings on every real report, as a reviewer reads them: a change in wording, location or
//! verdict shows up in review (insta snapshots under tests/snapshots/).

use std::path::PathBuf;

fn summary(path: &PathBuf) -> String {
    let name = path.file_name().unwrap().to_string_lossy().to_string();
    let c = nianbao::check_bytes(&std::fs::read(path).unwrap(), &name);
    let r = &c.report;
    let mut s = format!(
        "{name}\n格式: {}  年度: {}  机关: {}\n标题: {}\n",
        r.format.map(|f| f.id()).unwrap_or("-"),
        r.year.map(|y| y.to_string()).unwrap_or("-".into()),
        r.body.as_deref().unwrap_or("-"),
        r.title.as_deref().unwrap_or("-"),
    );
    let inferred = r.cells.values().filter(|c| c.inferred).count();
    s.push_str(&format!("推断单元格: {inferred}\n"));
    for f in &c.findings {
        let culprit = match (&f.culprit, f.fix) {
            (Some(k), Some(v)) => format!("  [culprit {k} → {}]", nianbao::rules::show(v)),
            _ => String::new(),
        };
        s.push_str(&format!(
            "{} {} {}{}\n",
            f.severity.zh(),
            f.rule,
            f.message,
            culprit
        ));
    }
    s
}

#[test]
fn findings_on_the_corpus() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/corpus");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| matches!(p.extension().and_then(|e| e.to_str()), Some("txt" | "html")))
        .collect();
    files.sort();
    for p in files {
        let name = p.file_name().unwrap().to_string_lossy().replace('.', "_");
        insta::assert_snapshot!(name, summary(&p));
    }
}
