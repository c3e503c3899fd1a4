//! The same report read from its HTML, from the text Chromium copies from it (innerText, real
//! browser output in tests/fixtures/innertext) and from the core's own plain-text rendering (what
//! the page puts in the input box after an HTML paste) gives the same cells and findings.

use nianbao::source::Document;

const PAGES: &[&str] = &["003", "006", "012", "017", "025", "030"];

fn fixture(path: &str) -> String {
    std::fs::read_to_string(format!(
        "{}/tests/fixtures/{path}",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap()
}

fn same(a: &nianbao::Checked, b: &nianbao::Checked, what: &str) {
    let (va, vb) = (a.report.values(), b.report.values());
    let differ: Vec<_> = va
        .iter()
        .filter(|(k, v)| vb.get(*k) != Some(v))
        .map(|(k, v)| (k, v, vb.get(k)))
        .collect();
    assert!(differ.is_empty(), "{what}: {differ:?}");
    let rules = |c: &nianbao::Checked| {
        c.findings
            .iter()
            .map(|f| (f.rule, f.severity, f.culprit.clone()))
            .collect::<Vec<_>>()
    };
    assert_eq!(rules(a), rules(b), "{what}");
}

#[test]
fn inner_text_reads_like_the_html() {
    for name in PAGES {
        let html = nianbao::check_html(&fixture(&format!("corpus/{name}.html")));
        let text = nianbao::check_text(&fixture(&format!("innertext/{name}.txt")));
        assert_eq!(text.error, None);
        same(&html, &text, name);
    }
}

#[test]
fn plain_text_of_a_document_reads_like_the_document() {
    for name in PAGES {
        let html = fixture(&format!("corpus/{name}.html"));
        let checked = nianbao::check_html(&html);
        let plain = Document::parse_html(html).plain_text();
        same(&checked, &nianbao::check_text(plain.as_str()), name);
    }
}
