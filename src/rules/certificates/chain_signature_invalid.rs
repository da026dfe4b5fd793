use crate::facts::Facts;
use crate::report::Location;
use crate::rules::certificates::any_certificate;
use crate::rules::{declare_rule, Applicability, ModelRule, Sink, Subject, Violation};

declare_rule! {
    /// ## What it checks
    /// A certificate in the file that is named as the issuer of another (same subject name) but whose key
    /// did not make that certificate's signature; and a CA marked trusted that has the name of the
    /// chain's top issuer but another key (so the chain does not reach it). Signatures are verified for
    /// RSA (PKCS#1 v1.5 with SHA-1/256/384/512), ECDSA P-256/P-384 and Ed25519.
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
        channel: None | A | B | C,
        summary: "A certificate named as issuer did not sign its subject (wrong same-named CA)",
    }
}

impl ModelRule for ChainSignatureInvalid {
    fn applies(&self, model: &Facts) -> Applicability {
        any_certificate(model)
    }

    fn check(&self, model: &Facts, out: &mut Sink) {
        // A trusted CA with the issuer's name but not its key: a re-created CA, or the wrong one given.
        for v in &model.verdicts {
            if v.outcome != crate::pki::trust::Outcome::TrustUnknown {
                continue;
            }
            let file = &model.pki[v.file];
            let Some(top) = file.chain.path.last().and_then(|&i| file.cert(i)) else {
                continue;
            };
            if top.self_signed() {
                continue;
            }
            let same_name: Vec<(&crate::pki::PkiFile, usize)> = model
                .pki_with_role(crate::pki::Role::TrustedCa)
                .flat_map(|f| f.certificates().map(move |(i, c)| (f, i, c)))
                .filter(|(_, _, c)| c.subject_raw == top.issuer_raw)
                .map(|(f, i, _)| (f, i))
                .collect();
            let signed = same_name.iter().any(|(f, i)| {
                f.cert(*i).is_some_and(|c| {
                    crate::pki::verify::verify(top, c) != crate::pki::verify::Verdict::Invalid
                })
            });
            if let (Some((ca_file, ca)), false) = (same_name.first(), signed) {
                if out_has(out, &file.name) {
                    continue;
                }
                let at = *file.chain.path.last().unwrap_or(&0);
                out.report(
                    Subject::Verdict(v, file.location(at)),
                    NotSigned::ByTrustedCa {
                        file: &file.name,
                        cert: top.short_name(),
                        issuer: &top.issuer,
                        ca_file: &ca_file.name,
                        ca: ca_file.location(*ca),
                    },
                );
            }
        }
        for file in &model.pki {
            for &(child, issuer) in &file.chain.bad_signatures {
                let (Some(c), Some(i)) = (file.cert(child), file.cert(issuer)) else {
                    continue;
                };
                out.report(
                    Subject::File(file, file.location(child)),
                    NotSigned::InFile {
                        file: &file.name,
                        place: file.place(child),
                        cert: c.short_name(),
                        issuer_place: file.place(issuer),
                        issuer: i.short_name(),
                        issuer_at: file.location(issuer),
                    },
                );
            }
        }
    }
}

/// Whether this rule already reported on `file` (Workbench's certificate is judged for two channels).
fn out_has(out: &Sink, file: &str) -> bool {
    out.reported().iter().any(|f| f.file == file)
}

/// A certificate whose named issuer did not sign it.
enum NotSigned<'a> {
    /// The top of a chain, and the trusted CA of its issuer's name that has another key.
    ByTrustedCa {
        file: &'a str,
        cert: String,
        /// The issuer's name, as the certificate gives it.
        issuer: &'a str,
        ca_file: &'a str,
        /// Where the trusted CA is.
        ca: Location,
    },
    /// A certificate of a file, and the block of the same file with its issuer's name.
    InFile {
        file: &'a str,
        /// The certificate's block number in the file, as the user counts.
        place: String,
        cert: String,
        issuer_place: String,
        issuer: String,
        /// Where the issuer is.
        issuer_at: Location,
    },
}

impl Violation for NotSigned<'_> {
    type Level = Level;
    fn level(&self) -> Level {
        Level::Error
    }
    fn message(&self) -> String {
        match self {
            NotSigned::ByTrustedCa {
                file,
                cert,
                issuer,
                ca_file,
                ..
            } => format!(
                "`{cert}` in `{file}` names `{issuer}` as its issuer, but the trusted CA of that name in `{ca_file}` has another key and did not sign it."
            ),
            NotSigned::InFile {
                file,
                place,
                cert,
                issuer_place,
                issuer,
                ..
            } => format!(
                "In `{file}`, {place} (`{cert}`) names `{issuer}` as its issuer, but the key of {issuer_place}, which has that name, did not sign it."
            ),
        }
    }
    fn help(&self) -> String {
        match self {
            NotSigned::ByTrustedCa { .. } => "Give (and deploy to clients) the CA certificate that really issued this one: it matches the certificate's Authority Key Identifier (`openssl x509 -noout -ext authorityKeyIdentifier`).".into(),
            NotSigned::InFile { .. } => "Replace the CA certificate with the current one from your CA (the one whose key signed this certificate).".into(),
        }
    }
    fn related(&self) -> Vec<Location> {
        match self {
            NotSigned::ByTrustedCa { ca, .. } => vec![ca.clone()],
            NotSigned::InFile { issuer_at, .. } => vec![issuer_at.clone()],
        }
    }
}
