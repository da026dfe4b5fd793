use crate::config::Setting;
use crate::facts::DeploymentFacts;
use crate::net;
use crate::report::Location;
use crate::rules::{
    declare_rule, needs_rserver, Applicability, DeploymentRule, Sink, Subject, Violation,
};

declare_rule! {
    /// ## What it checks
    /// When rserver uses the Job Launcher (`launcher-sessions-enabled=1`, or a `launcher-address` is
    /// given), `launcher-address` must be set, and so must `launcher-port` unless the address is a unix
    /// socket path. Neither has a default.
    ///
    /// ## Why it breaks Workbench
    /// rserver has nowhere to send Launcher requests: sessions and Workbench jobs fail to start, and
    /// `verify-installation` reports that it cannot connect to the Launcher.
    ///
    /// ## How to fix
    /// For a Launcher on the same host, with the default launcher.conf:
    ///
    /// ```ini
    /// launcher-address=localhost
    /// launcher-port=5559
    /// ```
    ///
    /// The port must equal launcher.conf's `port`. Then `sudo rstudio-server restart`.
    ///
    /// ## References
    /// - Posit Workbench Admin Guide: Job Launcher "Configuration", rserver.conf options.
    pub struct LauncherAddressMissing {
        name: "launcher-address-missing",
        severity: Error,
        channel: B,
        summary: "The Launcher is used but launcher-address (or launcher-port for TCP) is unset",
    }
}

impl DeploymentRule for LauncherAddressMissing {
    fn applies(&self, d: &DeploymentFacts) -> Applicability {
        match needs_rserver(d, "rserver's Launcher address") {
            Applicability::Applies if d.launcher_in_use() => Applicability::Applies,
            Applicability::Applies => Applicability::Skip,
            other => other,
        }
    }

    fn check(&self, d: &DeploymentFacts, out: &mut Sink) {
        let Some(r) = d.rserver() else { return };
        let enabled = r.get("launcher-sessions-enabled");
        let near = |s: &crate::config::Setting| {
            if s.is_default() {
                Location::file(&r.file.name)
            } else {
                s.location()
            }
        };
        match r.value("launcher-address") {
            None => {
                out.report(Subject::At(near(&enabled)), Unset::Address { enabled });
            }
            Some(address) if !net::is_socket_path(address) && !r.is_set("launcher-port") => {
                out.report(
                    Subject::At(r.get("launcher-address").location()),
                    Unset::Port { address },
                );
            }
            Some(_) => {}
        }
    }
}

/// The Launcher setting rserver lacks.
enum Unset<'a> {
    /// `launcher-address`, while `launcher-sessions-enabled` (as set or by default) uses the Launcher.
    Address { enabled: Setting<'a> },
    /// `launcher-port`, for this TCP `launcher-address`.
    Port { address: &'a str },
}

impl Violation for Unset<'_> {
    type Level = Level;
    fn level(&self) -> Level {
        Level::Error
    }
    fn message(&self) -> String {
        match self {
            Unset::Address { enabled } => format!("{} starts sessions through the Job Launcher, but `launcher-address` is not set.", enabled.describe()),
            Unset::Port { address } => format!("`launcher-address={address}` is a TCP address, but `launcher-port` is not set (it has no default)."),
        }
    }
    fn help(&self) -> String {
        match self {
            Unset::Address { .. } => "Add `launcher-address=localhost` (or the Launcher's host name) and `launcher-port=5559` (launcher.conf's `port`).".into(),
            Unset::Port { .. } => "Add `launcher-port=5559`, or whatever `port` launcher.conf sets.".into(),
        }
    }
}
