//! The rule engine: every rule in one file of its group, all listed in [`REGISTRY`].
//!
//! A rule answers two questions separately (zlint's split): *does it apply* to these inputs
//! ([`Applicability`]), and *did it pass*. A rule that cannot be decided from what the user gave stays
//! silent and leaves a "not checked" note instead of guessing.

use crate::config::ConfigFile;
use crate::facts::DeploymentFacts;
use crate::input::ClassifiedInput;
use crate::report::{Channel, Finding, Location, Severity};

pub mod certificates;
pub mod channel_a;
pub mod channel_b;
pub mod channel_c;
pub mod files;
pub mod keys;
pub mod served;
pub mod syntax;

// Shared facts the rules read (they live in the facts layer, computed once).
pub use crate::base::{excerpt, looks_secret, shown_line};
pub(crate) use crate::facts::{
    callback, direct_url, effective_www_port, front_signs, is_own_address,
};

/// A rule's identity and documentation. `docs` is the rule's doc comment, captured by
/// [`declare_rule!`], so the CLI's `--explain`, the page and docs/rules.md all show the same text.
#[derive(Debug)]
pub struct RuleMeta {
    /// Stable kebab-case name: public interface, never renamed.
    pub name: &'static str,
    /// The severity a finding has unless the case calls for another (`severities[0]`).
    pub severity: Severity,
    /// Every severity the rule emits, the default first. A finding never has another (checked in
    /// debug builds, so every test run checks it).
    pub severities: &'static [Severity],
    /// When a finding takes a severity other than the default; empty when there is only one.
    pub severity_when: &'static str,
    /// The channel of most findings (`channels[0]`).
    pub channel: Channel,
    /// Every channel the rule's findings are on: a certificate rule reports on the channel the
    /// certificate serves.
    pub channels: &'static [Channel],
    pub summary: &'static str,
    docs_raw: &'static str,
}

impl RuleMeta {
    #[doc(hidden)]
    pub const fn new(
        name: &'static str,
        severities: &'static [Severity],
        severity_when: &'static str,
        channels: &'static [Channel],
        summary: &'static str,
        docs_raw: &'static str,
    ) -> RuleMeta {
        RuleMeta {
            name,
            severity: severities[0],
            severities,
            severity_when,
            channel: channels[0],
            channels,
            summary,
            docs_raw,
        }
    }

    /// The documentation as Markdown (What it checks / Why it breaks Workbench / How to fix / References).
    pub fn docs(&self) -> String {
        // Doc comments keep the space after `///`; drop it.
        self.docs_raw
            .lines()
            .map(|l| l.strip_prefix(' ').unwrap_or(l))
            .collect::<Vec<_>>()
            .join("\n")
            .trim()
            .to_string()
    }

    /// The severities as text: `warning`, or `warning (error when ...)`.
    pub fn severity_text(&self) -> String {
        if self.severities.len() == 1 {
            self.severity.as_str().to_string()
        } else {
            format!(
                "{} ({})",
                self.severities
                    .iter()
                    .map(|s| s.as_str())
                    .collect::<Vec<_>>()
                    .join(" / "),
                self.severity_when
            )
        }
    }

    /// The channels as text: `a`, or `a, b, c`.
    pub fn channel_text(&self) -> String {
        self.channels
            .iter()
            .map(|c| c.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    }

    /// Whether a finding's severity and channel are among the declared ones.
    pub fn declares(&self, severity: Severity, channel: Channel) -> bool {
        self.severities.contains(&severity) && self.channels.contains(&channel)
    }
}

/// Declares a rule: a unit struct whose doc comment is its documentation, plus its [`RuleMeta`].
/// `severity: Warning | Error` lists every severity the rule emits (the default first), with
/// `severity_when` saying when it departs from the default; `channel: A | B | C` likewise.
macro_rules! declare_rule {
    (
        $(#[doc = $doc:literal])*
        pub struct $name:ident {
            name: $rule:literal,
            severity: $sev:ident $(| $more_sev:ident)*,
            $(severity_when: $when:literal,)?
            channel: $ch:ident $(| $more_ch:ident)*,
            summary: $summary:literal $(,)?
        }
    ) => {
        $(#[doc = $doc])*
        pub struct $name;
        impl $name {
            // The WebAssembly module leaves the documentation out (it is most of its text); the page
            // loads the same text from rule-docs.js, generated from these doc comments by the CLI.
            #[cfg(not(target_arch = "wasm32"))]
            const DOCS: &'static str = concat!($($doc, "\n"),*);
            #[cfg(target_arch = "wasm32")]
            const DOCS: &'static str = "";
            // Likewise the summary and the severity split: the page shows them from rule-docs.js.
            #[cfg(not(target_arch = "wasm32"))]
            const TEXTS: (&'static str, &'static str) = (concat!("" $(, $when)?), $summary);
            #[cfg(target_arch = "wasm32")]
            const TEXTS: (&'static str, &'static str) = ("", "");
            pub const META: $crate::rules::RuleMeta = $crate::rules::RuleMeta::new(
                $rule,
                &[$crate::report::Severity::$sev $(, $crate::report::Severity::$more_sev)*],
                Self::TEXTS.0,
                &[$crate::report::Channel::$ch $(, $crate::report::Channel::$more_ch)*],
                Self::TEXTS.1,
                Self::DOCS,
            );
        }
    };
}
pub(crate) use declare_rule;

/// Whether a rule can be decided for the inputs at hand.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Applicability {
    Applies,
    /// Nothing to check here, and nothing the user could add would change that (e.g. SSL is off).
    Skip,
    /// The rule would apply but an input is missing: `missing` names it (e.g. `launcher.conf`) and
    /// `what` says what could not be checked. The report's `not_checked` lists these, grouped by input.
    NotChecked {
        missing: &'static str,
        what: String,
    },
}

/// Collects one rule's findings.
pub struct Sink<'a> {
    meta: &'static RuleMeta,
    findings: &'a mut Vec<Finding>,
}

impl<'a> Sink<'a> {
    pub fn new(meta: &'static RuleMeta, findings: &'a mut Vec<Finding>) -> Sink<'a> {
        Sink { meta, findings }
    }

    /// The findings this rule reported so far.
    pub fn emitted(&self) -> Vec<&Finding> {
        self.findings
            .iter()
            .filter(|f| f.rule == self.meta.name)
            .collect()
    }

    /// Reports a finding with the rule's default severity.
    pub fn emit(
        &mut self,
        at: Location,
        message: impl Into<String>,
        help: impl Into<String>,
    ) -> &mut Finding {
        self.emit_with(self.meta.severity, at, message, help)
    }

    /// Reports a finding on the channel of a file's role (the "role's" channel of the rule catalog).
    pub fn emit_for(
        &mut self,
        file: &crate::pki::PkiFile,
        severity: Severity,
        at: Location,
        message: impl Into<String>,
        help: impl Into<String>,
    ) -> &mut Finding {
        let f = self.emit_with(severity, at, message, help);
        f.channel = file.role.channel();
        f
    }

    pub fn emit_with(
        &mut self,
        severity: Severity,
        at: Location,
        message: impl Into<String>,
        help: impl Into<String>,
    ) -> &mut Finding {
        self.findings.push(Finding {
            rule: self.meta.name.to_string(),
            severity,
            channel: self.meta.channel,
            file: at.file,
            line: at.line,
            column: at.column,
            block: at.block,
            message: message.into(),
            help: help.into(),
            related: Vec::new(),
            fix: None,
        });
        self.findings.last_mut().expect("just pushed")
    }
}

/// A rule about one input as a whole (encoding, size, unrecognised content).
pub trait InputRule: Sync {
    fn check(&self, input: &ClassifiedInput, out: &mut Sink);
}

/// A rule about one configuration file on its own (syntax, options, values).
pub trait FileRule: Sync {
    fn applies(&self, _file: &ConfigFile) -> Applicability {
        Applicability::Applies
    }
    fn check(&self, file: &ConfigFile, out: &mut Sink);
}

/// A rule about a deployment: settings across rserver.conf, launcher.conf and friends.
pub trait DeploymentRule: Sync {
    fn applies(&self, d: &DeploymentFacts) -> Applicability;
    fn check(&self, d: &DeploymentFacts, out: &mut Sink);
}

/// A rule about the inputs as a whole: certificate and key files, how they pair up.
pub trait ModelRule: Sync {
    fn applies(&self, model: &crate::facts::Facts) -> Applicability;
    fn check(&self, model: &crate::facts::Facts, out: &mut Sink);
}

pub enum RuleImpl {
    Input(&'static dyn InputRule),
    Model(&'static dyn ModelRule),
    File(&'static dyn FileRule),
    Deployment(&'static dyn DeploymentRule),
}

pub struct Registered {
    pub meta: &'static RuleMeta,
    pub imp: RuleImpl,
}

macro_rules! registry {
    ($($kind:ident $path:path),* $(,)?) => {
        /// Every rule, in catalog order.
        pub static REGISTRY: &[Registered] = &[
            $(Registered { meta: &<$path>::META, imp: RuleImpl::$kind(&$path) }),*
        ];
    };
}

use certificates::*;
use channel_a::*;
use channel_b::*;
use channel_c::*;
use files::*;
use keys::*;
use served::*;
use syntax::*;

registry! {
    // 1. Inputs, syntax and options
    Input file_unrecognized::FileUnrecognized,
    Input input_too_large::InputTooLarge,
    Input input_unreadable::InputUnreadable,
    Model limit_exceeded::LimitExceeded,
    Input unsupported_encoding::UnsupportedEncoding,
    File unparsable_line::UnparsableLine,
    File unknown_option::UnknownOption,
    Model option_in_wrong_file::OptionInWrongFile,
    File duplicate_option::DuplicateOption,
    File invalid_value::InvalidValue,
    File empty_value::EmptyValue,
    File quoted_value::QuotedValue,
    File value_truncated_by_comment::ValueTruncatedByComment,
    File unexpanded_variable::UnexpandedVariable,
    File placeholder_value::PlaceholderValue,
    File section_in_rserver_conf::SectionInRserverConf,
    File option_outside_section::OptionOutsideSection,
    File missing_section::MissingSection,
    File cluster_incomplete::ClusterIncomplete,
    File unknown_cluster_type::UnknownClusterType,
    Deployment unknown_cluster_reference::UnknownClusterReference,
    // 2. Channel a: browser ⇄ Workbench
    Deployment ssl_cert_missing::SslCertMissing,
    Deployment ssl_settings_ignored::SslSettingsIgnored,
    Deployment plaintext_http::PlaintextHttp,
    Deployment deprecated_tls_protocol::DeprecatedTlsProtocol,
    Deployment same_site_none_without_ssl::SameSiteNoneWithoutSsl,
    // 3. Channel b: Workbench ⇄ Launcher
    Deployment launcher_address_missing::LauncherAddressMissing,
    Deployment launcher_address_has_scheme::LauncherAddressHasScheme,
    Deployment launcher_port_mismatch::LauncherPortMismatch,
    Deployment launcher_ssl_mismatch::LauncherSslMismatch,
    Deployment launcher_address_mismatch::LauncherAddressMismatch,
    Deployment launcher_ssl_on_socket::LauncherSslOnSocket,
    Deployment launcher_ssl_cert_missing::LauncherSslCertMissing,
    Deployment launcher_verify_disabled::LauncherVerifyDisabled,
    Deployment launcher_cert_hostname_mismatch::LauncherCertHostnameMismatch,
    Deployment launcher_cert_same_as_server::LauncherCertSameAsServer,
    Deployment launcher_pem_used_as_cert::LauncherPemUsedAsCert,
    Model launcher_keypair_mismatch::LauncherKeypairMismatch,
    Deployment admin_group_mismatch::AdminGroupMismatch,
    Deployment secure_cookie_key_mismatch::SecureCookieKeyMismatch,
    File kubernetes_api_not_https::KubernetesApiNotHttps,
    Deployment kubernetes_ca_invalid::KubernetesCaInvalid,
    // 4. Channel c: session → Workbench callback
    Deployment callback_address_missing::CallbackAddressMissing,
    Deployment callback_address_no_scheme::CallbackAddressNoScheme,
    Deployment callback_scheme_mismatch::CallbackSchemeMismatch,
    Deployment callback_port_mismatch::CallbackPortMismatch,
    Deployment callback_localhost_remote_sessions::CallbackLocalhostRemoteSessions,
    Deployment callback_wildcard_host::CallbackWildcardHost,
    Deployment callback_cert_hostname_mismatch::CallbackCertHostnameMismatch,
    Deployment callback_verify_disabled::CallbackVerifyDisabled,
    Deployment callback_trust_needed::CallbackTrustNeeded,
    Deployment session_ssl_disabled::SessionSslDisabled,
    // 5. Certificates
    Model cert_unparsable::CertUnparsable,
    Model not_pem::NotPem,
    Model wrong_pem_type::WrongPemType,
    Model cert_expired::CertExpired,
    Model cert_not_yet_valid::CertNotYetValid,
    Model cert_expires_soon::CertExpiresSoon,
    Deployment cert_hostname_mismatch::CertHostnameMismatch,
    Model cert_cn_only::CertCnOnly,
    Model cert_self_signed::CertSelfSigned,
    Model chain_order::ChainOrder,
    Model chain_incomplete::ChainIncomplete,
    Model chain_signature_invalid::ChainSignatureInvalid,
    Model chain_extra_cert::ChainExtraCert,
    Model cert_weak_key::CertWeakKey,
    Model cert_weak_signature::CertWeakSignature,
    Model cert_not_server_auth::CertNotServerAuth,
    Model cert_is_ca::CertIsCa,
    Model chain_issuer_not_ca::ChainIssuerNotCa,
    Model chain_name_constraints::ChainNameConstraints,
    Model chain_path_length::ChainPathLength,
    Model cert_unknown_critical_extension::CertUnknownCriticalExtension,
    Model cert_strict_profile::CertStrictProfile,
    Model chain_rejected::ChainRejected,
    Model cert_profile::CertProfile,
    // 6. Private keys
    Model key_unparsable::KeyUnparsable,
    Model key_encrypted::KeyEncrypted,
    Model cert_key_mismatch::CertKeyMismatch,
    Model key_in_cert_file::KeyInCertFile,
    // 7. Files and permissions
    Model referenced_file_not_provided::ReferencedFileNotProvided,
    Model file_permissions_too_open::FilePermissionsTooOpen,
    Model launcher_file_unreadable::LauncherFileUnreadable,
    // 8. What the running services serve (probe, pasted s_client and curl output)
    Model served_unreachable::ServedUnreachable,
    Model served_protocol_mismatch::ServedProtocolMismatch,
    Model served_cert_differs::ServedCertDiffers,
    Model served_chain_incomplete::ServedChainIncomplete,
    Model served_chain_rejected::ServedChainRejected,
    Model served_http_error::ServedHttpError,
}

pub fn find(name: &str) -> Option<&'static Registered> {
    REGISTRY.iter().find(|r| r.meta.name == name)
}

/// The OpenSSL command that makes a new key and a CSR for `host`, keeping the names the certificate
/// already has (each `DNS:` or `IP:`, as [`crate::pki::cert::CertFacts::names`] gives them).
pub fn csr_command(host: &str, names: &[String]) -> String {
    let san = |n: &str| {
        if n.starts_with("IP:") {
            n.to_string()
        } else if crate::net::is_ip(n) {
            format!("IP:{}", n.trim_start_matches('[').trim_end_matches(']'))
        } else {
            format!("DNS:{n}")
        }
    };
    let mut sans = vec![san(host)];
    for n in names {
        let s = san(n);
        if !sans.contains(&s) {
            sans.push(s);
        }
    }
    let file = host.replace([':', '[', ']', '*'], "_");
    format!(
        "openssl req -new -newkey rsa:2048 -nodes -keyout {file}.key -out {file}.csr -subj \"/CN={host}\" -addext \"subjectAltName={}\"",
        sans.join(",")
    )
}

/// The "not checked" text for a rule that needs an input the user did not give.
pub(crate) fn missing(input: &'static str, what: &str) -> Applicability {
    Applicability::NotChecked {
        missing: input,
        what: what.to_string(),
    }
}

/// Applicability of a rule that reads rserver.conf only.
pub(crate) fn needs_rserver(d: &DeploymentFacts, consequence: &str) -> Applicability {
    if d.rserver_file().is_some() {
        Applicability::Applies
    } else if d.launcher().is_some() {
        missing("rserver.conf", consequence)
    } else {
        Applicability::Skip
    }
}

/// Applicability of a rule that compares rserver.conf's Launcher settings with launcher.conf.
pub(crate) fn needs_both(d: &DeploymentFacts, consequence: &str) -> Applicability {
    match (d.rserver_file().is_some(), d.launcher().is_some()) {
        (true, true) if d.launcher_in_use() => Applicability::Applies,
        (true, true) => Applicability::Skip,
        (true, false) if d.launcher_in_use() => missing("launcher.conf", consequence),
        (false, true) => missing("rserver.conf", consequence),
        _ => Applicability::Skip,
    }
}

/// Applicability of a rule about a set callback address.
pub(crate) fn needs_callback(d: &DeploymentFacts) -> Applicability {
    match d.rserver() {
        Some(r) if r.is_set("launcher-sessions-callback-address") => Applicability::Applies,
        Some(_) => Applicability::Skip,
        None => needs_rserver(d, "the session callback address"),
    }
}

#[cfg(test)]
mod tests {
    use super::REGISTRY;

    #[test]
    fn a_severity_split_is_always_explained_and_defaults_come_first() {
        for r in REGISTRY {
            let m = r.meta;
            assert_eq!(m.severity, m.severities[0], "{}", m.name);
            assert_eq!(m.channel, m.channels[0], "{}", m.name);
            assert_eq!(
                m.severities.len() > 1,
                !m.severity_when.is_empty(),
                "{}: a rule with several severities says when, and only then",
                m.name
            );
            let mut seen = m.severities.to_vec();
            seen.dedup();
            assert_eq!(seen.len(), m.severities.len(), "{}", m.name);
        }
    }
}
