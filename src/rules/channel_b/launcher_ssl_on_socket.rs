use crate::config::Setting;
use crate::facts::DeploymentFacts;
use crate::net;
use crate::report::Location;
use crate::rules::{
    declare_rule, needs_rserver, Applicability, DeploymentRule, Sink, Subject, Violation,
};

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
        out.report(
            Subject::At(ssl.location()),
            SslOverSocket {
                ssl,
                address: r.get("launcher-address"),
            },
        );
    }
}

/// `launcher-use-ssl` on, with a unix socket as `launcher-address`.
struct SslOverSocket<'a> {
    ssl: Setting<'a>,
    address: Setting<'a>,
}

impl Violation for SslOverSocket<'_> {
    type Level = Level;
    fn level(&self) -> Level {
        Level::Error
    }
    fn message(&self) -> String {
        format!(
            "{} cannot be used with the unix socket {}: SSL is not supported over a socket.",
            self.ssl.describe(),
            self.address.describe()
        )
    }
    fn help(&self) -> String {
        "Set `launcher-use-ssl=0` (a local socket needs no TLS), or switch to a TCP `launcher-address` and `launcher-port`.".into()
    }
    fn related(&self) -> Vec<Location> {
        vec![self.address.location()]
    }
}
