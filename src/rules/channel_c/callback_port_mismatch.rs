use crate::facts::DeploymentFacts;
use crate::report::Severity;
use crate::rules::{
    callback, declare_rule, direct_url, effective_www_port, front_signs, is_own_address,
    needs_callback, Applicability, DeploymentRule, Sink,
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
    /// own address and other settings show something in front (`auth-proxy`, `www-root-path`, a callback
    /// to a Kubernetes Service, ...): the finding names them and says that the proxy is a guess. An `https://` callback while rserver
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
        // An https callback to another port while rserver serves HTTP is the proxy pattern that
        // callback-scheme-mismatch already reports; one finding for one line.
        if url.scheme == "https" && !r.flag("ssl-enabled") {
            return;
        }
        let dialled = match url.explicit_port {
            Some(p) => format!("port {p}"),
            None => format!("port {} (the {} default)", url.port(), url.scheme),
        };
        // Another host on another port is a proxy, load balancer or Service only when something else
        // says so; otherwise (rserver serving TLS on 8787, the callback without the port) it is the
        // usual mistake.
        let signs = front_signs(d, false);
        let direct = is_own_address(&r, &url.host) || signs.is_empty();
        let f = if direct {
            out.emit(
                cb.setting.location(),
                format!(
                    "Sessions call back to `{}` on {dialled}, but Workbench listens on {listen_text}: on that host nothing forwards to Workbench unless a proxy runs there too.",
                    url.host
                ),
                format!("Write `launcher-sessions-callback-address={}`.", direct_url(&r, &url.host)),
            )
        } else {
            out.emit_with(
                Severity::Info,
                cb.setting.location(),
                format!(
                    "Sessions call back to `{}` on {dialled}, while Workbench listens on {listen_text}. wb-ssl-check assumed that `{}` is a proxy, load balancer or Kubernetes Service that forwards port {} to Workbench, from {} (a guess: it cannot see what answers there).",
                    url.host, url.host, url.port(), signs.join("; ")
                ),
                format!("If nothing at `{}` forwards port {} to Workbench, write `launcher-sessions-callback-address={}`.", url.host, url.port(), direct_url(&r, &url.host)),
            )
        };
        let port = r.get("www-port");
        if !port.is_default() {
            f.related.push(port.location());
        }
        if direct {
            f.fix = crate::edits::callback_fix(
                &r,
                &direct_url(&r, &url.host),
                ", where rserver listens",
            );
        }
    }
}
