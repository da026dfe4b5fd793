use crate::facts::DeploymentFacts;
use crate::net;
use crate::rules::{declare_rule, needs_rserver, Applicability, DeploymentRule, Sink};

declare_rule! {
    /// ## What it checks
    /// `launcher-use-ssl=1` together with a unix socket path as `launcher-address`.
    ///
    /// ## Why it breaks Workbench
    /// SSL to the Launcher is not supported over a unix socket; rserver cannot connect. A socket is
    /// local to the machine and its file permissions already protect it, so it needs no TLS.
    ///
    /// ## How to fix
    /// Keep the socket and set `launcher-use-ssl=0` (and `enable-ssl=0` in launcher.conf), or use a TCP
    /// address (`launcher-address=localhost`, `launcher-port=5559`) with SSL.
    ///
    /// ## References
    /// - Posit Workbench Admin Guide: Job Launcher "Configuration" (SSL is not supported over a socket).
    pub struct LauncherSslOnSocket {
        name: "launcher-ssl-on-socket",
        severity: Error,
        channel: B,
        summary: "launcher-use-ssl is on with a unix-socket launcher-address",
    }
}

impl DeploymentRule for LauncherSslOnSocket {
    fn applies(&self, d: &DeploymentFacts) -> Applicability {
        match d.rserver() {
            Some(r)
                if r.flag("launcher-use-ssl")
                    && r.value("launcher-address").is_some_and(net::is_socket_path) =>
            {
                Applicability::Applies
            }
            Some(_) => Applicability::Skip,
            None => needs_rserver(d, "rserver's Launcher connection"),
        }
    }

    fn check(&self, d: &DeploymentFacts, out: &mut Sink) {
        let Some(r) = d.rserver() else { return };
        let ssl = r.get("launcher-use-ssl");
        out.emit(
            ssl.location(),
            format!("{} cannot be used with the unix socket {}: SSL is not supported over a socket.", ssl.describe(), r.get("launcher-address").describe()),
            "Set `launcher-use-ssl=0` (a local socket needs no TLS), or switch to a TCP `launcher-address` and `launcher-port`.",
        )
        .related
        .push(r.get("launcher-address").location());
    }
}
