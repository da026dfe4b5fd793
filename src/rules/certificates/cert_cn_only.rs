use crate::facts::Facts;
use crate::pki::Role;
use crate::rules::certificates::any_certificate;
use crate::rules::{declare_rule, Applicability, ModelRule, Sink, Subject, Violation};

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
            out.report(
                Subject::File(file, file.location(leaf)),
                CnOnly {
                    file: &file.name,
                    cert: cert.short_name(),
                    common_name: cert.common_names.first().map(String::as_str),
                    workbench_own: file.role == Role::RserverCertificate,
                },
            );
        }
    }
}

/// A server certificate whose name is only in its CN.
struct CnOnly<'a> {
    file: &'a str,
    cert: String,
    common_name: Option<&'a str>,
    /// Whether it is Workbench's own certificate (rserver's `ssl-certificate`).
    workbench_own: bool,
}

impl Violation for CnOnly<'_> {
    type Level = Level;
    fn level(&self) -> Level {
        if self.workbench_own {
            Level::Error
        } else {
            Level::Warning
        }
    }
    fn message(&self) -> String {
        format!("The certificate `{}` in `{}` has no subjectAltName: browsers and current TLS clients ignore its CN.", self.cert, self.file)
    }
    fn help(&self) -> String {
        format!(
            "Re-issue it with `subjectAltName=DNS:{}` (plus every other name or IP clients use).",
            self.common_name.unwrap_or("<host name>")
        )
    }
}
