use crate::facts::DeploymentFacts;
use crate::net;
use crate::rules::{declare_rule, needs_rserver, Applicability, DeploymentRule, Sink};

declare_rule! {
    /// ## What it checks
    /// `launcher-address` in rserver.conf must be a bare host name, IP address or unix socket path. It is
    /// reported when it contains a scheme (`http://`, `https://`), a path after the host, or a `:port`.
    ///
    /// ## Why it breaks Workbench
    /// rserver builds the Launcher URL itself: the scheme from `launcher-use-ssl`, the host from
    /// `launcher-address`, the port from `launcher-port`. A URL in `launcher-address` gives a host name
    /// like `https://launcher:5559` that does not resolve, and rserver cannot reach the Launcher.
    ///
    /// ## How to fix
    /// Split the URL into its parts, e.g. for `https://launcher.example.org:5559`:
    ///
    /// ```ini
    /// launcher-address=launcher.example.org
    /// launcher-port=5559
    /// launcher-use-ssl=1
    /// ```
    ///
    /// ## References
    /// - Posit Workbench Admin Guide: Job Launcher "Configuration" (launcher-address, launcher-port,
    ///   launcher-use-ssl are separate options).
    pub struct LauncherAddressHasScheme {
        name: "launcher-address-has-scheme",
        severity: Error,
        channel: B,
        summary: "launcher-address holds a URL scheme, a path or a :port",
    }
}

impl DeploymentRule for LauncherAddressHasScheme {
    fn applies(&self, d: &DeploymentFacts) -> Applicability {
        match d.rserver() {
            Some(r) if r.is_set("launcher-address") => Applicability::Applies,
            Some(_) => Applicability::Skip,
            None => needs_rserver(d, "rserver's Launcher address"),
        }
    }

    fn check(&self, d: &DeploymentFacts, out: &mut Sink) {
        let Some(r) = d.rserver() else { return };
        let Some(entry) = r.explicit("launcher-address") else {
            return;
        };
        let address = entry.value.as_str();
        if net::is_socket_path(address) {
            return;
        }
        let (scheme, rest) = match address.split_once("://") {
            Some((s, rest)) => (Some(s), rest),
            None => (None, address),
        };
        let (authority, path) = match rest.find('/') {
            Some(i) => (&rest[..i], Some(&rest[i..])),
            None => (rest, None),
        };
        let (host, port) = net::split_host_port(authority);
        let mut parts = Vec::new();
        if let Some(s) = scheme {
            parts.push(format!("a scheme (`{s}://`)"));
        }
        if let Some(p) = path {
            parts.push(format!("a path (`{p}`)"));
        }
        if let Some(p) = port {
            parts.push(format!("a port (`:{p}`)"));
        }
        if parts.is_empty() {
            return;
        }
        let mut fix = vec![format!("`launcher-address={host}`")];
        if let Some(p) = port {
            fix.push(format!("`launcher-port={p}`"));
        }
        if let Some(s) = scheme {
            fix.push(format!(
                "`launcher-use-ssl={}`",
                if s.eq_ignore_ascii_case("https") {
                    1
                } else {
                    0
                }
            ));
        }
        let f = out.emit(
            r.file.at(entry.value_pos),
            format!("`launcher-address={address}` holds {}; it must be only a host name, IP address or socket path.", parts.join(" and ")),
            format!("Write {}.", fix.join(", ")),
        );
        // What the URL says, written as the three settings rserver reads. A path has no setting of its
        // own: dropping it needs a person's eye.
        let mut edits = vec![crate::edits::replace_value(r.file, entry, host)];
        if let Some(p) = port {
            edits.extend(crate::edits::set_rserver(&r, "launcher-port", p));
        }
        if let Some(s) = scheme {
            let ssl = if s.eq_ignore_ascii_case("https") {
                "1"
            } else {
                "0"
            };
            edits.extend(crate::edits::set_rserver(&r, "launcher-use-ssl", ssl));
        }
        f.fix = crate::edits::fix(
            format!("Write {}", fix.join(", ")),
            if path.is_some() {
                crate::report::FixSafety::NeedsReview
            } else {
                crate::report::FixSafety::Safe
            },
            edits,
        );
    }
}
