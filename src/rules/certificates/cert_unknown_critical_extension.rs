use crate::facts::Facts;
use crate::report::Severity;
use crate::rules::certificates::{any_certificate, emit_for_chain, served_chain_certificates};
use crate::rules::{declare_rule, Applicability, ModelRule, Sink};

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
            emit_for_chain(
                out,
                model,
                file,
                Severity::Error,
                file.location(i),
                format!(
                    "In `{}`, {} has a critical extension that TLS clients do not process ({}), so they refuse it.",
                    file.name,
                    place.words(cert),
                    profile.unknown_critical.join(", ")
                ),
                "Re-issue the certificate without that extension (or with it not critical).",
            );
        }
    }
}
