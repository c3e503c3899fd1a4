//! Glued digit runs: `splits` lists every reading of whitespace-separated runs as `n` cells. It
//! must stay bounded (MAX_CANDIDATES) and fast however long or many the runs are. The first byte
//! is the number of cells wanted; the rest is split at whitespace into runs.
#![no_main]

use libfuzzer_sys::fuzz_target;
use nianbao::source::Text;
use nianbao::template::numbers::{splits, Run};

fuzz_target!(|data: &[u8]| {
    let Some((&n, rest)) = data.split_first() else {
        return;
    };
    let Ok(s) = std::str::from_utf8(rest) else {
        return;
    };
    let mut runs = Vec::new();
    let mut at = 1;
    for part in s.split(' ') {
        let keep = part
            .bytes()
            .all(|b| b.is_ascii_digit() || b == b'.' || b == b'-' || b == b'+');
        if keep && !part.is_empty() {
            let mut text = Text::new();
            text.push_source(part, at);
            runs.push(Run { text, unit: None });
        }
        at += part.len() + 1;
    }
    let n = usize::from(n % 64);
    if let Some(readings) = splits(&runs, n) {
        for r in readings {
            assert_eq!(r.len(), n);
        }
    }
});
