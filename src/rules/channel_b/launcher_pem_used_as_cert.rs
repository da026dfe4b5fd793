use crate::config::Setting;
use crate::facts::DeploymentFacts;
use crate::input::base_name;
use crate::rules::{declare_rule, Applicability, DeploymentRule, Sink, Subject, Violation};

declare_rule! {
    /// ## What it checks
    /// An SSL certificate or key setting (`ssl-certificate`, `ssl-certificate-key` in rserver.conf;
    /// `certificate-file`, `certificate-key-file` in launcher.conf) that names `launcher.pem` or
    /// `launcher.pub`.
    ///
    /// ## Why it breaks Workbench
    /// `/etc/rstudio/launcher.pem` and `launcher.pub` are an RSA key pair that Workbench uses to sign
    /// Launcher session requests; they are not TLS certificates. `launcher.pub` is a bare public key, so
    /// the web server or the Launcher fails to load it as a certificate; and serving `launcher.pem` as a
    /// TLS key exposes the signing key to a second purpose and to other permissions.
    ///
    /// ## How to fix
    /// Point the SSL settings at a real certificate and its key (PEM files beginning with
    /// `-----BEGIN CERTIFICATE-----` and `-----BEGIN PRIVATE KEY-----`), and leave `launcher.pem` and
    /// `launcher.pub` for their own purpose.
    ///
    /// ## References
    /// - Posit Workbench Admin Guide: Job Launcher "Configuration" (launcher.pem / launcher.pub);
    ///   Load Balancing (identical launcher.pem on every node).
    pub struct LauncherPemUsedAsCert {
        name: "launcher-pem-used-as-cert",
        severity: Error,
        channel: B,
        summary: "launcher.pem/launcher.pub (the session signing pair) is named as an SSL certificate or key",
    }
}

const JWT_FILES: [&str; 2] = ["launcher.pem", "launcher.pub"];

impl DeploymentRule for LauncherPemUsedAsCert {
    fn applies(&self, d: &DeploymentFacts) -> Applicability {
        if d.rserver_file().is_some() || d.launcher().is_some() {
            Applicability::Applies
        } else {
            Applicability::Skip
        }
    }

    fn check(&self, d: &DeploymentFacts, out: &mut Sink) {
        let mut settings = Vec::new();
        if let Some(r) = d.rserver() {
            settings.extend(["ssl-certificate", "ssl-certificate-key"].map(|k| r.get(k)));
        }
        if let Some(l) = d.launcher() {
            settings.extend(["certificate-file", "certificate-key-file"].map(|k| l.server.get(k)));
        }
        for s in settings.into_iter().filter(|s| !s.is_default()) {
            if JWT_FILES.contains(&base_name(&s.value)) {
                out.report(Subject::At(s.location()), SigningPairAsTls { setting: s });
            }
        }
    }
}

/// A TLS certificate or key setting that names `launcher.pem` or `launcher.pub`.
struct SigningPairAsTls<'a> {
    setting: Setting<'a>,
}

impl Violation for SigningPairAsTls<'_> {
    type Level = Level;
    fn level(&self) -> Level {
        Level::Error
    }
    fn message(&self) -> String {
        let s = &self.setting;
        format!(
            "{} names `{}`, Workbench's session-signing key pair, not a TLS certificate or key.",
            s.describe(),
            base_name(&s.value)
        )
    }
    fn help(&self) -> String {
        let s = &self.setting;
        format!(
            "Point `{}` at the real TLS {} file.",
            s.key,
            if s.key.contains("key") {
                "private key"
            } else {
                "certificate"
            }
        )
    }
}
