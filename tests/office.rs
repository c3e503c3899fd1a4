//! Issue 5: a report as .docx, .doc or .pdf (made by LibreOffice, see
//! scripts/make-office-fixtures) gives the same cells and findings as the HTML it was made
//! from: `NAME.html` beside it (corpus values in the official layout), or for `real-NNN` the
//! published page `tests/fixtures/corpus/NNN.html` itself (real Word-exported tables, site
//! navigation and all).

use nianbao::rules::Finding;
use nianbao::Checked;
use std::path::PathBuf;

fn office_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/office")
}

/// The fixture names (every `*.html` of the folder).
fn names() -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(office_dir())
        .unwrap()
        .filter_map(|e| {
            let p = e.unwrap().path();
            (p.extension()? == "html")
                .then(|| p.file_stem().unwrap().to_string_lossy().into_owned())
        })
        .collect();
    names.sort();
    assert!(names.len() >= 15, "{names:?}");
    names
}

fn check_file(name: &str, ext: &str) -> Checked {
    let file = format!("{name}.{ext}");
    let bytes = std::fs::read(office_dir().join(&file)).unwrap();
    nianbao::check_bytes(&bytes, &file)
}

/// A finding without its spans (they point into different texts).
fn essence(f: &Finding) -> String {
    format!(
        "{} {:?} {:?} {:?} {:?} {:?} {}",
        f.rule, f.severity, f.cells, f.culprit, f.fix, f.table, f.message
    )
}

fn assert_reads_like_html(ext: &str) {
    let mut errors_seen = 0;
    for name in names() {
        let html = check_file(&name, "html");
        let other = check_file(&name, ext);
        assert_eq!(other.error, None, "{name}.{ext}");
        assert_eq!(other.report.format, html.report.format, "{name}.{ext}");
        assert_eq!(other.report.year, html.report.year, "{name}.{ext}");
        assert!(html.report.cells.len() > 100, "{name}");
        assert_eq!(html.error, None, "{name}");
        for (key, cell) in &html.report.cells {
            assert_eq!(other.report.value(key), cell.value, "{name}.{ext}: {key}");
        }
        let want: Vec<String> = html.findings.iter().map(essence).collect();
        let got: Vec<String> = other.findings.iter().map(essence).collect();
        assert_eq!(got, want, "{name}.{ext}");
        // The page shows the laid-out text and checks it as pasted text: same result.
        let pasted = nianbao::check_text(&other.source);
        assert_eq!(
            pasted.report.values(),
            other.report.values(),
            "{name}.{ext} pasted"
        );
        let again: Vec<String> = pasted.findings.iter().map(essence).collect();
        assert_eq!(again, want, "{name}.{ext} pasted");
        errors_seen += html.count(nianbao::rules::Severity::Error);
        // Every cell read from the file points at its number in the laid-out text.
        for (key, cell) in &other.report.cells {
            if let (Some(span), Some(v)) = (cell.span, cell.value) {
                if !cell.blank && !cell.inferred {
                    let shown = &other.source[span.start..span.end];
                    assert_eq!(shown.trim(), format!("{v}"), "{name}.{ext}: {key}");
                }
            }
        }
    }
    // 003 and 030 carry real errors.
    assert!(errors_seen >= 2, "{errors_seen}");
}

#[test]
fn docx_reads_like_html() {
    assert_reads_like_html("docx");
}

#[test]
fn doc_reads_like_html() {
    assert_reads_like_html("doc");
}

#[test]
fn pdf_reads_like_html() {
    assert_reads_like_html("pdf");
}
