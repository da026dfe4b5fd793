use crate::model::DeploymentView;
use crate::report::Severity;
use crate::rules::{callback, declare_rule, needs_callback, Applicability, DeploymentRule, Sink};

declare_rule! {
    /// ## What it checks
    /// The scheme of `launcher-sessions-callback-address` against `ssl-enabled`:
    /// - error: `ssl-enabled=1` and the callback is `http://` (Workbench only speaks HTTPS then);
    /// - warning: `ssl-enabled` off and the callback is `https://`, which works only if a TLS proxy
    ///   answers at that address.
    ///
    /// ## Why it breaks Workbench
    /// A session that speaks plain HTTP to Workbench's HTTPS port gets a TLS error (or a redirect it
    /// does not follow), so callbacks fail and sessions hang in "starting" or lose the Jobs pane. An
    /// https callback to a Workbench that serves plain HTTP fails the TLS handshake unless a proxy
    /// terminates TLS at that address.
    ///
    /// ## How to fix
    /// With `ssl-enabled=1`: `launcher-sessions-callback-address=https://<host name on the certificate>`
    /// (plus `:port` when `www-port` is not 443). Behind a TLS proxy with `ssl-enabled=0`, make sure the
    /// proxy answers at that https URL from every session host.
    ///
    /// ## References
    /// - Posit Workbench Admin Guide: Job Launcher "Configuration", SSL considerations.
    /// - Posit support: "Using SSL with Posit Workbench".
    pub struct CallbackSchemeMismatch {
        name: "callback-scheme-mismatch",
        severity: Error | Warning,
        severity_when: "warning for an https callback while Workbench serves HTTP, which a TLS proxy can explain",
        channel: C,
        summary: "The callback scheme does not match ssl-enabled",
    }
}

impl DeploymentRule for CallbackSchemeMismatch {
    fn applies(&self, d: &DeploymentView) -> Applicability {
        needs_callback(d)
    }

    fn check(&self, d: &DeploymentView, out: &mut Sink) {
        let (Some(cb), Some(r)) = (callback(d), d.rserver()) else {
            return;
        };
        let Ok(url) = &cb.url else { return };
        let ssl = r.get("ssl-enabled");
        let ssl_on = r.flag("ssl-enabled");
        let with_scheme = |s: &str| {
            format!(
                "{s}://{}",
                cb.setting
                    .value
                    .split_once("://")
                    .map(|(_, rest)| rest)
                    .unwrap_or("")
            )
        };
        let f = match (ssl_on, url.scheme.as_str()) {
            (true, "http") => out.emit_with(
                Severity::Error,
                cb.setting.location(),
                format!("Workbench serves HTTPS ({}), but sessions call back with plain http ({}).", ssl.describe(), cb.setting.describe()),
                format!("Write `launcher-sessions-callback-address={}`.", with_scheme("https")),
            ),
            (false, "https") => out.emit_with(
                Severity::Warning,
                cb.setting.location(),
                format!("Sessions call back over https ({}), but Workbench serves plain HTTP ({}): this works only if a TLS proxy answers at that address.", cb.setting.describe(), ssl.describe()),
                format!("If no TLS proxy answers there, write `launcher-sessions-callback-address={}`; otherwise keep it and set `auth-cookies-force-secure=1`.", with_scheme("http")),
            ),
            _ => return,
        };
        if !ssl.is_default() {
            f.related.push(ssl.location());
        }
    }
}
