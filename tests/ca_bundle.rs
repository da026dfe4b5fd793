//! The Debian CA bundle (package ca-certificates) parses completely: every certificate in it is
//! accounted for, as a trusted-CA input and as a plain input.

mod report_log;

use report_log::check;
use wb_ssl_check::pki::Role;
use wb_ssl_check::{CheckOptions, Input};

const BUNDLE: &str = "/etc/ssl/certs/ca-certificates.crt";

#[test]
fn debian_ca_bundle_parses_completely() {
    let bytes = std::fs::read(BUNDLE).unwrap_or_else(|e| {
        panic!("{BUNDLE}: {e} (install the ca-certificates package; scripts/test does)")
    });
    let blocks = String::from_utf8_lossy(&bytes)
        .matches("-----BEGIN CERTIFICATE-----")
        .count();
    assert!(blocks > 100, "only {blocks} certificates in {BUNDLE}");
    for roles in [
        vec![],
        vec![("ca-certificates.crt".to_string(), Role::TrustedCa)],
    ] {
        let options = CheckOptions {
            now_unix: Some(1_798_761_600),
            roles,
            ..Default::default()
        };
        let report = check(
            &[Input::new("ca-certificates.crt", bytes.clone())],
            &options,
        );
        assert_eq!(
            report.certificates.len(),
            blocks,
            "every certificate is accounted for"
        );
        let mut indices: Vec<u32> = report.certificates.iter().map(|c| c.block).collect();
        indices.dedup();
        assert_eq!(indices, (1..=blocks as u32).collect::<Vec<_>>());
        assert!(report
            .certificates
            .iter()
            .all(|c| c.ca && !c.subject.is_empty() && c.sha256.len() == 95));
        assert!(!report.rules().contains(&"cert-unparsable"));
        // A system bundle is a set of roots, not a chain: no chain findings.
        assert!(
            report
                .findings
                .iter()
                .all(|f| !f.rule.starts_with("chain-")),
            "{:?}",
            report.rules()
        );
    }
}
