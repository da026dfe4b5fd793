#![no_main]
//! The whole check over several inputs: the data is split into named files at 0xFF 0xFE markers.
use libfuzzer_sys::fuzz_target;

const NAMES: [&str; 10] = ["rserver.conf", "launcher.conf", "workbench.crt", "workbench.key", "launcher.pem", "ls.txt", "ticket.txt", "values.yaml", "command.txt", "support.tgz"];

/// A small symptom catalog of every shape the real one has (wildcards, one-byte pieces, a fixed and
/// an open channel): the scanner and the channel decision are fuzzed, not the catalog's words.
fn catalog() -> std::sync::Arc<wb_ssl_check::symptoms::Catalog> {
    use wb_ssl_check::symptoms::{Catalog, Cause, Family, PrintedBy};
    static CATALOG: std::sync::OnceLock<std::sync::Arc<Catalog>> = std::sync::OnceLock::new();
    CATALOG
        .get_or_init(|| {
            let family = |id: &str, printed_by: PrintedBy, channel, any_application, patterns: &[&str]| Family {
                id: id.into(),
                printed_by,
                patterns: patterns.iter().map(|p| p.to_string()).collect(),
                channel,
                // Any application's words (a proxy's, a browser's page: their channel only with
                // Workbench shown), and a fixed channel's (the IDE's), so that every decision is fuzzed.
                any_application,
                meaning: "m".into(),
                causes: vec![Cause { text: "c".into(), rules: vec!["chain-incomplete".into(), "launcher-port-mismatch".into()] }],
            };
            std::sync::Arc::new(Catalog::new(vec![
                family("a", PrintedBy::Browser, Some(wb_ssl_check::base::Channel::A), true, &["ERR_CERT_", "x"]),
                family("b", PrintedBy::Curl, None, false, &["Failed to connect to * refused", "curl: (*)"]),
                family("c", PrintedBy::Openssl, None, false, &["unable to get local issuer", "*verify*"]),
                family("d", PrintedBy::Session, None, false, &["RS_SERVER_URL"]),
                family("e", PrintedBy::Other, Some(wb_ssl_check::base::Channel::A), true, &["upstream * closed", "502 Bad Gateway"]),
                family("f", PrintedBy::Browser, Some(wb_ssl_check::base::Channel::A), false, &["returned by RStudio Server", "y"]),
            ]))
        })
        .clone()
}

fuzz_target!(|data: &[u8]| {
    let mut inputs = Vec::new();
    for (i, part) in data.split(|b| *b == 0xFF).enumerate().take(NAMES.len()) {
        inputs.push(wb_ssl_check::Input::new(NAMES[i], part));
    }
    let options = wb_ssl_check::CheckOptions { now_unix: Some(1_798_761_600), hostname: Some("wb.example.org".into()), symptom_catalog: Some(catalog()), ..Default::default() };
    let report = wb_ssl_check::check(&inputs, &options);
    // Every input is in the report, followed by what it made: a values file's rendered files, an
    // archive's members.
    assert!(inputs.iter().all(|i| report.inputs.iter().any(|r| r.name == i.name)));
    let _ = wb_ssl_check::render::markdown(&report);
    for s in &report.symptoms {
        assert!(s.count > 0 && s.line > 0);
        assert!(s.channel.is_none() || s.candidates.is_empty());
    }
    // The fixes, applied and previewed: never a panic, whatever the files hold.
    let configs = wb_ssl_check::fix::editable_configs(&inputs, &report);
    let _ = wb_ssl_check::fix::apply_fixes(&report.findings, &configs, true);
    for f in report.findings.iter().filter_map(|f| f.fix.as_ref()) {
        for (name, text) in &configs {
            let _ = wb_ssl_check::fix::preview(name, text, f);
        }
    }
});
