use crate::config::ConfigFile;
use crate::facts::DeploymentFacts;
use crate::input::config_lines::Entry;
use crate::report::Fix;
use crate::rules::{
    declare_rule, needs_rserver, Applicability, DeploymentRule, Sink, Subject, Violation,
};

declare_rule! {
    /// ## What it checks
    /// `launcher-verify-ssl-certs=0` in rserver.conf while rserver talks to the Launcher over SSL
    /// (`launcher-use-ssl=1`).
    ///
    /// ## Why it breaks Workbench
    /// It works, but the connection is encrypted and not authenticated: anyone on the path between
    /// rserver and the Launcher can impersonate the Launcher and receive rserver's signed requests. Posit
    /// documents the setting for testing with self-signed certificates only.
    ///
    /// ## How to fix
    /// Give the Launcher a certificate for the name in `launcher-address`, make its CA trusted on the
    /// Workbench host (RHEL: copy to `/etc/pki/ca-trust/source/anchors/` and run `update-ca-trust`;
    /// Debian/Ubuntu: copy to `/usr/local/share/ca-certificates/` and run `update-ca-certificates`), then
    /// remove `launcher-verify-ssl-certs=0`.
    ///
    /// ## References
    /// - Posit Workbench Admin Guide: Job Launcher "Configuration", SSL considerations.
    pub struct LauncherVerifyDisabled {
        name: "launcher-verify-disabled",
        severity: Warning,
        channel: B,
        summary: "launcher-verify-ssl-certs=0: the Launcher's certificate is not verified",
        fix: Sometimes,
    }
}

impl DeploymentRule for LauncherVerifyDisabled {
    fn applies(&self, d: &DeploymentFacts) -> Applicability {
        match d.rserver() {
            Some(r) if r.flag("launcher-use-ssl") && !r.flag("launcher-verify-ssl-certs") => {
                Applicability::Applies
            }
            Some(_) => Applicability::Skip,
            None => needs_rserver(d, "Launcher certificate verification"),
        }
    }

    fn check(&self, d: &DeploymentFacts, out: &mut Sink) {
        let Some(r) = d.rserver() else { return };
        out.report(
            Subject::At(r.get("launcher-verify-ssl-certs").location()),
            VerifyOff {
                file: r.file,
                entry: r.explicit("launcher-verify-ssl-certs"),
            },
        );
    }
}

/// `launcher-verify-ssl-certs` off while rserver talks to the Launcher over SSL.
struct VerifyOff<'a> {
    file: &'a ConfigFile,
    /// The line that turns it off, when there is one.
    entry: Option<&'a Entry>,
}

impl Violation for VerifyOff<'_> {
    type Level = Level;
    fn level(&self) -> Level {
        Level::Warning
    }
    fn message(&self) -> String {
        "`launcher-verify-ssl-certs=0`: rserver does not verify the Launcher's certificate, so the connection is encrypted but anyone on the path can impersonate the Launcher.".into()
    }
    fn help(&self) -> String {
        "Trust the Launcher certificate's CA on this host and remove `launcher-verify-ssl-certs=0` (keep it only for testing).".into()
    }
    fn fix(&self) -> Option<Fix> {
        let e = self.entry?;
        crate::edits::fix(
            "Delete `launcher-verify-ssl-certs=0` (once this host trusts the Launcher's CA)",
            crate::report::FixSafety::NeedsReview,
            vec![crate::edits::delete_entry(self.file, e)],
        )
        .map(|f| f.guarding(crate::report::Channel::B))
    }
}
