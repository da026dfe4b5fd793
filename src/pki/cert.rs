//! Certificate facts, read with x509-parser. The evaluation time is an input: nothing here reads a
//! clock (x509-parser's `is_valid()` and `ASN1Time::now()` would panic in the browser).

pub use super::algorithm::Hash;
use super::key::{self, hex_colon, PublicKeyId};
use sha2::Digest;
use std::net::IpAddr;

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SigAlg {
    RsaPkcs1(Hash),
    RsaPss,
    Ecdsa(Hash),
    Ed25519,
    /// DSA, by OpenSSL's name of the algorithm with its hash.
    Dsa(&'static str),
    /// MD2 with RSA: older than MD5, broken for decades.
    Md2Rsa,
    Other(String),
}

impl SigAlg {
    pub(crate) fn from_oid(oid: &str) -> SigAlg {
        match oid {
            "1.2.840.113549.1.1.4" => SigAlg::RsaPkcs1(Hash::Md5),
            "1.2.840.113549.1.1.5" => SigAlg::RsaPkcs1(Hash::Sha1),
            "1.2.840.113549.1.1.11" => SigAlg::RsaPkcs1(Hash::Sha256),
            "1.2.840.113549.1.1.12" => SigAlg::RsaPkcs1(Hash::Sha384),
            "1.2.840.113549.1.1.13" => SigAlg::RsaPkcs1(Hash::Sha512),
            "1.2.840.113549.1.1.10" => SigAlg::RsaPss,
            "1.2.840.10045.4.1" => SigAlg::Ecdsa(Hash::Sha1),
            "1.2.840.10045.4.3.2" => SigAlg::Ecdsa(Hash::Sha256),
            "1.2.840.10045.4.3.3" => SigAlg::Ecdsa(Hash::Sha384),
            "1.2.840.10045.4.3.4" => SigAlg::Ecdsa(Hash::Sha512),
            "1.3.101.112" => SigAlg::Ed25519,
            "1.2.840.113549.1.1.2" => SigAlg::Md2Rsa,
            "1.2.840.10040.4.3" => SigAlg::Dsa("dsaWithSHA1"),
            "1.3.14.3.2.27" => SigAlg::Dsa("dsaWithSHA1-old"),
            "2.16.840.1.101.3.4.3.1" => SigAlg::Dsa("dsa_with_SHA224"),
            "2.16.840.1.101.3.4.3.2" => SigAlg::Dsa("dsa_with_SHA256"),
            "2.16.840.1.101.3.4.3.3" => SigAlg::Dsa("dsa_with_SHA384"),
            "2.16.840.1.101.3.4.3.4" => SigAlg::Dsa("dsa_with_SHA512"),
            other => SigAlg::Other(other.to_string()),
        }
    }

    /// The OpenSSL name, as `openssl x509 -text` prints it.
    pub fn name(&self) -> String {
        let h = |h: &Hash| match h {
            Hash::Md5 => "md5",
            Hash::Sha1 => "sha1",
            Hash::Sha256 => "sha256",
            Hash::Sha384 => "sha384",
            Hash::Sha512 => "sha512",
        };
        match self {
            SigAlg::RsaPkcs1(x) => format!("{}WithRSAEncryption", h(x)),
            SigAlg::RsaPss => "rsassaPss".into(),
            SigAlg::Ecdsa(x) => format!("ecdsa-with-{}", h(x).to_ascii_uppercase()),
            SigAlg::Ed25519 => "ED25519".into(),
            SigAlg::Dsa(name) => name.to_string(),
            SigAlg::Md2Rsa => "md2WithRSAEncryption".into(),
            SigAlg::Other(oid) => registry_name(oid).unwrap_or_else(|| oid.clone()),
        }
    }

    pub fn weak_hash(&self) -> Option<&'static str> {
        match self {
            SigAlg::RsaPkcs1(Hash::Md5) => Some("MD5"),
            SigAlg::RsaPkcs1(Hash::Sha1)
            | SigAlg::Ecdsa(Hash::Sha1)
            | SigAlg::Dsa("dsaWithSHA1" | "dsaWithSHA1-old") => Some("SHA-1"),
            SigAlg::Md2Rsa => Some("MD2"),
            // Old OIWSEC and bare-hash identifiers that some old tools wrote.
            SigAlg::Other(oid) => match oid.as_str() {
                "1.3.14.3.2.29" => Some("SHA-1"),
                "1.3.14.3.2.3" | "1.2.840.113549.2.5" => Some("MD5"),
                "1.2.840.113549.1.1.3" => Some("MD4"),
                _ => None,
            },
            _ => None,
        }
    }
}

/// OpenSSL's name (as `openssl x509 -text` prints it) of the signature algorithms the SigAlg variants
/// above do not model. A table rather than x509-parser's OID registry: the registry costs about 20 KiB
/// of the WebAssembly module, and only these names are ever printed.
fn registry_name(oid: &str) -> Option<String> {
    const NAMES: &[(&str, &str)] = &[
        ("1.2.840.113549.1.1.3", "md4WithRSAEncryption"),
        ("1.2.840.113549.1.1.14", "sha224WithRSAEncryption"),
        ("1.2.840.113549.1.1.15", "sha512-224WithRSAEncryption"),
        ("1.2.840.113549.1.1.16", "sha512-256WithRSAEncryption"),
        ("1.2.840.10045.4.3.1", "ecdsa-with-SHA224"),
        ("2.16.840.1.101.3.4.3.13", "RSA-SHA3-224"),
        ("2.16.840.1.101.3.4.3.14", "RSA-SHA3-256"),
        ("2.16.840.1.101.3.4.3.15", "RSA-SHA3-384"),
        ("2.16.840.1.101.3.4.3.16", "RSA-SHA3-512"),
        ("2.16.840.1.101.3.4.3.9", "ecdsa_with_SHA3-224"),
        ("2.16.840.1.101.3.4.3.10", "ecdsa_with_SHA3-256"),
        ("2.16.840.1.101.3.4.3.11", "ecdsa_with_SHA3-384"),
        ("2.16.840.1.101.3.4.3.12", "ecdsa_with_SHA3-512"),
        ("1.3.101.113", "ED448"),
        ("1.2.156.10197.1.501", "SM2-with-SM3"),
        ("1.2.643.2.2.3", "GOST R 34.11-94 with GOST R 34.10-2001"),
        ("1.2.643.2.2.4", "GOST R 34.11-94 with GOST R 34.10-94"),
        (
            "1.2.643.7.1.1.3.2",
            "GOST R 34.10-2012 with GOST R 34.11-2012 (256 bit)",
        ),
        (
            "1.2.643.7.1.1.3.3",
            "GOST R 34.10-2012 with GOST R 34.11-2012 (512 bit)",
        ),
        ("1.3.14.3.2.3", "md5WithRSA"),
        ("1.3.14.3.2.29", "sha1WithRSA"),
        ("1.2.840.113549.2.5", "md5"),
        ("1.3.14.3.2.13", "dsaWithSHA"),
        ("1.3.36.3.3.1.2", "ripemd160WithRSA"),
    ];
    NAMES
        .iter()
        .find(|(o, _)| *o == oid)
        .map(|(_, n)| n.to_string())
}

/// Everything the rules need to know about one certificate.
#[derive(Clone, Debug)]
pub struct CertFacts {
    pub subject: String,
    pub issuer: String,
    pub serial: String,
    pub common_names: Vec<String>,
    pub issuer_common_names: Vec<String>,
    pub dns_sans: Vec<String>,
    pub ip_sans: Vec<IpAddr>,
    /// Whether the certificate has a subjectAltName extension at all.
    pub has_san: bool,
    pub not_before: i64,
    pub not_after: i64,
    pub public_key: PublicKeyId,
    pub spki_der: Vec<u8>,
    /// The subjectPublicKey bits of `spki_der` (PKCS#1 for RSA, a SEC1 point for EC, 32 bytes for
    /// Ed25519): what the signature primitives take, so that nothing decodes the SPKI twice.
    pub spki_bits: Vec<u8>,
    pub signature: SigAlg,
    /// basicConstraints: `Some(ca)` when the extension is present.
    pub basic_ca: Option<bool>,
    /// keyUsage (digitalSignature, keyEncipherment, keyCertSign) when present.
    pub key_usage: Option<(bool, bool, bool)>,
    /// Every keyUsage bit that is set, by its RFC 5280 name.
    pub key_usage_names: Vec<String>,
    /// extendedKeyUsage (serverAuth, anyExtendedKeyUsage) when present.
    pub ext_key_usage: Option<(bool, bool)>,
    /// Every extendedKeyUsage purpose, by name (OpenSSL's) or, for others, by OID.
    pub ext_key_usage_names: Vec<String>,
    pub sha256: String,
    pub subject_raw: Vec<u8>,
    pub issuer_raw: Vec<u8>,
    pub subject_key_id: Option<Vec<u8>>,
    pub authority_key_id: Option<Vec<u8>>,
    /// Where the certificate says its issuer's certificate is published (authorityInfoAccess
    /// caIssuers), when it says so: CAs publish their intermediates there.
    pub ca_issuers_url: Option<String>,
    pub tbs: Vec<u8>,
    pub signature_value: Vec<u8>,
    /// The signature's AlgorithmIdentifier (its DER contents: the OID and the exact parameters, which
    /// decide RSA-PSS's hash and salt), as rustls-webpki compares it.
    pub signature_alg_id: Vec<u8>,
    /// The subjectPublicKeyInfo's AlgorithmIdentifier, DER contents (the key type and curve).
    pub spki_alg_id: Vec<u8>,
    /// The certificate's own DER (without anything a PEM block carried after it).
    pub der: Vec<u8>,
    /// Profile facts from x509-parser, read on first use: most certificates of a system bundle are
    /// never asked about.
    profile: std::cell::OnceCell<Result<super::profile::ProfileFacts, String>>,
    /// Whether its own key made its signature, computed on first use.
    pub(super) self_signed: std::cell::OnceCell<bool>,
}

impl CertFacts {
    /// The profile facts, or x509-parser's reason for refusing the certificate.
    pub fn profile(&self) -> Result<&super::profile::ProfileFacts, &str> {
        self.profile
            .get_or_init(|| super::profile::read(&self.der))
            .as_ref()
            .map_err(String::as_str)
    }

    /// A CA certificate: basicConstraints CA:TRUE. (An X.509 v1 certificate has no extensions and can
    /// still issue others, as old private CAs do; chains are built by names and signatures, not by this.)
    pub fn is_ca(&self) -> bool {
        self.basic_ca == Some(true)
    }

    /// Subject and issuer are the same name. A self-issued certificate is not always a root: a CA that
    /// rolls over its key issues its new key under its own name ([`CertFacts::self_signed`]).
    pub fn self_issued(&self) -> bool {
        self.subject_raw == self.issuer_raw
    }

    /// A short name for messages: the first CN, else the subject.
    pub fn short_name(&self) -> String {
        short_name(&self.common_names, &self.subject)
    }

    /// The same short name for its issuer.
    pub fn issuer_short_name(&self) -> String {
        short_name(&self.issuer_common_names, &self.issuer)
    }

    /// The names in the certificate, as a browser shows them.
    pub fn names(&self) -> Vec<String> {
        let mut v: Vec<String> = self.dns_sans.clone();
        v.extend(self.ip_sans.iter().map(|ip| format!("IP:{ip}")));
        v
    }

    /// Whether `child` names this certificate as its issuer (by DN, and by key identifier when both
    /// carry one).
    pub fn could_issue(&self, child: &CertFacts) -> bool {
        self.subject_raw == child.issuer_raw
            && match (&child.authority_key_id, &self.subject_key_id) {
                (Some(a), Some(s)) => a == s,
                _ => true,
            }
    }
}

fn short_name(common_names: &[String], name: &str) -> String {
    common_names.first().cloned().unwrap_or_else(|| {
        if name.is_empty() {
            "(empty subject)".into()
        } else {
            name.to_string()
        }
    })
}

/// The purposes of an extendedKeyUsage value (a SEQUENCE OF OID), in the certificate's order, by
/// OpenSSL's names or, for the others, by OID. (x509-parser's typed view keeps no order.)
fn eku_in_order(value: &[u8]) -> Vec<String> {
    let name = |oid: &str| match oid {
        "1.3.6.1.5.5.7.3.1" => "serverAuth".to_string(),
        "1.3.6.1.5.5.7.3.2" => "clientAuth".to_string(),
        "1.3.6.1.5.5.7.3.3" => "codeSigning".to_string(),
        "1.3.6.1.5.5.7.3.4" => "emailProtection".to_string(),
        "1.3.6.1.5.5.7.3.8" => "timeStamping".to_string(),
        "1.3.6.1.5.5.7.3.9" => "OCSPSigning".to_string(),
        "2.5.29.37.0" => "anyExtendedKeyUsage".to_string(),
        other => other.to_string(),
    };
    use x509_parser::der_parser::asn1_rs::{FromDer, Oid, Sequence};
    let Ok((_, seq)) = Sequence::from_der(value) else {
        return Vec::new();
    };
    let mut rest: &[u8] = &seq.content;
    let mut out = Vec::new();
    while !rest.is_empty() {
        let Ok((tail, oid)) = Oid::from_der(rest) else {
            break;
        };
        out.push(name(&oid.to_id_string()));
        rest = tail;
    }
    out
}

/// x509-parser's reason for refusing a certificate, in words.
fn refusal(e: &x509_parser::nom::Err<x509_parser::error::X509Error>) -> String {
    use x509_parser::error::X509Error as E;
    let inner = match e {
        x509_parser::nom::Err::Error(e) | x509_parser::nom::Err::Failure(e) => e,
        x509_parser::nom::Err::Incomplete(_) => {
            return "the data ends in the middle of the certificate".into()
        }
    };
    match inner {
        E::InvalidDate => "a validity date (notBefore or notAfter) is not a valid time".into(),
        E::InvalidVersion => "its version field is not 1, 2 or 3".into(),
        E::InvalidSerial => "its serial number is not a valid INTEGER".into(),
        E::DuplicateExtensions => "an extension appears twice".into(),
        E::InvalidExtensions => "its extensions are malformed".into(),
        E::InvalidX509Name => "its subject or issuer name is malformed".into(),
        other => format!("{other}"),
    }
}

pub fn parse_certificate(der: &[u8]) -> Result<CertFacts, String> {
    use x509_parser::extensions::{GeneralName, ParsedExtension};
    use x509_parser::prelude::{FromDer, X509Certificate};
    let (_, c) = X509Certificate::from_der(der).map_err(|e| refusal(&e))?;
    let tbs = &c.tbs_certificate;
    // X.509 has versions 1 to 3 (encoded 0 to 2); x509-parser reads any number.
    if tbs.version.0 > 2 {
        return Err(format!(
            "its version field says {}, and X.509 has only versions 1 to 3",
            u64::from(tbs.version.0) + 1
        ));
    }
    let own_der = c.as_raw();
    let (subject, common_names) = super::name::name_text(&tbs.subject);
    let (issuer, issuer_common_names) = super::name::name_text(&tbs.issuer);
    let spki_der = tbs.subject_pki.raw.to_vec();
    let public_key = key::from_spki(&spki_der).unwrap_or_else(PublicKeyId::Other);
    let mut facts = CertFacts {
        subject,
        issuer,
        serial: hex_colon(tbs.raw_serial()),
        common_names,
        issuer_common_names,
        dns_sans: Vec::new(),
        ip_sans: Vec::new(),
        has_san: false,
        not_before: tbs.validity.not_before.timestamp(),
        not_after: tbs.validity.not_after.timestamp(),
        public_key,
        spki_der,
        spki_bits: tbs.subject_pki.subject_public_key.data.to_vec(),
        signature: SigAlg::from_oid(&c.signature_algorithm.algorithm.to_id_string()),
        basic_ca: None,
        key_usage: None,
        key_usage_names: Vec::new(),
        ext_key_usage: None,
        ext_key_usage_names: Vec::new(),
        sha256: hex_colon(&sha2::Sha256::digest(own_der)),
        subject_raw: tbs.subject.as_raw().to_vec(),
        issuer_raw: tbs.issuer.as_raw().to_vec(),
        subject_key_id: None,
        authority_key_id: None,
        ca_issuers_url: None,
        tbs: tbs.as_ref().to_vec(),
        signature_value: c.signature_value.data.to_vec(),
        signature_alg_id: super::der::signed_parts(own_der)
            .map(|p| p.signature_alg.to_vec())
            .unwrap_or_default(),
        spki_alg_id: super::der::whole(tbs.subject_pki.raw)
            .and_then(|spki| super::der::spki_parts(spki.data).map(|(alg, _)| alg.to_vec()))
            .unwrap_or_default(),
        der: own_der.to_vec(),
        profile: std::cell::OnceCell::new(),
        self_signed: std::cell::OnceCell::new(),
    };
    for ext in tbs.extensions() {
        match ext.parsed_extension() {
            ParsedExtension::SubjectAlternativeName(san) => {
                facts.has_san = true;
                for name in &san.general_names {
                    match name {
                        GeneralName::DNSName(d) => facts.dns_sans.push(d.to_string()),
                        GeneralName::IPAddress(ip) => {
                            if let Ok(v4) = <[u8; 4]>::try_from(*ip) {
                                facts.ip_sans.push(IpAddr::from(v4));
                            } else if let Ok(v6) = <[u8; 16]>::try_from(*ip) {
                                facts.ip_sans.push(IpAddr::from(v6));
                            }
                        }
                        _ => {}
                    }
                }
            }
            ParsedExtension::BasicConstraints(bc) => facts.basic_ca = Some(bc.ca),
            ParsedExtension::KeyUsage(ku) => {
                facts.key_usage = Some((
                    ku.digital_signature(),
                    ku.key_encipherment(),
                    ku.key_cert_sign(),
                ));
                let bits = [
                    (ku.digital_signature(), "digitalSignature"),
                    (ku.non_repudiation(), "nonRepudiation"),
                    (ku.key_encipherment(), "keyEncipherment"),
                    (ku.data_encipherment(), "dataEncipherment"),
                    (ku.key_agreement(), "keyAgreement"),
                    (ku.key_cert_sign(), "keyCertSign"),
                    (ku.crl_sign(), "cRLSign"),
                    (ku.encipher_only(), "encipherOnly"),
                    (ku.decipher_only(), "decipherOnly"),
                ];
                facts.key_usage_names = bits
                    .iter()
                    .filter(|(on, _)| *on)
                    .map(|(_, n)| n.to_string())
                    .collect();
            }
            ParsedExtension::ExtendedKeyUsage(eku) => {
                facts.ext_key_usage = Some((eku.server_auth, eku.any));
                facts.ext_key_usage_names = eku_in_order(ext.value);
            }
            ParsedExtension::SubjectKeyIdentifier(k) => facts.subject_key_id = Some(k.0.to_vec()),
            ParsedExtension::AuthorityKeyIdentifier(aki) => {
                facts.authority_key_id = aki.key_identifier.as_ref().map(|k| k.0.to_vec())
            }
            ParsedExtension::AuthorityInfoAccess(aia) => {
                facts.ca_issuers_url = aia
                    .accessdescs
                    .iter()
                    .filter(|d| d.access_method.to_id_string() == "1.3.6.1.5.5.7.48.2")
                    .find_map(|d| match &d.access_location {
                        GeneralName::URI(u) => Some(u.to_string()),
                        _ => None,
                    });
            }
            _ => {}
        }
    }
    Ok(facts)
}
