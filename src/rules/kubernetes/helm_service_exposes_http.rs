use crate::facts::Facts;
use crate::input::kubernetes::chart::Version;
use crate::input::kubernetes::objects::Service;
use crate::input::kubernetes::tree::Origin;
use crate::rules::kubernetes::{kube, location, tls_in_pod};
use crate::rules::{declare_rule, Applicability, ModelRule, Sink, Subject, Violation};

declare_rule! {
    /// ## What it checks
    /// On Kubernetes, the Workbench Service is not a `NodePort` or `LoadBalancer` that serves plain
    /// HTTP: rserver serves HTTP in the pod (no `ssl-enabled=1`) and the Service has no certificate
    /// annotation of the cloud's load balancer (AWS `aws-load-balancer-ssl-cert`, Azure's TLS
    /// annotation). An error for a `LoadBalancer` (an address on the network, often the internet); a
    /// warning for a `NodePort` (a port on every node). Before chart 0.7.0 the chart's default
    /// Service type was `NodePort`, so a values file that says nothing gets this finding on those
    /// versions: the finding names the version.
    ///
    /// ## Why it breaks Workbench
    /// Whatever the Ingress does, the Service is another way in, straight to rserver's plain HTTP:
    /// passwords and session cookies cross the network in clear there.
    ///
    /// ## How to fix
    /// Keep the Service inside the cluster and let users in through a route with TLS:
    ///
    /// ```yaml
    /// service:
    ///   type: ClusterIP
    /// ingress:
    ///   enabled: true
    ///   tls: [...]
    /// ```
    ///
    /// or give the load balancer a certificate with your cloud's annotation.
    ///
    /// ## References
    /// - rstudio/helm, charts/rstudio-workbench/values.yaml (`service.type`); NEWS.md 0.7.0 ("the
    ///   default service type is now ClusterIP").
    /// - Kubernetes documentation: Service, "Publishing Services (ServiceTypes)".
    pub struct HelmServiceExposesHttp {
        name: "helm-service-exposes-http",
        severity: Error | Warning,
        severity_when: "warning for a NodePort, error for a LoadBalancer",
        channel: A,
        summary: "a NodePort or LoadBalancer Service exposes Workbench's plain HTTP",
    }
}

impl ModelRule for HelmServiceExposesHttp {
    fn applies(&self, facts: &Facts) -> Applicability {
        match kube(facts) {
            Some(k) if !k.objects.services.is_empty() => Applicability::Applies,
            _ => Applicability::Skip,
        }
    }

    fn check(&self, facts: &Facts, out: &mut Sink) {
        let Some(k) = kube(facts) else { return };
        if tls_in_pod(facts, k) {
            return;
        }
        for service in &k.objects.services {
            if matches!(service.kind.as_str(), "NodePort" | "LoadBalancer")
                && service.tls_annotation.is_none()
            {
                out.report(
                    Subject::At(location(k, &service.origin)),
                    Exposed {
                        service,
                        chart: k.chart(),
                        from_values: k.values.is_some(),
                    },
                );
            }
        }
    }
}

struct Exposed<'a> {
    service: &'a Service,
    chart: Option<Version>,
    from_values: bool,
}

impl Violation for Exposed<'_> {
    type Level = Level;
    fn level(&self) -> Level {
        if self.service.kind == "LoadBalancer" {
            Level::Error
        } else {
            Level::Warning
        }
    }
    fn message(&self) -> String {
        let decided = match (&self.service.origin, self.chart) {
            (Origin::ChartDefault(v), Some(chart)) => format!(
                "the chart's default `service.type` at {v}, which is NodePort on every chart before 0.7.0 (chart {chart} assumed)"
            ),
            (origin, _) => origin.words(),
        };
        let reach = if self.service.kind == "LoadBalancer" {
            "an address the cloud's load balancer opens on the network"
        } else {
            "a port on every node of the cluster"
        };
        format!(
            "The Service {} is a {} ({reach}) and rserver serves plain HTTP behind it: passwords and session cookies cross the network in clear there, whatever the Ingress does. (Decided by {decided}.)",
            self.service.name, self.service.kind
        )
    }
    fn help(&self) -> String {
        if self.from_values {
            "In your values file, keep the Service inside the cluster and let users in through a route with TLS: `service: {type: ClusterIP}` (or `--set service.type=ClusterIP`), with `ingress.enabled: true` and `ingress.tls`; or give the load balancer a certificate with your cloud's annotation (AWS: `service.beta.kubernetes.io/aws-load-balancer-ssl-cert`).".to_string()
        } else {
            format!("Make the Service {} a ClusterIP where you write it, and let users in through a route with TLS; or give the load balancer a certificate with your cloud's annotation.", self.service.name)
        }
    }
}
