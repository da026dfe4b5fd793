//! Differential test of the report's certificate facts against Python's `cryptography` (and
//! OpenSSL's names for signature algorithms): every certificate of pyca's cryptography-vectors
//! (`x509/`), of the Debian CA bundle and of the real corpus.
//!
//! For each certificate that the reference loads, the report's subject, issuer, serial, SANs, validity,
//! key type and size, signature algorithm, SHA-256, CA flag, keyUsage and extendedKeyUsage must be
//! equal. Certificates the reference refuses are not compared (they are counted). Certificates the
//! reference loads but the report does not describe are failures unless listed in `WE_REFUSE`, each
//! with the reason.
//!
//! The reference facts come from tests/differential/reference.py. scripts/test installs what it needs
//! (python3 with `cryptography`, `openssl`) and unpacks cryptography-vectors into
//! target/cryptography-vectors (set WB_VECTORS_DIR to use another place).

mod report_log;

use report_log::check;
use serde_json::Value;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;
use wb_ssl_check::{CheckOptions, Input};

/// Certificates the reference loads and wb-ssl-check refuses on purpose, by file name suffix and
/// block, with the reason.
const WE_REFUSE: &[(&str, u32, &str)] = &[];

fn vectors_dir() -> PathBuf {
    std::env::var_os("WB_VECTORS_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/cryptography-vectors")
        })
}

fn corpus_dir() -> PathBuf {
    std::env::var_os("WB_CORPUS_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/real"))
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut entries: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            walk(&p, out);
        } else if p
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| ["pem", "der", "crt", "cer"].contains(&e))
        {
            out.push(p);
        }
    }
}

#[test]
fn certificate_facts_match_python_cryptography() {
    let vectors = vectors_dir().join("cryptography_vectors/x509");
    assert!(
        vectors.is_dir(),
        "{} is missing: scripts/test unpacks cryptography-vectors there (or set WB_VECTORS_DIR)",
        vectors.display()
    );
    let mut files = Vec::new();
    walk(&vectors, &mut files);
    walk(&corpus_dir(), &mut files);
    files.push(PathBuf::from("/etc/ssl/certs/ca-certificates.crt"));
    assert!(
        files.len() > 600,
        "only {} certificate files found",
        files.len()
    );

    let out = Command::new("python3")
        .arg(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/differential/reference.py"))
        .args(&files)
        .output()
        .expect("python3 runs");
    assert!(
        out.status.success(),
        "reference.py failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let reference: BTreeMap<String, Vec<Value>> =
        serde_json::from_slice(&out.stdout).expect("reference JSON");

    // One check per file: each is its own input, as a user would drop it.
    let options = CheckOptions {
        now_unix: Some(1_798_761_600),
        ..Default::default()
    };
    let (mut compared, mut refused_by_reference) = (0usize, 0usize);
    let mut refusals: BTreeMap<String, usize> = BTreeMap::new();
    let mut failures = Vec::new();
    for (path, entries) in &reference {
        let bytes = std::fs::read(path).unwrap();
        let report = check(&[Input::new(path.clone(), bytes)], &options);
        let report = serde_json::to_value(&report).unwrap();
        let ours: Vec<&Value> = report["certificates"].as_array().unwrap().iter().collect();
        for want in entries {
            let block = want["block"].as_u64().unwrap();
            if let Some(reason) = want["rejected"].as_str() {
                refused_by_reference += 1;
                let kind = reason.split(':').next().unwrap_or(reason).to_string();
                *refusals.entry(kind).or_insert(0usize) += 1;
                continue;
            }
            let Some(got) = ours.iter().find(|c| c["block"].as_u64() == Some(block)) else {
                let allowed = WE_REFUSE
                    .iter()
                    .any(|(f, b, _)| path.ends_with(f) && u64::from(*b) == block);
                if !allowed {
                    let why = report["findings"]
                        .as_array()
                        .unwrap()
                        .iter()
                        .map(|f| f["message"].as_str().unwrap_or_default().to_string())
                        .collect::<Vec<_>>()
                        .join(" | ");
                    failures.push(format!("{path} block {block}: not in the report ({why})"));
                }
                continue;
            };
            compared += 1;
            for field in [
                "subject",
                "issuer",
                "serial",
                "sans",
                "not_before",
                "not_after",
                "key",
                "signature",
                "sha256",
                "ca",
                "key_usage",
                "extended_key_usage",
            ] {
                let (w, g) = (&want[field], &got[field]);
                let equal = match field {
                    "sha256" | "serial" => {
                        w.as_str().map(str::to_lowercase) == g.as_str().map(str::to_lowercase)
                    }
                    _ => w == g,
                };
                if !equal {
                    failures.push(format!(
                        "{path} block {block}: {field}: reference {w}, report {g}"
                    ));
                }
            }
        }
    }
    println!(
        "differential: {compared} certificates compared field by field; {refused_by_reference} refused by the reference (not compared); {} differences",
        failures.len()
    );
    for (kind, n) in &refusals {
        println!("  refused by the reference: {n} × {kind}");
    }
    for f in failures.iter().take(200) {
        println!("  {f}");
    }
    assert!(compared > 600, "only {compared} certificates compared");
    assert!(
        failures.is_empty(),
        "{} differences (listed above)",
        failures.len()
    );
}
