use crate::facts::Facts;
use crate::pki::trust::Rejection;
use crate::rules::certificates::{any_certificate, rejected};
use crate::rules::{declare_rule, Applicability, ModelRule, Sink, Subject, Violation};

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
                Rejection::Malformed(what) => {
                    let (at, cert) = malformed(model, file, what).unwrap_or((leaf, None));
                    (at, Why::Malformed { what, cert })
                }
                Rejection::TooComplex => (leaf, Why::TooComplex),
                Rejection::BadSignature => (leaf, Why::BadSignature),
                _ => match signature {
                    Some((_, c)) if c.signature.weak_hash().is_some() => continue,
                    Some((i, c)) => (
                        i,
                        Why::Unsupported {
                            cert: c.short_name(),
                            algorithm: c.signature.name(),
                        },
                    ),
                    None => (leaf, Why::Unaccepted),
                },
            };
            out.report(
                Subject::File(file, file.location(at)),
                Refused {
                    file: &file.name,
                    why,
                },
            );
        }
    }
}

/// Which certificate of a refused chain is malformed: the first of the file's chain that a client's
/// parser refuses; else, by what is wrong, the CA with the nameConstraints or the served
/// certificate. Its block in the file (for the finding's place) and its name and place in words
/// ("`Example CA`, the 2nd certificate in `wb.pem`"); `None` when no certificate can be named.
fn malformed(
    model: &Facts,
    file: &crate::pki::PkiFile,
    what: &str,
) -> Option<(usize, Option<String>)> {
    let words = |i: usize, c: &crate::pki::cert::CertFacts| {
        format!(
            "`{}` ({} in `{}`)",
            c.short_name(),
            file.place(i),
            file.name
        )
    };
    let path: Vec<(usize, &crate::pki::cert::CertFacts)> = file
        .chain
        .path
        .iter()
        .filter_map(|&i| file.cert(i).map(|c| (i, c)))
        .collect();
    if let Some(&(i, c)) = path
        .iter()
        .find(|(_, c)| !crate::pki::trust::parses(&c.der))
    {
        return Some((i, Some(words(i, c))));
    }
    let &(leaf, leaf_cert) = path.first()?;
    if what.contains("nameConstraints") {
        let constrained = |c: &crate::pki::cert::CertFacts| {
            c.profile().is_ok_and(|p| p.name_constraints.is_some())
        };
        if let Some(&(i, c)) = path.iter().skip(1).find(|(_, c)| constrained(c)) {
            return Some((i, Some(words(i, c))));
        }
        let above = crate::rules::certificates::cas_above(model, file);
        return Some((
            leaf,
            above
                .into_iter()
                .find(|(_, c)| constrained(c))
                .map(|(f, c)| format!("the CA `{}` in `{f}`", c.short_name())),
        ));
    }
    if what.contains("subjectAltName") {
        return Some((leaf, Some(words(leaf, leaf_cert))));
    }
    None
}

/// A chain that clients' path validation refuses, for a reason no other rule explains.
struct Refused<'a> {
    file: &'a str,
    why: Why,
}

/// Why clients refuse the chain.
enum Why {
    /// A certificate that X.509 parsers refuse, and what is wrong with it; the certificate in words
    /// when it can be named.
    Malformed {
        what: &'static str,
        cert: Option<String>,
    },
    TooComplex,
    BadSignature,
    /// A certificate signed with an algorithm clients do not accept.
    Unsupported {
        cert: String,
        algorithm: String,
    },
    /// A signature algorithm that does not match its issuer's key, or that clients do not accept.
    Unaccepted,
}

impl Violation for Refused<'_> {
    type Level = Level;
    fn level(&self) -> Level {
        Level::Error
    }
    fn message(&self) -> String {
        let why = match &self.why {
            Why::Malformed { what, cert: Some(cert) } => format!("their X.509 parsers refuse {cert}: {what}"),
            Why::Malformed { what, cert: None } => format!("a certificate of the chain is refused by clients' X.509 parsers: {what}"),
            Why::TooComplex => "path building gives up: the chain has too many certificates or name constraints to check".to_string(),
            Why::BadSignature => "a signature in the chain does not verify with its issuer's key, or the issuer's key is one clients do not accept (RSA under 2048 bits)".to_string(),
            Why::Unsupported { cert, algorithm } => format!("`{cert}` is signed with {algorithm}, which browsers and current TLS libraries do not accept, and which wb-ssl-check cannot verify"),
            Why::Unaccepted => "a certificate is signed with an algorithm that does not match its issuer's key, or that clients do not accept".to_string(),
        };
        format!("Clients refuse the chain of `{}`: {why}.", self.file)
    }
    fn help(&self) -> String {
        "Re-issue the certificate with an RSA 2048+ or ECDSA P-256/P-384 key and a SHA-256 signature, from your CA's web-server template; then replace the file and restart the service.".into()
    }
}
