use crate::facts::DeploymentFacts;
use crate::report::Severity;
use crate::rules::{
    callback, declare_rule, effective_www_port, is_own_address, needs_callback, Applicability,
    DeploymentRule, Sink,
};

declare_rule! {
    /// ## What it checks
    /// The scheme of `launcher-sessions-callback-address` against `ssl-enabled`:
    /// - error: `ssl-enabled=1` and the callback is `http://` (Workbench only speaks HTTPS then);
    /// - error: `ssl-enabled` off and the callback is `https://` to Workbench's own address (loopback,
    ///   `0.0.0.0`, its `www-address`) on the very port where rserver serves plain HTTP: that cannot work;
    /// - warning: the same port on another host, which works only if that host is a TLS proxy;
    /// - info: an `https://` callback to another port (usually 443) while rserver serves HTTP. That is
    ///   the TLS proxy pattern Posit recommends (the callback is the URL users type in the browser); the
    ///   finding says that the proxy is assumed, not seen.
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
        severity: Error | Warning | Info,
        severity_when: "for an https callback while Workbench serves HTTP: error when it dials rserver's own HTTP port on its own address, warning when it dials that port on another host, info when it dials another port, the TLS proxy pattern",
        channel: C,
        summary: "The callback scheme does not match ssl-enabled",
    }
}

impl DeploymentRule for CallbackSchemeMismatch {
    fn applies(&self, d: &DeploymentFacts) -> Applicability {
        needs_callback(d)
    }

    fn check(&self, d: &DeploymentFacts, out: &mut Sink) {
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
        let mut rewrite: Option<String> = None;
        let f = match (ssl_on, url.scheme.as_str()) {
            (true, "http") => {
                rewrite = Some(with_scheme("https"));
                out.emit_with(
                    Severity::Error,
                    cb.setting.location(),
                    format!(
                        "Workbench serves HTTPS ({}), but sessions call back with plain http ({}).",
                        ssl.describe(),
                        cb.setting.describe()
                    ),
                    format!(
                        "Write `launcher-sessions-callback-address={}`.",
                        with_scheme("https")
                    ),
                )
            }
            (false, "https") => {
                let (listen, listen_text) = effective_www_port(&r);
                if url.port() == listen && is_own_address(&r, &url.host) {
                    rewrite = Some(with_scheme("http"));
                    out.emit_with(
                        Severity::Error,
                        cb.setting.location(),
                        format!("Sessions call back over https to `{}` on port {listen}, where rserver itself answers with plain HTTP ({}; {listen_text}): the TLS handshake fails and every callback with it.", url.host, ssl.describe()),
                        format!("Write `launcher-sessions-callback-address={}`.", with_scheme("http")),
                    )
                } else if url.port() == listen {
                    out.emit_with(
                        Severity::Warning,
                        cb.setting.location(),
                        format!("Sessions call back over https ({}) on port {listen}, the port where Workbench serves plain HTTP ({}): this works only if `{}` is a TLS proxy on another machine that listens on that port.", cb.setting.describe(), ssl.describe(), url.host),
                        format!("If `{}` is Workbench itself, write `launcher-sessions-callback-address={}`; if it is a TLS proxy, set `auth-cookies-force-secure=1`.", url.host, with_scheme("http")),
                    )
                } else {
                    out.emit_with(
                        Severity::Info,
                        cb.setting.location(),
                        format!("Sessions call back over https ({}) while Workbench serves plain HTTP on {listen_text}. wb-ssl-check assumed a TLS proxy at `{}` port {} that forwards to Workbench (Posit's advice: the callback is the URL users type in the browser); it cannot see the proxy.", cb.setting.describe(), url.host, url.port()),
                        format!("Check from a session host that `curl {}` reaches Workbench; declare the proxy with `auth-cookies-force-secure=1`.", cb.setting.value),
                    )
                }
            }
            _ => return,
        };
        if !ssl.is_default() {
            f.related.push(ssl.location());
        }
        if let Some(value) = rewrite {
            f.fix = crate::edits::callback_fix(&r, &value, "");
        }
    }
}
