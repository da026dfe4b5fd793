use crate::facts::Facts;
use crate::input::kubernetes::objects::{Route, Service, TRAEFIK_SECURE_STICKY};
use crate::rules::kubernetes::{kube, location};
use crate::rules::{declare_rule, Applicability, ModelRule, Sink, Subject, Violation};

declare_rule! {
    /// ## What it checks
    /// With more than one Workbench pod, a Service annotated for Traefik's sticky sessions with a
    /// `Secure` cookie (`traefik.ingress.kubernetes.io/service.sticky.cookie.secure: "true"`), while
    /// browsers reach Workbench over plain HTTP: every Ingress or route to it lacks TLS, or, with no
    /// route, the Service itself is a NodePort or LoadBalancer without a certificate annotation. From
    /// the values (`service.annotations`) or a rendered Service.
    ///
    /// ## Why it breaks Workbench
    /// Browsers keep a `Secure` cookie only from an HTTPS page, and send it only over HTTPS. Over
    /// plain HTTP, Traefik's sticky cookie is dropped, so each request of a user may go to another
    /// pod: sticky sessions silently do nothing. Posit's ingress examples ask for cookie affinity
    /// when there are several pods, and sign-in with OpenID Connect or SAML keeps its state on the
    /// pod that started it: users are sent back to sign in, or see the sign-in fail now and then.
    ///
    /// ## How to fix
    /// Serve Workbench over HTTPS (the better fix, which also protects passwords and session
    /// cookies):
    ///
    /// ```yaml
    /// ingress:
    ///   tls:
    ///     - secretName: workbench-tls
    ///       hosts: [workbench.example.com]
    /// ```
    ///
    /// Or, while it stays on HTTP, drop the `Secure` flag (`service.sticky.cookie.secure: "false"`).
    ///
    /// ## References
    /// - Traefik docs, Kubernetes Ingress provider, annotations on Services:
    ///   `traefik.ingress.kubernetes.io/service.sticky.cookie.secure`.
    /// - MDN, Set-Cookie, `Secure`: "Insecure sites (http:) can't set cookies with the Secure
    ///   attribute".
    /// - rstudio/helm, examples of ingress with several replicas (cookie affinity "Required when
    ///   replicas > 1").
    pub struct HelmSecureStickyCookieOverHttp {
        name: "helm-secure-sticky-cookie-over-http",
        severity: Warning,
        channel: A,
        summary: "Traefik's sticky cookie is Secure while browsers reach Workbench over plain HTTP, so it is dropped",
    }
}

impl ModelRule for HelmSecureStickyCookieOverHttp {
    fn applies(&self, facts: &Facts) -> Applicability {
        match kube(facts) {
            Some(k)
                if k.load_balanced()
                    && k.objects
                        .services
                        .iter()
                        .any(|s| s.secure_sticky_cookie.is_some()) =>
            {
                Applicability::Applies
            }
            _ => Applicability::Skip,
        }
    }

    fn check(&self, facts: &Facts, out: &mut Sink) {
        let Some(k) = kube(facts) else { return };
        let routes = &k.objects.routes;
        for service in &k.objects.services {
            let Some(origin) = &service.secure_sticky_cookie else {
                continue;
            };
            let plain = if routes.is_empty() {
                matches!(service.kind.as_str(), "NodePort" | "LoadBalancer")
                    && service.tls_annotation.is_none()
            } else {
                routes.iter().all(|r| r.tls.is_none())
            };
            if plain {
                out.report(
                    Subject::At(location(k, origin)),
                    SecureOverHttp {
                        service,
                        route: routes.first(),
                        pods: k.replicas().map(|(n, _)| n),
                        decided_by: origin.words(),
                    },
                );
            }
        }
    }
}

struct SecureOverHttp<'a> {
    service: &'a Service,
    route: Option<&'a Route>,
    pods: Option<u32>,
    decided_by: String,
}

impl Violation for SecureOverHttp<'_> {
    type Level = Level;
    fn level(&self) -> Level {
        Level::Warning
    }
    fn message(&self) -> String {
        let way = match self.route {
            Some(r) => format!("{} has no TLS", r.what),
            None => format!(
                "the {} Service {} serves plain HTTP",
                self.service.kind, self.service.name
            ),
        };
        let pods = match self.pods {
            Some(n) => format!("the {n} pods"),
            None => "the pods".to_string(),
        };
        format!(
            "`{TRAEFIK_SECURE_STICKY}: \"true\"` on Service {} makes Traefik's sticky cookie `Secure`, but browsers reach Workbench over plain HTTP ({way}): they drop a `Secure` cookie set over HTTP, so a user's requests spread over {pods} and sticky sessions do nothing. (Decided by {}.)",
            self.service.name, self.decided_by
        )
    }
    fn help(&self) -> String {
        format!("Serve Workbench over HTTPS (`ingress.tls` with a certificate Secret), or while it stays on HTTP set `{TRAEFIK_SECURE_STICKY}: \"false\"` under `service.annotations`.")
    }
}
