//! The WebAssembly shell: a thin wasm-bindgen layer over the core for the page, the widget and the
//! offline file. One request object in (`{ inputs: [{ name, bytes }], now, hostname, roles,
//! publicRoots }`, read with serde-wasm-bindgen), the report out as a JavaScript object with the same
//! shape as the CLI's `--format json`; bad requests are `Error`s. The rules' documentation is not in
//! the module: the page loads rule-docs.js.

use crate::pki::Role;
use crate::{check as core_check, render, CheckOptions, Input, Report};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use wasm_bindgen::prelude::*;

#[wasm_bindgen(typescript_custom_section)]
const TS_TYPES: &'static str = include_str!("wasm.d.ts");

#[wasm_bindgen(start)]
fn start() {
    // A panic becomes a readable console message; the JS side turns the trap into an error message
    // and starts a fresh instance.
    console_error_panic_hook::set_once();
}

/// One input: its name (a file name or path) and its content.
#[derive(Deserialize)]
struct NamedBytes {
    name: String,
    bytes: serde_bytes::ByteBuf,
}

/// The argument of `check` and `checkMarkdown` (the `CheckRequest` type of wasm.d.ts).
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct CheckRequest {
    inputs: Vec<NamedBytes>,
    /// The evaluation time, milliseconds since the epoch (`Date.now()`).
    #[serde(default)]
    now: Option<f64>,
    #[serde(default)]
    hostname: Option<String>,
    /// Roles set by the user, by input name.
    #[serde(default)]
    roles: BTreeMap<String, String>,
    /// The content of public-roots.bin (the roots browsers trust). Without it, browsers are assumed
    /// to trust only the CAs marked trusted.
    #[serde(default)]
    public_roots: Option<serde_bytes::ByteBuf>,
}

const REQUEST_FIELDS: [&str; 5] = ["inputs", "now", "hostname", "roles", "publicRoots"];

fn run(request: JsValue) -> Result<Report, JsError> {
    // serde-wasm-bindgen reads only the fields it knows: a misspelt one (`nowMs`) would silently
    // drop the clock, so unknown fields are refused here.
    if let Some(object) = request.dyn_ref::<js_sys::Object>() {
        for key in js_sys::Object::keys(object)
            .iter()
            .filter_map(|k| k.as_string())
        {
            if !REQUEST_FIELDS.contains(&key.as_str()) {
                return Err(JsError::new(&format!(
                    "bad check request: unknown field `{key}` (expected one of {})",
                    REQUEST_FIELDS.join(", ")
                )));
            }
        }
    }
    let request: CheckRequest = serde_wasm_bindgen::from_value(request)
        .map_err(|e| JsError::new(&format!("bad check request: {e}")))?;
    let mut roles = Vec::new();
    for (name, id) in request.roles {
        let role =
            Role::from_id(&id).ok_or_else(|| JsError::new(&format!("unknown role `{id}`")))?;
        roles.push((name, role));
    }
    let now_unix = match request.now {
        Some(ms) if ms.is_finite() => Some((ms / 1000.0).floor() as i64),
        Some(_) => return Err(JsError::new("now must be a finite number")),
        None => None,
    };
    let public_roots = match &request.public_roots {
        Some(bytes) => crate::pki::trust::decode_anchors(bytes)
            .ok_or_else(|| JsError::new("publicRoots is not a public-roots.bin file"))?,
        None => Vec::new(),
    };
    let options = CheckOptions {
        now_unix,
        hostname: request.hostname.filter(|h| !h.trim().is_empty()),
        roles,
        server_files: None,
        public_roots,
        system_roots: Vec::new(),
    };
    let inputs: Vec<Input> = request
        .inputs
        .into_iter()
        .map(|i| Input::new(i.name, i.bytes.into_vec()))
        .collect();
    Ok(core_check(&inputs, &options))
}

/// Checks the inputs and returns the report as an object (the `Report` type of wasm.d.ts), the same
/// as the CLI's `--format json`.
#[wasm_bindgen(unchecked_return_type = "Report")]
pub fn check(
    #[wasm_bindgen(unchecked_param_type = "CheckRequest")] request: JsValue,
) -> Result<JsValue, JsError> {
    let report = run(request)?;
    report
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|e| JsError::new(&e.to_string()))
}

/// The same check, as Markdown for a support ticket ("Copy report").
#[wasm_bindgen(js_name = checkMarkdown)]
pub fn check_markdown(
    #[wasm_bindgen(unchecked_param_type = "CheckRequest")] request: JsValue,
) -> Result<String, JsError> {
    Ok(render::markdown(&run(request)?))
}

#[wasm_bindgen]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_string()
}

/// Panics on purpose, so that tests can prove that the page survives a panic in the core. Only in the
/// test build (`--features test-hooks`).
#[cfg(feature = "test-hooks")]
#[wasm_bindgen(js_name = panicForTests)]
pub fn panic_for_tests() {
    panic!("wb-ssl-check: deliberate panic for tests");
}
