use crate::facts::DeploymentFacts;
use crate::rules::{declare_rule, needs_both, Applicability, DeploymentRule, Sink};

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
        let (message, help) = if c {
            (
                format!(
                    "rserver connects to the Launcher over HTTPS ({}), but the Launcher serves plain HTTP ({}){}.",
                    client.describe(),
                    server.describe(),
                    if proxy_possible { "; this works only if a TLS proxy between them (at `launcher-address`) forwards to the Launcher" } else { "" }
                ),
                "Set `enable-ssl=1` with `certificate-file=` and `certificate-key-file=` in launcher.conf's [server], or `launcher-use-ssl=0` in rserver.conf.",
            )
        } else {
            (
                format!(
                    "The Launcher serves HTTPS ({}), but rserver connects over plain HTTP ({}).",
                    server.describe(),
                    client.describe()
                ),
                "Set `launcher-use-ssl=1` in rserver.conf (or `enable-ssl=0` in launcher.conf).",
            )
        };
        let at = if client.is_default() {
            server.location()
        } else {
            client.location()
        };
        let related = if client.is_default() {
            client.location()
        } else {
            server.location()
        };
        let severity = if proxy_possible {
            crate::report::Severity::Warning
        } else {
            crate::report::Severity::Error
        };
        let f = out.emit_with(severity, at, message, help);
        f.related.push(related);
        // Towards TLS only: turning it off is a decision left to people. rserver follows a Launcher
        // that serves HTTPS; a Launcher is switched to HTTPS only when its certificate files are set.
        let (description, edit) = if !c {
            (
                "Set `launcher-use-ssl=1` in rserver.conf",
                crate::edits::set_rserver(&r, "launcher-use-ssl", "1"),
            )
        } else if !proxy_possible
            && l.server.explicit("certificate-file").is_some()
            && l.server.explicit("certificate-key-file").is_some()
        {
            (
                "Set `enable-ssl=1` in launcher.conf's [server], whose certificate files are already set",
                crate::edits::set_option(l.file, Some("server"), "enable-ssl", "1"),
            )
        } else {
            return;
        };
        f.fix = crate::edits::fix(description, crate::report::FixSafety::NeedsReview, edit);
    }
}
