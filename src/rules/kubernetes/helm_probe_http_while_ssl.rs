use crate::facts::Facts;
use crate::input::kubernetes::objects::{http_probe, Probe, PROBE_KINDS};
use crate::input::kubernetes::tree::Origin;
use crate::input::kubernetes::Kubernetes;
use crate::rules::kubernetes::{kube, location};
use crate::rules::{declare_rule, Applicability, ModelRule, Sink, Subject, Violation};

declare_rule! {
    /// ## What it checks
    /// On Kubernetes, when rserver serves HTTPS in the pod (`ssl-enabled=1` in the rserver.conf made
    /// from the values or the ConfigMap), every probe of the Workbench container that is an HTTP GET
    /// on rserver's port says `scheme: HTTPS`. The chart's `readinessProbe` (on by default),
    /// `livenessProbe` and `startupProbe` GET `/health-check` on port 8787 with Kubernetes' default
    /// scheme, HTTP. Probes that run a command or open a socket are not judged.
    ///
    /// ## Why it breaks Workbench
    /// An HTTP request to a port that speaks TLS gets no HTTP answer, so the probe fails every time:
    /// a failing readiness probe keeps the pod out of its Service (users and sessions get no
    /// endpoint: 503 at the Ingress), a failing liveness or startup probe restarts the container over
    /// and over. `ssl-enabled=1` in the pod also needs the callback, the Ingress's backend protocol
    /// and the certificate's volume to follow; the other findings say which.
    ///
    /// ## How to fix
    /// Either keep TLS at the Ingress and leave `ssl-enabled` off in the pod (the chart's own way),
    /// or probe with HTTPS:
    ///
    /// ```yaml
    /// readinessProbe:
    ///   httpGet:
    ///     scheme: HTTPS
    /// ```
    ///
    /// (`--set readinessProbe.httpGet.scheme=HTTPS`; the same for `livenessProbe` and `startupProbe`
    /// when they are enabled). Kubernetes does not verify the certificate of an HTTPS probe.
    ///
    /// ## References
    /// - rstudio/helm, charts/rstudio-workbench/values.yaml (`readinessProbe`, `livenessProbe`,
    ///   `startupProbe`) and templates/deployment.yaml.
    /// - Kubernetes documentation: "Configure Liveness, Readiness and Startup Probes" (`httpGet`,
    ///   `scheme`).
    pub struct HelmProbeHttpWhileSsl {
        name: "helm-probe-http-while-ssl",
        severity: Error,
        channel: A,
        summary: "a probe speaks HTTP to rserver's HTTPS port, so the pod never becomes ready",
    }
}

/// rserver's port and whether it serves TLS, for the rserver.conf made from the inputs.
fn pod_tls(facts: &Facts, k: &Kubernetes) -> Option<u16> {
    facts.deployments().find_map(|d| {
        let made = d.rserver_file().is_some_and(|f| k.made(&f.name));
        let r = d.rserver()?;
        (made && r.flag("ssl-enabled")).then(|| crate::facts::settings::effective_www_port(&r).0)
    })
}

/// The Workbench container's HTTP probes: from the values (the enabled ones, with the chart's
/// defaults under them), else from the rendered workload.
fn probes(k: &Kubernetes) -> Vec<Probe> {
    match &k.values {
        Some(v) => PROBE_KINDS
            .iter()
            .filter_map(|kind| {
                let probe = v.get(kind)?;
                let enabled = probe.get("enabled").filter(|e| e.truthy())?;
                let mut found = http_probe(kind, probe)?;
                // The chart's GET, switched on by the user: the user's line is the one to show.
                if matches!(found.origin, Origin::ChartDefault(_)) {
                    found.origin = enabled.origin.clone();
                }
                Some(found)
            })
            .collect(),
        None => k
            .objects
            .workloads
            .iter()
            .flat_map(|w| w.probes.iter().cloned())
            .collect(),
    }
}

impl ModelRule for HelmProbeHttpWhileSsl {
    fn applies(&self, facts: &Facts) -> Applicability {
        match kube(facts) {
            Some(k) if pod_tls(facts, k).is_some() => Applicability::Applies,
            _ => Applicability::Skip,
        }
    }

    fn check(&self, facts: &Facts, out: &mut Sink) {
        let Some(k) = kube(facts) else { return };
        let Some(port) = pod_tls(facts, k) else {
            return;
        };
        for probe in probes(k) {
            let https = probe
                .scheme
                .as_deref()
                .is_some_and(|s| s.eq_ignore_ascii_case("https"));
            // A numbered port other than rserver's is another container's (a sidecar's).
            let other_port = probe
                .port
                .as_deref()
                .and_then(|p| p.parse::<u16>().ok())
                .is_some_and(|p| p != port);
            if https || other_port {
                continue;
            }
            out.report(
                Subject::At(location(k, &probe.origin)),
                HttpProbe {
                    port,
                    decided_by: probe.origin.words(),
                    probe,
                },
            );
        }
    }
}

struct HttpProbe {
    probe: Probe,
    port: u16,
    decided_by: String,
}

impl Violation for HttpProbe {
    type Level = Level;
    fn level(&self) -> Level {
        Level::Error
    }
    fn message(&self) -> String {
        let kind = self.probe.kind;
        let effect = if kind == "readinessProbe" {
            "the pod never becomes ready, so the Service sends users and sessions nowhere"
        } else {
            "it fails every time, so Kubernetes restarts the container over and over"
        };
        format!(
            "The `{kind}` sends plain HTTP to port {}, where rserver serves HTTPS (`ssl-enabled=1`): {effect}. (Decided by {}.)",
            self.port, self.decided_by
        )
    }
    fn help(&self) -> String {
        let kind = self.probe.kind;
        format!(
            "Set `{kind}.httpGet.scheme: HTTPS` in your values file (`--set {kind}.httpGet.scheme=HTTPS`), or keep TLS at the Ingress and turn `ssl-enabled` off in the pod."
        )
    }
}
