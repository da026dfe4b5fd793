use crate::config::{Setting, Settings};
use crate::facts::DeploymentFacts;
use crate::report::{Fix, Location};
use crate::rules::{
    declare_rule, needs_rserver, Applicability, DeploymentRule, Sink, Subject, Violation,
};

declare_rule! {
    /// ## What it checks
    /// `ssl-certificate` or `ssl-certificate-key` is set in rserver.conf while `ssl-enabled` is off or
    /// not set (its default is 0).
    ///
    /// ## Why it breaks Workbench
    /// The certificate files are ignored and Workbench serves plain HTTP. Admins often believe HTTPS is on
    /// because the certificate lines are there.
    ///
    /// ## How to fix
    /// If Workbench itself should serve HTTPS, add `ssl-enabled=1` (and update
    /// `launcher-sessions-callback-address` to `https://`). If TLS ends at a proxy in front of Workbench,
    /// delete the certificate lines and set `auth-cookies-force-secure=1`.
    ///
    /// ## References
    /// - Posit Workbench Admin Guide: Access and Security, "Secure Sockets (SSL)"; "Running with a Proxy".
    pub struct SslSettingsIgnored {
        name: "ssl-settings-ignored",
        severity: Warning,
        channel: A,
        summary: "ssl-certificate* is set while ssl-enabled is off: the files are ignored",
        fix: Sometimes,
    }
}

impl DeploymentRule for SslSettingsIgnored {
    fn applies(&self, d: &DeploymentFacts) -> Applicability {
        match d.rserver() {
            Some(r) if !r.flag("ssl-enabled") => Applicability::Applies,
            Some(_) => Applicability::Skip,
            None => needs_rserver(d, "browser SSL settings"),
        }
    }

    fn check(&self, d: &DeploymentFacts, out: &mut Sink) {
        let Some(r) = d.rserver() else { return };
        let set: Vec<_> = ["ssl-certificate", "ssl-certificate-key"]
            .into_iter()
            .filter(|k| r.is_set(k))
            .map(|k| r.get(k))
            .collect();
        let Some(first) = set.first() else { return };
        out.report(Subject::At(first.location()), Ignored { set, rserver: r });
    }
}

/// Certificate settings that `ssl-enabled` being off makes rserver ignore.
struct Ignored<'a> {
    /// `ssl-certificate` and/or `ssl-certificate-key`, those that are set.
    set: Vec<Setting<'a>>,
    rserver: Settings<'a>,
}

impl Violation for Ignored<'_> {
    type Level = Level;
    fn level(&self) -> Level {
        Level::Warning
    }
    fn message(&self) -> String {
        let names: Vec<String> = self.set.iter().map(|s| format!("`{}`", s.key)).collect();
        format!(
            "{} {} set, but {}: the files are ignored and Workbench serves plain HTTP.",
            names.join(" and "),
            if self.set.len() > 1 { "are" } else { "is" },
            ssl_state(&self.rserver)
        )
    }
    fn help(&self) -> String {
        "Add `ssl-enabled=1` if Workbench should serve HTTPS itself; if a proxy terminates TLS, delete these lines.".into()
    }
    fn related(&self) -> Vec<Location> {
        self.set.iter().skip(1).map(|s| s.location()).collect()
    }
    fn fix(&self) -> Option<Fix> {
        // What setting a certificate says was meant; behind a TLS proxy the lines go instead, which
        // only a person knows.
        crate::edits::fix(
            "Set `ssl-enabled=1`, so that Workbench serves HTTPS with these files",
            crate::report::FixSafety::NeedsReview,
            crate::edits::set_rserver(&self.rserver, "ssl-enabled", "1"),
        )
    }
}

fn ssl_state(r: &crate::config::Settings) -> String {
    let s = r.get("ssl-enabled");
    if s.is_default() {
        "`ssl-enabled` is not set (default 0)".to_string()
    } else {
        format!("{} turns SSL off", s.describe())
    }
}
