//! The Kubernetes reader (issue 34): its YAML reader held to yaml-rust2 on every real YAML file, and
//! the real deployments of tests/fixtures/kubernetes/cases/ judged as their CASE.md says.
#![cfg(not(target_arch = "wasm32"))]

use std::path::{Path, PathBuf};
use wb_ssl_check::input::kubernetes::tree::{Node, Origin, Value};
use wb_ssl_check::input::kubernetes::yaml;

/// yaml-rust2's events as a tree of ours, plain scalars typed the same way: the reference.
fn reference(text: &str) -> Result<Vec<Node>, String> {
    use yaml_rust2::parser::{Event, Parser};
    use yaml_rust2::scanner::TScalarStyle;
    enum Open {
        Seq(Vec<Node>),
        Map(Vec<(String, Node)>, Option<String>),
    }
    let origin = Origin::Injected("");
    let mut parser = Parser::new_from_str(text);
    let mut docs = Vec::new();
    let mut stack: Vec<(Open, usize)> = Vec::new();
    let mut anchors: Vec<(usize, Node)> = Vec::new();
    loop {
        let (event, _) = parser.next_token().map_err(|e| e.to_string())?;
        let (node, anchor) = match event {
            Event::StreamEnd => break,
            Event::SequenceStart(a, _) => {
                stack.push((Open::Seq(Vec::new()), a));
                continue;
            }
            Event::MappingStart(a, _) => {
                stack.push((Open::Map(Vec::new(), None), a));
                continue;
            }
            Event::SequenceEnd | Event::MappingEnd => match stack.pop() {
                Some((Open::Seq(items), a)) => (Node::new(Value::Seq(items), origin.clone()), a),
                Some((Open::Map(entries, _), a)) => {
                    (Node::new(Value::Map(entries), origin.clone()), a)
                }
                None => continue,
            },
            Event::Scalar(s, style, a, _) => {
                let v = if style == TScalarStyle::Plain {
                    yaml::plain(&s)
                } else {
                    Value::Str(s)
                };
                (Node::new(v, origin.clone()), a)
            }
            Event::Alias(id) => (
                anchors
                    .iter()
                    .rev()
                    .find(|(a, _)| *a == id)
                    .map(|(_, n)| n.clone())
                    .ok_or("alias")?,
                0,
            ),
            _ => continue,
        };
        if anchor > 0 {
            anchors.push((anchor, node.clone()));
        }
        match stack.last_mut() {
            None => docs.push(node),
            Some((Open::Seq(items), _)) => items.push(node),
            Some((Open::Map(entries, waiting), _)) => match waiting.take() {
                None => *waiting = Some(node.go_string()),
                Some(key) if key == "<<" => {
                    for (k, v) in node.map().unwrap_or(&[]) {
                        if !entries.iter().any(|(e, _)| e == k) {
                            entries.push((k.clone(), v.clone()));
                        }
                    }
                }
                Some(key) => match entries.iter_mut().find(|(k, _)| *k == key) {
                    Some(slot) => slot.1 = node,
                    None => entries.push((key, node)),
                },
            },
        }
    }
    Ok(docs)
}

/// The tree without origins, for comparing.
fn shape(node: &Node) -> String {
    match &node.value {
        Value::Seq(items) => format!(
            "[{}]",
            items.iter().map(shape).collect::<Vec<_>>().join(", ")
        ),
        Value::Map(entries) => format!(
            "{{{}}}",
            entries
                .iter()
                .map(|(k, v)| format!("{k:?}: {}", shape(v)))
                .collect::<Vec<_>>()
                .join(", ")
        ),
        other => format!("{other:?}"),
    }
}

fn yaml_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            yaml_files(&p, out);
        } else if p.extension().is_some_and(|x| x == "yaml" || x == "yml") {
            out.push(p);
        }
    }
}

#[test]
fn our_yaml_reader_reads_every_real_file_as_yaml_rust2_does() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    for dir in [
        "tests/fixtures/kubernetes",
        "data/kubernetes",
        "../shared/corpus/real",
    ] {
        yaml_files(&root.join(dir), &mut files);
    }
    assert!(files.len() >= 30, "only {} YAML files found", files.len());
    let mut compared = 0;
    for file in &files {
        let text = String::from_utf8_lossy(&std::fs::read(file).unwrap()).into_owned();
        let ours = yaml::documents(&text, "f");
        match (reference(&text), ours) {
            (Ok(theirs), Ok(ours)) => {
                let (a, b): (Vec<String>, Vec<String>) = (
                    theirs.iter().map(shape).collect(),
                    ours.iter().map(shape).collect(),
                );
                assert_eq!(a.len(), b.len(), "{}: number of documents", file.display());
                for (i, (x, y)) in a.iter().zip(&b).enumerate() {
                    assert_eq!(x, y, "{} document {i}", file.display());
                }
                compared += 1;
            }
            (Err(_), Err(_)) => {}
            (theirs, ours) => panic!(
                "{}: yaml-rust2 says {:?}, ours says {:?}",
                file.display(),
                theirs.map(|_| "ok"),
                ours.map(|_| "ok")
            ),
        }
    }
    assert!(compared >= 25, "{compared}");
}

/// Each real case (tests/fixtures/kubernetes/cases/<id>/, sources in CASE.md): the errors and
/// warnings a careful admin would raise, written by hand from the case's hand judgement (not from
/// our output), as (rule, severity). Infos are not judged. Where our findings fall short of the
/// judgement, the gap is said here and in the issue note, not hidden.
const CASES: [(&str, &[(&str, &str)]); 19] = [
    // Internet-facing ALB with an HTTP listener only → Traefik `web` → Workbench: error on a. The
    // IngressRoute to Workbench on `web` has no TLS either; the test user with the chart's default
    // password. (Not yet: sslmode=allow, which is in a shell script, not among the inputs.)
    (
        "aws-sce-eks",
        &[
            ("helm-ingress-no-tls", "error"),
            ("helm-ingress-no-tls", "warning"),
            ("helm-test-user", "warning"),
        ],
    ),
    // `service.type=LoadBalancer` on chart 0.7.6, rserver on HTTP; `--set userCreate=true` with the
    // chart's default password.
    (
        "dumitrux-workbench-loadbalancer",
        &[
            ("helm-service-exposes-http", "error"),
            ("helm-test-user", "warning"),
        ],
    ),
    ("helm-example-alb", &[]),
    (
        "helm-example-autoscaling",
        &[("helm-invalid-yaml", "error")],
    ),
    ("helm-example-azure-application-gateway", &[]),
    ("helm-example-contour", &[]),
    ("helm-example-gce", &[]),
    ("helm-example-nginx", &[]),
    ("helm-example-traefik", &[]),
    // Ingress without TLS. (Not yet: cleartext LDAP in SSSD, NodePort on the old chart.)
    ("kuberthon-ldap", &[("helm-ingress-no-tls", "warning")]),
    // A raw Deployment behind a NodePort Service on plain HTTP.
    (
        "soleng-k8s-simple-rsw",
        &[("helm-service-exposes-http", "warning")],
    ),
    // The predecessor chart (soleng/rstudio-server), not modelled: the callback `http://kerb-rsp/`
    // is only an info here, where the judgement says error.
    ("soleng-kerb-rsp-values", &[]),
    // `userCreate: true` with the chart's default password: the case's table leaves it out, but it
    // is the judgement dumitrux-workbench-loadbalancer's gives the same values (a warning).
    ("soleng-rsp-values", &[("helm-test-user", "warning")]),
    // replicas 2 without sharedStorage; Ingress without TLS.
    (
        "soleng-workshop-ha-ville",
        &[
            ("helm-lb-without-shared-storage", "error"),
            ("helm-ingress-no-tls", "warning"),
            // The judgement's "secure sticky cookie over HTTP": Traefik's cookie is `Secure`, the
            // Ingress has no TLS, and there are 2 pods.
            ("helm-secure-sticky-cookie-over-http", "warning"),
            // "userCreate: true, userPassword: rstudio # CHANGE ME (warning)".
            ("helm-test-user", "warning"),
            // `userPassword: rstudio`, a string: the shape before chart 0.10.0, and no version is
            // pinned, so today's `helm upgrade --install` would take the newest, where it is a map.
            ("helm-old-schema-key", "warning"),
        ],
    ),
    // The chart's `launcher-default-cluster: Kubernetes` kept with a Local-only launcher.conf.
    (
        "soleng-workshop-rsw-local",
        &[
            ("unknown-cluster-reference", "error"),
            ("unknown-cluster-reference", "error"),
            // The same unpinned `userPassword: rstudio` as ha-ville, and the same test user.
            ("helm-old-schema-key", "warning"),
            ("helm-test-user", "warning"),
        ],
    ),
    // Operator resources: the files and objects the operator makes from them (kubernetes.md §7).
    ("team-operator-advanced-site", &[]),
    ("team-operator-aks-site", &[]),
    // "`workbench.auth.type: \"none\"` is not one of the operator's AuthType values: a schema
    // warning" (the case's judgement).
    (
        "team-operator-minimal-site",
        &[("operator-auth-type-unknown", "warning")],
    ),
    // "replicas = 3: warning (operator-version-gated)": no load-balancer file read before PR #144.
    (
        "team-operator-prod-multi-ide",
        &[("operator-lb-pod-names", "warning")],
    ),
];

#[test]
fn real_kubernetes_deployments_get_the_hand_judgement() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/kubernetes/cases");
    let mut ids: Vec<String> = std::fs::read_dir(&root)
        .unwrap()
        .flatten()
        .filter(|e| e.path().is_dir())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    ids.sort();
    let mut listed: Vec<&str> = CASES.iter().map(|(id, _)| *id).collect();
    listed.sort();
    assert_eq!(ids, listed, "every case folder is judged here");
    let options = wb_ssl_check::CheckOptions {
        now_unix: Some(1_796_601_600), // 2026-12-07
        ..Default::default()
    };
    let mut failures = Vec::new();
    for (id, want) in CASES {
        let mut inputs = Vec::new();
        let mut files: Vec<PathBuf> = std::fs::read_dir(root.join(id))
            .unwrap()
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.file_name().is_some_and(|n| n != "CASE.md"))
            .collect();
        files.sort();
        for f in files {
            inputs.push(wb_ssl_check::Input::new(
                f.file_name().unwrap().to_string_lossy(),
                std::fs::read(&f).unwrap(),
            ));
        }
        let report = wb_ssl_check::check(&inputs, &options);
        let mut got: Vec<(String, String)> = report
            .findings
            .iter()
            .filter(|f| f.severity.as_str() != "info")
            .map(|f| (f.rule.clone(), f.severity.as_str().to_string()))
            .collect();
        got.sort();
        let mut want: Vec<(String, String)> = want
            .iter()
            .map(|(r, s)| (r.to_string(), s.to_string()))
            .collect();
        want.sort();
        if got != want {
            failures.push(format!("{id}: want {want:?}\n   got {got:?}"));
        }
        // Channel a on Kubernetes comes from the routes: TLS at an Ingress is not verified (its
        // certificate is a Secret not given), a route without TLS is plain HTTP, a public plain
        // LoadBalancer is broken.
        let a = report
            .channels
            .iter()
            .find(|c| c.id.as_str() == "a")
            .unwrap();
        let want_a = match id {
            "helm-example-nginx" | "helm-example-alb" | "helm-example-traefik" => Some("unknown"),
            "soleng-workshop-ha-ville" | "kuberthon-ldap" => Some("plaintext"),
            "dumitrux-workbench-loadbalancer" => Some("broken"),
            _ => None,
        };
        if let Some(want) = want_a {
            assert_eq!(a.status.as_str(), want, "{id}: {}", a.explanation);
        }
        if id == "helm-example-nginx" {
            assert!(
                a.explanation.starts_with("TLS ends at Ingress"),
                "{}",
                a.explanation
            );
            assert_eq!(a.endpoint.as_deref(), Some("https://workbench.example.com"));
        }
        // The path the diagram draws, judged from the case's values by hand: the chart's Ingress
        // (TLS from `ingress.tls` in nginx's), its one Service on port 80, the replicas, and the
        // callback the chart injects through that Service.
        let path = report.kubernetes.as_ref();
        match id {
            "soleng-workshop-ha-ville" => {
                let p = path.expect("a path");
                assert_eq!(
                    p.entry.as_deref(),
                    Some("Ingress ha-ville-rstudio-workbench")
                );
                assert_eq!(
                    p.host.as_deref(),
                    Some("my-name-ha-rsw.training.soleng.rstudioservices.com")
                );
                assert_eq!(p.tls, None);
                assert_eq!(p.service.as_deref(), Some("ha-ville-rstudio-workbench:80"));
                assert_eq!(p.replicas, Some(2));
                assert!(
                    p.callback
                        .as_deref()
                        .is_some_and(|c| c.starts_with("http://ha-ville-rstudio-workbench.")
                            && c.ends_with(".svc.cluster.local:80")),
                    "{p:?}"
                );
            }
            "helm-example-nginx" => {
                let p = path.expect("a path");
                assert!(
                    p.tls
                        .as_deref()
                        .is_some_and(|t| t.contains("posit-workbench-tls")),
                    "{p:?}"
                );
                assert_eq!(p.host.as_deref(), Some("workbench.example.com"));
                assert_eq!(p.replicas, Some(1));
            }
            "dumitrux-workbench-loadbalancer" => {
                let p = path.expect("a path");
                assert!(
                    p.entry
                        .as_deref()
                        .is_some_and(|e| e.starts_with("LoadBalancer Service")),
                    "{p:?}"
                );
            }
            // What the operator's source makes of a Site (kubernetes.md §7, by hand): its
            // Ingress `<site>-workbench` for `workbench.<domain>`, TLS outside it (Traefik or a
            // cloud load balancer, never verified), the Service on port 80, and the callback the
            // Workbench controller forces, plain HTTP to that Service in the Site's namespace.
            "team-operator-aks-site" | "team-operator-prod-multi-ide" => {
                let p = path.expect("a path");
                let site = if id.ends_with("aks-site") {
                    "main"
                } else {
                    "production"
                };
                assert_eq!(
                    p.entry.as_deref(),
                    Some(format!("Ingress {site}-workbench").as_str())
                );
                assert_eq!(p.host.as_deref(), Some("workbench.posit.example.com"));
                assert!(
                    p.tls.as_deref().is_some_and(|t| t.contains("Traefik")),
                    "{p:?}"
                );
                assert_eq!(
                    p.service.as_deref(),
                    Some(format!("{site}-workbench:80").as_str())
                );
                assert_eq!(p.replicas, Some(if site == "main" { 1 } else { 3 }));
                assert_eq!(
                    p.callback.as_deref(),
                    Some(
                        format!("http://{site}-workbench.posit-team.svc.cluster.local:80").as_str()
                    )
                );
                assert_eq!(a.status.as_str(), "unknown", "{id}: {}", a.explanation);
                let b = report
                    .channels
                    .iter()
                    .find(|c| c.id.as_str() == "b")
                    .unwrap();
                assert_eq!(b.endpoint.as_deref(), Some("http://127.0.0.1:5559"));
            }
            _ => {}
        }
        // An operator resource is read, and says what the operator decides.
        if id.starts_with("team-operator") {
            assert!(
                report
                    .not_checked
                    .iter()
                    .any(|n| n.starts_with("team-operator Site: Workbench's config")),
                "{id}: {:?}",
                report.not_checked
            );
        }
        // Every Kubernetes input was recognised as one.
        for i in &report.inputs {
            assert!(
                !i.name.ends_with(".yaml") || i.kind != "unrecognized",
                "{id}: {} not recognised",
                i.name
            );
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Truncated and garbled real YAML never panics the reader or the check: every prefix of every real
/// file (in steps), and each with a YAML-special character put in at many places.
#[test]
fn broken_yaml_never_panics() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    yaml_files(&root.join("tests/fixtures/kubernetes"), &mut files);
    yaml_files(
        &root.join("data/kubernetes/chart-defaults/0.22.0"),
        &mut files,
    );
    let options = wb_ssl_check::CheckOptions {
        now_unix: Some(1_796_601_600),
        ..Default::default()
    };
    let mut checked = 0;
    for file in &files {
        let text = String::from_utf8_lossy(&std::fs::read(file).unwrap()).into_owned();
        let cuts: Vec<usize> = (0..text.len())
            .step_by(97)
            .filter(|i| text.is_char_boundary(*i))
            .collect();
        for &cut in &cuts {
            let _ = yaml::documents(&text[..cut], "v");
            for special in [
                "\t", ":", "- ", "[", "{", "\"", "'", "|", ">", "&a", "*a", "#", "\n  ",
            ] {
                let garbled = format!("{}{special}{}", &text[..cut], &text[cut..]);
                let _ = yaml::documents(&garbled, "v");
            }
        }
        // The whole check, on a few of them.
        for &cut in cuts.iter().step_by(8) {
            let inputs = [wb_ssl_check::Input::new(
                "values.yaml",
                &text.as_bytes()[..cut],
            )];
            let _ = wb_ssl_check::check(&inputs, &options);
            checked += 1;
        }
    }
    assert!(checked > 50, "{checked}");
}

/// A rendered object's `helm.sh/chart` label gives the chart version the values are judged by, as a
/// helm command's `--version` does.
#[test]
fn a_rendered_objects_chart_label_gives_the_chart_version() {
    let values = "userCreate: true\nuserPassword: rstudio\n";
    let service = "apiVersion: v1\nkind: Service\nmetadata:\n  name: wb-rstudio-workbench\n  labels:\n    helm.sh/chart: rstudio-workbench-0.7.6\nspec:\n  type: ClusterIP\n  ports:\n    - port: 80\n      targetPort: 8787\n";
    let options = wb_ssl_check::CheckOptions {
        now_unix: Some(1_796_601_600),
        ..Default::default()
    };
    let old_schema = |report: &wb_ssl_check::Report| {
        report
            .findings
            .iter()
            .filter(|f| f.rule == "helm-old-schema-key")
            .count()
    };
    // Alone, the values are judged by the newest chart, where `userPassword` is a map: a warning,
    // and a note that the version was assumed.
    let alone = wb_ssl_check::check(
        &[wb_ssl_check::Input::new("values.yaml", values.as_bytes())],
        &options,
    );
    assert_eq!(old_schema(&alone), 1);
    assert!(alone
        .not_checked
        .iter()
        .any(|n| n.contains("no chart version was given")));
    // With the rendered Service of chart 0.7.6, a string is that version's shape: nothing to say.
    let labelled = wb_ssl_check::check(
        &[
            wb_ssl_check::Input::new("values.yaml", values.as_bytes()),
            wb_ssl_check::Input::new("service.yaml", service.as_bytes()),
        ],
        &options,
    );
    assert_eq!(old_schema(&labelled), 0, "{:?}", labelled.findings);
    assert!(!labelled
        .not_checked
        .iter()
        .any(|n| n.contains("no chart version was given")));
}
