//! The served chains as the report draws them (`Report::chains`): links from leaf to anchor with the
//! checks of each, the anchor found among the other inputs, and per client the name and the trust.

mod report_log;

use report_log::check;
use std::path::Path;
use wb_ssl_check::report::{
    ChainSummary, Channel, ChannelStatus, CheckResult, LinkPosition, Trust,
};
use wb_ssl_check::{pki::Role, CheckOptions, Input};

fn pki(name: &str) -> Vec<u8> {
    std::fs::read(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/pki")
            .join(name),
    )
    .unwrap()
}

const RSERVER: &str = "ssl-enabled=1\nssl-certificate=/etc/rstudio/ssl/workbench.crt\nssl-certificate-key=/etc/rstudio/ssl/workbench.key\nlauncher-sessions-callback-address=https://wb.example.org\n";

fn chains(
    cert: &str,
    extra: Vec<Input>,
    now: &str,
    roles: Vec<(String, Role)>,
) -> Vec<ChainSummary> {
    let mut inputs = vec![
        Input::new("rserver.conf", RSERVER),
        Input::new("workbench.crt", pki(cert)),
        Input::new("workbench.key", pki("wb.key")),
    ];
    inputs.extend(extra);
    let options = CheckOptions {
        now_unix: wb_ssl_check::parse_time(now),
        hostname: Some("wb.example.org".into()),
        roles,
        ..Default::default()
    };
    check(&inputs, &options).chains
}

fn results(chain: &ChainSummary) -> Vec<Vec<(String, CheckResult)>> {
    chain
        .links
        .iter()
        .map(|l| {
            l.checks
                .iter()
                .map(|c| (c.check.clone(), c.result))
                .collect()
        })
        .collect()
}

#[test]
fn a_full_chain_with_its_root_given_as_trusted_is_drawn_leaf_to_root_and_verified() {
    let chains = chains(
        "wb-fullchain.pem",
        vec![Input::new("ca.crt", pki("ca.crt"))],
        "2027-06-01T00:00:00Z",
        vec![("ca.crt".into(), Role::TrustedCa)],
    );
    let [chain] = chains.as_slice() else {
        panic!("one served file, one chain: {chains:?}")
    };
    assert_eq!(chain.file, "workbench.crt");
    let positions: Vec<LinkPosition> = chain.links.iter().map(|l| l.position).collect();
    assert_eq!(
        positions,
        [
            LinkPosition::Leaf,
            LinkPosition::Intermediate,
            LinkPosition::Root
        ]
    );
    // The root comes from the other input, and is the anchor.
    assert_eq!(chain.links[2].file, "ca.crt");
    assert!(chain.anchor.given);
    assert_eq!(chain.anchor.file.as_deref(), Some("ca.crt"));
    for link in results(chain) {
        assert!(
            link.iter().all(|(_, r)| *r == CheckResult::Pass),
            "{link:?}"
        );
    }
    // Browsers (a) and sessions (c) dial it, by the name given and the callback's host.
    let clients: Vec<(Channel, Option<&str>, CheckResult, Trust, ChannelStatus)> = chain
        .clients
        .iter()
        .map(|c| {
            (
                c.channel,
                c.name.as_deref(),
                c.names.result,
                c.trust,
                c.status,
            )
        })
        .collect();
    assert_eq!(
        clients,
        [
            (
                Channel::A,
                Some("wb.example.org"),
                CheckResult::Pass,
                Trust::Trusted,
                ChannelStatus::Verified
            ),
            (
                Channel::C,
                Some("wb.example.org"),
                CheckResult::Pass,
                Trust::Trusted,
                ChannelStatus::Verified
            ),
        ]
    );
}

#[test]
fn a_chain_whose_issuer_is_missing_ends_at_a_named_anchor_that_must_be_given() {
    let chains = chains("wb.crt", vec![], "2027-06-01T00:00:00Z", vec![]);
    let chain = &chains[0];
    assert_eq!(chain.links.len(), 1);
    assert!(!chain.anchor.given);
    assert!(
        chain.anchor.subject.contains("Example Issuing CA"),
        "{:?}",
        chain.anchor
    );
    let signature = &chain.links[0].checks[0];
    assert_eq!(
        (signature.check.as_str(), signature.result),
        ("signature", CheckResult::Unknown)
    );
    assert!(chain
        .clients
        .iter()
        .all(|c| c.trust == Trust::ToBeGiven && c.status == ChannelStatus::TrustUnknown));
}

#[test]
fn failing_links_say_which_check_fails() {
    // After the leaf's notAfter (2029-02-28): the leaf's dates fail, the intermediate's pass.
    let chains = chains(
        "wb-fullchain.pem",
        vec![Input::new("ca.crt", pki("ca.crt"))],
        "2030-01-01T00:00:00Z",
        vec![("ca.crt".into(), Role::TrustedCa)],
    );
    let links = results(&chains[0]);
    assert!(links[0].contains(&("dates".into(), CheckResult::Fail)));
    assert!(links[1].contains(&("dates".into(), CheckResult::Pass)));
    assert!(chains[0]
        .clients
        .iter()
        .all(|c| c.trust == Trust::Refused && c.status == ChannelStatus::Broken));

    // An issuer named in the file that did not sign the leaf: the chain stops at the leaf.
    let chains = chains_of_wrong_issuer();
    assert_eq!(chains[0].links.len(), 1);
    let signature = &chains[0].links[0].checks[0];
    assert_eq!(
        (signature.check.as_str(), signature.result),
        ("signature", CheckResult::Fail)
    );
    assert!(
        signature.detail.contains("Example Issuing CA"),
        "{signature:?}"
    );

    // The wrong name: the names check fails for browsers.
    let mut inputs = vec![
        Input::new("rserver.conf", RSERVER),
        Input::new("workbench.crt", pki("wb-fullchain.pem")),
        Input::new("ca.crt", pki("ca.crt")),
    ];
    inputs.push(Input::new("workbench.key", pki("wb.key")));
    let report = check(
        &inputs,
        &CheckOptions {
            now_unix: wb_ssl_check::parse_time("2027-06-01T00:00:00Z"),
            hostname: Some("rstudio.example.com".into()),
            roles: vec![("ca.crt".into(), Role::TrustedCa)],
            ..Default::default()
        },
    );
    let a = &report.chains[0].clients[0];
    assert_eq!((a.channel, a.names.result), (Channel::A, CheckResult::Fail));
    assert_eq!(a.status, ChannelStatus::Broken);
}

#[test]
fn a_client_whose_name_the_certificate_does_not_cover_refuses_it_even_when_the_path_verifies() {
    let rserver = RSERVER.replace("https://wb.example.org", "https://localhost");
    let report = check(
        &[
            Input::new("rserver.conf", rserver),
            Input::new("workbench.crt", pki("wb-fullchain.pem")),
            Input::new("workbench.key", pki("wb.key")),
            Input::new("ca.crt", pki("ca.crt")),
        ],
        &CheckOptions {
            now_unix: wb_ssl_check::parse_time("2027-06-01T00:00:00Z"),
            hostname: Some("wb.example.org".into()),
            roles: vec![("ca.crt".into(), Role::TrustedCa)],
            ..Default::default()
        },
    );
    let clients: Vec<(Channel, ChannelStatus)> = report.chains[0]
        .clients
        .iter()
        .map(|c| (c.channel, c.status))
        .collect();
    assert_eq!(
        clients,
        [
            (Channel::A, ChannelStatus::Verified),
            (Channel::C, ChannelStatus::Broken)
        ]
    );
    assert!(report.chains[0].clients[1]
        .detail
        .contains("does not cover `localhost`"));
    assert!(report.rules().contains(&"callback-cert-hostname-mismatch"));
}

fn chains_of_wrong_issuer() -> Vec<ChainSummary> {
    chains(
        "wb-wrong-issuer.pem",
        vec![],
        "2027-06-01T00:00:00Z",
        vec![],
    )
}

#[test]
fn files_that_nothing_serves_have_no_chain() {
    let report = check(
        &[
            Input::new("ca.crt", pki("ca.crt")),
            Input::new("int.crt", pki("int.crt")),
        ],
        &CheckOptions::default(),
    );
    assert!(report.chains.is_empty(), "{:?}", report.chains);
    assert_eq!(report.certificates.len(), 2);
}

#[test]
fn the_markdown_report_for_tickets_lists_each_chain_and_what_fails_in_it() {
    let inputs = vec![
        Input::new("rserver.conf", RSERVER),
        Input::new("workbench.crt", pki("wb-fullchain.pem")),
        Input::new("workbench.key", pki("wb.key")),
    ];
    let options = CheckOptions {
        now_unix: wb_ssl_check::parse_time("2030-01-01T00:00:00Z"),
        hostname: Some("wb.example.org".into()),
        ..Default::default()
    };
    let text = wb_ssl_check::render::markdown(&check(&inputs, &options));
    let section = &text[text.find("### Served chains").expect("a chains section")..];
    assert!(
        section.contains("1. server certificate: `O=Example Corp, CN=wb.example.org`"),
        "{section}"
    );
    assert!(
        section.contains("**dates fails**: expired on 2029-02-28"),
        "{section}"
    );
    assert!(
        section.contains(
            "1. the CA your machines must trust (not given): `O=Example Corp, CN=Example Root CA`"
        ),
        "{section}"
    );
}
