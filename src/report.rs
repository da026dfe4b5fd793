//! The report: one Rust type, serialised the same way by the CLI (`--format json`), the WASM API and the
//! page's "Download JSON". Its JSON shape is specified in ../shared/spec/interfaces.md; fields may be
//! added, existing ones keep their meaning. Nothing in it may ever hold private-key material.

use serde::{Deserialize, Serialize};

// The types every layer uses, below the input layer; re-exported here because the report is where
// users of the crate (the CLI, the npm API's types) meet them.
pub use crate::base::{count, Channel, Location, SettingRef, Severity};

pub const SCHEMA_VERSION: u32 = 1;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Finding {
    pub rule: String,
    pub severity: Severity,
    pub channel: Channel,
    pub file: String,
    pub line: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub column: Option<u32>,
    pub block: Option<u32>,
    pub message: String,
    /// The fix for this finding, concrete enough to paste.
    pub help: String,
    pub related: Vec<Location>,
    /// The edits of config files that `--fix` (and the page) apply for this finding, when there are
    /// some: the plan's step that resolves it (so every finding about one line carries the same
    /// value). Absent while that step waits for another (a safeguard stays until what it guards is
    /// fixed) and when the plan chose another finding's value for the line.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub fix: Option<Fix>,
    /// The number (1-based) of the plan's step that resolves this finding.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub step: Option<u32>,
}

/// Whether a fix can be applied without a person deciding.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum FixSafety {
    /// It changes nothing but what the finding is about (a typo, quotes, a duplicate line).
    Safe,
    /// A choice is made for you (which side of a mismatch to change, a host name), or it only works
    /// once something else is in place (trust before verification is turned on): review the diff.
    NeedsReview,
}

/// A replacement of the text between two positions of a config file (1-based lines and columns in
/// characters, the end excluded); an insertion when they are equal. A line is removed with its
/// newline: from its column 1 to column 1 of the next line.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Edit {
    pub file: String,
    pub line: u32,
    pub column: u32,
    pub end_line: u32,
    pub end_column: u32,
    pub text: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Fix {
    /// What the edits do, in words ("Set `launcher-port=5558` in rserver.conf").
    pub description: String,
    pub safety: FixSafety,
    pub edits: Vec<Edit>,
    /// The channel whose certificate verification this fix turns back on (it removes
    /// `launcher-verify-ssl-certs=0` or the like). The plan holds it back while a finding that
    /// verification would turn into a refused connection is open on that channel.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub guards: Option<Channel>,
}

/// What kind of change a step of the plan is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum StepKind {
    /// Edits of config files, which `--fix` and the page can apply.
    Edit,
    /// A command to run (openssl, cat, chmod, update-ca-trust, ...).
    Command,
    /// A service to restart, or something else to look at on the server.
    Restart,
    /// A file to give the checker, so that it can decide.
    Provide,
    /// Any other change, in words (a certificate to get, a setting to choose).
    Change,
}

/// Another value proposed for a line the plan edits, and why the plan wrote its own.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Alternative {
    pub rule: String,
    /// The other fix, in words.
    pub description: String,
    pub why_not: String,
}

/// One step of the plan: one change, the findings it resolves and the channels it unblocks.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Step {
    /// 1-based, in the order to take them.
    pub number: u32,
    pub kind: StepKind,
    /// What to do, in words.
    pub action: String,
    /// The edits, for an `edit` step.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub fix: Option<Fix>,
    /// Indices into `findings` of what this step resolves.
    pub resolves: Vec<usize>,
    /// The rule names of `resolves`, each once.
    pub rules: Vec<String>,
    /// How many errors, warnings and infos it resolves.
    pub summary: Summary,
    /// Whether it resolves an error that stops rserver or the Launcher from starting: such a step
    /// comes first, since nothing works until it is done.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub service_fails_to_start: bool,
    /// The channels that have no error left once this step and those before it are done.
    pub unblocks: Vec<Channel>,
    /// Steps (numbers) that must be done first.
    pub waits_for: Vec<u32>,
    /// Why it waits, in words; empty when it does not.
    #[serde(skip_serializing_if = "String::is_empty", default)]
    pub waits_because: String,
    /// Other values proposed for the lines it edits.
    #[serde(skip_serializing_if = "Vec::is_empty", default)]
    pub alternatives: Vec<Alternative>,
}

impl Fix {
    /// This fix, marked as turning verification back on for `channel`.
    pub fn guarding(mut self, channel: Channel) -> Fix {
        self.guards = Some(channel);
        self
    }
}

impl Finding {
    pub fn location(&self) -> Location {
        Location {
            file: self.file.clone(),
            line: self.line,
            column: self.column,
            block: self.block,
        }
    }
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Summary {
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
    /// Inputs whose text may hold error messages but was not read because no symptom catalog was
    /// given (the page loads the catalog and checks again when this is not 0).
    #[serde(default, skip_serializing_if = "is_zero")]
    pub texts_unread: usize,
    /// Inputs that look like Kubernetes inputs but were not read, because this build has no
    /// Kubernetes reader (the page's first module loads the one with it and checks again).
    #[serde(default, skip_serializing_if = "is_zero")]
    pub kubernetes_unread: usize,
    /// Archives (`.tar.gz`, `.zip`, …) not opened, because this build has no archive reader (the
    /// page's first module loads the one with it and checks again).
    #[serde(default, skip_serializing_if = "is_zero")]
    pub archives_unread: usize,
    /// Nothing among the inputs could be checked: no config, certificate, key, capture, listing or
    /// known error message (a values file, an unknown log, a shopping list). Such a report is never a
    /// success: the page says so, and the CLI exits with 3. Written only when true.
    #[serde(default, skip_serializing_if = "is_false")]
    pub nothing_checked: bool,
}

fn is_false(b: &bool) -> bool {
    !*b
}

fn is_zero(n: &usize) -> bool {
    *n == 0
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ChannelStatus {
    /// TLS with certificate verification; the path validator accepts the served chain, for the name the
    /// client dials, up to an anchor that client trusts; no error on the channel.
    Verified,
    /// TLS with verification on and nothing wrong that can be seen, but no anchor that the client
    /// trusts was given: whether it connects depends on a CA that the summary's `trust` names.
    TrustUnknown,
    /// TLS with verification turned off.
    EncryptedUnverified,
    Plaintext,
    /// An error finding on this channel.
    Broken,
    NotConfigured,
    /// The inputs do not say enough.
    Unknown,
}

impl ChannelStatus {
    pub const ALL: [ChannelStatus; 7] = [
        ChannelStatus::Verified,
        ChannelStatus::TrustUnknown,
        ChannelStatus::EncryptedUnverified,
        ChannelStatus::Plaintext,
        ChannelStatus::Broken,
        ChannelStatus::NotConfigured,
        ChannelStatus::Unknown,
    ];

    /// Words for people: "plain HTTP", "CA not marked as trusted" (the ids of [`Self::as_str`] stay in
    /// JSON).
    pub fn label(self) -> &'static str {
        match self {
            ChannelStatus::Verified => "verified",
            ChannelStatus::TrustUnknown => "CA not marked as trusted",
            ChannelStatus::EncryptedUnverified => "encrypted, not verified",
            ChannelStatus::Plaintext => "plain HTTP",
            ChannelStatus::Broken => "broken",
            ChannelStatus::NotConfigured => "not configured",
            ChannelStatus::Unknown => "unknown",
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            ChannelStatus::Verified => "verified",
            ChannelStatus::TrustUnknown => "trust-unknown",
            ChannelStatus::EncryptedUnverified => "encrypted-unverified",
            ChannelStatus::Plaintext => "plaintext",
            ChannelStatus::Broken => "broken",
            ChannelStatus::NotConfigured => "not-configured",
            ChannelStatus::Unknown => "unknown",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CertificateRef {
    pub subject: String,
    pub sans: Vec<String>,
    pub not_after: String,
    pub sha256: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChannelSummary {
    pub id: Channel,
    pub status: ChannelStatus,
    pub endpoint: Option<String>,
    pub certificate: Option<CertificateRef>,
    pub trust: Vec<String>,
    pub settings: Vec<SettingRef>,
    pub explanation: String,
    /// What the channel's endpoint was seen to serve: `wb-ssl-check probe`, or pasted `openssl
    /// s_client` / `curl -v` output. Empty when nothing was observed.
    #[serde(default)]
    pub served: Vec<ServedSummary>,
    /// In a load-balanced cluster, the channel as each node has it (empty for a single server).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub nodes: Vec<NodeStatus>,
}

/// One node's side of a channel, in a load-balanced cluster.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NodeStatus {
    /// The node's name for people: its folder, or its `www-host-name`.
    pub node: String,
    pub status: ChannelStatus,
    pub endpoint: Option<String>,
    /// On channel d: the certificate this node serves the other nodes, when it was given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub certificate: Option<CertificateRef>,
}

/// One observation of a channel's endpoint, judged as the channel's client would.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ServedSummary {
    /// Who saw it: "wb-ssl-check probe", "openssl s_client output `x.txt`".
    pub source: String,
    /// `host:port` as dialled.
    pub dialled: String,
    /// The IP address connected to, when known.
    pub address: Option<String>,
    /// `tls`, `plain-http`, `plain-http-on-tls`, `tls-on-plain-http` or `failed`.
    pub result: String,
    /// What happened, in words ("TLSv1.3, TLS_AES_256_GCM_SHA384", "connection refused").
    pub detail: String,
    /// The certificates served, in the order sent.
    pub certificates: Vec<CertificateRef>,
    /// Whether the served certificate is the one in the configured file (`None`: not known).
    pub same_as_file: Option<bool>,
    /// The status this observation gives the channel.
    pub status: ChannelStatus,
    /// The status line of the HTTP answer, when a request was made.
    pub http: Option<String>,
}

impl ServedSummary {
    /// One observation of a channel's endpoint on one line: who saw what where, the chain, the HTTP answer.
    pub fn describe(&self) -> String {
        let s = self;
        let mut parts = vec![format!(
            "{}{} by {}: {}",
            s.dialled,
            s.address
                .as_deref()
                .map(|a| format!(" ({a})"))
                .unwrap_or_default(),
            s.source,
            s.detail
        )];
        if let Some(leaf) = s.certificates.first() {
            parts.push(format!(
                "{}, the server certificate `{}` until {}{}",
                crate::report::count(s.certificates.len(), "certificate"),
                leaf.subject,
                leaf.not_after,
                match s.same_as_file {
                    Some(true) => ", the configured file's",
                    Some(false) => ", NOT the configured file's",
                    None => "",
                }
            ));
        } else if s.same_as_file == Some(false) {
            parts.push("not the configured file's certificate".into());
        }
        if let Some(h) = &s.http {
            parts.push(h.clone());
        }
        parts.join(" · ")
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct InputSummary {
    pub name: String,
    pub kind: String,
    pub role: Option<String>,
    /// What the input looked like, in a few words (never its content).
    pub description: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CertificateSummary {
    pub file: String,
    pub block: u32,
    pub subject: String,
    /// A short name for people: the subject's first common name, else the whole subject.
    #[serde(default)]
    pub name: String,
    pub issuer: String,
    pub serial: String,
    pub sans: Vec<String>,
    pub not_before: String,
    pub not_after: String,
    pub key: String,
    pub signature: String,
    pub sha256: String,
    pub self_signed: bool,
    pub ca: bool,
    /// keyUsage bits that matter for TLS (`digitalSignature`, `keyEncipherment`, `keyCertSign`).
    pub key_usage: Vec<String>,
    /// extendedKeyUsage purposes that matter for TLS (`serverAuth`, `anyExtendedKeyUsage`).
    pub extended_key_usage: Vec<String>,
    /// The role of the file that holds it (`rserver-certificate`, `trusted-ca`, ...).
    pub role: String,
}

/// Where a certificate sits in a served chain.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum LinkPosition {
    /// The served certificate.
    Leaf,
    /// A served certificate that signs itself: leaf and anchor at once.
    SelfSigned,
    Intermediate,
    /// A CA certificate that signs itself, at the top.
    Root,
}

impl LinkPosition {
    /// Words for people: "server certificate", "root CA".
    pub fn label(self) -> &'static str {
        match self {
            LinkPosition::Leaf => "server certificate",
            LinkPosition::SelfSigned => "self-signed server certificate",
            LinkPosition::Intermediate => "intermediate CA",
            LinkPosition::Root => "root CA",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum CheckResult {
    Pass,
    Fail,
    /// Not decidable from the inputs (the issuer was not given, no time, an algorithm not verified).
    Unknown,
}

/// One check of one certificate of a chain: `signature` (by the next certificate up), `dates`, `ca`
/// (an issuer is a CA, the served certificate is not) or `names` (the host a client dials).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LinkCheck {
    pub check: String,
    pub result: CheckResult,
    pub detail: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChainLink {
    /// The file and block that hold it (a [`CertificateSummary`] has the same pair).
    pub file: String,
    pub block: u32,
    pub subject: String,
    /// The same certificate given in two files has the same fingerprint: the page shows it once.
    pub sha256: String,
    pub position: LinkPosition,
    pub checks: Vec<LinkCheck>,
}

/// The top of a chain: the certificate clients must trust.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChainAnchor {
    /// Its subject; when it was not given, the issuer name of the chain's top.
    pub subject: String,
    /// A short name for people: the first common name of `subject`, else `subject`.
    #[serde(default)]
    pub name: String,
    /// The input that holds it, when one does.
    pub file: Option<String>,
    pub given: bool,
}

/// How a client trusts a chain's anchor.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Trust {
    /// Given as trusted (a file with the trusted-CA role, or `--trusted-ca`).
    Trusted,
    /// A root of Mozilla's program, which browsers trust.
    PublicRoot,
    /// A root of the server's system store.
    SystemStore,
    /// Not known to be trusted by that client: it must be given (installed, marked trusted).
    ToBeGiven,
    /// The client refuses the chain before trust matters.
    Refused,
}

/// One client of a served chain: the channel it dials it on, the name it checks, its verdict.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChainClient {
    pub channel: Channel,
    /// The host name the client dials, when the inputs say.
    pub name: Option<String>,
    pub names: LinkCheck,
    pub trust: Trust,
    /// `verified`, `trust-unknown`, `broken` or `unknown`, by the same path validator as the channel.
    pub status: ChannelStatus,
    pub detail: String,
}

/// A certificate file that a service serves, drawn as its chain: leaf first, then each issuer, the
/// anchor last when it is among the inputs.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChainSummary {
    pub file: String,
    pub role: String,
    pub links: Vec<ChainLink>,
    pub anchor: ChainAnchor,
    pub clients: Vec<ChainClient>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Report {
    pub schema: u32,
    pub tool: String,
    /// The evaluation time the check used (RFC 3339), when one was given.
    pub now: Option<String>,
    pub hostname: Option<String>,
    pub summary: Summary,
    pub channels: Vec<ChannelSummary>,
    pub findings: Vec<Finding>,
    pub inputs: Vec<InputSummary>,
    pub certificates: Vec<CertificateSummary>,
    /// The served chains, drawn from leaf to anchor with each link's checks.
    pub chains: Vec<ChainSummary>,
    /// What to do, in order: first the step that clears the most errors, a safeguard after what it
    /// guards.
    #[serde(default)]
    pub plan: Vec<Step>,
    pub not_checked: Vec<String>,
    /// The known error messages found in pasted ticket text, logs and s_client/curl output.
    #[serde(default)]
    pub symptoms: Vec<Symptom>,
    /// On Kubernetes: the way in to the pods and back, for the diagram.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kubernetes: Option<KubernetesPath>,
}

/// How users and sessions reach Workbench on Kubernetes: the route in, the Service, the pods. Each
/// part is `None` when the inputs do not show it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct KubernetesPath {
    /// What users come in through: `Ingress workbench`, `HTTPProxy workbench`, `LoadBalancer Service
    /// workbench`.
    pub entry: Option<String>,
    /// The host name it serves.
    pub host: Option<String>,
    /// How it serves TLS, when it does: "a `tls` section (secret posit-tls)".
    pub tls: Option<String>,
    /// Workbench's Service and its port: `rstudio-workbench:80`.
    pub service: Option<String>,
    /// How many Workbench pods.
    pub replicas: Option<u32>,
    /// The sessions' callback address, when it goes through that Service.
    pub callback: Option<String>,
}

/// A known error message found in a text input: who printed it, its channel, what it means, and the
/// findings of the given files that explain it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Symptom {
    /// The input it was found in, and the line (1-based) of its first occurrence.
    pub input: String,
    pub line: u32,
    /// That line, with secrets hidden and cut to about 240 characters around the message.
    pub text: String,
    /// How many lines of the input hold this message on this channel (and host).
    pub count: u32,
    /// The catalog's id of the message's family.
    pub family: String,
    pub printed_by: crate::base::PrintedBy,
    /// The channel the message is about; `None` when nothing given decides it, or when it is about no
    /// Workbench channel (then `candidates` is empty).
    pub channel: Option<Channel>,
    /// With no channel: the channels it may still be.
    pub candidates: Vec<Channel>,
    /// How the channel was decided, or what would decide it.
    pub decided_by: String,
    /// The host (and port) the message names, when it names one.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub host: Option<String>,
    pub meaning: String,
    /// The usual causes, the confirmed ones first, then most likely first.
    pub causes: Vec<SymptomCause>,
    /// The rules whose findings in the given files explain it.
    pub confirmed_by: Vec<String>,
    /// When nothing given explains it: the files to ask for.
    pub ask_for: Vec<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SymptomCause {
    pub text: String,
    /// The rules whose findings would confirm this cause.
    pub rules: Vec<String>,
    /// Whether one of them was found.
    pub confirmed: bool,
}

impl Report {
    pub fn has_errors(&self) -> bool {
        self.summary.errors > 0
    }

    pub fn channel(&self, id: Channel) -> Option<&ChannelSummary> {
        self.channels.iter().find(|c| c.id == id)
    }

    /// Where the certificate in `file`'s PEM block `block` sits, for people: "the 2nd certificate in
    /// `ca.crt`", "`workbench.crt`" when it is the file's only certificate.
    pub fn certificate_place(&self, file: &str, block: u32) -> String {
        let blocks: Vec<u32> = self
            .certificates
            .iter()
            .filter(|c| c.file == file)
            .map(|c| c.block)
            .collect();
        if blocks.len() <= 1 || !blocks.contains(&block) {
            return format!("`{file}`");
        }
        let n = blocks.iter().filter(|&&b| b <= block).count();
        format!(
            "{} in `{file}`",
            crate::base::nth(u32::try_from(n).unwrap_or(u32::MAX), 2, "certificate")
        )
    }

    /// Rule names of the findings, in report order (handy in tests).
    pub fn rules(&self) -> Vec<&str> {
        self.findings.iter().map(|f| f.rule.as_str()).collect()
    }
}
