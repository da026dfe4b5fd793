//! Signature verification of a certificate by its issuer's public key, with the path validator's own
//! primitives (`rsa.rs`, `ecdsa.rs`, ed25519-dalek; pure Rust, no RNG: verification needs none).

use super::cert::{CertFacts, Hash, SigAlg};
use super::hash::digest;

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Verdict {
    Valid,
    Invalid,
    /// The algorithm is recognised but not verified here (RSA-PSS, MD5, P-521, ...).
    Unsupported(String),
}

/// Whether `issuer`'s key made `child`'s signature. The primitives are the path validator's own
/// (`pki::sigalgs`), on the issuer's raw key bits.
pub fn verify(child: &CertFacts, issuer: &CertFacts) -> Verdict {
    use super::rsa::{verify_pkcs1, PublicKey};
    use super::sigalgs::{ecdsa_prehash, ed25519};
    let tbs = &child.tbs;
    let sig = &child.signature_value;
    let ok = |b: bool| if b { Verdict::Valid } else { Verdict::Invalid };
    let key = &issuer.spki_bits;
    match &child.signature {
        SigAlg::RsaPkcs1(Hash::Md5) => {
            Verdict::Unsupported("MD5 signatures are not verified".into())
        }
        SigAlg::RsaPkcs1(h) => match PublicKey::from_pkcs1(key) {
            Some(pk) => ok(verify_pkcs1(&pk, *h, &digest(*h, tbs), sig)),
            None => Verdict::Invalid,
        },
        SigAlg::Ecdsa(h) => match ecdsa_prehash(key, &digest(*h, tbs), sig) {
            Some(valid) => ok(valid),
            None => Verdict::Unsupported(format!(
                "ECDSA with an issuer key of type {}",
                issuer.public_key.describe()
            )),
        },
        SigAlg::Ed25519 => ok(ed25519(key, tbs, sig, false)),
        SigAlg::RsaPss => Verdict::Unsupported("RSA-PSS signatures are not verified".into()),
        SigAlg::Dsa(_) => Verdict::Unsupported("DSA signatures are not verified".into()),
        SigAlg::Md2Rsa => Verdict::Unsupported("MD2 signatures are not verified".into()),
        SigAlg::Other(oid) => Verdict::Unsupported(format!("signature algorithm {oid}")),
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
