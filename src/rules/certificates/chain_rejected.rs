use crate::facts::Facts;
use crate::pki::trust::Rejection;
use crate::report::Severity;
use crate::rules::certificates::{any_certificate, rejected};
use crate::rules::{declare_rule, Applicability, ModelRule, Sink};

declare_rule! {
    /// ## What it checks
    /// A served chain that rustls-webpki (the path validator rustls uses) refuses for a reason no
    /// more specific rule explains: a certificate whose encoding a client's X.509 parser refuses (an
    /// extension twice, a malformed extension, a version-1 server certificate, bad dates), a signature
    /// algorithm clients do not accept (DSA, ECDSA on P-192 or P-521, RSA-PSS with unusual parameters),
    /// a signature that does not verify with the issuer's key as clients check it (an RSA issuer key
    /// under 2048 bits, a self-issued CA signed with a rolled-over key), or a chain so tangled that path
    /// building gives up.
    ///
    /// ## Why it breaks Workbench
    /// Browsers, rserver's OpenSSL and the sessions' libcurl refuse such a chain, so users cannot reach
    /// Workbench over HTTPS (or sessions cannot call back). wb-ssl-check does not call a chain
    /// `verified` unless the validator accepts it: a signature it cannot check is reported, never passed.
    ///
    /// ## How to fix
    /// Re-issue the certificate with a current tool and profile: an RSA 2048+ or ECDSA P-256/P-384 key,
    /// a SHA-256 signature, each extension once, X.509 version 3 (`openssl req -x509 ... -addext` or
    /// your CA's standard web-server template). Then replace the file and restart the service.
    ///
    /// ## References
    /// - RFC 5280 §4.1 and §4.2 (certificate and extension syntax).
    /// - CA/Browser Forum Baseline Requirements §6.1.5 and §7.1.3 (keys and algorithms).
    pub struct ChainRejected {
        name: "chain-rejected",
        severity: Error,
        channel: None | A | B | C,
        summary: "Clients' path validation refuses the chain (malformed certificate, unsupported algorithm)",
    }
}

impl ModelRule for ChainRejected {
    fn applies(&self, model: &Facts) -> Applicability {
        any_certificate(model)
    }

    fn check(&self, model: &Facts, out: &mut Sink) {
        let unexplained = |r: &Rejection| {
            matches!(
                r,
                Rejection::Malformed(_)
                    | Rejection::TooComplex
                    | Rejection::UnsupportedSignature
                    | Rejection::BadSignature
            )
        };
        for (_, file, v) in rejected(model, unexplained) {
            // A wrong same-named issuer in the file is chain-signature-invalid's.
            if matches!(
                v.outcome,
                crate::pki::trust::Outcome::Rejected(Rejection::BadSignature)
            ) && !file.chain.bad_signatures.is_empty()
            {
                continue;
            }
            let Some(&leaf) = file.chain.path.first() else {
                continue;
            };
            let crate::pki::trust::Outcome::Rejected(reason) = &v.outcome else {
                continue;
            };
            // Weak hashes (SHA-1, MD5) have their own rule; anything else unsupported is named here.
            let signature = file
                .chain
                .path
                .iter()
                .filter_map(|&i| file.cert(i).map(|c| (i, c)))
                .find(|(_, c)| {
                    !c.self_signed() && !crate::pki::sigalgs::is_supported(&c.signature)
                });
            let (at, why) = match reason {
                Rejection::Malformed(what) => (leaf, format!("a certificate of the chain is refused by clients' X.509 parsers: {what}")),
                Rejection::TooComplex => (leaf, "path building gives up: the chain has too many certificates or name constraints to check".to_string()),
                Rejection::BadSignature => (leaf, "a signature in the chain does not verify with its issuer's key, or the issuer's key is one clients do not accept (RSA under 2048 bits)".to_string()),
                _ => match signature {
                    Some((_, c)) if c.signature.weak_hash().is_some() => continue,
                    Some((i, c)) => (i, format!("`{}` is signed with {}, which browsers and current TLS libraries do not accept, and which wb-ssl-check cannot verify", c.short_name(), c.signature.name())),
                    None => (leaf, "a certificate is signed with an algorithm that does not match its issuer's key, or that clients do not accept".to_string()),
                },
            };
            out.emit_for(
                file,
                Severity::Error,
                file.location(at),
                format!("Clients refuse the chain of `{}`: {why}.", file.name),
                "Re-issue the certificate with an RSA 2048+ or ECDSA P-256/P-384 key and a SHA-256 signature, from your CA's web-server template; then replace the file and restart the service.",
            );
        }
    }
}
