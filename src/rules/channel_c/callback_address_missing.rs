use crate::facts::DeploymentFacts;
use crate::rules::{declare_rule, needs_rserver, Applicability, DeploymentRule, Sink};

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
        let f = out.emit(
            enabled.location(),
            format!("{} starts sessions through the Launcher, but `launcher-sessions-callback-address` is not set: sessions cannot reach Workbench.", enabled.describe()),
            format!("Add `launcher-sessions-callback-address={}` with the host name users type in the browser.", crate::rules::direct_url(&r, "workbench.example.org")),
        );
        if let Some((name, _)) = d.facts.public_host_name() {
            let url = crate::rules::direct_url(&r, &name);
            f.fix = crate::edits::fix(
                format!("Add `launcher-sessions-callback-address={url}`, the URL users type"),
                crate::report::FixSafety::NeedsReview,
                crate::edits::set_rserver(&r, "launcher-sessions-callback-address", &url),
            );
        }
    }
}
