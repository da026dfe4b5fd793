use crate::facts::DeploymentFacts;
use crate::report::Location;
use crate::rules::{declare_rule, Applicability, DeploymentRule, Sink};

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
                out.emit(
                    if enabled.is_default() { Location::file(&l.file.name) } else { enabled.location() },
                    format!("{} turns on HTTPS for the Launcher, but `{key}` is not set.", enabled.describe()),
                    format!("Add `{key}=/etc/rstudio/launcher.{}` (your file's path) to launcher.conf's [server].", if key == "certificate-file" { "crt" } else { "key" }),
                );
            }
        }
    }
}
