//! The WebAssembly API boundary, run in Node (tests/wasm_node.rs) and in headless Chromium
//! (tests/wasm_browser.rs): inputs as names and byte arrays, time as an argument, errors instead of
//! panics, and JSON identical to the CLI's.

use wasm_bindgen_test::*;
use wb_ssl_check::wasm;
use wb_ssl_check::Report;

const CHAIN: &[u8] = include_bytes!("../fixtures/pki/wb-fullchain.pem");
const KEY: &[u8] = include_bytes!("../fixtures/pki/wb.key");
const RSERVER: &[u8] = b"ssl-enabled=1\nssl-certificate=/etc/rstudio/workbench.crt\nssl-certificate-key=/etc/rstudio/workbench.key\n";
/// 2027-01-01T00:00:00Z and 2029-06-01T00:00:00Z, in milliseconds.
const NOW: f64 = 1_798_761_600_000.0;
const LATER: f64 = 1_874_966_400_000.0;

fn args(files: &[(&str, &[u8])]) -> (Vec<String>, Vec<js_sys::Uint8Array>) {
    (
        files.iter().map(|(n, _)| n.to_string()).collect(),
        files
            .iter()
            .map(|(_, b)| js_sys::Uint8Array::from(*b))
            .collect(),
    )
}

fn run(
    files: &[(&str, &[u8])],
    now: Option<f64>,
    hostname: Option<&str>,
    roles: &[&str],
) -> Report {
    let (names, contents) = args(files);
    let json = wasm::check(
        names,
        contents,
        now,
        hostname.map(str::to_string),
        roles.iter().map(|r| r.to_string()).collect(),
        None,
    )
    .expect("check succeeds");
    serde_json::from_str(&json).expect("check returns the JSON of a Report")
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

#[wasm_bindgen_test]
fn the_json_is_the_cli_json() {
    let files = [("rserver.conf", RSERVER), ("workbench.crt", CHAIN)];
    let (names, contents) = args(&files);
    let json = wasm::check(names, contents, Some(NOW), None, vec![], None).unwrap();
    let inputs: Vec<wb_ssl_check::Input> = files
        .iter()
        .map(|(n, b)| wb_ssl_check::Input::new(*n, *b))
        .collect();
    let native = wb_ssl_check::check(
        &inputs,
        &wb_ssl_check::CheckOptions {
            now_unix: Some(1_798_761_600),
            ..Default::default()
        },
    );
    assert_eq!(json, serde_json::to_string(&native).unwrap());
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
        &["server.pem", "rserver-certificate"],
    );
    assert_eq!(r.inputs[1].role.as_deref(), Some("rserver-certificate"));
    assert!(r.rules().contains(&"cert-hostname-mismatch"));
}

#[wasm_bindgen_test]
fn bad_arguments_are_errors_not_panics() {
    let (names, contents) = args(&[("a", b"x")]);
    assert!(
        wasm::check(names.clone(), vec![], None, None, vec![], None).is_err(),
        "lengths differ"
    );
    assert!(
        wasm::check(
            names.clone(),
            contents.clone(),
            None,
            None,
            vec!["a".into()],
            None
        )
        .is_err(),
        "odd roles"
    );
    assert!(wasm::check(
        names.clone(),
        contents.clone(),
        None,
        None,
        vec!["a".into(), "no-such-role".into()],
        None
    )
    .is_err());
    assert!(wasm::check(
        names.clone(),
        contents.clone(),
        Some(f64::NAN),
        None,
        vec![],
        None
    )
    .is_err());
    let not_roots = js_sys::Uint8Array::from(&b"not a roots file"[..]);
    assert!(
        wasm::check(names, contents, None, None, vec![], Some(not_roots)).is_err(),
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
    let (names, contents) = args(&[("rserver.conf", RSERVER)]);
    let md = wasm::check_markdown(names, contents, None, None, vec![], None).unwrap();
    assert!(
        md.contains("## wb-ssl-check report") && md.contains("referenced-file-not-provided"),
        "{md}"
    );
    assert_eq!(wasm::version(), env!("CARGO_PKG_VERSION"));
}
