//! The page's second wasm module: the Word and PDF readers (issue 5) and the batch checker
//! (issue 7), which the main module leaves out (it is built without the `office` feature, and
//! within its size budget). The page loads it only when a Word/PDF file arrives or a batch
//! starts (www/readers-loader.js); the batch runs it in a Web Worker (www/worker.js) with the
//! whole core, office readers included. Built by scripts/web-env (`build_readers`) with the
//! same nightly Chromium-86 recipe as the main module. Natively this does nothing.

fn main() {}

/// The text of a .docx, .doc or .pdf file as laid out by the core (cells separated by tabs,
/// rows by line breaks): checking it as text reads the same cells. Errors are Chinese.
#[cfg(target_arch = "wasm32")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn extract(bytes: &[u8]) -> Result<String, wasm_bindgen::JsValue> {
    use nianbao::source::office;
    let Some(kind) = office::sniff(bytes) else {
        return Err("不是 Word（.docx/.doc）或 PDF 文件。".into());
    };
    office::read(bytes, kind)
        .map(|doc| doc.source)
        .map_err(|e| e.into())
}

/// The reports in a .zip (.txt, .html, .docx, .doc, .pdf at any depth; folders and macOS
/// metadata skipped), as `[name, bytes]` pairs, or `[name, message]` for an entry that cannot
/// be taken out (encrypted, too large, damaged). Errors are Chinese.
#[cfg(target_arch = "wasm32")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn unzip(bytes: &[u8]) -> Result<js_sys::Array, wasm_bindgen::JsValue> {
    use nianbao::source::zip::{Archive, ZipError};
    const REPORTS: [&str; 6] = [".txt", ".html", ".htm", ".docx", ".doc", ".pdf"];
    let archive =
        Archive::open(bytes).map_err(|_| "无法打开此 .zip 文件：文件已损坏或不是 zip 格式。")?;
    let out = js_sys::Array::new();
    for e in &archive.entries {
        let lower = e.name.to_lowercase();
        if lower.ends_with('/')
            || lower.starts_with("__macosx/")
            || !REPORTS.iter().any(|x| lower.ends_with(x))
        {
            continue;
        }
        let item: wasm_bindgen::JsValue = match archive.read(e) {
            Ok(data) => js_sys::Uint8Array::from(&data[..]).into(),
            Err(ZipError::Encrypted) => "此文件在 zip 中加了密码，无法读取。".into(),
            Err(ZipError::TooLarge) => "此文件解压后过大，不像是年度报告。".into(),
            Err(ZipError::Method(_)) => "此文件的压缩方式不受支持，请解压后再选择。".into(),
            Err(ZipError::Damaged) => "此文件在 zip 中已损坏。".into(),
        };
        out.push(&js_sys::Array::of2(&e.name.as_str().into(), &item));
    }
    Ok(out)
}

/// The batch (www/worker.js): each file checked as the CLI checks it (Word/PDF included), one
/// summary row (JSON) per file; `batch_finish` pairs the same body's consecutive years.
#[cfg(target_arch = "wasm32")]
mod batch {
    use nianbao::web::batch;
    use wasm_bindgen::prelude::*;

    #[wasm_bindgen]
    pub fn batch_reset() {
        batch::reset();
    }

    #[wasm_bindgen]
    pub fn batch_add(name: &str, bytes: &[u8]) -> String {
        batch::add_bytes(name, bytes)
    }

    #[wasm_bindgen]
    pub fn batch_add_failed(name: &str, message: &str) -> String {
        batch::add_failed(name, message)
    }

    #[wasm_bindgen]
    pub fn batch_finish() -> String {
        batch::finish()
    }

    /// `summary` / `findings` (CSV with BOM) or `json` (the CLI's shape).
    #[wasm_bindgen]
    pub fn batch_export(kind: &str) -> String {
        batch::export(kind)
    }
}
