use crate::model::Model;
use crate::report::Severity;
use crate::rules::certificates::any_certificate;
use crate::rules::{declare_rule, Applicability, ModelRule, Sink};

declare_rule! {
    /// ## What it checks
    /// A certificate in the file that is named as the issuer of another (same subject name) but whose key
    /// did not make that certificate's signature. Signatures are verified for RSA (PKCS#1 v1.5 with
    /// SHA-1/256/384/512), ECDSA P-256/P-384 and Ed25519.
    ///
    /// ## Why it breaks Workbench
    /// The chain looks right by name but is wrong: typically an old intermediate with the same name as
    /// the current one (CAs re-key and keep names), or a certificate renewed under a new CA key. Every
    /// client fails verification.
    ///
    /// ## How to fix
    /// Download the current intermediate from your CA (the one that matches the certificate's Authority
    /// Key Identifier) and replace the old one. Check with `openssl verify -untrusted intermediate.crt
    /// server.crt`.
    ///
    /// ## References
    /// - RFC 5280 §6 (path validation).
    pub struct ChainSignatureInvalid {
        name: "chain-signature-invalid",
        severity: Error,
        channel: None,
        summary: "A certificate named as issuer did not sign its subject (wrong same-named CA)",
    }
}

impl ModelRule for ChainSignatureInvalid {
    fn applies(&self, model: &Model) -> Applicability {
        any_certificate(model)
    }

    fn check(&self, model: &Model, out: &mut Sink) {
        for file in &model.pki {
            for &(child, issuer) in &file.chain.bad_signatures {
                let (Some(c), Some(i)) = (file.cert(child), file.cert(issuer)) else {
                    continue;
                };
                let f = out.emit_for(
                    file,
                    Severity::Error,
                    file.location(child),
                    format!(
                        "In `{}`, block {} (`{}`) names `{}` as its issuer, but the key of block {} with that name did not sign it.",
                        file.name,
                        file.blocks[child].index,
                        c.short_name(),
                        i.short_name(),
                        file.blocks[issuer].index
                    ),
                    "Replace the CA certificate with the current one from your CA (the one whose key signed this certificate).",
                );
                f.related.push(file.location(issuer));
            }
        }
    }
}
