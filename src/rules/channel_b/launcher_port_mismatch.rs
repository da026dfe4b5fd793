use crate::facts::DeploymentFacts;
use crate::net;
use crate::rules::{declare_rule, needs_both, Applicability, DeploymentRule, Sink};

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
        let (Ok(a), Ok(b)) = (client.value.parse::<u32>(), server.value.parse::<u32>()) else {
            return;
        };
        if a != b {
            let f = out.emit(
                r.file.at(client.value_pos),
                format!("rserver dials the Launcher on port {a} (`launcher-port`), but the Launcher listens on {b} ({}).", server.describe()),
                format!("Set `launcher-port={b}` in rserver.conf (or `port={a}` in launcher.conf's [server])."),
            );
            f.related.push(server.location());
            f.fix = crate::edits::fix(
                format!("Set `launcher-port={b}` in rserver.conf, where the Launcher listens"),
                crate::report::FixSafety::NeedsReview,
                vec![crate::edits::replace_value(r.file, client, &b.to_string())],
            );
        }
    }
}
