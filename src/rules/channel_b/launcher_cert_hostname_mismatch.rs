use crate::facts::DeploymentFacts;
use crate::net;
use crate::pki::hostname::{self, HostMatch};
use crate::pki::Role;
use crate::report::Location;
use crate::rules::{
    declare_rule, missing, Applicability, DeploymentRule, Sink, Subject, Violation,
};

declare_rule! {
    /// ## What it checks
    /// With SSL to the Launcher (`launcher-use-ssl=1`), whether the Launcher's certificate (the first in
    /// launcher.conf `certificate-file`) covers the host rserver dials, `launcher-address`: a DNS
    /// subjectAltName for a name (`localhost` included), an IP subjectAltName for an IP address. The CN
    /// counts only when the certificate has no subjectAltName at all (then `cert-cn-only` warns too).
    /// When the certificate is Workbench's own, `launcher-cert-same-as-server` reports that cause too,
    /// and each finding names the other.
    ///
    /// ## Why it breaks Workbench
    /// rserver verifies the Launcher's certificate against `launcher-address`. The classic case: the
    /// Launcher reuses Workbench's public certificate (`wb.example.org`) while rserver dials `localhost`;
    /// every session launch then fails with a certificate verification error, and admins end up turning
    /// verification off.
    ///
    /// ## How to fix
    /// Issue the Launcher a certificate for the name rserver uses, e.g. for `localhost`:
    /// `openssl req -x509 -newkey rsa:2048 -nodes -days 825 -subj /CN=localhost -addext "subjectAltName=DNS:localhost,IP:127.0.0.1" -keyout launcher.key -out launcher.crt`,
    /// and trust it on the Workbench host; or set `launcher-address` to a name the certificate has.
    ///
    /// ## References
    /// - Posit Workbench Admin Guide: Job Launcher "Configuration", SSL considerations.
    /// - rstudio/helm#226 (Launcher certificate for `localhost`).
    pub struct LauncherCertHostnameMismatch {
        name: "launcher-cert-hostname-mismatch",
        severity: Error,
        channel: B,
        summary: "The Launcher certificate does not cover launcher-address",
    }
}

impl DeploymentRule for LauncherCertHostnameMismatch {
    fn applies(&self, d: &DeploymentFacts) -> Applicability {
        let Some(r) = d.rserver() else {
            return Applicability::Skip;
        };
        if !r.flag("launcher-use-ssl") || d.launcher_host().is_none_or(|h| net::is_socket_path(&h))
        {
            return Applicability::Skip;
        }
        if d.model
            .file_for(d.deployment, Role::LauncherCertificate)
            .and_then(|f| f.leaf())
            .is_some()
        {
            Applicability::Applies
        } else {
            missing(
                "the Launcher's certificate file",
                "whether the Launcher certificate covers launcher-address",
            )
        }
    }

    fn check(&self, d: &DeploymentFacts, out: &mut Sink) {
        let (Some(file), Some(host), Some(r)) = (
            d.model.file_for(d.deployment, Role::LauncherCertificate),
            d.launcher_host(),
            d.rserver(),
        ) else {
            return;
        };
        let Some(cert) = file.leaf() else { return };
        if hostname::matches(cert, &host) == HostMatch::No {
            out.report(
                Subject::Role(Role::LauncherCertificate, file.location(file.chain.path[0])),
                NotCovered {
                    host,
                    cert_name: cert.short_name(),
                    names: cert.names(),
                    launcher_address: r.get("launcher-address").location(),
                    workbench_cert: super::launcher_cert_same_as_server::shared(d).is_some(),
                },
            );
        }
    }
}

/// The host rserver dials, which the Launcher certificate's names do not cover.
struct NotCovered {
    host: String,
    /// The certificate's short name (its CN, or its first name).
    cert_name: String,
    /// Its subjectAltNames.
    names: Vec<String>,
    launcher_address: Location,
    /// It is Workbench's own certificate: `launcher-cert-same-as-server` reports that.
    workbench_cert: bool,
}

impl Violation for NotCovered {
    type Level = Level;
    fn level(&self) -> Level {
        Level::Error
    }
    fn message(&self) -> String {
        format!(
            "rserver dials the Launcher as `{}`, but the Launcher certificate `{}` names {}.",
            self.host,
            self.cert_name,
            if self.names.is_empty() {
                format!("only the CN `{}`", self.cert_name)
            } else {
                self.names.join(", ")
            }
        ) + if self.workbench_cert {
            " It is Workbench's own certificate: `launcher-cert-same-as-server` is this same cause, seen from the Launcher's settings."
        } else {
            ""
        }
    }
    fn help(&self) -> String {
        let host = &self.host;
        format!("Issue the Launcher a certificate with `subjectAltName={}:{host}` (the request: `{}`), or set `launcher-address` to a name it has.", if net::is_ip(host) { "IP" } else { "DNS" }, crate::rules::csr_command(host, &[]))
    }
    fn related(&self) -> Vec<Location> {
        vec![self.launcher_address.clone()]
    }
}
