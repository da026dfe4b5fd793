//! The WebAssembly shell: a thin wasm-bindgen layer over the core for the page, the widget and the
//! offline file. Inputs arrive as named byte arrays, the clock and the host name as options; the report
//! goes back as a plain JS object with the JSON shape of the CLI's `--format json`.

use crate::pki::Role;
use crate::{check as core_check, render, rules, CheckOptions, Input, Report};
use serde::Deserialize;
use wasm_bindgen::prelude::*;

#[wasm_bindgen(typescript_custom_section)]
const TS_TYPES: &'static str = include_str!("wasm.d.ts");

#[wasm_bindgen(start)]
fn start() {
    // A panic becomes a readable console message; the JS side turns the trap into an error message
    // and starts a fresh instance.
    console_error_panic_hook::set_once();
}

#[derive(Deserialize)]
struct JsInput {
    name: String,
    #[serde(with = "serde_bytes_compat")]
    bytes: Vec<u8>,
}

/// Accepts a `Uint8Array` (or a plain array of numbers) for `bytes`.
mod serde_bytes_compat {
    use serde::{Deserialize, Deserializer};
    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<u8>, D::Error> {
        serde_bytes::ByteBuf::deserialize(d).map(|b| b.into_vec())
    }
}

#[derive(Deserialize, Default)]
#[serde(default, rename_all = "camelCase")]
struct JsOptions {
    /// Milliseconds since the epoch, as `Date.now()` gives it.
    now_ms: Option<f64>,
    hostname: Option<String>,
    /// Input name → role id (`rserver-certificate`, `trusted-ca`, ...).
    roles: std::collections::BTreeMap<String, String>,
}

fn error(message: impl std::fmt::Display) -> JsValue {
    js_sys::Error::new(&message.to_string()).into()
}

fn to_js<T: serde::Serialize>(value: &T) -> Result<JsValue, JsValue> {
    value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(error)
}

/// Checks the inputs and returns the report.
#[wasm_bindgen(unchecked_return_type = "Report")]
pub fn check(
    #[wasm_bindgen(unchecked_param_type = "CheckInput[]")] inputs: JsValue,
    #[wasm_bindgen(unchecked_param_type = "CheckOptions | undefined")] options: JsValue,
) -> Result<JsValue, JsValue> {
    let inputs: Vec<JsInput> = serde_wasm_bindgen::from_value(inputs)
        .map_err(|e| error(format!("inputs must be [{{name, bytes}}]: {e}")))?;
    let options: JsOptions = if options.is_undefined() || options.is_null() {
        JsOptions::default()
    } else {
        serde_wasm_bindgen::from_value(options).map_err(|e| error(format!("bad options: {e}")))?
    };
    let mut roles = Vec::new();
    for (name, id) in options.roles {
        let role = Role::from_id(&id).ok_or_else(|| error(format!("unknown role `{id}`")))?;
        roles.push((name, role));
    }
    let now_unix = match options.now_ms {
        Some(ms) if ms.is_finite() => Some((ms / 1000.0).floor() as i64),
        Some(_) => return Err(error("nowMs must be a finite number")),
        None => None,
    };
    let options = CheckOptions {
        now_unix,
        hostname: options.hostname.filter(|h| !h.trim().is_empty()),
        roles,
        server_files: None,
    };
    let inputs: Vec<Input> = inputs
        .into_iter()
        .map(|i| Input::new(i.name, i.bytes))
        .collect();
    to_js(&core_check(&inputs, &options))
}

#[derive(serde::Serialize)]
struct RuleInfo {
    name: &'static str,
    severity: &'static str,
    channel: &'static str,
    summary: &'static str,
}

/// Every rule with severity, channel and summary.
#[wasm_bindgen(js_name = listRules, unchecked_return_type = "RuleInfo[]")]
pub fn list_rules() -> Result<JsValue, JsValue> {
    let list: Vec<RuleInfo> = rules::REGISTRY
        .iter()
        .map(|r| RuleInfo {
            name: r.meta.name,
            severity: r.meta.severity.as_str(),
            channel: r.meta.channel.as_str(),
            summary: r.meta.summary,
        })
        .collect();
    to_js(&list)
}

/// A rule's documentation (Markdown), or `undefined` for an unknown rule.
#[wasm_bindgen]
pub fn explain(rule: &str) -> Option<String> {
    rules::find(rule).map(|r| r.meta.docs())
}

/// The report as Markdown for a support ticket ("Copy report").
#[wasm_bindgen(js_name = markdownReport)]
pub fn markdown_report(
    #[wasm_bindgen(unchecked_param_type = "Report")] report: JsValue,
) -> Result<String, JsValue> {
    let report: Report =
        serde_wasm_bindgen::from_value(report).map_err(|e| error(format!("not a report: {e}")))?;
    Ok(render::markdown(&report))
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
