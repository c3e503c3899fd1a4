//! The page's entry point for Trunk (`example = "page"` in Trunk.toml). The crate has a library
//! and the CLI binary; Trunk needs exactly one wasm artifact, and an example is the one target
//! it can select without building the CLI for wasm. Natively this does nothing.
//!
//! The same module runs in the page (where `main` wires the DOM) and in the batch worker
//! (www/worker.js, where `main` returns at once and the `batch_*` exports check the files).
//! The exports live here, not in the library, so that other wasm built from the library (the
//! readers module, examples/readers.rs) does not carry them.

fn main() {
    #[cfg(target_arch = "wasm32")]
    nianbao::web::start();
}

#[cfg(target_arch = "wasm32")]
mod exports {
    use nianbao::web::batch;
    use wasm_bindgen::prelude::*;

    /// This module, for the batch worker to instantiate.
    #[wasm_bindgen]
    pub fn wasm_module() -> JsValue {
        wasm_bindgen::module()
    }

    /// Opens one report of a batch (and last year's, when paired) in the single-report view.
    #[wasm_bindgen]
    pub fn open_files(file: web_sys::File, prev: Option<web_sys::File>) {
        nianbao::web::open_files(file, prev);
    }

    #[wasm_bindgen]
    pub fn batch_reset() {
        batch::reset();
    }

    #[wasm_bindgen]
    pub fn batch_add(name: &str, bytes: &[u8]) -> String {
        batch::add_bytes(name, bytes)
    }

    #[wasm_bindgen]
    pub fn batch_add_text(name: &str, text: &str) -> String {
        batch::add_text(name, text)
    }

    #[wasm_bindgen]
    pub fn batch_add_failed(name: &str, message: &str) -> String {
        batch::add_failed(name, message)
    }

    #[wasm_bindgen]
    pub fn batch_finish() -> String {
        batch::finish()
    }

    #[wasm_bindgen]
    pub fn batch_export(kind: &str) -> String {
        batch::export(kind)
    }
}
