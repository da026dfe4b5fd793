//! The symptom catalog (data/symptoms: real error messages with their sources, for issue 21's triage)
//! stays valid as data and as the rules change: data/symptoms/check.py checks every family's fields,
//! that each real sample matches its own family's patterns and no other family's, and that every rule a
//! cause names is in docs/rules.md (generated from the registry).

use std::path::Path;
use std::process::Command;

#[test]
fn the_symptom_catalog_matches_its_real_samples_and_names_real_rules() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let out = Command::new("python3")
        .arg(root.join("data/symptoms/check.py"))
        .output()
        .expect("python3 runs");
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(out.status.success(), "{text}");
    let families: usize = text
        .lines()
        .find_map(|l| l.strip_prefix("families: "))
        .and_then(|n| n.trim().parse().ok())
        .expect("check.py prints the number of families");
    assert!(families >= 60, "{families} families: {text}");
}
