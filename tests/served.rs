//! Pasted `openssl s_client` and `curl -v` output: each capture of tests/fixtures/served/captures
//! (real output of OpenSSL 3.0 and curl 7.88 against the servers of capture.sh) read into what it
//! shows, written down by hand from the capture; then matched to the channels of the deployment the
//! captures were made against.

mod report_log;

use report_log::check;
use std::path::{Path, PathBuf};
use wb_ssl_check::input::observation::{Failure, Observation, Reach};
use wb_ssl_check::input::paste::{curl, is_curl, is_s_client, s_client};
use wb_ssl_check::{CheckOptions, Input};

fn dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/served")
}

fn read(name: &str) -> Observation {
    let text = std::fs::read_to_string(dir().join("captures").join(format!("{name}.txt"))).unwrap();
    if name.starts_with("curl") {
        assert!(is_curl(&text) && !is_s_client(&text), "{name}");
        curl(name, &text)
    } else {
        assert!(is_s_client(&text) && !is_curl(&text), "{name}");
        s_client(name, &text)
    }
}

fn failure(o: &Observation) -> Option<Failure> {
    match &o.reach {
        Reach::Failed { why, .. } => Some(*why),
        _ => None,
    }
}

#[test]
fn s_client_captures_read_as_they_show() {
    let right = read("s_client-right");
    assert_eq!(
        (right.host.as_deref(), right.port),
        (Some("wb.example.org"), Some(18443))
    );
    let t = right.tls().unwrap();
    assert_eq!(t.version.as_deref(), Some("TLSv1.3"));
    assert_eq!(t.cipher.as_deref(), Some("TLS_AES_256_GCM_SHA384"));
    assert_eq!(
        t.chain.len(),
        2,
        "-showcerts: the leaf and the intermediate"
    );
    assert_eq!(t.sent, None);
    // s_client was given no CA file: its own verdict is a failure, which the judgement ignores
    // when it has the chain.
    assert!(!t.tool_verdict.as_ref().unwrap().ok);

    assert_eq!(
        read("s_client-no-intermediate").tls().unwrap().chain.len(),
        1
    );
    assert_eq!(read("s_client-plain-http").reach, Reach::PlainHttpOnTls);
    let closed = read("s_client-closed");
    assert_eq!(failure(&closed), Some(Failure::Refused));
    assert_eq!(closed.port, Some(15559));
    assert_eq!(failure(&read("s_client-silent")), Some(Failure::NoAnswer));
}

#[test]
fn curl_captures_read_as_they_show() {
    let right = read("curl-right");
    assert_eq!(
        (right.host.as_deref(), right.port, right.address.as_deref()),
        (Some("wb.example.org"), Some(18443), Some("127.0.0.1"))
    );
    let t = right.tls().unwrap();
    assert_eq!(t.version.as_deref(), Some("TLSv1.3"));
    assert!(t.chain.is_empty(), "curl -v prints no certificate");
    // `start date: Nov 26 06:33:39 2026 GMT`, `expire date: Feb 28 06:33:39 2029 GMT`: the dates
    // of tests/fixtures/pki/wb.crt (`openssl x509 -dates`).
    assert_eq!(t.leaf_dates, Some((1_795_674_819, 1_866_954_819)));
    assert!(t.tool_verdict.as_ref().unwrap().ok);
    assert_eq!(right.http.as_ref().unwrap().status, 200);

    let missing = read("curl-no-intermediate");
    let v = missing.tls().unwrap().tool_verdict.clone().unwrap();
    assert!(
        !v.ok && v.text.contains("unable to get local issuer certificate"),
        "{v:?}"
    );
    let wrong = read("curl-wrong-name");
    let v = wrong.tls().unwrap().tool_verdict.clone().unwrap();
    assert!(!v.ok, "{v:?}");

    assert_eq!(read("curl-plain-http").reach, Reach::PlainHttpOnTls);
    assert_eq!(failure(&read("curl-closed")), Some(Failure::Refused));
    assert_eq!(failure(&read("curl-silent")), Some(Failure::NoAnswer));
    let gateway = read("curl-bad-gateway");
    assert_eq!(gateway.http.as_ref().unwrap().status, 502);
    assert_eq!(
        gateway.http.as_ref().unwrap().server.as_deref(),
        Some("nginx")
    );
    // http:// to the TLS port: curl says "Empty reply from server"; dialled without TLS.
    let tls_port = read("curl-tls-on-http");
    assert_eq!(tls_port.attempted_tls, Some(false));
}

fn deployment(extra: &[(&str, Vec<u8>)]) -> Vec<Input> {
    let pki = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/pki");
    let mut inputs: Vec<Input> = ["rserver.conf", "launcher.conf"]
        .iter()
        .map(|n| Input::new(*n, std::fs::read(dir().join("deployment").join(n)).unwrap()))
        .collect();
    for f in [
        "wb-fullchain.pem",
        "wb.key",
        "launcher-fullchain.pem",
        "launcher-ec.key",
        "ca.crt",
    ] {
        inputs.push(Input::new(f, std::fs::read(pki.join(f)).unwrap()));
    }
    inputs.extend(extra.iter().map(|(n, b)| Input::new(*n, b.clone())));
    inputs
}

fn options() -> CheckOptions {
    CheckOptions {
        now_unix: wb_ssl_check::parse_time("2026-12-01T00:00:00Z"),
        hostname: Some("wb.example.org".into()),
        roles: vec![("ca.crt".into(), wb_ssl_check::pki::Role::TrustedCa)],
        ..Default::default()
    }
}

fn capture(name: &str) -> (&str, Vec<u8>) {
    (
        name,
        std::fs::read(dir().join("captures").join(name)).unwrap(),
    )
}

#[test]
fn a_paste_joins_the_channels_whose_endpoint_it_is() {
    let report = check(&deployment(&[capture("s_client-right.txt")]), &options());
    let input = report
        .inputs
        .iter()
        .find(|i| i.name == "s_client-right.txt")
        .unwrap();
    assert_eq!(
        input.kind, "s-client-output",
        "not a PEM bundle: it is a record"
    );
    // Workbench's endpoint is both channel a's and channel c's; the Launcher's is not.
    for (ch, n) in [("a", 1), ("b", 0), ("c", 1)] {
        let c = report
            .channels
            .iter()
            .find(|c| c.id.as_str() == ch)
            .unwrap();
        assert_eq!(c.served.len(), n, "channel {ch}");
    }
    let a = &report.channels[0];
    assert_eq!(a.served[0].certificates.len(), 2);
    assert_eq!(a.served[0].same_as_file, Some(true));
    assert!(a.explanation.contains("Observed:"), "{}", a.explanation);
}

#[test]
fn a_paste_of_another_endpoint_is_noted_not_judged() {
    let text = std::fs::read_to_string(dir().join("captures/s_client-right.txt"))
        .unwrap()
        .replace("127.0.0.1:18443", "127.0.0.1:9999")
        .replace(
            "-servername wb.example.org",
            "-servername elsewhere.example.org",
        );
    let report = check(
        &deployment(&[("elsewhere.txt", text.into_bytes())]),
        &options(),
    );
    assert!(report.channels.iter().all(|c| c.served.is_empty()));
    assert!(
        report
            .not_checked
            .iter()
            .any(|n| n.contains("elsewhere.txt") && n.contains("none of the channels' endpoints")),
        "{:?}",
        report.not_checked
    );
}

#[test]
fn a_paste_without_its_command_line_is_matched_by_its_certificate() {
    // Only the part from CONNECTED on: no host, no port. The served leaf is Workbench's file.
    let text = std::fs::read_to_string(dir().join("captures/s_client-right.txt")).unwrap();
    let body = text.lines().skip(1).collect::<Vec<_>>().join("\n");
    let report = check(&deployment(&[("paste.txt", body.into_bytes())]), &options());
    assert_eq!(report.channels[0].served.len(), 1);
    assert_eq!(report.channels[2].served.len(), 1);
}

#[test]
fn mangled_pastes_never_crash_and_say_what_they_lack() {
    let text = std::fs::read_to_string(dir().join("captures/s_client-right.txt")).unwrap();
    // Every prefix of a capture, at line boundaries and in the middle of the base64.
    for cut in (0..text.len()).step_by(97) {
        let Some(part) = text.get(..cut) else {
            continue;
        };
        let report = check(
            &deployment(&[("cut.txt", part.as_bytes().to_vec())]),
            &options(),
        );
        assert_eq!(report.schema, 1);
    }
    let o = s_client(
        "x",
        "CONNECTED(00000003)\n---\nno peer certificate available\n---\n",
    );
    assert_eq!(failure(&o), Some(Failure::Handshake));
}

#[test]
fn a_paste_dialled_with_the_other_protocol_says_nothing_about_the_channel() {
    // `curl -v http://` to Workbench's https address: "Empty reply from server".
    let report = check(&deployment(&[capture("curl-tls-on-http.txt")]), &options());
    assert!(report
        .findings
        .iter()
        .all(|f| !f.rule.starts_with("served-")));
    let a = &report.channels[0];
    assert_eq!(a.status.as_str(), "verified", "{}", a.explanation);
    assert_eq!(a.served[0].status.as_str(), "unknown");
    assert!(report
        .not_checked
        .iter()
        .any(|n| n.contains("reached with plain HTTP where the configs say TLS")));
}

#[test]
fn the_probe_dials_what_each_client_dials() {
    use wb_ssl_check::facts::planned_endpoints;
    let dials = |rserver: &str, hostname: Option<&str>| -> Vec<String> {
        let options = CheckOptions {
            hostname: hostname.map(str::to_string),
            ..Default::default()
        };
        planned_endpoints(&[Input::new("rserver.conf", rserver)], &options)
            .unwrap()
            .iter()
            .map(|e| format!("{} {} {}", e.channel.as_str(), e.dial, e.url()))
            .collect()
    };
    // TLS on rserver: browsers dial the name users type, the Launcher its address, sessions the URL.
    assert_eq!(
        dials(
            "ssl-enabled=1\nwww-port=8443\nlauncher-sessions-enabled=1\nlauncher-address=localhost\nlauncher-port=5559\nlauncher-use-ssl=1\nlauncher-sessions-callback-address=https://wb.example.org:8443\n",
            Some("wb.example.org")
        ),
        vec![
            "a wb.example.org https://wb.example.org:8443",
            "b localhost https://localhost:5559",
            "c wb.example.org https://wb.example.org:8443"
        ]
    );
    // Plain HTTP behind a proxy: rserver itself for a (its own address), the proxy's URL for c; a
    // Launcher on a unix socket is not dialled.
    assert_eq!(
        dials(
            "www-address=10.0.0.5\nlauncher-sessions-enabled=1\nlauncher-address=/var/run/rstudio-launcher.sock\nlauncher-port=5559\nlauncher-sessions-callback-address=https://wb.example.org\n",
            None
        ),
        vec![
            "a 10.0.0.5 http://wb.example.org:8787",
            "c wb.example.org https://wb.example.org:443"
        ]
    );
}

#[test]
fn without_observations_the_channels_say_nothing_of_what_is_served() {
    let report = check(&deployment(&[]), &options());
    for c in &report.channels {
        assert!(c.served.is_empty());
        assert!(!c.explanation.contains("Observed"), "{}", c.explanation);
    }
}
