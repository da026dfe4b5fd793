//! Certificate profile facts read with x509-parser: the extensions and fields that path validators
//! judge beyond the chain itself (criticality, key identifiers, name constraints, serial numbers). The
//! rules `cert-strict-profile`, `cert-profile` and `cert-unknown-critical-extension` decide what they
//! mean for a certificate in its place in a chain.

use x509_parser::extensions::{GeneralName, ParsedExtension};
use x509_parser::prelude::{FromDer, X509Certificate};

/// The extensions a client's validator understands when they are marked critical: rustls-webpki's set
/// (keyUsage, subjectAltName, basicConstraints, nameConstraints, cRLDistributionPoints,
/// extKeyUsage) plus what OpenSSL also processes (policies, policy constraints and mappings,
/// inhibitAnyPolicy) and the key identifiers (whose criticality `cert-strict-profile` judges).
const UNDERSTOOD_CRITICAL: &[&str] = &[
    "2.5.29.14",
    "2.5.29.15",
    "2.5.29.17",
    "2.5.29.19",
    "2.5.29.30",
    "2.5.29.31",
    "2.5.29.32",
    "2.5.29.33",
    "2.5.29.35",
    "2.5.29.36",
    "2.5.29.37",
    "2.5.29.54",
];

#[derive(Clone, Debug, Default)]
pub struct AuthorityKeyId {
    pub critical: bool,
    pub key_id: Option<Vec<u8>>,
    pub has_issuer_or_serial: bool,
}

#[derive(Clone, Debug, Default)]
pub struct NameConstraintFacts {
    pub critical: bool,
    pub permitted: Option<usize>,
    pub excluded: Option<usize>,
    /// dNSName constraints that are not valid DNS names (a leading period, as for URIs).
    pub malformed_dns: Vec<String>,
    /// The permitted and the excluded names, for people (`DNS:example.org`, `IP:10.0.0.0/8`).
    pub permitted_names: Vec<String>,
    pub excluded_names: Vec<String>,
}

/// A name of a nameConstraints subtree as OpenSSL prints it: `DNS:example.org`, `IP:10.0.0.0/8`,
/// `email:example.org`, `URI:.example.org`, `DirName:O=Example`.
fn constraint_name(name: &GeneralName) -> String {
    match name {
        GeneralName::DNSName(d) => format!("DNS:{d}"),
        GeneralName::RFC822Name(e) => format!("email:{e}"),
        GeneralName::URI(u) => format!("URI:{u}"),
        // Our own name reader, not X509Name's Display: that one brings x509-parser's whole OID
        // registry and a hex encoder into the page (tens of kilobytes).
        GeneralName::DirectoryName(dn) => format!("DirName:{}", super::name::name_text(dn).0),
        GeneralName::IPAddress(b) if b.len() == 8 || b.len() == 32 => {
            let (addr, mask) = b.split_at(b.len() / 2);
            let bits: u32 = mask.iter().map(|m| m.count_ones()).sum();
            let ip = match addr.len() {
                4 => std::net::IpAddr::from(<[u8; 4]>::try_from(addr).unwrap_or_default()),
                _ => std::net::IpAddr::from(<[u8; 16]>::try_from(addr).unwrap_or_default()),
            };
            format!("IP:{ip}/{bits}")
        }
        _ => "a name of another kind".to_string(),
    }
}

/// What the profile rules read of one certificate.
#[derive(Clone, Debug, Default)]
pub struct ProfileFacts {
    /// Length of the serial number's DER content, in bytes.
    pub serial_len: usize,
    /// The serial number is zero or negative.
    pub serial_not_positive: bool,
    pub subject_empty: bool,
    pub aki: Option<AuthorityKeyId>,
    /// subjectKeyIdentifier: whether it is critical (its value is `CertFacts::subject_key_id`).
    pub ski_critical: Option<bool>,
    /// basicConstraints: (critical, cA).
    pub basic_constraints: Option<(bool, bool)>,
    /// basicConstraints' pathLenConstraint.
    pub path_len: Option<u32>,
    /// Every extension marked critical, by OID.
    pub critical: Vec<String>,
    /// keyUsage: (critical, keyCertSign).
    pub key_usage: Option<(bool, bool)>,
    /// extKeyUsage: (critical, serverAuth, anyExtendedKeyUsage).
    pub eku: Option<(bool, bool, bool)>,
    /// subjectAltName: whether it is critical (its names are `CertFacts::dns_sans` and `ip_sans`).
    pub san_critical: Option<bool>,
    pub name_constraints: Option<NameConstraintFacts>,
    /// policyConstraints: whether it is critical.
    pub policy_constraints_critical: Option<bool>,
    pub aia_malformed: bool,
    /// Critical extensions no client's validator processes, by OID.
    pub unknown_critical: Vec<String>,
}

/// Reads a certificate's profile facts. `Err` carries x509-parser's reason when it refuses the
/// certificate (duplicate extensions, a malformed field).
pub fn read(der: &[u8]) -> Result<ProfileFacts, String> {
    // The reason in x509-parser's own words (its Display), not nom's wrapper: nom's Display prints the
    // error with `{:?}`, which alone brought Debug formatting of strings (escapes and Unicode's
    // printable-character tables) into the page.
    use x509_parser::nom::Err;
    let (_, cert) = X509Certificate::from_der(der).map_err(|e| match e {
        Err::Error(e) | Err::Failure(e) => e.to_string(),
        Err::Incomplete(_) => "the data ends in the middle of the certificate".to_string(),
    })?;
    let tbs = &cert.tbs_certificate;
    let serial = tbs.raw_serial();
    let mut facts = ProfileFacts {
        serial_len: serial.len(),
        serial_not_positive: serial.iter().all(|b| *b == 0)
            || serial.first().is_some_and(|b| b & 0x80 != 0),
        subject_empty: tbs.subject.iter().next().is_none(),
        ..ProfileFacts::default()
    };
    for ext in tbs.extensions() {
        let oid = ext.oid.to_id_string();
        if ext.critical {
            facts.critical.push(oid.clone());
            if !UNDERSTOOD_CRITICAL.contains(&oid.as_str()) {
                facts.unknown_critical.push(oid.clone());
            }
        }
        match ext.parsed_extension() {
            ParsedExtension::AuthorityKeyIdentifier(aki) => {
                facts.aki = Some(AuthorityKeyId {
                    critical: ext.critical,
                    key_id: aki.key_identifier.as_ref().map(|k| k.0.to_vec()),
                    has_issuer_or_serial: aki.authority_cert_issuer.is_some()
                        || aki.authority_cert_serial.is_some(),
                })
            }
            ParsedExtension::SubjectKeyIdentifier(_) => facts.ski_critical = Some(ext.critical),
            ParsedExtension::BasicConstraints(bc) => {
                facts.basic_constraints = Some((ext.critical, bc.ca));
                facts.path_len = bc.path_len_constraint;
            }
            ParsedExtension::KeyUsage(ku) => {
                facts.key_usage = Some((ext.critical, ku.key_cert_sign()))
            }
            ParsedExtension::ExtendedKeyUsage(eku) => {
                facts.eku = Some((ext.critical, eku.server_auth, eku.any))
            }
            ParsedExtension::SubjectAlternativeName(_) => facts.san_critical = Some(ext.critical),
            ParsedExtension::NameConstraints(nc) => {
                let dns = nc
                    .permitted_subtrees
                    .iter()
                    .chain(nc.excluded_subtrees.iter())
                    .flatten()
                    .filter_map(|s| match &s.base {
                        GeneralName::DNSName(d) if d.starts_with('.') => Some(d.to_string()),
                        _ => None,
                    })
                    .collect();
                let names = |subtrees: &Option<Vec<x509_parser::extensions::GeneralSubtree>>| {
                    subtrees
                        .iter()
                        .flatten()
                        .map(|s| constraint_name(&s.base))
                        .collect()
                };
                facts.name_constraints = Some(NameConstraintFacts {
                    critical: ext.critical,
                    permitted: nc.permitted_subtrees.as_ref().map(Vec::len),
                    excluded: nc.excluded_subtrees.as_ref().map(Vec::len),
                    malformed_dns: dns,
                    permitted_names: names(&nc.permitted_subtrees),
                    excluded_names: names(&nc.excluded_subtrees),
                });
            }
            ParsedExtension::PolicyConstraints(_) => {
                facts.policy_constraints_critical = Some(ext.critical)
            }
            ParsedExtension::AuthorityInfoAccess(aia) => {
                facts.aia_malformed |= aia.accessdescs.is_empty()
            }
            ParsedExtension::ParseError { .. } if oid == "1.3.6.1.5.5.7.1.1" => {
                facts.aia_malformed = true
            }
            _ => {}
        }
    }
    Ok(facts)
}
