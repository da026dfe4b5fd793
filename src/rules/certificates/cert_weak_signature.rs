use crate::facts::Facts;
use crate::rules::certificates::{any_certificate, position};
use crate::rules::{declare_rule, Applicability, ModelRule, Sink, Subject, Violation};

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
                    out.report(
                        Subject::File(file, file.location(i)),
                        WeakSignature {
                            file: &file.name,
                            which: position(file, i),
                            hash,
                            algorithm: cert.signature.name(),
                        },
                    );
                }
            }
        }
    }
}

/// A certificate signed with a broken hash.
struct WeakSignature<'a> {
    file: &'a str,
    /// Which certificate of the file, in words.
    which: String,
    /// The hash (MD5, SHA-1).
    hash: &'static str,
    /// The signature algorithm's name.
    algorithm: String,
}

impl Violation for WeakSignature<'_> {
    type Level = Level;
    fn level(&self) -> Level {
        Level::Error
    }
    fn message(&self) -> String {
        format!(
            "In `{}`, {} is signed with {} ({}), which clients reject.",
            self.file, self.which, self.hash, self.algorithm
        )
    }
    fn help(&self) -> String {
        "Have it re-issued with a SHA-256 signature (for an intermediate: download the current one from your CA).".into()
    }
}
