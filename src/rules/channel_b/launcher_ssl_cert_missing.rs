use crate::config::Setting;
use crate::facts::DeploymentFacts;
use crate::report::Location;
use crate::rules::{declare_rule, Applicability, DeploymentRule, Sink, Subject, Violation};

declare_rule! {
    /// ## What it checks
    /// With `enable-ssl=1` in launcher.conf's `[server]`, both `certificate-file` and
    /// `certificate-key-file` must be set.
    ///
    /// ## Why it breaks Workbench
    /// The Launcher cannot serve HTTPS without a certificate and key; it fails to start, and rserver
    /// cannot start Launcher sessions or jobs.
    ///
    /// ## How to fix
    /// Add both to launcher.conf's `[server]` section; the files must be readable by the Launcher's
    /// `server-user` (recommended owner `rstudio-server`, mode 400):
    ///
    /// ```ini
    /// enable-ssl=1
    /// certificate-file=/etc/rstudio/launcher.crt
    /// certificate-key-file=/etc/rstudio/launcher.key
    /// ```
    ///
    /// The certificate must name the host rserver dials (`launcher-address`), e.g. `localhost`.
    ///
    /// ## References
    /// - Posit Workbench Admin Guide: launcher.conf reference; Job Launcher "Configuration", SSL.
    pub struct LauncherSslCertMissing {
        name: "launcher-ssl-cert-missing",
        severity: Error,
        channel: B,
        summary: "launcher.conf enable-ssl is on but certificate-file or certificate-key-file is unset",
    }
}

impl DeploymentRule for LauncherSslCertMissing {
    fn applies(&self, d: &DeploymentFacts) -> Applicability {
        match d.launcher() {
            Some(l) if l.server.flag("enable-ssl") => Applicability::Applies,
            _ => Applicability::Skip,
        }
    }

    fn check(&self, d: &DeploymentFacts, out: &mut Sink) {
        let Some(l) = d.launcher() else { return };
        let enabled = l.server.get("enable-ssl");
        for key in ["certificate-file", "certificate-key-file"] {
            if !l.server.is_set(key) {
                out.report(
                    Subject::At(if enabled.is_default() {
                        Location::file(&l.file.name)
                    } else {
                        enabled.location()
                    }),
                    Unset {
                        enabled: enabled.clone(),
                        key,
                    },
                );
            }
        }
    }
}

/// A certificate or key setting left unset while `enable-ssl` turns the Launcher's HTTPS on.
struct Unset<'a> {
    enabled: Setting<'a>,
    /// `certificate-file` or `certificate-key-file`.
    key: &'static str,
}

impl Violation for Unset<'_> {
    type Level = Level;
    fn level(&self) -> Level {
        Level::Error
    }
    fn message(&self) -> String {
        format!(
            "{} turns on HTTPS for the Launcher, but `{}` is not set.",
            self.enabled.describe(),
            self.key
        )
    }
    fn help(&self) -> String {
        let key = self.key;
        format!(
            "Add `{key}=/etc/rstudio/launcher.{}` (your file's path) to launcher.conf's [server].",
            if key == "certificate-file" {
                "crt"
            } else {
                "key"
            }
        )
    }
}
