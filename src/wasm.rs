//! The WebAssembly shell: a thin wasm-bindgen layer over the core for the page, the widget and the
//! offline file. One request object in (`{ inputs: [{ name, bytes }], now, hostname, roles,
//! publicRoots }`), the report out as a JavaScript object (serde-wasm-bindgen) with the same shape as
//! the CLI's `--format json`; bad requests are `Error`s. The rules' documentation is not in
//! the module: the page loads rule-docs.js.

use crate::pki::Role;
use crate::{check as core_check, render, CheckOptions, Input, Report};
use serde::Serialize;
use wasm_bindgen::prelude::*;

#[wasm_bindgen(typescript_custom_section)]
const TS_TYPES: &'static str = include_str!("wasm.d.ts");

#[wasm_bindgen(start)]
fn start() {
    // A panic becomes a readable console message; the JS side turns the trap into an error message
    // and starts a fresh instance.
    console_error_panic_hook::set_once();
}

const REQUEST_FIELDS: [&str; 5] = ["inputs", "now", "hostname", "roles", "publicRoots"];

fn bad(what: &str) -> JsError {
    JsError::new(&format!("bad check request: {what}"))
}

/// A property of the request, `None` when it is absent (`undefined` or `null`).
fn field(object: &js_sys::Object, key: &str) -> Result<Option<JsValue>, JsError> {
    let v = js_sys::Reflect::get(object, &JsValue::from_str(key)).map_err(|_| bad(key))?;
    Ok((!v.is_undefined() && !v.is_null()).then_some(v))
}

fn bytes(v: &JsValue, what: &str) -> Result<Vec<u8>, JsError> {
    v.dyn_ref::<js_sys::Uint8Array>()
        .map(js_sys::Uint8Array::to_vec)
        .ok_or_else(|| bad(&format!("{what} must be a Uint8Array")))
}

/// Reads the request (`CheckRequest` in wasm.d.ts) into the core's inputs and options. Read by hand
/// with js-sys rather than deserialised with serde: serde's error machinery (with float formatting)
/// would cost the module about 20 KiB. serde-wasm-bindgen does the other direction, the report.
fn read_request(request: &JsValue) -> Result<(Vec<Input>, CheckOptions), JsError> {
    let object = request
        .dyn_ref::<js_sys::Object>()
        .filter(|_| !request.is_function() && !js_sys::Array::is_array(request))
        .ok_or_else(|| bad("expected an object { inputs, now, hostname, roles, publicRoots }"))?;
    // A misspelt field (`nowMs`) would silently drop the clock: unknown fields are refused.
    for key in js_sys::Object::keys(object)
        .iter()
        .filter_map(|k| k.as_string())
    {
        if !REQUEST_FIELDS.contains(&key.as_str()) {
            return Err(bad(&format!(
                "unknown field `{key}` (expected one of {})",
                REQUEST_FIELDS.join(", ")
            )));
        }
    }
    let list = field(object, "inputs")?.ok_or_else(|| bad("`inputs` is missing"))?;
    if !js_sys::Array::is_array(&list) {
        return Err(bad("`inputs` must be an array of { name, bytes }"));
    }
    let mut inputs = Vec::new();
    for item in js_sys::Array::from(&list).iter() {
        let item = item
            .dyn_into::<js_sys::Object>()
            .map_err(|_| bad("each input must be an object { name, bytes }"))?;
        let name = field(&item, "name")?
            .and_then(|n| n.as_string())
            .ok_or_else(|| bad("an input's `name` must be a string"))?;
        let content = field(&item, "bytes")?.ok_or_else(|| bad("an input has no `bytes`"))?;
        inputs.push(Input::new(name, bytes(&content, "an input's `bytes`")?));
    }
    let now_unix = match field(object, "now")? {
        None => None,
        Some(v) => match v.as_f64() {
            Some(ms) if ms.is_finite() => Some((ms / 1000.0).floor() as i64),
            _ => return Err(bad("`now` must be a finite number of milliseconds")),
        },
    };
    let hostname = match field(object, "hostname")? {
        None => None,
        Some(v) => Some(
            v.as_string()
                .ok_or_else(|| bad("`hostname` must be a string"))?,
        ),
    };
    let mut roles = Vec::new();
    if let Some(map) = field(object, "roles")? {
        let map = map
            .dyn_into::<js_sys::Object>()
            .map_err(|_| bad("`roles` must be an object { inputName: role }"))?;
        for entry in js_sys::Object::entries(&map).iter() {
            let pair = js_sys::Array::from(&entry);
            let (name, id) = (pair.get(0).as_string(), pair.get(1).as_string());
            let (Some(name), Some(id)) = (name, id) else {
                return Err(bad("`roles` values must be role names"));
            };
            let role =
                Role::from_id(&id).ok_or_else(|| JsError::new(&format!("unknown role `{id}`")))?;
            roles.push((name, role));
        }
    }
    let public_roots = match field(object, "publicRoots")? {
        None => Vec::new(),
        Some(v) => crate::pki::trust::decode_anchors(&bytes(&v, "`publicRoots`")?)
            .ok_or_else(|| bad("`publicRoots` is not a public-roots.bin file"))?,
    };
    let options = CheckOptions {
        now_unix,
        hostname: hostname.filter(|h| !h.trim().is_empty()),
        roles,
        server_files: None,
        public_roots,
        system_roots: Vec::new(),
    };
    Ok((inputs, options))
}

fn run(request: JsValue) -> Result<Report, JsError> {
    let (inputs, options) = read_request(&request)?;
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
