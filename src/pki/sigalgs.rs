//! The signature algorithms rustls-webpki verifies chains with, implemented over the RustCrypto crates.
//!
//! webpki ships its algorithms only for ring and aws-lc-rs, and neither builds for
//! wasm32-unknown-unknown here (ring needs clang, aws-lc-rs has no wasm target), so we supply the trait
//! ourselves. The set is what browsers accept in certificates: RSA PKCS#1 v1.5 and PSS with SHA-256,
//! SHA-384 and SHA-512 (keys of 2048 to 8192 bits, as ring enforces), ECDSA on P-256 and P-384 with
//! SHA-256 or SHA-384, and Ed25519. SHA-1, MD5, DSA, P-192 and P-521 are deliberately absent: webpki
//! then rejects the chain with "unsupported signature algorithm", and the rules explain why.

use rustls_pki_types::{
    alg_id, AlgorithmIdentifier, InvalidSignature, SignatureVerificationAlgorithm,
};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum HashAlg {
    Sha256,
    Sha384,
    Sha512,
}

impl From<HashAlg> for super::cert::Hash {
    fn from(h: HashAlg) -> Self {
        match h {
            HashAlg::Sha256 => super::cert::Hash::Sha256,
            HashAlg::Sha384 => super::cert::Hash::Sha384,
            HashAlg::Sha512 => super::cert::Hash::Sha512,
        }
    }
}

impl HashAlg {
    fn digest(self, data: &[u8]) -> Vec<u8> {
        digest(self.into(), data)
    }
}

use super::hash::digest;

enum Scheme {
    RsaPkcs1(HashAlg),
    RsaPss(HashAlg),
    EcdsaP256(HashAlg),
    EcdsaP384(HashAlg),
    Ed25519,
}

struct RustCryptoAlgorithm {
    public_key_alg_id: AlgorithmIdentifier,
    signature_alg_id: AlgorithmIdentifier,
    scheme: Scheme,
}

// The trait wants Debug; nothing here prints it. A fixed name rather than a derived impl, which would
// format the scheme and both algorithm identifiers byte by byte.
impl std::fmt::Debug for RustCryptoAlgorithm {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("RustCryptoAlgorithm")
    }
}

/// The smallest and largest RSA moduli accepted, as ring's `RSA_PKCS1_2048_8192_*` do.
const RSA_MIN_BITS: usize = 2048;
const RSA_MAX_BITS: usize = 8192;

fn rsa_key(public_key: &[u8]) -> Result<super::rsa::PublicKey, InvalidSignature> {
    let key = super::rsa::PublicKey::from_pkcs1(public_key).ok_or(InvalidSignature)?;
    if !(RSA_MIN_BITS..=RSA_MAX_BITS).contains(&key.bits()) {
        return Err(InvalidSignature);
    }
    Ok(key)
}

// The primitives below are shared with `pki::verify` (each link's signature in the chain view): one
// compiled copy of each, on the raw key bits, rather than one per way of reading a key. RSA's are
// `rsa.rs`'s.

/// ECDSA on a digest, by a P-256 or P-384 key given as a SEC1 point, the signature in DER. `None`:
/// the point is on neither curve.
pub(super) fn ecdsa_prehash(point: &[u8], digest: &[u8], signature: &[u8]) -> Option<bool> {
    let curve = match point.len() {
        65 | 33 => super::ecdsa::Curve::p256(),
        97 | 49 => super::ecdsa::Curve::p384(),
        _ => return None,
    };
    let q = curve.point(point)?;
    let Some((r, s)) = super::der::ecdsa_signature(signature, curve.bytes) else {
        return Some(false);
    };
    Some(curve.verify(&q, digest, &r, &s))
}

/// Ed25519 by a 32-byte key; `strict` as webpki (and ring) verify, else as RFC 8032 permits.
pub(super) fn ed25519(public_key: &[u8], message: &[u8], signature: &[u8], strict: bool) -> bool {
    let Ok(bytes) = <&[u8; 32]>::try_from(public_key) else {
        return false;
    };
    let (Ok(key), Ok(sig)) = (
        ed25519_dalek::VerifyingKey::from_bytes(bytes),
        ed25519_dalek::Signature::from_slice(signature),
    ) else {
        return false;
    };
    if strict {
        key.verify_strict(message, &sig).is_ok()
    } else {
        use ed25519_dalek::Verifier;
        key.verify(message, &sig).is_ok()
    }
}

fn check(ok: bool) -> Result<(), InvalidSignature> {
    if ok {
        Ok(())
    } else {
        Err(InvalidSignature)
    }
}

impl SignatureVerificationAlgorithm for RustCryptoAlgorithm {
    fn verify_signature(
        &self,
        public_key: &[u8],
        message: &[u8],
        signature: &[u8],
    ) -> Result<(), InvalidSignature> {
        match self.scheme {
            Scheme::RsaPkcs1(h) => {
                let key = rsa_key(public_key)?;
                check(super::rsa::verify_pkcs1(
                    &key,
                    h.into(),
                    &h.digest(message),
                    signature,
                ))
            }
            Scheme::RsaPss(h) => check(super::rsa::verify_pss(
                &rsa_key(public_key)?,
                h.into(),
                message,
                signature,
            )),
            // The algorithm's curve is the key's: a P-384 point under a P-256 algorithm is refused.
            Scheme::EcdsaP256(h) if public_key.len() == 65 || public_key.len() == 33 => {
                check(ecdsa_prehash(public_key, &h.digest(message), signature) == Some(true))
            }
            Scheme::EcdsaP384(h) if public_key.len() == 97 || public_key.len() == 49 => {
                check(ecdsa_prehash(public_key, &h.digest(message), signature) == Some(true))
            }
            Scheme::EcdsaP256(_) | Scheme::EcdsaP384(_) => Err(InvalidSignature),
            Scheme::Ed25519 => check(ed25519(public_key, message, signature, true)),
        }
    }

    fn public_key_alg_id(&self) -> AlgorithmIdentifier {
        self.public_key_alg_id
    }

    fn signature_alg_id(&self) -> AlgorithmIdentifier {
        self.signature_alg_id
    }
}

macro_rules! algorithm {
    ($name:ident, $pk:expr, $sig:expr, $scheme:expr) => {
        static $name: RustCryptoAlgorithm = RustCryptoAlgorithm {
            public_key_alg_id: $pk,
            signature_alg_id: $sig,
            scheme: $scheme,
        };
    };
}

// The DER of sha256WithRSAEncryption etc. with the NULL parameters left out: RFC 4055 says verifiers
// MUST accept both forms, and webpki's own tables carry both.
const RSA_PKCS1_SHA256_ABSENT: AlgorithmIdentifier = AlgorithmIdentifier::from_slice(&[
    0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x0b,
]);
const RSA_PKCS1_SHA384_ABSENT: AlgorithmIdentifier = AlgorithmIdentifier::from_slice(&[
    0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x0c,
]);
const RSA_PKCS1_SHA512_ABSENT: AlgorithmIdentifier = AlgorithmIdentifier::from_slice(&[
    0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x0d,
]);

algorithm!(
    RSA_PKCS1_SHA256,
    alg_id::RSA_ENCRYPTION,
    alg_id::RSA_PKCS1_SHA256,
    Scheme::RsaPkcs1(HashAlg::Sha256)
);
algorithm!(
    RSA_PKCS1_SHA384,
    alg_id::RSA_ENCRYPTION,
    alg_id::RSA_PKCS1_SHA384,
    Scheme::RsaPkcs1(HashAlg::Sha384)
);
algorithm!(
    RSA_PKCS1_SHA512,
    alg_id::RSA_ENCRYPTION,
    alg_id::RSA_PKCS1_SHA512,
    Scheme::RsaPkcs1(HashAlg::Sha512)
);
algorithm!(
    RSA_PKCS1_SHA256_NP,
    alg_id::RSA_ENCRYPTION,
    RSA_PKCS1_SHA256_ABSENT,
    Scheme::RsaPkcs1(HashAlg::Sha256)
);
algorithm!(
    RSA_PKCS1_SHA384_NP,
    alg_id::RSA_ENCRYPTION,
    RSA_PKCS1_SHA384_ABSENT,
    Scheme::RsaPkcs1(HashAlg::Sha384)
);
algorithm!(
    RSA_PKCS1_SHA512_NP,
    alg_id::RSA_ENCRYPTION,
    RSA_PKCS1_SHA512_ABSENT,
    Scheme::RsaPkcs1(HashAlg::Sha512)
);
algorithm!(
    RSA_PSS_SHA256,
    alg_id::RSA_ENCRYPTION,
    alg_id::RSA_PSS_SHA256,
    Scheme::RsaPss(HashAlg::Sha256)
);
algorithm!(
    RSA_PSS_SHA384,
    alg_id::RSA_ENCRYPTION,
    alg_id::RSA_PSS_SHA384,
    Scheme::RsaPss(HashAlg::Sha384)
);
algorithm!(
    RSA_PSS_SHA512,
    alg_id::RSA_ENCRYPTION,
    alg_id::RSA_PSS_SHA512,
    Scheme::RsaPss(HashAlg::Sha512)
);
algorithm!(
    ECDSA_P256_SHA256,
    alg_id::ECDSA_P256,
    alg_id::ECDSA_SHA256,
    Scheme::EcdsaP256(HashAlg::Sha256)
);
algorithm!(
    ECDSA_P256_SHA384,
    alg_id::ECDSA_P256,
    alg_id::ECDSA_SHA384,
    Scheme::EcdsaP256(HashAlg::Sha384)
);
algorithm!(
    ECDSA_P384_SHA256,
    alg_id::ECDSA_P384,
    alg_id::ECDSA_SHA256,
    Scheme::EcdsaP384(HashAlg::Sha256)
);
algorithm!(
    ECDSA_P384_SHA384,
    alg_id::ECDSA_P384,
    alg_id::ECDSA_SHA384,
    Scheme::EcdsaP384(HashAlg::Sha384)
);
algorithm!(ED25519, alg_id::ED25519, alg_id::ED25519, Scheme::Ed25519);

/// Every algorithm a chain may be verified with.
pub static ALL: &[&dyn SignatureVerificationAlgorithm] = &[
    &ECDSA_P256_SHA256,
    &ECDSA_P256_SHA384,
    &ECDSA_P384_SHA256,
    &ECDSA_P384_SHA384,
    &ED25519,
    &RSA_PKCS1_SHA256,
    &RSA_PKCS1_SHA384,
    &RSA_PKCS1_SHA512,
    &RSA_PKCS1_SHA256_NP,
    &RSA_PKCS1_SHA384_NP,
    &RSA_PKCS1_SHA512_NP,
    &RSA_PSS_SHA256,
    &RSA_PSS_SHA384,
    &RSA_PSS_SHA512,
];

/// Whether a certificate's signature algorithm is one of those above (what clients accept).
pub fn is_supported(alg: &super::cert::SigAlg) -> bool {
    use super::cert::{Hash, SigAlg};
    matches!(
        alg,
        SigAlg::RsaPkcs1(Hash::Sha256 | Hash::Sha384 | Hash::Sha512)
            | SigAlg::RsaPss
            | SigAlg::Ecdsa(Hash::Sha256 | Hash::Sha384)
            | SigAlg::Ed25519
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pki::cert::Hash;

    /// Signatures made by OpenSSL (tests/fixtures/pki/ecdsa-sig), through the verifier webpki and
    /// the chain view use: every curve and hash verifies, with the key compressed or not, and a
    /// changed message, signature or key does not.
    #[test]
    fn openssl_signatures_verify_and_tampering_is_caught() {
        let dir =
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/pki/ecdsa-sig");
        let read = |name: &str| std::fs::read(dir.join(name)).unwrap();
        let message = read("msg.txt");
        let verify = ecdsa_prehash;
        for curve in ["prime256v1", "secp384r1"] {
            let point = read(&format!("{curve}.point"));
            let compressed = read(&format!("{curve}.cpoint"));
            for (name, hash) in [
                ("sha256", Hash::Sha256),
                ("sha384", Hash::Sha384),
                ("sha512", Hash::Sha512),
            ] {
                let digest = super::super::hash::digest(hash, &message);
                let sig = read(&format!("{curve}-{name}.sig"));
                assert_eq!(verify(&point, &digest, &sig), Some(true), "{curve} {name}");
                assert_eq!(
                    verify(&compressed, &digest, &sig),
                    Some(true),
                    "{curve} {name} compressed"
                );
                let other = super::super::hash::digest(hash, b"another message");
                assert_eq!(verify(&point, &other, &sig), Some(false));
                let mut changed = sig.clone();
                let last = changed.len() - 1;
                changed[last] ^= 1;
                assert_eq!(verify(&point, &digest, &changed), Some(false));
                let mut moved = point.clone();
                moved[5] ^= 1;
                assert_eq!(verify(&moved, &digest, &sig), None, "a point off the curve");
            }
        }
    }
}
