use crate::facts::Facts;
use crate::rules::certificates::any_certificate;
use crate::rules::{declare_rule, Applicability, ModelRule, Sink, Subject, Violation};

declare_rule! {
    /// ## What it checks
    /// A server certificate whose extendedKeyUsage does not include `serverAuth` (TLS Web Server
    /// Authentication), or whose keyUsage has neither `digitalSignature` nor `keyEncipherment`.
    ///
    /// ## Why it breaks Workbench
    /// Clients refuse a certificate that is not allowed for TLS servers ("unsupported certificate
    /// purpose"): common when a client, e-mail or code-signing certificate, or a CA certificate, was
    /// installed as the server certificate.
    ///
    /// ## How to fix
    /// Request a server certificate: in a CSR or a self-made certificate add
    /// `-addext "extendedKeyUsage=serverAuth" -addext "keyUsage=digitalSignature,keyEncipherment"`.
    /// Check with `openssl x509 -in server.crt -noout -ext extendedKeyUsage,keyUsage`.
    ///
    /// ## References
    /// - RFC 5280 §4.2.1.3 and §4.2.1.12; RFC 5246 §7.4.2.
    pub struct CertNotServerAuth {
        name: "cert-not-server-auth",
        severity: Error,
        channel: None | A | B | C,
        summary: "The server certificate is not allowed for TLS servers (EKU/KU)",
    }
}

impl ModelRule for CertNotServerAuth {
    fn applies(&self, model: &Facts) -> Applicability {
        any_certificate(model)
    }

    fn check(&self, model: &Facts, out: &mut Sink) {
        for file in &model.pki {
            let (Some(&leaf), Some(cert)) = (file.chain.path.first(), file.leaf()) else {
                continue;
            };
            if cert.is_ca() {
                continue;
            }
            let mut problems = Vec::new();
            if let Some((server_auth, any)) = cert.ext_key_usage {
                if !server_auth && !any {
                    problems.push("its extendedKeyUsage lacks serverAuth");
                }
            }
            if let Some((digital_signature, key_encipherment, _)) = cert.key_usage {
                if !digital_signature && !key_encipherment {
                    problems.push("its keyUsage has neither digitalSignature nor keyEncipherment");
                }
            }
            if !problems.is_empty() {
                out.report(
                    Subject::File(file, file.location(leaf)),
                    NotServerAuth {
                        file: &file.name,
                        cert: cert.short_name(),
                        problems,
                    },
                );
            }
        }
    }
}

/// A server certificate whose key usages do not allow a TLS server.
struct NotServerAuth<'a> {
    file: &'a str,
    cert: String,
    /// What its extendedKeyUsage and keyUsage lack, in words.
    problems: Vec<&'static str>,
}

impl Violation for NotServerAuth<'_> {
    type Level = Level;
    fn level(&self) -> Level {
        Level::Error
    }
    fn message(&self) -> String {
        format!(
            "The certificate `{}` in `{}` is not valid for a TLS server: {}.",
            self.cert,
            self.file,
            self.problems.join(", and ")
        )
    }
    fn help(&self) -> String {
        "Get a server certificate: extendedKeyUsage=serverAuth, keyUsage=digitalSignature,keyEncipherment.".into()
    }
}
