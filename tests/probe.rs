//! `wb-ssl-check probe` against servers this test starts on 127.0.0.1 (rustls, with the fixture
//! certificates): the right chain, a stale certificate, a missing intermediate, a wrong host name,
//! plain HTTP on a TLS port, a closed port and a server that accepts and never answers. The CLI
//! reaches them with `--connect-to`, as an admin would reach a server not yet in DNS; nothing leaves
//! the machine. Expected statuses and rules come from the scenario, written by hand.

#![cfg(unix)]

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::Arc;
use std::time::Duration;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).to_path_buf()
}

fn pem(path: &Path) -> Vec<(String, Vec<u8>)> {
    let text = std::fs::read_to_string(path).unwrap();
    wb_ssl_check::input::pem::read_blocks(&text, 16)
        .0
        .into_iter()
        .map(|b| (b.label.clone(), b.body.clone().unwrap()))
        .collect()
}

/// What a test server does with each connection.
#[derive(Clone, Copy)]
enum Behaviour {
    /// TLS with this chain, then `HTTP/1.1 <status>`.
    Tls(u16),
    /// Answers anything in plain HTTP at once (rserver without SSL, nginx).
    PlainHttp,
    /// Accepts and never answers.
    Silent,
}

/// Starts a server on 127.0.0.1 (a free port) and returns the port. `chain` and `key` are files of
/// tests/fixtures or examples.
fn serve(behaviour: Behaviour, chain: &[&str], key: &str) -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let config = if let Behaviour::Tls(_) = behaviour {
        let certs: Vec<rustls::pki_types::CertificateDer<'static>> = chain
            .iter()
            .flat_map(|f| pem(&root().join(f)))
            .filter(|(l, _)| l == "CERTIFICATE")
            .map(|(_, der)| der.into())
            .collect();
        let (label, der) = pem(&root().join(key)).remove(0);
        let key = match label.as_str() {
            "PRIVATE KEY" => rustls::pki_types::PrivateKeyDer::Pkcs8(der.into()),
            "EC PRIVATE KEY" => rustls::pki_types::PrivateKeyDer::Sec1(der.into()),
            _ => rustls::pki_types::PrivateKeyDer::Pkcs1(der.into()),
        };
        let provider = Arc::new(rustls::crypto::ring::default_provider());
        Some(Arc::new(
            rustls::ServerConfig::builder_with_provider(provider)
                .with_safe_default_protocol_versions()
                .unwrap()
                .with_no_client_auth()
                .with_single_cert(certs, key)
                .unwrap(),
        ))
    } else {
        None
    };
    std::thread::spawn(move || {
        let mut held = Vec::new();
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { continue };
            match behaviour {
                Behaviour::Silent => held.push(stream),
                Behaviour::PlainHttp => {
                    let mut buf = [0u8; 4096];
                    let _ = stream.read(&mut buf);
                    let _ = stream.write_all(b"HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
                }
                Behaviour::Tls(status) => {
                    let config = config.clone().unwrap();
                    std::thread::spawn(move || answer_tls(config, stream, status));
                }
            }
        }
    });
    port
}

fn answer_tls(config: Arc<rustls::ServerConfig>, mut stream: TcpStream, status: u16) {
    let _ = stream.set_read_timeout(Some(Duration::from_secs(5)));
    let Ok(mut conn) = rustls::ServerConnection::new(config) else {
        return;
    };
    let mut tls = rustls::Stream::new(&mut conn, &mut stream);
    let mut request = Vec::new();
    let mut buf = [0u8; 1024];
    while !request.windows(4).any(|w| w == b"\r\n\r\n") {
        match tls.read(&mut buf) {
            Ok(0) | Err(_) => return,
            Ok(n) => request.extend_from_slice(&buf[..n]),
        }
    }
    let _ = write!(
        tls,
        "HTTP/1.1 {status} Found\r\nLocation: /auth-sign-in\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
    );
    let _ = tls.flush();
    conn.send_close_notify();
    let _ = conn.complete_io(&mut stream);
}

/// A port nothing listens on: bound, then released.
fn closed_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

struct Run {
    json: serde_json::Value,
    code: Option<i32>,
}

impl Run {
    fn status(&self, channel: &str) -> String {
        self.channel(channel)["status"]
            .as_str()
            .unwrap()
            .to_string()
    }

    fn channel(&self, channel: &str) -> &serde_json::Value {
        self.json["channels"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["id"] == channel)
            .unwrap()
    }

    /// `rule severity channel`, sorted.
    fn findings(&self) -> Vec<String> {
        let mut v: Vec<String> = self.json["findings"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| {
                format!(
                    "{} {} {}",
                    f["rule"].as_str().unwrap(),
                    f["severity"].as_str().unwrap(),
                    f["channel"].as_str().unwrap()
                )
            })
            .collect();
        v.sort();
        v
    }
}

fn probe(args: &[&str]) -> Run {
    let out = Command::new(env!("CARGO_BIN_EXE_wb-ssl-check"))
        .arg("probe")
        .args(args)
        .args(["--format", "json", "--timeout", "2"])
        .current_dir(root())
        .output()
        .unwrap();
    let json = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "{e}: {}\n{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        )
    });
    Run {
        json,
        code: out.status.code(),
    }
}

#[test]
fn examples_correct_against_its_own_chains_is_verified_on_every_channel() {
    let wb = serve(
        Behaviour::Tls(302),
        &["examples/correct/workbench.crt"],
        "examples/correct/workbench.key",
    );
    let launcher = serve(
        Behaviour::Tls(404),
        &["examples/correct/launcher.crt"],
        "examples/correct/launcher.key",
    );
    let run = probe(&[
        "examples/correct",
        "--trusted-ca",
        "examples/correct/example-root-ca.crt",
        "--now",
        "2026-11-27T00:00:00Z",
        "--connect-to",
        &format!("workbench.example.org:443:127.0.0.1:{wb}"),
        "--connect-to",
        &format!("localhost:5559:127.0.0.1:{launcher}"),
    ]);
    assert_eq!(run.findings(), Vec::<String>::new());
    assert_eq!(run.code, Some(0));
    for ch in ["a", "b", "c"] {
        assert_eq!(run.status(ch), "verified", "channel {ch}");
        let served = &run.channel(ch)["served"][0];
        assert_eq!(served["result"], "tls", "channel {ch}");
        assert_eq!(served["same_as_file"], true, "channel {ch}");
        assert_eq!(served["address"], "127.0.0.1", "channel {ch}");
    }
    // The callback's HTTP answer is recorded; the Launcher gets no HTTP request.
    assert_eq!(run.channel("c")["served"][0]["http"], "HTTP/1.1 302 Found");
    assert!(run.channel("b")["served"][0]["http"].is_null());
    assert_eq!(
        run.channel("a")["served"][0]["dialled"],
        "workbench.example.org:443"
    );
}

/// The deployment of tests/fixtures/served (Workbench at wb.example.org:18443, the Launcher at
/// localhost:15559), its files from tests/fixtures/pki, probed with Workbench's endpoint served by
/// `wb` and the Launcher's by `launcher`.
fn probe_fixture(wb: u16, launcher: u16) -> Run {
    probe(&[
        "tests/fixtures/served/deployment",
        "tests/fixtures/pki/wb-fullchain.pem",
        "tests/fixtures/pki/wb.key",
        "tests/fixtures/pki/launcher-fullchain.pem",
        "tests/fixtures/pki/launcher-ec.key",
        "--trusted-ca",
        "tests/fixtures/pki/ca.crt",
        "--hostname",
        "wb.example.org",
        "--now",
        "2026-12-01T00:00:00Z",
        "--connect-to",
        &format!("wb.example.org:18443:127.0.0.1:{wb}"),
        "--connect-to",
        &format!("localhost:15559:127.0.0.1:{launcher}"),
    ])
}

fn right_launcher() -> u16 {
    serve(
        Behaviour::Tls(404),
        &[
            "tests/fixtures/pki/launcher.crt",
            "tests/fixtures/pki/int.crt",
        ],
        "tests/fixtures/pki/launcher-ec.key",
    )
}

fn right_workbench() -> u16 {
    serve(
        Behaviour::Tls(302),
        &["tests/fixtures/pki/wb-fullchain.pem"],
        "tests/fixtures/pki/wb.key",
    )
}

#[test]
fn the_right_chains_give_no_finding() {
    let run = probe_fixture(right_workbench(), right_launcher());
    assert_eq!(run.findings(), Vec::<String>::new());
    for ch in ["a", "b", "c"] {
        assert_eq!(run.status(ch), "verified", "channel {ch}");
    }
    // The whole chain as served: leaf, then the intermediate.
    let certs = run.channel("a")["served"][0]["certificates"]
        .as_array()
        .unwrap()
        .clone();
    assert_eq!(certs.len(), 2);
    assert!(certs[0]["subject"]
        .as_str()
        .unwrap()
        .contains("wb.example.org"));
}

#[test]
fn a_stale_certificate_differs_from_the_file() {
    let stale = serve(
        Behaviour::Tls(302),
        &["tests/fixtures/served/wb-previous-chain.pem"],
        "tests/fixtures/served/wb-previous.key",
    );
    let run = probe_fixture(stale, right_launcher());
    // One finding for the endpoint that channels a and c share; the stale chain itself verifies.
    assert_eq!(run.findings(), vec!["served-cert-differs warning a"]);
    assert_eq!(run.channel("a")["served"][0]["same_as_file"], false);
    assert_eq!(run.status("a"), "verified");
}

#[test]
fn a_missing_intermediate_is_incomplete_and_not_verified() {
    let leaf_only = serve(
        Behaviour::Tls(302),
        &["tests/fixtures/pki/wb.crt"],
        "tests/fixtures/pki/wb.key",
    );
    let run = probe_fixture(leaf_only, right_launcher());
    // Sessions (c) never fetch a missing intermediate, and browsers do not fetch a private CA's (the
    // fixture's CA is given as trusted): an error on both, and both channels are broken.
    assert_eq!(
        run.findings(),
        vec![
            "served-chain-incomplete error a",
            "served-chain-incomplete error c"
        ]
    );
    // The file is complete and verifies, but what is served does not, in every view.
    assert_eq!(run.status("a"), "broken");
    assert_eq!(run.status("c"), "broken");
    let chain = run.json["chains"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["role"] == "rserver-certificate")
        .unwrap();
    for client in chain["clients"].as_array().unwrap() {
        assert_eq!(client["status"], "broken", "{client}");
    }
    assert_eq!(run.channel("a")["served"][0]["same_as_file"], true);
}

#[test]
fn a_wrong_host_name_is_refused() {
    // The Launcher's certificate (localhost) where wb.example.org is dialled.
    let wrong = serve(
        Behaviour::Tls(302),
        &[
            "tests/fixtures/pki/launcher.crt",
            "tests/fixtures/pki/int.crt",
        ],
        "tests/fixtures/pki/launcher-ec.key",
    );
    let run = probe_fixture(wrong, right_launcher());
    assert_eq!(
        run.findings(),
        vec![
            "served-cert-differs warning a",
            "served-chain-rejected error a",
            "served-chain-rejected error c"
        ]
    );
    assert_eq!(run.status("a"), "broken");
    assert_eq!(run.code, Some(1));
    let message = run.json["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["rule"] == "served-chain-rejected")
        .unwrap()["message"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(message.contains("wb.example.org"), "{message}");
}

#[test]
fn plain_http_on_the_launchers_tls_port_is_a_protocol_mismatch() {
    let plain = serve(Behaviour::PlainHttp, &[], "");
    let run = probe_fixture(right_workbench(), plain);
    assert_eq!(run.findings(), vec!["served-protocol-mismatch error b"]);
    assert_eq!(run.status("b"), "broken");
    assert_eq!(run.channel("b")["served"][0]["result"], "plain-http-on-tls");
}

#[test]
fn a_closed_port_and_a_silent_server_are_unreachable() {
    let run = probe_fixture(closed_port(), serve(Behaviour::Silent, &[], ""));
    // rserver dials the Launcher from this host: an error. Browsers and sessions dial from
    // elsewhere: warnings, and the channels lose "verified".
    assert_eq!(
        run.findings(),
        vec![
            "served-unreachable error b",
            "served-unreachable warning a",
            "served-unreachable warning c"
        ]
    );
    let detail = |ch: &str| {
        run.channel(ch)["served"][0]["detail"]
            .as_str()
            .unwrap()
            .to_string()
    };
    assert!(
        detail("a").starts_with("connection refused"),
        "{}",
        detail("a")
    );
    assert!(detail("b").contains("never answered"), "{}", detail("b"));
    assert_eq!(run.status("a"), "unknown");
    assert_eq!(run.status("b"), "broken");
}

#[test]
fn a_proxy_without_its_backend_answers_502() {
    let proxy = serve(
        Behaviour::Tls(502),
        &["tests/fixtures/pki/wb-fullchain.pem"],
        "tests/fixtures/pki/wb.key",
    );
    let run = probe_fixture(proxy, right_launcher());
    assert_eq!(run.findings(), vec!["served-http-error warning a"]);
}

#[test]
fn probe_needs_rserver_conf() {
    let out = Command::new(env!("CARGO_BIN_EXE_wb-ssl-check"))
        .args(["probe", "tests/fixtures/pki/wb.crt"])
        .current_dir(root())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("rserver.conf is not among the inputs"));
}
