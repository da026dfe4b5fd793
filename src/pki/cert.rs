//! Certificate facts, read with our small DER reader (src/pki/x509.rs). The evaluation time is an
//! input: nothing here reads a clock.

use super::key::{self, hex_colon, PublicKeyId};
use sha2::Digest;
use std::net::IpAddr;

/// The hash a signature algorithm uses.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Hash {
    Md5,
    Sha1,
    Sha256,
    Sha384,
    Sha512,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SigAlg {
    RsaPkcs1(Hash),
    RsaPss,
    Ecdsa(Hash),
    Ed25519,
    Other(String),
}

impl SigAlg {
    fn from_oid(oid: &str) -> SigAlg {
        match oid {
            "1.2.840.113549.1.1.4" => SigAlg::RsaPkcs1(Hash::Md5),
            "1.2.840.113549.1.1.5" | "1.3.14.3.2.29" => SigAlg::RsaPkcs1(Hash::Sha1),
            "1.2.840.113549.1.1.11" => SigAlg::RsaPkcs1(Hash::Sha256),
            "1.2.840.113549.1.1.12" => SigAlg::RsaPkcs1(Hash::Sha384),
            "1.2.840.113549.1.1.13" => SigAlg::RsaPkcs1(Hash::Sha512),
            "1.2.840.113549.1.1.10" => SigAlg::RsaPss,
            "1.2.840.10045.4.1" => SigAlg::Ecdsa(Hash::Sha1),
            "1.2.840.10045.4.3.2" => SigAlg::Ecdsa(Hash::Sha256),
            "1.2.840.10045.4.3.3" => SigAlg::Ecdsa(Hash::Sha384),
            "1.2.840.10045.4.3.4" => SigAlg::Ecdsa(Hash::Sha512),
            "1.3.101.112" => SigAlg::Ed25519,
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
            SigAlg::Ecdsa(x) => format!("ecdsa-with-{}", h(x).to_uppercase()),
            SigAlg::Ed25519 => "ED25519".into(),
            SigAlg::Other(oid) => oid.clone(),
        }
    }

    pub fn weak_hash(&self) -> Option<&'static str> {
        match self {
            SigAlg::RsaPkcs1(Hash::Md5) => Some("MD5"),
            SigAlg::RsaPkcs1(Hash::Sha1) | SigAlg::Ecdsa(Hash::Sha1) => Some("SHA-1"),
            _ => None,
        }
    }
}

/// Everything the rules need to know about one certificate.
#[derive(Clone, Debug)]
pub struct CertFacts {
    pub subject: String,
    pub issuer: String,
    pub serial: String,
    pub common_names: Vec<String>,
    pub dns_sans: Vec<String>,
    pub ip_sans: Vec<IpAddr>,
    /// Whether the certificate has a subjectAltName extension at all.
    pub has_san: bool,
    pub not_before: i64,
    pub not_after: i64,
    pub public_key: PublicKeyId,
    pub spki_der: Vec<u8>,
    pub signature: SigAlg,
    /// basicConstraints: `Some(ca)` when the extension is present.
    pub basic_ca: Option<bool>,
    /// keyUsage (digitalSignature, keyEncipherment, keyCertSign) when present.
    pub key_usage: Option<(bool, bool, bool)>,
    /// extendedKeyUsage (serverAuth, anyExtendedKeyUsage) when present.
    pub ext_key_usage: Option<(bool, bool)>,
    pub sha256: String,
    pub subject_raw: Vec<u8>,
    pub issuer_raw: Vec<u8>,
    pub subject_key_id: Option<Vec<u8>>,
    pub authority_key_id: Option<Vec<u8>>,
    pub tbs: Vec<u8>,
    pub signature_value: Vec<u8>,
    /// The certificate's own DER (without anything a PEM block carried after it).
    pub der: Vec<u8>,
    /// Profile facts from x509-parser, read on first use: most certificates of a system bundle are
    /// never asked about.
    profile: std::cell::OnceCell<Result<super::profile::ProfileFacts, String>>,
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

    pub fn self_issued(&self) -> bool {
        self.subject_raw == self.issuer_raw
    }

    /// A short name for messages: the first CN, else the subject.
    pub fn short_name(&self) -> String {
        self.common_names.first().cloned().unwrap_or_else(|| {
            if self.subject.is_empty() {
                "(empty subject)".into()
            } else {
                self.subject.clone()
            }
        })
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

pub fn parse_certificate(der: &[u8]) -> Result<CertFacts, String> {
    let c = super::x509::parse(der)?;
    let spki_der = c.spki_raw.to_vec();
    let public_key = key::from_spki(&spki_der).unwrap_or_else(PublicKeyId::Other);
    Ok(CertFacts {
        subject: c.subject,
        issuer: c.issuer,
        serial: hex_colon(c.serial),
        common_names: c.common_names,
        dns_sans: c.dns_sans,
        ip_sans: c.ip_sans,
        has_san: c.has_san,
        not_before: c.not_before,
        not_after: c.not_after,
        public_key,
        spki_der,
        signature: SigAlg::from_oid(&c.signature_oid),
        basic_ca: c.basic_ca,
        key_usage: c.key_usage,
        ext_key_usage: c.ext_key_usage,
        sha256: hex_colon(&sha2::Sha256::digest(c.der)),
        subject_raw: c.subject_raw.to_vec(),
        issuer_raw: c.issuer_raw.to_vec(),
        subject_key_id: c.subject_key_id.map(<[u8]>::to_vec),
        authority_key_id: c.authority_key_id.map(<[u8]>::to_vec),
        tbs: c.tbs_raw.to_vec(),
        signature_value: c.signature.to_vec(),
        der: c.der.to_vec(),
        profile: std::cell::OnceCell::new(),
    })
}
