//! The whole path of a dropped file: size check, office sniffing, decoding, reading, rules and
//! the JSON the CLI prints. The file name only chooses the reader; it follows the input's length
//! so that every input (and every seed, taken as it is) reaches both. The regression test runs
//! each saved input under both names.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let name = if data.len() % 2 == 0 {
        "报告.html"
    } else {
        "报告.txt"
    };
    let checked = nianbao::check_bytes(data, name);
    assert!(checked.error.as_ref().is_none_or(|e| !e.is_empty()));
    let _ = checked.to_json(name);
});
