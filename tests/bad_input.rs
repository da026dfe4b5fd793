//! Bad input never crashes: each kind gets a clear finding (or none where the input is fine), and the
//! other inputs are still checked.

mod report_log;

use report_log::check;
use wb_ssl_check::{CheckOptions, Input, Report};

fn run(inputs: Vec<Input>) -> Report {
    check(
        &inputs,
        &CheckOptions {
            now_unix: Some(1_795_651_200),
            hostname: None,
            ..Default::default()
        },
    )
}

fn rules_for<'a>(r: &'a Report, file: &str) -> Vec<&'a str> {
    r.findings
        .iter()
        .filter(|f| f.file == file)
        .map(|f| f.rule.as_str())
        .collect()
}

/// A deterministic pseudo-random byte stream (xorshift), so the test needs no RNG crate.
fn garbage(len: usize, mut seed: u64) -> Vec<u8> {
    (0..len)
        .map(|_| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed as u8
        })
        .collect()
}

const RSERVER: &str = "ssl-enabled=1\n";

#[test]
fn binary_garbage_is_unrecognized_and_the_rest_is_checked() {
    let r = run(vec![
        Input::new("blob", garbage(4096, 7)),
        Input::new("rserver.conf", RSERVER),
    ]);
    assert_eq!(rules_for(&r, "blob"), ["file-unrecognized"]);
    assert!(r
        .findings
        .iter()
        .any(|f| f.file == "blob" && f.message.contains("binary data")));
    assert!(rules_for(&r, "rserver.conf").contains(&"ssl-cert-missing"));
}

#[test]
fn ten_megabytes_of_garbage() {
    let r = run(vec![
        Input::new("big.bin", garbage(10 * 1024 * 1024, 99)),
        Input::new("rserver.conf", RSERVER),
    ]);
    assert_eq!(rules_for(&r, "big.bin"), ["file-unrecognized"]);
    assert!(rules_for(&r, "rserver.conf").contains(&"ssl-cert-missing"));
}

#[test]
fn ten_megabyte_text_config_on_one_line() {
    let mut text = String::from("launcher-sessions-callback-address=http://");
    text.push_str(&"a".repeat(10 * 1024 * 1024));
    let r = run(vec![Input::new("rserver.conf", text)]);
    // The message quotes the value, shortened.
    assert!(
        r.findings.iter().all(|f| f.message.len() < 2000),
        "a finding quotes the whole 10 MB line"
    );
}

#[test]
fn lines_over_the_limit_are_reported_and_skipped_and_shorter_junk_is_unparsable() {
    let text = format!(
        "www-port=8787\n{}\n{}\nssl-enabled=0\n",
        "x".repeat(100_000),
        "y".repeat(1000)
    );
    let r = run(vec![Input::new("rserver.conf", text)]);
    let lines = |rule: &str| {
        r.findings
            .iter()
            .filter(|f| f.rule == rule)
            .map(|f| f.line)
            .collect::<Vec<_>>()
    };
    assert_eq!(lines("limit-exceeded"), [Some(2)]);
    assert_eq!(lines("unparsable-line"), [Some(3)]);
    assert!(r.findings.iter().all(|f| f.message.len() < 300));
}

#[test]
fn invalid_utf8_is_a_warning_with_its_line_and_settings_are_still_read() {
    let r = run(vec![Input::new(
        "rserver.conf",
        b"www-port=8787\nauth-required-user-group=caf\xe9\nssl-enabled=1\n".to_vec(),
    )]);
    let enc: Vec<_> = r
        .findings
        .iter()
        .filter(|f| f.rule == "unsupported-encoding")
        .collect();
    assert_eq!(enc.len(), 1);
    assert_eq!(enc[0].line, Some(2));
    assert!(rules_for(&r, "rserver.conf").contains(&"ssl-cert-missing"));
}

#[test]
fn nul_bytes_make_a_file_binary() {
    let r = run(vec![Input::new(
        "rserver.conf",
        b"ssl-enabled=1\n\0\0\0\n".to_vec(),
    )]);
    assert_eq!(rules_for(&r, "rserver.conf"), ["file-unrecognized"]);
}

#[test]
fn utf16_config_is_an_error_and_still_checked() {
    let mut bytes = vec![0xFF, 0xFE];
    for u in "ssl-enabled=1\r\n".encode_utf16() {
        bytes.extend(u.to_le_bytes());
    }
    let r = run(vec![Input::new("rserver.conf", bytes)]);
    let rules = rules_for(&r, "rserver.conf");
    assert!(rules.contains(&"unsupported-encoding"), "{rules:?}");
    assert!(rules.contains(&"ssl-cert-missing"), "{rules:?}");
}

#[test]
fn only_comments_and_no_trailing_newline_are_fine() {
    let r = run(vec![
        Input::new("launcher.conf", "# nothing here\n; nor here"),
        Input::new("vscode.conf", "enabled=1"),
    ]);
    assert_eq!(rules_for(&r, "vscode.conf"), Vec::<&str>::new());
    // An all-comment launcher.conf has no sections: that is a real problem, reported as such.
    assert_eq!(
        rules_for(&r, "launcher.conf"),
        ["missing-section", "missing-section"]
    );
}

#[test]
fn empty_input_and_empty_name() {
    let r = run(vec![Input::new("", ""), Input::new("x", Vec::new())]);
    assert_eq!(r.inputs.len(), 2);
    assert!(r.findings.iter().all(|f| f.rule == "file-unrecognized"));
}

#[test]
fn ten_thousand_keys_are_capped_in_the_report() {
    let text: String = (0..10_000)
        .map(|i| format!("unknown-key-{i}=1\n"))
        .collect();
    let r = run(vec![Input::new("rserver.conf", text)]);
    assert_eq!(
        r.findings
            .iter()
            .filter(|f| f.rule == "unknown-option")
            .count(),
        50
    );
    let cap: Vec<_> = r
        .findings
        .iter()
        .filter(|f| f.rule == "limit-exceeded")
        .collect();
    assert_eq!(cap.len(), 1);
    assert!(
        cap[0]
            .message
            .contains("9950 more findings of `unknown-option`"),
        "{}",
        cap[0].message
    );
}

#[test]
fn ten_thousand_duplicate_keys() {
    let text: String = (0..10_000).map(|_| "www-port=8787\n").collect();
    let r = run(vec![Input::new("rserver.conf", text)]);
    assert_eq!(
        r.findings
            .iter()
            .filter(|f| f.rule == "duplicate-option")
            .count(),
        50
    );
}

#[test]
fn truncated_and_odd_lines() {
    let r = run(vec![Input::new(
        "rserver.conf",
        "[\n]\n[]\n=\n==\n  =x\nkey\n\u{feff}www-port=1\n",
    )]);
    assert!(r.findings.iter().any(|f| f.rule == "unparsable-line"));
}

#[test]
fn many_random_inputs_never_panic() {
    // Mixed printable garbage shaped like configs: sections, '=', '#', quotes, URLs.
    let alphabet = b"ab=#;[]\"'$ {}:/\n\r\t.-_0123456789 localhost http:// https:// ssl-enabled launcher-address www-port ";
    for seed in 1..300u64 {
        let bytes: Vec<u8> = garbage(600, seed)
            .into_iter()
            .map(|b| alphabet[b as usize % alphabet.len()])
            .collect();
        for name in [
            "rserver.conf",
            "launcher.conf",
            "jupyter.conf",
            "load-balancer",
            "launcher.slurm.conf",
            "x",
        ] {
            let r = run(vec![
                Input::new(name, bytes.clone()),
                Input::new("launcher.conf", bytes.clone()),
            ]);
            assert_eq!(r.inputs.len(), 2);
        }
    }
}

const CERT: &str = include_str!("fixtures/pki/wb.crt");

#[test]
fn broken_pem_blocks_are_reported_and_the_rest_is_read() {
    let truncated_b64 = CERT
        .lines()
        .take(8)
        .chain(CERT.lines().skip(21))
        .collect::<Vec<_>>()
        .join("\n");
    let no_end = CERT.lines().take(10).collect::<Vec<_>>().join("\n");
    let garbage_inside = CERT.replacen('M', "!", 3);
    let unknown_key = "-----BEGIN FANCY PRIVATE KEY-----\nAAAA\n-----END FANCY PRIVATE KEY-----\n";
    let text = format!("{CERT}{truncated_b64}\n{garbage_inside}{unknown_key}{no_end}");
    let r = run(vec![Input::new("mixed.pem", text)]);
    let rules = r.rules();
    assert_eq!(
        rules.iter().filter(|r| **r == "cert-unparsable").count(),
        3,
        "{rules:?}"
    );
    assert_eq!(
        rules.iter().filter(|r| **r == "key-unparsable").count(),
        1,
        "{rules:?}"
    );
    assert_eq!(
        r.certificates.len(),
        1,
        "the good certificate is still read"
    );
}

#[test]
fn five_thousand_certificate_bundle_of_ten_megabytes() {
    let mut bundle = String::new();
    while bundle.len() < 10 * 1024 * 1024 {
        bundle.push_str(CERT);
    }
    let count = bundle.matches("BEGIN CERTIFICATE").count();
    assert!(count >= 5000, "{count}");
    let r = run(vec![
        Input::new("bundle.pem", bundle),
        Input::new("rserver.conf", RSERVER),
    ]);
    assert_eq!(r.certificates.len(), count);
    // Thousands of copies of one certificate: each extra copy is reported, but capped.
    assert_eq!(
        r.findings
            .iter()
            .filter(|f| f.rule == "chain-extra-cert")
            .count(),
        50
    );
    assert!(r.rules().contains(&"ssl-cert-missing"));
}

#[test]
fn deeply_nested_der_is_rejected_cleanly() {
    // 50,000 nested SEQUENCEs, each with a long-form length: a stack-exhaustion attempt.
    let depth = 50_000usize;
    let mut der = Vec::new();
    for i in 0..depth {
        let inner = (depth - i - 1) * 6;
        der.extend([0x30, 0x84]);
        der.extend((inner as u32).to_be_bytes());
    }
    let r = run(vec![
        Input::new("deep.der", der.clone()),
        Input::new("rserver.conf", RSERVER),
    ]);
    assert!(r.rules().contains(&"ssl-cert-missing"));
    let pem = format!(
        "-----BEGIN CERTIFICATE-----\n{}\n-----END CERTIFICATE-----\n",
        data_encoding::BASE64.encode(&der)
    );
    let r = run(vec![Input::new("deep.pem", pem)]);
    assert_eq!(r.rules(), ["limit-exceeded"]);
}

#[test]
fn pkcs7_and_jks_like_inputs() {
    let r = run(vec![
        Input::new(
            "chain.p7b",
            "-----BEGIN PKCS7-----\nMIIB\n-----END PKCS7-----\n",
        ),
        Input::new(
            "keystore.jks",
            vec![0xFE, 0xED, 0xFE, 0xED, 0, 0, 0, 2, 0, 0, 0, 1],
        ),
    ]);
    assert_eq!(r.inputs[0].kind, "pem-bundle");
    assert_eq!(r.inputs[1].kind, "unrecognized");
}

/// The committed suite (tests/fixtures/bad-input): each file alone, with the input kind and the
/// findings (severity:rule, with counts) it must produce. Written by hand from what each file is.
const SUITE: &[(&str, &str, &[&str])] = &[
    ("base64-with-junk.pem", "pem-bundle", &["e:cert-unparsable"]),
    ("binary.bin", "unrecognized", &["i:file-unrecognized"]),
    (
        "deep-nesting.der",
        "der",
        &["e:not-pem", "w:limit-exceeded"],
    ),
    ("empty", "unrecognized", &["i:file-unrecognized"]),
    ("garbage-base64.pem", "pem-bundle", &["e:cert-unparsable"]),
    ("keystore.jks", "unrecognized", &["i:file-unrecognized"]),
    ("keystore.p12", "pkcs12", &["e:not-pem"]),
    (
        "latin1-rserver.conf",
        "rserver-conf",
        &["w:plaintext-http", "w:unsupported-encoding"],
    ),
    (
        "long-line-rserver.conf",
        "rserver-conf",
        &["w:limit-exceeded", "w:plaintext-http"],
    ),
    ("missing-end.key", "pem-bundle", &["e:key-unparsable"]),
    ("no-trailing-newline-launcher.conf", "launcher-conf", &[]),
    ("nul-bytes.conf", "unrecognized", &["i:file-unrecognized"]),
    (
        "only-comments.conf",
        "unrecognized",
        &["i:file-unrecognized"],
    ),
    ("pkcs7.p7b", "pem-bundle", &["e:not-pem"]),
    (
        "ten-thousand-keys-rserver.conf",
        "rserver-conf",
        &[
            "i:limit-exceeded",
            "w:plaintext-http",
            "w:unknown-option x50",
        ],
    ),
    ("truncated.pem", "pem-bundle", &["e:cert-unparsable"]),
    ("unknown-key-label.key", "pem-bundle", &["e:key-unparsable"]),
    (
        "utf16-rserver.conf",
        "rserver-conf",
        &["e:ssl-cert-missing x2", "e:unsupported-encoding"],
    ),
];

#[test]
fn every_bad_input_file_gives_the_finding_that_says_what_it_was() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/bad-input");
    let mut on_disk: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n != "README.md")
        .collect();
    on_disk.sort();
    let mut listed: Vec<String> = SUITE.iter().map(|(n, _, _)| n.to_string()).collect();
    listed.sort();
    assert_eq!(
        on_disk, listed,
        "every file of the suite has an expectation"
    );
    for (name, kind, want) in SUITE {
        let bytes = std::fs::read(dir.join(name)).unwrap();
        let r = run(vec![Input::new(*name, bytes)]);
        assert_eq!(r.inputs[0].kind, *kind, "{name}");
        let mut counts = std::collections::BTreeMap::new();
        for f in &r.findings {
            *counts
                .entry(format!("{}:{}", &f.severity.as_str()[..1], f.rule))
                .or_insert(0) += 1;
        }
        let got: Vec<String> = counts
            .into_iter()
            .map(|(k, n)| if n == 1 { k } else { format!("{k} x{n}") })
            .collect();
        assert_eq!(got, *want, "{name}");
        assert!(
            r.findings
                .iter()
                .all(|f| !f.message.is_empty() && f.message.len() < 600),
            "{name}: messages are short"
        );
    }
}

#[test]
fn the_whole_suite_at_once_still_checks_every_file() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/bad-input");
    let inputs: Vec<Input> = SUITE
        .iter()
        .map(|(n, _, _)| Input::new(*n, std::fs::read(dir.join(n)).unwrap()))
        .collect();
    let r = run(inputs);
    assert_eq!(r.inputs.len(), SUITE.len());
    assert!(r
        .not_checked
        .iter()
        .any(|n| n.contains("not known which files belong together")));
}

#[test]
fn inputs_past_the_total_limit_are_reported_and_not_read() {
    let big = vec![b'#'; 15 * 1024 * 1024];
    let inputs: Vec<Input> = (0..5)
        .map(|i| Input::new(format!("part{i}.conf"), big.clone()))
        .chain([Input::new("rserver.conf", RSERVER)])
        .collect();
    let r = run(inputs);
    let over: Vec<&str> = r
        .findings
        .iter()
        .filter(|f| f.rule == "input-too-large")
        .map(|f| f.file.as_str())
        .collect();
    assert_eq!(
        over,
        ["part4.conf"],
        "the fifth 15 MiB input passes the 64 MiB total"
    );
    assert!(r
        .findings
        .iter()
        .any(|f| f.rule == "input-too-large" && f.message.contains("64 MiB")));
    assert!(
        r.rules().contains(&"ssl-cert-missing"),
        "an input after the limit is small enough to be read"
    );
}
