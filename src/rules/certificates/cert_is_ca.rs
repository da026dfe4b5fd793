use crate::facts::Facts;
use crate::rules::certificates::any_certificate;
use crate::rules::{declare_rule, Applicability, ModelRule, Sink, Subject, Violation};

declare_rule! {
    /// ## What it checks
    /// A server certificate (the first of a file that a certificate setting names) with
    /// basicConstraints `CA:TRUE`.
    ///
    /// ## Why it breaks Workbench
    /// Usually the CA's own certificate was installed instead of the server certificate it signed, or a
    /// self-made certificate was generated with CA options. Current TLS clients reject a CA certificate
    /// used as a server certificate, and a CA certificate rarely names the server.
    ///
    /// ## How to fix
    /// Install the server certificate (the one issued for your host name) first in the file, followed by
    /// the intermediates. Check with `openssl x509 -in server.crt -noout -subject -ext basicConstraints`.
    ///
    /// ## References
    /// - RFC 5280 §4.2.1.9 (basic constraints).
    pub struct CertIsCa {
        name: "cert-is-ca",
        severity: Error,
        channel: None | A | B | C,
        summary: "The server certificate is a CA certificate (basicConstraints CA:TRUE)",
    }
}

impl ModelRule for CertIsCa {
    fn applies(&self, model: &Facts) -> Applicability {
        any_certificate(model)
    }

    fn check(&self, model: &Facts, out: &mut Sink) {
        for file in &model.pki {
            let (Some(&leaf), Some(cert)) = (file.chain.path.first(), file.leaf()) else {
                continue;
            };
            // A self-signed certificate is its own anchor: clients that trust it accept it whatever its
            // basicConstraints say (what `openssl req -x509` made by default for years).
            if cert.is_ca() && !file.chain.self_signed_leaf {
                out.report(
                    Subject::File(file, file.location(leaf)),
                    IsCa {
                        file: &file.name,
                        role: file.role.describe(),
                        cert: cert.short_name(),
                    },
                );
            }
        }
    }
}

/// A file used as a server certificate whose first certificate is a CA.
struct IsCa<'a> {
    file: &'a str,
    /// The file's role, in words.
    role: &'static str,
    cert: String,
}

impl Violation for IsCa<'_> {
    type Level = Level;
    fn level(&self) -> Level {
        Level::Error
    }
    fn message(&self) -> String {
        format!(
            "`{}` is used as {}, but its first certificate `{}` is a CA certificate (CA:TRUE).",
            self.file, self.role, self.cert
        )
    }
    fn help(&self) -> String {
        "Put the server certificate issued for your host name first in the file, then its intermediates.".into()
    }
}
