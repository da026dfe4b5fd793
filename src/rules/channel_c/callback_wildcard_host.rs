use crate::config::Settings;
use crate::facts::DeploymentFacts;
use crate::model::RemoteSessions;
use crate::net;
use crate::report::Fix;
use crate::rules::{
    callback, declare_rule, needs_callback, Applicability, DeploymentRule, Sink, Subject, Violation,
};

declare_rule! {
    /// ## What it checks
    /// A callback host of `0.0.0.0` or `::` when no remote (Kubernetes/Slurm) sessions are known;
    /// with remote sessions `callback-localhost-remote-sessions` reports it as an error instead.
    ///
    /// ## Why it breaks Workbench
    /// `0.0.0.0` is a bind address ("every interface"), not a destination. On Linux a connection to it
    /// happens to reach the local host, so it works for the Local plugin on the same machine, but it
    /// breaks as soon as sessions run anywhere else, and TLS can never verify it: no certificate names
    /// `0.0.0.0`.
    ///
    /// ## How to fix
    /// Use `127.0.0.1` for Local sessions on the same host, or better the URL users type in the browser.
    ///
    /// ## References
    /// - Posit Workbench Admin Guide: Job Launcher "Configuration".
    /// - rstudio/rstudio-docker-products#516 (a `0.0.0.0` callback).
    pub struct CallbackWildcardHost {
        name: "callback-wildcard-host",
        severity: Warning,
        channel: C,
        summary: "The callback host is 0.0.0.0 or ::, a bind address rather than a destination",
        fix: Sometimes,
    }
}

impl DeploymentRule for CallbackWildcardHost {
    fn applies(&self, d: &DeploymentFacts) -> Applicability {
        needs_callback(d)
    }

    fn check(&self, d: &DeploymentFacts, out: &mut Sink) {
        let Some(cb) = callback(d) else { return };
        let Some(host) = cb.host.as_deref().filter(|h| net::is_wildcard(h)) else {
            return;
        };
        if matches!(
            d.remote_sessions(),
            RemoteSessions::Confirmed(_) | RemoteSessions::Suggested(_)
        ) {
            return;
        }
        out.report(
            Subject::At(cb.setting.location()),
            BindAddress {
                host,
                value: &cb.setting.value,
                proposed: d.proposed_callback(),
                rserver: d.rserver(),
            },
        );
    }
}

/// A callback to a wildcard bind address.
struct BindAddress<'a> {
    host: &'a str,
    /// The callback address as written.
    value: &'a str,
    /// The value every callback rule proposes for the line, when one is known.
    proposed: Option<String>,
    rserver: Option<Settings<'a>>,
}

impl Violation for BindAddress<'_> {
    type Level = Level;
    fn level(&self) -> Level {
        Level::Warning
    }
    fn message(&self) -> String {
        format!("Sessions call back to `{}`, a bind address (\"every interface\"), not a destination; it only works by accident for sessions on this same host.", self.host)
    }
    fn help(&self) -> String {
        format!("Use `127.0.0.1` for Local sessions on this host, or the URL users type in the browser, e.g. `{}`.", self.value.replacen(self.host, "workbench.example.org", 1))
    }
    fn fix(&self) -> Option<Fix> {
        // Sessions on this host (the only ones it can serve) reach rserver on loopback, with the rest
        // of the URL kept.
        // The shared proposal when there is one (the name users type); else sessions on this host
        // (the only ones it can serve) reach rserver on loopback, with the rest of the URL kept.
        let r = self.rserver.as_ref()?;
        let url = match &self.proposed {
            Some(url) => url.clone(),
            None if !self.host.contains(':') => self.value.replacen(self.host, "127.0.0.1", 1),
            None => return None,
        };
        crate::edits::callback_fix(r, &url, ", for sessions on this host")
    }
}
