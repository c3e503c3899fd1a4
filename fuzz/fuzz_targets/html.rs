//! HTML → Document → Report: must never panic, whatever the markup (the rules run in `check`).
#![no_main]

use libfuzzer_sys::fuzz_target;
use nianbao::source::Document;

fuzz_target!(|data: &[u8]| {
    let s = String::from_utf8_lossy(data);
    let doc = Document::parse_html(s.into_owned());
    let report = nianbao::template::read(&doc);
    let _ = report.has_any_table();
});
