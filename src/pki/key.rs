//! Private and public keys: parsed only far enough to know the public key, then dropped.
//!
//! Nothing here keeps private key material: parsing yields the *public* key (to compare with a
//! certificate) and a description (type and size). Decoded secret bytes live in PEM blocks that are
//! zeroised on drop. Encrypted keys are recognised and never decrypted (no passphrase input, and their
//! KDF parameters are never run, so a crafted file cannot hang the page).

pub use super::algorithm::Curve;
use super::der::{self, bits, elements, is, is_context, oid, sequence, unsigned};
use super::signatures::{self, KeyPlace};
use std::fmt;
use x509_parser::asn1_rs::{self, Tag};

pub const OID_RSA: &str = "1.2.840.113549.1.1.1";
pub const OID_RSA_PSS: &str = "1.2.840.113549.1.1.10";
pub const OID_EC: &str = "1.2.840.10045.2.1";
pub const OID_ED25519: &str = "1.3.101.112";
pub const OID_ED448: &str = "1.3.101.113";
pub const OID_DSA: &str = "1.2.840.10040.4.1";

/// A public key in a form that compares by value across encodings.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PublicKeyId {
    Rsa {
        modulus: Vec<u8>,
        exponent: Vec<u8>,
        pss: bool,
    },
    Ec {
        curve: Curve,
        point: Vec<u8>,
    },
    Ed25519(Vec<u8>),
    /// An algorithm wb-ssl-check can describe but not compare.
    Other(String),
}

impl PublicKeyId {
    /// "RSA 2048", "EC P-256", "Ed25519".
    pub fn describe(&self) -> String {
        match self {
            PublicKeyId::Rsa { pss: true, .. } => format!("RSA-PSS {}", self.bits()),
            PublicKeyId::Rsa { .. } => format!("RSA {}", self.bits()),
            PublicKeyId::Ec { curve, .. } => format!("EC {}", curve.name()),
            PublicKeyId::Ed25519(_) => "Ed25519".into(),
            PublicKeyId::Other(name) => name.clone(),
        }
    }

    pub fn bits(&self) -> u32 {
        match self {
            PublicKeyId::Rsa { modulus, .. } => {
                let lead = modulus.first().map(|b| 8 - b.leading_zeros()).unwrap_or(0);
                (modulus.len().saturating_sub(1) as u32) * 8 + lead
            }
            PublicKeyId::Ec { curve, .. } => curve.bits(),
            PublicKeyId::Ed25519(_) => 256,
            PublicKeyId::Other(_) => 0,
        }
    }

    /// Whether two keys are the same key. RSA and RSA-PSS keys with the same numbers are the same key.
    pub fn same_key(&self, other: &PublicKeyId) -> Option<bool> {
        match (self, other) {
            (
                PublicKeyId::Rsa {
                    modulus: a,
                    exponent: x,
                    ..
                },
                PublicKeyId::Rsa {
                    modulus: b,
                    exponent: y,
                    ..
                },
            ) => Some(a == b && x == y),
            (
                PublicKeyId::Ec {
                    curve: c1,
                    point: p1,
                },
                PublicKeyId::Ec {
                    curve: c2,
                    point: p2,
                },
            ) => Some(c1 == c2 && p1 == p2),
            (PublicKeyId::Ed25519(a), PublicKeyId::Ed25519(b)) => Some(a == b),
            (PublicKeyId::Other(_), _) | (_, PublicKeyId::Other(_)) => None,
            _ => Some(false),
        }
    }
}

impl fmt::Display for PublicKeyId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.describe())
    }
}

/// An EC point in the one form keys are compared in: compressed (`02`/`03` and X), which a point in
/// either SEC1 form gives by rearranging bytes (the parity of Y picks the prefix), with no arithmetic.
/// `None` when the bytes are no SEC1 point of the curve's size.
fn ec_point(curve: Curve, bytes: &[u8]) -> Option<Vec<u8>> {
    let size = (curve.bits() as usize).div_ceil(8);
    match bytes {
        [0x04, rest @ ..] if rest.len() == 2 * size => {
            let (x, y) = rest.split_at(size);
            let mut out = vec![0x02 | (y[size - 1] & 1)];
            out.extend_from_slice(x);
            Some(out)
        }
        [0x02 | 0x03, x @ ..] if x.len() == size => Some(bytes.to_vec()),
        _ => None,
    }
}

/// The named curve that explicit EC parameters (an ECParameters SEQUENCE instead of a curve OID)
/// spell out, recognised by the field prime.
fn curve_of_explicit_parameters(content: &[u8]) -> Option<Curve> {
    use crate::limits::der_length;
    // ECParameters ::= SEQUENCE { version INTEGER, fieldID SEQUENCE { fieldType OID, prime INTEGER }, ... }
    // (tag, content start, content length) of the element at `at`.
    let tlv = |at: usize| -> Option<(u8, usize, usize)> {
        let (len, used) = der_length(content, at + 1)?;
        Some((*content.get(at)?, at + 1 + used, len))
    };
    let (version, start, len) = tlv(0)?;
    let (field_id, field, _) = tlv(start.checked_add(len)?)?;
    let (field_type, start, len) = tlv(field)?;
    let (prime_tag, start, len) = tlv(start.checked_add(len)?)?;
    if (version, field_id, field_type, prime_tag) != (0x02, 0x30, 0x06, 0x02) {
        return None;
    }
    let prime = content.get(start..start.checked_add(len)?)?;
    let prime = &prime[prime.iter().position(|b| *b != 0).unwrap_or(prime.len())..];
    let hex: String = prime.iter().map(|b| format!("{b:02x}")).collect();
    Some(match hex.as_str() {
        "fffffffffffffffffffffffffffffffeffffffffffffffff" => Curve::P192,
        "ffffffffffffffffffffffffffffffff000000000000000000000001" => Curve::P224,
        "ffffffff00000001000000000000000000000000ffffffffffffffffffffffff" => Curve::P256,
        "fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffeffffffff0000000000000000ffffffff" => Curve::P384,
        "fffffffffffffffffffffffffffffffffffffffffffffffffffffffefffffc2f" => Curve::Secp256k1,
        h if h.len() == 131 && h.starts_with('1') && h[1..].bytes().all(|c| c == b'f') => Curve::P521,
        _ => return None,
    })
}

/// A SubjectPublicKeyInfo's algorithm OID, its parameters (when present) and its key bits.
fn spki_parts(spki_der: &[u8]) -> Option<(String, Option<asn1_rs::Any<'_>>, &[u8])> {
    let [algorithm, key] = sequence(spki_der)?.try_into().ok()?;
    if !is(&algorithm, Tag::Sequence) || !is(&key, Tag::BitString) {
        return None;
    }
    let mut alg = elements(&algorithm)?.into_iter();
    let alg_oid = oid(&alg.next()?)?;
    Some((alg_oid, alg.next(), bits(&key)?))
}

/// Whether a SubjectPublicKeyInfo is an EC key with explicit curve parameters (which clients refuse
/// even when they describe a named curve).
pub fn has_explicit_curve(spki_der: &[u8]) -> bool {
    spki_parts(spki_der).is_some_and(|(alg, params, _)| {
        alg == OID_EC && params.is_some_and(|p| is(&p, Tag::Sequence))
    })
}

/// The public key of a SubjectPublicKeyInfo.
pub fn from_spki(spki_der: &[u8]) -> Result<PublicKeyId, String> {
    let (alg, params, bits) = spki_parts(spki_der)
        .ok_or_else(|| "not a public key (not a DER SubjectPublicKeyInfo)".to_string())?;
    match alg.as_str() {
        OID_RSA | OID_RSA_PSS => {
            let (modulus, exponent) =
                der::rsa_public(bits).ok_or_else(|| "bad RSA public key".to_string())?;
            Ok(PublicKeyId::Rsa {
                modulus,
                exponent,
                pss: alg == OID_RSA_PSS,
            })
        }
        OID_EC => {
            let curve_oid = params.as_ref().and_then(oid).unwrap_or_default();
            let explicit = params
                .as_ref()
                .filter(|p| is(p, Tag::Sequence))
                .and_then(|p| curve_of_explicit_parameters(p.data));
            match Curve::from_oid(&curve_oid).or(explicit) {
                Some(curve) => ec_point(curve, bits)
                    .map(|point| PublicKeyId::Ec { curve, point })
                    .ok_or_else(|| "bad EC point".to_string()),
                None => Ok(PublicKeyId::Other(format!("EC ({curve_oid})"))),
            }
        }
        OID_ED25519 if bits.len() == 32 => Ok(PublicKeyId::Ed25519(bits.to_vec())),
        OID_ED448 => Ok(PublicKeyId::Other("Ed448".into())),
        OID_DSA => Ok(PublicKeyId::Other(
            match params.and_then(|p| dsa_bits(p.data)) {
                Some(bits) => format!("DSA {bits}"),
                None => "DSA".into(),
            },
        )),
        other => Ok(PublicKeyId::Other(format!("unknown algorithm {other}"))),
    }
}

/// The size of a DSA key: the bits of `p` in its Dss-Parms (`SEQUENCE { p, q, g }` content).
fn dsa_bits(content: &[u8]) -> Option<u32> {
    let (len, used) = crate::limits::der_length(content, 1)?;
    if content.first() != Some(&0x02) {
        return None;
    }
    let p = content.get(1 + used..(1 + used).checked_add(len)?)?;
    let p = &p[p.iter().position(|b| *b != 0)?..];
    Some((p.len() as u32 - 1) * 8 + (8 - p[0].leading_zeros()))
}

pub fn hex_colon(bytes: &[u8]) -> String {
    bytes
        .iter()
        .map(|b| format!("{b:02X}"))
        .collect::<Vec<_>>()
        .join(":")
}

/// How a key block is protected.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Encryption {
    /// `ENCRYPTED PRIVATE KEY` (PKCS#8 PBES2).
    Pkcs8,
    /// OpenSSL's legacy `Proc-Type: 4,ENCRYPTED` header.
    LegacyPem,
}

/// What a key block turned out to be.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum KeyBlock {
    /// A usable private key, known only by its public half.
    Private(PublicKeyId),
    Encrypted(Encryption),
    Public(PublicKeyId),
    /// A key format Workbench cannot use, or damaged content; the text says which.
    Unparsable(String),
}

/// The labels of PEM blocks that hold keys.
pub fn is_key_label(label: &str) -> bool {
    matches!(
        label,
        "PRIVATE KEY"
            | "RSA PRIVATE KEY"
            | "EC PRIVATE KEY"
            | "ENCRYPTED PRIVATE KEY"
            | "PUBLIC KEY"
            | "RSA PUBLIC KEY"
            | "OPENSSH PRIVATE KEY"
            | "DSA PRIVATE KEY"
    ) || label.ends_with("PRIVATE KEY")
}

/// Parses a key block. `legacy_encrypted` is true when the PEM headers say `Proc-Type: 4,ENCRYPTED`;
/// `place` says where it is, for the one question a key can ask (its public half, when it lacks it).
pub fn parse_key(label: &str, der: &[u8], legacy_encrypted: bool, place: &KeyPlace) -> KeyBlock {
    if legacy_encrypted {
        return KeyBlock::Encrypted(Encryption::LegacyPem);
    }
    let result = match label {
        "ENCRYPTED PRIVATE KEY" => return KeyBlock::Encrypted(Encryption::Pkcs8),
        "PRIVATE KEY" => pkcs8_private(der, place).map(KeyBlock::Private),
        "RSA PRIVATE KEY" => rsa_private(der, false).map(KeyBlock::Private),
        "EC PRIVATE KEY" => sec1_private(der, None, None, place).map(KeyBlock::Private),
        "PUBLIC KEY" => from_spki(der).map(KeyBlock::Public),
        "RSA PUBLIC KEY" => der::rsa_public(der)
            .map(|(modulus, exponent)| KeyBlock::Public(PublicKeyId::Rsa { modulus, exponent, pss: false }))
            .ok_or_else(|| "not an RSA public key (not a DER RSAPublicKey)".to_string()),
        "OPENSSH PRIVATE KEY" => Err("an OpenSSH-format key, which Workbench cannot read; convert it with `ssh-keygen -p -m PEM -f <file>`".into()),
        "DSA PRIVATE KEY" => Err("a DSA key, which TLS servers no longer use".into()),
        other => Err(format!("an unknown key type `{other}`")),
    };
    result.unwrap_or_else(KeyBlock::Unparsable)
}

/// A DER private key with no PEM label (a `.der`/`.key` in binary form).
pub fn parse_der_private_key(der: &[u8], place: &KeyPlace) -> Option<PublicKeyId> {
    pkcs8_private(der, place)
        .or_else(|_| rsa_private(der, false))
        .or_else(|_| sec1_private(der, None, None, place))
        .ok()
}

fn rsa_private(der: &[u8], pss: bool) -> Result<PublicKeyId, String> {
    // RSAPrivateKey ::= SEQUENCE { version, modulus, publicExponent, privateExponent, ... }
    let parts = sequence(der)
        .filter(|e| e.len() >= 9)
        .ok_or_else(|| "not a valid RSA private key (not a DER RSAPrivateKey)".to_string())?;
    let (Some(modulus), Some(exponent)) = (unsigned(&parts[1]), unsigned(&parts[2])) else {
        return Err("not a valid RSA private key (its modulus or exponent is damaged)".into());
    };
    Ok(PublicKeyId::Rsa {
        modulus,
        exponent,
        pss,
    })
}

/// `pkcs8`: the PrivateKeyInfo the ECPrivateKey came in, if it came in one.
fn sec1_private(
    der: &[u8],
    curve_from_pkcs8: Option<Curve>,
    pkcs8: Option<&[u8]>,
    place: &KeyPlace,
) -> Result<PublicKeyId, String> {
    // ECPrivateKey ::= SEQUENCE { version, privateKey OCTET STRING, [0] parameters OPTIONAL,
    //                             [1] publicKey BIT STRING OPTIONAL }
    let parts = sequence(der)
        .filter(|e| e.len() >= 2 && is(&e[1], Tag::OctetString))
        .ok_or_else(|| "not a valid EC private key (not a DER ECPrivateKey)".to_string())?;
    let tagged = |n: u32| {
        parts[2..]
            .iter()
            .find(|e| is_context(e, n))
            .and_then(elements)
            .and_then(|inner| inner.into_iter().next())
    };
    let curve_oid = tagged(0).as_ref().and_then(oid);
    let curve = curve_from_pkcs8
        .or_else(|| curve_oid.as_deref().and_then(Curve::from_oid))
        .ok_or_else(|| {
            format!(
                "an EC key on an unsupported curve ({})",
                curve_oid.unwrap_or_else(|| "unnamed".into())
            )
        })?;
    let unreadable = || {
        format!(
            "an EC {} key whose public point cannot be read",
            curve.name()
        )
    };
    // Nearly every file carries the public point. Otherwise audited code derives it (the only
    // question a key asks); the secret is never used here.
    let point = match tagged(1)
        .filter(|b| is(b, Tag::BitString))
        .as_ref()
        .and_then(bits)
    {
        Some(p) => p.to_vec(),
        None if matches!(curve, Curve::P256 | Curve::P384) => {
            let pkcs8 = match pkcs8 {
                Some(p) => zeroize::Zeroizing::new(p.to_vec()),
                None => ec_pkcs8(curve, der),
            };
            match signatures::ask_public_key(signatures::KeyQuestion {
                place: place.clone(),
                curve: Some(curve),
                pkcs8,
            }) {
                Some(Some(p)) => p,
                Some(None) => return Err(unreadable()),
                None => return Ok(not_derived(&format!("EC {}", curve.name()))),
            }
        }
        None => return Err(unreadable()),
    };
    ec_point(curve, &point)
        .map(|point| PublicKeyId::Ec { curve, point })
        .ok_or_else(unreadable)
}

/// A private key whose public half was not derived (its question is still open): it is described,
/// and compared with nothing.
fn not_derived(kind: &str) -> PublicKeyId {
    PublicKeyId::Other(format!("{kind} (public key not derived)"))
}

/// A SEC1 ECPrivateKey wrapped as PKCS#8 (RFC 5915 §3, RFC 5208), the form WebCrypto imports.
fn ec_pkcs8(curve: Curve, sec1: &[u8]) -> zeroize::Zeroizing<Vec<u8>> {
    const EC_PUBLIC_KEY: &[u8] = &[0x06, 0x07, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x02, 0x01];
    let curve_oid: &[u8] = match curve {
        Curve::P384 => &[0x06, 0x05, 0x2b, 0x81, 0x04, 0x00, 0x22],
        _ => &[0x06, 0x08, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x03, 0x01, 0x07],
    };
    let mut algorithm = Vec::new();
    der::push_element(&mut algorithm, 0x30, &[EC_PUBLIC_KEY, curve_oid].concat());
    let mut body = zeroize::Zeroizing::new(vec![0x02, 0x01, 0x00]);
    body.extend_from_slice(&algorithm);
    der::push_element(&mut body, 0x04, sec1);
    let mut out = zeroize::Zeroizing::new(Vec::new());
    der::push_element(&mut out, 0x30, &body);
    out
}

fn pkcs8_private(der: &[u8], place: &KeyPlace) -> Result<PublicKeyId, String> {
    // PrivateKeyInfo ::= SEQUENCE { version, AlgorithmIdentifier, privateKey OCTET STRING,
    //                               [0] attributes OPTIONAL, [1] publicKey BIT STRING OPTIONAL }
    let parts = sequence(der)
        .filter(|e| e.len() >= 3 && is(&e[1], Tag::Sequence) && is(&e[2], Tag::OctetString))
        .ok_or_else(|| "not a valid PKCS#8 private key (not a DER PrivateKeyInfo)".to_string())?;
    let mut alg = elements(&parts[1]).unwrap_or_default().into_iter();
    let alg_oid = alg.next().as_ref().and_then(oid).unwrap_or_default();
    let params = alg.next();
    let secret = parts[2].data;
    match alg_oid.as_str() {
        OID_RSA => rsa_private(secret, false),
        OID_RSA_PSS => rsa_private(secret, true),
        OID_EC => {
            let curve = params
                .as_ref()
                .and_then(oid)
                .and_then(|o: String| Curve::from_oid(&o));
            sec1_private(secret, curve, Some(der), place)
        }
        OID_ED25519 => {
            // publicKey [1] is IMPLICIT: its content is the BIT STRING's.
            if let Some(public) = parts[3..]
                .iter()
                .find(|e| is_context(e, 1) && !e.header.constructed())
                .and_then(|e| bits(e))
            {
                return Ok(PublicKeyId::Ed25519(public.to_vec()));
            }
            // PKCS#8 v1 (what OpenSSL writes) has only the 32-byte seed: audited code derives the
            // public key.
            let seed_ok =
                der::whole(secret).is_some_and(|s| is(&s, Tag::OctetString) && s.data.len() == 32);
            if !seed_ok {
                return Err("a damaged Ed25519 key".into());
            }
            match signatures::ask_public_key(signatures::KeyQuestion {
                place: place.clone(),
                curve: None,
                pkcs8: zeroize::Zeroizing::new(der.to_vec()),
            }) {
                Some(Some(public)) if public.len() == 32 => Ok(PublicKeyId::Ed25519(public)),
                Some(_) => Err("a damaged Ed25519 key".into()),
                None => Ok(not_derived("Ed25519")),
            }
        }
        OID_ED448 => Ok(PublicKeyId::Other("Ed448".into())),
        OID_DSA => Ok(PublicKeyId::Other("DSA".into())),
        "" => Err("not a valid PKCS#8 private key (no algorithm)".into()),
        other => Ok(PublicKeyId::Other(format!("unknown algorithm {other}"))),
    }
}

/// The secret inside a PKCS#8 EC or Ed25519 key (the EC scalar, or Ed25519's seed), for the native
/// shell's audited code to derive the public key from (`pki::answer_native`). Wiped when dropped.
#[cfg(not(target_arch = "wasm32"))]
pub fn private_secret(pkcs8: &[u8]) -> Option<zeroize::Zeroizing<Vec<u8>>> {
    let parts = sequence(pkcs8).filter(|e| e.len() >= 3 && is(&e[2], Tag::OctetString))?;
    let alg_oid = elements(&parts[1])?.first().and_then(oid)?;
    let inner = parts[2].data;
    let secret = match alg_oid.as_str() {
        OID_ED25519 => der::whole(inner).filter(|s| is(s, Tag::OctetString))?.data,
        OID_EC => {
            let ec = sequence(inner).filter(|e| e.len() >= 2 && is(&e[1], Tag::OctetString))?;
            ec[1].data
        }
        _ => return None,
    };
    Some(zeroize::Zeroizing::new(secret.to_vec()))
}
