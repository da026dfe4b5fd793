//! The wasm API tests in Node: `wasm-pack test --node -- --test wasm_node` (scripts/test runs it).
#![cfg(target_arch = "wasm32")]
mod wasm_common;
