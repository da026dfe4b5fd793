use crate::config::{ConfigFile, Setting, Settings};
use crate::facts::DeploymentFacts;
use crate::report::{Fix, Location};
use crate::rules::{
    declare_rule, needs_both, Applicability, DeploymentRule, Sink, Subject, Violation,
};

declare_rule! {
    /// ## What it checks
    /// rserver.conf `launcher-use-ssl` equals launcher.conf `enable-ssl` (both default to 0).
    /// It is an error, except in one case where it is a warning: rserver uses SSL, the Launcher does not,
    /// the Launcher listens on every interface and rserver dials it by a network name. That is the shape
    /// of a load-balanced setup where a proxy (nginx) terminates TLS in front of several Launchers.
    ///
    /// ## Why it breaks Workbench
    /// With `launcher-use-ssl=1` against a Launcher without SSL, rserver speaks TLS to a plain HTTP
    /// server ("wrong version number" / handshake errors); the other way round, rserver sends plain HTTP
    /// to a TLS port and the Launcher drops it. Either way sessions and jobs fail.
    ///
    /// ## How to fix
    /// Turn SSL on or off on both sides together:
    ///
    /// ```ini
    /// # rserver.conf
    /// launcher-use-ssl=1
    /// # launcher.conf, [server]
    /// enable-ssl=1
    /// certificate-file=/etc/rstudio/launcher.crt
    /// certificate-key-file=/etc/rstudio/launcher.key
    /// ```
    ///
    /// ## References
    /// - Posit Workbench Admin Guide: Job Launcher "Configuration", SSL considerations;
    ///   "Hardening: Example secure configuration".
    pub struct LauncherSslMismatch {
        name: "launcher-ssl-mismatch",
        severity: Error | Warning,
        severity_when: "warning when a TLS proxy between rserver and the Launcher could explain it",
        channel: B,
        summary: "rserver's launcher-use-ssl differs from launcher.conf's enable-ssl",
        fix: Sometimes,
    }
}

impl DeploymentRule for LauncherSslMismatch {
    fn applies(&self, d: &DeploymentFacts) -> Applicability {
        needs_both(d, "whether rserver and the Launcher agree on SSL")
    }

    fn check(&self, d: &DeploymentFacts, out: &mut Sink) {
        let (Some(r), Some(l)) = (d.rserver(), d.launcher()) else {
            return;
        };
        let client = r.get("launcher-use-ssl");
        let server = l.server.get("enable-ssl");
        let (c, s) = (r.flag("launcher-use-ssl"), l.server.flag("enable-ssl"));
        if c == s {
            return;
        }
        let proxy_possible = c
            && crate::net::is_wildcard(&l.server.get("address").value)
            && r.value("launcher-address")
                .is_some_and(|a| !crate::net::is_loopback(a) && !crate::net::is_socket_path(a));
        let at = if client.is_default() {
            server.location()
        } else {
            client.location()
        };
        let launcher_cert_files = l.server.explicit("certificate-file").is_some()
            && l.server.explicit("certificate-key-file").is_some();
        out.report(
            Subject::At(at),
            SslMismatch {
                client,
                server,
                client_uses_ssl: c,
                proxy_possible,
                launcher_host: d.launcher_host().unwrap_or_default(),
                launcher_cert_files,
                rserver: r,
                launcher: l.file,
            },
        );
    }
}

/// rserver's `launcher-use-ssl` and the Launcher's `enable-ssl`, which disagree.
struct SslMismatch<'a> {
    client: Setting<'a>,
    server: Setting<'a>,
    /// Whether rserver uses SSL (and so the Launcher does not).
    client_uses_ssl: bool,
    /// Whether a TLS proxy between them could explain it.
    proxy_possible: bool,
    /// The host rserver dials, where such a proxy would be.
    launcher_host: String,
    /// Whether launcher.conf sets both `certificate-file` and `certificate-key-file`.
    launcher_cert_files: bool,
    rserver: Settings<'a>,
    launcher: &'a ConfigFile,
}

impl Violation for SslMismatch<'_> {
    type Level = Level;
    fn level(&self) -> Level {
        if self.proxy_possible {
            Level::Warning
        } else {
            Level::Error
        }
    }
    fn message(&self) -> String {
        if self.client_uses_ssl {
            format!(
                "rserver connects to the Launcher over HTTPS ({}), but the Launcher serves plain HTTP ({}){}.",
                self.client.describe(),
                self.server.describe(),
                if self.proxy_possible { format!("; this works only if a TLS proxy between them (at `{}`, the `launcher-address`) forwards to the Launcher", self.launcher_host) } else { String::new() }
            )
        } else {
            format!(
                "The Launcher serves HTTPS ({}), but rserver connects over plain HTTP ({}).",
                self.server.describe(),
                self.client.describe()
            )
        }
    }
    fn help(&self) -> String {
        if self.client_uses_ssl {
            "Set `enable-ssl=1` with `certificate-file=` and `certificate-key-file=` in launcher.conf's [server], or `launcher-use-ssl=0` in rserver.conf.".into()
        } else {
            "Set `launcher-use-ssl=1` in rserver.conf (or `enable-ssl=0` in launcher.conf).".into()
        }
    }
    fn related(&self) -> Vec<Location> {
        vec![if self.client.is_default() {
            self.client.location()
        } else {
            self.server.location()
        }]
    }
    fn fix(&self) -> Option<Fix> {
        // Towards TLS only: turning it off is a decision left to people. rserver follows a Launcher
        // that serves HTTPS; a Launcher is switched to HTTPS only when its certificate files are set.
        let (description, edit) = if !self.client_uses_ssl {
            (
                "Set `launcher-use-ssl=1` in rserver.conf",
                crate::edits::set_rserver(&self.rserver, "launcher-use-ssl", "1"),
            )
        } else if !self.proxy_possible && self.launcher_cert_files {
            (
                "Set `enable-ssl=1` in launcher.conf's [server], whose certificate files are already set",
                crate::edits::set_option(self.launcher, Some("server"), "enable-ssl", "1"),
            )
        } else {
            return None;
        };
        crate::edits::fix(description, crate::report::FixSafety::NeedsReview, edit)
    }
}
