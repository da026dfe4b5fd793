//! Whether an issuer's key made a certificate's signature, for building chains, the chain view and
//! telling roots apart. The answer comes from audited code (`pki::signatures`): this only decides the
//! question and reads the answer.

use super::cert::CertFacts;
use super::signatures::{self, SignatureQuestion};

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Verdict {
    Valid,
    Invalid,
    /// Not verified: the algorithm or key is not one audited code checks here (MD5, DSA, RSA-PSS with
    /// other parameters, ...), or the answer is not in yet. The text says which, in words.
    Unsupported(String),
}

/// Whether `issuer`'s key made `child`'s signature.
pub fn verify(child: &CertFacts, issuer: &CertFacts) -> Verdict {
    let scheme = match signatures::link_scheme(&issuer.spki_alg_id, &child.signature_alg_id) {
        Ok(scheme) => scheme,
        Err(signatures::NotAsked::WrongKeyType) => return Verdict::Invalid,
        Err(signatures::NotAsked::Unsupported(why)) => return Verdict::Unsupported(why),
    };
    let question = SignatureQuestion {
        scheme,
        public_key: issuer.spki_bits.clone(),
        message: child.tbs.clone(),
        signature: child.signature_value.clone(),
    };
    if let Err(refusal) = signatures::admissible(&question) {
        return match refusal {
            signatures::Refusal::Key(why) => Verdict::Unsupported(why.into()),
            signatures::Refusal::Signature(_) => Verdict::Invalid,
        };
    }
    match signatures::ask_signature(question) {
        Some(true) => Verdict::Valid,
        Some(false) => Verdict::Invalid,
        None => Verdict::Unsupported("no verification result for it".into()),
    }
}

// Defined here rather than in cert.rs: reading a certificate never needs its signature checked, so
// the certificate module stays below the verifier.
impl CertFacts {
    /// A root (or a self-signed server certificate): self-issued, and signed by its own key (or signed
    /// with an algorithm that cannot be checked here, which then gets its own note).
    pub fn self_signed(&self) -> bool {
        *self
            .self_signed
            .get_or_init(|| self.self_issued() && verify(self, self) != Verdict::Invalid)
    }
}
