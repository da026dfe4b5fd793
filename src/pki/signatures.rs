//! Signatures and derived public keys as *questions* the core asks and *answers* a shell gives.
//!
//! The core never does cryptographic arithmetic. Whether a key made a signature, and (rarely) the public
//! half of a private key that does not carry it, are answered by audited code outside the core: the
//! platform's WebCrypto in the page, the widget, the offline file and the npm package (`crate::wasm`),
//! ring (and RustCrypto's p256/p384 for a public point) natively (`super::answer_native`). WebCrypto is
//! asynchronous and the core is pure and synchronous, so a check runs in rounds: each round records
//! every question it could not answer from the answers it was given; the shell answers them all at once
//! and checks again, until a round asks nothing new (`crate::check` natively, `wasm::check` in
//! JavaScript). An unanswered question is never a success: a signature nobody verified is "not
//! verified", and a chain that needed it is not judged.
//!
//! What is asked is decided here, in one place for every shell: the scheme (from the exact algorithm
//! identifiers, as rustls-webpki matches them), and the policy that audited code would also apply but
//! that WebCrypto leaves to the caller (ring's RSA key sizes and exponents, uncompressed EC points,
//! ECDSA signatures in strict DER). So a browser and the CLI refuse exactly the same things.
//!
//! Why a scoped thread-local and not an argument: signatures are checked deep inside rustls-webpki's
//! `SignatureVerificationAlgorithm` callbacks and from `CertFacts::self_signed`, which take no
//! context. [`with_answers`] sets the answers for the duration of one check on this thread only; the
//! result of a check is still a function of its inputs, its options and these answers.

use super::algorithm::{Curve, Hash};
use super::der::{signed_parts, spki_parts, subject_and_spki};
use rustls_pki_types::{
    alg_id, AlgorithmIdentifier, InvalidSignature, SignatureVerificationAlgorithm,
};
use sha2::Digest;
use std::cell::RefCell;
use zeroize::Zeroizing;

/// A signature scheme that audited code verifies for us. RSA-PSS is always the form rustls-webpki
/// accepts: MGF1 with the same hash, and a salt as long as the hash.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scheme {
    RsaPkcs1(Hash),
    RsaPss(Hash),
    /// P-256 or P-384 (the key's curve), with the hash; the signature is DER.
    Ecdsa(Curve, Hash),
    Ed25519,
}

impl Scheme {
    fn tag(self) -> [u8; 3] {
        let h = |h: Hash| match h {
            Hash::Md5 => 0,
            Hash::Sha1 => 1,
            Hash::Sha256 => 2,
            Hash::Sha384 => 3,
            Hash::Sha512 => 4,
        };
        match self {
            Scheme::RsaPkcs1(x) => [1, h(x), 0],
            Scheme::RsaPss(x) => [2, h(x), 0],
            Scheme::Ecdsa(Curve::P256, x) => [3, h(x), 1],
            Scheme::Ecdsa(_, x) => [3, h(x), 2],
            Scheme::Ed25519 => [4, 0, 0],
        }
    }

    /// The smallest RSA modulus audited code verifies with this scheme (ring's limits): 1024 bits for
    /// PKCS#1 with SHA-1, SHA-256 and SHA-512 (old roots), 2048 otherwise.
    fn rsa_min_bits(self) -> u32 {
        match self {
            Scheme::RsaPkcs1(Hash::Sha1 | Hash::Sha256 | Hash::Sha512) => 1024,
            _ => 2048,
        }
    }
}

/// Does `public_key` (the raw subjectPublicKey bits) sign `message` with `signature` under `scheme`?
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SignatureQuestion {
    pub scheme: Scheme,
    pub public_key: Vec<u8>,
    pub message: Vec<u8>,
    pub signature: Vec<u8>,
}

impl SignatureQuestion {
    /// The question's identity: answers are kept and found by it.
    pub fn id(&self) -> [u8; 32] {
        let mut h = sha2::Sha256::new();
        h.update(self.scheme.tag());
        for part in [&self.public_key, &self.message, &self.signature] {
            h.update((part.len() as u64).to_be_bytes());
            h.update(part);
        }
        h.finalize().into()
    }
}

/// Which key a [`KeyQuestion`] is about: where it is, never anything derived from its secret.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct KeyPlace {
    pub input: String,
    pub block: u32,
}

/// What is the public key of this private key, which does not carry it? Asked only for keys that
/// omit their public half (Ed25519 PKCS#8 v1, the usual form, and EC keys written without it).
/// The secret lives only as long as the question, and is wiped when it is dropped.
#[derive(Clone)]
pub struct KeyQuestion {
    pub place: KeyPlace,
    /// `Some` for EC keys (P-256 or P-384), `None` for Ed25519.
    pub curve: Option<Curve>,
    /// The key as PKCS#8 (`PrivateKeyInfo`), what WebCrypto's `importKey('pkcs8')` reads.
    pub pkcs8: Zeroizing<Vec<u8>>,
}

// Never the key's bytes, whatever prints a question.
impl std::fmt::Debug for KeyQuestion {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "KeyQuestion({}, block {})",
            self.place.input, self.place.block
        )
    }
}

#[derive(Clone, Debug)]
pub enum Question {
    Signature(SignatureQuestion),
    PublicKey(KeyQuestion),
}

/// The answers known so far. Signature answers are kept by question identity and may be reused by
/// later checks (they depend only on public data); public-key answers belong to one set of inputs.
#[derive(Clone, Debug, Default)]
pub struct Answers {
    /// (question id, valid), sorted by id.
    signatures: Vec<([u8; 32], bool)>,
    /// (key, its public key: an uncompressed EC point or 32 Ed25519 bytes; `None`: could not be
    /// derived), sorted by key.
    public_keys: Vec<(KeyPlace, Option<Vec<u8>>)>,
}

impl Answers {
    pub fn signature(&self, id: &[u8; 32]) -> Option<bool> {
        self.signatures
            .binary_search_by(|(k, _)| k.cmp(id))
            .ok()
            .map(|i| self.signatures[i].1)
    }

    pub fn add_signature(&mut self, question: &SignatureQuestion, valid: bool) {
        let id = question.id();
        match self.signatures.binary_search_by(|(k, _)| k.cmp(&id)) {
            Ok(i) => self.signatures[i].1 = valid,
            Err(i) => self.signatures.insert(i, (id, valid)),
        }
    }

    pub fn public_key(&self, place: &KeyPlace) -> Option<Option<&[u8]>> {
        self.public_keys
            .binary_search_by(|(k, _)| k.cmp(place))
            .ok()
            .map(|i| self.public_keys[i].1.as_deref())
    }

    pub fn add_public_key(&mut self, place: KeyPlace, public: Option<Vec<u8>>) {
        match self.public_keys.binary_search_by(|(k, _)| k.cmp(&place)) {
            Ok(i) => self.public_keys[i].1 = public,
            Err(i) => self.public_keys.insert(i, (place, public)),
        }
    }

    pub fn signature_count(&self) -> usize {
        self.signatures.len()
    }

    /// The answers that outlive one set of inputs: signatures only.
    pub fn without_public_keys(mut self) -> Answers {
        self.public_keys.clear();
        self
    }
}

struct Scope {
    answers: Answers,
    asked: Vec<Question>,
    /// The ids of the signature questions in `asked`, sorted.
    asked_ids: Vec<[u8; 32]>,
    /// Questions asked in this scope and not answered (each counted once per asking).
    unanswered: usize,
}

thread_local! {
    static SCOPE: RefCell<Option<Scope>> = const { RefCell::new(None) };
}

/// Runs `f` (one round of a check) with `answers`; returns its result, the answers back, and the
/// questions it asked that they could not answer (each once).
pub fn with_answers<R>(answers: Answers, f: impl FnOnce() -> R) -> (R, Answers, Vec<Question>) {
    let outer = SCOPE.with(|s| {
        s.borrow_mut().replace(Scope {
            answers,
            asked: Vec::new(),
            asked_ids: Vec::new(),
            unanswered: 0,
        })
    });
    // Put back on unwind too, so that a panic in one check (caught by a test) leaves no scope behind.
    struct Restore(Option<Option<Scope>>);
    impl Drop for Restore {
        fn drop(&mut self) {
            if let Some(outer) = self.0.take() {
                SCOPE.with(|s| *s.borrow_mut() = outer);
            }
        }
    }
    let mut restore = Restore(Some(outer));
    let result = f();
    let outer = restore.0.take().expect("restored once");
    let scope = SCOPE
        .with(|s| std::mem::replace(&mut *s.borrow_mut(), outer))
        .expect("the scope set above");
    (result, scope.answers, scope.asked)
}

/// How many questions went unanswered so far in this thread's current check (0 outside one).
pub fn unanswered() -> usize {
    SCOPE.with(|s| s.borrow().as_ref().map_or(0, |s| s.unanswered))
}

/// The answer to a signature question, or `None` (recorded, to be asked of the shell).
pub fn ask_signature(question: SignatureQuestion) -> Option<bool> {
    SCOPE.with(|s| {
        let mut s = s.borrow_mut();
        let scope = s.as_mut()?;
        let id = question.id();
        if let Some(valid) = scope.answers.signature(&id) {
            return Some(valid);
        }
        scope.unanswered += 1;
        if let Err(at) = scope.asked_ids.binary_search(&id) {
            scope.asked_ids.insert(at, id);
            scope.asked.push(Question::Signature(question));
        }
        None
    })
}

/// The public key of a private key that does not carry it: `Some(Some(bytes))` when derived,
/// `Some(None)` when audited code could not derive it, `None` when not answered yet (recorded).
pub fn ask_public_key(question: KeyQuestion) -> Option<Option<Vec<u8>>> {
    SCOPE.with(|s| {
        let mut s = s.borrow_mut();
        let scope = s.as_mut()?;
        if let Some(answer) = scope.answers.public_key(&question.place) {
            return Some(answer.map(<[u8]>::to_vec));
        }
        scope.unanswered += 1;
        let already = scope
            .asked
            .iter()
            .any(|q| matches!(q, Question::PublicKey(a) if a.place == question.place));
        if !already {
            scope.asked.push(Question::PublicKey(question));
        }
        None
    })
}

// ---------------------------------------------------------------------------------------------
// Which scheme: from the exact algorithm identifiers (the DER contents of the AlgorithmIdentifier
// SEQUENCEs, as rustls-webpki compares them).

// sha256WithRSAEncryption etc. with the NULL parameters left out: RFC 4055 says verifiers MUST accept
// both forms, and webpki's own tables carry both.
const RSA_PKCS1_SHA256_ABSENT: AlgorithmIdentifier = AlgorithmIdentifier::from_slice(&[
    0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x0b,
]);
const RSA_PKCS1_SHA384_ABSENT: AlgorithmIdentifier = AlgorithmIdentifier::from_slice(&[
    0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x0c,
]);
const RSA_PKCS1_SHA512_ABSENT: AlgorithmIdentifier = AlgorithmIdentifier::from_slice(&[
    0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x0d,
]);
/// The (public key algorithm, signature algorithm) pairs that rustls-webpki verifies chains with,
/// and their scheme: the same table as webpki's ring and aws-lc-rs providers (and `sigalgs::ALL`).
pub const WEBPKI_PAIRS: [(AlgorithmIdentifier, AlgorithmIdentifier, Scheme); 14] = [
    (
        alg_id::ECDSA_P256,
        alg_id::ECDSA_SHA256,
        Scheme::Ecdsa(Curve::P256, Hash::Sha256),
    ),
    (
        alg_id::ECDSA_P256,
        alg_id::ECDSA_SHA384,
        Scheme::Ecdsa(Curve::P256, Hash::Sha384),
    ),
    (
        alg_id::ECDSA_P384,
        alg_id::ECDSA_SHA256,
        Scheme::Ecdsa(Curve::P384, Hash::Sha256),
    ),
    (
        alg_id::ECDSA_P384,
        alg_id::ECDSA_SHA384,
        Scheme::Ecdsa(Curve::P384, Hash::Sha384),
    ),
    (alg_id::ED25519, alg_id::ED25519, Scheme::Ed25519),
    (
        alg_id::RSA_ENCRYPTION,
        alg_id::RSA_PKCS1_SHA256,
        Scheme::RsaPkcs1(Hash::Sha256),
    ),
    (
        alg_id::RSA_ENCRYPTION,
        alg_id::RSA_PKCS1_SHA384,
        Scheme::RsaPkcs1(Hash::Sha384),
    ),
    (
        alg_id::RSA_ENCRYPTION,
        alg_id::RSA_PKCS1_SHA512,
        Scheme::RsaPkcs1(Hash::Sha512),
    ),
    (
        alg_id::RSA_ENCRYPTION,
        RSA_PKCS1_SHA256_ABSENT,
        Scheme::RsaPkcs1(Hash::Sha256),
    ),
    (
        alg_id::RSA_ENCRYPTION,
        RSA_PKCS1_SHA384_ABSENT,
        Scheme::RsaPkcs1(Hash::Sha384),
    ),
    (
        alg_id::RSA_ENCRYPTION,
        RSA_PKCS1_SHA512_ABSENT,
        Scheme::RsaPkcs1(Hash::Sha512),
    ),
    (
        alg_id::RSA_ENCRYPTION,
        alg_id::RSA_PSS_SHA256,
        Scheme::RsaPss(Hash::Sha256),
    ),
    (
        alg_id::RSA_ENCRYPTION,
        alg_id::RSA_PSS_SHA384,
        Scheme::RsaPss(Hash::Sha384),
    ),
    (
        alg_id::RSA_ENCRYPTION,
        alg_id::RSA_PSS_SHA512,
        Scheme::RsaPss(Hash::Sha512),
    ),
];

// ---------------------------------------------------------------------------------------------
// The policy every shell applies before audited code runs: what ring refuses on its own, and what
// WebCrypto would accept but rustls, rserver's OpenSSL at its default security level, or browsers do
// not.

/// The largest RSA modulus verified (ring's limit).
const RSA_MAX_BITS: u32 = 8192;

fn bit_length(magnitude: &[u8]) -> u32 {
    match magnitude.iter().position(|b| *b != 0) {
        Some(i) => (magnitude.len() - i) as u32 * 8 - magnitude[i].leading_zeros(),
        None => 0,
    }
}

/// Why a question is refused without asking audited code.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Refusal {
    /// The key is not one that is verified with (an RSA key under 1024 or 2048 bits, a compressed EC
    /// point, ...): the signature is not verified, neither good nor bad.
    Key(&'static str),
    /// The signature cannot be valid (not strict DER, the wrong length): it is a bad signature.
    Signature(&'static str),
}

/// Whether the question is one audited code should be asked at all. The checks are ring's own for
/// RSA keys and signatures, the uncompressed point ring requires, strict DER for ECDSA, and
/// Ed25519's fixed sizes; WebCrypto leaves some of them to its caller.
pub fn admissible(q: &SignatureQuestion) -> Result<(), Refusal> {
    match q.scheme {
        Scheme::RsaPkcs1(_) | Scheme::RsaPss(_) => {
            let (n, e) = super::der::rsa_public(&q.public_key)
                .ok_or(Refusal::Key("not an RSA public key"))?;
            let bits = bit_length(&n);
            if bits < q.scheme.rsa_min_bits() || bits > RSA_MAX_BITS {
                return Err(Refusal::Key(if bits < 2048 {
                    "an RSA key shorter than clients accept for this signature"
                } else {
                    "an RSA key longer than 8192 bits"
                }));
            }
            if n.last().is_none_or(|b| b & 1 == 0) {
                return Err(Refusal::Key("an RSA modulus that is even"));
            }
            let e_bits = bit_length(&e);
            if !(2..=33).contains(&e_bits) || e.last().is_none_or(|b| b & 1 == 0) {
                return Err(Refusal::Key(
                    "an RSA public exponent that is not odd, at least 3 and below 2^33",
                ));
            }
            // PKCS#1 and PSS signatures are exactly as long as the modulus.
            if q.signature.len() != n.len() {
                return Err(Refusal::Signature("an RSA signature of the wrong length"));
            }
            Ok(())
        }
        Scheme::Ecdsa(curve, _) => {
            let size =
                curve_bytes(curve).ok_or(Refusal::Key("an EC curve that is not verified"))?;
            if q.public_key.len() != 1 + 2 * size || q.public_key[0] != 0x04 {
                return Err(Refusal::Key(
                    "an EC public key that is not an uncompressed point of its curve",
                ));
            }
            ecdsa_der_to_fixed(&q.signature, size)
                .map(|_| ())
                .ok_or(Refusal::Signature(
                    "an ECDSA signature that is not strict DER",
                ))
        }
        Scheme::Ed25519 => {
            if q.public_key.len() != 32 {
                return Err(Refusal::Key("an Ed25519 key that is not 32 bytes"));
            }
            if q.signature.len() != 64 {
                return Err(Refusal::Signature(
                    "an Ed25519 signature that is not 64 bytes",
                ));
            }
            Ok(())
        }
    }
}

/// The size of a coordinate (and of r and s) on the curves verified.
pub fn curve_bytes(curve: Curve) -> Option<usize> {
    match curve {
        Curve::P256 => Some(32),
        Curve::P384 => Some(48),
        _ => None,
    }
}

/// ECDSA's `SEQUENCE { r INTEGER, s INTEGER }` in strict DER, as `r ‖ s` with each left-padded to
/// `size` bytes (the form WebCrypto takes). Anything but DER is refused: long-form or padded lengths,
/// superfluous leading zeros, negative or zero integers, values wider than the curve, other tags,
/// trailing bytes. Such signatures are exactly the BER that ring and OpenSSL refuse; a lax conversion
/// would let WebCrypto accept them. A signature on these curves is at most 104 bytes, so every length
/// is in DER's short form.
pub fn ecdsa_der_to_fixed(der: &[u8], size: usize) -> Option<Vec<u8>> {
    let [0x30, len, ref body @ ..] = *der else {
        return None;
    };
    if len >= 0x80 || body.len() != usize::from(len) {
        return None;
    }
    let mut out = Vec::with_capacity(2 * size);
    let mut rest = body;
    for _ in 0..2 {
        let [0x02, len, ref tail @ ..] = *rest else {
            return None;
        };
        let len = usize::from(len);
        if len == 0 || len >= 0x80 || tail.len() < len {
            return None;
        }
        let (int, after) = tail.split_at(len);
        // Non-negative, and minimal: a leading zero only before a byte with its high bit set.
        if int[0] & 0x80 != 0 || (int[0] == 0 && (len == 1 || int[1] & 0x80 == 0)) {
            return None;
        }
        let magnitude = if int[0] == 0 { &int[1..] } else { int };
        if magnitude.len() > size || magnitude.is_empty() {
            return None;
        }
        out.resize(out.len() + size - magnitude.len(), 0);
        out.extend_from_slice(magnitude);
        rest = after;
    }
    rest.is_empty().then_some(out)
}

// ---------------------------------------------------------------------------------------------
// rustls-webpki's side: its signature algorithms, answered from the scope's answers.

/// One of webpki's algorithms, answered from the check's answers (what audited code said). A question
/// not answered yet is recorded and refused for now; the check is then run again with its answer.
#[derive(Debug)]
pub struct Answered {
    public_key_alg_id: AlgorithmIdentifier,
    signature_alg_id: AlgorithmIdentifier,
    scheme: Scheme,
}

impl SignatureVerificationAlgorithm for Answered {
    fn verify_signature(
        &self,
        public_key: &[u8],
        message: &[u8],
        signature: &[u8],
    ) -> Result<(), InvalidSignature> {
        let question = SignatureQuestion {
            scheme: self.scheme,
            public_key: public_key.to_vec(),
            message: message.to_vec(),
            signature: signature.to_vec(),
        };
        // webpki's providers take no RSA key under 2048 bits, whatever the hash.
        let webpki_size = match self.scheme {
            Scheme::RsaPkcs1(_) | Scheme::RsaPss(_) => {
                super::der::rsa_public(public_key).is_some_and(|(n, _)| bit_length(&n) >= 2048)
            }
            _ => true,
        };
        if !webpki_size || admissible(&question).is_err() {
            return Err(InvalidSignature);
        }
        match ask_signature(question) {
            Some(true) => Ok(()),
            _ => Err(InvalidSignature),
        }
    }

    fn public_key_alg_id(&self) -> AlgorithmIdentifier {
        self.public_key_alg_id
    }

    fn signature_alg_id(&self) -> AlgorithmIdentifier {
        self.signature_alg_id
    }
}

macro_rules! answered {
    ($($i:literal),*) => {
        [$(Answered {
            public_key_alg_id: WEBPKI_PAIRS[$i].0,
            signature_alg_id: WEBPKI_PAIRS[$i].1,
            scheme: WEBPKI_PAIRS[$i].2,
        }),*]
    };
}

static ANSWERED: [Answered; 14] = answered!(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13);

/// The algorithms the core gives rustls-webpki: [`WEBPKI_PAIRS`], each answered by audited code.
pub static WEBPKI: [&dyn SignatureVerificationAlgorithm; 14] = [
    &ANSWERED[0],
    &ANSWERED[1],
    &ANSWERED[2],
    &ANSWERED[3],
    &ANSWERED[4],
    &ANSWERED[5],
    &ANSWERED[6],
    &ANSWERED[7],
    &ANSWERED[8],
    &ANSWERED[9],
    &ANSWERED[10],
    &ANSWERED[11],
    &ANSWERED[12],
    &ANSWERED[13],
];

/// At most this many questions are recorded ahead of one path search: enough for every pair of a
/// pathological bundle of a hundred CAs of one name (x509-limbo has it), which webpki explores within
/// its own budget; beyond it, webpki's callbacks ask for what they need, a round at a time.
const PATH_QUESTIONS: usize = 10_500;

/// Records, before webpki runs, every signature it may check on this path search: each certificate
/// against every other one and every anchor whose subject is its issuer. webpki checks signatures
/// only once a path reaches an anchor, and stops at the first bad one, so leaving the questions to its
/// callbacks would find them one link per round.
pub fn ask_for_path(certificates: &[&[u8]], anchors: &[(&[u8], &[u8])]) {
    let mut budget = PATH_QUESTIONS;
    // (subject, SubjectPublicKeyInfo) of every possible issuer, anchors included.
    let issuers: Vec<(&[u8], &[u8])> = certificates
        .iter()
        .filter_map(|der| subject_and_spki(der))
        .chain(anchors.iter().copied())
        .collect();
    for der in certificates {
        let Some(parts) = signed_parts(der) else {
            continue;
        };
        for (_, spki) in issuers.iter().filter(|(s, _)| *s == parts.issuer) {
            let Some((key_alg, key)) = spki_parts(spki) else {
                continue;
            };
            let Some((_, _, scheme)) = WEBPKI_PAIRS
                .iter()
                .find(|(pk, sig, _)| pk.as_ref() == key_alg && sig.as_ref() == parts.signature_alg)
            else {
                continue;
            };
            let question = SignatureQuestion {
                scheme: *scheme,
                public_key: key.to_vec(),
                message: parts.tbs.to_vec(),
                signature: parts.signature.to_vec(),
            };
            if admissible(&question).is_ok() {
                if budget == 0 {
                    return;
                }
                budget -= 1;
                let _ = ask_signature(question);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ecdsa_signatures_must_be_strict_der() {
        let der = [0x30, 0x07, 0x02, 0x01, 0x01, 0x02, 0x02, 0x00, 0xff];
        assert_eq!(ecdsa_der_to_fixed(&der, 2), Some(vec![0, 1, 0, 0xff]));
        let wide = [0x30, 0x07, 0x02, 0x01, 0x01, 0x02, 0x02, 0x01, 0xff];
        assert_eq!(ecdsa_der_to_fixed(&wide, 2), Some(vec![0, 1, 1, 0xff]));
        assert_eq!(ecdsa_der_to_fixed(&wide, 1), None, "wider than the curve");
        // Trailing bytes after the SEQUENCE, and a third element.
        assert_eq!(ecdsa_der_to_fixed(&[&der[..], &[0]].concat(), 2), None);
        let three = [
            0x30, 0x09, 0x02, 0x01, 0x01, 0x02, 0x01, 0x02, 0x02, 0x01, 0x03,
        ];
        assert_eq!(ecdsa_der_to_fixed(&three, 2), None);
        // The BER forms Wycheproof tries: a long-form length, a padded integer, a negative one, zero.
        let long = [0x30, 0x81, 0x07, 0x02, 0x01, 0x01, 0x02, 0x02, 0x00, 0xff];
        assert_eq!(ecdsa_der_to_fixed(&long, 2), None);
        let padded = [0x30, 0x08, 0x02, 0x02, 0x00, 0x01, 0x02, 0x02, 0x00, 0xff];
        assert_eq!(ecdsa_der_to_fixed(&padded, 2), None);
        let negative = [0x30, 0x06, 0x02, 0x01, 0x81, 0x02, 0x01, 0x01];
        assert_eq!(ecdsa_der_to_fixed(&negative, 2), None);
        let zero = [0x30, 0x06, 0x02, 0x01, 0x00, 0x02, 0x01, 0x01];
        assert_eq!(ecdsa_der_to_fixed(&zero, 2), None);
        let long_int = [0x30, 0x08, 0x02, 0x81, 0x01, 0x01, 0x02, 0x01, 0x01, 0x00];
        assert_eq!(ecdsa_der_to_fixed(&long_int, 2), None);
    }

    #[test]
    fn unanswered_questions_are_recorded_once_and_answers_found() {
        let q = SignatureQuestion {
            scheme: Scheme::Ed25519,
            public_key: vec![1; 32],
            message: b"m".to_vec(),
            signature: vec![2; 64],
        };
        let (first, answers, asked) = with_answers(Answers::default(), || {
            [ask_signature(q.clone()), ask_signature(q.clone())]
        });
        assert_eq!(first, [None, None]);
        assert_eq!(asked.len(), 1);
        let mut answers = answers;
        answers.add_signature(&q, false);
        let (second, _, asked) = with_answers(answers, || (ask_signature(q.clone()), unanswered()));
        assert_eq!(second, (Some(false), 0));
        assert!(asked.is_empty());
        // Outside a check nothing is answered, and nothing is recorded.
        assert_eq!(ask_signature(q), None);
    }

    #[test]
    fn every_webpki_pair_has_its_own_identifiers() {
        for (i, a) in WEBPKI_PAIRS.iter().enumerate() {
            for b in &WEBPKI_PAIRS[i + 1..] {
                assert!(a.0 != b.0 || a.1 != b.1);
            }
        }
    }
}
