use crate::facts::DeploymentFacts;
use crate::net::UrlProblem;
use crate::rules::{
    callback, declare_rule, direct_url, excerpt, needs_callback, Applicability, DeploymentRule,
    Sink,
};

declare_rule! {
    /// ## What it checks
    /// `launcher-sessions-callback-address` must be a URL that starts with `http://` or `https://` and
    /// has a host (and, if given, a port from 1 to 65535).
    ///
    /// ## Why it breaks Workbench
    /// Sessions use the value as the base URL of their requests to Workbench. A bare host such as
    /// `127.0.0.1` gives no scheme and no port, so sessions cannot build a working URL and the Jobs pane,
    /// project sharing and other callback features fail.
    ///
    /// ## How to fix
    /// Write the full URL users type in the browser, e.g.
    /// `launcher-sessions-callback-address=https://workbench.example.org` or
    /// `launcher-sessions-callback-address=http://workbench.example.org:8787`.
    ///
    /// ## References
    /// - Posit Workbench Admin Guide: Job Launcher "Configuration" (an HTTP or HTTPS address).
    /// - Posit troubleshooting: "Validating the launcher-sessions-callback-address in Posit Workbench".
    pub struct CallbackAddressNoScheme {
        name: "callback-address-no-scheme",
        severity: Error,
        channel: C,
        summary: "launcher-sessions-callback-address is not an http:// or https:// URL",
    }
}

impl DeploymentRule for CallbackAddressNoScheme {
    fn applies(&self, d: &DeploymentFacts) -> Applicability {
        needs_callback(d)
    }

    fn check(&self, d: &DeploymentFacts, out: &mut Sink) {
        let (Some(cb), Some(r)) = (callback(d), d.rserver()) else {
            return;
        };
        let Err(problem) = &cb.url else { return };
        let value = excerpt(&cb.setting.value);
        let why = match problem {
            UrlProblem::NoScheme => "it has no `http://` or `https://`".to_string(),
            UrlProblem::OtherScheme(s) => format!("`{s}://` is not http or https"),
            UrlProblem::NoHost => "it has no host".to_string(),
            UrlProblem::BadPort(p) => format!("`{}` is not a port (1-65535)", excerpt(p)),
        };
        let host = cb.host.clone().unwrap_or_else(|| "<host>".into());
        let f = out.emit(
            cb.setting.location(),
            format!("`launcher-sessions-callback-address={value}` is not a URL sessions can use: {why}."),
            format!("Write the URL users type in the browser, e.g. `launcher-sessions-callback-address={}`.", direct_url(&r, &host)),
        );
        if cb.host.is_some() {
            f.fix = crate::edits::callback_fix(
                &r,
                &direct_url(&r, &host),
                ", rserver's own scheme and port",
            );
        }
    }
}
