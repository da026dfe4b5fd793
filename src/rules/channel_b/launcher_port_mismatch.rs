use crate::config::{ConfigFile, Setting};
use crate::facts::DeploymentFacts;
use crate::input::config_lines::Entry;
use crate::net;
use crate::report::{Fix, Location};
use crate::rules::{
    declare_rule, needs_both, Applicability, DeploymentRule, Sink, Subject, Violation,
};

declare_rule! {
    /// ## What it checks
    /// rserver.conf `launcher-port` equals launcher.conf `port` (default 5559). Skipped when rserver
    /// reaches the Launcher through a unix socket.
    ///
    /// ## Why it breaks Workbench
    /// rserver connects to a port where the Launcher is not listening: "connection refused", and Launcher
    /// sessions and jobs cannot start.
    ///
    /// ## How to fix
    /// Make the two equal, normally `launcher-port=5559` in rserver.conf and `port=5559` under `[server]`
    /// in launcher.conf. Then restart both services.
    ///
    /// ## References
    /// - Posit Workbench Admin Guide: Job Launcher "Configuration".
    pub struct LauncherPortMismatch {
        name: "launcher-port-mismatch",
        severity: Error,
        channel: B,
        summary: "rserver's launcher-port differs from launcher.conf's port",
        fix: Always,
    }
}

impl DeploymentRule for LauncherPortMismatch {
    fn applies(&self, d: &DeploymentFacts) -> Applicability {
        needs_both(d, "the Launcher port agreement")
    }

    fn check(&self, d: &DeploymentFacts, out: &mut Sink) {
        let (Some(r), Some(l)) = (d.rserver(), d.launcher()) else {
            return;
        };
        if r.value("launcher-address").is_some_and(net::is_socket_path) {
            return;
        }
        let Some(client) = r.explicit("launcher-port").filter(|e| !e.value.is_empty()) else {
            return;
        };
        let server = l.server.get("port");
        let (Ok(dialled), Ok(listened)) =
            (client.value.parse::<u32>(), server.value.parse::<u32>())
        else {
            return;
        };
        if dialled != listened {
            out.report(
                Subject::At(r.file.at(client.value_pos)),
                PortMismatch {
                    rserver: r.file,
                    client,
                    dialled,
                    server,
                    listened,
                },
            );
        }
    }
}

/// The port rserver dials and the one the Launcher listens on.
struct PortMismatch<'a> {
    rserver: &'a ConfigFile,
    /// rserver.conf's `launcher-port`.
    client: &'a Entry,
    dialled: u32,
    /// launcher.conf's `port`.
    server: Setting<'a>,
    listened: u32,
}

impl Violation for PortMismatch<'_> {
    type Level = Level;
    fn level(&self) -> Level {
        Level::Error
    }
    fn message(&self) -> String {
        let (a, b) = (self.dialled, self.listened);
        format!("rserver dials the Launcher on port {a} (`launcher-port`), but the Launcher listens on {b} ({}).", self.server.describe())
    }
    fn help(&self) -> String {
        let (a, b) = (self.dialled, self.listened);
        format!(
            "Set `launcher-port={b}` in rserver.conf (or `port={a}` in launcher.conf's [server])."
        )
    }
    fn related(&self) -> Vec<Location> {
        vec![self.server.location()]
    }
    fn fix(&self) -> Option<Fix> {
        let b = self.listened;
        crate::edits::fix(
            format!("Set `launcher-port={b}` in rserver.conf, where the Launcher listens"),
            crate::report::FixSafety::NeedsReview,
            vec![crate::edits::replace_value(
                self.rserver,
                self.client,
                &b.to_string(),
            )],
        )
    }
}
