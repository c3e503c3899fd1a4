//! The office test files (issue 5): corpus values rendered into the official layout as HTML,
//! which `scripts/make-office-fixtures` has LibreOffice convert to .docx, .doc and .pdf.
//! `cargo test --test office_fixtures -- --ignored` rewrites the HTML; the committed files are
//! what the reader tests compare against.

mod common;

use common::render::{load_expected, render_html};

/// The sample, every consistent corpus report, and two with errors (003, 030).
pub const OFFICE_REPORTS: &[(&str, u32)] = &[
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
    ("003", 2020),
    ("030", 2023),
];

#[test]
#[ignore = "writes tests/fixtures/office/*.html; run by scripts/make-office-fixtures"]
fn write_office_html() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/office");
    std::fs::create_dir_all(&dir).unwrap();
    for &(name, year) in OFFICE_REPORTS {
        let (format, cells) = load_expected(name);
        let html = render_html(&format, year, "平潭综合实验区某局", &cells);
        std::fs::write(dir.join(format!("{name}.html")), html).unwrap();
    }
}
