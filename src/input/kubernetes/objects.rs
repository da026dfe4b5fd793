//! The Kubernetes objects that decide the channels: Services, Ingresses and the routes of other
//! controllers, the Workbench Deployment, and the ConfigMaps and Secrets that hold its files. Read
//! from rendered manifests (`helm template`, `kubectl get -o yaml`) and from what a values file makes.

use super::tree::{Node, Origin};

/// A Service in front of the Workbench pods.
#[derive(Clone, Debug)]
pub struct Service {
    pub name: String,
    /// ClusterIP, NodePort, LoadBalancer.
    pub kind: String,
    /// (port, the pod's port it forwards to; `None` for a named port).
    pub ports: Vec<(u32, Option<u32>)>,
    /// Annotations that make the cloud's load balancer terminate TLS (an AWS `ssl-cert`, ...).
    pub tls_annotation: Option<String>,
    /// Where Traefik's sticky cookie is made `Secure` (`service.sticky.cookie.secure: "true"`).
    pub secure_sticky_cookie: Option<Origin>,
    /// What makes Traefik keep a browser on one pod behind this Service (its
    /// `service.sticky.cookie` annotation), when something does.
    pub traefik_sticky: Option<String>,
    pub origin: Origin,
}

/// Traefik's annotation (v2 and v3) that makes its sticky-session cookie.
pub const TRAEFIK_STICKY: &str = "traefik.ingress.kubernetes.io/service.sticky.cookie";

/// What keeps a browser on one pod behind a route (session affinity).
#[derive(Clone, Debug, PartialEq)]
pub enum Affinity {
    /// The route is sticky, by what ("the annotation `nginx.ingress.kubernetes.io/affinity: cookie`").
    Sticky(String),
    /// The controller is known, and nothing of its own makes the route sticky: the controller,
    /// and what would. Traefik's stickiness is on the Service ([`Service::traefik_sticky`]).
    Not {
        controller: &'static str,
        how: &'static str,
    },
    /// Which controller serves the route (no class: the cluster's default; GCE's BackendConfig), or
    /// how it keeps affinity, is not in the inputs.
    Unknown,
}

/// Annotations that make an Ingress sticky, by controller: (annotation, value that does, or "" for any).
const STICKY_ANNOTATIONS: [(&str, &str); 5] = [
    ("nginx.ingress.kubernetes.io/affinity", "cookie"),
    (
        "alb.ingress.kubernetes.io/target-group-attributes",
        "stickiness.enabled=true",
    ),
    ("appgw.ingress.kubernetes.io/cookie-based-affinity", "true"),
    ("haproxy.org/cookie-persistence", ""),
    ("traefik.ingress.kubernetes.io/affinity", "true"),
];

/// The ingress controllers whose stickiness is known: (a word of the class or of its annotations'
/// prefix, the controller, what makes it sticky).
const CONTROLLERS: [(&str, &str, &str); 5] = [
    ("nginx", "ingress-nginx", "the annotations `nginx.ingress.kubernetes.io/affinity: cookie` and `nginx.ingress.kubernetes.io/affinity-mode: persistent`"),
    ("alb", "the AWS Load Balancer Controller", "the annotation `alb.ingress.kubernetes.io/target-group-attributes: stickiness.enabled=true,stickiness.lb_cookie.duration_seconds=86400` (with `alb.ingress.kubernetes.io/target-type: ip`)"),
    ("appgw", "the Application Gateway Ingress Controller", "the annotation `appgw.ingress.kubernetes.io/cookie-based-affinity: \"true\"`"),
    ("haproxy", "HAProxy Ingress", "the annotation `haproxy.org/cookie-persistence: \"wb-sticky\"`"),
    ("traefik", "Traefik", "the annotation `traefik.ingress.kubernetes.io/service.sticky.cookie: \"true\"` on the Workbench Service"),
];

/// An Ingress's affinity, from its class (`ingressClassName` or the old class annotation) and
/// annotations.
pub fn ingress_affinity(class: Option<&str>, annotations: &[(String, String)]) -> Affinity {
    for (key, wanted) in STICKY_ANNOTATIONS {
        if let Some((_, v)) = annotations.iter().find(|(k, _)| k == key) {
            if v.replace(' ', "").to_ascii_lowercase().contains(wanted) {
                return Affinity::Sticky(format!("the annotation `{key}: {v}`"));
            }
        }
    }
    let class = class
        .filter(|c| !c.trim().is_empty())
        .or_else(|| {
            annotations
                .iter()
                .find(|(k, _)| k == "kubernetes.io/ingress.class")
                .map(|(_, v)| v.as_str())
        })
        .filter(|c| !c.trim().is_empty())
        .map(str::to_ascii_lowercase);
    let by_class = |word: &str| match &class {
        Some(c) => c.contains(word) || (word == "appgw" && c.contains("application-gateway")),
        // Without a class, a controller's own annotations say which one serves the route.
        None => annotations.iter().any(|(k, _)| {
            k.split('/')
                .next()
                .is_some_and(|prefix| prefix.split('.').any(|part| part == word))
        }),
    };
    CONTROLLERS
        .iter()
        .find(|(word, _, _)| by_class(word))
        .map_or(Affinity::Unknown, |(_, controller, how)| Affinity::Not {
            controller,
            how,
        })
}

/// What makes Traefik sticky behind a Service: its `service.sticky.cookie` annotation.
fn traefik_sticky(holder: Option<&Node>) -> Option<String> {
    let node = holder?.get("annotations")?.get(TRAEFIK_STICKY)?;
    (node.go_string() == "true").then(|| format!("the annotation `{TRAEFIK_STICKY}: \"true\"`"))
}

/// Traefik's annotation (v2 and v3) that marks its sticky-session cookie `Secure`.
pub const TRAEFIK_SECURE_STICKY: &str =
    "traefik.ingress.kubernetes.io/service.sticky.cookie.secure";

/// Where the annotations under `holder` (an object's metadata, or the values' `service`) make
/// Traefik's sticky cookie `Secure`: that annotation's own line, else `whole` (a rendered object).
fn secure_sticky_cookie(holder: Option<&Node>, whole: &Origin) -> Option<Origin> {
    let node = holder?.get("annotations")?.get(TRAEFIK_SECURE_STICKY)?;
    (node.go_string() == "true").then(|| match &node.origin {
        o @ (Origin::File { .. } | Origin::Flag(_)) => o.clone(),
        _ => whole.clone(),
    })
}

/// Where channel a's TLS is decided on Kubernetes: an Ingress, a Contour HTTPProxy, a Traefik
/// IngressRoute, a Gateway API route or Gateway.
#[derive(Clone, Debug)]
pub struct Route {
    /// `Ingress workbench`, `HTTPProxy workbench`.
    pub what: String,
    pub hosts: Vec<String>,
    /// How TLS is served, when it is: "a `tls` section (secret posit-tls)", "the annotation
    /// alb.ingress.kubernetes.io/certificate-arn".
    pub tls: Option<String>,
    /// Whether the route is known to face the internet (an ALB's `scheme: internet-facing`).
    pub internet_facing: bool,
    pub affinity: Affinity,
    pub origin: Origin,
}

/// The Workbench Deployment or StatefulSet.
#[derive(Clone, Debug, Default)]
pub struct Workload {
    pub replicas: Option<(f64, Origin)>,
    pub load_balancing_env: bool,
    /// A volume mounted at /var/lib/rstudio-server (shared storage).
    pub shared_storage_mount: bool,
    /// Its containers' probes that are HTTP(S) GETs.
    pub probes: Vec<Probe>,
    /// The `XDG_CONFIG_DIRS` its containers are given, where it was written.
    pub xdg_config_dirs: Option<(String, Origin)>,
}

/// A container's readiness, liveness or startup probe, when it is an HTTP(S) GET.
#[derive(Clone, Debug)]
pub struct Probe {
    /// `readinessProbe`, `livenessProbe`, `startupProbe`.
    pub kind: &'static str,
    /// `httpGet.scheme` as written: Kubernetes' default is HTTP.
    pub scheme: Option<String>,
    /// `httpGet.port` as written: a number or a port's name.
    pub port: Option<String>,
    pub origin: Origin,
}

/// The kinds of probe a container has.
pub const PROBE_KINDS: [&str; 3] = ["readinessProbe", "livenessProbe", "startupProbe"];

/// A probe's HTTP GET, when it is one: the scheme written, where it was decided. `None` for a
/// probe that runs a command or opens a socket.
pub fn http_probe(kind: &'static str, probe: &Node) -> Option<Probe> {
    if ["exec", "tcpSocket", "grpc"]
        .iter()
        .any(|k| probe.get(k).is_some())
    {
        return None;
    }
    let get = probe.get("httpGet");
    Some(Probe {
        kind,
        scheme: get
            .and_then(|g| g.get("scheme"))
            .and_then(Node::str)
            .map(str::to_string),
        port: get.and_then(|g| g.get("port")).map(Node::go_string),
        origin: get
            .and_then(|g| g.get("scheme"))
            .or(get)
            .unwrap_or(probe)
            .origin
            .clone(),
    })
}

#[derive(Clone, Debug, Default)]
pub struct Objects {
    pub services: Vec<Service>,
    pub routes: Vec<Route>,
    pub workloads: Vec<Workload>,
    /// ConfigMap and Secret files: (object name, key, content, origin of the content's first line),
    /// Secret data already decoded.
    pub files: Vec<ObjectFile>,
    /// Things read but not decided (a SealedSecret's encrypted data).
    pub notes: Vec<String>,
}

#[derive(Clone, Debug)]
pub struct ObjectFile {
    pub object: String,
    /// ConfigMap or Secret.
    pub kind: &'static str,
    pub key: String,
    pub content: Vec<u8>,
    /// The line of the content's first line, when it is a block in the input.
    pub origin: Origin,
}

/// Annotations by which cloud load balancers and controllers serve TLS without a `tls` section.
const TLS_ANNOTATIONS: [&str; 7] = [
    "alb.ingress.kubernetes.io/certificate-arn",
    "service.beta.kubernetes.io/aws-load-balancer-ssl-cert",
    "networking.gke.io/managed-certificates",
    "ingress.gcp.kubernetes.io/pre-shared-cert",
    "appgw.ingress.kubernetes.io/appgw-ssl-certificate",
    "service.beta.kubernetes.io/azure-load-balancer-tls",
    "traefik.ingress.kubernetes.io/router.tls",
];

/// The `annotations` map of an object's metadata (or of the chart's values that become them).
fn annotations(meta: Option<&Node>) -> Vec<(String, String)> {
    meta.and_then(|m| m.get("annotations"))
        .and_then(Node::map)
        .unwrap_or(&[])
        .iter()
        .map(|(k, v)| (k.clone(), v.go_string()))
        .collect()
}

/// An Ingress's TLS: its `tls` list (`section_words` name it: the object's or the values' key), else
/// a controller's certificate annotation.
fn ingress_tls(
    holder: Option<&Node>,
    annotations: &[(String, String)],
    section_words: &str,
) -> Option<String> {
    let sections = holder
        .and_then(|h| h.get("tls"))
        .map(Node::seq)
        .unwrap_or(&[]);
    if sections.is_empty() {
        return tls_annotation(annotations);
    }
    let secret = sections
        .iter()
        .find_map(|t| t.get("secretName").and_then(Node::str))
        .map(|s| format!(" (secret {s})"))
        .unwrap_or_default();
    Some(format!("{section_words}{secret}"))
}

fn tls_annotation(annotations: &[(String, String)]) -> Option<String> {
    annotations
        .iter()
        .find(|(k, v)| TLS_ANNOTATIONS.contains(&k.as_str()) && !v.is_empty() && v != "false")
        .map(|(k, _)| format!("the annotation `{k}`"))
}

fn internet_facing(annotations: &[(String, String)]) -> bool {
    annotations
        .iter()
        .any(|(k, v)| k == "alb.ingress.kubernetes.io/scheme" && v == "internet-facing")
}

/// Whether every backend a route names is another Posit product's (Connect, Package Manager): such
/// routes are not Workbench's channel a.
fn other_products_only(backends: &[String]) -> bool {
    !backends.is_empty()
        && backends.iter().all(|b| {
            let b = b.to_ascii_lowercase();
            [
                "connect",
                "package-manager",
                "packman",
                "rspm",
                "ppm",
                "rstudio-pm",
            ]
            .iter()
            .any(|p| b.contains(p))
                && !b.contains("workbench")
        })
}

fn name_of(doc: &Node) -> String {
    doc.at(&["metadata", "name"])
        .map(Node::go_string)
        .unwrap_or_else(|| "(no name)".into())
}

/// Reads one object (a document of a manifest, or an item of a `List`).
pub fn read_object(doc: &Node, objects: &mut Objects) {
    let kind = doc.get("kind").and_then(Node::str).unwrap_or("");
    let meta = doc.get("metadata");
    let name = name_of(doc);
    let spec = doc.get("spec");
    match kind {
        "List" => {
            for item in doc.get("items").map(Node::seq).unwrap_or(&[]) {
                read_object(item, objects);
            }
        }
        "Service" => {
            let spec_kind = spec
                .and_then(|s| s.get("type"))
                .and_then(Node::str)
                .unwrap_or("ClusterIP");
            let ports = spec
                .and_then(|s| s.get("ports"))
                .map(Node::seq)
                .unwrap_or(&[])
                .iter()
                .filter_map(|p| {
                    let port = p.get("port").and_then(Node::number)? as u32;
                    let target = match p.get("targetPort") {
                        None => Some(port),
                        Some(t) => t.number().map(|t| t as u32),
                    };
                    Some((port, target))
                })
                .collect();
            objects.services.push(Service {
                name,
                kind: spec_kind.to_string(),
                ports,
                tls_annotation: tls_annotation(&annotations(meta)),
                secure_sticky_cookie: secure_sticky_cookie(meta, &doc.origin),
                traefik_sticky: traefik_sticky(meta),
                origin: doc.origin.clone(),
            });
        }
        "Ingress" => {
            let annotations = annotations(meta);
            let tls = ingress_tls(spec, &annotations, "a `tls` section");
            let rules = spec.and_then(|s| s.get("rules")).map(Node::seq).unwrap_or(&[]);
            let hosts = rules
                .iter()
                .filter_map(|r| r.get("host").and_then(Node::str).map(str::to_string))
                .collect();
            let backends: Vec<String> = rules
                .iter()
                .flat_map(|r| r.at(&["http", "paths"]).map(Node::seq).unwrap_or(&[]))
                .filter_map(|p| p.at(&["backend", "service", "name"]).map(Node::go_string))
                .collect();
            if other_products_only(&backends) {
                return;
            }
            objects.routes.push(Route {
                what: format!("Ingress {name}"),
                hosts,
                tls,
                internet_facing: internet_facing(&annotations),
                affinity: ingress_affinity(
                    spec.and_then(|s| s.get("ingressClassName")).and_then(Node::str),
                    &annotations,
                ),
                origin: doc.origin.clone(),
            });
        }
        "HTTPProxy" => {
            let vhost = spec.and_then(|s| s.get("virtualhost"));
            let tls = vhost
                .and_then(|v| v.get("tls"))
                .filter(|t| t.truthy())
                .map(|_| "the virtual host's `tls`".to_string());
            objects.routes.push(Route {
                what: format!("HTTPProxy {name}"),
                hosts: vhost
                    .and_then(|v| v.get("fqdn"))
                    .and_then(Node::str)
                    .map(|h| vec![h.to_string()])
                    .unwrap_or_default(),
                tls,
                internet_facing: false,
                affinity: if spec
                    .and_then(|s| s.get("routes"))
                    .map(Node::seq)
                    .unwrap_or(&[])
                    .iter()
                    .any(|r| {
                        r.at(&["loadBalancerPolicy", "strategy"]).and_then(Node::str)
                            == Some("Cookie")
                    }) {
                    Affinity::Sticky("`loadBalancerPolicy: {strategy: Cookie}`".into())
                } else {
                    Affinity::Not {
                        controller: "Contour",
                        how: "`loadBalancerPolicy: {strategy: Cookie}` on the HTTPProxy's route",
                    }
                },
                origin: doc.origin.clone(),
            });
        }
        "IngressRoute" => {
            let tls = spec
                .and_then(|s| s.get("tls"))
                .map(|_| "a `tls` section".to_string())
                .or_else(|| {
                    let entry_points = spec
                        .and_then(|s| s.get("entryPoints"))
                        .map(Node::seq)
                        .unwrap_or(&[]);
                    entry_points
                        .iter()
                        .any(|e| e.str() == Some("websecure"))
                        .then(|| "the `websecure` entry point".to_string())
                });
            let services: Vec<&Node> = spec
                .and_then(|s| s.get("routes"))
                .map(Node::seq)
                .unwrap_or(&[])
                .iter()
                .flat_map(|r| r.get("services").map(Node::seq).unwrap_or(&[]))
                .collect();
            let backends: Vec<String> = services
                .iter()
                .filter_map(|s| s.get("name").map(Node::go_string))
                .collect();
            if other_products_only(&backends) {
                return;
            }
            objects.routes.push(Route {
                what: format!("IngressRoute {name}"),
                hosts: Vec::new(),
                tls,
                internet_facing: false,
                affinity: if services.iter().any(|s| s.at(&["sticky", "cookie"]).is_some()) {
                    Affinity::Sticky("`sticky.cookie` on the IngressRoute's service".into())
                } else {
                    Affinity::Not {
                        controller: "Traefik",
                        how: "`sticky: {cookie: {}}` on the IngressRoute's Workbench service",
                    }
                },
                origin: doc.origin.clone(),
            });
        }
        "Gateway" => {
            let listeners = spec.and_then(|s| s.get("listeners")).map(Node::seq).unwrap_or(&[]);
            let tls = listeners
                .iter()
                .any(|l| matches!(l.get("protocol").and_then(Node::str), Some("HTTPS" | "TLS")))
                .then(|| "an HTTPS listener".to_string());
            objects.routes.push(Route {
                what: format!("Gateway {name}"),
                hosts: listeners
                    .iter()
                    .filter_map(|l| l.get("hostname").and_then(Node::str).map(str::to_string))
                    .collect(),
                tls,
                internet_facing: false,
                affinity: Affinity::Unknown,
                origin: doc.origin.clone(),
            });
        }
        "Deployment" | "StatefulSet" => {
            let pod = spec.and_then(|s| s.at(&["template", "spec"]));
            let containers = pod.and_then(|p| p.get("containers")).map(Node::seq).unwrap_or(&[]);
            let env: Vec<(&str, String)> = containers
                .iter()
                .flat_map(|c| c.get("env").map(Node::seq).unwrap_or(&[]))
                .filter_map(|e| {
                    Some((
                        e.get("name")?.str()?,
                        e.get("value").map(Node::go_string).unwrap_or_default(),
                    ))
                })
                .collect();
            // Only Workbench's own workload: its env or its image says so.
            let workbench = env
                .iter()
                .any(|(k, _)| k.starts_with("RSW_") || *k == "XDG_CONFIG_DIRS")
                || containers.iter().any(|c| {
                    c.get("image")
                        .and_then(Node::str)
                        .is_some_and(|i| i.contains("workbench") || i.contains("rstudio-server"))
                });
            if !workbench {
                return;
            }
            let mounts = containers
                .iter()
                .flat_map(|c| c.get("volumeMounts").map(Node::seq).unwrap_or(&[]));
            objects.workloads.push(Workload {
                replicas: spec
                    .and_then(|s| s.get("replicas"))
                    .and_then(|r| Some((r.number()?, r.origin.clone()))),
                load_balancing_env: env.iter().any(|(k, _)| *k == "RSW_LOAD_BALANCING"),
                shared_storage_mount: mounts.clone().any(|m| {
                    m.get("mountPath")
                        .and_then(Node::str)
                        .is_some_and(|p| p.trim_end_matches('/') == "/var/lib/rstudio-server")
                }),
                xdg_config_dirs: containers
                    .iter()
                    .flat_map(|c| c.get("env").map(Node::seq).unwrap_or(&[]))
                    .find(|e| e.get("name").and_then(Node::str) == Some("XDG_CONFIG_DIRS"))
                    .and_then(|e| e.get("value"))
                    .map(|v| (v.go_string(), v.origin.clone())),
                probes: containers
                    .iter()
                    .flat_map(|c| {
                        PROBE_KINDS
                            .iter()
                            .filter_map(|kind| http_probe(kind, c.get(kind)?))
                    })
                    .collect(),
            });
        }
        "ConfigMap" | "Secret" => {
            let (kind, encoded) = if kind == "Secret" {
                ("Secret", true)
            } else {
                ("ConfigMap", false)
            };
            for (field, base64) in [("data", encoded), ("stringData", false)] {
                for (key, value) in doc.get(field).and_then(Node::map).unwrap_or(&[]) {
                    let text = value.go_string();
                    let content = if base64 {
                        match decode_base64(&text) {
                            Some(bytes) => bytes,
                            None => {
                                objects.notes.push(format!(
                                    "{kind} {name}: `{key}` is not valid base64, so it was not read"
                                ));
                                continue;
                            }
                        }
                    } else {
                        text.into_bytes()
                    };
                    // A block scalar's text starts on the line after its key.
                    let origin = match &value.origin {
                        Origin::File { name, line } if !base64 => Origin::File {
                            name: name.clone(),
                            line: line + 1,
                        },
                        other => other.clone(),
                    };
                    objects.files.push(ObjectFile {
                        object: name.clone(),
                        kind,
                        key: key.clone(),
                        content,
                        origin,
                    });
                }
            }
        }
        "SealedSecret" => objects.notes.push(format!(
            "SealedSecret {name}: its data is encrypted for the cluster's controller, so it was not read"
        )),
        _ => {}
    }
}

/// Standard base64 (Kubernetes Secret data), blanks ignored; `None` on anything that is not base64.
pub fn decode_base64(text: &str) -> Option<Vec<u8>> {
    use base64ct::Encoding;
    let compact: String = text.chars().filter(|c| !c.is_ascii_whitespace()).collect();
    base64ct::Base64::decode_vec(&compact).ok()
}

/// A Value from the values' `ingress` map, as the chart's `ingress.yaml` renders it.
pub fn ingress_from_values(values: &Node, fullname: &str) -> Option<Route> {
    let ingress = values.get("ingress")?;
    if !ingress.get("enabled").is_some_and(Node::truthy) {
        return None;
    }
    // The chart's template copies `ingress.annotations` and `ingress.tls` onto the Ingress as they are.
    let annotations = annotations(Some(ingress));
    let tls = ingress_tls(Some(ingress), &annotations, "`ingress.tls`");
    let hosts = ingress
        .get("hosts")
        .map(Node::seq)
        .unwrap_or(&[])
        .iter()
        .filter_map(|h| h.get("host").and_then(Node::str).map(str::to_string))
        .collect();
    Some(Route {
        what: format!("Ingress {fullname}"),
        hosts,
        tls,
        internet_facing: internet_facing(&annotations),
        affinity: ingress_affinity(
            ingress
                .get("ingressClassName")
                .or_else(|| ingress.get("className"))
                .or_else(|| ingress.get("class"))
                .and_then(Node::str),
            &annotations,
        ),
        origin: ingress
            .get("enabled")
            .map(|e| e.origin.clone())
            .unwrap_or_else(|| ingress.origin.clone()),
    })
}

/// The Service the chart renders from the values' `service` map.
pub fn service_from_values(values: &Node, fullname: &str) -> Service {
    let service = values.get("service");
    let kind_node = service.and_then(|s| s.get("type"));
    Service {
        name: fullname.to_string(),
        kind: kind_node
            .and_then(Node::str)
            .unwrap_or("ClusterIP")
            .to_string(),
        // `service.targetPort` since 0.8.13; before, the template wrote 8787.
        ports: service
            .and_then(|s| s.get("port"))
            .and_then(Node::number)
            .map(|p| {
                let target = service
                    .and_then(|s| s.get("targetPort"))
                    .and_then(Node::number)
                    .unwrap_or(8787.0);
                vec![(p as u32, Some(target as u32))]
            })
            .unwrap_or_default(),
        tls_annotation: tls_annotation(&annotations(service)),
        secure_sticky_cookie: secure_sticky_cookie(
            service,
            &Origin::Injected("the chart's Service template"),
        ),
        traefik_sticky: traefik_sticky(service),
        origin: kind_node
            .map(|k| k.origin.clone())
            .unwrap_or(Origin::Injected("the chart's Service template")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_ingress_controller_and_its_affinity_are_told_by_class_or_annotations() {
        let ann = |pairs: &[(&str, &str)]| -> Vec<(String, String)> {
            pairs
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect()
        };
        let controller = |a: Affinity| match a {
            Affinity::Not { controller, .. } => controller,
            Affinity::Sticky(_) => "sticky",
            Affinity::Unknown => "unknown",
        };
        // The class decides; without one, a controller's own annotations.
        assert_eq!(
            controller(ingress_affinity(Some("nginx"), &[])),
            "ingress-nginx"
        );
        assert_eq!(
            controller(ingress_affinity(
                Some(""),
                &ann(&[("nginx.ingress.kubernetes.io/proxy-body-size", "0")])
            )),
            "ingress-nginx"
        );
        assert_eq!(
            controller(ingress_affinity(Some("azure/application-gateway"), &[])),
            "the Application Gateway Ingress Controller"
        );
        assert_eq!(
            controller(ingress_affinity(
                None,
                &ann(&[("kubernetes.io/ingress.class", "alb")])
            )),
            "the AWS Load Balancer Controller"
        );
        // GCE keeps affinity in a BackendConfig, and no class is the cluster's default: not known.
        assert_eq!(controller(ingress_affinity(Some("gce"), &[])), "unknown");
        assert_eq!(controller(ingress_affinity(None, &[])), "unknown");
        // `ingress.kubernetes.io/...` is nobody's prefix word: still unknown.
        assert_eq!(
            controller(ingress_affinity(
                None,
                &ann(&[("ingress.kubernetes.io/ssl-redirect", "true")])
            )),
            "unknown"
        );
        // The sticky annotations, with their values as controllers read them.
        assert_eq!(
            controller(ingress_affinity(
                Some("alb"),
                &ann(&[(
                    "alb.ingress.kubernetes.io/target-group-attributes",
                    "stickiness.enabled=true, stickiness.lb_cookie.duration_seconds=3600"
                )])
            )),
            "sticky"
        );
        assert_eq!(
            controller(ingress_affinity(
                Some("alb"),
                &ann(&[(
                    "alb.ingress.kubernetes.io/target-group-attributes",
                    "stickiness.enabled=false"
                )])
            )),
            "the AWS Load Balancer Controller"
        );
        assert_eq!(
            controller(ingress_affinity(
                Some("nginx"),
                &ann(&[("nginx.ingress.kubernetes.io/affinity", "cookie")])
            )),
            "sticky"
        );
    }

    #[test]
    fn base64_decodes_and_refuses_garbage() {
        assert_eq!(
            decode_base64("cnNlcnZlcg==").as_deref(),
            Some(&b"rserver"[..])
        );
        assert_eq!(decode_base64("YQ==\n").as_deref(), Some(&b"a"[..]));
        assert_eq!(decode_base64("not base64!"), None);
    }
}
