//! The WebAssembly API boundary, run in Node (tests/wasm_node.rs) and in headless Chromium
//! (tests/wasm_browser.rs): inputs as named byte arrays, time as an option, errors instead of panics.

use wasm_bindgen::JsValue;
use wasm_bindgen_test::*;
use wb_ssl_check::wasm;
use wb_ssl_check::Report;

const CHAIN: &[u8] = include_bytes!("../fixtures/pki/wb-fullchain.pem");
const KEY: &[u8] = include_bytes!("../fixtures/pki/wb.key");
const RSERVER: &[u8] = b"ssl-enabled=1\nssl-certificate=/etc/rstudio/workbench.crt\nssl-certificate-key=/etc/rstudio/workbench.key\n";

fn inputs(files: &[(&str, &[u8])]) -> JsValue {
    let array = js_sys::Array::new();
    for (name, bytes) in files {
        let o = js_sys::Object::new();
        js_sys::Reflect::set(&o, &"name".into(), &(*name).into()).unwrap();
        js_sys::Reflect::set(&o, &"bytes".into(), &js_sys::Uint8Array::from(*bytes)).unwrap();
        array.push(&o);
    }
    array.into()
}

fn options(json: &str) -> JsValue {
    js_sys::JSON::parse(json).unwrap()
}

fn report(value: JsValue) -> Report {
    serde_wasm_bindgen::from_value(value).expect("check returns a Report-shaped object")
}

#[wasm_bindgen_test]
fn check_takes_named_byte_arrays_and_returns_the_report() {
    let files = [
        ("rserver.conf", RSERVER),
        ("workbench.crt", CHAIN),
        ("workbench.key", KEY),
    ];
    let r = report(wasm::check(inputs(&files), options(r#"{"nowMs": 1798761600000}"#)).unwrap());
    assert_eq!(r.schema, 1);
    assert_eq!(r.inputs.len(), 3);
    assert_eq!(r.certificates.len(), 2);
    assert_eq!(r.inputs[1].role.as_deref(), Some("rserver-certificate"));
    assert!(!r.rules().contains(&"cert-key-mismatch"));
    assert_eq!(r.now.as_deref(), Some("2027-01-01T00:00:00Z"));
}

#[wasm_bindgen_test]
fn time_is_an_input() {
    let files = [("workbench.crt", CHAIN)];
    let later =
        report(wasm::check(inputs(&files), options(r#"{"nowMs": 1874966400000}"#)).unwrap());
    assert!(
        later.rules().contains(&"cert-expired"),
        "2029-06-01: the leaf has expired"
    );
    let now = report(wasm::check(inputs(&files), options(r#"{"nowMs": 1798761600000}"#)).unwrap());
    assert!(!now.rules().contains(&"cert-expired"));
    let no_clock = report(wasm::check(inputs(&files), JsValue::UNDEFINED).unwrap());
    assert!(
        no_clock
            .not_checked
            .iter()
            .any(|n| n.contains("evaluation time")),
        "{:?}",
        no_clock.not_checked
    );
}

#[wasm_bindgen_test]
fn hostname_and_roles_are_options() {
    let files = [("rserver.conf", RSERVER), ("server.pem", CHAIN)];
    let r = report(wasm::check(inputs(&files), options(r#"{"nowMs": 1798761600000, "hostname": "rstudio.example.com", "roles": {"server.pem": "rserver-certificate"}}"#)).unwrap());
    assert_eq!(r.inputs[1].role.as_deref(), Some("rserver-certificate"));
    assert!(r.rules().contains(&"cert-hostname-mismatch"));
}

#[wasm_bindgen_test]
fn bad_arguments_are_errors_not_panics() {
    assert!(wasm::check(JsValue::from_str("not an array"), JsValue::UNDEFINED).is_err());
    assert!(wasm::check(options(r#"[{"name": 5}]"#), JsValue::UNDEFINED).is_err());
    let files = inputs(&[("a", b"x")]);
    assert!(wasm::check(
        files.clone(),
        options(r#"{"roles": {"a": "no-such-role"}}"#)
    )
    .is_err());
    assert!(wasm::check(files, options(r#"{"nowMs": "tomorrow"}"#)).is_err());
    assert!(wasm::markdown_report(JsValue::from_str("{}")).is_err());
}

#[wasm_bindgen_test]
fn garbage_bytes_give_a_finding() {
    let junk: Vec<u8> = (0..5000u32).map(|i| (i * 7919 % 251) as u8).collect();
    let r = report(wasm::check(inputs(&[("junk.bin", &junk)]), JsValue::UNDEFINED).unwrap());
    assert_eq!(r.rules(), ["file-unrecognized"]);
}

#[wasm_bindgen_test]
fn rules_docs_and_markdown() {
    let rules: Vec<serde_json::Value> =
        serde_wasm_bindgen::from_value(wasm::list_rules().unwrap()).unwrap();
    assert_eq!(rules.len(), wb_ssl_check::rules::REGISTRY.len());
    assert!(wasm::explain("cert-expired")
        .unwrap()
        .contains("## How to fix"));
    assert!(wasm::explain("no-such-rule").is_none());
    let r = wasm::check(inputs(&[("rserver.conf", RSERVER)]), JsValue::UNDEFINED).unwrap();
    let md = wasm::markdown_report(r).unwrap();
    assert!(
        md.contains("## wb-ssl-check report") && md.contains("referenced-file-not-provided"),
        "{md}"
    );
    assert!(!wasm::version().is_empty());
}
