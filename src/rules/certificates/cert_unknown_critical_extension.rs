use crate::facts::Facts;
use crate::rules::certificates::{any_certificate, served_chain_certificates};
use crate::rules::{declare_rule, Applicability, ModelRule, Sink, Subject, Violation};

declare_rule! {
    /// ## What it checks
    /// A certificate of a served chain (the server certificate, its intermediates, or the trusted root
    /// the chain ends at) with an extension marked critical that TLS clients do not process, named by
    /// its OID.
    ///
    /// ## Why it breaks Workbench
    /// RFC 5280 requires a client to refuse a certificate with a critical extension it does not
    /// understand. Browsers, OpenSSL ("unsupported certificate extension", also for the root) and the
    /// sessions' libcurl refuse the chain, so nobody connects.
    ///
    /// ## How to fix
    /// Re-issue the certificate (or re-create the CA) without that extension, or with it not critical.
    /// `openssl x509 -in cert.pem -noout -text` shows which extensions are `critical`.
    ///
    /// ## References
    /// - RFC 5280 §4.2 ("A certificate-using system MUST reject the certificate if it encounters a
    ///   critical extension it does not recognize").
    pub struct CertUnknownCriticalExtension {
        name: "cert-unknown-critical-extension",
        severity: Error,
        channel: None | A | B | C,
        summary: "A certificate of the chain has a critical extension clients do not understand",
    }
}

impl ModelRule for CertUnknownCriticalExtension {
    fn applies(&self, model: &Facts) -> Applicability {
        any_certificate(model)
    }

    fn check(&self, model: &Facts, out: &mut Sink) {
        for (file, i, cert, place) in served_chain_certificates(model) {
            let Ok(profile) = cert.profile() else {
                continue;
            };
            if profile.unknown_critical.is_empty() {
                continue;
            }
            out.report(
                Subject::Chain(model, file, file.location(i)),
                UnknownCritical {
                    file: &file.name,
                    which: place.words(cert),
                    extensions: &profile.unknown_critical,
                },
            );
        }
    }
}

/// A certificate of a served chain with critical extensions that clients do not process.
struct UnknownCritical<'a> {
    file: &'a str,
    /// Which certificate of the chain, in words.
    which: String,
    /// The extensions, by name or OID.
    extensions: &'a [String],
}

impl Violation for UnknownCritical<'_> {
    type Level = Level;
    fn level(&self) -> Level {
        Level::Error
    }
    fn message(&self) -> String {
        format!(
            "In `{}`, {} has a critical extension that TLS clients do not process ({}), so they refuse it.",
            self.file,
            self.which,
            self.extensions.join(", ")
        )
    }
    fn help(&self) -> String {
        "Re-issue the certificate without that extension (or with it not critical).".into()
    }
}
