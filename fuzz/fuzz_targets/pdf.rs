//! A .pdf file dropped on the page: `check_bytes` sniffs it by its magic bytes and hands it to
//! the .pdf reader. Seeded with tests/fixtures/office/*.pdf; inputs whose magic bytes the
//! mutations broke are skipped (the `check` target covers those).
#![no_main]

use libfuzzer_sys::fuzz_target;
use nianbao::source::office::{sniff, OfficeKind};

fuzz_target!(|data: &[u8]| {
    if sniff(data) != Some(OfficeKind::Pdf) {
        return;
    }
    let checked = nianbao::check_bytes(data, "报告.pdf");
    assert!(checked.error.as_ref().is_none_or(|e| !e.is_empty()));
    let _ = checked.to_json("报告.pdf");
});
