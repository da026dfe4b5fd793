//! The real corpus (../shared/corpus/real, configs and certificates written by others) runs through
//! the checker: no panic on any file or on all of them at once, and the findings on each file and on
//! each real rserver.conf + launcher.conf pair are exactly the ones listed here. Each expectation was
//! checked by hand against the file and ../shared/corpus/real/SOURCES.md; the comments say why.

// Natively only: one test uses the native shell's answers directly (`answer_native::answered`).
#![cfg(not(target_arch = "wasm32"))]

mod report_log;

mod fix_common;

use report_log::check;
use std::path::{Path, PathBuf};
use wb_ssl_check::{CheckOptions, Input, Report};

fn corpus_dir() -> PathBuf {
    let dir = std::env::var_os("WB_CORPUS_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/real"));
    assert!(
        dir.join("SOURCES.md").is_file(),
        "the real corpus is not at {} (set WB_CORPUS_DIR)",
        dir.display()
    );
    dir
}

fn options() -> CheckOptions {
    CheckOptions {
        now_unix: Some(1_795_651_200),
        hostname: None,
        ..Default::default()
    } // 2026-11-26T00:00:00Z, the collection date
}

fn load(rel: &str) -> Input {
    let path = corpus_dir().join(rel);
    Input::new(
        rel.rsplit('/').next().unwrap(),
        std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display())),
    )
}

/// `s:rule@file:line`, sorted: s is e/w/i, line `-` when there is none.
fn summary(report: &Report) -> Vec<String> {
    sorted_findings(report, |f| {
        format!(
            ":{}",
            f.line.map(|l| l.to_string()).unwrap_or_else(|| "-".into())
        )
    })
}

/// `s:rule@file<where>`, sorted, with `place` saying where in the file (line or block).
fn sorted_findings(
    report: &Report,
    place: impl Fn(&wb_ssl_check::report::Finding) -> String,
) -> Vec<String> {
    let mut v: Vec<String> = report
        .findings
        .iter()
        .map(|f| {
            format!(
                "{}:{}@{}{}",
                &f.severity.as_str()[..1],
                f.rule,
                f.file,
                place(f)
            )
        })
        .collect();
    v.sort();
    v
}

fn all_files() -> Vec<String> {
    let mut out = Vec::new();
    let root = corpus_dir();
    for dir in std::fs::read_dir(&root).unwrap() {
        let dir = dir.unwrap().path();
        if !dir.is_dir() {
            continue;
        }
        for f in std::fs::read_dir(&dir).unwrap() {
            let f = f.unwrap().path();
            out.push(
                f.strip_prefix(&root)
                    .unwrap()
                    .to_string_lossy()
                    .replace('\\', "/"),
            );
        }
    }
    out.sort();
    out
}

#[test]
fn every_file_alone_and_all_together_check_without_panic() {
    let files = all_files();
    assert!(files.len() >= 60, "corpus has only {} files", files.len());
    for f in &files {
        let report = check(&[load(f)], &options());
        assert_eq!(report.inputs.len(), 1, "{f}");
    }
    let all: Vec<Input> = files.iter().map(|f| load(f)).collect();
    let report = check(&all, &options());
    assert_eq!(report.inputs.len(), files.len());
    assert!(report
        .not_checked
        .iter()
        .any(|n| n.contains("not known which files belong together")));
}

/// (file, findings): every config file of the corpus, checked alone. A config that names certificate or
/// key files gets `referenced-file-not-provided` (info) for each, since the files are not given with it.
const SINGLE: &[(&str, &[&str])] = &[
    // Shell heredocs: the variables are expanded by the install script, not by Workbench. Plain HTTP
    // behind an ELB is a fair warning.
    ("aws-parallelcluster-rsw-ha/launcher-two-slurm-clusters-heredoc.conf", &[
        "w:unexpanded-variable@launcher-two-slurm-clusters-heredoc.conf:13",
        "w:unexpanded-variable@launcher-two-slurm-clusters-heredoc.conf:18",
    ]),
    ("aws-parallelcluster-rsw-ha/rserver-ha-slurm-heredoc.conf", &[
        "w:plaintext-http@rserver-ha-slurm-heredoc.conf:-",
        "w:unexpanded-variable@rserver-ha-slurm-heredoc.conf:2",
        "w:unexpanded-variable@rserver-ha-slurm-heredoc.conf:20",
        "w:unexpanded-variable@rserver-ha-slurm-heredoc.conf:26",
        "w:unexpanded-variable@rserver-ha-slurm-heredoc.conf:42",
        "w:unexpanded-variable@rserver-ha-slurm-heredoc.conf:48",
        "w:unexpanded-variable@rserver-ha-slurm-heredoc.conf:51",
    ]),
    ("docker-products/gcw-jupyter.conf", &[]),
    // An nginx include fragment, not a Workbench file.
    ("docker-products/gcw-nginx.site.conf", &["i:file-unrecognized@gcw-nginx.site.conf:-"]),
    // Callback to the bind address 0.0.0.0 (rstudio-docker-products#516); www-port=80 matches it.
    // auth-proxy=1: Google Cloud Workstations' proxy signs users in and serves TLS, so plain HTTP behind
    // it is only an info that names the sign.
    ("docker-products/gcw-rserver.conf", &["w:callback-wildcard-host@gcw-rserver.conf:16", "i:plaintext-http@gcw-rserver.conf:-"]),
    // Callback on :80 while rserver listens on the default 8787 (fixed by a later commit upstream).
    ("docker-products/server-pro-2019-rserver-callback-port80.conf", &[
        "w:callback-port-mismatch@server-pro-2019-rserver-callback-port80.conf:9",
        "w:plaintext-http@server-pro-2019-rserver-callback-port80.conf:-",
    ]),
    ("docker-products/workbench-launcher.conf", &[]),
    ("docker-products/workbench-launcher.local.conf", &[]),
    ("docker-products/workbench-rserver.conf", &["w:plaintext-http@workbench-rserver.conf:-"]),
    ("docker-products/workbench-vscode.conf", &[]),
    // Loopback callback with a cluster named Kubernetes; without launcher.conf only a warning.
    ("helm/complex-rserver-k8s-callback-127.0.0.1.conf", &[
        "w:callback-localhost-remote-sessions@complex-rserver-k8s-callback-127.0.0.1.conf:6",
        "w:plaintext-http@complex-rserver-k8s-callback-127.0.0.1.conf:-",
    ]),
    // The callback names the chart's Kubernetes Service, which listens on 80 and forwards to 8787: the
    // port difference and plain HTTP behind the chart's ingress are infos that state the guess.
    ("helm/default-rserver.conf", &["i:callback-port-mismatch@default-rserver.conf:6", "i:plaintext-http@default-rserver.conf:-"]),
    ("helm/launcher-template-launcher.kubernetes.conf", &[]),
    ("helm/simple-profiles-launcher.kubernetes.profiles.conf", &[]),
    ("kchou496-innovation/launcher-ssl-shared-server-cert.conf", &[
        "i:referenced-file-not-provided@launcher-ssl-shared-server-cert.conf:20",
        "i:referenced-file-not-provided@launcher-ssl-shared-server-cert.conf:21",
    ]),
    // SSL on (port 443) with an http callback to :8787: wrong scheme and wrong port.
    ("kchou496-innovation/rserver-v1-ssl-no-wwwport-http-callback.conf", &[
        "e:callback-scheme-mismatch@rserver-v1-ssl-no-wwwport-http-callback.conf:16",
        "w:callback-port-mismatch@rserver-v1-ssl-no-wwwport-http-callback.conf:16",
        "i:referenced-file-not-provided@rserver-v1-ssl-no-wwwport-http-callback.conf:33",
        "i:referenced-file-not-provided@rserver-v1-ssl-no-wwwport-http-callback.conf:34",
    ]),
    // www-port=8787 fixes the port; the scheme is still http while SSL is on.
    ("kchou496-innovation/rserver-v2-ssl-wwwport8787-http-callback.conf", &[
        "e:callback-scheme-mismatch@rserver-v2-ssl-wwwport8787-http-callback.conf:16",
        "i:referenced-file-not-provided@rserver-v2-ssl-wwwport8787-http-callback.conf:34",
        "i:referenced-file-not-provided@rserver-v2-ssl-wwwport8787-http-callback.conf:35",
    ]),
    // The SDK's own "valid" fixture: mixed-case log-level is accepted.
    ("launcher-plugin-sdk/Basic-plugin-options.conf", &[]),
    // log-level=7 is invalid; enable-debug-logging=false is a valid boost boolean.
    ("launcher-plugin-sdk/InvalidValue-plugin-options.conf", &["e:invalid-value@InvalidValue-plugin-options.conf:1"]),
    // Posit's docs print these lines without [server]: as a whole launcher.conf it lacks both sections.
    ("posit-docs/example-secure-configuration-launcher-no-section.conf", &[
        "e:missing-section@example-secure-configuration-launcher-no-section.conf:-",
        "e:missing-section@example-secure-configuration-launcher-no-section.conf:-",
        "w:option-outside-section@example-secure-configuration-launcher-no-section.conf:1",
        "w:placeholder-value@example-secure-configuration-launcher-no-section.conf:2",
        "w:placeholder-value@example-secure-configuration-launcher-no-section.conf:3",
        "i:referenced-file-not-provided@example-secure-configuration-launcher-no-section.conf:2",
        "i:referenced-file-not-provided@example-secure-configuration-launcher-no-section.conf:3",
    ]),
    ("posit-docs/example-secure-configuration-rserver.conf", &[
        "w:placeholder-value@example-secure-configuration-rserver.conf:10",
        "w:placeholder-value@example-secure-configuration-rserver.conf:9",
        "i:referenced-file-not-provided@example-secure-configuration-rserver.conf:9",
        "i:referenced-file-not-provided@example-secure-configuration-rserver.conf:10",
    ]),
    ("rstudiopro-kerberos-mssql/launcher-crlf.conf", &[]),
    // Everything commented out: the defaults serve plain HTTP on 8787.
    ("rstudiopro-kerberos-mssql/rserver-all-commented-out-crlf.conf", &["w:plaintext-http@rserver-all-commented-out-crlf.conf:-"]),
    ("singularity-rstudio/launcher.slurm.conf", &[]),
    // max-mem-mb=-1 is a valid integer.
    ("singularity-rstudio/launcher.slurm.profiles.conf", &[]),
    ("singularity-rstudio/rserver-slurm-callback-placeholder.conf", &[
        "w:placeholder-value@rserver-slurm-callback-placeholder.conf:9",
        "w:plaintext-http@rserver-slurm-callback-placeholder.conf:-",
    ]),
    ("snowflake-spcs-notes/rserver-k8s-launcher-ssl-http-callback.conf", &["w:plaintext-http@rserver-k8s-launcher-ssl-http-callback.conf:-"]),
    ("sol-eng-docker/kerb-rsp-ha-launcher.conf", &[]),
    ("sol-eng-docker/kerb-rsp-ha-load-balancer", &[]),
    ("sol-eng-docker/kerb-rsp-ha-nginx.conf", &["i:file-unrecognized@kerb-rsp-ha-nginx.conf:-"]),
    // nginx terminates TLS in front: https callback on 443 while rserver serves http on 8787. That is
    // Posit's own advice (the callback is the URL users type), so one info says the proxy is assumed,
    // and the port is not reported a second time.
    ("sol-eng-docker/kerb-rsp-ha-rserver.conf", &[
        "i:callback-scheme-mismatch@kerb-rsp-ha-rserver.conf:14",
        "i:plaintext-http@kerb-rsp-ha-rserver.conf:-",
    ]),
    // admin-group=devops while the server user is rstudio-server.
    ("sol-eng-docker/launcher-rsp-launcher-multicluster.conf", &["w:admin-group-mismatch@launcher-rsp-launcher-multicluster.conf:5"]),
    // Callback `127.0.0.1`: no scheme, no port, loopback, with a cluster named Kubernetes.
    ("sol-eng-docker/launcher-rsp-rserver-k8s-callback-noscheme.conf", &[
        "e:callback-address-no-scheme@launcher-rsp-rserver-k8s-callback-noscheme.conf:15",
        "w:callback-localhost-remote-sessions@launcher-rsp-rserver-k8s-callback-noscheme.conf:15",
        "w:plaintext-http@launcher-rsp-rserver-k8s-callback-noscheme.conf:-",
    ]),
    ("sol-eng-docker/nginx-rstudio-subpath.conf", &["i:file-unrecognized@nginx-rstudio-subpath.conf:-"]),
    ("sol-eng-docker/rsp-ha-rserver.conf", &["w:plaintext-http@rsp-ha-rserver.conf:-"]),
    ("sol-eng-docker/rsp-load-balancer-empty", &[]),
    ("sol-eng-docker/smb-mount-rsw-launcher-ssl-snakeoil.conf", &[
        "i:referenced-file-not-provided@smb-mount-rsw-launcher-ssl-snakeoil.conf:5",
        "i:referenced-file-not-provided@smb-mount-rsw-launcher-ssl-snakeoil.conf:6",
    ]),
    ("sol-eng-docker/smb-mount-rsw-rserver-launcher-ssl-noverify.conf", &[
        "w:launcher-verify-disabled@smb-mount-rsw-rserver-launcher-ssl-noverify.conf:8",
        "w:plaintext-http@smb-mount-rsw-rserver-launcher-ssl-noverify.conf:-",
    ]),
    ("sol-eng-docker/ssl-launcher.conf", &[
        "i:referenced-file-not-provided@ssl-launcher.conf:5",
        "i:referenced-file-not-provided@ssl-launcher.conf:6",
    ]),
    ("sol-eng-docker/ssl-proxy-rsp-rserver.conf", &[
        "i:referenced-file-not-provided@ssl-proxy-rsp-rserver.conf:11",
        "i:referenced-file-not-provided@ssl-proxy-rsp-rserver.conf:12",
    ]),
    // type=SLURM / type=LOCAL (case), and an unexpanded ${LAUNCHER_NAME}.
    ("workbench-hpc-docker-singularity/launcher-uppercase-types-template-var.conf", &[
        "w:unexpanded-variable@launcher-uppercase-types-template-var.conf:11",
        "w:unexpanded-variable@launcher-uppercase-types-template-var.conf:13",
        "w:unknown-cluster-type@launcher-uppercase-types-template-var.conf:12",
        "w:unknown-cluster-type@launcher-uppercase-types-template-var.conf:17",
    ]),
    ("workbench-hpc-docker-singularity/rserver-wwwport8788-public-ip-callback.conf", &["w:plaintext-http@rserver-wwwport8788-public-ip-callback.conf:-"]),
];

/// Real files that belong to one server, checked together.
const PAIRS: &[(&[&str], &[&str], [&str; 3])] = &[
    // The official image: correct apart from serving plain HTTP.
    (
        &["docker-products/workbench-rserver.conf", "docker-products/workbench-launcher.conf", "docker-products/workbench-vscode.conf", "docker-products/workbench-launcher.local.conf"],
        &["w:plaintext-http@workbench-rserver.conf:-"],
        ["plaintext", "plaintext", "plaintext"],
    ),
    // rserver uses SSL to the Launcher through nginx (TLS on 5559), Launchers serve http: a warning.
    (
        &["sol-eng-docker/kerb-rsp-ha-rserver.conf", "sol-eng-docker/kerb-rsp-ha-launcher.conf", "sol-eng-docker/kerb-rsp-ha-load-balancer"],
        &[
            "i:callback-scheme-mismatch@kerb-rsp-ha-rserver.conf:14",
            "i:plaintext-http@kerb-rsp-ha-rserver.conf:-",
            "w:launcher-ssl-mismatch@kerb-rsp-ha-rserver.conf:16",
        ],
        ["plaintext", "unknown", "unknown"],
    ),
    // The Launcher reuses Workbench's certificate (and address=localhost).
    (
        &["kchou496-innovation/rserver-v1-ssl-no-wwwport-http-callback.conf", "kchou496-innovation/launcher-ssl-shared-server-cert.conf"],
        &[
            "e:callback-scheme-mismatch@rserver-v1-ssl-no-wwwport-http-callback.conf:16",
            "w:callback-port-mismatch@rserver-v1-ssl-no-wwwport-http-callback.conf:16",
            "w:launcher-cert-same-as-server@launcher-ssl-shared-server-cert.conf:20",
            "i:referenced-file-not-provided@rserver-v1-ssl-no-wwwport-http-callback.conf:33",
            "i:referenced-file-not-provided@rserver-v1-ssl-no-wwwport-http-callback.conf:34",
            "i:referenced-file-not-provided@launcher-ssl-shared-server-cert.conf:20",
            "i:referenced-file-not-provided@launcher-ssl-shared-server-cert.conf:21",
        ],
        ["unknown", "unknown", "broken"],
    ),
    (
        &["sol-eng-docker/smb-mount-rsw-rserver-launcher-ssl-noverify.conf", "sol-eng-docker/smb-mount-rsw-launcher-ssl-snakeoil.conf"],
        &[
            "w:launcher-verify-disabled@smb-mount-rsw-rserver-launcher-ssl-noverify.conf:8",
            "w:plaintext-http@smb-mount-rsw-rserver-launcher-ssl-noverify.conf:-",
            "i:referenced-file-not-provided@smb-mount-rsw-launcher-ssl-snakeoil.conf:5",
            "i:referenced-file-not-provided@smb-mount-rsw-launcher-ssl-snakeoil.conf:6",
        ],
        ["plaintext", "encrypted-unverified", "plaintext"],
    ),
    // launcher-default-cluster=Slurm while the clusters are slurminteractive/slurmbatch; the offered
    // list (launcher-sessions-clusters=slurminteractive) exists, so only the preselection is lost: a
    // warning. rserver's secure-cookie-key-file is `${FINAL_PWB_CONFIG_DIR}/secure-cookie-key`, the
    // install script's own config folder: a path with a variable cannot be compared, so no finding.
    (
        &["aws-parallelcluster-rsw-ha/rserver-ha-slurm-heredoc.conf", "aws-parallelcluster-rsw-ha/launcher-two-slurm-clusters-heredoc.conf"],
        &[
            "w:unknown-cluster-reference@rserver-ha-slurm-heredoc.conf:19",
            "w:plaintext-http@rserver-ha-slurm-heredoc.conf:-",
            "w:unexpanded-variable@launcher-two-slurm-clusters-heredoc.conf:13",
            "w:unexpanded-variable@launcher-two-slurm-clusters-heredoc.conf:18",
            "w:unexpanded-variable@rserver-ha-slurm-heredoc.conf:2",
            "w:unexpanded-variable@rserver-ha-slurm-heredoc.conf:20",
            "w:unexpanded-variable@rserver-ha-slurm-heredoc.conf:26",
            "w:unexpanded-variable@rserver-ha-slurm-heredoc.conf:42",
            "w:unexpanded-variable@rserver-ha-slurm-heredoc.conf:48",
            "w:unexpanded-variable@rserver-ha-slurm-heredoc.conf:51",
        ],
        ["plaintext", "plaintext", "plaintext"],
    ),
    // With launcher.conf the Kubernetes cluster is confirmed: the loopback callback is an error.
    (
        &["sol-eng-docker/launcher-rsp-rserver-k8s-callback-noscheme.conf", "sol-eng-docker/launcher-rsp-launcher-multicluster.conf"],
        &[
            "e:callback-address-no-scheme@launcher-rsp-rserver-k8s-callback-noscheme.conf:15",
            "e:callback-localhost-remote-sessions@launcher-rsp-rserver-k8s-callback-noscheme.conf:15",
            "w:admin-group-mismatch@launcher-rsp-launcher-multicluster.conf:5",
            "w:plaintext-http@launcher-rsp-rserver-k8s-callback-noscheme.conf:-",
        ],
        ["plaintext", "plaintext", "broken"],
    ),
    (
        &["rstudiopro-kerberos-mssql/rserver-all-commented-out-crlf.conf", "rstudiopro-kerberos-mssql/launcher-crlf.conf"],
        &["w:plaintext-http@rserver-all-commented-out-crlf.conf:-"],
        ["plaintext", "not-configured", "not-configured"],
    ),
    // A routable service address as callback: fine for Kubernetes sessions.
    (
        &["helm/default-rserver.conf", "helm/launcher-template-launcher.kubernetes.conf", "helm/simple-profiles-launcher.kubernetes.profiles.conf"],
        &["i:callback-port-mismatch@default-rserver.conf:6", "i:plaintext-http@default-rserver.conf:-"],
        ["plaintext", "plaintext", "plaintext"],
    ),
];

#[test]
fn each_real_config_gets_exactly_the_expected_findings() {
    let mut failures = Vec::new();
    for (file, want) in SINGLE {
        let got = summary(&check(&[load(file)], &options()));
        let mut want: Vec<String> = want.iter().map(|s| s.to_string()).collect();
        want.sort();
        if got != want {
            failures.push(format!("{file}:\n  want {want:?}\n   got {got:?}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn every_real_config_file_has_an_expectation() {
    let listed: Vec<&str> = SINGLE.iter().map(|(f, _)| *f).collect();
    for f in all_files() {
        let input = load(&f);
        let report = check(&[input], &options());
        let is_config = report.inputs[0].kind.ends_with("conf")
            || report.inputs[0].kind == "load-balancer"
            || report.inputs[0].kind == "unrecognized";
        if is_config {
            assert!(
                listed.contains(&f.as_str()),
                "{f} ({}) has no expectation in SINGLE",
                report.inputs[0].kind
            );
        }
    }
}

#[test]
fn real_deployments_get_exactly_the_expected_findings_and_channel_statuses() {
    let mut failures = Vec::new();
    for (files, want, statuses) in PAIRS {
        let inputs: Vec<Input> = files.iter().map(|f| load(f)).collect();
        let report = check(&inputs, &options());
        let got = summary(&report);
        let mut want: Vec<String> = want.iter().map(|s| s.to_string()).collect();
        want.sort();
        if got != want {
            failures.push(format!("{files:?}:\n  want {want:?}\n   got {got:?}"));
        }
        // Channels a, b and c; a load-balanced pair also has d (tests/clusters.rs judges it).
        let got_status: Vec<&str> = report
            .channels
            .iter()
            .filter(|c| c.id != wb_ssl_check::report::Channel::D)
            .map(|c| c.status.as_str())
            .collect();
        if got_status != statuses {
            failures.push(format!(
                "{files:?}: channel statuses {got_status:?}, want {statuses:?}"
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn certificates_and_keys_are_classified_as_pem_and_never_echoed() {
    for f in all_files().iter().filter(|f| {
        f.ends_with(".pem")
            || f.ends_with(".crt")
            || f.ends_with(".key")
            || f.ends_with(".csr")
            || f.ends_with(".pub")
            || f.ends_with(".cert")
            || f.ends_with(".nopass")
    }) {
        let input = load(f);
        let text = String::from_utf8_lossy(&input.bytes).into_owned();
        let report = check(&[input], &options());
        assert_eq!(report.inputs[0].kind, "pem-bundle", "{f}");
        let json = serde_json::to_string(&report).unwrap();
        // No line of base64 from the file may appear anywhere in the report.
        for line in text
            .lines()
            .filter(|l| l.len() > 40 && !l.starts_with("-----"))
        {
            assert!(!json.contains(line), "{f}: report echoes file content");
        }
    }
}

/// `s:rule@file#block`, sorted.
fn block_summary(report: &Report) -> Vec<String> {
    sorted_findings(report, |f| {
        format!(
            "#{}",
            f.block.map(|b| b.to_string()).unwrap_or_else(|| "-".into())
        )
    })
}

/// (files, roles as inferred, findings): the real certificates and keys, judged on 2026-11-26.
const CERTIFICATES: &[(&[&str], &[&str], &[&str])] = &[
    // The badssl intermediate expired on 2025-04-29; its root is valid to 2035.
    (
        &["badssl/2015-badssl-intermediate-ca.pem"],
        &["ca-certificates"],
        &["e:cert-expired@2015-badssl-intermediate-ca.pem#1"],
    ),
    (
        &["badssl/2015-badssl-root-ca.pem"],
        &["ca-certificates"],
        &[],
    ),
    // Leaf (one day in 2015) and intermediate expired; the root in the bundle is still valid.
    (
        &["badssl/2015-wildcard-expired-fullchain.pem"],
        &["certificate"],
        &[
            "e:cert-expired@2015-wildcard-expired-fullchain.pem#1",
            "e:cert-expired@2015-wildcard-expired-fullchain.pem#2",
        ],
    ),
    (
        &["badssl/2015-wildcard-incomplete-chain.pem"],
        &["certificate"],
        &[
            "e:cert-expired@2015-wildcard-incomplete-chain.pem#1",
            "w:chain-incomplete@2015-wildcard-incomplete-chain.pem#1",
        ],
    ),
    (
        &["badssl/2015-wildcard-self-signed.pem"],
        &["certificate"],
        &[
            "e:cert-expired@2015-wildcard-self-signed.pem#1",
            "w:cert-self-signed@2015-wildcard-self-signed.pem#1",
        ],
    ),
    // No CN in the subject: fine, the name is in the SAN. Leaf and the AddTrust cross-sign expired in 2020.
    (
        &["badssl/prod-subdomain-no-common-name.pem"],
        &["certificate"],
        &[
            "e:cert-expired@prod-subdomain-no-common-name.pem#1",
            "e:cert-expired@prod-subdomain-no-common-name.pem#3",
        ],
    ),
    // The SHA-1-signed COMODO intermediate.
    (
        &["badssl/prod-wildcard-sha1-intermediate.pem"],
        &["certificate"],
        &[
            "e:cert-expired@prod-wildcard-sha1-intermediate.pem#1",
            "e:cert-expired@prod-wildcard-sha1-intermediate.pem#2",
            "e:cert-weak-signature@prod-wildcard-sha1-intermediate.pem#2",
        ],
    ),
    // The leaf key matches the normal chain's leaf...
    (
        &[
            "badssl/2015-badssl.com-leaf.key",
            "badssl/2015-wildcard-normal-fullchain.pem",
        ],
        &["private-key", "certificate"],
        &[
            "e:cert-expired@2015-wildcard-normal-fullchain.pem#1",
            "e:cert-expired@2015-wildcard-normal-fullchain.pem#2",
        ],
    ),
    // ...and not the 512-bit leaf, which has its own (uncommitted) key.
    (
        &[
            "badssl/2015-badssl.com-leaf.key",
            "badssl/2015-wildcard-rsa512-fullchain.pem",
        ],
        &["private-key", "certificate"],
        &[
            "e:cert-expired@2015-wildcard-rsa512-fullchain.pem#1",
            "e:cert-expired@2015-wildcard-rsa512-fullchain.pem#2",
            "e:cert-key-mismatch@2015-badssl.com-leaf.key#1",
            "e:cert-weak-key@2015-wildcard-rsa512-fullchain.pem#1",
        ],
    ),
    // The expired Let's Encrypt chain of 2021: leaf, R3 cross-signed by DST Root CA X3, and that root.
    (
        &[
            "docker-products/wyday-com-leaf-expired.crt",
            "docker-products/wyday-com-r3-intermediate-expired.crt",
            "docker-products/dst-root-ca-x3-expired-sha1.crt",
        ],
        &["certificate", "ca-certificates", "ca-certificates"],
        &[
            "e:cert-expired@dst-root-ca-x3-expired-sha1.crt#1",
            "e:cert-expired@wyday-com-leaf-expired.crt#1",
            "e:cert-expired@wyday-com-r3-intermediate-expired.crt#1",
            "w:chain-incomplete@wyday-com-leaf-expired.crt#1",
        ],
    ),
    // The passphrase-protected CA key (legacy Proc-Type), never decrypted.
    (
        &["sol-eng-docker/auth-docker-ca-encrypted.key"],
        &["private-key"],
        &["e:key-encrypted@auth-docker-ca-encrypted.key#1"],
    ),
    // The same key unencrypted matches the v1 CA certificate (self-signed, no extensions, expired 2024).
    (
        &[
            "sol-eng-docker/auth-docker-ca.key.nopass",
            "sol-eng-docker/auth-docker-ca-v1-expired.pem",
        ],
        &["private-key", "certificate"],
        &[
            "e:cert-expired@auth-docker-ca-v1-expired.pem#1",
            "w:cert-cn-only@auth-docker-ca-v1-expired.pem#1",
            "w:cert-self-signed@auth-docker-ca-v1-expired.pem#1",
        ],
    ),
    // A CSR is recognised as such and judged by nothing.
    (&["sol-eng-docker/kerb-rsp-ha-nginx.csr"], &["csr"], &[]),
    (
        &[
            "sol-eng-docker/apache-saml.key",
            "sol-eng-docker/apache-saml-selfsigned.cert",
        ],
        &["private-key", "certificate"],
        &[
            "w:cert-cn-only@apache-saml-selfsigned.cert#1",
            "w:cert-self-signed@apache-saml-selfsigned.cert#1",
        ],
    ),
    // The session-signing pair matches.
    (
        &["sol-eng-docker/launcher.pem", "sol-eng-docker/launcher.pub"],
        &["launcher-pem", "launcher-pub"],
        &[],
    ),
];

#[test]
fn real_certificates_and_keys_are_classified_and_judged() {
    let mut failures = Vec::new();
    for (files, roles, want) in CERTIFICATES {
        let report = check(
            &files.iter().map(|f| load(f)).collect::<Vec<_>>(),
            &options(),
        );
        let got_roles: Vec<&str> = report
            .inputs
            .iter()
            .map(|i| i.role.as_deref().unwrap_or("-"))
            .collect();
        if got_roles != *roles {
            failures.push(format!("{files:?}: roles {got_roles:?}, want {roles:?}"));
        }
        let mut want: Vec<String> = want.iter().map(|s| s.to_string()).collect();
        want.sort();
        let got = block_summary(&report);
        if got != want {
            failures.push(format!("{files:?}:\n  want {want:?}\n   got {got:?}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn real_chains_are_built_and_their_signatures_verified() {
    use wb_ssl_check::model::Model;
    let bundle = |files: &[&str]| {
        let bytes: Vec<u8> = files.iter().flat_map(|f| load(f).bytes).collect();
        Input::new("bundle.pem", bytes)
    };
    // (input, chain length): RSA/SHA-256 with a 4096-bit root; RSA/SHA-384; RSA/SHA-1; an ECDSA leaf
    // signed with RSA, under an RSA cross-sign.
    let cases = [
        (load("badssl/2015-wildcard-normal-fullchain.pem"), 3),
        (load("badssl/prod-subdomain-no-common-name.pem"), 3),
        (load("badssl/prod-wildcard-sha1-intermediate.pem"), 2),
        (
            bundle(&[
                "docker-products/wyday-com-leaf-expired.crt",
                "docker-products/wyday-com-r3-intermediate-expired.crt",
                "docker-products/dst-root-ca-x3-expired-sha1.crt",
            ]),
            3,
        ),
        (
            bundle(&[
                "sol-eng-docker/kerb-rsp-ha-nginx-expired.crt",
                "sol-eng-docker/auth-docker-ca-v1-expired.pem",
            ]),
            2,
        ),
    ];
    for (input, length) in cases {
        let name = input.name.clone();
        // Signatures answered by ring between rounds, as `check` does.
        let model = wb_ssl_check::pki::answer_native::answered(|| {
            Model::build(std::slice::from_ref(&input), &options())
        });
        let chain = &model.pki[0].chain;
        assert_eq!(chain.path.len(), length, "{name}: chain {:?}", chain.path);
        assert!(
            chain.bad_signatures.is_empty() && chain.unverified.is_empty(),
            "{name}: {chain:?}"
        );
    }
}

#[test]
fn real_key_pairs_match_by_public_key() {
    use wb_ssl_check::pki::Role;
    let roles = |cert: &str, key: &str| CheckOptions {
        roles: vec![
            (cert.to_string(), Role::RserverCertificate),
            (key.to_string(), Role::RserverKey),
        ],
        ..options()
    };
    // EC P-256 (SEC1 key) and RSA (PKCS#8 and PKCS#1 keys) pairs from the corpus.
    for (cert, key) in [
        (
            "sol-eng-docker/kerb-rsp-ha-nginx-expired.crt",
            "sol-eng-docker/kerb-rsp-ha-nginx-ec.key",
        ),
        (
            "sol-eng-docker/apache-saml-selfsigned.cert",
            "sol-eng-docker/apache-saml.key",
        ),
        (
            "sol-eng-docker/auth-docker-ca-v1-expired.pem",
            "sol-eng-docker/auth-docker-ca.key.nopass",
        ),
    ] {
        let (c, k) = (load(cert), load(key));
        let report = check(&[c.clone(), k.clone()], &roles(&c.name, &k.name));
        assert!(
            !report.rules().contains(&"cert-key-mismatch"),
            "{cert} + {key}"
        );
        let swapped = load("badssl/2015-badssl.com-leaf.key");
        let report = check(
            &[c.clone(), swapped.clone()],
            &roles(&c.name, &swapped.name),
        );
        assert!(
            report.rules().contains(&"cert-key-mismatch"),
            "{cert} + another key"
        );
    }
}

// ---------------------------------------------------------------------------------------------------
// The project's own corpus (tests/corpus, see its SOURCES.md): 32 whole `/etc/rstudio` folders from
// Posit's MIT-licensed repositories, each checked as one deployment. Every expectation below was read
// against the files by hand.

fn project_corpus_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus")
}

/// Every file of one deployment folder, named `folder/file` as a dropped folder is.
fn load_deployment(folder: &str) -> Vec<Input> {
    let dir = project_corpus_dir().join(folder);
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    files
        .iter()
        .map(|p| {
            Input::new(
                format!("{folder}/{}", p.file_name().unwrap().to_string_lossy()),
                std::fs::read(p).unwrap(),
            )
        })
        .collect()
}

/// `s:rule@base-name:line`, sorted.
fn base_summary(report: &Report) -> Vec<String> {
    let mut v: Vec<String> = report
        .findings
        .iter()
        .map(|f| {
            format!(
                "{}:{}@{}:{}",
                &f.severity.as_str()[..1],
                f.rule,
                f.file.rsplit('/').next().unwrap(),
                f.line.map(|l| l.to_string()).unwrap_or_else(|| "-".into())
            )
        })
        .collect();
    v.sort();
    v
}

// Shared judgements, each used by many folders:
// - Posit's single-container images serve plain HTTP on 8787 and call back to 127.0.0.1: nothing in
//   the files shows a TLS proxy, so plain HTTP is a warning.
const IMAGE_PLAIN: &[&str] = &["w:plaintext-http@rserver.conf:-"];
// - Images for Azure ML (and GCW) sit behind the platform's proxy (`auth-proxy=1`): plain HTTP is an
//   info that names that sign.
const IMAGE_BEHIND_PLATFORM_PROXY: &[&str] = &["i:plaintext-http@rserver.conf:-"];
// - Early server-pro images kept a `.gitignore` in their conf folder: not a Workbench file (info).
const IMAGE_PLAIN_WITH_GITIGNORE: &[&str] = &[
    "i:file-unrecognized@.gitignore:-",
    "w:plaintext-http@rserver.conf:-",
];
// - Google Cloud Workstations: callback to the bind address 0.0.0.0 (rstudio-docker-products#516,
//   deliberate, but it works only by a Linux quirk), behind the platform proxy.
const GCW_WILDCARD_CALLBACK: &[&str] = &[
    "w:callback-wildcard-host@rserver.conf:16",
    "i:plaintext-http@rserver.conf:-",
];
// - The Helm chart: rserver on 8787 behind its Service on port 80, and the callback names the Service
//   (`*.svc.cluster.local:80`). The port difference and plain HTTP (TLS at the ingress) are infos that
//   state the guess, not warnings.
const HELM_SERVICE: &[&str] = &[
    "i:callback-port-mismatch@rserver.conf:6",
    "i:plaintext-http@rserver.conf:-",
];
// - The chart's "complex" test values set `launcher-sessions-callback-address=http://127.0.0.1:8787`
//   with only a Kubernetes cluster: in a session pod 127.0.0.1 is the pod itself, so sessions cannot
//   call back (an error). Nothing else shows a proxy, so plain HTTP stays a warning.
const HELM_LOOPBACK_CALLBACK: &[&str] = &[
    "e:callback-localhost-remote-sessions@rserver.conf:6",
    "w:plaintext-http@rserver.conf:-",
];
const ALL_PLAIN: [&str; 3] = ["plaintext", "plaintext", "plaintext"];
const C_BROKEN: [&str; 3] = ["plaintext", "plaintext", "broken"];

/// (folder, findings, channel statuses a/b/c).
const DEPLOYMENTS: &[(&str, &[&str], [&str; 3])] = &[
    // The first RSP image: callback `http://127.0.0.1:80` while rserver listens on the default 8787;
    // on loopback nothing forwards 80 (a later upstream commit set www-port=8787 and :8787).
    (
        "docker-products-2019-10-server-pro",
        &[
            "w:callback-port-mismatch@rserver.conf:9",
            "w:plaintext-http@rserver.conf:-",
        ],
        ALL_PLAIN,
    ),
    (
        "docker-products-2019-10b-server-pro",
        IMAGE_PLAIN_WITH_GITIGNORE,
        ALL_PLAIN,
    ),
    (
        "docker-products-2019-12-server-pro",
        IMAGE_PLAIN_WITH_GITIGNORE,
        ALL_PLAIN,
    ),
    // rserver-float.conf next to rserver.conf: the variant gets the file checks only (a note says so),
    // so it neither doubles the findings nor switches off the pairing.
    ("docker-products-2021-07-server-pro", IMAGE_PLAIN, ALL_PLAIN),
    ("docker-products-2021-09-server-pro", IMAGE_PLAIN, ALL_PLAIN),
    ("docker-products-2021-10-workbench", IMAGE_PLAIN, ALL_PLAIN),
    (
        "docker-products-2022-07-azureml",
        IMAGE_BEHIND_PLATFORM_PROXY,
        ALL_PLAIN,
    ),
    ("docker-products-2022-07-workbench", IMAGE_PLAIN, ALL_PLAIN),
    ("docker-products-2022-10-workbench", IMAGE_PLAIN, ALL_PLAIN),
    ("docker-products-2022-12-workbench", IMAGE_PLAIN, ALL_PLAIN),
    (
        "docker-products-2023-08-azureml",
        IMAGE_BEHIND_PLATFORM_PROXY,
        ALL_PLAIN,
    ),
    (
        "docker-products-2023-08-gcw",
        GCW_WILDCARD_CALLBACK,
        ALL_PLAIN,
    ),
    ("docker-products-2024-09-workbench", IMAGE_PLAIN, ALL_PLAIN),
    (
        "docker-products-2024-11-azureml",
        IMAGE_BEHIND_PLATFORM_PROXY,
        ALL_PLAIN,
    ),
    (
        "docker-products-2024-11-gcw",
        GCW_WILDCARD_CALLBACK,
        ALL_PLAIN,
    ),
    ("docker-products-2024-11-workbench", IMAGE_PLAIN, ALL_PLAIN),
    ("helm-2022-complex", HELM_LOOPBACK_CALLBACK, C_BROKEN),
    ("helm-2022-default", HELM_SERVICE, ALL_PLAIN),
    ("helm-2022-license-server", HELM_SERVICE, ALL_PLAIN),
    ("helm-2022-other-complex", HELM_LOOPBACK_CALLBACK, C_BROKEN),
    ("helm-2022-simple", HELM_SERVICE, ALL_PLAIN),
    ("helm-2022-simple-profiles", HELM_SERVICE, ALL_PLAIN),
    ("helm-2026-complex", HELM_LOOPBACK_CALLBACK, C_BROKEN),
    ("helm-2026-default", HELM_SERVICE, ALL_PLAIN),
    ("helm-2026-launcher-template", HELM_SERVICE, ALL_PLAIN),
    ("helm-2026-license-server", HELM_SERVICE, ALL_PLAIN),
    ("helm-2026-other-complex", HELM_LOOPBACK_CALLBACK, C_BROKEN),
    ("helm-2026-overrides", HELM_SERVICE, ALL_PLAIN),
    ("helm-2026-overrides-values-new", HELM_SERVICE, ALL_PLAIN),
    ("helm-2026-simple", HELM_SERVICE, ALL_PLAIN),
    ("helm-2026-simple-profiles", HELM_SERVICE, ALL_PLAIN),
    // The image's sssd.conf sits in its conf folder: not a Workbench file (info).
    (
        "images-workbench-2026.04",
        &[
            "i:file-unrecognized@sssd.conf:-",
            "w:plaintext-http@rserver.conf:-",
        ],
        ALL_PLAIN,
    ),
];

#[test]
fn project_corpus_deployments_get_exactly_the_expected_findings() {
    let mut failures = Vec::new();
    for (folder, want, statuses) in DEPLOYMENTS {
        let report = check(&load_deployment(folder), &options());
        let got = base_summary(&report);
        let mut want: Vec<String> = want.iter().map(|s| s.to_string()).collect();
        want.sort();
        if got != want {
            failures.push(format!("{folder}:\n  want {want:?}\n   got {got:?}"));
        }
        let got_status: Vec<&str> = report.channels.iter().map(|c| c.status.as_str()).collect();
        if got_status != statuses {
            failures.push(format!(
                "{folder}: channel statuses {got_status:?}, want {statuses:?}"
            ));
        }
        // Whole /etc/rstudio folders: every Workbench file is recognised (none is read as the wrong
        // kind), and the pairing of rserver.conf with launcher.conf is never switched off.
        if report
            .not_checked
            .iter()
            .any(|n| n.contains("not known which files belong together"))
        {
            failures.push(format!(
                "{folder}: rserver.conf and launcher.conf were not paired"
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Every real deployment with its fixes applied: see tests/fix_common.
#[test]
fn fixes_on_real_deployments_remove_their_findings_and_settle() {
    let mut problems = Vec::new();
    let mut fixed = Vec::new();
    for (folder, _, _) in DEPLOYMENTS {
        problems.extend(fix_common::check_fixes(
            folder,
            &load_deployment(folder),
            &options(),
            &mut fixed,
        ));
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn project_corpus_is_listed_in_its_sources_and_every_folder_has_expectations() {
    let sources = std::fs::read_to_string(project_corpus_dir().join("SOURCES.md")).unwrap();
    let mut folders: Vec<String> = std::fs::read_dir(project_corpus_dir())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_dir())
        .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    folders.sort();
    assert!(folders.len() >= 30, "only {} deployments", folders.len());
    let listed: Vec<&str> = DEPLOYMENTS.iter().map(|(f, _, _)| *f).collect();
    for f in &folders {
        assert!(
            sources.contains(&format!("| {f} |")),
            "{f} is not in tests/corpus/SOURCES.md"
        );
        assert!(
            listed.contains(&f.as_str()),
            "{f} has no expectation in DEPLOYMENTS"
        );
    }
}

#[test]
fn project_corpus_files_of_known_kinds_are_recognised_by_name() {
    // The files Workbench documents in /etc/rstudio that bear on nothing here (launcher-env,
    // launcher-mounts, *-user-settings.json, ...) are `workbench-file`, never a config or unrecognised.
    for (folder, _, _) in DEPLOYMENTS {
        let report = check(&load_deployment(folder), &options());
        for i in &report.inputs {
            let base = i.name.rsplit('/').next().unwrap();
            let expected = match base {
                "rserver.conf" | "rserver-float.conf" => "rserver-conf",
                "launcher.conf" => "launcher-conf",
                "jupyter.conf" => "jupyter-conf",
                "vscode.conf" => "vscode-conf",
                "positron.conf" => "positron-conf",
                "launcher.pem" | "launcher.pub" => "pem-bundle",
                "sssd.conf" | ".gitignore" => "unrecognized",
                b if b.starts_with("launcher.") && b.ends_with(".profiles.conf") => {
                    "launcher-profiles-conf"
                }
                b if b.starts_with("launcher.") && b.ends_with(".conf") => "launcher-plugin-conf",
                _ => "workbench-file",
            };
            assert_eq!(i.kind, expected, "{}", i.name);
        }
    }
}
