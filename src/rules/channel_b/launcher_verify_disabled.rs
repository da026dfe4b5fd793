use crate::facts::DeploymentFacts;
use crate::rules::{declare_rule, needs_rserver, Applicability, DeploymentRule, Sink};

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
        let f = out.emit(
            r.get("launcher-verify-ssl-certs").location(),
            "`launcher-verify-ssl-certs=0`: rserver does not verify the Launcher's certificate, so the connection is encrypted but anyone on the path can impersonate the Launcher.",
            "Trust the Launcher certificate's CA on this host and remove `launcher-verify-ssl-certs=0` (keep it only for testing).",
        );
        if let Some(e) = r.explicit("launcher-verify-ssl-certs") {
            f.fix = crate::edits::fix(
                "Delete `launcher-verify-ssl-certs=0` (once this host trusts the Launcher's CA)",
                crate::report::FixSafety::NeedsReview,
                vec![crate::edits::delete_entry(r.file, e)],
            );
        }
    }
}
