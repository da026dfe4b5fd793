//! Signature verification of a certificate by its issuer's public key, with the RustCrypto crates
//! (pure Rust, no RNG: verification needs none).

use super::cert::{CertFacts, Hash, SigAlg};
use sha2::Digest;

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Verdict {
    Valid,
    Invalid,
    /// The algorithm is recognised but not verified here (RSA-PSS, MD5, P-521, ...).
    Unsupported(String),
}

fn digest(h: Hash, data: &[u8]) -> Vec<u8> {
    match h {
        Hash::Sha1 => sha1::Sha1::digest(data).to_vec(),
        Hash::Sha256 => sha2::Sha256::digest(data).to_vec(),
        Hash::Sha384 => sha2::Sha384::digest(data).to_vec(),
        Hash::Sha512 => sha2::Sha512::digest(data).to_vec(),
        Hash::Md5 => Vec::new(),
    }
}

/// Whether `issuer`'s key made `child`'s signature.
pub fn verify(child: &CertFacts, issuer: &CertFacts) -> Verdict {
    use rsa::pkcs8::DecodePublicKey;
    use rsa::signature::Verifier;
    let tbs = &child.tbs;
    let sig = &child.signature_value;
    let ok = |b: bool| if b { Verdict::Valid } else { Verdict::Invalid };
    match &child.signature {
        SigAlg::RsaPkcs1(Hash::Md5) => {
            Verdict::Unsupported("MD5 signatures are not verified".into())
        }
        SigAlg::RsaPkcs1(h) => {
            let Ok(pk) = rsa::PublicKey::from_public_key_der(&issuer.spki_der) else {
                return Verdict::Invalid;
            };
            // One verification for every hash, on the digest: the generic VerifyingKey<D> would be
            // compiled once per hash, which the page pays for in size.
            let scheme = match h {
                Hash::Sha1 => rsa::Pkcs1v15Sign::new::<sha1::Sha1>(),
                Hash::Sha256 => rsa::Pkcs1v15Sign::new::<sha2::Sha256>(),
                Hash::Sha384 => rsa::Pkcs1v15Sign::new::<sha2::Sha384>(),
                Hash::Sha512 => rsa::Pkcs1v15Sign::new::<sha2::Sha512>(),
                Hash::Md5 => return Verdict::Invalid,
            };
            ok(pk.verify(scheme, &digest(*h, tbs), sig).is_ok())
        }
        SigAlg::Ecdsa(h) => {
            use rsa::signature::hazmat::PrehashVerifier;
            let prehash = digest(*h, tbs);
            if let Ok(vk) = p256::ecdsa::VerifyingKey::from_public_key_der(&issuer.spki_der) {
                let Ok(s) = p256::ecdsa::Signature::from_der(sig) else {
                    return Verdict::Invalid;
                };
                return ok(vk.verify_prehash(&prehash, &s).is_ok());
            }
            if let Ok(vk) = p384::ecdsa::VerifyingKey::from_public_key_der(&issuer.spki_der) {
                let Ok(s) = p384::ecdsa::Signature::from_der(sig) else {
                    return Verdict::Invalid;
                };
                return ok(vk.verify_prehash(&prehash, &s).is_ok());
            }
            Verdict::Unsupported(format!(
                "ECDSA with an issuer key of type {}",
                issuer.public_key.describe()
            ))
        }
        SigAlg::Ed25519 => {
            let Ok(vk) = ed25519_dalek::VerifyingKey::from_public_key_der(&issuer.spki_der) else {
                return Verdict::Invalid;
            };
            let Ok(s) = ed25519_dalek::Signature::from_slice(sig) else {
                return Verdict::Invalid;
            };
            ok(vk.verify(tbs, &s).is_ok())
        }
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
