//! The page's second wasm module (issue 5): the Word and PDF readers, which the main module
//! leaves out (it is built without the `office` feature). The page loads it only when such a
//! file arrives (www/readers-loader.js). Built by scripts/web-env (`build_readers`) with the
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
