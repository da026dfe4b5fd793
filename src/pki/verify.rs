//! Whether an issuer's key made a certificate's signature, for building chains, the chain view and
//! telling roots apart. The answer comes from audited code (`pki::signatures`): this only decides the
//! question and reads the answer.

use super::cert::{CertFacts, Hash};
use super::signatures::{self, Scheme, SignatureQuestion, WEBPKI_PAIRS};
use rustls_pki_types::{alg_id, AlgorithmIdentifier};

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
    let scheme = match link_scheme(&issuer.spki_alg_id, &child.signature_alg_id) {
        Ok(scheme) => scheme,
        Err(NotAsked::WrongKeyType) => return Verdict::Invalid,
        Err(NotAsked::Unsupported(why)) => return Verdict::Unsupported(why),
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

/// sha1WithRSAEncryption, with and without NULL: verified for the chain view only (browsers and
/// rustls refuse SHA-1 in chains; the rules say so).
const RSA_PKCS1_SHA1: AlgorithmIdentifier = AlgorithmIdentifier::from_slice(&[
    0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x05, 0x05, 0x00,
]);
const RSA_PKCS1_SHA1_ABSENT: AlgorithmIdentifier = AlgorithmIdentifier::from_slice(&[
    0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x05,
]);

/// Why a certificate's signature by a key is not a question for audited code.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum NotAsked {
    /// A key of this type cannot make a signature of this kind (an X25519 or RSA key under an
    /// Ed25519 signature): it did not sign, and no code need say so.
    WrongKeyType,
    /// An algorithm, curve or parameters that are not verified here; the text says which, in words.
    Unsupported(String),
}

/// The scheme of a certificate's signature (`signature_alg`) by a key (`public_key_alg`), for the
/// chain view and for telling a root from a certificate that only names itself: webpki's pairs, and
/// RSA with SHA-1 (old roots are still signed so).
pub fn link_scheme(public_key_alg: &[u8], signature_alg: &[u8]) -> Result<Scheme, NotAsked> {
    if let Some((_, _, scheme)) = WEBPKI_PAIRS
        .iter()
        .find(|(pk, sig, _)| pk.as_ref() == public_key_alg && sig.as_ref() == signature_alg)
    {
        return Ok(*scheme);
    }
    let rsa_key = public_key_alg == alg_id::RSA_ENCRYPTION.as_ref();
    if rsa_key
        && (signature_alg == RSA_PKCS1_SHA1.as_ref()
            || signature_alg == RSA_PKCS1_SHA1_ABSENT.as_ref())
    {
        return Ok(Scheme::RsaPkcs1(Hash::Sha1));
    }
    Err(not_asked(public_key_alg, signature_alg))
}

fn oid_of(algorithm_identifier: &[u8]) -> String {
    match super::der::tlv(algorithm_identifier) {
        Some((0x06, oid, _, _)) => {
            x509_parser::asn1_rs::Oid::new(std::borrow::Cow::Borrowed(oid)).to_id_string()
        }
        _ => String::new(),
    }
}

/// Why a (key, signature) algorithm pair is not asked about: a key that cannot have made such a
/// signature, or an algorithm not verified here (in words, for people).
fn not_asked(public_key_alg: &[u8], signature_alg: &[u8]) -> NotAsked {
    use super::cert::{Hash, SigAlg};
    use super::key::{OID_DSA, OID_EC, OID_ED25519, OID_RSA, OID_RSA_PSS};
    let key = oid_of(public_key_alg);
    let signature = SigAlg::from_oid(&oid_of(signature_alg));
    // The key families that can make each kind of signature.
    let family_fits = match &signature {
        SigAlg::RsaPkcs1(_) | SigAlg::Md2Rsa => key == OID_RSA,
        SigAlg::RsaPss => key == OID_RSA || key == OID_RSA_PSS,
        SigAlg::Ecdsa(_) => key == OID_EC,
        SigAlg::Ed25519 => key == OID_ED25519,
        SigAlg::Dsa(_) => key == OID_DSA,
        SigAlg::Other(_) => true,
    };
    if !family_fits && !key.is_empty() {
        return NotAsked::WrongKeyType;
    }
    let key_words = match key.as_str() {
        OID_RSA => "an RSA key",
        OID_RSA_PSS => "an RSA-PSS-only key (id-RSASSA-PSS), which rustls-webpki does not take",
        OID_EC => "an EC key",
        OID_ED25519 => "an Ed25519 key",
        _ => "a key of another type",
    };
    NotAsked::Unsupported(match signature {
        SigAlg::RsaPss => format!(
            "RSA-PSS with parameters that are not accepted (only SHA-256, SHA-384 or SHA-512 with MGF1 of the same hash and a salt as long as the hash, as rustls-webpki accepts them), by {key_words}"
        ),
        SigAlg::RsaPkcs1(Hash::Md5) => "MD5 signatures are not verified".into(),
        SigAlg::Md2Rsa => "MD2 signatures are not verified".into(),
        SigAlg::Ecdsa(Hash::Sha1) => "ECDSA with SHA-1 is not verified (no client accepts it)".into(),
        SigAlg::Ecdsa(Hash::Sha512) => {
            "ECDSA with SHA-512 is not verified (rustls does not accept it in chains)".into()
        }
        SigAlg::Dsa(_) => "DSA signatures are not verified".into(),
        SigAlg::Ecdsa(_) => format!(
            "an ECDSA signature by {key_words} that is not on P-256 or P-384 with a named curve"
        ),
        SigAlg::RsaPkcs1(_) => format!("an RSA signature by {key_words}, with parameters that are not accepted"),
        SigAlg::Ed25519 => format!("an Ed25519 signature by {key_words}"),
        SigAlg::Other(oid) if oid.is_empty() => "a signature algorithm that cannot be read".into(),
        other => format!("{} signatures are not verified", other.name()),
    })
}
