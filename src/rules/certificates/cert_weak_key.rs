use crate::model::Model;
use crate::pki::key::PublicKeyId;
use crate::report::Severity;
use crate::rules::certificates::{any_certificate, position};
use crate::rules::{declare_rule, Applicability, ModelRule, Sink};

declare_rule! {
    /// ## What it checks
    /// A certificate in a server certificate's chain whose key is RSA shorter than 2048 bits or an
    /// elliptic-curve key shorter than 256 bits.
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
        channel: None,
        summary: "A certificate key is RSA < 2048 bits or EC < 256 bits",
    }
}

impl ModelRule for CertWeakKey {
    fn applies(&self, model: &Model) -> Applicability {
        any_certificate(model)
    }

    fn check(&self, model: &Model, out: &mut Sink) {
        for file in &model.pki {
            for &i in &file.chain.path {
                let Some(cert) = file.cert(i) else { continue };
                let minimum = match cert.public_key {
                    PublicKeyId::Rsa { .. } => 2048,
                    PublicKeyId::Ec { .. } => 256,
                    _ => continue,
                };
                if cert.public_key.bits() < minimum {
                    out.emit_for(
                        file,
                        Severity::Error,
                        file.location(i),
                        format!("In `{}`, {} has a {}-bit key: the minimum is {minimum}.", file.name, position(file, i), cert.public_key.bits()),
                        "Generate a new key (RSA 2048+ or EC P-256+), get a new certificate for it and replace both files.",
                    );
                }
            }
        }
    }
}
