//! Load-balanced clusters end to end: real deployments nobody here wrote (tests/fixtures/clusters/real,
//! with their sources in SOURCES.md and the guide's requirements in GUIDE.md), a one-node cluster,
//! and separate servers that must stay separate. The expectations were written from the Posit admin
//! guide's requirements and each deployment's files, not copied from output.

use std::path::Path;
use wb_ssl_check::report::{Channel, ChannelStatus, Severity};
use wb_ssl_check::{check, CheckOptions, Input, Report};

fn real(name: &str) -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/clusters/real")
        .join(name)
}

/// The node folders of a deployment (`node1/`, `node2/`; the balancer's own files are not a node's),
/// as inputs named `node1/rserver.conf`.
fn nodes(dir: &Path) -> Vec<Input> {
    let mut inputs = Vec::new();
    let mut folders: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_dir() && p.file_name().unwrap().to_string_lossy().starts_with("node"))
        .collect();
    folders.sort();
    for folder in folders {
        let mut files: Vec<_> = std::fs::read_dir(&folder)
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        files.sort();
        for f in files {
            let name = format!(
                "{}/{}",
                folder.file_name().unwrap().to_string_lossy(),
                f.file_name().unwrap().to_string_lossy()
            );
            inputs.push(Input::new(name, std::fs::read(&f).unwrap()));
        }
    }
    inputs
}

fn options() -> CheckOptions {
    CheckOptions {
        now_unix: wb_ssl_check::parse_time("2026-12-02T00:00:00Z"),
        ..Default::default()
    }
}

fn rules(report: &Report, prefix: &str) -> Vec<String> {
    report
        .findings
        .iter()
        .filter(|f| f.rule.starts_with(prefix))
        .map(|f| format!("{} {} {}", f.severity.as_str(), f.rule, f.file))
        .collect()
}

const DEPLOYMENTS: [&str; 10] = [
    "aws-parallelcluster-rsw-ha",
    "aws-parallelcluster-rsw-ha-2024",
    "helm-rstudio-workbench-complex",
    "pulumi-rsw-ha",
    "pulumi-rsw-ha-local-launcher",
    "pulumi-rsw-ha-manual",
    "rstudio-vagrant-dev",
    "slurm-docker-cluster",
    "sol-eng-docker-kerb-rsp-ha",
    "sol-eng-docker-rsp-ha",
];

#[test]
fn every_real_deployment_is_one_cluster_with_channel_d() {
    for name in DEPLOYMENTS {
        let report = check(&nodes(&real(name)), &options());
        let d = report.channel(Channel::D);
        assert!(
            d.is_some(),
            "{name}: a load-balanced deployment has channel d"
        );
        let expected_nodes = std::fs::read_dir(real(name))
            .unwrap()
            .filter(|e| {
                e.as_ref()
                    .unwrap()
                    .file_name()
                    .to_string_lossy()
                    .starts_with("node")
            })
            .count();
        assert_eq!(d.unwrap().nodes.len(), expected_nodes, "{name}");
        for id in [Channel::A, Channel::B, Channel::C] {
            assert_eq!(
                report.channel(id).unwrap().nodes.len(),
                expected_nodes,
                "{name} {id:?}"
            );
        }
        assert!(
            !report
                .not_checked
                .iter()
                .any(|n| n.contains("Several servers") || n.contains("not taken as the nodes")),
            "{name}: {:?}",
            report.not_checked
        );
    }
}

#[test]
fn real_deployments_get_the_cluster_findings_they_deserve_and_no_false_ones() {
    for name in DEPLOYMENTS {
        let report = check(&nodes(&real(name)), &options());
        let got = rules(&report, "lb-");
        let want: Vec<String> = match name {
            // The IDE team's two VMs: the nodes' server-shared-storage-path differ (the same NFS
            // export under two paths), which the guide's "identical /etc/rstudio" does not allow.
            "rstudio-vagrant-dev" => vec!["warning lb-config-differs node2/rserver.conf".into()],
            // Every other one: PostgreSQL where database.conf is given, the same key where given, no
            // verify-ssl-certs=0, and no node certificate committed.
            _ => vec![],
        };
        assert_eq!(got, want, "{name}");
        // No fix ever rewrites a load balancer's address to a node's port.
        for f in &report.findings {
            if let Some(fix) = &f.fix {
                for e in &fix.edits {
                    assert!(
                        !(e.text.contains("elb.amazonaws.com:8787")
                            || e.text.contains("kerb-rsp-ha-nginx:8787")),
                        "{name}: {} proposes {}",
                        f.rule,
                        e.text
                    );
                }
            }
        }
    }
}

#[test]
fn the_vagrant_nodes_difference_names_the_setting_and_both_values() {
    let report = check(&nodes(&real("rstudio-vagrant-dev")), &options());
    let f = report
        .findings
        .iter()
        .find(|f| f.rule == "lb-config-differs")
        .expect("lb-config-differs");
    assert!(
        f.message.contains("server-shared-storage-path"),
        "{}",
        f.message
    );
    assert!(
        f.message.contains("node1") && f.message.contains("node2"),
        "{}",
        f.message
    );
    assert_eq!(
        f.severity,
        Severity::Warning,
        "shared storage paths change no channel"
    );
}

#[test]
fn a_callback_to_the_balancer_is_channel_a_endpoint_not_the_nodes_port() {
    // Two nodes behind nginx; sessions call back to https://kerb-rsp-ha-nginx/rstudio, the balancer.
    let report = check(&nodes(&real("sol-eng-docker-kerb-rsp-ha")), &options());
    let a = report.channel(Channel::A).unwrap();
    assert_eq!(
        a.endpoint.as_deref(),
        Some("https://kerb-rsp-ha-nginx"),
        "{a:?}"
    );
    assert!(a.explanation.contains("load balancer"), "{}", a.explanation);
    assert!(rules(&report, "callback-port-mismatch").is_empty());
    let d = report.channel(Channel::D).unwrap();
    assert_eq!(
        d.status,
        ChannelStatus::Plaintext,
        "the nodes serve HTTP to each other"
    );
}

#[test]
fn load_balancing_enabled_alone_makes_a_cluster() {
    // The 2024 layout has no load-balancer file: `load-balancing-enabled=1` in the shared rserver.conf.
    let report = check(&nodes(&real("aws-parallelcluster-rsw-ha-2024")), &options());
    assert!(report.channel(Channel::D).is_some());
    assert!(
        report
            .not_checked
            .iter()
            .any(|n| n.contains("another node's folder not provided")),
        "one node known: what another node's files would decide is listed: {:?}",
        report.not_checked
    );
}

#[test]
fn separate_servers_stay_separate() {
    let server = |folder: &str, port: &str| {
        vec![
            Input::new(
                format!("{folder}/rserver.conf"),
                format!("www-port={port}\n").into_bytes(),
            ),
            Input::new(
                format!("{folder}/launcher.conf"),
                "[server]\naddress=localhost\nport=5559\n[cluster]\nname=Local\ntype=Local\n",
            ),
        ]
    };
    let mut inputs = server("serverA", "8787");
    inputs.extend(server("serverB", "8788"));
    let report = check(&inputs, &options());
    assert!(report.channel(Channel::D).is_none());
    assert!(rules(&report, "lb-").is_empty());
    assert!(
        report
            .not_checked
            .iter()
            .any(|n| n.contains("not taken as the nodes of one cluster")),
        "{:?}",
        report.not_checked
    );
}

#[test]
fn the_nodes_certificate_files_are_each_nodes_own() {
    // Two nodes name the same path; each folder's copy is that node's certificate. Node 2's is not
    // for its name: the finding is node2's alone.
    let pki = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/pki");
    let cert = |f: &str| std::fs::read(pki.join(f)).unwrap();
    let node = |n: &str, host: &str, crt: &str| {
        vec![
            Input::new(format!("{n}/rserver.conf"), "ssl-enabled=1\nssl-certificate=/etc/rstudio/server.pem\nssl-certificate-key=/etc/rstudio/server.key\n"),
            Input::new(format!("{n}/load-balancer"), format!("www-host-name={host}\n").into_bytes()),
            Input::new(format!("{n}/server.pem"), cert(crt)),
        ]
    };
    let mut inputs = node("node1", "node1.apps.example.org", "wb.crt");
    inputs.extend(node("node2", "localhost", "launcher.crt"));
    let report = check(&inputs, &options());
    let got = rules(&report, "lb-node-cert-name");
    assert!(
        got.is_empty(),
        "launcher.crt names localhost, node2's www-host-name: {got:?}"
    );
    let mut inputs = node("node1", "node1.apps.example.org", "launcher.crt");
    inputs.extend(node("node2", "node2.apps.example.org", "wb.crt"));
    let report = check(&inputs, &options());
    assert_eq!(
        rules(&report, "lb-node-cert-name"),
        vec!["error lb-node-cert-name node1/load-balancer"]
    );
}

#[test]
fn probe_dials_every_node_at_its_www_host_name() {
    use wb_ssl_check::facts::planned_endpoints;
    let node = |n: &str, host: &str| {
        vec![
            Input::new(format!("{n}/rserver.conf"), "ssl-enabled=1\nwww-port=8443\nlauncher-sessions-callback-address=https://wb.example.org:8443\n"),
            Input::new(format!("{n}/load-balancer"), format!("www-host-name={host}\n").into_bytes()),
        ]
    };
    let mut inputs = node("node1", "node1.example.org");
    inputs.extend(node("node2", "10.0.0.12:9443"));
    inputs.extend(node("node3", "$(hostname -i)"));
    let dials: Vec<String> = planned_endpoints(&inputs, &options())
        .unwrap()
        .iter()
        .filter(|e| e.channel == Channel::D)
        .map(|e| format!("{}:{} {}", e.dial, e.port, e.tls))
        .collect();
    // The port written in www-host-name is the one dialled; a template's value is not dialled.
    assert_eq!(
        dials,
        ["node1.example.org:8443 true", "10.0.0.12:9443 true"]
    );
    // Unrelated servers are still refused, as before.
    let mut separate = vec![Input::new("a/rserver.conf", "www-port=8787\n")];
    separate.push(Input::new("b/rserver.conf", "www-port=8787\n"));
    assert!(planned_endpoints(&separate, &options()).is_err());
}

#[test]
fn markdown_shows_each_node_on_each_channel() {
    let report = check(&nodes(&real("sol-eng-docker-kerb-rsp-ha")), &options());
    let md = wb_ssl_check::render::markdown(&report);
    assert!(
        md.contains("Node ⇄ node (load-balanced cluster) (d)"),
        "{md}"
    );
    assert!(md.contains("- Node `node2`: "), "{md}");
}
