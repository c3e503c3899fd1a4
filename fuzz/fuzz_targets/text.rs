//! Plain text → Document → Report: must never panic, whatever the text (the rules run in `check`).
#![no_main]

use libfuzzer_sys::fuzz_target;
use nianbao::source::Document;

fuzz_target!(|data: &[u8]| {
    let Ok(s) = std::str::from_utf8(data) else {
        return;
    };
    let doc = Document::parse_text(s.to_string());
    let report = nianbao::template::read(&doc);
    let _ = report.has_any_table();
});
