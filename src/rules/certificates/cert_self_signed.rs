use crate::facts::Facts;
use crate::rules::certificates::any_certificate;
use crate::rules::{declare_rule, Applicability, ModelRule, Sink, Subject, Violation};

declare_rule! {
    /// ## What it checks
    /// A server certificate that signs itself (not issued by a CA).
    ///
    /// ## Why it breaks Workbench
    /// Nobody trusts it by default. Every client must be told to trust this exact certificate: every
    /// user's browser (or they click through a warning), rserver for the Launcher's certificate, and every
    /// session host or image for the callback. When it is renewed, all of them must be updated again.
    ///
    /// ## How to fix
    /// Prefer a certificate from your organisation's CA or a public CA. If you keep it, install it as a
    /// trusted CA on each client: RHEL `cp wb.crt /etc/pki/ca-trust/source/anchors/ && update-ca-trust`;
    /// Debian/Ubuntu `cp wb.crt /usr/local/share/ca-certificates/wb.crt && update-ca-certificates`.
    ///
    /// ## References
    /// - Posit Workbench Admin Guide: Job Launcher "Configuration", SSL considerations.
    pub struct CertSelfSigned {
        name: "cert-self-signed",
        severity: Warning,
        channel: None | A | B | C,
        summary: "A server certificate is self-signed: every client must trust it explicitly",
    }
}

impl ModelRule for CertSelfSigned {
    fn applies(&self, model: &Facts) -> Applicability {
        any_certificate(model)
    }

    fn check(&self, model: &Facts, out: &mut Sink) {
        for file in &model.pki {
            let (Some(&leaf), Some(cert)) = (file.chain.path.first(), file.leaf()) else {
                continue;
            };
            if !file.chain.self_signed_leaf || cert.is_ca() {
                continue;
            }
            out.report(
                Subject::File(file, file.location(leaf)),
                SelfSigned {
                    file: &file.name,
                    cert: cert.short_name(),
                },
            );
        }
    }
}

/// A server certificate that signed itself.
struct SelfSigned<'a> {
    file: &'a str,
    cert: String,
}

impl Violation for SelfSigned<'_> {
    type Level = Level;
    fn level(&self) -> Level {
        Level::Warning
    }
    fn message(&self) -> String {
        format!("The certificate `{}` in `{}` is self-signed: browsers, rserver and session hosts must each be told to trust it.", self.cert, self.file)
    }
    fn help(&self) -> String {
        "Use a certificate from your organisation's CA, or install this one as a trusted CA on every client.".into()
    }
}
