//! The verdict that audited code gives, end to end (fixtures: tests/fixtures/pki/signatures.sh):
//! a BER-encoded ECDSA signature is never "verified", RSA-PSS links are verified with the
//! certificate's own parameters (and named in words when rustls-webpki does not accept them), and a
//! key file without its public half still matches its certificate.

mod report_log;

use report_log::check;
use std::path::Path;
use wb_ssl_check::report::{Channel, ChannelStatus, CheckResult, Report};
use wb_ssl_check::{pki::Role, CheckOptions, Input};

fn pki(name: &str) -> Vec<u8> {
    std::fs::read(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/pki")
            .join(name),
    )
    .unwrap()
}

fn rserver(host: &str) -> String {
    format!("ssl-enabled=1\nssl-certificate=/etc/rstudio/workbench.crt\nssl-certificate-key=/etc/rstudio/workbench.key\nlauncher-sessions-callback-address=https://{host}\n")
}

/// Workbench's certificate `cert`, with `root` marked trusted, for `host`.
fn report(host: &str, cert: &str, root: &str) -> Report {
    let inputs = vec![
        Input::new("rserver.conf", rserver(host)),
        Input::new("workbench.crt", pki(cert)),
        Input::new("root.crt", pki(root)),
    ];
    let options = CheckOptions {
        now_unix: wb_ssl_check::parse_time("2027-01-01T00:00:00Z"),
        hostname: Some(host.into()),
        roles: vec![("root.crt".into(), Role::TrustedCa)],
        ..Default::default()
    };
    check(&inputs, &options)
}

fn channel_a(r: &Report) -> ChannelStatus {
    r.channels
        .iter()
        .find(|c| c.id == Channel::A)
        .unwrap()
        .status
}

/// The signature checks of the chain view: (result, detail) per link.
fn signature_checks(r: &Report) -> Vec<(CheckResult, String)> {
    r.chains
        .iter()
        .flat_map(|c| &c.links)
        .flat_map(|l| &l.checks)
        .filter(|k| k.check == "signature")
        .map(|k| (k.result, k.detail.clone()))
        .collect()
}

#[test]
fn an_ecdsa_signature_in_ber_is_never_verified() {
    let good = report("ec.example.org", "ec-leaf.crt", "ec-root.crt");
    assert_eq!(
        channel_a(&good),
        ChannelStatus::Verified,
        "{:?}",
        good.findings
    );
    // The same certificate, its signature re-encoded with a long-form length: openssl verify refuses
    // it, and so must every path here.
    let ber = report("ec.example.org", "ec-leaf-ber.crt", "ec-root.crt");
    assert_ne!(channel_a(&ber), ChannelStatus::Verified);
    assert!(
        ber.findings
            .iter()
            .any(|f| f.rule == "chain-signature-invalid" || f.rule == "chain-rejected"),
        "{:?}",
        ber.findings.iter().map(|f| &f.rule).collect::<Vec<_>>()
    );
}

#[test]
fn rsa_pss_links_are_verified_with_their_own_parameters() {
    let r = report("pss.example.org", "pss-leaf.crt", "pss-root.crt");
    assert_eq!(channel_a(&r), ChannelStatus::Verified, "{:?}", r.findings);
    let checks = signature_checks(&r);
    assert!(!checks.is_empty());
    assert!(
        checks
            .iter()
            .all(|(result, _)| *result == CheckResult::Pass),
        "{checks:?}"
    );

    // A 20-byte salt with SHA-256: a valid signature, in a form rustls-webpki does not accept. Not
    // verified, in words, and never "bad signature".
    let r = report("pss.example.org", "pss-leaf-salt20.crt", "pss-root.crt");
    assert_ne!(channel_a(&r), ChannelStatus::Verified);
    assert!(
        !r.findings
            .iter()
            .any(|f| f.rule == "chain-signature-invalid"),
        "{:?}",
        r.findings
    );
    let words = format!("{:?} {:?}", signature_checks(&r), r.not_checked);
    assert!(
        words.contains("RSA-PSS with parameters that are not accepted"),
        "{words}"
    );
}

#[test]
fn a_key_without_its_public_half_still_matches_its_certificate() {
    for key in ["p384-no-public.key", "p384-no-public-pkcs8.key"] {
        let inputs = vec![
            Input::new("rserver.conf", rserver("p384.example.org")),
            Input::new("workbench.crt", pki("p384.crt")),
            Input::new("workbench.key", pki(key)),
        ];
        let options = CheckOptions {
            now_unix: wb_ssl_check::parse_time("2025-01-01T00:00:00Z"),
            ..Default::default()
        };
        let r = check(&inputs, &options);
        assert!(
            !r.rules().contains(&"cert-key-mismatch"),
            "{key}: {:?}",
            r.rules()
        );
        let described = &r
            .inputs
            .iter()
            .find(|i| i.name == "workbench.key")
            .unwrap()
            .description;
        assert!(
            described.contains("EC P-384") && !described.contains("not derived"),
            "{key}: {described}"
        );
        // And another key's certificate does not match it.
        let inputs = vec![
            Input::new("rserver.conf", rserver("p384.example.org")),
            Input::new("workbench.crt", pki("ec-leaf.crt")),
            Input::new("workbench.key", pki(key)),
        ];
        assert!(
            check(&inputs, &options)
                .rules()
                .contains(&"cert-key-mismatch"),
            "{key}"
        );
    }
}
