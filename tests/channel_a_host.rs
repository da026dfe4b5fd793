//! Channel a's host name: given, guessed from the configs (and said so), or unknown. A certificate is
//! never `verified` for browsers without the name they dial.

mod report_log;

use report_log::check;
use std::path::Path;
use wb_ssl_check::{pki::Role, CheckOptions, Input};

fn pki(name: &str) -> Vec<u8> {
    std::fs::read(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/pki")
            .join(name),
    )
    .unwrap()
}

fn options(hostname: Option<&str>) -> CheckOptions {
    CheckOptions {
        now_unix: wb_ssl_check::parse_time("2027-06-01T00:00:00Z"),
        hostname: hostname.map(str::to_string),
        // The example root CA is trusted, so the chain itself verifies.
        roles: vec![("ca.crt".into(), Role::TrustedCa)],
        ..Default::default()
    }
}

fn deployment(extra: &str) -> Vec<Input> {
    vec![
        Input::new(
            "rserver.conf",
            format!("ssl-enabled=1\nssl-certificate=/etc/rstudio/ssl/workbench.crt\nssl-certificate-key=/etc/rstudio/ssl/workbench.key\n{extra}"),
        ),
        Input::new("workbench.crt", pki("wb-fullchain.pem")),
        Input::new("workbench.key", pki("wb.key")),
        Input::new("ca.crt", pki("ca.crt")),
    ]
}

fn channel_a(report: &wb_ssl_check::Report) -> &str {
    report.channels[0].status.as_str()
}

#[test]
fn a_host_guessed_from_the_callback_is_checked_and_named_as_a_guess() {
    // The certificate names wb.example.org; the callback (what users usually type) is another name.
    let report = check(
        &deployment("launcher-sessions-callback-address=https://rstudio.example.com\n"),
        &options(None),
    );
    let f = report
        .findings
        .iter()
        .find(|f| f.rule == "cert-hostname-mismatch")
        .expect("the guessed host is checked");
    assert!(f.message.contains("rstudio.example.com"), "{}", f.message);
    assert!(
        f.message.contains("guessed"),
        "the finding says the host is a guess: {}",
        f.message
    );
    assert_ne!(channel_a(&report), "verified");
}

#[test]
fn a_guessed_host_that_the_certificate_names_verifies() {
    let report = check(
        &deployment("launcher-sessions-callback-address=https://wb.example.org\n"),
        &options(None),
    );
    assert_eq!(channel_a(&report), "verified", "{:?}", report.findings);
}

#[test]
fn without_any_host_name_channel_a_is_not_verified() {
    let report = check(&deployment(""), &options(None));
    assert_eq!(channel_a(&report), "trust-unknown");
    assert!(report.channels[0]
        .explanation
        .contains("host name users type is not known"));
    // Given, the same chain verifies.
    let report = check(&deployment(""), &options(Some("wb.example.org")));
    assert_eq!(channel_a(&report), "verified", "{:?}", report.findings);
}
