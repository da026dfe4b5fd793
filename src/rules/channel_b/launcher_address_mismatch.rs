use crate::model::DeploymentView;
use crate::net;
use crate::rules::{declare_rule, needs_both, Applicability, DeploymentRule, Sink};

declare_rule! {
    /// ## What it checks
    /// Whether rserver's `launcher-address` can reach the interface the Launcher binds (launcher.conf
    /// `address`, default `localhost`). It is silent when the Launcher binds every interface (`0.0.0.0`,
    /// `::`), when both name the same host, or when both are loopback. It warns when:
    /// - the two are different names or IPs (they may be one machine, but nothing shows it);
    /// - the Launcher binds only loopback while rserver dials a non-loopback name, or the reverse;
    /// - one side says `localhost` and the other `127.0.0.1` or `::1`: `localhost` may resolve to the
    ///   other address family (IPv6 `::1` versus IPv4 `127.0.0.1`);
    /// - one side is a unix socket path and the other is not, or the paths differ.
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
    pub struct LauncherAddressMismatch {
        name: "launcher-address-mismatch",
        severity: Warning,
        channel: B,
        summary: "rserver's launcher-address and launcher.conf's address may not be the same interface",
    }
}

/// Why the two addresses may not meet, or `None` when they do.
pub fn mismatch(client: &str, server: &str) -> Option<String> {
    if net::is_socket_path(client) || net::is_socket_path(server) {
        return match (net::is_socket_path(client), net::is_socket_path(server)) {
            (true, true) if client == server => None,
            (true, true) => Some("the two socket paths differ".into()),
            _ => Some("one side is a unix socket path and the other a network address".into()),
        };
    }
    if net::is_wildcard(server) || net::same_host(client, server) {
        return None;
    }
    let (cl, sl) = (net::is_loopback(client), net::is_loopback(server));
    let is_localhost = |h: &str| h.eq_ignore_ascii_case("localhost");
    match (cl, sl) {
        (true, true) if is_localhost(client) || is_localhost(server) => Some(
            "`localhost` may resolve to the other address family (IPv6 `::1` versus IPv4 `127.0.0.1`) than the one the Launcher binds".into(),
        ),
        (true, true) => None,
        (false, true) => Some("the Launcher listens only on loopback, so it does not accept connections to a network name or IP".into()),
        (true, false) => Some("rserver dials loopback, but the Launcher listens only on a specific network address".into()),
        (false, false) => Some("they are different names or addresses; they may be one machine, but nothing here shows it".into()),
    }
}

impl DeploymentRule for LauncherAddressMismatch {
    fn applies(&self, d: &DeploymentView) -> Applicability {
        needs_both(
            d,
            "whether rserver can reach the address the Launcher listens on",
        )
    }

    fn check(&self, d: &DeploymentView, out: &mut Sink) {
        let (Some(r), Some(l)) = (d.rserver(), d.launcher()) else {
            return;
        };
        let (Some(client), Some(host)) = (r.explicit("launcher-address"), d.launcher_host()) else {
            return;
        };
        let server = l.server.get("address");
        if let Some(why) = mismatch(&host, &server.value) {
            let f = out.emit(
                r.file.at(client.value_pos),
                format!("rserver dials the Launcher at `{host}`, and the Launcher listens on {}: {why}.", server.describe()),
                format!("Use the same address on both sides (e.g. `launcher-address={0}` and `address={0}`), or bind the Launcher to `0.0.0.0`.", if net::is_loopback(&host) { "127.0.0.1" } else { host.as_str() }),
            );
            f.related.push(server.location());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::mismatch;

    #[test]
    fn interface_rules() {
        assert_eq!(mismatch("127.0.0.1", "127.0.0.1"), None);
        assert_eq!(mismatch("launcher", "0.0.0.0"), None);
        assert_eq!(
            mismatch("Launcher.example.org", "launcher.example.org."),
            None
        );
        assert_eq!(mismatch("127.0.0.1", "::1"), None);
        assert!(mismatch("localhost", "127.0.0.1")
            .unwrap()
            .contains("address family"));
        assert!(mismatch("wb.example.org", "127.0.0.1")
            .unwrap()
            .contains("only on loopback"));
        assert!(mismatch("localhost", "10.0.0.5").is_some());
        assert!(mismatch("a", "b").is_some());
        assert!(mismatch("/run/launcher.socket", "127.0.0.1").is_some());
        assert_eq!(mismatch("/run/l.sock", "/run/l.sock"), None);
    }
}
