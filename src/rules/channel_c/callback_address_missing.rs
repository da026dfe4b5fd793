use crate::config::{Setting, Settings};
use crate::facts::DeploymentFacts;
use crate::report::{Fix, FixSafety};
use crate::rules::{
    declare_rule, direct_url, needs_rserver, Applicability, DeploymentRule, Sink, Subject,
    Violation,
};

declare_rule! {
    /// ## What it checks
    /// With `launcher-sessions-enabled=1`, rserver.conf must set `launcher-sessions-callback-address`: the
    /// URL that sessions started by the Launcher use to reach Workbench.
    ///
    /// ## Why it breaks Workbench
    /// Launcher sessions call back to rserver to register, for Workbench jobs, project sharing and other
    /// features. Without an address they cannot: sessions hang while starting or lack those features.
    /// Sessions see the value as the environment variable `RS_SERVER_ADDRESS`.
    ///
    /// ## How to fix
    /// Set it to the URL users type in the browser, reachable from wherever sessions run:
    /// `launcher-sessions-callback-address=https://workbench.example.org` (add `:port` if Workbench does
    /// not listen on 443/80). Then `sudo rstudio-server restart`.
    ///
    /// ## References
    /// - Posit Workbench Admin Guide: Job Launcher "Configuration".
    /// - Posit troubleshooting: "Validating the launcher-sessions-callback-address in Posit Workbench".
    pub struct CallbackAddressMissing {
        name: "callback-address-missing",
        severity: Error,
        channel: C,
        summary: "Launcher sessions are on but launcher-sessions-callback-address is unset",
        fix: Sometimes,
    }
}

impl DeploymentRule for CallbackAddressMissing {
    fn applies(&self, d: &DeploymentFacts) -> Applicability {
        match d.rserver() {
            Some(_) if d.sessions_enabled() => Applicability::Applies,
            Some(_) => Applicability::Skip,
            None => needs_rserver(d, "the session callback address"),
        }
    }

    fn check(&self, d: &DeploymentFacts, out: &mut Sink) {
        let Some(r) = d.rserver() else { return };
        if r.is_set("launcher-sessions-callback-address") {
            return;
        }
        let enabled = r.get("launcher-sessions-enabled");
        out.report(
            Subject::At(enabled.location()),
            Missing {
                enabled,
                public_url: d
                    .facts
                    .public_host_name()
                    .map(|(name, _)| direct_url(&r, &name)),
                rserver: r,
            },
        );
    }
}

/// Sessions started through the Launcher without a callback address to reach Workbench.
struct Missing<'a> {
    /// The setting that starts sessions through the Launcher.
    enabled: Setting<'a>,
    /// The URL users type, when the inputs give the public host name.
    public_url: Option<String>,
    rserver: Settings<'a>,
}

impl Violation for Missing<'_> {
    type Level = Level;
    fn level(&self) -> Level {
        Level::Error
    }
    fn message(&self) -> String {
        format!("{} starts sessions through the Launcher, but `launcher-sessions-callback-address` is not set: sessions cannot reach Workbench.", self.enabled.describe())
    }
    fn help(&self) -> String {
        format!("Add `launcher-sessions-callback-address={}` with the host name users type in the browser.", direct_url(&self.rserver, "workbench.example.org"))
    }
    fn fix(&self) -> Option<Fix> {
        let url = self.public_url.as_ref()?;
        crate::edits::fix(
            format!("Add `launcher-sessions-callback-address={url}`, the URL users type"),
            FixSafety::NeedsReview,
            crate::edits::set_rserver(&self.rserver, "launcher-sessions-callback-address", url),
        )
    }
}
