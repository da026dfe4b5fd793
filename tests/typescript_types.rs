//! The TypeScript declarations shipped with the wasm module (src/wasm.d.ts) name exactly the fields of
//! the JSON report, so that a TypeScript embedder's types cannot drift from what `check` returns.

mod report_log;

use report_log::check;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use wb_ssl_check::{CheckOptions, Input};

/// interface name → (required fields, optional fields)
fn interfaces() -> BTreeMap<String, (BTreeSet<String>, BTreeSet<String>)> {
    let text = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("src/wasm.d.ts"))
        .unwrap();
    let mut out = BTreeMap::new();
    for line in text.lines().filter(|l| l.starts_with("export interface ")) {
        let name = line["export interface ".len()..]
            .split_whitespace()
            .next()
            .unwrap()
            .to_string();
        let body = &line[line.find('{').unwrap() + 1..line.rfind('}').unwrap()];
        let (mut required, mut optional) = (BTreeSet::new(), BTreeSet::new());
        for field in body.split(';').map(str::trim).filter(|f| !f.is_empty()) {
            let key = field.split(':').next().unwrap().trim();
            match key.strip_suffix('?') {
                Some(k) => optional.insert(k.to_string()),
                None => required.insert(key.to_string()),
            };
        }
        out.insert(name, (required, optional));
    }
    out
}

fn assert_shape(
    interfaces: &BTreeMap<String, (BTreeSet<String>, BTreeSet<String>)>,
    name: &str,
    value: &serde_json::Value,
) {
    let (required, optional) = &interfaces[name];
    let keys: BTreeSet<String> = value
        .as_object()
        .unwrap_or_else(|| panic!("{name}: not an object: {value}"))
        .keys()
        .cloned()
        .collect();
    for k in &keys {
        assert!(
            required.contains(k) || optional.contains(k),
            "{name}.{k} is in the JSON but not in src/wasm.d.ts"
        );
    }
    for k in required {
        assert!(
            keys.contains(k),
            "{name}.{k} is declared in src/wasm.d.ts but missing from the JSON"
        );
    }
}

#[test]
fn typescript_declarations_match_the_report() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut inputs = Vec::new();
    for dir in ["examples/broken", "examples/correct"] {
        for e in std::fs::read_dir(root.join(dir)).unwrap() {
            let p = e.unwrap().path();
            if p.extension().is_some_and(|x| x != "sh") {
                inputs.push(Input::new(
                    format!("{dir}/{}", p.file_name().unwrap().to_string_lossy()),
                    std::fs::read(&p).unwrap(),
                ));
            }
        }
    }
    let report = check(
        &inputs,
        &CheckOptions {
            now_unix: Some(1_798_761_600),
            hostname: Some("wb.example.org".into()),
            symptom_catalog: Some(std::sync::Arc::new(wb_ssl_check::symptoms::Catalog::new(
                serde_json::from_str(include_str!("../data/symptoms/catalog.json")).unwrap(),
            ))),
            ..Default::default()
        },
    );
    let json = serde_json::to_value(&report).unwrap();
    let ifaces = interfaces();
    assert_shape(&ifaces, "Report", &json);
    assert_shape(&ifaces, "Summary", &json["summary"]);
    let list = |k: &str| json[k].as_array().unwrap().clone();
    // examples/broken/ticket.txt
    assert!(!list("symptoms").is_empty());
    for s in list("symptoms") {
        assert_shape(&ifaces, "Symptom", &s);
        for c in s["causes"].as_array().unwrap() {
            assert_shape(&ifaces, "SymptomCause", c);
        }
    }
    assert!(!list("findings").is_empty() && !list("certificates").is_empty());
    for f in list("findings") {
        assert_shape(&ifaces, "Finding", &f);
        for r in f["related"].as_array().unwrap() {
            assert_shape(&ifaces, "Location", r);
        }
        if let Some(fix) = f.get("fix") {
            assert_shape(&ifaces, "Fix", fix);
            for e in fix["edits"].as_array().unwrap() {
                assert_shape(&ifaces, "Edit", e);
            }
        }
    }
    assert!(list("findings").iter().any(|f| f.get("fix").is_some()));
    assert!(!list("chains").is_empty());
    for c in list("chains") {
        assert_shape(&ifaces, "ChainSummary", &c);
        assert_shape(&ifaces, "ChainAnchor", &c["anchor"]);
        for l in c["links"].as_array().unwrap() {
            assert_shape(&ifaces, "ChainLink", l);
            for k in l["checks"].as_array().unwrap() {
                assert_shape(&ifaces, "LinkCheck", k);
            }
        }
        for k in c["clients"].as_array().unwrap() {
            assert_shape(&ifaces, "ChainClient", k);
            assert_shape(&ifaces, "LinkCheck", &k["names"]);
        }
    }
    for c in list("channels") {
        assert_shape(&ifaces, "ChannelSummary", &c);
        for s in c["settings"].as_array().unwrap() {
            assert_shape(&ifaces, "SettingRef", s);
        }
        if !c["certificate"].is_null() {
            assert_shape(&ifaces, "CertificateRef", &c["certificate"]);
        }
    }
    for i in list("inputs") {
        assert_shape(&ifaces, "InputSummary", &i);
    }
    for c in list("certificates") {
        assert_shape(&ifaces, "CertificateSummary", &c);
    }
    // The role union lists every role the core knows.
    let text = std::fs::read_to_string(root.join("src/wasm.d.ts")).unwrap();
    for role in wb_ssl_check::pki::ALL_ROLES {
        assert!(
            text.contains(&format!("\"{}\"", role.id())),
            "role {} missing from the Role type",
            role.id()
        );
    }
}

#[test]
fn served_summaries_match_their_declaration() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut inputs = Vec::new();
    for f in [
        "tests/fixtures/served/deployment/rserver.conf",
        "tests/fixtures/served/deployment/launcher.conf",
        "tests/fixtures/pki/wb-fullchain.pem",
        "tests/fixtures/served/captures/s_client-right.txt",
        "tests/fixtures/served/captures/curl-closed.txt",
    ] {
        inputs.push(Input::new(f, std::fs::read(root.join(f)).unwrap()));
    }
    let report = check(
        &inputs,
        &CheckOptions {
            now_unix: Some(1_798_761_600),
            ..Default::default()
        },
    );
    let json = serde_json::to_value(&report).unwrap();
    let ifaces = interfaces();
    let mut seen = 0;
    for c in json["channels"].as_array().unwrap() {
        assert_shape(&ifaces, "ChannelSummary", c);
        for s in c["served"].as_array().unwrap() {
            assert_shape(&ifaces, "ServedSummary", s);
            for cert in s["certificates"].as_array().unwrap() {
                assert_shape(&ifaces, "CertificateRef", cert);
            }
            seen += 1;
        }
    }
    // Channels a and c from the s_client paste, b from the curl one.
    assert_eq!(seen, 3);
    let text = std::fs::read_to_string(root.join("src/wasm.d.ts")).unwrap();
    for result in [
        "tls",
        "plain-http",
        "plain-http-on-tls",
        "tls-on-plain-http",
        "failed",
    ] {
        assert!(text.contains(&format!("\"{result}\"")), "{result}");
    }
}

#[test]
fn metadata_matches_its_declaration() {
    let json = serde_json::to_value(wb_ssl_check::metadata::metadata()).unwrap();
    let ifaces = interfaces();
    assert_shape(&ifaces, "Metadata", &json);
    assert_shape(&ifaces, "Limits", &json["limits"]);
    let list = |k: &str| json[k].as_array().unwrap().clone();
    for c in list("channels") {
        assert_shape(&ifaces, "ChannelName", &c);
    }
    for r in list("roles") {
        assert_shape(&ifaces, "RoleName", &r);
    }
    for k in list("kinds") {
        assert_shape(&ifaces, "KindName", &k);
    }
    for s in list("severities") {
        assert_shape(&ifaces, "SeverityName", &s);
    }
    for key in [
        "statuses",
        "positions",
        "checks",
        "trusts",
        "fix_safeties",
        "printers",
    ] {
        assert!(!list(key).is_empty(), "{key}");
        for n in list(key) {
            assert_shape(&ifaces, "Named", &n);
        }
    }
}
