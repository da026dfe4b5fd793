//! The native shell's answers to the core's questions (`pki::signatures`), by audited code: ring for
//! every signature (the same ring that webpki's provider and rustls use), ring for an Ed25519 key's
//! public half, and RustCrypto's p256 and p384 for an EC key's when its file omits it. Used by the
//! CLI, the tests and the benchmarks; the page answers with WebCrypto (`crate::wasm`).

use super::cert::Hash;
use super::key::Curve;
use super::signatures::{admissible, Answers, KeyQuestion, Question, Scheme, SignatureQuestion};
use ring::signature::{self, UnparsedPublicKey, VerificationAlgorithm};

/// ring's algorithm for a scheme. RSA PKCS#1 with SHA-1, SHA-256 and SHA-512 takes keys from 1024
/// bits (ring's legacy algorithms: old roots); `admissible` holds every other scheme to 2048.
fn ring_algorithm(scheme: Scheme) -> &'static dyn VerificationAlgorithm {
    match scheme {
        Scheme::RsaPkcs1(Hash::Sha1) => &signature::RSA_PKCS1_1024_8192_SHA1_FOR_LEGACY_USE_ONLY,
        Scheme::RsaPkcs1(Hash::Sha256) => {
            &signature::RSA_PKCS1_1024_8192_SHA256_FOR_LEGACY_USE_ONLY
        }
        Scheme::RsaPkcs1(Hash::Sha512) => {
            &signature::RSA_PKCS1_1024_8192_SHA512_FOR_LEGACY_USE_ONLY
        }
        Scheme::RsaPkcs1(_) => &signature::RSA_PKCS1_2048_8192_SHA384,
        Scheme::RsaPss(Hash::Sha384) => &signature::RSA_PSS_2048_8192_SHA384,
        Scheme::RsaPss(Hash::Sha512) => &signature::RSA_PSS_2048_8192_SHA512,
        Scheme::RsaPss(_) => &signature::RSA_PSS_2048_8192_SHA256,
        Scheme::Ecdsa(Curve::P384, Hash::Sha384) => &signature::ECDSA_P384_SHA384_ASN1,
        Scheme::Ecdsa(Curve::P384, _) => &signature::ECDSA_P384_SHA256_ASN1,
        Scheme::Ecdsa(_, Hash::Sha384) => &signature::ECDSA_P256_SHA384_ASN1,
        Scheme::Ecdsa(..) => &signature::ECDSA_P256_SHA256_ASN1,
        Scheme::Ed25519 => &signature::ED25519,
    }
}

/// Whether the signature is valid: refused by the shared policy first (as every shell does), then
/// verified by ring.
pub fn verify(q: &SignatureQuestion) -> bool {
    if admissible(q).is_err() {
        return false;
    }
    // Schemes whose hash ring has no algorithm for never get here: `link_scheme` and webpki's pairs
    // only make the ones above.
    UnparsedPublicKey::new(ring_algorithm(q.scheme), &q.public_key)
        .verify(&q.message, &q.signature)
        .is_ok()
}

/// The public key of a private key that omits it: an uncompressed EC point, or Ed25519's 32 bytes.
pub fn public_key(q: &KeyQuestion) -> Option<Vec<u8>> {
    let secret = super::key::private_secret(&q.pkcs8)?;
    match q.curve {
        None => {
            let seed: &[u8; 32] = secret.as_slice().try_into().ok()?;
            let pair = ring::signature::Ed25519KeyPair::from_seed_unchecked(seed).ok()?;
            Some(
                ring::signature::KeyPair::public_key(&pair)
                    .as_ref()
                    .to_vec(),
            )
        }
        Some(Curve::P256) => {
            let key = p256::SecretKey::from_slice(&secret).ok()?;
            Some(
                p256::elliptic_curve::sec1::ToEncodedPoint::to_encoded_point(
                    &key.public_key(),
                    false,
                )
                .as_bytes()
                .to_vec(),
            )
        }
        Some(Curve::P384) => {
            let key = p384::SecretKey::from_slice(&secret).ok()?;
            Some(
                p384::elliptic_curve::sec1::ToEncodedPoint::to_encoded_point(
                    &key.public_key(),
                    false,
                )
                .as_bytes()
                .to_vec(),
            )
        }
        Some(_) => None,
    }
}

/// Answers every question into `answers`.
pub fn answer(questions: Vec<Question>, answers: &mut Answers) {
    for q in questions {
        match q {
            Question::Signature(s) => {
                let valid = verify(&s);
                answers.add_signature(&s, valid);
            }
            Question::PublicKey(k) => {
                let public = public_key(&k);
                answers.add_public_key(k.place.clone(), public);
            }
        }
    }
}

/// Runs `f` (any part of the core) in rounds with ring's answers until it asks nothing more: for
/// callers that use the core's parts directly, as the tests do with `Model::build`.
pub fn answered<R>(f: impl Fn() -> R) -> R {
    let mut answers = Answers::default();
    for _ in 1..crate::MAX_ROUNDS {
        let (result, back, questions) = super::signatures::with_answers(answers, &f);
        if questions.is_empty() {
            return result;
        }
        answers = back;
        answer(questions, &mut answers);
    }
    super::signatures::with_answers(answers, &f).0
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(path: &str) -> Vec<u8> {
        std::fs::read(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(path)).unwrap()
    }

    /// Signatures made by OpenSSL and pyca/cryptography (tests/fixtures/pki/rsa-sig and ecdsa-sig),
    /// outside Wycheproof's generator: each verifies through the native shell, and a changed message
    /// or signature does not. A 2049-bit key's PSS encoding is a byte shorter than its modulus.
    #[test]
    fn signatures_made_elsewhere_verify_and_tampering_is_caught() {
        let check = |scheme: Scheme, key: Vec<u8>, message: Vec<u8>, signature: Vec<u8>| {
            let q = SignatureQuestion {
                scheme,
                public_key: key,
                message,
                signature,
            };
            assert!(verify(&q), "{scheme:?}");
            let mut other = q.clone();
            other.message.push(b'!');
            assert!(!verify(&other), "{scheme:?}: another message");
            let mut changed = q.clone();
            let last = changed.signature.len() - 1;
            changed.signature[last] ^= 1;
            assert!(!verify(&changed), "{scheme:?}: a changed signature");
        };
        let message = read("tests/fixtures/pki/rsa-sig/msg.txt");
        for bits in ["2048", "2049"] {
            let key = read(&format!("tests/fixtures/pki/rsa-sig/pub{bits}.der"));
            for (name, hash) in [
                ("sha256", Hash::Sha256),
                ("sha384", Hash::Sha384),
                ("sha512", Hash::Sha512),
            ] {
                let sig = |kind: &str| {
                    read(&format!(
                        "tests/fixtures/pki/rsa-sig/{kind}-{name}-{bits}.sig"
                    ))
                };
                check(
                    Scheme::RsaPkcs1(hash),
                    key.clone(),
                    message.clone(),
                    sig("pkcs1"),
                );
                check(
                    Scheme::RsaPss(hash),
                    key.clone(),
                    message.clone(),
                    sig("pss"),
                );
            }
        }
        let message = read("tests/fixtures/pki/ecdsa-sig/msg.txt");
        for (curve, name) in [(Curve::P256, "prime256v1"), (Curve::P384, "secp384r1")] {
            let point = read(&format!("tests/fixtures/pki/ecdsa-sig/{name}.point"));
            for (h, hash) in [("sha256", Hash::Sha256), ("sha384", Hash::Sha384)] {
                let sig = read(&format!("tests/fixtures/pki/ecdsa-sig/{name}-{h}.sig"));
                check(
                    Scheme::Ecdsa(curve, hash),
                    point.clone(),
                    message.clone(),
                    sig.clone(),
                );
                // ring takes no compressed point, and so the core does not ask with one.
                let compressed = SignatureQuestion {
                    scheme: Scheme::Ecdsa(curve, hash),
                    public_key: read(&format!("tests/fixtures/pki/ecdsa-sig/{name}.cpoint")),
                    message: message.clone(),
                    signature: sig,
                };
                assert!(matches!(
                    admissible(&compressed),
                    Err(super::super::signatures::Refusal::Key(_))
                ));
            }
        }
    }

    /// A key file without its public half: ring (Ed25519) and p256/p384 derive it, and it matches
    /// the certificate of the same key (tests/fixtures/pki: ed25519.key is PKCS#8 v1, seed only).
    #[test]
    fn public_halves_are_derived_by_audited_code() {
        let ed_key = read("tests/fixtures/pki/ed25519.key");
        let text = String::from_utf8(ed_key).unwrap();
        let der = crate::input::pem::read_blocks(&text, 4)
            .0
            .remove(0)
            .body
            .clone()
            .unwrap();
        let q = KeyQuestion {
            place: super::super::signatures::KeyPlace {
                input: "ed25519.key".into(),
                block: 1,
            },
            curve: None,
            pkcs8: zeroize::Zeroizing::new(der.to_vec()),
        };
        let public = public_key(&q).expect("derived");
        let cert_text = String::from_utf8(read("tests/fixtures/pki/ed25519.crt")).unwrap();
        let cert_der = crate::input::pem::read_blocks(&cert_text, 4)
            .0
            .remove(0)
            .body
            .clone()
            .unwrap();
        let cert = super::super::cert::parse_certificate(&cert_der).unwrap();
        assert_eq!(public, cert.spki_bits);
    }
}
