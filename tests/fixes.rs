//! What fixes write, file by file: each expected text below was written by hand from the rule's "How to
//! fix", not copied from output. The general promises (a fix removes its finding, settles, names its
//! lines) are in tests/fix_common, run on every fixture and the real corpus.

mod report_log;

use report_log::check;
use wb_ssl_check::fix::{apply_fixes, editable_configs};
use wb_ssl_check::report::FixSafety;
use wb_ssl_check::{CheckOptions, Input};

fn options() -> CheckOptions {
    CheckOptions {
        now_unix: wb_ssl_check::parse_time("2027-01-01T00:00:00Z"),
        hostname: Some("workbench.example.org".into()),
        ..Default::default()
    }
}

/// The files after every fix of one round (safe ones, or all with `unsafe_fixes`), as (name, text).
fn fixed(inputs: &[Input], unsafe_fixes: bool) -> Vec<(String, String)> {
    let report = check(inputs, &options());
    let (files, _) = apply_fixes(
        &report.findings,
        &editable_configs(inputs, &report),
        unsafe_fixes,
    );
    files.into_iter().map(|f| (f.name, f.after)).collect()
}

#[test]
fn quotes_typos_duplicates_and_urls_are_fixed_in_place() {
    let rserver = "ssl-enabled=1\n\
                   ssl-certificate=\"/etc/rstudio/wb.crt\"\n\
                   ssl-certificate-key='/etc/rstudio/wb.key'\n\
                   www-port=443\n\
                   www-port=443\n\
                   launcher-adress=localhost\n\
                   launcher-address=https://localhost:5559\n";
    let got = fixed(&[Input::new("rserver.conf", rserver)], false);
    assert_eq!(
        got,
        [(
            "rserver.conf".to_string(),
            "ssl-enabled=1\n\
             ssl-certificate=/etc/rstudio/wb.crt\n\
             ssl-certificate-key=/etc/rstudio/wb.key\n\
             www-port=443\n\
             launcher-adress=localhost\n\
             launcher-address=localhost\n\
             launcher-port=5559\n\
             launcher-use-ssl=1\n"
                .to_string()
        )]
    );
}

#[test]
fn a_mismatch_is_fixed_on_rserver_side_only_with_unsafe_fixes() {
    let rserver = "launcher-sessions-enabled=1\nlauncher-address=localhost\nlauncher-port=5559\nlauncher-sessions-callback-address=http://127.0.0.1:8787\n";
    let launcher = "[server]\naddress=127.0.0.1\nport=5558\nenable-ssl=0\n\n[cluster]\nname=Local\ntype=Local\n";
    let inputs = [
        Input::new("rserver.conf", rserver),
        Input::new("launcher.conf", launcher),
    ];
    let report = check(&inputs, &options());
    let port = report
        .findings
        .iter()
        .find(|f| f.rule == "launcher-port-mismatch")
        .and_then(|f| f.fix.as_ref())
        .expect("a fix");
    assert_eq!(port.safety, FixSafety::NeedsReview);
    assert!(fixed(&inputs, false).is_empty());
    assert_eq!(
        fixed(&inputs, true),
        [(
            "rserver.conf".to_string(),
            "launcher-sessions-enabled=1\nlauncher-address=localhost\nlauncher-port=5558\nlauncher-sessions-callback-address=http://127.0.0.1:8787\n"
                .to_string()
        )]
    );
}

#[test]
fn an_option_in_the_wrong_file_moves_into_the_right_section_of_the_right_file() {
    let rserver = "launcher-sessions-enabled=1\nlauncher-address=localhost\nlauncher-sessions-callback-address=http://127.0.0.1:8787\nenable-ssl=1\n";
    // With the Launcher's certificate and key set, so that moving `enable-ssl=1` adds no error.
    let launcher = "[server]\naddress=127.0.0.1\nport=5559\nlauncher-use-ssl=1\ncertificate-file=/l.crt\ncertificate-key-file=/l.key\n\n[cluster]\nname=Local\ntype=Local\n";
    let got = fixed(
        &[
            Input::new("rserver.conf", rserver),
            Input::new("launcher.conf", launcher),
        ],
        true,
    );
    assert_eq!(
        got,
        [
            (
                "rserver.conf".to_string(),
                "launcher-sessions-enabled=1\nlauncher-address=localhost\nlauncher-sessions-callback-address=http://127.0.0.1:8787\nlauncher-use-ssl=1\n"
                    .to_string()
            ),
            (
                "launcher.conf".to_string(),
                "[server]\naddress=127.0.0.1\nport=5559\ncertificate-file=/l.crt\ncertificate-key-file=/l.key\nenable-ssl=1\n\n[cluster]\nname=Local\ntype=Local\n"
                    .to_string()
            ),
        ]
    );
}

#[test]
fn added_lines_follow_the_files_line_endings_and_start_after_an_unterminated_last_line() {
    let got = fixed(
        &[Input::new(
            "rserver.conf",
            "launcher-address=https://localhost:5560\r\nwww-port=8787",
        )],
        false,
    );
    assert_eq!(
        got[0].1,
        "launcher-address=localhost\r\nwww-port=8787\r\nlauncher-port=5560\r\nlauncher-use-ssl=1\r\n"
    );
}

#[test]
fn certificates_keys_and_non_utf8_configs_are_never_edited() {
    let utf16: Vec<u8> = [0xFF, 0xFE]
        .into_iter()
        .chain(
            "ssl-certificate=\"/x.crt\"\n"
                .encode_utf16()
                .flat_map(|u| u.to_le_bytes()),
        )
        .collect();
    let inputs = [
        Input::new("rserver.conf", utf16),
        Input::new(
            "server.crt",
            std::fs::read(concat!(
                env!("CARGO_MANIFEST_DIR"),
                "/tests/fixtures/pki/wb-fullchain.pem"
            ))
            .unwrap(),
        ),
    ];
    let report = check(&inputs, &options());
    assert!(editable_configs(&inputs, &report).is_empty());
    assert!(fixed(&inputs, true).is_empty());
}

fn pki(name: &str) -> Vec<u8> {
    std::fs::read(format!(
        "{}/tests/fixtures/pki/{name}",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap()
}

/// What is not a config edit is a command, built from the user's own file names and the certificate's
/// own names.
#[test]
fn fixes_that_are_not_edits_are_commands_with_the_users_names() {
    let rserver = "ssl-enabled=1\nssl-certificate=/etc/rstudio/ssl/workbench.crt\nssl-certificate-key=/etc/rstudio/ssl/workbench.key\n";
    let report = check(
        &[
            Input::new("rserver.conf", rserver),
            Input::new("workbench.crt", pki("wb.crt")),
            Input::new("workbench.key", pki("wb.key")),
            Input::new("issuing-ca.pem", pki("int.crt")),
        ],
        &CheckOptions {
            now_unix: wb_ssl_check::parse_time("2027-01-01T00:00:00Z"),
            hostname: Some("rstudio.example.com".into()),
            ..Default::default()
        },
    );
    let help = |rule: &str| {
        report
            .findings
            .iter()
            .find(|f| f.rule == rule)
            .unwrap_or_else(|| panic!("{rule} in {:?}", report.rules()))
            .help
            .clone()
    };
    assert!(
        help("chain-incomplete").contains("`cat workbench.crt issuing-ca.pem > workbench.crt.new && mv workbench.crt.new workbench.crt`"),
        "{}",
        help("chain-incomplete")
    );
    assert!(
        help("cert-hostname-mismatch").contains(
            "-subj \"/CN=rstudio.example.com\" -addext \"subjectAltName=DNS:rstudio.example.com,DNS:wb.example.org,DNS:*.apps.example.org,IP:192.0.2.10\""
        ),
        "{}",
        help("cert-hostname-mismatch")
    );
}

#[test]
fn settings_before_any_header_get_a_server_header_and_a_missing_callback_gets_the_public_url() {
    let launcher = "address=127.0.0.1\nport=5559\n\n[cluster]\nname=Local\ntype=Local\n";
    let rserver = "launcher-sessions-enabled=1\nlauncher-address=127.0.0.1\n";
    let inputs = [
        Input::new("rserver.conf", rserver),
        Input::new("launcher.conf", launcher),
    ];
    assert_eq!(
        fixed(&inputs, false),
        [("launcher.conf".to_string(), format!("[server]\n{launcher}"))]
    );
    // The public host name (here given) is the URL users type: added only with --unsafe-fixes.
    let all = fixed(&inputs, true);
    let conf = &all.iter().find(|(n, _)| n == "rserver.conf").unwrap().1;
    assert_eq!(
        conf,
        "launcher-sessions-enabled=1\nlauncher-address=127.0.0.1\nlauncher-sessions-callback-address=http://workbench.example.org:8787\n"
    );
}

#[test]
fn a_wildcard_callback_becomes_loopback_for_sessions_on_this_host() {
    let rserver = "launcher-sessions-enabled=1\nlauncher-address=127.0.0.1\nlauncher-sessions-callback-address=http://0.0.0.0:8787\n";
    let got = fixed(&[Input::new("rserver.conf", rserver)], true);
    assert_eq!(
        got[0].1,
        "launcher-sessions-enabled=1\nlauncher-address=127.0.0.1\nlauncher-sessions-callback-address=http://127.0.0.1:8787\n"
    );
}
