//! team-operator resources (posit-dev/team-operator, `core.posit.team/v1beta1`): a `Site`, or the
//! `Workbench` its controller makes from it. The operator writes Workbench's config itself, from a
//! typed struct that has no TLS keys at all (../shared/spec/kubernetes.md §7), so what a Site decides
//! is mostly fixed by the operator's code. This module writes those files and objects out, so the
//! channel map and the rules see what the operator really deploys:
//!
//! - rserver.conf: load balancing on, shared storage, the Launcher on loopback (`127.0.0.1:5559`),
//!   and the session callback the Workbench controller forces, plain HTTP to the Workbench Service
//!   (`http://<site>-workbench.<namespace>.svc.cluster.local:80`, "TODO: use TLS at some point");
//! - launcher.conf: `[server]` on `127.0.0.1:5559`, one Kubernetes cluster;
//! - a ClusterIP Service on port 80 with Traefik's sticky-cookie annotations, and an Ingress with no
//!   `tls`: TLS ends at Traefik or a cloud load balancer the Site does not describe;
//! - the Workbench pods' replica count.
//!
//! What the operator writes is read from its source at the snapshot c57bf8d3
//! (`internal/controller/core/site_controller_workbench.go`, `workbench.go`,
//! `api/core/v1beta1/workbench_types.go`); where a later release changed it, the rules say which.

use super::objects::{self, Objects, Route, Service, Workload};
use super::tree::{Node, Origin, Value};

/// Where the operator's own settings come from, in the words findings use.
pub const SITE_CONTROLLER: Origin =
    Origin::Injected("team-operator's Site controller (at c57bf8d3)");
const WORKBENCH_CONTROLLER: Origin =
    Origin::Injected("team-operator's Workbench controller (plain HTTP to the Workbench Service)");

/// The folder the operator mounts Workbench's config in (`workbench_types.go`, `/mnt/config/rstudio/`).
pub const CONFIG_FOLDER: &str = "/mnt/config/rstudio";

/// The auth types the operator knows (`api/core/v1beta1/shared.go`); anything else is taken as
/// password sign-in without a word.
pub const AUTH_TYPES: [&str; 3] = ["password", "oidc", "saml"];

/// A Workbench the operator deploys, as one `Site` or `Workbench` resource describes it.
#[derive(Clone, Debug)]
pub struct OperatorWorkbench {
    /// `Site` or `Workbench`.
    pub kind: &'static str,
    /// The resource's name: the Workbench objects are `<name>-workbench`.
    pub name: String,
    pub namespace: Option<String>,
    /// `workbench.auth.type` (Site) or `auth.type` (Workbench), as written.
    pub auth_type: Option<Node>,
    pub replicas: Option<(f64, Origin)>,
    pub origin: Origin,
}

/// A config file the operator writes: its name, and each line with where it came from.
pub struct OperatorFile {
    pub name: &'static str,
    pub lines: Vec<(String, Origin)>,
}

/// The first Workbench a team-operator document describes, with the files and objects the operator
/// makes for it; notes say what was assumed. `None` when no document deploys Workbench.
pub fn read(
    docs: &[&Node],
    objects: &mut Objects,
    notes: &mut Vec<String>,
) -> Option<(OperatorWorkbench, Vec<OperatorFile>)> {
    let doc = *docs.iter().find(|d| {
        d.get("apiVersion")
            .and_then(Node::str)
            .is_some_and(|a| a.starts_with("core.posit.team/"))
            && matches!(
                d.get("kind").and_then(Node::str),
                Some("Site" | "Workbench")
            )
    })?;
    let site = doc.get("kind").and_then(Node::str) == Some("Site");
    let spec = doc.get("spec");
    let workbench = if site {
        spec.and_then(|s| s.get("workbench"))
    } else {
        spec
    };
    if site
        && workbench
            .and_then(|w| w.get("enabled"))
            .is_some_and(|e| matches!(e.value, Value::Bool(false)))
    {
        notes.push("the Site turns Workbench off (`workbench.enabled: false`): nothing of Workbench was checked".into());
        return None;
    }
    let meta = doc.get("metadata");
    let name = meta
        .and_then(|m| m.get("name"))
        .and_then(Node::str)
        .unwrap_or("site")
        .to_string();
    let namespace = meta
        .and_then(|m| m.get("namespace"))
        .and_then(Node::str)
        .map(str::to_string);
    if namespace.is_none() {
        notes.push(format!("the {} names no namespace: `default` is assumed in the session callback's address (`kubectl apply -n` decides it)", if site { "Site" } else { "Workbench" }));
    }
    let ns = namespace.as_deref().unwrap_or("default");
    let replicas = workbench
        .and_then(|w| w.get("replicas"))
        .and_then(|r| r.number().map(|n| (n, r.origin.clone())));
    let auth = workbench.and_then(|w| w.get("auth"));
    let auth_type = auth.and_then(|a| a.get("type")).cloned();
    let component = format!("{name}-workbench");
    let ingress_class = spec
        .and_then(|s| s.get("ingressClass"))
        .and_then(Node::str)
        .filter(|c| !c.trim().is_empty())
        .map(str::to_string);

    // Workbench's address: `<domainPrefix>.<domain>` for a Site (the Site controller always uses the
    // sub-domain form), `spec.url` for a Workbench.
    let host = if site {
        spec.and_then(|s| s.get("domain"))
            .and_then(Node::str)
            .map(|domain| {
                let prefix = workbench
                    .and_then(|w| w.get("domainPrefix"))
                    .and_then(Node::str)
                    .unwrap_or("workbench");
                format!("{prefix}.{domain}")
            })
    } else {
        spec.and_then(|s| s.get("url"))
            .and_then(Node::str)
            .map(str::to_string)
    };

    let mut rserver: Vec<(String, Origin)> = Vec::new();
    let mut launcher: Vec<(String, Origin)> = Vec::new();
    let written = (!site)
        .then(|| spec.and_then(|s| s.get("config")))
        .flatten();
    match written {
        // A Workbench resource carries the typed config the Site controller filled in.
        Some(config) => {
            if let Some(conf) = config.get("rserver.conf") {
                ini_lines(conf, &mut rserver);
            }
            if let Some(conf) = config.get("launcher.conf") {
                ini_lines(conf, &mut launcher);
            }
        }
        None => {
            for (key, value) in [
                ("load-balancing-enabled", "1"),
                ("server-shared-storage-path", "/mnt/shared-storage"),
                ("www-port", "8787"),
                ("launcher-address", "127.0.0.1"),
                ("launcher-port", "5559"),
                ("launcher-sessions-enabled", "1"),
            ] {
                rserver.push((format!("{key}={value}"), SITE_CONTROLLER));
            }
            for line in [
                "[server]",
                "address=127.0.0.1",
                "port=5559",
                "server-user=rstudio-server",
                "admin-group=rstudio-server",
                "authorization-enabled=1",
                "thread-pool-size=4",
                "",
                "[cluster]",
                "name=Kubernetes",
                "type=Kubernetes",
            ] {
                launcher.push((line.to_string(), SITE_CONTROLLER));
            }
        }
    }
    // The Workbench controller overwrites the callback whatever the config says: to the Service
    // when sessions run in their own pods (always, from a Site), else to the pod itself.
    let off_host = site
        || spec
            .and_then(|s| s.get("offHostExecution"))
            .is_some_and(Node::truthy);
    let callback = if off_host {
        format!("http://{component}.{ns}.svc.cluster.local:80")
    } else {
        "http://localhost:8787".to_string()
    };
    rserver.retain(|(l, _)| !l.starts_with("launcher-sessions-callback-address="));
    rserver.push((
        format!("launcher-sessions-callback-address={callback}"),
        WORKBENCH_CONTROLLER,
    ));
    if let Some(t) = &auth_type {
        if t.str() == Some("oidc") {
            rserver.retain(|(l, _)| !l.starts_with("auth-openid"));
            rserver.push(("auth-openid=1".into(), t.origin.clone()));
            if let Some(issuer) = auth.and_then(|a| a.get("issuer")) {
                rserver.push((
                    format!("auth-openid-issuer={}", issuer.go_string()),
                    issuer.origin.clone(),
                ));
            }
        }
    }

    objects.services.push(Service {
        name: component.clone(),
        kind: "ClusterIP".into(),
        // Port 80 to the container's port named `http` (8787).
        ports: vec![(80, None)],
        tls_annotation: None,
        secure_sticky_cookie: Some(WORKBENCH_CONTROLLER),
        // `TraefikStickyServiceAnnotations` (internal/traefik.go), on every Workbench Service.
        traefik_sticky: Some("the operator's Traefik sticky-cookie annotations".into()),
        origin: doc.origin.clone(),
    });
    objects.routes.push(Route {
        what: format!("Ingress {component}"),
        hosts: host.into_iter().collect(),
        // The operator writes its Ingress with `TLS: nil` and a Traefik middleware that tells
        // Workbench it is reached over `https://`: TLS is Traefik's (its default certificate) or a
        // cloud load balancer's, which the Site does not show. So channel a stays "unknown".
        tls: Some("Traefik or a cloud load balancer in front of it; the operator writes no `tls` on its Ingress, and the resource names no certificate".into()),
        internet_facing: false,
        // The Ingress takes the Site's `ingressClass`; its stickiness is Traefik's, on the Service.
        affinity: objects::ingress_affinity(ingress_class.as_deref().or(Some("traefik")), &[]),
        origin: doc.origin.clone(),
    });
    objects.workloads.push(Workload {
        replicas: replicas.clone(),
        load_balancing_env: false,
        shared_storage_mount: true,
        probes: Vec::new(),
        xdg_config_dirs: None,
    });
    notes.push(format!(
        "team-operator {}: Workbench's config, its Service and its Ingress are the operator's own (posit-dev/team-operator c57bf8d3); the Launcher, its keys and the database are set by the operator",
        if site { "Site" } else { "Workbench" }
    ));
    let files = vec![
        OperatorFile {
            name: "rserver.conf",
            lines: rserver,
        },
        OperatorFile {
            name: "launcher.conf",
            lines: launcher,
        },
    ];
    Some((
        OperatorWorkbench {
            kind: if site { "Site" } else { "Workbench" },
            name,
            namespace,
            auth_type,
            replicas,
            origin: doc.origin.clone(),
        },
        files,
    ))
}

/// A typed config section of a Workbench resource as the operator writes it: `key=value` for each
/// scalar, and `[name]` sections for maps (launcher.conf's `server`, `cluster`).
fn ini_lines(conf: &Node, out: &mut Vec<(String, Origin)>) {
    let entries = conf.map().unwrap_or(&[]);
    for (key, value) in entries.iter().filter(|(_, v)| v.map().is_none()) {
        if !matches!(value.value, Value::Null | Value::Seq(_)) {
            out.push((format!("{key}={}", value.go_string()), value.origin.clone()));
        }
    }
    for (section, body) in entries.iter().filter(|(_, v)| v.map().is_some()) {
        out.push((format!("[{section}]"), body.origin.clone()));
        ini_lines(body, out);
    }
}
