//! The WebAssembly shell: a thin wasm-bindgen layer over the core for the page, the widget and the
//! offline file. Inputs arrive as names and byte arrays, the clock and the host name as arguments; the
//! report comes back as JSON text, byte for byte what the CLI's `--format json` prints (`JSON.parse`
//! gives the `Report` type of wasm.d.ts). Plain strings and arrays at the boundary, rather than
//! serde-wasm-bindgen objects, keep the module about a fifth smaller. The rules' documentation is not
//! in the module either: the page loads rule-docs.js.

use crate::pki::Role;
use crate::{check as core_check, render, CheckOptions, Input, Report};
use wasm_bindgen::prelude::*;

#[wasm_bindgen(typescript_custom_section)]
const TS_TYPES: &'static str = include_str!("wasm.d.ts");

#[wasm_bindgen(start)]
fn start() {
    // A panic becomes a readable console message; the JS side turns the trap into an error message
    // and starts a fresh instance.
    console_error_panic_hook::set_once();
}

fn run(
    names: Vec<String>,
    contents: Vec<js_sys::Uint8Array>,
    now_ms: Option<f64>,
    hostname: Option<String>,
    roles: Vec<String>,
    public_roots: Option<js_sys::Uint8Array>,
) -> Result<Report, JsError> {
    // Mozilla's root program, as the page loads it from public-roots.bin when a chain needs it.
    let public_roots = match public_roots {
        Some(bytes) => crate::pki::trust::decode_anchors(&bytes.to_vec())
            .ok_or_else(|| JsError::new("publicRoots is not a public-roots.bin file"))?,
        None => Vec::new(),
    };
    if names.len() != contents.len() {
        return Err(JsError::new("names and contents must have the same length"));
    }
    if roles.len() % 2 != 0 {
        return Err(JsError::new(
            "roles must be pairs: [name, role, name, role, ...]",
        ));
    }
    let mut role_list = Vec::new();
    for pair in roles.chunks(2) {
        let role = Role::from_id(&pair[1])
            .ok_or_else(|| JsError::new(&format!("unknown role `{}`", pair[1])))?;
        role_list.push((pair[0].clone(), role));
    }
    let now_unix = match now_ms {
        Some(ms) if ms.is_finite() => Some((ms / 1000.0).floor() as i64),
        Some(_) => return Err(JsError::new("nowMs must be a finite number")),
        None => None,
    };
    let options = CheckOptions {
        now_unix,
        hostname: hostname.filter(|h| !h.trim().is_empty()),
        roles: role_list,
        server_files: None,
        public_roots,
        system_roots: Vec::new(),
    };
    let inputs: Vec<Input> = names
        .into_iter()
        .zip(contents)
        .map(|(n, c)| Input::new(n, c.to_vec()))
        .collect();
    Ok(core_check(&inputs, &options))
}

/// Checks the inputs and returns the report as JSON text.
///
/// `roles` is a flat list of pairs: `[inputName, roleId, ...]`. `publicRoots` is the content of
/// public-roots.bin (the roots browsers trust); without it, browsers are assumed to trust only the CAs
/// marked trusted.
#[wasm_bindgen(unchecked_return_type = "string")]
pub fn check(
    names: Vec<String>,
    contents: Vec<js_sys::Uint8Array>,
    now_ms: Option<f64>,
    hostname: Option<String>,
    roles: Vec<String>,
    public_roots: Option<js_sys::Uint8Array>,
) -> Result<String, JsError> {
    let report = run(names, contents, now_ms, hostname, roles, public_roots)?;
    serde_json::to_string(&report).map_err(|e| JsError::new(&e.to_string()))
}

/// The same check, as Markdown for a support ticket ("Copy report").
#[wasm_bindgen(js_name = checkMarkdown)]
pub fn check_markdown(
    names: Vec<String>,
    contents: Vec<js_sys::Uint8Array>,
    now_ms: Option<f64>,
    hostname: Option<String>,
    roles: Vec<String>,
    public_roots: Option<js_sys::Uint8Array>,
) -> Result<String, JsError> {
    Ok(render::markdown(&run(
        names,
        contents,
        now_ms,
        hostname,
        roles,
        public_roots,
    )?))
}

#[wasm_bindgen]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_string()
}

/// Panics on purpose, so that tests can prove that the page survives a panic in the core.
#[wasm_bindgen(js_name = panicForTests)]
pub fn panic_for_tests() {
    panic!("wb-ssl-check: deliberate panic for tests");
}
