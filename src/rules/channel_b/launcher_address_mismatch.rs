use crate::config::Setting;
use crate::facts::settings::AddressesMiss;
use crate::facts::{launcher_addresses_miss, DeploymentFacts};
use crate::net;
use crate::report::Location;
use crate::rules::{
    declare_rule, needs_both, Applicability, DeploymentRule, Sink, Subject, Violation,
};

declare_rule! {
    /// ## What it checks
    /// Whether rserver's `launcher-address` can reach the interface the Launcher binds (launcher.conf
    /// `address`, default `localhost`), judged by what each side does: the Launcher binds the address it
    /// is given, and rserver resolves `launcher-address` and tries every address it gets. It is silent
    /// when the Launcher binds every interface (`0.0.0.0`, `::`), when both name the same host, and when
    /// both are loopback of the same family: `localhost` meets `127.0.0.1` and `::1`, because /etc/hosts
    /// maps it to both and a refused IPv6 attempt falls through to IPv4. It reports:
    /// - an error when the Launcher binds IPv4 loopback and rserver dials IPv6 loopback (or the
    ///   reverse), or when unix socket paths differ or only one side is a socket: the connection is
    ///   refused;
    /// - a warning when rserver dials a bind address (`launcher-address=0.0.0.0`): it reaches the
    ///   Launcher only on the same machine, by a Linux quirk;
    /// - a warning when the two are different names or IPs (they may be one machine, but nothing shows
    ///   it), or when the Launcher binds only loopback while rserver dials a network name, or the reverse.
    ///
    /// ## Why it breaks Workbench
    /// A Launcher bound to 127.0.0.1 does not accept connections that arrive on the host's public
    /// address, and a Launcher bound to one IP does not answer on another: rserver gets "connection
    /// refused" and sessions fail to launch.
    ///
    /// ## How to fix
    /// On one host, use the same loopback address on both sides (`launcher-address=127.0.0.1` and
    /// `address=127.0.0.1`). With the Launcher on another host, bind it to that host's address or
    /// `0.0.0.0`, and set `launcher-address` to a name that resolves to it.
    ///
    /// ## References
    /// - Posit Workbench Admin Guide: Job Launcher "Configuration" (launcher.conf `address`).
    /// - rstudio/rstudio `src/cpp/core/include/core/http/TcpIpAsyncConnector.hpp`: the client tries each
    ///   resolved address in turn.
    pub struct LauncherAddressMismatch {
        name: "launcher-address-mismatch",
        severity: Warning | Error,
        severity_when: "error when the failure is certain: IPv4 loopback against IPv6 loopback, or socket paths that differ",
        channel: B,
        summary: "rserver's launcher-address and launcher.conf's address may not be the same interface",
    }
}

impl DeploymentRule for LauncherAddressMismatch {
    fn applies(&self, d: &DeploymentFacts) -> Applicability {
        needs_both(
            d,
            "whether rserver can reach the address the Launcher listens on",
        )
    }

    fn check(&self, d: &DeploymentFacts, out: &mut Sink) {
        let (Some(r), Some(l)) = (d.rserver(), d.launcher()) else {
            return;
        };
        let (Some(client), Some(host)) = (r.explicit("launcher-address"), d.launcher_host()) else {
            return;
        };
        let server = l.server.get("address");
        if let Some(miss) = launcher_addresses_miss(&host, &server.value) {
            out.report(
                Subject::At(r.file.at(client.value_pos)),
                AddressesApart { host, server, miss },
            );
        }
    }
}

/// The address rserver dials and the one the Launcher listens on, and how they miss each other.
struct AddressesApart<'a> {
    /// The host rserver dials.
    host: String,
    /// launcher.conf's `address`.
    server: Setting<'a>,
    miss: AddressesMiss,
}

impl Violation for AddressesApart<'_> {
    type Level = Level;
    fn level(&self) -> Level {
        if self.miss.certain() {
            Level::Error
        } else {
            Level::Warning
        }
    }
    fn message(&self) -> String {
        let why = why(self.miss, &self.host, &self.server.value);
        format!(
            "rserver dials the Launcher at `{}`, and the Launcher listens on {}: {why}.",
            self.host,
            self.server.describe()
        )
    }
    fn help(&self) -> String {
        let host = &self.host;
        // rserver dialling a bind address: the Launcher may keep it; rserver needs a destination.
        // (Proposing "the same address on both sides" here would propose what is already written.)
        if self.miss == AddressesMiss::ClientIsBindAddress {
            return format!("Write a destination in rserver.conf: `launcher-address=127.0.0.1` when the Launcher runs on this host (it may keep listening on `{}`), else the Launcher host's name.", self.server.value);
        }
        format!("Use the same address on both sides (e.g. `launcher-address={0}` and `address={0}`), or bind the Launcher to `0.0.0.0`.", if net::is_loopback(host) { "127.0.0.1" } else { host.as_str() })
    }
    fn related(&self) -> Vec<Location> {
        vec![self.server.location()]
    }
}

/// Why the two addresses do not meet, for the message.
fn why(miss: AddressesMiss, client: &str, server: &str) -> String {
    match miss {
        AddressesMiss::SocketPathsDiffer => "the two socket paths differ".into(),
        AddressesMiss::SocketAndNetwork => "one side is a unix socket path and the other a network address".into(),
        AddressesMiss::ClientIsBindAddress => format!(
            "`{client}` is a bind address (\"every interface\"), not a destination: Linux happens to deliver a connection to it to the local host, so it reaches the Launcher only when both run on one machine, and TLS names never match it"
        ),
        AddressesMiss::LoopbackFamiliesDiffer { server_v4 } => format!("the Launcher listens only on {} loopback `{server}`, and rserver dials {} loopback `{client}`: the connection is refused", if server_v4 { "IPv4" } else { "IPv6" }, if server_v4 { "IPv6" } else { "IPv4" }),
        AddressesMiss::LauncherOnLoopbackOnly => "the Launcher listens only on loopback, so it does not accept connections to a network name or IP".into(),
        AddressesMiss::ClientOnLoopbackOnly => "rserver dials loopback, but the Launcher listens only on a specific network address".into(),
        AddressesMiss::Different => "they are different names or addresses; they may be one machine, but nothing here shows it".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::why;
    use crate::facts::launcher_addresses_miss as miss;

    fn mismatch(client: &str, server: &str) -> Option<(bool, String)> {
        miss(client, server).map(|m| (m.certain(), why(m, client, server)))
    }

    #[test]
    fn interface_rules() {
        assert_eq!(mismatch("127.0.0.1", "127.0.0.1"), None);
        assert_eq!(mismatch("launcher", "0.0.0.0"), None);
        assert_eq!(
            mismatch("Launcher.example.org", "launcher.example.org."),
            None
        );
        assert!(mismatch("127.0.0.1", "::1").unwrap().0);
        assert_eq!(mismatch("localhost", "127.0.0.1"), None);
        assert_eq!(mismatch("localhost", "::1"), None);
        assert_eq!(mismatch("127.0.0.2", "localhost"), None);
        assert!(mismatch("0.0.0.0", "127.0.0.1")
            .unwrap()
            .1
            .contains("bind address"));
        assert!(mismatch("wb.example.org", "127.0.0.1")
            .unwrap()
            .1
            .contains("only on loopback"));
        assert!(mismatch("localhost", "10.0.0.5").is_some());
        assert!(mismatch("a", "b").is_some());
        assert!(mismatch("/run/launcher.socket", "127.0.0.1").is_some());
        assert_eq!(mismatch("/run/l.sock", "/run/l.sock"), None);
    }
}
