use crate::model::DeploymentView;
use crate::rules::{
    callback, declare_rule, direct_url, effective_www_port, needs_callback, Applicability,
    DeploymentRule, Sink,
};

declare_rule! {
    /// ## What it checks
    /// The port of `launcher-sessions-callback-address` (written, or 80/443 from its scheme) against the
    /// port Workbench listens on: `www-port` if set, else 443 with `ssl-enabled=1`, else 8787.
    ///
    /// ## Why it breaks Workbench
    /// Sessions dial a port where rserver is not listening and their callbacks are refused: Launcher
    /// sessions hang while starting or lose the Jobs pane. It is fine only when a proxy or load balancer
    /// (a Kubernetes Service, an ELB, nginx) listens on the callback's port and forwards to `www-port`,
    /// which is why this is a warning.
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
        severity: Warning,
        channel: C,
        summary: "The callback port differs from the port Workbench listens on",
    }
}

impl DeploymentRule for CallbackPortMismatch {
    fn applies(&self, d: &DeploymentView) -> Applicability {
        needs_callback(d)
    }

    fn check(&self, d: &DeploymentView, out: &mut Sink) {
        let (Some(cb), Some(r)) = (callback(d), d.rserver()) else {
            return;
        };
        let Ok(url) = &cb.url else { return };
        let (listen, listen_text) = effective_www_port(&r);
        if url.port() == listen {
            return;
        }
        let dialled = match url.explicit_port {
            Some(p) => format!("port {p}"),
            None => format!("port {} (the {} default)", url.port(), url.scheme),
        };
        let f = out.emit(
            cb.setting.location(),
            format!(
                "Sessions call back on {dialled}, but Workbench listens on {listen_text}. This works only if a proxy or load balancer listens on {} and forwards to Workbench.",
                url.port()
            ),
            format!("Write `launcher-sessions-callback-address={}`, unless a proxy answers on port {}.", direct_url(&r, &url.host), url.port()),
        );
        let port = r.get("www-port");
        if !port.is_default() {
            f.related.push(port.location());
        }
    }
}
