//! The page (wasm32 only): paste, type or drop a report and see every inconsistency in place.
//! The core does the reading and checking; this module wires the DOM to it and renders the
//! result ([`render`]). Nothing leaves the browser. The user's input is never replaced by an
//! error: a bad file leaves the text area and the last result as they were.

pub mod batch;
mod render;
#[cfg(test)]
mod tests;

use crate::{check_bytes, check_html, check_text, Checked};
use gloo_events::{EventListener, EventListenerOptions};
use gloo_timers::callback::Timeout;
use std::cell::RefCell;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Document as Dom, Element, HtmlElement, HtmlInputElement, HtmlTextAreaElement};

/// The bundled sample (「载入示例」): a consistent 2021 report.
pub const SAMPLE: &str = include_str!("../../tests/fixtures/corpus/shuangyashan-2021.txt");

/// How long typing must pause before the text is checked again.
const DEBOUNCE_MS: u32 = 300;

#[derive(Default)]
struct App {
    /// What is shown: the report checked against last year's (when there is one).
    checked: Option<Checked>,
    /// The report as checked on its own, and where it came from (to compare again when last
    /// year's report changes).
    base: Option<(Checked, String)>,
    /// 上年度报告, when given and readable.
    prev: Option<Checked>,
    pending: Option<Timeout>,
    pending_prev: Option<Timeout>,
    listeners: Vec<EventListener>,
}

thread_local! {
    static APP: RefCell<App> = RefCell::new(App::default());
    /// `window.nianbaoGeneration` when this instance started (see [`alive`]).
    static GENERATION: std::cell::Cell<f64> = const { std::cell::Cell::new(0.0) };
}

/// The page's instance count: www/page.js bumps it when a check traps (a panic, with
/// panic=immediate-abort) and starts a new instance of the module.
fn generation() -> f64 {
    js_sys::Reflect::get(&js_sys::global(), &"nianbaoGeneration".into())
        .ok()
        .and_then(|v| v.as_f64())
        .unwrap_or(0.0)
}

/// Whether this instance is still the page's. The listeners of an instance that trapped stay
/// attached to the DOM (nothing can remove them), so they do nothing once a new one started.
fn alive() -> bool {
    GENERATION.with(|g| g.get()) == generation()
}

fn on(
    target: &web_sys::EventTarget,
    ty: &'static str,
    mut f: impl FnMut(&web_sys::Event) + 'static,
) -> EventListener {
    EventListener::new(target, ty, move |e| {
        if alive() {
            f(e)
        }
    })
}

fn on_opts(
    target: &web_sys::EventTarget,
    ty: &'static str,
    opts: EventListenerOptions,
    mut f: impl FnMut(&web_sys::Event) + 'static,
) -> EventListener {
    EventListener::new_with_options(target, ty, opts, move |e| {
        if alive() {
            f(e)
        }
    })
}

fn dom() -> Dom {
    web_sys::window()
        .and_then(|w| w.document())
        .expect("page has a document")
}

fn by_id<T: JsCast>(id: &str) -> Option<T> {
    dom()
        .get_element_by_id(id)
        .and_then(|e| e.dyn_into::<T>().ok())
}

fn input() -> HtmlTextAreaElement {
    by_id("report-input").expect("#report-input")
}

/// Wires the page up; called by the page's entry point (examples/page.rs, built by Trunk).
pub fn start() {
    // Instantiated off the page (a worker): nothing to wire.
    if web_sys::window().is_none() {
        return;
    }
    GENERATION.with(|g| g.set(generation()));
    let doc = dom();
    let Some(area) = by_id::<HtmlTextAreaElement>("report-input") else {
        return;
    };
    let mut ls = Vec::new();

    ls.push(on(&area, "input", |_| {
        let t = Timeout::new(DEBOUNCE_MS, || {
            if !alive() {
                return;
            }
            let text = input().value();
            check_and_show(check_text(&text), "输入的文字");
        });
        APP.with(|a| a.borrow_mut().pending = Some(t));
    }));

    let opts = EventListenerOptions::enable_prevent_default();
    ls.push(on_opts(&area, "paste", opts, on_paste));

    for (id, target) in [
        ("report-file", Target::Report),
        ("prev-file", Target::Previous),
    ] {
        if let Some(file) = by_id::<HtmlInputElement>(id) {
            ls.push(on(&file, "change", move |e| {
                let Some(el) = e
                    .target()
                    .and_then(|t| t.dyn_into::<HtmlInputElement>().ok())
                else {
                    return;
                };
                if let Some(f) = el.files().and_then(|l| l.get(0)) {
                    read_file(f, target);
                }
                // Choosing the same file again must fire `change` again.
                el.set_value("");
            }));
        }
    }

    if let Some(prev) = by_id::<HtmlTextAreaElement>("prev-input") {
        ls.push(on(&prev, "input", |_| {
            let t = Timeout::new(DEBOUNCE_MS, || {
                if !alive() {
                    return;
                }
                let text = prev_input().map(|p| p.value()).unwrap_or_default();
                set_prev(&text, prev_checked_text(&text));
            });
            APP.with(|a| a.borrow_mut().pending_prev = Some(t));
        }));
    }

    for id in ["load-sample", "load-sample-empty"] {
        if let Some(b) = by_id::<Element>(id) {
            ls.push(on(&b, "click", |_| load_sample()));
        }
    }

    // Drag and drop anywhere on the page.
    ls.push(on_opts(&doc, "dragover", opts, |e| {
        e.prevent_default();
        set_dragging(true);
    }));
    ls.push(on(&doc, "dragleave", |e| {
        let e: &web_sys::DragEvent = e.unchecked_ref();
        // Leaving the window (no related target) ends the drag; moving between children does not.
        if e.related_target().is_none() {
            set_dragging(false);
        }
    }));
    ls.push(on_opts(&doc, "drop", opts, |e| {
        e.prevent_default();
        set_dragging(false);
        let e: &web_sys::DragEvent = e.unchecked_ref();
        if let Some(f) = e
            .data_transfer()
            .and_then(|d| d.files())
            .and_then(|l| l.get(0))
        {
            read_file(f, Target::Report);
        } else if let Some(text) = e
            .data_transfer()
            .and_then(|d| d.get_data("text/plain").ok())
        {
            if !text.trim().is_empty() {
                cancel_pending();
                input().set_value(&text);
                check_and_show(check_text(&text), "拖入的文字");
            }
        }
    }));

    // Findings and flagged cells: click or Enter/Space.
    for id in ["findings", "tables", "prose"] {
        if let Some(el) = by_id::<Element>(id) {
            ls.push(on(&el, "click", on_activate));
            ls.push(on(&el, "keydown", |e| {
                let k: &web_sys::KeyboardEvent = e.unchecked_ref();
                if k.key() == "Enter" || k.key() == " " {
                    // Enter on the 规则说明 summary toggles it; leave that alone.
                    let on_summary = e
                        .target()
                        .and_then(|t| t.dyn_into::<Element>().ok())
                        .is_some_and(|t| t.tag_name() == "SUMMARY");
                    if !on_summary {
                        e.prevent_default();
                        on_activate(e);
                    }
                }
            }));
        }
    }

    APP.with(|a| a.borrow_mut().listeners = ls);

    // After an internal error the page starts a new instance, which keeps what is shown (and
    // the input, untouched) rather than check the text that made the last one fail.
    let root = doc.document_element();
    if root
        .as_ref()
        .is_some_and(|r| r.has_attribute("data-recovered"))
    {
        if let Some(r) = &root {
            let _ = r.remove_attribute("data-recovered");
        }
        return;
    }
    // A reload may keep the browser's restored text: check it rather than show an empty state.
    if let Some(prev) = prev_input().map(|p| p.value()) {
        if !prev.trim().is_empty() {
            APP.with(|a| {
                a.borrow_mut().prev = prev_checked_text(&prev).filter(|c| c.error.is_none())
            });
            show_prev_state();
        }
    }
    let text = area.value();
    if text.trim().is_empty() {
        show_empty();
    } else {
        check_and_show(check_text(&text), "输入的文字");
    }
    if let Some(root) = root {
        let _ = root.set_attribute("data-ready", "");
    }
}

/// Drops a debounced check of typed text that a paste, file or sample has overtaken.
/// (Never called from the timeout's own callback, which must not drop itself.)
fn cancel_pending() {
    let t = APP.with(|a| a.borrow_mut().pending.take());
    drop(t);
}

fn load_sample() {
    cancel_pending();
    let area = input();
    area.set_value(SAMPLE);
    check_and_show(check_text(SAMPLE), "示例报告（双鸭山市 2021 年）");
}

/// Paste prefers the clipboard's HTML (Word and browsers keep the tables there).
fn on_paste(e: &web_sys::Event) {
    let e: &web_sys::ClipboardEvent = e.unchecked_ref();
    let Some(data) = e.clipboard_data() else {
        return;
    };
    let html = data.get_data("text/html").unwrap_or_default();
    let text = data.get_data("text/plain").unwrap_or_default();
    let area = input();
    let value = area.value();
    let start = area.selection_start().ok().flatten().unwrap_or(0) as usize;
    let end = area.selection_end().ok().flatten().unwrap_or(0) as usize;
    // HTML describes the whole report only when the paste replaces the whole text.
    let replaces_all =
        value.trim().is_empty() || (start == 0 && end >= value.encode_utf16().count());
    if html.trim().is_empty() || !replaces_all {
        return; // The browser inserts the text; the input event re-checks it.
    }
    let checked = check_html(&html);
    if checked.error.is_some() && !text.trim().is_empty() {
        return; // Not a report as HTML (a fragment of prose): treat it as text.
    }
    e.prevent_default();
    cancel_pending();
    // The text area shows the core's own reading of the HTML (rows as tab-separated lines), not
    // the clipboard's text/plain: editing it then re-checks to the same cells.
    if let Some(shown) = html_as_text(html) {
        area.set_value(&shown);
    }
    check_and_show(checked, "粘贴的网页内容（按表格结构读取）");
}

/// Which input a file goes to: the report, or 上年度报告.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Target {
    Report,
    Previous,
}

fn read_file(file: web_sys::File, target: Target) {
    wasm_bindgen_futures::spawn_local(async move {
        if let Some((checked, shown, name)) = load_file(file).await {
            show_file(checked, shown, &name, target);
        }
    });
}

/// Opens one report of a batch (and the same body's report of the year before, when the batch
/// has it) in the single-report view. Called by the batch view (www/page.js).
pub fn open_files(file: web_sys::File, prev: Option<web_sys::File>) {
    wasm_bindgen_futures::spawn_local(async move {
        let prev = match prev {
            Some(p) => load_file(p).await,
            None => None,
        };
        let Some((checked, shown, name)) = load_file(file).await else {
            return;
        };
        match prev {
            Some((c, text, _)) => {
                if let Some(p) = prev_input() {
                    p.set_value(&text);
                }
                APP.with(|a| a.borrow_mut().prev = c.error.is_none().then_some(c));
            }
            None => {
                if let Some(p) = prev_input() {
                    p.set_value("");
                }
                APP.with(|a| a.borrow_mut().prev = None);
            }
        }
        show_prev_state();
        show_file(checked, shown, &name, Target::Report);
    });
}

/// Reads and checks a file: text and HTML by the core; Word and PDF by the readers module
/// (loaded on first use) into laid-out text, which is then checked as text. Returns the check,
/// the text for the text area and the file's name; a file that cannot be read shows why and
/// returns None (the inputs stay as they were).
async fn load_file(file: web_sys::File) -> Option<(Checked, String, String)> {
    let name = file.name();
    let buf = match wasm_bindgen_futures::JsFuture::from(file.array_buffer()).await {
        Ok(b) => b,
        Err(_) => {
            show_message(
                "error",
                &format!("无法读取文件「{name}」。请重新选择，或直接粘贴报告文字。"),
            );
            return None;
        }
    };
    let bytes = js_sys::Uint8Array::new(&buf).to_vec();
    if let Some(kind) = crate::source::office::sniff(&bytes) {
        show_message(
            "info",
            &format!("正在读取 {} 文件「{name}」……", kind.label()),
        );
        return match extract(&bytes).await {
            Ok(text) => {
                test_hook();
                Some((check_text(&text), text, name))
            }
            Err(err) => {
                show_message("error", &format!("文件「{name}」：{err}"));
                None
            }
        };
    }
    test_hook();
    let checked = check_bytes(&bytes, &name);
    if let Some(err) = &checked.error {
        // Keep the text area and the last result: the user's input is never lost.
        show_message("error", &format!("文件「{name}」：{err}"));
        return None;
    }
    let lower = name.to_ascii_lowercase();
    let shown = if lower.ends_with(".html") || lower.ends_with(".htm") {
        // The check succeeded, so the page is within the limits.
        html_as_text(checked.source.clone()).unwrap_or_default()
    } else {
        checked.source.clone()
    };
    Some((checked, shown, name))
}

fn show_file(checked: Checked, shown: String, name: &str, target: Target) {
    match target {
        Target::Report => {
            cancel_pending();
            input().set_value(&shown);
            check_and_show(checked, &format!("文件 {name}"));
        }
        Target::Previous => {
            if let Some(p) = prev_input() {
                p.set_value(&shown);
            }
            set_prev(&shown, Some(checked));
        }
    }
}

/// Word and PDF files through the readers module (www/readers-loader.js): the laid-out text,
/// or why it cannot be read (Chinese).
async fn extract(bytes: &[u8]) -> Result<String, String> {
    const MISSING: &str =
        "此页面无法读取 Word/PDF 文件。请在 Word/WPS 中打开后全选复制粘贴到此处。";
    let f = js_sys::Reflect::get(&js_sys::global(), &"nianbao".into())
        .and_then(|n| js_sys::Reflect::get(&n, &"extract".into()))
        .ok()
        .and_then(|f| f.dyn_into::<js_sys::Function>().ok())
        .ok_or_else(|| MISSING.to_string())?;
    let arg = js_sys::Uint8Array::from(bytes);
    let promise = f
        .call1(&JsValue::UNDEFINED, &arg)
        .ok()
        .and_then(|p| p.dyn_into::<js_sys::Promise>().ok())
        .ok_or_else(|| MISSING.to_string())?;
    match wasm_bindgen_futures::JsFuture::from(promise).await {
        Ok(v) => v.as_string().ok_or_else(|| MISSING.to_string()),
        Err(e) => Err(e.as_string().unwrap_or_else(|| MISSING.to_string())),
    }
}

fn prev_input() -> Option<HtmlTextAreaElement> {
    by_id("prev-input")
}

/// 上年度报告 typed or pasted: checked as text (None when empty).
fn prev_checked_text(text: &str) -> Option<Checked> {
    if text.trim().is_empty() {
        None
    } else {
        Some(check_text(text))
    }
}

/// Sets 上年度报告 and shows the report again against it.
fn set_prev(text: &str, prev: Option<Checked>) {
    let err = prev.as_ref().and_then(|c| c.error.clone());
    APP.with(|a| a.borrow_mut().prev = prev.filter(|c| c.error.is_none()));
    show_prev_state();
    if let Some(err) = err.filter(|_| !text.trim().is_empty()) {
        set_prev_note("error", &format!("上年度报告无法比较：{err}"));
    }
    let base = APP.with(|a| a.borrow().base.clone());
    if let Some((checked, label)) = base {
        check_and_show(checked, &label);
    }
}

/// The line under 上年度报告: what it is (body, year) or why it cannot be compared.
fn show_prev_state() {
    let note = APP.with(|a| {
        a.borrow().prev.as_ref().map(|p| {
            format!(
                "将与上年度报告比较：{}，{}。",
                p.report.body.as_deref().unwrap_or("发布机关未识别"),
                p.report
                    .year
                    .map(|y| format!("{y} 年度"))
                    .unwrap_or_else(|| "年度未识别".into())
            )
        })
    });
    set_prev_note("info", note.as_deref().unwrap_or(""));
    if let Some(d) = by_id::<Element>("prev-panel") {
        if note.is_some() {
            let _ = d.set_attribute("open", "");
        }
    }
}

fn set_prev_note(kind: &str, text: &str) {
    if let Some(el) = by_id::<HtmlElement>("prev-note") {
        el.set_text_content(Some(text));
        el.set_class_name(kind);
        el.set_hidden(text.is_empty());
    }
}

/// The e2e test of the internal-error path (tests/e2e/errors.test.mjs) sets `data-test-panic`
/// on <html> to make the next check panic (a trap, with panic=immediate-abort). Input never
/// reaches attributes, so no report can trigger it.
fn test_hook() {
    let set = dom()
        .document_element()
        .is_some_and(|e| e.has_attribute("data-test-panic"));
    if set {
        if let Some(e) = dom().document_element() {
            let _ = e.remove_attribute("data-test-panic");
        }
        panic!("test hook: data-test-panic");
    }
}

/// HTML as the text area shows it: paragraphs as lines, table rows as tab-separated cells.
/// None when it is over the size limits (the check has said so; reading it would freeze the tab).
pub fn html_as_text(html: String) -> Option<String> {
    let doc = crate::source::read_checked(html, true).ok()?;
    Some(doc.plain_text().as_str().trim().to_string())
}

/// Shows a result; input that is no report shows why, and keeps the last tables away.
fn check_and_show(checked: Checked, source_label: &str) {
    test_hook();
    let mut checked = checked;
    if checked.error.is_none() {
        APP.with(|a| {
            let mut a = a.borrow_mut();
            a.base = Some((checked.clone(), source_label.to_string()));
            if let Some(prev) = &a.prev {
                checked.compare_with_previous(prev);
            }
        });
    } else {
        APP.with(|a| a.borrow_mut().base = None);
    }
    if let Some(err) = checked.error.clone() {
        let empty = input().value().trim().is_empty();
        if empty {
            show_empty();
        } else {
            show_message("error", &err);
            set_state("error");
            set_html("findings", "");
            set_html("tables", "");
            set_html("prose", "");
            set_html("summary-body", "");
            if let Some(s) = by_id::<Element>("summary") {
                for a in ["data-errors", "data-warnings", "data-infos"] {
                    let _ = s.remove_attribute(a);
                }
            }
            APP.with(|a| a.borrow_mut().checked = None);
        }
        return;
    }
    show_message("", "");
    let counts = (
        checked.count(crate::rules::Severity::Error),
        checked.count(crate::rules::Severity::Warning),
        checked.count(crate::rules::Severity::Info),
    );
    set_html("summary-body", &render::summary(&checked, source_label));
    set_html("findings", &render::findings(&checked));
    set_html("tables", &render::tables(&checked));
    set_html("prose", &render::prose(&checked));
    if let Some(s) = by_id::<Element>("summary") {
        let _ = s.set_attribute("data-errors", &counts.0.to_string());
        let _ = s.set_attribute("data-warnings", &counts.1.to_string());
        let _ = s.set_attribute("data-infos", &counts.2.to_string());
    }
    set_state("checked");
    APP.with(|a| a.borrow_mut().checked = Some(checked));
}

fn show_empty() {
    show_message("", "");
    set_html("summary-body", "");
    set_html("findings", "");
    set_html("tables", "");
    set_html("prose", "");
    if let Some(s) = by_id::<Element>("summary") {
        for a in ["data-errors", "data-warnings", "data-infos"] {
            let _ = s.remove_attribute(a);
        }
    }
    set_state("empty");
    APP.with(|a| a.borrow_mut().checked = None);
}

/// `data-state` on `<body>` (empty / checked / error) switches the layout; `data-run` counts.
fn set_state(state: &str) {
    if let Some(body) = dom().body() {
        let _ = body.set_attribute("data-state", state);
    }
    // Counted on the element, so that a restarted instance (see `alive`) counts on.
    if let Some(s) = by_id::<Element>("summary") {
        let run = s
            .get_attribute("data-run")
            .and_then(|r| r.parse::<u32>().ok())
            .unwrap_or(0);
        let _ = s.set_attribute("data-run", &(run + 1).to_string());
    }
}

fn set_dragging(on: bool) {
    if let Some(body) = dom().body() {
        let _ = body.class_list().toggle_with_force("dragging", on);
    }
}

fn set_html(id: &str, html: &str) {
    if let Some(el) = by_id::<Element>(id) {
        el.set_inner_html(html);
    }
}

/// A message line (`error` or `info`); an empty text hides it.
fn show_message(kind: &str, text: &str) {
    if let Some(el) = by_id::<HtmlElement>("message") {
        el.set_text_content(Some(text));
        el.set_class_name(kind);
        el.set_hidden(text.is_empty());
    }
}

/// A finding was activated: scroll to its cells and flash them. A flagged cell was activated:
/// flash its findings.
fn on_activate(e: &web_sys::Event) {
    let Some(target) = e.target().and_then(|t| t.dyn_into::<Element>().ok()) else {
        return;
    };
    // Clicks inside 规则说明 only toggle it.
    if target.closest("details").ok().flatten().is_some() {
        return;
    }
    if let Some(li) = target.closest(".finding").ok().flatten() {
        let Some(i) = li
            .get_attribute("data-index")
            .and_then(|s| s.parse::<usize>().ok())
        else {
            return;
        };
        let (cells, culprit, span, source) = APP.with(|a| {
            let a = a.borrow();
            let Some(c) = a.checked.as_ref() else {
                return Default::default();
            };
            c.findings
                .get(i)
                .map(|f| {
                    (
                        f.cells.clone(),
                        f.culprit.clone(),
                        f.span,
                        Some(c.source.clone()),
                    )
                })
                .unwrap_or_default()
        });
        // A finding about the text (a sentence, a missing section, the year) points to its
        // sentence in 报告正文 (and flashes its cells too), else into the input.
        let marks = prose_marks(i);
        if cells.is_empty() && marks.is_empty() {
            if let (Some(span), Some(source)) = (span, source) {
                select_in_input(&source, span.start, span.end);
            }
            return;
        }
        let mut els: Vec<Element> = cells
            .iter()
            .filter_map(|k| {
                dom()
                    .query_selector(&format!("[data-cell=\"{k}\"]"))
                    .ok()
                    .flatten()
            })
            .collect();
        let first = culprit
            .and_then(|k| {
                dom()
                    .query_selector(&format!("[data-cell=\"{k}\"]"))
                    .ok()
                    .flatten()
            })
            .or_else(|| els.first().cloned());
        let first = marks.first().cloned().or(first);
        els.extend(marks);
        if let Some(first) = first {
            scroll_to(&first);
        }
        flash(els);
        return;
    }
    if let Some(td) = target.closest("[data-findings]").ok().flatten() {
        let list = td.get_attribute("data-findings").unwrap_or_default();
        let els: Vec<Element> = list
            .split_whitespace()
            .filter_map(|i| {
                dom()
                    .query_selector(&format!(".finding[data-index=\"{i}\"]"))
                    .ok()
                    .flatten()
            })
            .collect();
        if let Some(first) = els.first() {
            scroll_to(first);
        }
        flash(els);
    }
}

/// The highlighted passages of 报告正文 that finding `i` is about.
fn prose_marks(i: usize) -> Vec<Element> {
    let mut out = Vec::new();
    let Some(text) = dom().query_selector("#prose .prose-text").ok().flatten() else {
        return out;
    };
    let mut next = text.first_element_child();
    while let Some(el) = next {
        let hit = el
            .get_attribute("data-findings")
            .is_some_and(|l| l.split_whitespace().any(|n| n == i.to_string()));
        next = el.next_element_sibling();
        if hit {
            out.push(el);
        }
    }
    out
}

/// Selects bytes `start..end` of the checked source in the text area, when it shows that source.
fn select_in_input(source: &str, start: usize, end: usize) {
    let area = input();
    if area.value() != source || !source.is_char_boundary(start) || !source.is_char_boundary(end) {
        return;
    }
    let utf16 = |b: usize| source[..b].encode_utf16().count() as u32;
    let _ = area.focus();
    let _ = area.set_selection_range(utf16(start), utf16(end.max(start)));
    scroll_to(&area);
}

fn scroll_to(el: &Element) {
    let opts = web_sys::ScrollIntoViewOptions::new();
    opts.set_behavior(web_sys::ScrollBehavior::Smooth);
    opts.set_block(web_sys::ScrollLogicalPosition::Center);
    opts.set_inline(web_sys::ScrollLogicalPosition::Center);
    el.scroll_into_view_with_scroll_into_view_options(&opts);
}

fn flash(els: Vec<Element>) {
    for el in &els {
        let cl = el.class_list();
        let _ = cl.remove_1("flash");
        // Restart the animation when the same cells flash again.
        let _ = el.unchecked_ref::<HtmlElement>().offset_width();
        let _ = cl.add_1("flash");
    }
    Timeout::new(1600, move || {
        for el in &els {
            let _ = el.class_list().remove_1("flash");
        }
    })
    .forget();
}

/// The check as JSON (the CLI's `--json` entry), for scripts on the page (cargo feature `js-api`;
/// off in the release page to keep within its size budget).
#[cfg(feature = "js-api")]
#[wasm_bindgen(js_name = checkText)]
pub fn check_text_json(text: &str) -> JsValue {
    to_js(&check_text(text).to_json("input"))
}

/// Same for HTML (what the page does with the clipboard's `text/html`).
#[cfg(feature = "js-api")]
#[wasm_bindgen(js_name = checkHtml)]
pub fn check_html_json(html: &str) -> JsValue {
    to_js(&check_html(html).to_json("input"))
}

/// Every rule with its id, severity, title and 规则说明.
#[cfg(feature = "js-api")]
#[wasm_bindgen(js_name = rules)]
pub fn rules_json() -> JsValue {
    let list: Vec<&crate::rules::Rule> = crate::rules::rules().collect();
    to_js(&list)
}

#[cfg(feature = "js-api")]
fn to_js<T: serde::Serialize>(v: &T) -> JsValue {
    v.serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .unwrap_or(JsValue::NULL)
}
