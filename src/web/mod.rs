//! The page (wasm32 only). Built in the page issue; the core stays native-testable.
