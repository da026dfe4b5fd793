//! The WebAssembly API boundary, run in Node (tests/wasm_node.rs) and in headless Chromium
//! (tests/wasm_browser.rs): a request object in (inputs as names and byte arrays, time as an
//! argument), the report out as an object equal to the CLI's JSON, and `Error`s instead of panics.

use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use wb_ssl_check::wasm;
use wb_ssl_check::Report;

const CHAIN: &[u8] = include_bytes!("../fixtures/pki/wb-fullchain.pem");
const KEY: &[u8] = include_bytes!("../fixtures/pki/wb.key");
const RSERVER: &[u8] = b"ssl-enabled=1\nssl-certificate=/etc/rstudio/workbench.crt\nssl-certificate-key=/etc/rstudio/workbench.key\n";
/// 2027-01-01T00:00:00Z and 2029-06-01T00:00:00Z, in milliseconds.
const NOW: f64 = 1_798_761_600_000.0;
const LATER: f64 = 1_874_966_400_000.0;

fn set(target: &js_sys::Object, key: &str, value: &wasm_bindgen::JsValue) {
    js_sys::Reflect::set(target, &key.into(), value).expect("set a property");
}

/// The request object the page's worker builds: `{ inputs: [{ name, bytes }], now, hostname, roles }`.
fn request(
    files: &[(&str, &[u8])],
    now: Option<f64>,
    hostname: Option<&str>,
    roles: &[(&str, &str)],
) -> js_sys::Object {
    let inputs = js_sys::Array::new();
    for (name, bytes) in files {
        let input = js_sys::Object::new();
        set(&input, "name", &(*name).into());
        set(&input, "bytes", &js_sys::Uint8Array::from(*bytes));
        inputs.push(&input);
    }
    let req = js_sys::Object::new();
    set(&req, "inputs", &inputs);
    if let Some(now) = now {
        set(&req, "now", &now.into());
    }
    if let Some(h) = hostname {
        set(&req, "hostname", &h.into());
    }
    let role_map = js_sys::Object::new();
    for (name, role) in roles {
        set(&role_map, name, &(*role).into());
    }
    set(&req, "roles", &role_map);
    req
}

/// The report object as JSON text, as `JSON.stringify` in the page would give it.
fn json_of(report: &wasm_bindgen::JsValue) -> String {
    js_sys::JSON::stringify(report)
        .expect("the report is plain data")
        .as_string()
        .expect("a string")
}

fn run(
    files: &[(&str, &[u8])],
    now: Option<f64>,
    hostname: Option<&str>,
    roles: &[(&str, &str)],
) -> Report {
    let report = wasm::check(request(files, now, hostname, roles).into()).expect("check succeeds");
    serde_json::from_str(&json_of(&report)).expect("check returns a Report object")
}

#[wasm_bindgen_test]
fn check_takes_names_and_byte_arrays_and_returns_the_report() {
    let r = run(
        &[
            ("rserver.conf", RSERVER),
            ("workbench.crt", CHAIN),
            ("workbench.key", KEY),
        ],
        Some(NOW),
        None,
        &[],
    );
    assert_eq!(r.schema, 1);
    assert_eq!(r.inputs.len(), 3);
    assert_eq!(r.certificates.len(), 2);
    assert_eq!(r.inputs[1].role.as_deref(), Some("rserver-certificate"));
    assert!(!r.rules().contains(&"cert-key-mismatch"));
    assert_eq!(r.now.as_deref(), Some("2027-01-01T00:00:00Z"));
}

const CATALOG: &str = include_str!("../../data/symptoms/catalog.json");
const TICKET: &[u8] = b"Chrome says NET::ERR_CERT_AUTHORITY_INVALID\nand a session:\nError in curl::curl_fetch_memory(url, handle = handle) :\n  Failed to connect to localhost port 8787: Connection refused\n";

#[wasm_bindgen_test]
fn the_object_is_the_cli_json() {
    // The symptoms too: the same catalog (symptoms.json is catalog.json without its readers'
    // fields), the same ticket.
    let files = [
        ("rserver.conf", RSERVER),
        ("workbench.crt", CHAIN),
        ("ticket.txt", TICKET),
    ];
    let req = request(&files, Some(NOW), None, &[]);
    set(
        &req,
        "symptomCatalog",
        &js_sys::JSON::parse(CATALOG).unwrap(),
    );
    let report = wasm::check(req.into()).unwrap();
    let page: serde_json::Value = serde_json::from_str(&json_of(&report)).unwrap();
    let inputs: Vec<wb_ssl_check::Input> = files
        .iter()
        .map(|(n, b)| wb_ssl_check::Input::new(*n, *b))
        .collect();
    let native = wb_ssl_check::check(
        &inputs,
        &wb_ssl_check::CheckOptions {
            now_unix: Some(1_798_761_600),
            symptom_catalog: Some(std::sync::Arc::new(wb_ssl_check::symptoms::Catalog::new(
                serde_json::from_str(CATALOG).unwrap(),
            ))),
            ..Default::default()
        },
    );
    assert_eq!(native.symptoms.len(), 2, "{:?}", native.symptoms);
    // What `wb-ssl-check --format json` prints for the same inputs.
    let cli: serde_json::Value =
        serde_json::from_str(&serde_json::to_string_pretty(&native).unwrap()).unwrap();
    assert_eq!(page, cli);
}

#[wasm_bindgen_test]
fn time_is_an_input() {
    let files = [("workbench.crt", CHAIN)];
    assert!(
        run(&files, Some(LATER), None, &[])
            .rules()
            .contains(&"cert-expired"),
        "2029-06-01: the leaf has expired"
    );
    assert!(!run(&files, Some(NOW), None, &[])
        .rules()
        .contains(&"cert-expired"));
    let no_clock = run(&files, None, None, &[]);
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
fn hostname_and_roles_are_arguments() {
    let r = run(
        &[("rserver.conf", RSERVER), ("server.pem", CHAIN)],
        Some(NOW),
        Some("rstudio.example.com"),
        &[("server.pem", "rserver-certificate")],
    );
    assert_eq!(r.inputs[1].role.as_deref(), Some("rserver-certificate"));
    assert!(r.rules().contains(&"cert-hostname-mismatch"));
}

#[wasm_bindgen_test]
fn bad_requests_are_errors_not_panics() {
    let files: [(&str, &[u8]); 1] = [("a", b"x")];
    let is_error = |req: wasm_bindgen::JsValue| match wasm::check(req) {
        Err(e) => wasm_bindgen::JsValue::from(e).is_instance_of::<js_sys::Error>(),
        Ok(_) => false,
    };
    assert!(is_error(js_sys::Object::new().into()), "no inputs");
    assert!(is_error("rserver.conf".into()), "not an object");
    let req = request(&files, None, None, &[("a", "no-such-role")]);
    assert!(is_error(req.into()), "unknown role");
    let req = request(&files, Some(f64::NAN), None, &[]);
    assert!(is_error(req.into()), "now is NaN");
    let req = request(&files, None, None, &[]);
    set(&req, "nowMs", &1.0.into());
    assert!(is_error(req.into()), "unknown field");
    let req = request(&files, None, None, &[]);
    set(
        &req,
        "publicRoots",
        &js_sys::Uint8Array::from(&b"not a roots file"[..]),
    );
    assert!(
        is_error(req.into()),
        "publicRoots must be a public-roots.bin file"
    );
}

#[wasm_bindgen_test]
fn garbage_bytes_give_a_finding() {
    let junk: Vec<u8> = (0..5000u32).map(|i| (i * 7919 % 251) as u8).collect();
    assert_eq!(
        run(&[("junk.bin", &junk)], None, None, &[]).rules(),
        ["file-unrecognized"]
    );
}

#[wasm_bindgen_test]
fn markdown_and_version() {
    let md = wasm::check_markdown(request(&[("rserver.conf", RSERVER)], None, None, &[]).into())
        .unwrap();
    assert!(
        md.contains("## wb-ssl-check report") && md.contains("referenced-file-not-provided"),
        "{md}"
    );
    assert_eq!(wasm::version(), env!("CARGO_PKG_VERSION"));
}

#[wasm_bindgen_test]
fn metadata_names_every_id_of_the_report() {
    let m = wasm::metadata().unwrap();
    let json = js_sys::JSON::stringify(&m).unwrap().as_string().unwrap();
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    let label = |list: &str, id: &str| {
        v[list]
            .as_array()
            .unwrap()
            .iter()
            .find(|n| n["id"] == id)
            .map(|n| n["label"].as_str().unwrap().to_string())
    };
    assert_eq!(
        label("channels", "b").as_deref(),
        Some("Workbench ⇄ Job Launcher")
    );
    assert_eq!(
        label("statuses", "plaintext").as_deref(),
        Some("plain HTTP")
    );
    assert_eq!(label("roles", "trusted-ca").as_deref(), Some("Trusted CA"));
    assert_eq!(label("kinds", "pem-bundle").as_deref(), Some("PEM text"));
    // Every kind and role a real report uses has a label.
    let report = run(
        &[("rserver.conf", RSERVER), ("wb.pem", CHAIN)],
        None,
        None,
        &[],
    );
    for i in &report.inputs {
        assert!(label("kinds", &i.kind).is_some(), "{}", i.kind);
        if let Some(role) = &i.role {
            assert!(label("roles", role).is_some(), "{role}");
        }
    }
}

#[wasm_bindgen_test]
fn text_without_the_catalog_is_counted_as_not_read_and_a_bad_catalog_is_an_error() {
    let r = run(&[("ticket.txt", TICKET)], Some(NOW), None, &[]);
    assert!(r.symptoms.is_empty());
    assert_eq!(r.summary.texts_unread, 1);
    let req = request(&[("ticket.txt", TICKET)], Some(NOW), None, &[]);
    set(
        &req,
        "symptomCatalog",
        &js_sys::JSON::parse("[{\"id\": 1}]").unwrap(),
    );
    let err: wasm_bindgen::JsValue = wasm::check(req.into()).unwrap_err().into();
    let message = js_sys::Reflect::get(&err, &"message".into())
        .unwrap()
        .as_string()
        .unwrap();
    assert!(message.contains("symptomCatalog"), "{message}");
}
