use crate::facts::Facts;
use crate::input::kubernetes::objects::{Affinity, Route};
use crate::input::kubernetes::Kubernetes;
use crate::rules::kubernetes::{kube, location, pod_flag};
use crate::rules::{declare_rule, Applicability, ModelRule, Sink, Subject, Violation};

declare_rule! {
    /// ## What it checks
    /// On Kubernetes with several Workbench pods and sign-in by OpenID Connect or SAML
    /// (`auth-openid=1` or `auth-saml=1` in the rserver.conf made from the inputs), that the route
    /// browsers come through keeps each browser on one pod (session affinity):
    /// - ingress-nginx: `nginx.ingress.kubernetes.io/affinity: cookie`;
    /// - Traefik: `traefik.ingress.kubernetes.io/service.sticky.cookie: "true"` on the Workbench
    ///   Service, or `sticky.cookie` on an IngressRoute's service;
    /// - Contour: `loadBalancerPolicy: {strategy: Cookie}`;
    /// - the AWS Load Balancer Controller: `stickiness.enabled=true` in
    ///   `alb.ingress.kubernetes.io/target-group-attributes`;
    /// - Azure's Application Gateway: `appgw.ingress.kubernetes.io/cookie-based-affinity: "true"`;
    /// - HAProxy Ingress: `haproxy.org/cookie-persistence`.
    ///
    /// The controller is known from the Ingress's class or its annotations. When the inputs do not
    /// say which controller serves the route (no class: the cluster's default; a Gateway; GCE,
    /// whose affinity is in a BackendConfig), the rule stays silent.
    ///
    /// ## Why it breaks Workbench
    /// An OpenID Connect or SAML sign-in is a round trip: the pod that sends the browser to the
    /// identity provider keeps the state of that request, and the browser comes back with the
    /// answer. Without affinity the answer lands on another pod in turn, which knows nothing of the
    /// request, and the sign-in fails or loops back to the provider. Posit's own ingress examples
    /// for the chart mark cookie affinity "Required when replicas > 1".
    ///
    /// ## How to fix
    /// Add the affinity of your controller to the route, for ingress-nginx in the values:
    ///
    /// ```yaml
    /// ingress:
    ///   annotations:
    ///     nginx.ingress.kubernetes.io/affinity: cookie
    ///     nginx.ingress.kubernetes.io/affinity-mode: persistent
    /// ```
    ///
    /// ## References
    /// - rstudio/helm, `examples/workbench/ingress/` (cookie affinity for several replicas, per
    ///   controller).
    /// - Posit Workbench Admin Guide: Load Balancing ("sticky sessions"), OpenID Connect, SAML.
    /// - ingress-nginx annotations (`affinity`), Traefik's Kubernetes Ingress annotations
    ///   (`service.sticky.cookie`), Contour's HTTPProxy `loadBalancerPolicy`, AWS Load Balancer
    ///   Controller target group attributes.
    pub struct HelmLbOidcWithoutAffinity {
        name: "helm-lb-oidc-without-affinity",
        severity: Warning,
        channel: A,
        summary: "single sign-on behind several pods without session affinity: sign-ins land on another pod",
    }
}

/// How users sign in, when it is a round trip through an identity provider.
fn sign_in(facts: &Facts, k: &Kubernetes) -> Option<&'static str> {
    if pod_flag(facts, k, "auth-openid") {
        Some("OpenID Connect")
    } else if pod_flag(facts, k, "auth-saml") {
        Some("SAML")
    } else {
        None
    }
}

/// A route with no affinity of a controller that is known, unless something else makes it sticky.
fn unsticky<'a>(k: &'a Kubernetes) -> Option<(&'a Route, &'static str, &'static str)> {
    let traefik_service = k
        .objects
        .services
        .iter()
        .any(|s| s.traefik_sticky.is_some());
    let mut found = None;
    for route in &k.objects.routes {
        match &route.affinity {
            Affinity::Sticky(_) | Affinity::Unknown => return None,
            Affinity::Not { controller, .. } if *controller == "Traefik" && traefik_service => {
                return None
            }
            Affinity::Not { controller, how } => {
                found.get_or_insert((route, *controller, *how));
            }
        }
    }
    found
}

impl ModelRule for HelmLbOidcWithoutAffinity {
    fn applies(&self, facts: &Facts) -> Applicability {
        match kube(facts) {
            Some(k)
                if k.load_balanced()
                    && !k.objects.routes.is_empty()
                    && sign_in(facts, k).is_some() =>
            {
                Applicability::Applies
            }
            _ => Applicability::Skip,
        }
    }

    fn check(&self, facts: &Facts, out: &mut Sink) {
        let Some(k) = kube(facts) else { return };
        let (Some(sign_in), Some((route, controller, how))) = (sign_in(facts, k), unsticky(k))
        else {
            return;
        };
        out.report(
            Subject::At(location(k, &route.origin)),
            NoAffinity {
                route: &route.what,
                controller,
                how,
                sign_in,
                pods: k.replicas().map(|(n, _)| n).filter(|n| *n > 1),
                decided_by: route.origin.words(),
            },
        );
    }
}

struct NoAffinity<'a> {
    route: &'a str,
    controller: &'static str,
    how: &'static str,
    sign_in: &'static str,
    pods: Option<u32>,
    decided_by: String,
}

impl Violation for NoAffinity<'_> {
    type Level = Level;
    fn level(&self) -> Level {
        Level::Warning
    }
    fn message(&self) -> String {
        let pods = self
            .pods
            .map(|n| format!("{n} Workbench pods"))
            .unwrap_or_else(|| "several Workbench pods".into());
        format!(
            "Users sign in by {} to {pods}, but {} ({}) keeps no browser on one pod: the answer of the identity provider can land on a pod that did not send the request, so sign-ins fail or loop. (Decided by {}.)",
            self.sign_in, self.route, self.controller, self.decided_by
        )
    }
    fn help(&self) -> String {
        format!("Give {} session affinity: {}.", self.route, self.how)
    }
}
