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

async fn run(
    files: &[(&str, &[u8])],
    now: Option<f64>,
    hostname: Option<&str>,
    roles: &[(&str, &str)],
) -> Report {
    let report = wasm::check(request(files, now, hostname, roles).into())
        .await
        .expect("check succeeds");
    serde_json::from_str(&json_of(&report)).expect("check returns a Report object")
}

#[wasm_bindgen_test]
async fn check_takes_names_and_byte_arrays_and_returns_the_report() {
    let r = run(
        &[
            ("rserver.conf", RSERVER),
            ("workbench.crt", CHAIN),
            ("workbench.key", KEY),
        ],
        Some(NOW),
        None,
        &[],
    )
    .await;
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
async fn the_object_is_the_cli_json() {
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
    let report = wasm::check(req.into()).await.unwrap();
    let page: serde_json::Value = serde_json::from_str(&json_of(&report)).unwrap();
    let inputs: Vec<wb_ssl_check::Input> = files
        .iter()
        .map(|(n, b)| wb_ssl_check::Input::new(*n, *b))
        .collect();
    // The core with the same answers a native check gets, here from WebCrypto.
    let native = wb_ssl_check::webcrypto::check(
        &inputs,
        &mut wb_ssl_check::CheckOptions {
            now_unix: Some(1_798_761_600),
            symptom_catalog: Some(std::sync::Arc::new(wb_ssl_check::symptoms::Catalog::new(
                serde_json::from_str(CATALOG).unwrap(),
            ))),
            ..Default::default()
        },
    )
    .await;
    assert_eq!(native.symptoms.len(), 2, "{:?}", native.symptoms);
    // What `wb-ssl-check --format json` prints for the same inputs.
    let cli: serde_json::Value =
        serde_json::from_str(&serde_json::to_string_pretty(&native).unwrap()).unwrap();
    assert_eq!(page, cli);
}

#[wasm_bindgen_test]
async fn time_is_an_input() {
    let files = [("workbench.crt", CHAIN)];
    assert!(
        run(&files, Some(LATER), None, &[])
            .await
            .rules()
            .contains(&"cert-expired"),
        "2029-06-01: the leaf has expired"
    );
    assert!(!run(&files, Some(NOW), None, &[])
        .await
        .rules()
        .contains(&"cert-expired"));
    let no_clock = run(&files, None, None, &[]).await;
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
async fn hostname_and_roles_are_arguments() {
    let r = run(
        &[("rserver.conf", RSERVER), ("server.pem", CHAIN)],
        Some(NOW),
        Some("rstudio.example.com"),
        &[("server.pem", "rserver-certificate")],
    )
    .await;
    assert_eq!(r.inputs[1].role.as_deref(), Some("rserver-certificate"));
    assert!(r.rules().contains(&"cert-hostname-mismatch"));
}

#[wasm_bindgen_test]
async fn bad_requests_are_errors_not_panics() {
    let files: [(&str, &[u8]); 1] = [("a", b"x")];
    async fn is_error(req: wasm_bindgen::JsValue) -> bool {
        match wasm::check(req).await {
            Err(e) => wasm_bindgen::JsValue::from(e).is_instance_of::<js_sys::Error>(),
            Ok(_) => false,
        }
    }
    assert!(is_error(js_sys::Object::new().into()).await, "no inputs");
    assert!(is_error("rserver.conf".into()).await, "not an object");
    let req = request(&files, None, None, &[("a", "no-such-role")]);
    assert!(is_error(req.into()).await, "unknown role");
    let req = request(&files, Some(f64::NAN), None, &[]);
    assert!(is_error(req.into()).await, "now is NaN");
    let req = request(&files, None, None, &[]);
    set(&req, "nowMs", &1.0.into());
    assert!(is_error(req.into()).await, "unknown field");
    let req = request(&files, None, None, &[]);
    set(
        &req,
        "publicRoots",
        &js_sys::Uint8Array::from(&b"not a roots file"[..]),
    );
    assert!(
        is_error(req.into()).await,
        "publicRoots must be a public-roots.bin file"
    );
}

#[wasm_bindgen_test]
async fn garbage_bytes_give_a_finding() {
    let junk: Vec<u8> = (0..5000u32).map(|i| (i * 7919 % 251) as u8).collect();
    assert_eq!(
        run(&[("junk.bin", &junk)], None, None, &[]).await.rules(),
        ["file-unrecognized"]
    );
}

#[wasm_bindgen_test]
async fn markdown_and_version() {
    let md = wasm::check_markdown(request(&[("rserver.conf", RSERVER)], None, None, &[]).into())
        .await
        .unwrap();
    assert!(
        md.contains("## wb-ssl-check report") && md.contains("referenced-file-not-provided"),
        "{md}"
    );
    assert_eq!(wasm::version(), env!("CARGO_PKG_VERSION"));
}

#[wasm_bindgen_test]
async fn metadata_names_every_id_of_the_report() {
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
    )
    .await;
    for i in &report.inputs {
        assert!(label("kinds", &i.kind).is_some(), "{}", i.kind);
        if let Some(role) = &i.role {
            assert!(label("roles", role).is_some(), "{role}");
        }
    }
}

#[wasm_bindgen_test]
async fn text_without_the_catalog_is_counted_as_not_read_and_a_bad_catalog_is_an_error() {
    let r = run(&[("ticket.txt", TICKET)], Some(NOW), None, &[]).await;
    assert!(r.symptoms.is_empty());
    assert_eq!(r.summary.texts_unread, 1);
    let req = request(&[("ticket.txt", TICKET)], Some(NOW), None, &[]);
    set(
        &req,
        "symptomCatalog",
        &js_sys::JSON::parse("[{\"id\": 1}]").unwrap(),
    );
    let err: wasm_bindgen::JsValue = wasm::check(req.into()).await.unwrap_err().into();
    let message = js_sys::Reflect::get(&err, &"message".into())
        .unwrap()
        .as_string()
        .unwrap();
    assert!(message.contains("symptomCatalog"), "{message}");
}

/// The module the page loads first has no Kubernetes reader (`--no-default-features`, as these tests
/// build it): a values file is counted as not read, never checked as something else, and the check
/// says nothing could be checked. A bad `chartDefaults` is an error.
#[wasm_bindgen_test]
async fn kubernetes_inputs_are_counted_as_not_read_without_the_reader() {
    let values: &[u8] = b"replicas: 2\ningress:\n  enabled: true\n";
    let r = run(&[("values.yaml", values)], Some(NOW), None, &[]).await;
    assert_eq!(r.summary.kubernetes_unread, 1);
    assert!(r.summary.nothing_checked);
    assert_eq!(r.inputs[0].kind, "kubernetes-unread");
    assert!(r.findings.is_empty(), "{:?}", r.findings);
    let req = request(&[("values.yaml", values)], Some(NOW), None, &[]);
    set(
        &req,
        "chartDefaults",
        &js_sys::JSON::parse("{\"latest\": 1}").unwrap(),
    );
    let err: wasm_bindgen::JsValue = wasm::check(req.into()).await.unwrap_err().into();
    let message = js_sys::Reflect::get(&err, &"message".into())
        .unwrap()
        .as_string()
        .unwrap();
    assert!(message.contains("chart-defaults.json"), "{message}");
}

/// The platform's WebCrypto answers the core's questions here (Node's, Chromium's): a BER-encoded
/// ECDSA signature is not verified while its DER twin is, RSA-PSS links verify, and keys without
/// their public half (Ed25519 PKCS#8 v1, an EC key written without its point) match their
/// certificates (tests/fixtures/pki/signatures.sh).
#[wasm_bindgen_test]
async fn webcrypto_gives_the_verdicts() {
    const EC_ROOT: &[u8] = include_bytes!("../fixtures/pki/ec-root.crt");
    const EC_LEAF: &[u8] = include_bytes!("../fixtures/pki/ec-leaf.crt");
    const EC_LEAF_BER: &[u8] = include_bytes!("../fixtures/pki/ec-leaf-ber.crt");
    const PSS_ROOT: &[u8] = include_bytes!("../fixtures/pki/pss-root.crt");
    const PSS_LEAF: &[u8] = include_bytes!("../fixtures/pki/pss-leaf.crt");
    let conf = |host: &str| {
        format!("ssl-enabled=1\nssl-certificate=/etc/rstudio/workbench.crt\nssl-certificate-key=/etc/rstudio/workbench.key\nlauncher-sessions-callback-address=https://{host}\n")
    };
    let channel_a = |r: &Report| {
        r.channels
            .iter()
            .find(|c| c.id == wb_ssl_check::report::Channel::A)
            .unwrap()
            .status
    };
    let verified = wb_ssl_check::report::ChannelStatus::Verified;
    let ec = conf("ec.example.org");
    let roles = [("root.crt", "trusted-ca")];
    for (leaf, want) in [(EC_LEAF, true), (EC_LEAF_BER, false)] {
        let r = run(
            &[
                ("rserver.conf", ec.as_bytes()),
                ("workbench.crt", leaf),
                ("root.crt", EC_ROOT),
            ],
            Some(NOW),
            Some("ec.example.org"),
            &roles,
        )
        .await;
        assert_eq!(channel_a(&r) == verified, want, "{:?}", r.rules());
    }
    let pss = conf("pss.example.org");
    let r = run(
        &[
            ("rserver.conf", pss.as_bytes()),
            ("workbench.crt", PSS_LEAF),
            ("root.crt", PSS_ROOT),
        ],
        Some(NOW),
        Some("pss.example.org"),
        &roles,
    )
    .await;
    assert_eq!(channel_a(&r), verified, "{:?}", r.rules());
    for (cert, key, kind) in [
        (
            &include_bytes!("../fixtures/pki/ed25519.crt")[..],
            &include_bytes!("../fixtures/pki/ed25519.key")[..],
            "Ed25519",
        ),
        (
            &include_bytes!("../fixtures/pki/p384.crt")[..],
            &include_bytes!("../fixtures/pki/p384-no-public.key")[..],
            "EC P-384",
        ),
        (
            &include_bytes!("../fixtures/pki/p384.crt")[..],
            &include_bytes!("../fixtures/pki/p384-no-public-pkcs8.key")[..],
            "EC P-384",
        ),
    ] {
        let r = run(
            &[("workbench.crt", cert), ("workbench.key", key)],
            Some(1_735_689_600_000.0),
            None,
            &[],
        )
        .await;
        assert!(
            !r.rules().contains(&"cert-key-mismatch"),
            "{kind}: {:?}",
            r.rules()
        );
        let described = &r.inputs[1].description;
        assert!(
            described.contains(kind) && !described.contains("not derived"),
            "{described}"
        );
    }
}

/// Nor does the first module open archives: a `.tar.gz` or `.zip` is counted as not opened (the page
/// then loads its full module), never read as binary data or given a finding.
#[wasm_bindgen_test]
async fn archives_are_counted_as_not_opened_without_the_reader() {
    let tgz: &[u8] = &[0x1f, 0x8b, 0x08, 0, 0, 0, 0, 0, 0, 3, 1, 2, 3];
    let zip: &[u8] = b"PK\x03\x04\x14\0\0\0\x08\0";
    let r = run(&[("etc.tgz", tgz), ("node.zip", zip)], Some(NOW), None, &[]).await;
    assert_eq!(r.summary.archives_unread, 2);
    assert!(r.summary.nothing_checked);
    assert_eq!(r.inputs[0].kind, "archive-unread");
    assert!(
        r.inputs[1]
            .description
            .contains("a .zip archive, not opened"),
        "{}",
        r.inputs[1].description
    );
    assert!(r.findings.is_empty(), "{:?}", r.findings);
}

#[wasm_bindgen_test]
async fn the_page_reads_an_any_application_familys_flag_from_the_catalog() {
    // symptoms.json carries `"any_application": true`: a proxy's message with nothing showing
    // Workbench behind it stays open, as natively; without the flag it would be placed on a.
    let files = [(
        "nginx.txt",
        &b"upstream prematurely closed connection while reading response header from upstream, upstream: \"fastcgi://unix:/run/php/fpm.sock:\""[..],
    )];
    let req = request(&files, Some(NOW), None, &[]);
    set(
        &req,
        "symptomCatalog",
        &js_sys::JSON::parse(CATALOG).unwrap(),
    );
    let report = wasm::check(req.into()).await.unwrap();
    let page: serde_json::Value = serde_json::from_str(&json_of(&report)).unwrap();
    let symptom = &page["symptoms"][0];
    assert_eq!(
        symptom["family"], "nginx-upstream-prematurely-closed",
        "{page}"
    );
    assert_eq!(symptom["channel"], serde_json::Value::Null, "{symptom}");
    assert_eq!(symptom["candidates"], serde_json::json!(["a"]), "{symptom}");
}
