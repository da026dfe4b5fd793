use crate::config::Setting;
use crate::facts::DeploymentFacts;
use crate::pki::hostname::HostMatch;
use crate::pki::Role;
use crate::report::Location;
use crate::rules::{
    declare_rule, needs_both, Applicability, DeploymentRule, Sink, Subject, Violation,
};

declare_rule! {
    /// ## What it checks
    /// Whether the Launcher serves the same certificate as Workbench: launcher.conf `certificate-file`
    /// names the same file as rserver.conf `ssl-certificate`, or, when both files are given, the two
    /// hold the same server certificate (same SHA-256 fingerprint) under different names. The finding
    /// names the host rserver dials the Launcher at and whether the certificate covers it; when it does
    /// not, `launcher-cert-hostname-mismatch` reports the refusal, and each finding names the other.
    ///
    /// ## Why it breaks Workbench
    /// Workbench's certificate names the public host users type (`workbench.example.org`), while rserver
    /// reaches the Launcher as `launcher-address`, usually `localhost`. A certificate that does not name
    /// `localhost` fails verification on channel b, and admins then turn verification off. It also needs
    /// the stricter root-only permissions of the Workbench key, which the Launcher's `server-user` cannot
    /// read. Posit strongly recommends a separate certificate for the Launcher.
    ///
    /// ## How to fix
    /// Create a certificate for the Launcher whose subjectAltName covers `launcher-address`, e.g.
    /// `openssl req -x509 -newkey rsa:2048 -nodes -days 825 -subj /CN=localhost -addext "subjectAltName=DNS:localhost,IP:127.0.0.1" -keyout launcher.key -out launcher.crt`,
    /// point `certificate-file`/`certificate-key-file` at it, owned by `rstudio-server` with mode 400, and
    /// trust it on the Workbench host.
    ///
    /// ## References
    /// - Posit support: "Using SSL with Posit Workbench" (separate Launcher certificate).
    /// - Posit Workbench Admin Guide: Job Launcher "Configuration", SSL considerations.
    pub struct LauncherCertSameAsServer {
        name: "launcher-cert-same-as-server",
        severity: Warning,
        channel: B,
        summary: "The Launcher uses the same certificate as Workbench",
    }
}

impl DeploymentRule for LauncherCertSameAsServer {
    fn applies(&self, d: &DeploymentFacts) -> Applicability {
        match (d.rserver(), d.launcher()) {
            (Some(r), Some(l))
                if r.is_set("ssl-certificate") && l.server.is_set("certificate-file") =>
            {
                Applicability::Applies
            }
            (Some(_), Some(_)) => Applicability::Skip,
            _ => match needs_both(d, "whether the Launcher reuses Workbench's certificate") {
                n @ Applicability::NotChecked { .. }
                    if d.rserver().is_some_and(|r| r.flag("launcher-use-ssl"))
                        || d.launcher().is_some_and(|l| l.server.flag("enable-ssl")) =>
                {
                    n
                }
                _ => Applicability::Skip,
            },
        }
    }

    fn check(&self, d: &DeploymentFacts, out: &mut Sink) {
        let (Some(r), Some(l)) = (d.rserver(), d.launcher()) else {
            return;
        };
        let server_cert = r.get("ssl-certificate");
        let launcher_cert = l.server.get("certificate-file");
        let Some(same_file) = shared(d) else {
            return;
        };
        let launcher_host = d.launcher_host();
        // What the shared certificate makes of the host rserver dials: `Some(false)` is what
        // launcher-cert-hostname-mismatch reports (with SSL to the Launcher).
        let covers = match (
            d.model
                .file_for(d.deployment, Role::LauncherCertificate)
                .and_then(|f| f.leaf()),
            &launcher_host,
        ) {
            (Some(cert), Some(host)) if !crate::net::is_socket_path(host) => {
                Some(crate::pki::hostname::matches(cert, host) != HostMatch::No)
            }
            _ => None,
        };
        let same_key = r.value("ssl-certificate-key").is_some()
            && r.value("ssl-certificate-key") == l.server.value("certificate-key-file");
        out.report(
            Subject::At(launcher_cert.location()),
            SharedCertificate {
                server_cert,
                same_file,
                same_key,
                launcher_host,
                covers,
                mismatch_reported: covers == Some(false) && r.flag("launcher-use-ssl"),
            },
        );
    }
}

/// The Launcher serving Workbench's certificate: the same file, or the same certificate.
struct SharedCertificate<'a> {
    /// rserver.conf's `ssl-certificate`.
    server_cert: Setting<'a>,
    /// Whether both settings name one file (else two files hold the same certificate).
    same_file: bool,
    /// Whether the key setting names one file too.
    same_key: bool,
    /// The host rserver dials the Launcher at, when known.
    launcher_host: Option<String>,
    /// Whether the certificate covers that host (`None`: not known).
    covers: Option<bool>,
    /// `launcher-cert-hostname-mismatch` reports that it does not.
    mismatch_reported: bool,
}

/// Whether the Launcher serves Workbench's certificate: `Some(true)` when both settings name one
/// file, `Some(false)` when two files hold the same certificate, `None` when it does not.
pub(crate) fn shared(d: &DeploymentFacts) -> Option<bool> {
    let (r, l) = (d.rserver()?, d.launcher()?);
    let same_file = r.is_set("ssl-certificate")
        && r.value("ssl-certificate") == l.server.value("certificate-file");
    let leaf = |role| d.model.file_for(d.deployment, role).and_then(|f| f.leaf());
    let same_certificate = match (
        leaf(Role::RserverCertificate),
        leaf(Role::LauncherCertificate),
    ) {
        (Some(a), Some(b)) => a.sha256 == b.sha256,
        _ => false,
    };
    (same_file || same_certificate).then_some(same_file)
}

impl Violation for SharedCertificate<'_> {
    type Level = Level;
    fn level(&self) -> Level {
        Level::Warning
    }
    fn message(&self) -> String {
        let what = if self.same_file {
            "the same certificate file"
        } else {
            "the same certificate (same SHA-256 fingerprint)"
        };
        let dialled = match &self.launcher_host {
            Some(h) => format!("`{h}`, the host rserver dials the Launcher at"),
            None => "the host rserver dials the Launcher at (`launcher-address`)".to_string(),
        };
        let names = match (self.covers, self.mismatch_reported) {
            (Some(false), true) => format!("it names the public host users type, not {dialled}, so rserver refuses it (`launcher-cert-hostname-mismatch` is this same cause, seen from rserver)"),
            (Some(false), false) => format!("it names the public host users type, not {dialled}"),
            (Some(true), _) => format!("it names {dialled} too, but the Launcher must then read Workbench's key, and every renewal of the public certificate changes the Launcher's"),
            (None, _) => format!("a certificate for the public host users type rarely names {dialled}"),
        };
        format!(
            "The Launcher serves {what} as Workbench ({}){}: {names}.",
            self.server_cert.describe(),
            if self.same_key {
                " and the same key"
            } else {
                ""
            },
        )
    }
    fn help(&self) -> String {
        match &self.launcher_host {
            Some(h) => format!("Give the Launcher its own certificate whose subjectAltName covers `{h}` (`launcher-address`), e.g. DNS:localhost, IP:127.0.0.1 for a Launcher on the same host."),
            None => "Give the Launcher its own certificate whose subjectAltName covers `launcher-address` (e.g. DNS:localhost, IP:127.0.0.1).".into(),
        }
    }
    fn related(&self) -> Vec<Location> {
        vec![self.server_cert.location()]
    }
}
