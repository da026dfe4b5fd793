//! The signature algorithms rustls-webpki verifies chains with.
//!
//! Natively, [`ALL`] is webpki's own ring provider: audited code, the same that rustls uses. The core
//! itself gives webpki `signatures::WEBPKI` instead: the same (key, signature) algorithm pairs, each
//! answered by audited code outside the core (ring natively, the platform's WebCrypto in the page),
//! so that the core builds for wasm32 with no cryptographic arithmetic in it. The set is what browsers
//! accept in certificates: RSA PKCS#1 v1.5 and PSS with SHA-256, SHA-384 and SHA-512 (keys of 2048 to
//! 8192 bits), ECDSA on P-256 and P-384 with SHA-256 or SHA-384, and Ed25519. SHA-1, MD5, DSA, P-192
//! and P-521 are deliberately absent: webpki then rejects the chain with "unsupported signature
//! algorithm", and the rules explain why.

#[cfg(not(target_arch = "wasm32"))]
use rustls_pki_types::SignatureVerificationAlgorithm;

/// Every algorithm a chain may be verified with (webpki's ring provider), in the order of
/// `signatures::WEBPKI_PAIRS`.
#[cfg(not(target_arch = "wasm32"))]
pub static ALL: &[&dyn SignatureVerificationAlgorithm] = &[
    webpki::ring::ECDSA_P256_SHA256,
    webpki::ring::ECDSA_P256_SHA384,
    webpki::ring::ECDSA_P384_SHA256,
    webpki::ring::ECDSA_P384_SHA384,
    webpki::ring::ED25519,
    webpki::ring::RSA_PKCS1_2048_8192_SHA256,
    webpki::ring::RSA_PKCS1_2048_8192_SHA384,
    webpki::ring::RSA_PKCS1_2048_8192_SHA512,
    webpki::ring::RSA_PKCS1_2048_8192_SHA256_ABSENT_PARAMS,
    webpki::ring::RSA_PKCS1_2048_8192_SHA384_ABSENT_PARAMS,
    webpki::ring::RSA_PKCS1_2048_8192_SHA512_ABSENT_PARAMS,
    webpki::ring::RSA_PSS_2048_8192_SHA256_LEGACY_KEY,
    webpki::ring::RSA_PSS_2048_8192_SHA384_LEGACY_KEY,
    webpki::ring::RSA_PSS_2048_8192_SHA512_LEGACY_KEY,
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

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    /// The core's answered algorithms and webpki's ring provider are the same pairs, in one order.
    #[test]
    fn the_core_offers_webpki_exactly_the_ring_providers_pairs() {
        let pairs = super::super::signatures::WEBPKI_PAIRS;
        assert_eq!(super::ALL.len(), pairs.len());
        for (alg, (pk, sig, _)) in super::ALL.iter().zip(pairs.iter()) {
            assert_eq!(alg.public_key_alg_id(), *pk);
            assert_eq!(alg.signature_alg_id(), *sig);
        }
        for (alg, (pk, sig, _)) in super::super::signatures::WEBPKI.iter().zip(pairs.iter()) {
            assert_eq!(alg.public_key_alg_id(), *pk);
            assert_eq!(alg.signature_alg_id(), *sig);
        }
    }
}
