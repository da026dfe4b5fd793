use crate::facts::Facts;
use crate::pki::key::PublicKeyId;
use crate::rules::certificates::{
    any_certificate, position, served_chain_certificates, ChainPlace,
};
use crate::rules::{declare_rule, Applicability, ModelRule, Sink, Subject, Violation};

declare_rule! {
    /// ## What it checks
    /// A certificate in a server certificate's chain (or the trusted root it ends at) whose key no
    /// client accepts: RSA shorter than 2048 bits, an elliptic-curve key shorter than 256 bits or on a
    /// curve clients do not support (P-192, explicit curve parameters), or DSA.
    ///
    /// ## Why it breaks Workbench
    /// Such keys can be broken (a 512-bit RSA key in hours), and current browsers and TLS libraries
    /// refuse them outright ("key too small", "CA_MD_TOO_WEAK").
    ///
    /// ## How to fix
    /// Issue a new key and certificate: `openssl req -new -newkey rsa:2048 -nodes -keyout wb.key -out wb.csr`
    /// (or `-newkey ec -pkeyopt ec_paramgen_curve:P-256`), have it signed, and replace both files.
    ///
    /// ## References
    /// - NIST SP 800-131A; CA/Browser Forum Baseline Requirements §6.1.5.
    pub struct CertWeakKey {
        name: "cert-weak-key",
        severity: Error,
        channel: None | A | B | C,
        summary: "A certificate key is RSA < 2048 bits, EC < 256 bits or on an unsupported curve, or DSA",
    }
}

/// Why no client accepts this key, if none does: RSA under 2048 bits, EC under 256 bits or on a curve
/// clients do not support (P-192, explicit parameters), DSA.
fn weakness(cert: &crate::pki::cert::CertFacts) -> Option<String> {
    let key = &cert.public_key;
    if crate::pki::key::has_explicit_curve(&cert.spki_der) {
        return Some(format!(
            "an {} key with explicit curve parameters instead of the curve's name, which clients do not accept",
            key.describe()
        ));
    }
    match key {
        PublicKeyId::Rsa { .. } if key.bits() < 2048 => {
            Some(format!("a {}-bit RSA key: the minimum is 2048", key.bits()))
        }
        PublicKeyId::Ec { .. } if key.bits() < 256 => {
            Some(format!("a {}-bit EC key: the minimum is 256", key.bits()))
        }
        PublicKeyId::Other(name) if name.starts_with("DSA") => {
            Some("a DSA key, which browsers and TLS 1.3 do not accept at all".into())
        }
        PublicKeyId::Other(name) if name.starts_with("EC (") => Some(format!(
            "an EC key on a curve clients do not support ({}; P-192 or explicit parameters): use P-256 or P-384",
            name.trim_start_matches("EC (").trim_end_matches(')').trim().to_string().chars().take(40).collect::<String>()
        )),
        _ => None,
    }
}

impl ModelRule for CertWeakKey {
    fn applies(&self, model: &Facts) -> Applicability {
        any_certificate(model)
    }

    fn check(&self, model: &Facts, out: &mut Sink) {
        // Chains are short: a list, not a set (each set type costs the page its own code).
        let mut seen: Vec<(&str, usize)> = Vec::new();
        for file in &model.pki {
            for &i in &file.chain.path {
                let Some(cert) = file.cert(i) else { continue };
                seen.push((file.name.as_str(), i));
                if let Some(why) = weakness(cert) {
                    out.report(
                        Subject::File(file, file.location(i)),
                        WeakKey {
                            file: &file.name,
                            which: position(file, i),
                            why,
                            trusted_ca: false,
                        },
                    );
                }
            }
        }
        // The trusted roots that served chains end at (or would, by name): their keys sign the chain too.
        let mut tops: Vec<(
            &crate::pki::PkiFile,
            usize,
            &crate::pki::cert::CertFacts,
            ChainPlace,
        )> = served_chain_certificates(model);
        for v in &model.verdicts {
            let file = &model.pki[v.file];
            let Some(top) = file.chain.path.last().and_then(|&i| file.cert(i)) else {
                continue;
            };
            for ca_file in model.pki_with_role(crate::pki::Role::TrustedCa) {
                for (i, c) in ca_file.certificates() {
                    if c.subject_raw == top.issuer_raw {
                        tops.push((ca_file, i, c, ChainPlace::Root));
                    }
                }
            }
        }
        for (file, i, cert, place) in tops {
            if seen.contains(&(file.name.as_str(), i)) {
                continue;
            }
            seen.push((file.name.as_str(), i));
            if let Some(why) = weakness(cert) {
                out.report(
                    Subject::Chain(model, file, file.location(i)),
                    WeakKey {
                        file: &file.name,
                        which: place.words(cert),
                        why,
                        trusted_ca: true,
                    },
                );
            }
        }
    }
}

/// A certificate key that clients refuse.
struct WeakKey<'a> {
    file: &'a str,
    /// Which certificate of the file, in words.
    which: String,
    /// What is wrong with the key, in words.
    why: String,
    /// Whether it is a CA a served chain ends at, outside the chain's own file.
    trusted_ca: bool,
}

impl Violation for WeakKey<'_> {
    type Level = Level;
    fn level(&self) -> Level {
        Level::Error
    }
    fn message(&self) -> String {
        format!("In `{}`, {} has {}.", self.file, self.which, self.why)
    }
    fn help(&self) -> String {
        if self.trusted_ca {
            "Replace this CA with one whose key is RSA 2048+ or EC P-256+, and re-issue the certificates below it.".into()
        } else {
            "Generate a new key (RSA 2048+ or EC P-256+), get a new certificate for it and replace both files.".into()
        }
    }
}
