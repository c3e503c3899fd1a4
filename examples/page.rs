//! The page's entry point for Trunk (`example = "page"` in Trunk.toml). The crate has a library
//! and the CLI binary; Trunk needs exactly one wasm artifact, and an example is the one target
//! it can select without building the CLI for wasm. Natively this does nothing.

fn main() {
    #[cfg(target_arch = "wasm32")]
    nianbao::web::start();
}
