use crate::facts::Facts;
use crate::pki::Role;
use crate::report::Severity;
use crate::rules::certificates::any_certificate;
use crate::rules::{declare_rule, Applicability, ModelRule, Sink};

declare_rule! {
    /// ## What it checks
    /// A server certificate with no subjectAltName extension, so its only name is the subject CN.
    /// Error for Workbench's certificate, warning for the Launcher's and for certificates no setting
    /// names.
    ///
    /// ## Why it breaks Workbench
    /// Browsers have ignored the CN since 2017 (Chrome 58): without a subjectAltName every browser shows
    /// "NET::ERR_CERT_COMMON_NAME_INVALID". Some TLS libraries used by rserver and sessions still accept
    /// the CN, which is why this is only a warning for the Launcher.
    ///
    /// ## How to fix
    /// Re-issue the certificate with the names in subjectAltName, e.g. for a self-signed one:
    /// `openssl req -x509 -newkey rsa:2048 -nodes -days 825 -subj /CN=wb.example.org -addext "subjectAltName=DNS:wb.example.org" -keyout wb.key -out wb.crt`,
    /// or ask your CA to include the DNS names (and IP addresses, if users type them).
    ///
    /// ## References
    /// - RFC 6125 §6.4.4 (CN only as a last resort); CA/Browser Forum Baseline Requirements §7.1.2.
    pub struct CertCnOnly {
        name: "cert-cn-only",
        severity: Error | Warning,
        severity_when: "warning when the certificate is not Workbench's own (channel a), where only some clients refuse a certificate without subjectAltName",
        channel: None | A | B | C,
        summary: "A server certificate has no subjectAltName (its name is only in the CN)",
    }
}

impl ModelRule for CertCnOnly {
    fn applies(&self, model: &Facts) -> Applicability {
        any_certificate(model)
    }

    fn check(&self, model: &Facts, out: &mut Sink) {
        for file in &model.pki {
            let (Some(&leaf), Some(cert)) = (file.chain.path.first(), file.leaf()) else {
                continue;
            };
            if cert.has_san || cert.is_ca() {
                continue;
            }
            let severity = if file.role == Role::RserverCertificate {
                Severity::Error
            } else {
                Severity::Warning
            };
            out.emit_for(
                file,
                severity,
                file.location(leaf),
                format!("The certificate `{}` in `{}` has no subjectAltName: browsers and current TLS clients ignore its CN.", cert.short_name(), file.name),
                format!("Re-issue it with `subjectAltName=DNS:{}` (plus every other name or IP clients use).", cert.common_names.first().map(String::as_str).unwrap_or("<host name>")),
            );
        }
    }
}
