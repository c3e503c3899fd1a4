//! A .doc file dropped on the page: `check_bytes` sniffs it by its magic bytes and hands it to
//! the .doc reader. Seeded with tests/fixtures/office/*.doc; inputs whose magic bytes the
//! mutations broke are skipped (the `check` target covers those).
#![no_main]

use libfuzzer_sys::fuzz_target;
use nianbao::source::office::{sniff, OfficeKind};

fuzz_target!(|data: &[u8]| {
    if sniff(data) != Some(OfficeKind::Doc) {
        return;
    }
    let checked = nianbao::check_bytes(data, "报告.doc");
    assert!(checked.error.as_ref().is_none_or(|e| !e.is_empty()));
    let _ = checked.to_json("报告.doc");
});
