//! The batch view's checking side: runs in the page's Web Worker (www/worker.js calls the
//! `batch_*` exports of the second module, examples/readers.rs, which has the office readers).
//! Every file is checked as the CLI checks it, kept until the batch ends, and summarised as one
//! row; the same body's consecutive years are then paired for the cross-year rules, and the
//! exports are the CLI's (CSV with BOM, JSON).

use crate::template::Report;
use crate::{check_bytes, export, rules::Severity, Checked};
use serde_json::{json, Value};
use std::cell::RefCell;

thread_local! {
    static FILES: RefCell<Vec<(String, Checked)>> = const { RefCell::new(Vec::new()) };
}

/// Starts a new batch.
pub fn reset() {
    FILES.with(|f| f.borrow_mut().clear());
}

/// Checks a text or HTML file's bytes and returns its row (JSON).
pub fn add_bytes(name: &str, bytes: &[u8]) -> String {
    push(name, check_bytes(bytes, name))
}

/// Records a file that could not be checked at all (its reader failed, or the check trapped).
pub fn add_failed(name: &str, message: &str) -> String {
    push(name, failed(message))
}

/// A Checked that only says why the input could not be checked.
pub fn failed(message: &str) -> Checked {
    Checked {
        report: Report::default(),
        findings: Vec::new(),
        error: Some(message.to_string()),
        source: String::new(),
    }
}

fn push(name: &str, c: Checked) -> String {
    let row = row(FILES.with(|f| f.borrow().len()), name, &c, None);
    FILES.with(|f| f.borrow_mut().push((name.to_string(), c)));
    row.to_string()
}

/// Pairs the same body's consecutive years (the cross-year rules) and returns every row.
pub fn finish() -> String {
    FILES.with(|f| {
        let mut files = f.borrow_mut();
        let prev = export::pair_years(&mut files);
        let rows: Vec<Value> = files
            .iter()
            .enumerate()
            .map(|(i, (name, c))| row(i, name, c, prev[i]))
            .collect();
        Value::Array(rows).to_string()
    })
}

/// The summary CSV (`summary`), the findings CSV (`findings`) or the CLI's JSON (`json`).
pub fn export(kind: &str) -> String {
    FILES.with(|f| {
        let files = f.borrow();
        match kind {
            "summary" => export::summary_csv(&files),
            "findings" => export::findings_csv(&files),
            _ => {
                let list: Vec<Value> = files.iter().map(|(p, c)| c.to_json(p)).collect();
                serde_json::to_string_pretty(&json!({ "files": list })).unwrap_or_default()
            }
        }
    })
}

fn row(index: usize, name: &str, c: &Checked, prev: Option<usize>) -> Value {
    let r = &c.report;
    let readable = c.error.is_none();
    json!({
        "index": index,
        "name": name,
        "body": r.body,
        "year": r.year,
        "format": if readable { r.format.map(|f| f.name()) } else { None },
        "errors": c.count(Severity::Error),
        "warnings": c.count(Severity::Warning),
        "infos": c.count(Severity::Info),
        "status": export::status(c),
        "error": c.error,
        "prev": prev,
    })
}
