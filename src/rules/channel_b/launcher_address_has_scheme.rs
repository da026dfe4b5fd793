use crate::config::Settings;
use crate::facts::DeploymentFacts;
use crate::input::config_lines::Entry;
use crate::net;
use crate::report::Fix;
use crate::rules::{
    declare_rule, needs_rserver, Applicability, DeploymentRule, Sink, Subject, Violation,
};

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
        fix: Always,
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
        if scheme.is_none() && path.is_none() && port.is_none() {
            return;
        }
        out.report(
            Subject::At(r.file.at(entry.value_pos)),
            UrlInAddress {
                entry,
                scheme,
                host,
                port,
                path,
                rserver: r,
            },
        );
    }
}

/// A `launcher-address` with a scheme, a path or a port, and the parts it splits into.
struct UrlInAddress<'a> {
    entry: &'a Entry,
    scheme: Option<&'a str>,
    host: &'a str,
    port: Option<&'a str>,
    path: Option<&'a str>,
    rserver: Settings<'a>,
}

impl UrlInAddress<'_> {
    /// `launcher-use-ssl` as the scheme says.
    fn use_ssl(scheme: &str) -> &'static str {
        if scheme.eq_ignore_ascii_case("https") {
            "1"
        } else {
            "0"
        }
    }

    /// The settings to write, each as `` `key=value` ``.
    fn settings(&self) -> Vec<String> {
        let mut fix = vec![format!("`launcher-address={}`", self.host)];
        if let Some(p) = self.port {
            fix.push(format!("`launcher-port={p}`"));
        }
        if let Some(s) = self.scheme {
            fix.push(format!("`launcher-use-ssl={}`", Self::use_ssl(s)));
        }
        fix
    }
}

impl Violation for UrlInAddress<'_> {
    type Level = Level;
    fn level(&self) -> Level {
        Level::Error
    }
    fn message(&self) -> String {
        let mut parts = Vec::new();
        if let Some(s) = self.scheme {
            parts.push(format!("a scheme (`{s}://`)"));
        }
        if let Some(p) = self.path {
            parts.push(format!("a path (`{p}`)"));
        }
        if let Some(p) = self.port {
            parts.push(format!("a port (`:{p}`)"));
        }
        format!("`launcher-address={}` holds {}; it must be only a host name, IP address or socket path.", self.entry.value, parts.join(" and "))
    }
    fn help(&self) -> String {
        format!("Write {}.", self.settings().join(", "))
    }
    fn fix(&self) -> Option<Fix> {
        // What the URL says, written as the three settings rserver reads. A path has no setting of its
        // own: dropping it needs a person's eye.
        let r = &self.rserver;
        let mut edits = vec![crate::edits::replace_value(r.file, self.entry, self.host)];
        // The words name only what changes: a port already set so is left out, so that the plan never
        // shows this fix "writing" a port that another finding changes.
        let mut written = vec![format!("`launcher-address={}`", self.host)];
        if let Some(p) = self.port {
            if let Some(e) = crate::edits::set_rserver(r, "launcher-port", p) {
                edits.push(e);
                written.push(format!("`launcher-port={p}`"));
            }
        }
        if let Some(s) = self.scheme {
            if let Some(e) = crate::edits::set_rserver(r, "launcher-use-ssl", Self::use_ssl(s)) {
                edits.push(e);
                written.push(format!("`launcher-use-ssl={}`", Self::use_ssl(s)));
            }
        }
        crate::edits::fix(
            format!("Write {}", written.join(", ")),
            if self.path.is_some() {
                crate::report::FixSafety::NeedsReview
            } else {
                crate::report::FixSafety::Safe
            },
            edits,
        )
    }
}
