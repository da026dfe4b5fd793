//! The verdict on a served chain: does the client of a channel accept it?
//!
//! rustls-webpki (the validator rustls uses) builds and checks the path from the served certificate
//! through the file's intermediates to an anchor that client trusts, for serverAuth, at the evaluation
//! time. A browser (channel a) trusts the CAs the user marked trusted and Mozilla's root program;
//! rserver and the sessions (channels b and c) trust the CAs given and, on the server, the system
//! store. When no anchor that client trusts is among them, the chain is checked a second time against
//! the roots found among the inputs (or its own top certificate): if it is fine as far as can be seen,
//! the verdict is "trust unknown", naming the CA to trust.

use super::cert::CertFacts;
use super::{PkiFile, Role};
use rustls_pki_types::{CertificateDer, Der, ServerName, TrustAnchor, UnixTime};

/// A trust anchor as webpki reads it: the subject and public key of a root, and its name constraints.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AnchorDer {
    pub subject: Vec<u8>,
    pub spki: Vec<u8>,
    pub name_constraints: Option<Vec<u8>>,
}

impl AnchorDer {
    pub fn from_certificate(der: &[u8]) -> Option<AnchorDer> {
        let cert = CertificateDer::from(der);
        let a = webpki::anchor_from_trusted_cert(&cert).ok()?;
        Some(AnchorDer {
            subject: a.subject.as_ref().to_vec(),
            spki: a.subject_public_key_info.as_ref().to_vec(),
            name_constraints: a.name_constraints.as_ref().map(|n| n.as_ref().to_vec()),
        })
    }

    fn as_webpki(&self) -> TrustAnchor<'_> {
        TrustAnchor {
            subject: Der::from(self.subject.as_slice()),
            subject_public_key_info: Der::from(self.spki.as_slice()),
            name_constraints: self.name_constraints.as_deref().map(Der::from),
        }
    }
}

/// The file format of public-roots.bin, the root program the page loads when a chain needs it:
/// the magic, then for each anchor three length-prefixed (u32, big-endian) fields: subject, SPKI and
/// name constraints (length 0: none).
pub const ROOTS_MAGIC: &[u8; 8] = b"WBROOTS1";

pub fn encode_anchors(anchors: &[AnchorDer]) -> Vec<u8> {
    let mut out = ROOTS_MAGIC.to_vec();
    for a in anchors {
        for field in [
            &a.subject[..],
            &a.spki[..],
            a.name_constraints.as_deref().unwrap_or(&[]),
        ] {
            out.extend_from_slice(&(field.len() as u32).to_be_bytes());
            out.extend_from_slice(field);
        }
    }
    out
}

/// Reads public-roots.bin; `None` when the bytes are not such a file.
pub fn decode_anchors(bytes: &[u8]) -> Option<Vec<AnchorDer>> {
    let mut rest = bytes.strip_prefix(ROOTS_MAGIC.as_slice())?;
    let field = |rest: &mut &[u8]| -> Option<Vec<u8>> {
        let (len, tail) = rest.split_first_chunk::<4>()?;
        let len = u32::from_be_bytes(*len) as usize;
        if tail.len() < len {
            return None;
        }
        let (value, tail) = tail.split_at(len);
        *rest = tail;
        Some(value.to_vec())
    };
    let mut anchors = Vec::new();
    while !rest.is_empty() {
        let subject = field(&mut rest)?;
        let spki = field(&mut rest)?;
        let nc = field(&mut rest)?;
        anchors.push(AnchorDer {
            subject,
            spki,
            name_constraints: (!nc.is_empty()).then_some(nc),
        });
    }
    Some(anchors)
}

/// Who dials the channel, and so which anchors it trusts.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Client {
    /// Users' browsers (channel a): the CAs marked trusted and Mozilla's root program.
    Browser,
    /// rserver dialling the Launcher (b) and sessions dialling the callback (c): the CAs marked
    /// trusted and, on the server, the system store.
    Server,
}

/// Where the anchor of a verified chain comes from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum AnchorSource {
    /// A certificate among the inputs: (index into the model's PKI files, block).
    Given(usize, usize),
    /// Mozilla's root program (browsers) or the server's system store.
    Store,
}

/// Why a client refuses the chain, as webpki (or the anchor's own dates) says.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Rejection {
    Expired,
    NotYetValid,
    NotValidForName,
    CaUsedAsEndEntity,
    EndEntityUsedAsCa,
    NameConstraints,
    UnsupportedCriticalExtension,
    PathLength,
    BadSignature,
    UnsupportedSignature,
    EkuMissing,
    /// The trust anchor that the chain ends at is itself outside its validity period.
    AnchorOutOfDate(usize, usize),
    /// A certificate a client's X.509 parser refuses (the text says what).
    Malformed(&'static str),
    /// Path building gave up (too many certificates, signatures or name comparisons).
    TooComplex,
}

impl Rejection {
    fn from_webpki(e: &webpki::Error) -> Rejection {
        use webpki::Error as E;
        match e {
            E::CertExpired { .. } => Rejection::Expired,
            E::CertNotValidYet { .. } => Rejection::NotYetValid,
            E::CertNotValidForName(_) => Rejection::NotValidForName,
            E::CaUsedAsEndEntity => Rejection::CaUsedAsEndEntity,
            E::EndEntityUsedAsCa => Rejection::EndEntityUsedAsCa,
            E::NameConstraintViolation | E::UnsupportedNameType => Rejection::NameConstraints,
            E::UnsupportedCriticalExtension => Rejection::UnsupportedCriticalExtension,
            E::PathLenConstraintViolated => Rejection::PathLength,
            E::InvalidSignatureForPublicKey => Rejection::BadSignature,
            E::UnsupportedSignatureAlgorithmContext(_)
            | E::UnsupportedSignatureAlgorithmForPublicKeyContext(_)
            | E::SignatureAlgorithmMismatch => Rejection::UnsupportedSignature,
            E::RequiredEkuNotFoundContext(_) | E::EmptyEkuExtension => Rejection::EkuMissing,
            E::MaximumPathDepthExceeded
            | E::MaximumSignatureChecksExceeded
            | E::MaximumPathBuildCallsExceeded
            | E::MaximumNameConstraintComparisonsExceeded => Rejection::TooComplex,
            E::BadDerTime | E::InvalidCertValidity => {
                Rejection::Malformed("its validity dates are not valid DER times")
            }
            E::InvalidSerialNumber => Rejection::Malformed("its serial number is not valid"),
            E::UnsupportedCertVersion => {
                Rejection::Malformed("it is not an X.509 version 3 certificate")
            }
            E::MalformedDnsIdentifier => {
                Rejection::Malformed("a DNS name in its subjectAltName is not a valid DNS name")
            }
            E::MalformedNameConstraint | E::InvalidNetworkMaskConstraint => {
                Rejection::Malformed("its nameConstraints extension is malformed")
            }
            E::ExtensionValueInvalid | E::MalformedExtensions => {
                Rejection::Malformed("an extension is malformed or appears twice")
            }
            _ => Rejection::Malformed("its DER encoding is malformed"),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// The client accepts the chain: it reaches an anchor the client trusts.
    Verified {
        anchor: AnchorSource,
    },
    /// Fine as far as can be seen, but no anchor that client trusts was given.
    TrustUnknown,
    Rejected(Rejection),
    /// No evaluation time: the chain was not judged.
    NotJudged,
}

/// The anchors a client trusts beyond the certificates the user marked trusted.
pub struct TrustStores<'a> {
    pub browser: &'a [AnchorDer],
    pub server: &'a [AnchorDer],
}

fn unix(now: i64) -> UnixTime {
    UnixTime::since_unix_epoch(core::time::Duration::from_secs(now.max(0) as u64))
}

/// Runs webpki once. `Ok(index of the anchor used)`.
fn run(
    leaf: &CertificateDer<'_>,
    intermediates: &[CertificateDer<'_>],
    anchors: &[AnchorDer],
    now: i64,
) -> Result<usize, webpki::Error> {
    let ee = webpki::EndEntityCert::try_from(leaf)?;
    let trust: Vec<TrustAnchor<'_>> = anchors.iter().map(AnchorDer::as_webpki).collect();
    let certificates: Vec<&[u8]> = std::iter::once(leaf.as_ref())
        .chain(intermediates.iter().map(|c| c.as_ref()))
        .collect();
    let anchor_keys: Vec<(&[u8], &[u8])> = anchors
        .iter()
        .map(|a| (a.subject.as_slice(), a.spki.as_slice()))
        .collect();
    super::signatures::ask_for_path(&certificates, &anchor_keys);
    let path = ee.verify_for_usage(
        &super::signatures::WEBPKI,
        &trust,
        intermediates,
        unix(now),
        webpki::KeyUsage::server_auth(),
        None,
        None,
    )?;
    let used = path.anchor();
    Ok(trust
        .iter()
        .position(|t| {
            t.subject == used.subject && t.subject_public_key_info == used.subject_public_key_info
        })
        .unwrap_or(0))
}

/// Whether a certificate (DER) is valid for the host name or IP address `name`, by webpki's rules
/// (subjectAltName only). A `name` that is neither counts as covered: host-name rules explain it.
pub fn covers_name(der: &[u8], name: &str) -> bool {
    name_ok(&CertificateDer::from(der), name)
}

fn name_ok(leaf: &CertificateDer<'_>, name: &str) -> bool {
    let Ok(server_name) = ServerName::try_from(name) else {
        // Not a DNS name or an IP address: host-name rules explain it.
        return true;
    };
    webpki::EndEntityCert::try_from(leaf)
        .and_then(|ee| ee.verify_is_valid_for_subject_name(&server_name))
        .is_ok()
}

/// Judges one certificate file as `client` would, with `name` the host the client dials when it
/// is known and the client checks it with webpki's rules (browsers: subjectAltName only).
pub fn judge(
    pki: &[PkiFile],
    file: usize,
    client: Client,
    stores: &TrustStores<'_>,
    now: Option<i64>,
    name: Option<&str>,
) -> Outcome {
    judge_file(pki, &pki[file], client, stores, now, name)
}

/// Judges a certificate file that need not be among `pki` (a chain a server was seen to serve), with
/// the trusted CAs of `pki`.
pub fn judge_file(
    pki: &[PkiFile],
    f: &PkiFile,
    client: Client,
    stores: &TrustStores<'_>,
    now: Option<i64>,
    name: Option<&str>,
) -> Outcome {
    // A verdict that rests on a signature nobody has verified yet is no verdict.
    let before = super::signatures::unanswered();
    let outcome = judge_answered(pki, f, client, stores, now, name);
    if super::signatures::unanswered() > before {
        Outcome::NotJudged
    } else {
        outcome
    }
}

fn judge_answered(
    pki: &[PkiFile],
    f: &PkiFile,
    client: Client,
    stores: &TrustStores<'_>,
    now: Option<i64>,
    name: Option<&str>,
) -> Outcome {
    let Some(now) = now else {
        return Outcome::NotJudged;
    };
    let Some(&leaf_block) = f.chain.path.first() else {
        return Outcome::NotJudged;
    };
    let Some(leaf_cert) = f.cert(leaf_block) else {
        return Outcome::NotJudged;
    };
    let leaf = CertificateDer::from(leaf_cert.der.as_slice());
    let intermediates: Vec<CertificateDer<'_>> = f
        .certificates()
        .filter(|(i, _)| *i != leaf_block)
        .map(|(_, c)| CertificateDer::from(c.der.as_slice()))
        .collect();
    // The user's trusted CAs, each with its place, then the client's store.
    let mut anchors: Vec<AnchorDer> = Vec::new();
    let mut sources: Vec<AnchorSource> = Vec::new();
    for (fi, g) in pki
        .iter()
        .enumerate()
        .filter(|(_, g)| g.role == Role::TrustedCa)
    {
        for (bi, c) in g.certificates() {
            if let Some(a) = AnchorDer::from_certificate(&c.der) {
                anchors.push(a);
                sources.push(AnchorSource::Given(fi, bi));
            }
        }
    }
    let store = match client {
        Client::Browser => stores.browser,
        Client::Server => stores.server,
    };
    anchors.extend(store.iter().cloned());
    sources.extend(store.iter().map(|_| AnchorSource::Store));

    // A self-signed server certificate is its own anchor: clients accept it when they trust that very
    // certificate (OpenSSL, curl and browsers alike), whatever its basicConstraints say.
    if leaf_cert.self_issued() && f.chain.self_signed_leaf {
        if let Some(r) = out_of_date(leaf_cert, now) {
            return Outcome::Rejected(r);
        }
        if name.is_some_and(|n| !name_ok(&leaf, n)) {
            return Outcome::Rejected(Rejection::NotValidForName);
        }
        let own = AnchorDer::from_certificate(&leaf_cert.der);
        return match anchors.iter().position(|a| Some(a) == own.as_ref()) {
            Some(i) => Outcome::Verified {
                anchor: sources[i].clone(),
            },
            None => Outcome::TrustUnknown,
        };
    }

    match run(&leaf, &intermediates, &anchors, now) {
        Ok(i) => {
            if let AnchorSource::Given(fi, bi) = sources[i] {
                if let Some(c) = pki[fi].cert(bi) {
                    if out_of_date(c, now).is_some() {
                        return Outcome::Rejected(Rejection::AnchorOutOfDate(fi, bi));
                    }
                }
            }
            if name.is_some_and(|n| !name_ok(&leaf, n)) {
                return Outcome::Rejected(Rejection::NotValidForName);
            }
            Outcome::Verified {
                anchor: sources[i].clone(),
            }
        }
        Err(webpki::Error::UnknownIssuer) => {
            // Not anchored where this client looks. Judge the rest with the roots among the inputs and
            // the chain's own top certificate as anchors: what can be seen must still be right.
            let mut seen: Vec<AnchorDer> = anchors;
            // Only roots named as an issuer in this file: a dropped CA bundle of 150 roots must not
            // cost 150 signature checks.
            let issuers: Vec<&[u8]> = f
                .certificates()
                .map(|(_, c)| c.issuer_raw.as_slice())
                .collect();
            for g in pki {
                for (_, c) in g
                    .certificates()
                    .filter(|(_, c)| issuers.contains(&c.subject_raw.as_slice()) && c.self_signed())
                {
                    seen.extend(AnchorDer::from_certificate(&c.der));
                }
            }
            if let Some(top) = f.chain.path.last().and_then(|&i| f.cert(i)) {
                if f.chain.path.len() > 1 {
                    seen.extend(AnchorDer::from_certificate(&top.der));
                }
            }
            match run(&leaf, &intermediates, &seen, now) {
                Ok(_) | Err(webpki::Error::UnknownIssuer) => Outcome::TrustUnknown,
                Err(e) => Outcome::Rejected(Rejection::from_webpki(&e)),
            }
        }
        Err(e) => match self_issued_path(pki, f, &sources, now, name)
            .or_else(|| directory_name_constraints_path(pki, f, &sources, now, name))
        {
            Some(outcome) => outcome,
            None => Outcome::Rejected(Rejection::from_webpki(&e)),
        },
    }
}

/// The file's chain, leaf first, when every link of it was verified by signature when it was built.
fn verified_chain(f: &PkiFile) -> Option<Vec<&CertFacts>> {
    if !f.chain.bad_signatures.is_empty() || !f.chain.unverified.is_empty() {
        return None;
    }
    f.chain.path.iter().map(|&i| f.cert(i)).collect()
}

/// Why a certificate is refused at `now` for its dates, if it is.
fn out_of_date(c: &CertFacts, now: i64) -> Option<Rejection> {
    if c.not_after < now {
        Some(Rejection::Expired)
    } else if c.not_before > now {
        Some(Rejection::NotYetValid)
    } else {
        None
    }
}

/// The critical extensions webpki processes; a CA certificate with any other critical extension is
/// refused by it, so the fallback below refuses it too.
const WEBPKI_CRITICAL: &[&str] = &[
    "2.5.29.15",
    "2.5.29.17",
    "2.5.29.19",
    "2.5.29.30",
    "2.5.29.31",
    "2.5.29.37",
];

/// RFC 5280 exempts self-issued intermediates (a CA rolling over its key) from path length and name
/// constraints (§4.2.1.9, §4.2.1.10, §6.1.4 (h), (l)); rustls-webpki counts them, and refuses such
/// chains. When the file's chain has one, the path is judged in two parts instead: webpki validates
/// everything below the self-issued certificate with it as the anchor (carrying the trusted root's
/// name constraints, which apply there), and the CA certificates from it up to a CA the user marked
/// trusted are checked here: signatures (already verified when the chain was built, with an
/// algorithm webpki also accepts), dates, CA flag and keyCertSign, extended key usage, critical
/// extensions, keys, and path lengths with the exemption. Anything this cannot decide gives `None`,
/// and webpki's refusal stands.
fn self_issued_path(
    pki: &[PkiFile],
    f: &PkiFile,
    sources: &[AnchorSource],
    now: i64,
    name: Option<&str>,
) -> Option<Outcome> {
    let path = verified_chain(f)?;
    let s = (1..path.len()).find(|&k| path[k].self_issued() && !path[k].self_signed())?;
    let top = *path.last()?;
    // The trusted CA (a certificate the user gave) that signed the top of the chain.
    let (anchor_file, anchor_block, anchor) = given_anchor_of(pki, top, sources)?;
    if out_of_date(anchor, now).is_some() {
        return Some(Outcome::Rejected(Rejection::AnchorOutOfDate(
            anchor_file,
            anchor_block,
        )));
    }
    let anchor_der = AnchorDer::from_certificate(&anchor.der)?;
    let upper = &path[s..];
    let upper_profiles: Vec<&super::profile::ProfileFacts> = upper
        .iter()
        .map(|c| c.profile().ok())
        .collect::<Option<_>>()?;
    // Name constraints only in the anchor or the self-issued certificate (not both): they become the
    // lower part's anchor constraints. The anchor's apply to no certificate of the upper part but
    // self-issued ones (which are exempt).
    let upper_nc = upper_profiles
        .iter()
        .skip(1)
        .any(|p| p.name_constraints.is_some());
    let s_nc = upper_profiles[0].name_constraints.is_some();
    if upper_nc
        || (s_nc && anchor_der.name_constraints.is_some())
        || (anchor_der.name_constraints.is_some() && upper.iter().any(|c| !c.self_issued()))
    {
        return None;
    }
    let s_anchor = AnchorDer::from_certificate(&upper[0].der)?;
    let lower_anchor = AnchorDer {
        name_constraints: s_anchor
            .name_constraints
            .clone()
            .or(anchor_der.name_constraints),
        ..s_anchor
    };
    let leaf = CertificateDer::from(path[0].der.as_slice());
    let below: Vec<CertificateDer<'_>> = path[1..s]
        .iter()
        .map(|c| CertificateDer::from(c.der.as_slice()))
        .collect();
    if let Err(e) = run(&leaf, &below, std::slice::from_ref(&lower_anchor), now) {
        return Some(Outcome::Rejected(Rejection::from_webpki(&e)));
    }
    for (k, (c, p)) in upper.iter().zip(&upper_profiles).enumerate() {
        let position = s + k;
        let ca = c.basic_ca == Some(true);
        let cert_sign = c.key_usage.is_none_or(|(_, _, cert_sign)| cert_sign);
        let eku_ok = c
            .ext_key_usage
            .is_none_or(|(server_auth, any)| server_auth || any);
        let signed_ok = super::sigalgs::is_supported(&c.signature);
        let critical_ok = p
            .critical
            .iter()
            .all(|o| WEBPKI_CRITICAL.contains(&o.as_str()));
        let key_ok = match &c.public_key {
            super::key::PublicKeyId::Rsa { .. } => c.public_key.bits() >= 2048,
            super::key::PublicKeyId::Ec { .. } => c.public_key.bits() >= 256,
            super::key::PublicKeyId::Ed25519(_) => true,
            super::key::PublicKeyId::Other(_) => false,
        };
        if !(ca && cert_sign && eku_ok && signed_ok && critical_ok && key_ok) {
            return None;
        }
        if let Some(r) = out_of_date(c, now) {
            return Some(Outcome::Rejected(r));
        }
        // Intermediates below this CA, not counting self-issued ones (the leaf is not counted).
        let below_count = path[1..position]
            .iter()
            .filter(|b| !b.self_issued())
            .count() as u32;
        if p.path_len.is_some_and(|max| below_count > max) {
            return Some(Outcome::Rejected(Rejection::PathLength));
        }
    }
    if name.is_some_and(|n| !name_ok(&leaf, n)) {
        return Some(Outcome::Rejected(Rejection::NotValidForName));
    }
    Some(Outcome::Verified {
        anchor: AnchorSource::Given(anchor_file, anchor_block),
    })
}

/// The trusted certificate among the inputs that a verdict ends at.
pub fn anchor_certificate<'a>(pki: &'a [PkiFile], outcome: &Outcome) -> Option<&'a CertFacts> {
    match outcome {
        Outcome::Verified {
            anchor: AnchorSource::Given(f, b),
        }
        | Outcome::Rejected(Rejection::AnchorOutOfDate(f, b)) => pki.get(*f)?.cert(*b),
        _ => None,
    }
}

/// A Name as the list of its RDNs, each a sorted list of (attribute OID, value tag, value bytes).
type Rdns = Vec<Vec<(String, u32, Vec<u8>)>>;

fn rdns(name: &x509_parser::x509::X509Name<'_>) -> Rdns {
    name.iter()
        .map(|rdn| {
            let mut set: Vec<(String, u32, Vec<u8>)> = rdn
                .iter()
                .map(|a| {
                    let v = a.attr_value();
                    (a.attr_type().to_id_string(), v.tag().0, v.data.to_vec())
                })
                .collect();
            crate::base::sort(&mut set);
            set
        })
        .collect()
}

/// The trusted CA that signed the top of the file's chain, among the certificates the user gave.
fn given_anchor_of<'a>(
    pki: &'a [PkiFile],
    top: &CertFacts,
    sources: &[AnchorSource],
) -> Option<(usize, usize, &'a CertFacts)> {
    sources.iter().find_map(|src| match src {
        AnchorSource::Given(fi, bi) => pki[*fi]
            .cert(*bi)
            .filter(|a| {
                a.subject_raw == top.issuer_raw
                    && super::verify::verify(top, a) == super::verify::Verdict::Valid
            })
            .map(|a| (*fi, *bi, a)),
        AnchorSource::Store => None,
    })
}

/// rustls-webpki does not evaluate directoryName name constraints and refuses such chains. When the
/// trusted CA's constraints are all directoryNames (and no other certificate of the path has any),
/// webpki judges the path without them and the names are checked here (RFC 5280 §4.2.1.10: the
/// subject and every directoryName of the subjectAltName of each certificate below, self-issued
/// intermediates exempt, within a permitted subtree and within no excluded one). Names are compared
/// RDN by RDN on their encoding: a name spelt differently from the constraint is refused, never
/// accepted by mistake. Anything else gives `None`, and webpki's refusal stands.
fn directory_name_constraints_path(
    pki: &[PkiFile],
    f: &PkiFile,
    sources: &[AnchorSource],
    now: i64,
    name: Option<&str>,
) -> Option<Outcome> {
    use x509_parser::extensions::{GeneralName, ParsedExtension};
    use x509_parser::prelude::{FromDer, X509Certificate};
    let path = verified_chain(f)?;
    let (anchor_file, anchor_block, anchor) = given_anchor_of(pki, path.last()?, sources)?;
    if path
        .iter()
        .any(|c| c.profile().map_or(true, |p| p.name_constraints.is_some()))
    {
        return None;
    }
    let (_, anchor_cert) = X509Certificate::from_der(&anchor.der).ok()?;
    let nc = anchor_cert
        .tbs_certificate
        .extensions()
        .iter()
        .find_map(|e| match e.parsed_extension() {
            ParsedExtension::NameConstraints(nc) => Some(nc.clone()),
            _ => None,
        })?;
    let subtrees =
        |list: &Option<Vec<x509_parser::extensions::GeneralSubtree<'_>>>| -> Option<Vec<Rdns>> {
            list.iter()
                .flatten()
                .map(|s| match &s.base {
                    GeneralName::DirectoryName(n) => Some(rdns(n)),
                    _ => None,
                })
                .collect()
        };
    let (permitted, excluded) = (
        subtrees(&nc.permitted_subtrees)?,
        subtrees(&nc.excluded_subtrees)?,
    );
    let mut stripped = AnchorDer::from_certificate(&anchor.der)?;
    stripped.name_constraints = None;
    let leaf = CertificateDer::from(path[0].der.as_slice());
    let intermediates: Vec<CertificateDer<'_>> = path[1..]
        .iter()
        .map(|c| CertificateDer::from(c.der.as_slice()))
        .collect();
    if let Err(e) = run(&leaf, &intermediates, std::slice::from_ref(&stripped), now) {
        return Some(Outcome::Rejected(Rejection::from_webpki(&e)));
    }
    if out_of_date(anchor, now).is_some() {
        return Some(Outcome::Rejected(Rejection::AnchorOutOfDate(
            anchor_file,
            anchor_block,
        )));
    }
    let within =
        |name: &Rdns, base: &Rdns| name.len() >= base.len() && name[..base.len()] == base[..];
    for (k, c) in path.iter().enumerate() {
        if k > 0 && c.self_issued() {
            continue;
        }
        let (_, parsed) = X509Certificate::from_der(&c.der).ok()?;
        let mut names: Vec<Rdns> = Vec::new();
        let subject = rdns(&parsed.tbs_certificate.subject);
        if !subject.is_empty() {
            names.push(subject);
        }
        for e in parsed.tbs_certificate.extensions() {
            if let ParsedExtension::SubjectAlternativeName(san) = e.parsed_extension() {
                for g in &san.general_names {
                    if let GeneralName::DirectoryName(n) = g {
                        names.push(rdns(n));
                    }
                }
            }
        }
        for n in &names {
            let allowed = permitted.is_empty() || permitted.iter().any(|b| within(n, b));
            if !allowed || excluded.iter().any(|b| within(n, b)) {
                return Some(Outcome::Rejected(Rejection::NameConstraints));
            }
        }
    }
    if name.is_some_and(|n| !name_ok(&leaf, n)) {
        return Some(Outcome::Rejected(Rejection::NotValidForName));
    }
    Some(Outcome::Verified {
        anchor: AnchorSource::Given(anchor_file, anchor_block),
    })
}

/// Whether a client's X.509 parser (rustls-webpki's) reads a certificate: its version, serial,
/// validity times and extensions are well formed. Names which certificate of a refused chain is
/// malformed.
pub fn parses(der: &[u8]) -> bool {
    webpki::EndEntityCert::try_from(&CertificateDer::from(der)).is_ok()
}
