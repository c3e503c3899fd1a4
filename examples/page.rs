//! The page's entry point for Trunk (`example = "page"` in Trunk.toml). The crate has a library
//! and the CLI binary; Trunk needs exactly one wasm artifact, and an example is the one target
//! it can select without building the CLI for wasm. Natively this does nothing.
//!
//! Its one export, `open_files`, lets the batch view (www/page.js) open a report of a batch in
//! the single-report view. The batch itself is checked by the second module
//! (examples/readers.rs) in a Web Worker.

fn main() {
    #[cfg(target_arch = "wasm32")]
    nianbao::web::start();
}

/// Opens one report of a batch (and last year's, when paired) in the single-report view.
#[cfg(target_arch = "wasm32")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn open_files(file: web_sys::File, prev: Option<web_sys::File>) {
    nianbao::web::open_files(file, prev);
}
