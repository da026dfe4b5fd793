use crate::config::Settings;
use crate::facts::DeploymentFacts;
use crate::report::{Fix, Location};
use crate::rules::{
    callback, declare_rule, direct_url, effective_www_port, front_signs, is_own_address,
    needs_callback, Applicability, DeploymentRule, Sink, Subject, Violation,
};

declare_rule! {
    /// ## What it checks
    /// The port of `launcher-sessions-callback-address` (written, or 80/443 from its scheme) against the
    /// port Workbench listens on: `www-port` if set, else 443 with `ssl-enabled=1`, else 8787.
    ///
    /// ## Why it breaks Workbench
    /// Sessions dial a port where rserver is not listening and their callbacks are refused: Launcher
    /// sessions hang while starting or lose the Jobs pane. It is fine only when a proxy or load balancer
    /// (a Kubernetes Service, an ELB, nginx) listens on the callback's port and forwards to `www-port`.
    /// So it is a warning, and only advice (info) when the callback names another host than Workbench's
    /// own address and something shows a proxy in front (`auth-proxy`, `www-root-path`, a callback to
    /// a Kubernetes Service, or Posit's documented pattern: the callback is the URL users type, a
    /// proxy's or load balancer's, with no port while rserver serves plain HTTP, or any port when load
    /// balancing is configured): the finding names the signs and says that the proxy is a guess.
    /// `plaintext-http` reads the same signs, so the two never disagree about one callback line. An `https://` callback while rserver
    /// serves HTTP is left to `callback-scheme-mismatch`, so one line gets one finding.
    ///
    /// ## How to fix
    /// Put Workbench's port in the URL, e.g. `launcher-sessions-callback-address=http://wb.example.org:8787`;
    /// or, if a proxy answers on the callback's port, check from a session host that
    /// `curl <callback-address>` reaches Workbench.
    ///
    /// ## References
    /// - Posit Workbench Admin Guide: Job Launcher "Configuration"; "Running with a Proxy" (default
    ///   `www-port` is 8787, or 443 with SSL).
    /// - Posit troubleshooting: "Validating the launcher-sessions-callback-address in Posit Workbench".
    pub struct CallbackPortMismatch {
        name: "callback-port-mismatch",
        severity: Warning | Info,
        severity_when: "info when the callback names another host and other settings show a proxy, load balancer or Kubernetes Service in front (the finding names them)",
        channel: C,
        summary: "The callback port differs from the port Workbench listens on",
        fix: Sometimes,
    }
}

impl DeploymentRule for CallbackPortMismatch {
    fn applies(&self, d: &DeploymentFacts) -> Applicability {
        needs_callback(d)
    }

    fn check(&self, d: &DeploymentFacts, out: &mut Sink) {
        let (Some(cb), Some(r)) = (callback(d), d.rserver()) else {
            return;
        };
        let Ok(url) = &cb.url else { return };
        let (listen, listen_text) = effective_www_port(&r);
        if url.port() == listen {
            return;
        }
        // On Kubernetes the inputs show the Service: when it forwards the callback's port to the
        // port rserver listens on (or to a named port), the callback is right.
        if let Some(kube) = &d.facts.model.kubernetes {
            if let Some(target) = kube.service_forward(&url.host, url.port()) {
                if target.is_none_or(|t| t == u32::from(listen)) {
                    return;
                }
            }
        }
        // An https callback to another port while rserver serves HTTP is the proxy pattern that
        // callback-scheme-mismatch already reports; one finding for one line.
        if url.scheme == "https" && !r.flag("ssl-enabled") {
            return;
        }
        // Another host on another port is a proxy, load balancer or Service only when something else
        // says so; otherwise (rserver serving TLS on 8787, the callback without the port) it is the
        // usual mistake.
        let front_signs = front_signs(d);
        let direct = is_own_address(&r, &url.host) || front_signs.is_empty();
        out.report(
            Subject::At(cb.setting.location()),
            PortMismatch {
                host: url.host.clone(),
                port: url.port(),
                explicit_port: url.explicit_port.is_some(),
                scheme: url.scheme.clone(),
                listen_text,
                // The one value every callback rule proposes, which keeps this host when it is fine.
                direct_url: d.proposed_callback().or_else(|| {
                    (!d.callback_host_must_change()).then(|| direct_url(&r, &url.host))
                }),
                in_words: d.callback_in_words(),
                front_signs: if direct { Vec::new() } else { front_signs },
                www_port: Some(r.get("www-port"))
                    .filter(|p| !p.is_default())
                    .map(|p| p.location()),
                rserver: r,
            },
        );
    }
}

/// The callback's port and the one rserver listens on.
struct PortMismatch<'m> {
    host: String,
    port: u16,
    explicit_port: bool,
    scheme: String,
    /// The port rserver listens on, with where it comes from.
    listen_text: String,
    /// The callback with rserver's own scheme and port, unless its host must change and no right one
    /// is known.
    direct_url: Option<String>,
    /// The shared advice in words, for when `direct_url` is `None`.
    in_words: String,
    /// What shows a proxy, load balancer or Service in front; empty when nothing does, or when the
    /// callback names rserver's own address.
    front_signs: Vec<String>,
    www_port: Option<Location>,
    rserver: Settings<'m>,
}

impl Violation for PortMismatch<'_> {
    type Level = Level;
    fn level(&self) -> Level {
        if self.front_signs.is_empty() {
            Level::Warning
        } else {
            Level::Info
        }
    }
    fn message(&self) -> String {
        let dialled = if self.explicit_port {
            format!("port {}", self.port)
        } else {
            format!("port {} (the {} default)", self.port, self.scheme)
        };
        let (host, port, listen) = (&self.host, self.port, &self.listen_text);
        if self.front_signs.is_empty() {
            format!("Sessions call back to `{host}` on {dialled}, but Workbench listens on {listen}: on that host nothing forwards to Workbench unless a proxy runs there too.")
        } else {
            format!("Sessions call back to `{host}` on {dialled}, while Workbench listens on {listen}. wb-ssl-check assumed that `{host}` is a proxy, load balancer or Kubernetes Service that forwards port {port} to Workbench, from {} (a guess: it cannot see what answers there).", self.front_signs.join("; "))
        }
    }
    fn help(&self) -> String {
        let Some(url) = &self.direct_url else {
            return self.in_words.clone();
        };
        if self.front_signs.is_empty() {
            format!("Write `launcher-sessions-callback-address={url}`.")
        } else {
            format!("If nothing at `{}` forwards port {} to Workbench, write `launcher-sessions-callback-address={url}`.", self.host, self.port)
        }
    }
    fn related(&self) -> Vec<Location> {
        self.www_port.iter().cloned().collect()
    }
    fn fix(&self) -> Option<Fix> {
        if self.front_signs.is_empty() {
            crate::edits::callback_fix(
                &self.rserver,
                self.direct_url.as_ref()?,
                ", where rserver listens",
            )
        } else {
            None
        }
    }
}
