//! nianbao — 政府信息公开工作年度报告校验.
//!
//! Data flows one way: [`source`] (input → Document with spans) → [`template`] (Document →
//! Report of keyed cells) → [`rules`] (Report → findings). [`check_text`], [`check_html`] and
//! [`check_bytes`] are what the page, the CLI and the tests call.

pub mod export;
pub mod rules;
pub mod source;
pub mod template;
#[cfg(target_arch = "wasm32")]
pub mod web;

use rules::{Finding, Severity};
use serde_json::{json, Map, Value};
use source::Document;
use template::Report;

/// A checked report: what was read and what is wrong with it.
#[derive(Clone, Debug)]
pub struct Checked {
    pub report: Report,
    pub findings: Vec<Finding>,
    /// Why the input could not be checked at all (Chinese), or None.
    pub error: Option<String>,
    /// The decoded input that spans point into.
    pub source: String,
}

/// The message for input that holds none of the format's tables.
pub const NOT_A_REPORT: &str = "没有找到政府信息公开工作年度报告的统计表（主动公开、收到和处理申请、行政复议和行政诉讼三张表）。请确认内容是完整的年度报告，或从报告原文重新复制。";

impl Checked {
    fn from_document(doc: Document) -> Checked {
        if let Err(e) = doc.check_size() {
            return Checked::failed(e.to_string());
        }
        let report = template::read(&doc);
        if !report.has_any_table() {
            return Checked {
                report,
                findings: Vec::new(),
                error: Some(NOT_A_REPORT.into()),
                source: doc.source,
            };
        }
        let findings = rules::check(&report);
        Checked {
            report,
            findings,
            error: None,
            source: doc.source,
        }
    }

    /// Reads decoded text (as HTML when `html`, else by its content) within the size limits.
    fn read(text: String, html: bool) -> Checked {
        match source::read_checked(text, html) {
            Ok(doc) => Checked::from_document(doc),
            Err(e) => Checked::failed(e.to_string()),
        }
    }

    fn failed(error: String) -> Checked {
        Checked {
            report: Report::default(),
            findings: Vec::new(),
            error: Some(error),
            source: String::new(),
        }
    }

    /// Adds the cross-year findings against last year's report of the same
    /// body. Nothing is compared when either report could not be read.
    pub fn compare_with_previous(&mut self, prev: &Checked) {
        if self.error.is_some() || prev.error.is_some() {
            return;
        }
        self.findings
            .extend(rules::check_against_previous(&prev.report, &self.report));
        self.findings.sort_by_key(|f| f.severity);
    }

    pub fn count(&self, severity: Severity) -> usize {
        self.findings
            .iter()
            .filter(|f| f.severity == severity)
            .count()
    }

    /// The JSON entry of one file (the CLI's `--json` shape; fields may be added, never renamed).
    pub fn to_json(&self, path: &str) -> Value {
        let r = &self.report;
        let readable = self.error.is_none();
        let cells: Map<String, Value> = if readable {
            r.cells
                .iter()
                .map(|(k, c)| (k.clone(), num(c.value)))
                .collect()
        } else {
            Map::new()
        };
        let inferred: Vec<&String> = r
            .cells
            .iter()
            .filter(|(_, c)| c.inferred)
            .map(|(k, _)| k)
            .collect();
        let blank: Vec<&String> = r
            .cells
            .iter()
            .filter(|(_, c)| c.blank)
            .map(|(k, _)| k)
            .collect();
        let spans: Map<String, Value> = r
            .cells
            .iter()
            .filter_map(|(k, c)| c.span.map(|s| (k.clone(), json!([s.start, s.end]))))
            .collect();
        json!({
            "path": path,
            "format": if readable { r.format.map(|f| f.id()) } else { None },
            "year": r.year,
            "title": r.title,
            "body": r.body,
            "cells": cells,
            "inferred": inferred,
            "blank": blank,
            "spans": spans,
            "findings": self.findings,
            "counts": {
                "error": self.count(Severity::Error),
                "warning": self.count(Severity::Warning),
                "info": self.count(Severity::Info),
            },
            "error": self.error,
        })
    }
}

fn num(v: Option<f64>) -> Value {
    match v {
        None => Value::Null,
        Some(x) if x.fract() == 0.0 && x.abs() < 9e15 => json!(x as i64),
        Some(x) => json!(x),
    }
}

/// Checks pasted or typed text (plain text, Markdown, or HTML markup typed as text).
pub fn check_text(text: &str) -> Checked {
    if text.trim().is_empty() {
        return Checked::failed(source::DecodeError::Empty.to_string());
    }
    if text.len() > source::MAX_INPUT_BYTES {
        return Checked::failed(source::DecodeError::TooLarge(text.len()).to_string());
    }
    Checked::read(text.to_string(), false)
}

/// Checks HTML (the clipboard's `text/html`, a saved web page).
pub fn check_html(html: &str) -> Checked {
    if html.trim().is_empty() {
        return Checked::failed(source::DecodeError::Empty.to_string());
    }
    if html.len() > source::MAX_INPUT_BYTES {
        return Checked::failed(source::DecodeError::TooLarge(html.len()).to_string());
    }
    Checked::read(html.to_string(), true)
}

/// Checks a file's bytes: text, HTML, .docx, .doc or .pdf; `name` (its file name) only helps
/// pick the reader for text.
pub fn check_bytes(bytes: &[u8], name: &str) -> Checked {
    match Document::from_bytes(bytes, name) {
        Ok(doc) => Checked::from_document(doc),
        Err(e) => Checked::failed(e),
    }
}
