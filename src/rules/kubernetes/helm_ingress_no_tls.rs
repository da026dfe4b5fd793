use crate::facts::Facts;
use crate::input::kubernetes::objects::Route;
use crate::rules::kubernetes::{kube, location};
use crate::rules::{declare_rule, Applicability, ModelRule, Sink, Subject, Violation};

declare_rule! {
    /// ## What it checks
    /// On Kubernetes, each route users take to Workbench serves TLS: an Ingress has a `tls` section
    /// (or a controller's certificate annotation: an AWS ALB `certificate-arn`, a GKE managed
    /// certificate, an Azure Application Gateway certificate, Traefik's `router.tls`); a Contour
    /// `HTTPProxy` has `virtualhost.tls`; a Traefik `IngressRoute` has `tls` or the `websecure` entry
    /// point; a Gateway has an HTTPS listener. It reads the chart's `ingress` values, `extraObjects`
    /// and rendered objects. A route without TLS is silent when another route serves TLS for the same
    /// host, and routes to another Posit product only (Connect, Package Manager) are not judged. An
    /// error when the route is known to face the internet (an AWS ALB with `scheme: internet-facing`).
    ///
    /// ## Why it breaks Workbench
    /// The chart runs rserver on plain HTTP behind the route: the route is the only place TLS can be.
    /// Without it, passwords and session cookies cross the network in clear, and Workbench's sign-in
    /// cookies (marked for HTTPS by `auth-cookies-force-secure` or SameSite settings) may not be sent
    /// at all. TLS can still end earlier, at a cloud load balancer in front of the ingress controller,
    /// which the inputs do not show: the finding says so.
    ///
    /// ## How to fix
    /// Give the Ingress a certificate, in the values:
    ///
    /// ```yaml
    /// ingress:
    ///   tls:
    ///     - secretName: workbench-tls    # a kubernetes.io/tls Secret, or one cert-manager makes
    ///       hosts:
    ///         - workbench.example.com
    /// ```
    ///
    /// or with the certificate annotation of your controller. For routes you write yourself, add the
    /// `tls` section there.
    ///
    /// ## References
    /// - rstudio/helm, charts/rstudio-workbench/values.yaml (`ingress.tls`) and examples/workbench/ingress/.
    /// - Kubernetes documentation: Ingress, "TLS".
    pub struct HelmIngressNoTls {
        name: "helm-ingress-no-tls",
        severity: Warning | Error,
        severity_when: "error when the route is known to face the internet (an AWS ALB's `scheme: internet-facing`)",
        channel: A,
        summary: "a Kubernetes route to Workbench serves plain HTTP",
    }
}

impl ModelRule for HelmIngressNoTls {
    fn applies(&self, facts: &Facts) -> Applicability {
        match kube(facts) {
            Some(k) if !k.objects.routes.is_empty() => Applicability::Applies,
            _ => Applicability::Skip,
        }
    }

    fn check(&self, facts: &Facts, out: &mut Sink) {
        let Some(k) = kube(facts) else { return };
        let routes = &k.objects.routes;
        for route in routes.iter().filter(|r| r.tls.is_none()) {
            let covered = routes.iter().any(|other| {
                other.tls.is_some()
                    && (route.hosts.is_empty()
                        || route.hosts.iter().any(|h| other.hosts.contains(h)))
            });
            if !covered {
                out.report(
                    Subject::At(location(k, &route.origin)),
                    NoTls {
                        route,
                        from_values: k.values.is_some() && route.what.starts_with("Ingress"),
                    },
                );
            }
        }
    }
}

struct NoTls<'a> {
    route: &'a Route,
    from_values: bool,
}

impl Violation for NoTls<'_> {
    type Level = Level;
    fn level(&self) -> Level {
        if self.route.internet_facing {
            Level::Error
        } else {
            Level::Warning
        }
    }
    fn message(&self) -> String {
        let hosts = if self.route.hosts.is_empty() {
            String::new()
        } else {
            format!(" for {}", self.route.hosts.join(", "))
        };
        let facing = if self.route.internet_facing {
            " to the internet"
        } else {
            ""
        };
        format!(
            "{}{hosts} serves plain HTTP{facing}: it has no TLS (no `tls` section, no certificate annotation), so passwords and session cookies cross the network in clear, unless TLS ends at a load balancer in front of it that the inputs do not show. (Decided by {}.)",
            self.route.what,
            self.route.origin.words()
        )
    }
    fn help(&self) -> String {
        let host = self
            .route
            .hosts
            .first()
            .map(String::as_str)
            .unwrap_or("workbench.example.com");
        if self.from_values {
            format!("In your values file, give the Ingress a certificate (a `kubernetes.io/tls` Secret, or one cert-manager makes): `ingress: {{tls: [{{secretName: workbench-tls, hosts: [{host}]}}]}}`; or use your ingress controller's certificate annotation.")
        } else {
            format!("Add TLS to {} where you write it (a `tls` section with a `kubernetes.io/tls` Secret for {host}, or your controller's certificate annotation).", self.route.what)
        }
    }
}
