use crate::config::Setting;
use crate::facts::DeploymentFacts;
use crate::rules::{
    declare_rule, front_signs, needs_rserver, Applicability, DeploymentRule, Sink, Subject,
    Violation,
};

declare_rule! {
    /// ## What it checks
    /// rserver serves plain HTTP (`ssl-enabled` off or unset) and nothing says that TLS ends at a proxy in
    /// front of it (`auth-cookies-force-secure` is not set). It is a warning, and only advice (info) when
    /// settings show something in front of rserver: `auth-proxy=1`, a `www-root-path`, a
    /// `www-frame-origin`, an `https://` callback while rserver serves HTTP, a callback to another host
    /// on another port, or a callback to a Kubernetes Service (`*.svc.cluster.local`). The finding names
    /// those settings and says that the TLS proxy is a guess. With `auth-cookies-force-secure=1` the rule
    /// is silent. On Kubernetes (rserver.conf made from Helm values or a rendered ConfigMap) it is
    /// silent too: the Ingress and Service rules judge channel a from the objects themselves.
    ///
    /// ## Why it breaks Workbench
    /// Without TLS, passwords, session cookies and everything users type cross the network unencrypted,
    /// and anyone on the path can take over a session.
    ///
    /// ## How to fix
    /// Either let Workbench serve HTTPS:
    ///
    /// ```ini
    /// ssl-enabled=1
    /// ssl-certificate=/etc/rstudio/ssl/workbench.crt
    /// ssl-certificate-key=/etc/rstudio/ssl/workbench.key
    /// ```
    ///
    /// or, when a proxy (nginx, Apache, a load balancer, a Kubernetes ingress) terminates TLS, say so with
    /// `auth-cookies-force-secure=1` (and `www-address=127.0.0.1` if the proxy runs on the same host).
    ///
    /// ## References
    /// - Posit Workbench Admin Guide: "Secure Sockets (SSL)", "Running with a Proxy", "Cookies".
    pub struct PlaintextHttp {
        name: "plaintext-http",
        severity: Warning | Info,
        severity_when: "info when signs of a TLS proxy in front are present (the finding names them)",
        channel: A,
        summary: "Workbench serves plain HTTP and no TLS proxy is declared",
    }
}

impl DeploymentRule for PlaintextHttp {
    fn applies(&self, d: &DeploymentFacts) -> Applicability {
        // On Kubernetes the routes and Services decide channel a (helm-ingress-no-tls,
        // helm-service-exposes-http), which the inputs show: no guess from settings there.
        let on_kubernetes = d
            .facts
            .model
            .kubernetes
            .as_ref()
            .is_some_and(|k| d.rserver_file().is_some_and(|f| k.made(&f.name)));
        match d.rserver() {
            _ if on_kubernetes => Applicability::Skip,
            Some(r) if !r.flag("ssl-enabled") && !r.flag("auth-cookies-force-secure") => {
                Applicability::Applies
            }
            Some(_) => Applicability::Skip,
            None => needs_rserver(d, "browser channel encryption"),
        }
    }

    fn check(&self, d: &DeploymentFacts, out: &mut Sink) {
        let Some(r) = d.rserver() else { return };
        let ssl = r.get("ssl-enabled");
        let signs = front_signs(d);
        let (port, _) = crate::rules::effective_www_port(&r);
        out.report(
            Subject::At(if ssl.is_default() {
                crate::report::Location::file(&r.file.name)
            } else {
                ssl.location()
            }),
            PlainHttp {
                ssl,
                signs,
                port,
                www_port: r.get("www-port"),
            },
        );
    }
}

/// rserver serving plain HTTP, with what suggests a TLS proxy in front of it.
struct PlainHttp<'a> {
    ssl: Setting<'a>,
    /// The settings that suggest something in front of rserver; empty when none does.
    signs: Vec<String>,
    /// The port rserver listens on.
    port: u16,
    www_port: Setting<'a>,
}

impl Violation for PlainHttp<'_> {
    type Level = Level;
    fn level(&self) -> Level {
        if self.signs.is_empty() {
            Level::Warning
        } else {
            Level::Info
        }
    }
    fn message(&self) -> String {
        let context = if self.signs.is_empty() && self.port == 443 {
            format!(" It does so on port 443 ({}), the HTTPS port: browsers that open `https://` get a protocol error, and `www-port=443` alone does not turn TLS on. Passwords and session cookies cross the network unencrypted.", self.www_port.describe())
        } else if self.signs.is_empty() {
            " Passwords and session cookies cross the network unencrypted.".to_string()
        } else {
            format!(
                " Something seems to stand in front of it: {}. wb-ssl-check guessed from these settings that a proxy there terminates TLS (it cannot see the proxy); if so, declare it with `auth-cookies-force-secure=1`, and if not, passwords and cookies cross the network unencrypted.",
                self.signs.join("; ")
            )
        };
        format!(
            "Workbench serves plain HTTP ({}).{context}",
            self.ssl.describe()
        )
    }
    fn help(&self) -> String {
        "Set `ssl-enabled=1` with `ssl-certificate=` and `ssl-certificate-key=`, or, if a proxy terminates TLS, set `auth-cookies-force-secure=1`.".into()
    }
}
