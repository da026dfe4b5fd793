use crate::facts::Facts;
use crate::report::Severity;
use crate::rules::certificates::{any_certificate, position};
use crate::rules::{declare_rule, Applicability, ModelRule, Sink};

declare_rule! {
    /// ## What it checks
    /// The server certificate or an intermediate CA in its chain signed with MD5 or SHA-1. A root's
    /// signature on itself is not judged: clients trust roots by identity, not by that signature.
    ///
    /// ## Why it breaks Workbench
    /// SHA-1 and MD5 collisions are practical, and browsers and current OpenSSL security levels reject
    /// such certificates ("CA signature digest algorithm too weak").
    ///
    /// ## How to fix
    /// Get the certificate (or the current intermediate) re-issued with SHA-256 and replace it in the
    /// file.
    ///
    /// ## References
    /// - CA/Browser Forum Baseline Requirements §7.1.3 (SHA-1 deprecation); RFC 6151 (MD5).
    pub struct CertWeakSignature {
        name: "cert-weak-signature",
        severity: Error,
        channel: None | A | B | C,
        summary: "The server certificate or an intermediate is signed with MD5 or SHA-1",
    }
}

impl ModelRule for CertWeakSignature {
    fn applies(&self, model: &Facts) -> Applicability {
        any_certificate(model)
    }

    fn check(&self, model: &Facts, out: &mut Sink) {
        for file in &model.pki {
            for &i in &file.chain.path {
                let Some(cert) = file.cert(i) else { continue };
                if cert.self_signed() {
                    continue;
                }
                if let Some(hash) = cert.signature.weak_hash() {
                    out.emit_for(
                        file,
                        Severity::Error,
                        file.location(i),
                        format!("In `{}`, {} is signed with {hash} ({}), which clients reject.", file.name, position(file, i), cert.signature.name()),
                        "Have it re-issued with a SHA-256 signature (for an intermediate: download the current one from your CA).",
                    );
                }
            }
        }
    }
}
