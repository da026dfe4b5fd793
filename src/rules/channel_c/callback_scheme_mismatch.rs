use crate::config::{Setting, Settings};
use crate::facts::DeploymentFacts;
use crate::report::{Fix, Location};
use crate::rules::{
    callback, declare_rule, effective_www_port, is_own_address, needs_callback, Applicability,
    DeploymentRule, Sink, Subject, Violation,
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
        fix: Sometimes,
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
        let (listen, listen_text) = effective_www_port(&r);
        let kind = match (r.flag("ssl-enabled"), url.scheme.as_str()) {
            (true, "http") => Kind::HttpToHttps,
            (false, "https") if url.port() == listen && is_own_address(&r, &url.host) => {
                Kind::HttpsToOwnHttp
            }
            (false, "https") if url.port() == listen => Kind::HttpsToHttpPort,
            (false, "https") => Kind::HttpsToProxy,
            _ => return,
        };
        out.report(
            Subject::At(cb.setting.location()),
            SchemeMismatch {
                kind,
                host: &url.host,
                port: url.port(),
                listen,
                listen_text,
                ssl: r.get("ssl-enabled"),
                callback: &cb.setting,
                proposed: d.proposed_callback(),
                in_words: d.callback_host_must_change().then(|| d.callback_in_words()),
                rserver: r,
            },
        );
    }
}

/// How the callback's scheme departs from what Workbench serves.
enum Kind {
    /// Workbench serves HTTPS, the callback is plain http.
    HttpToHttps,
    /// An https callback to rserver's own HTTP port on its own address.
    HttpsToOwnHttp,
    /// An https callback to rserver's HTTP port on another host.
    HttpsToHttpPort,
    /// An https callback to another port: the TLS proxy pattern.
    HttpsToProxy,
}

/// The callback's scheme against the protocol Workbench serves.
struct SchemeMismatch<'a> {
    kind: Kind,
    host: &'a str,
    port: u16,
    /// The port rserver listens on, with where it comes from.
    listen: u16,
    listen_text: String,
    ssl: Setting<'a>,
    callback: &'a Setting<'a>,
    /// The value every callback rule proposes for the line, when one is known.
    proposed: Option<String>,
    /// The shared advice in words, when the host must change and no right one is known.
    in_words: Option<String>,
    rserver: Settings<'a>,
}

impl SchemeMismatch<'_> {
    /// The callback address with another scheme.
    fn with_scheme(&self, s: &str) -> String {
        format!(
            "{s}://{}",
            self.callback
                .value
                .split_once("://")
                .map(|(_, rest)| rest)
                .unwrap_or("")
        )
    }

    /// The callback address to write instead, when the right one is known.
    fn rewrite(&self) -> Option<String> {
        // The shared proposal has rserver's scheme, so it mends this finding too; the same URL with
        // the scheme swapped is the fallback when the host may stay.
        if self.proposed.is_none() && self.in_words.is_some() {
            return None;
        }
        match self.kind {
            Kind::HttpToHttps => Some(
                self.proposed
                    .clone()
                    .unwrap_or_else(|| self.with_scheme("https")),
            ),
            Kind::HttpsToOwnHttp => Some(
                self.proposed
                    .clone()
                    .unwrap_or_else(|| self.with_scheme("http")),
            ),
            Kind::HttpsToHttpPort | Kind::HttpsToProxy => None,
        }
    }
}

impl Violation for SchemeMismatch<'_> {
    type Level = Level;
    fn level(&self) -> Level {
        match self.kind {
            Kind::HttpToHttps | Kind::HttpsToOwnHttp => Level::Error,
            Kind::HttpsToHttpPort => Level::Warning,
            Kind::HttpsToProxy => Level::Info,
        }
    }
    fn message(&self) -> String {
        let (listen, listen_text) = (self.listen, &self.listen_text);
        match self.kind {
            Kind::HttpToHttps => format!(
                "Workbench serves HTTPS ({}), but sessions call back with plain http ({}).",
                self.ssl.describe(),
                self.callback.describe()
            ),
            Kind::HttpsToOwnHttp => format!("Sessions call back over https to `{}` on port {listen}, where rserver itself answers with plain HTTP ({}; {listen_text}): the TLS handshake fails and every callback with it.", self.host, self.ssl.describe()),
            Kind::HttpsToHttpPort => format!("Sessions call back over https ({}) on port {listen}, the port where Workbench serves plain HTTP ({}): this works only if `{}` is a TLS proxy on another machine that listens on that port.", self.callback.describe(), self.ssl.describe(), self.host),
            Kind::HttpsToProxy => format!("Sessions call back over https ({}) while Workbench serves plain HTTP on {listen_text}. wb-ssl-check assumed a TLS proxy at `{}` port {} that forwards to Workbench (Posit's advice: the callback is the URL users type in the browser); it cannot see the proxy.", self.callback.describe(), self.host, self.port),
        }
    }
    fn help(&self) -> String {
        if let (None, Some(words)) = (&self.proposed, &self.in_words) {
            return words.clone();
        }
        match self.kind {
            Kind::HttpToHttps | Kind::HttpsToOwnHttp => format!(
                "Write `launcher-sessions-callback-address={}`.",
                self.rewrite().unwrap_or_default()
            ),
            Kind::HttpsToHttpPort => format!("If `{}` is Workbench itself, write `launcher-sessions-callback-address={}`; if it is a TLS proxy, set `auth-cookies-force-secure=1`.", self.host, self.with_scheme("http")),
            Kind::HttpsToProxy => format!("Check from a session host that `curl {}` reaches Workbench; declare the proxy with `auth-cookies-force-secure=1`.", self.callback.value),
        }
    }
    fn related(&self) -> Vec<Location> {
        if self.ssl.is_default() {
            Vec::new()
        } else {
            vec![self.ssl.location()]
        }
    }
    fn fix(&self) -> Option<Fix> {
        crate::edits::callback_fix(&self.rserver, &self.rewrite()?, "")
    }
}
