use crate::config::Setting;
use crate::facts::DeploymentFacts;
use crate::rules::{
    declare_rule, needs_rserver, Applicability, DeploymentRule, Sink, Subject, Violation,
};

declare_rule! {
    /// ## What it checks
    /// With `ssl-enabled=1` in rserver.conf, both `ssl-certificate` and `ssl-certificate-key` must be set.
    ///
    /// ## Why it breaks Workbench
    /// Workbench's built-in web server cannot serve HTTPS without a certificate and its key; rserver fails
    /// to start its web server and browsers cannot connect at all.
    ///
    /// ## How to fix
    /// Set both paths in `/etc/rstudio/rserver.conf`:
    ///
    /// ```ini
    /// ssl-enabled=1
    /// ssl-certificate=/etc/rstudio/ssl/workbench.crt
    /// ssl-certificate-key=/etc/rstudio/ssl/workbench.key
    /// ```
    ///
    /// The certificate file holds the server certificate first, then its intermediate CA certificates.
    /// Then `sudo rstudio-server restart`.
    ///
    /// ## References
    /// - Posit Workbench Admin Guide: Access and Security, "Secure Sockets (SSL)".
    pub struct SslCertMissing {
        name: "ssl-cert-missing",
        severity: Error,
        channel: A,
        summary: "ssl-enabled is on but ssl-certificate or ssl-certificate-key is unset",
    }
}

impl DeploymentRule for SslCertMissing {
    fn applies(&self, d: &DeploymentFacts) -> Applicability {
        match d.rserver() {
            Some(r) if r.flag("ssl-enabled") => Applicability::Applies,
            Some(_) => Applicability::Skip,
            None => needs_rserver(d, "browser SSL settings"),
        }
    }

    fn check(&self, d: &DeploymentFacts, out: &mut Sink) {
        let Some(r) = d.rserver() else { return };
        let enabled = r.get("ssl-enabled");
        for key in ["ssl-certificate", "ssl-certificate-key"] {
            if !r.is_set(key) {
                out.report(
                    Subject::At(enabled.location()),
                    Unset {
                        enabled: enabled.clone(),
                        key,
                    },
                );
            }
        }
    }
}

/// A certificate or key setting left unset while `ssl-enabled` turns HTTPS on.
struct Unset<'a> {
    enabled: Setting<'a>,
    /// `ssl-certificate` or `ssl-certificate-key`.
    key: &'static str,
}

impl Violation for Unset<'_> {
    type Level = Level;
    fn level(&self) -> Level {
        Level::Error
    }
    fn message(&self) -> String {
        let key = self.key;
        let what = if key == "ssl-certificate" {
            "certificate"
        } else {
            "private key"
        };
        format!(
            "{} turns HTTPS on, but `{key}` is not set: Workbench has no {what} to serve.",
            self.enabled.describe()
        )
    }
    fn help(&self) -> String {
        let key = self.key;
        format!(
            "Add `{key}=/etc/rstudio/ssl/workbench.{}` (your file's path) to rserver.conf.",
            if key == "ssl-certificate" {
                "crt"
            } else {
                "key"
            }
        )
    }
}
