//! Certificates, keys and chains: every PEM/DER input analysed into blocks with facts, and each
//! certificate file's chain built with real signature verification.

pub mod algorithm;
#[cfg(not(target_arch = "wasm32"))]
pub mod answer_native;
pub mod cert;
pub mod der;
pub mod hostname;
pub mod key;
pub mod name;
pub mod profile;
pub mod sigalgs;
pub mod signatures;
pub mod trust;
pub mod verify;

use crate::input::{decode, ClassifiedInput, InputKind};
use cert::CertFacts;
use key::KeyBlock;
use serde::{Deserialize, Serialize};
use signatures::KeyPlace;

pub use crate::limits::MAX_PEM_BLOCKS as MAX_BLOCKS;

/// What a file is used for. Assigned from the settings that name it, from its name
/// (`launcher.pem`), by the caller (the page's role menu, the CLI's `--trusted-ca`), or inferred from
/// its content.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, PartialOrd, Ord)]
#[serde(rename_all = "kebab-case")]
pub enum Role {
    RserverCertificate,
    RserverKey,
    LauncherCertificate,
    LauncherKey,
    /// `/etc/rstudio/launcher.pem`: the private half of Workbench's session-signing key pair.
    LauncherPem,
    /// `/etc/rstudio/launcher.pub`: its public half.
    LauncherPub,
    /// A CA the user says clients trust (the trust anchor for chains).
    TrustedCa,
    /// Inferred: a certificate with a server (non-CA) certificate first, not named by any setting.
    Certificate,
    /// Inferred: a private key not named by any setting.
    PrivateKey,
    /// Inferred: only CA certificates.
    CaCertificates,
    /// Inferred: a certificate signing request.
    Csr,
    /// Inferred: a bare public key.
    PublicKey,
    /// Nothing usable inside.
    Unknown,
}

impl Role {
    pub fn id(self) -> &'static str {
        match self {
            Role::RserverCertificate => "rserver-certificate",
            Role::RserverKey => "rserver-key",
            Role::LauncherCertificate => "launcher-certificate",
            Role::LauncherKey => "launcher-key",
            Role::LauncherPem => "launcher-pem",
            Role::LauncherPub => "launcher-pub",
            Role::TrustedCa => "trusted-ca",
            Role::Certificate => "certificate",
            Role::PrivateKey => "private-key",
            Role::CaCertificates => "ca-certificates",
            Role::Csr => "csr",
            Role::PublicKey => "public-key",
            Role::Unknown => "unknown",
        }
    }

    pub fn from_id(id: &str) -> Option<Role> {
        ALL_ROLES.iter().copied().find(|r| r.id() == id)
    }

    /// A short label for menus and tables: "Workbench certificate", "Trusted CA".
    pub fn label(self) -> &'static str {
        match self {
            Role::RserverCertificate => "Workbench certificate",
            Role::RserverKey => "Workbench key",
            Role::LauncherCertificate => "Launcher certificate",
            Role::LauncherKey => "Launcher key",
            Role::LauncherPem => "launcher.pem",
            Role::LauncherPub => "launcher.pub",
            Role::TrustedCa => "Trusted CA",
            Role::Certificate => "Certificate",
            Role::PrivateKey => "Private key",
            Role::CaCertificates => "CA certificates",
            Role::Csr => "Certificate request",
            Role::PublicKey => "Public key",
            Role::Unknown => "Unknown",
        }
    }

    /// Whether a person may give a file this role (the page's role menu, the CLI's `--trusted-ca`);
    /// the others are only ever inferred from content.
    pub fn assignable(self) -> bool {
        matches!(
            self,
            Role::RserverCertificate
                | Role::RserverKey
                | Role::LauncherCertificate
                | Role::LauncherKey
                | Role::LauncherPem
                | Role::LauncherPub
                | Role::TrustedCa
        )
    }

    /// Words for messages: "Workbench's certificate", "the Launcher's key".
    pub fn describe(self) -> &'static str {
        match self {
            Role::RserverCertificate => "Workbench's certificate (ssl-certificate)",
            Role::RserverKey => "Workbench's private key (ssl-certificate-key)",
            Role::LauncherCertificate => "the Launcher's certificate (certificate-file)",
            Role::LauncherKey => "the Launcher's private key (certificate-key-file)",
            Role::LauncherPem => "launcher.pem (the session-signing private key)",
            Role::LauncherPub => "launcher.pub (the session-signing public key)",
            Role::TrustedCa => "a trusted CA",
            Role::Certificate => "a certificate",
            Role::PrivateKey => "a private key",
            Role::CaCertificates => "CA certificates",
            Role::Csr => "a certificate signing request",
            Role::PublicKey => "a public key",
            Role::Unknown => "a file",
        }
    }

    /// The channel a file in this role serves.
    pub fn channel(self) -> crate::base::Channel {
        use crate::base::Channel;
        match self {
            Role::RserverCertificate | Role::RserverKey => Channel::A,
            Role::LauncherCertificate
            | Role::LauncherKey
            | Role::LauncherPem
            | Role::LauncherPub => Channel::B,
            _ => Channel::None,
        }
    }

    pub fn wants_certificate(self) -> bool {
        matches!(
            self,
            Role::RserverCertificate | Role::LauncherCertificate | Role::Certificate
        )
    }

    pub fn wants_private_key(self) -> bool {
        matches!(
            self,
            Role::RserverKey | Role::LauncherKey | Role::LauncherPem | Role::PrivateKey
        )
    }
}

pub const ALL_ROLES: [Role; 13] = [
    Role::RserverCertificate,
    Role::RserverKey,
    Role::LauncherCertificate,
    Role::LauncherKey,
    Role::LauncherPem,
    Role::LauncherPub,
    Role::TrustedCa,
    Role::Certificate,
    Role::PrivateKey,
    Role::CaCertificates,
    Role::Csr,
    Role::PublicKey,
    Role::Unknown,
];

#[derive(Clone, Debug)]
pub enum BlockKind {
    Certificate(Box<CertFacts>),
    Key(KeyBlock),
    Csr,
    /// A block wb-ssl-check does not use (PKCS7, CRL, EC PARAMETERS, ...), by label.
    Other,
    /// A certificate block that cannot be decoded; the text says why.
    BrokenCertificate(String),
    /// A block nested deeper than [`crate::limits::MAX_DER_DEPTH`], not parsed.
    TooDeep,
}

#[derive(Clone, Debug)]
pub struct Block {
    /// 1-based position in the file.
    pub index: u32,
    /// Line of the BEGIN marker (PEM only).
    pub line: Option<u32>,
    pub label: String,
    pub kind: BlockKind,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Pem,
    Der,
    Pkcs12,
}

/// The chain of a certificate file, as built from the certificates inside it.
#[derive(Clone, Debug, Default)]
pub struct Chain {
    /// Indices into `PkiFile::blocks`, leaf first, each followed by its issuer.
    pub path: Vec<usize>,
    /// (child, named issuer) pairs where the issuer's key did not make the child's signature.
    pub bad_signatures: Vec<(usize, usize)>,
    /// Links that could not be verified (algorithm not supported): (child, issuer, why).
    pub unverified: Vec<(usize, usize, String)>,
    /// The leaf signs itself.
    pub self_signed_leaf: bool,
}

#[derive(Clone, Debug)]
pub struct PkiFile {
    pub name: String,
    pub format: Format,
    pub blocks: Vec<Block>,
    /// More than [`MAX_BLOCKS`] blocks: the rest were not read.
    pub truncated: bool,
    pub role: Role,
    /// The setting that names this file, if any (file:line).
    pub named_by: Option<crate::base::Location>,
    pub chain: Chain,
}

impl PkiFile {
    pub fn certificates(&self) -> impl Iterator<Item = (usize, &CertFacts)> {
        self.blocks
            .iter()
            .enumerate()
            .filter_map(|(i, b)| match &b.kind {
                BlockKind::Certificate(c) => Some((i, c.as_ref())),
                _ => None,
            })
    }

    pub fn cert(&self, i: usize) -> Option<&CertFacts> {
        match &self.blocks.get(i)?.kind {
            BlockKind::Certificate(c) => Some(c),
            _ => None,
        }
    }

    /// The leaf: the first certificate of the built chain.
    pub fn leaf(&self) -> Option<&CertFacts> {
        self.chain.path.first().and_then(|&i| self.cert(i))
    }

    pub fn private_keys(&self) -> impl Iterator<Item = (usize, &key::PublicKeyId)> {
        self.blocks
            .iter()
            .enumerate()
            .filter_map(|(i, b)| match &b.kind {
                BlockKind::Key(KeyBlock::Private(pk)) => Some((i, pk)),
                _ => None,
            })
    }

    pub fn public_keys(&self) -> impl Iterator<Item = (usize, &key::PublicKeyId)> {
        self.blocks
            .iter()
            .enumerate()
            .filter_map(|(i, b)| match &b.kind {
                BlockKind::Key(KeyBlock::Public(pk)) => Some((i, pk)),
                _ => None,
            })
    }

    pub fn location(&self, block: usize) -> crate::base::Location {
        let b = &self.blocks[block];
        crate::base::Location {
            file: self.name.clone(),
            line: b.line,
            column: None,
            block: Some(b.index),
        }
    }

    /// Where block `i` sits among the file's blocks of its kind, in words for people: "the 2nd
    /// certificate", "the private key", "the 3rd block" (a kind wb-ssl-check does not use).
    pub fn place(&self, i: usize) -> String {
        let noun = |b: &Block| match &b.kind {
            BlockKind::Certificate(_) | BlockKind::BrokenCertificate(_) => "certificate",
            BlockKind::Key(_) => "private key",
            BlockKind::Csr => "certificate request",
            BlockKind::Other | BlockKind::TooDeep => "block",
        };
        let Some(block) = self.blocks.get(i) else {
            return "a block".into();
        };
        let kind = noun(block);
        let same: Vec<usize> = (0..self.blocks.len())
            .filter(|&j| noun(&self.blocks[j]) == kind)
            .collect();
        let n = same.iter().position(|&j| j == i).unwrap_or(0) + 1;
        crate::base::nth(
            u32::try_from(n).unwrap_or(u32::MAX),
            u32::try_from(same.len()).unwrap_or(u32::MAX),
            kind,
        )
    }

    /// Whether every certificate in the file is a CA certificate (a CA file or bundle).
    pub fn only_ca_certificates(&self) -> bool {
        let mut certs = self.certificates().peekable();
        certs.peek().is_some() && certs.all(|(_, c)| c.is_ca())
    }
}

fn analyse_block(label: &str, der: &[u8], legacy_encrypted: bool, place: &KeyPlace) -> BlockKind {
    if crate::limits::der_depth(der, crate::limits::MAX_DER_DEPTH) > crate::limits::MAX_DER_DEPTH {
        return BlockKind::TooDeep;
    }
    match label {
        "CERTIFICATE" | "X509 CERTIFICATE" | "TRUSTED CERTIFICATE" => {
            match cert::parse_certificate(der) {
                Ok(c) => BlockKind::Certificate(Box::new(c)),
                Err(e) => BlockKind::BrokenCertificate(format!(
                    "its content is not a valid X.509 certificate ({e})"
                )),
            }
        }
        "CERTIFICATE REQUEST" | "NEW CERTIFICATE REQUEST" => BlockKind::Csr,
        l if key::is_key_label(l) => {
            BlockKind::Key(key::parse_key(l, der, legacy_encrypted, place))
        }
        _ => BlockKind::Other,
    }
}

/// Reads the blocks of a PEM, DER or PKCS#12 input. Other inputs give `None`.
pub fn read(input: &ClassifiedInput, bytes: &[u8]) -> Option<PkiFile> {
    let (format, blocks, truncated) = match input.kind {
        InputKind::PemBundle => {
            let (text, _) = decode(bytes);
            let (pem_blocks, truncated) = crate::input::pem::read_blocks(&text, MAX_BLOCKS);
            let blocks = pem_blocks
                .iter()
                .map(|b| {
                    let legacy = b.headers.iter().any(|(k, v)| {
                        k.eq_ignore_ascii_case("Proc-Type") && v.contains("ENCRYPTED")
                    });
                    let place = KeyPlace {
                        input: input.name.clone(),
                        block: b.index,
                    };
                    let kind = match &b.body {
                        Ok(der) => analyse_block(&b.label, der, legacy, &place),
                        Err(problem)
                            if b.label.contains("CERTIFICATE") && !b.label.contains("REQUEST") =>
                        {
                            BlockKind::BrokenCertificate(problem.describe())
                        }
                        Err(problem) if key::is_key_label(&b.label) => {
                            BlockKind::Key(KeyBlock::Unparsable(problem.describe()))
                        }
                        Err(_) => BlockKind::Other,
                    };
                    Block {
                        index: b.index,
                        line: Some(b.line),
                        label: b.label.clone(),
                        kind,
                    }
                })
                .collect();
            (Format::Pem, blocks, truncated)
        }
        InputKind::Der => {
            let kind = if crate::limits::der_depth(bytes, crate::limits::MAX_DER_DEPTH)
                > crate::limits::MAX_DER_DEPTH
            {
                BlockKind::TooDeep
            } else {
                match cert::parse_certificate(bytes) {
                    Ok(c) => BlockKind::Certificate(Box::new(c)),
                    Err(e) => match key::parse_der_private_key(
                        bytes,
                        &KeyPlace {
                            input: input.name.clone(),
                            block: 1,
                        },
                    ) {
                        Some(pk) => BlockKind::Key(KeyBlock::Private(pk)),
                        None => BlockKind::BrokenCertificate(format!(
                            "binary data that is neither a DER certificate nor a DER key ({e})"
                        )),
                    },
                }
            };
            (
                Format::Der,
                vec![Block {
                    index: 1,
                    line: None,
                    label: "DER".into(),
                    kind,
                }],
                false,
            )
        }
        InputKind::Pkcs12 => (Format::Pkcs12, Vec::new(), false),
        _ => return None,
    };
    Some(PkiFile {
        name: input.name.clone(),
        format,
        blocks,
        truncated,
        role: Role::Unknown,
        named_by: None,
        chain: Chain::default(),
    })
}

/// A file of DER certificates in the order given (what a server sent), with no role and no chain yet.
pub fn from_certificates(name: &str, ders: &[Vec<u8>]) -> PkiFile {
    let blocks = ders
        .iter()
        .take(MAX_BLOCKS)
        .enumerate()
        .map(|(i, der)| Block {
            index: i as u32 + 1,
            line: None,
            label: "CERTIFICATE".into(),
            kind: analyse_block(
                "CERTIFICATE",
                der,
                false,
                &KeyPlace {
                    input: name.to_string(),
                    block: i as u32 + 1,
                },
            ),
        })
        .collect();
    PkiFile {
        name: name.to_string(),
        format: Format::Der,
        blocks,
        truncated: ders.len() > MAX_BLOCKS,
        role: Role::Unknown,
        named_by: None,
        chain: Chain::default(),
    }
}

/// What a file holds, in a few words for the inputs list: "2 certificates, private key (RSA 2048)".
/// Keys appear only as type and size.
pub fn describe(file: &PkiFile) -> String {
    let certs = file.certificates().count();
    let mut parts = Vec::new();
    if certs > 0 {
        parts.push(if certs == 1 {
            "1 certificate".to_string()
        } else {
            format!("{certs} certificates")
        });
    }
    for b in &file.blocks {
        parts.push(match &b.kind {
            BlockKind::Key(KeyBlock::Private(pk)) => format!("private key ({})", pk.describe()),
            BlockKind::Key(KeyBlock::Public(pk)) => format!("public key ({})", pk.describe()),
            BlockKind::Key(KeyBlock::Encrypted(_)) => "encrypted private key".to_string(),
            BlockKind::Key(KeyBlock::Unparsable(_)) => "unreadable key".to_string(),
            BlockKind::Csr => "certificate signing request".to_string(),
            BlockKind::BrokenCertificate(_) => "damaged certificate".to_string(),
            BlockKind::TooDeep => "block nested too deeply".to_string(),
            BlockKind::Other => format!("{} block", b.label),
            BlockKind::Certificate(_) => continue,
        });
    }
    let format = match file.format {
        Format::Pem => "PEM",
        Format::Der => "DER",
        Format::Pkcs12 => return "PKCS#12 archive (not decrypted)".to_string(),
    };
    if parts.is_empty() {
        format!("{format}, no usable block")
    } else {
        format!("{format}: {}", parts.join(", "))
    }
}

/// The role a file's content suggests when no setting or caller names it.
pub fn inferred_role(file: &PkiFile) -> Role {
    let has_cert = file.certificates().next().is_some();
    if has_cert {
        return if file.only_ca_certificates() {
            Role::CaCertificates
        } else {
            Role::Certificate
        };
    }
    let kinds: Vec<&BlockKind> = file.blocks.iter().map(|b| &b.kind).collect();
    if kinds.iter().any(|k| {
        matches!(
            k,
            BlockKind::Key(KeyBlock::Private(_) | KeyBlock::Encrypted(_) | KeyBlock::Unparsable(_))
        )
    }) {
        Role::PrivateKey
    } else if kinds
        .iter()
        .any(|k| matches!(k, BlockKind::Key(KeyBlock::Public(_))))
    {
        Role::PublicKey
    } else if kinds.iter().any(|k| matches!(k, BlockKind::Csr)) {
        Role::Csr
    } else if kinds
        .iter()
        .any(|k| matches!(k, BlockKind::BrokenCertificate(_)))
    {
        Role::Certificate
    } else {
        Role::Unknown
    }
}

/// Builds the chain of a certificate file: the leaf (the certificate no other one in the file names
/// as issuer; a non-CA one preferred), then each issuer found in the file, verified by signature.
/// CA files (only CA certificates, not used as a server certificate) get no chain.
pub fn build_chain(file: &PkiFile) -> Chain {
    let certs: Vec<(usize, &CertFacts)> = file.certificates().collect();
    let mut chain = Chain::default();
    if certs.is_empty()
        || (file.only_ca_certificates()
            && !matches!(
                file.role,
                Role::RserverCertificate | Role::LauncherCertificate
            ))
    {
        return chain;
    }
    // The names that some certificate of the file names as its (other) issuer, sorted and searched in
    // halves, so that a bundle of thousands of certificates stays O(n log n). (Not a HashSet: each
    // hash table type compiled costs the page about 4.5 KB.)
    let mut issuer_names: Vec<&[u8]> = certs
        .iter()
        .filter(|(_, c)| !c.self_issued())
        .map(|(_, c)| c.issuer_raw.as_slice())
        .collect();
    crate::base::sort(&mut issuer_names);
    let candidates: Vec<(usize, &CertFacts)> = certs
        .iter()
        .copied()
        .filter(|(_, c)| {
            issuer_names
                .binary_search(&c.subject_raw.as_slice())
                .is_err()
        })
        .collect();
    let leaf = candidates
        .iter()
        .find(|(_, c)| !c.is_ca())
        .or(candidates.first())
        .or(certs.first())
        .map(|(i, _)| *i);
    let Some(leaf) = leaf else { return chain };
    // Every link the walk below may try, asked at once: the walk follows the answers, so asking as it
    // goes would find one more link per round of the check.
    for (_, child) in &certs {
        for (_, issuer) in certs
            .iter()
            .filter(|(_, c)| c.subject_raw == child.issuer_raw)
        {
            let _ = verify::verify(child, issuer);
        }
    }
    chain.path.push(leaf);
    let leaf_cert = file.cert(leaf).expect("leaf is a certificate");
    chain.self_signed_leaf = leaf_cert.self_signed();
    let mut current = leaf;
    loop {
        let child = file.cert(current).expect("chain holds certificates");
        if child.self_signed() {
            break;
        }
        // Every certificate whose subject is the child's issuer name is "named as the issuer"; the
        // signature decides. Key-identifier matches are tried first.
        let candidates = || {
            certs
                .iter()
                .copied()
                .filter(|(j, c)| !chain.path.contains(j) && c.subject_raw == child.issuer_raw)
        };
        // Those whose key identifiers match first, in file order: two passes rather than a sort.
        let named: Vec<(usize, &CertFacts)> = candidates()
            .filter(|(_, c)| c.could_issue(child))
            .chain(candidates().filter(|(_, c)| !c.could_issue(child)))
            .collect();
        if named.is_empty() {
            break;
        }
        let verdicts: Vec<(usize, verify::Verdict)> = named
            .iter()
            .map(|(j, c)| (*j, verify::verify(child, c)))
            .collect();
        let next = match verdicts.iter().find(|(_, v)| *v == verify::Verdict::Valid) {
            Some((j, _)) => *j,
            None => match verdicts
                .iter()
                .find(|(_, v)| matches!(v, verify::Verdict::Unsupported(_)))
            {
                Some((j, verify::Verdict::Unsupported(why))) => {
                    chain.unverified.push((current, *j, why.clone()));
                    *j
                }
                _ => {
                    chain
                        .bad_signatures
                        .extend(verdicts.iter().map(|(j, _)| (current, *j)));
                    break;
                }
            },
        };
        chain.path.push(next);
        current = next;
    }
    chain
}

/// The certificate among `files` that issued `cert`: named as its issuer, and its key made the
/// signature. With its file and block.
pub fn issuer_among<'a>(
    cert: &CertFacts,
    files: impl IntoIterator<Item = &'a PkiFile>,
) -> Option<(&'a PkiFile, usize, &'a CertFacts)> {
    files
        .into_iter()
        .flat_map(|f| f.certificates().map(move |(b, c)| (f, b, c)))
        .find(|(_, _, c)| c.could_issue(cert) && verify::verify(cert, c) == verify::Verdict::Valid)
}

/// A certificate among `files` that is named as `cert`'s issuer but whose signature on it could not be
/// verified (an algorithm or parameters not checked here), with why in words.
pub fn unverified_issuer_among<'a>(
    cert: &CertFacts,
    files: impl IntoIterator<Item = &'a PkiFile>,
) -> Option<(&'a CertFacts, String)> {
    files
        .into_iter()
        .flat_map(|f| f.certificates().map(|(_, c)| c))
        .filter(|c| c.could_issue(cert))
        .find_map(|c| match verify::verify(cert, c) {
            verify::Verdict::Unsupported(why) => Some((c, why)),
            _ => None,
        })
}

/// What a client must trust to verify a certificate file: the self-signed leaf itself, the root at the
/// top of the chain, or (when the file stops below the root) the issuer, found among `others` (the
/// other inputs) when they hold it. Returns a description and the certificate when it is known.
pub fn trust_anchor<'a>(
    file: &'a PkiFile,
    others: &'a [PkiFile],
) -> Option<(String, Option<&'a CertFacts>)> {
    let leaf = file.leaf()?;
    let top = file.chain.path.last().and_then(|&i| file.cert(i))?;
    if file.chain.self_signed_leaf {
        return Some((
            format!("the self-signed certificate `{}` itself", leaf.short_name()),
            Some(leaf),
        ));
    }
    if top.self_signed() {
        return Some((format!("the root CA `{}`", top.short_name()), Some(top)));
    }
    Some(match issuer_among(top, others) {
        Some((f, _, c)) if c.self_signed() => (
            format!("the root CA `{}` (in `{}`)", c.short_name(), f.name),
            Some(c),
        ),
        Some((f, _, c)) => (
            format!(
                "the CA `{}` (in `{}`) and its issuers",
                c.short_name(),
                f.name
            ),
            Some(c),
        ),
        None => (
            format!("the CA that issued `{}` ({})", top.short_name(), top.issuer),
            None,
        ),
    })
}

/// The certificates of the file that are not part of its chain.
pub fn extra_certificates(file: &PkiFile) -> Vec<usize> {
    if file.chain.path.is_empty() {
        return Vec::new();
    }
    let named_bad: Vec<usize> = file.chain.bad_signatures.iter().map(|(_, j)| *j).collect();
    file.certificates()
        .map(|(i, _)| i)
        .filter(|i| !file.chain.path.contains(i) && !named_bad.contains(i))
        .collect()
}

/// What is known of the CA that issued a leaf whose file stops at the leaf: whether it is an
/// intermediate (so the file lacks it) or a root (so the file is complete and clients must trust it).
#[derive(Clone, Copy)]
pub enum IssuerKind<'a> {
    /// Another input holds the issuer, and it is a root.
    GivenRoot,
    /// Another input holds the issuer, and it is not self-signed: an intermediate.
    GivenIntermediate(&'a PkiFile),
    /// Not given, but the leaf names where its CA publishes it (authorityInfoAccess caIssuers), as CAs
    /// do for their intermediates (public CAs never issue server certificates from a root).
    PublishedIntermediate(&'a str),
    /// Not given, but its name says it is an intermediate ("Intermediate", "Issuing", "Sub CA").
    NamedIntermediate,
    /// Not given, and its name says it is a root ("Root"), with no sign of an intermediate.
    NamedRoot,
    /// Not given, and nothing tells which it is.
    Unknown,
}

impl IssuerKind<'_> {
    /// Whether the issuer is known (or named) to be an intermediate, which the file should carry.
    pub fn is_intermediate(&self) -> bool {
        matches!(
            self,
            IssuerKind::GivenIntermediate(_)
                | IssuerKind::PublishedIntermediate(_)
                | IssuerKind::NamedIntermediate
        )
    }
}

/// What kind of CA issued `cert`, from the other inputs, then the certificate's own hints. A guess from
/// words is the last resort: a name is what an administrator chose, so only plain words count.
pub fn issuer_kind<'a>(
    cert: &'a CertFacts,
    others: impl IntoIterator<Item = &'a PkiFile>,
) -> IssuerKind<'a> {
    if let Some((f, _, c)) = issuer_among(cert, others) {
        return if c.self_signed() {
            IssuerKind::GivenRoot
        } else {
            IssuerKind::GivenIntermediate(f)
        };
    }
    if let Some(url) = cert.ca_issuers_url.as_deref() {
        return IssuerKind::PublishedIntermediate(url);
    }
    let name = cert.issuer.to_ascii_lowercase();
    let words: Vec<&str> = name
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    let has = |w: &str| words.contains(&w);
    if has("intermediate")
        || has("issuing")
        || has("subordinate")
        || has("subca")
        || (has("sub") && has("ca"))
    {
        IssuerKind::NamedIntermediate
    } else if has("root") {
        IssuerKind::NamedRoot
    } else {
        IssuerKind::Unknown
    }
}

#[cfg(test)]
mod issuer_kind_tests {
    use super::*;

    fn leaf(path: &str) -> CertFacts {
        let pem =
            std::fs::read_to_string(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(path))
                .unwrap();
        let body: String = pem
            .lines()
            .skip_while(|l| !l.starts_with("-----BEGIN CERTIFICATE"))
            .skip(1)
            .take_while(|l| !l.starts_with("-----END"))
            .collect();
        use base64ct::Encoding;
        let der = base64ct::Base64::decode_vec(&body).unwrap();
        cert::parse_certificate(&der).unwrap()
    }

    /// A missing issuer counts as an intermediate only on evidence: the leaf's own pointer to where
    /// its CA publishes it, or a name that says so; a name with "Root" is a root; else unknown.
    #[test]
    fn an_issuer_is_an_intermediate_only_on_evidence() {
        let named = leaf("tests/fixtures/pki/wb.crt");
        assert!(matches!(
            issuer_kind(&named, &[]),
            IssuerKind::NamedIntermediate
        ));
        let root = leaf("tests/fixtures/pki/ec-leaf.crt");
        assert!(matches!(issuer_kind(&root, &[]), IssuerKind::NamedRoot));
        let mut unknown = root.clone();
        unknown.issuer = "O=Example Corp, CN=Example CA".into();
        assert!(matches!(issuer_kind(&unknown, &[]), IssuerKind::Unknown));
        let mut sub = root.clone();
        sub.issuer = "CN=Example Sub CA 2".into();
        assert!(matches!(
            issuer_kind(&sub, &[]),
            IssuerKind::NamedIntermediate
        ));
        let mut published = unknown.clone();
        published.ca_issuers_url = Some("http://r3.i.lencr.org/".into());
        assert!(matches!(
            issuer_kind(&published, &[]),
            IssuerKind::PublishedIntermediate("http://r3.i.lencr.org/")
        ));
    }
}
