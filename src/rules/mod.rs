//! The rule engine: every rule in one file of its group, all listed in [`REGISTRY`].
//!
//! A rule answers two questions separately (zlint's split): *does it apply* to these inputs
//! ([`Applicability`]), and *did it pass*. A rule that cannot be decided from what the user gave stays
//! silent and leaves a "not checked" note instead of guessing.

use crate::config::ConfigFile;
use crate::facts::{DeploymentFacts, Facts};
use crate::input::ClassifiedInput;
use crate::report::{Channel, Finding, Location, Severity};

pub mod certificates;
pub mod channel_a;
pub mod channel_b;
pub mod channel_c;
pub mod cluster;
pub mod files;
pub mod keys;
pub mod kubernetes;
pub mod served;
pub mod syntax;

mod registry;
pub use registry::{ENGINE_LIMITS, REGISTRY};

// Shared facts the rules read (they live in the facts layer, computed once).
pub use crate::base::{excerpt, looks_secret, shown_line};
pub(crate) use crate::facts::{
    callback, direct_url, effective_www_port, front_signs, is_own_address,
};

/// A rule's identity and documentation. `docs` is the rule's doc comment, captured by
/// `declare_rule!`, so the CLI's `--explain`, the page and docs/rules.md all show the same text.
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
    /// Whether the rule's findings carry a machine-applicable edit (ruff's fix availability).
    pub fix: FixAvailability,
    docs_raw: &'static str,
}

/// Whether a rule's findings carry an edit of a config file that `--fix` and the page can apply.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FixAvailability {
    /// Never: the fix is in words (a command to run, a certificate to get).
    None,
    /// For some findings: when the right value can be known from the inputs.
    Sometimes,
    /// For every finding.
    Always,
}

impl FixAvailability {
    pub fn as_str(self) -> &'static str {
        match self {
            FixAvailability::None => "none",
            FixAvailability::Sometimes => "sometimes",
            FixAvailability::Always => "always",
        }
    }
}

impl RuleMeta {
    #[doc(hidden)]
    pub const fn new(
        name: &'static str,
        severities: &'static [Severity],
        severity_when: &'static str,
        channels: &'static [Channel],
        summary: &'static str,
        fix: FixAvailability,
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
            fix,
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

    /// The channels for people: "a, b", "not tied to one channel", "a, b, c, or not tied to one
    /// channel" (never `-`, the id of findings on no channel).
    pub fn channel_words(&self) -> String {
        let named: Vec<&str> = self
            .channels
            .iter()
            .filter(|c| **c != Channel::None)
            .map(|c| c.as_str())
            .collect();
        let none = self.channels.contains(&Channel::None);
        match (named.is_empty(), none) {
            (true, _) => "not tied to one channel".to_string(),
            (false, false) => named.join(", "),
            (false, true) => format!("{}, or not tied to one channel", named.join(", ")),
        }
    }
}

/// Declares a rule: a unit struct whose doc comment is its documentation, plus its [`RuleMeta`].
/// `severity: Warning | Error` lists every severity the rule emits (the default first), with
/// `severity_when` saying when it departs from the default; `channel: A | B | C` likewise.
macro_rules! declare_rule {
    (@fix) => { $crate::rules::FixAvailability::None };
    (@fix $fix:ident) => { $crate::rules::FixAvailability::$fix };
    (
        $(#[doc = $doc:literal])*
        pub struct $name:ident {
            name: $rule:literal,
            severity: $sev:ident $(| $more_sev:ident)*,
            $(severity_when: $when:literal,)?
            channel: $ch:ident $(| $more_ch:ident)*,
            summary: $summary:literal
            $(, fix: $fix:ident)? $(,)?
        }
    ) => {
        $(#[doc = $doc])*
        pub struct $name;

        /// The severities this rule declares, and no other: a finding's [`crate::rules::Violation::level`]
        /// is one of these, so it cannot depart from the declaration in any build.
        #[allow(dead_code)]
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        pub enum Level {
            $sev $(, $more_sev)*
        }

        impl From<Level> for $crate::report::Severity {
            fn from(level: Level) -> $crate::report::Severity {
                match level {
                    Level::$sev => $crate::report::Severity::$sev,
                    $(Level::$more_sev => $crate::report::Severity::$more_sev,)*
                }
            }
        }

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
                $crate::rules::declare_rule!(@fix $($fix)?),
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

/// A finding as a rule found it: the values it found, from which its severity, message, help, related
/// places and fix are derived, in one place per rule (ruff's violations, biome's rule state). A rule
/// hands one to [`Sink::report`] with its [`Subject`], which decides the finding's place and channel.
pub trait Violation {
    /// The rule's own [`Level`](crate::rules::syntax::quoted_value::Level) type (made by
    /// `declare_rule!`), so only a declared severity can be returned.
    type Level: Into<Severity>;
    fn level(&self) -> Self::Level;
    fn message(&self) -> String;
    fn help(&self) -> String;
    /// Other places that bear on the finding (the setting on the other side of a mismatch).
    fn related(&self) -> Vec<Location> {
        Vec::new()
    }
    /// The machine-applicable edit, when the rule declares fixes.
    fn fix(&self) -> Option<crate::report::Fix> {
        None
    }
}

/// A [`Violation`] as the sink reads it, without its `Level` type: object-safe, so that
/// [`Sink::report`] hands every rule's violation to one non-generic function.
trait Described {
    fn severity(&self) -> Severity;
    fn message(&self) -> String;
    fn help(&self) -> String;
    fn related(&self) -> Vec<Location>;
    fn fix(&self) -> Option<crate::report::Fix>;
}

impl<V: Violation> Described for V {
    fn severity(&self) -> Severity {
        self.level().into()
    }
    fn message(&self) -> String {
        Violation::message(self)
    }
    fn help(&self) -> String {
        Violation::help(self)
    }
    fn related(&self) -> Vec<Location> {
        Violation::related(self)
    }
    fn fix(&self) -> Option<crate::report::Fix> {
        Violation::fix(self)
    }
}

/// What a finding is about. Its channel follows from it, never from the emit site.
pub enum Subject<'a> {
    /// A place in a config file, or an input as a whole: on the rule's declared channel.
    At(Location),
    /// A place in a config file, on the channel the setting there bears on (one of the rule's).
    AtOnChannel(Location, Channel),
    /// A certificate or key file, at one of its blocks: on the channel the file's role serves (the
    /// rule's channel when the role serves none).
    File(&'a crate::pki::PkiFile, Location),
    /// A file that a setting names for `role` (given or not): on the channel that role serves.
    Role(crate::pki::Role, Location),
    /// A certificate of a configured chain: on the channel its role serves, or for a trusted CA file
    /// the channel whose verdict ends at it.
    Chain(&'a Facts<'a>, &'a crate::pki::PkiFile, Location),
    /// What a channel's client made of a chain: on the verdict's channel.
    Verdict(&'a crate::facts::ChainVerdict, Location),
    /// What was observed at an endpoint: at the pasted input (with the endpoint's setting related),
    /// or at the setting the probe dialled; on the endpoint's channel.
    Served(
        &'a crate::facts::Served,
        &'a crate::input::observation::Observation,
    ),
}

impl Subject<'_> {
    /// The finding's place, channel and the places the subject itself relates.
    fn resolve(self, rule_channel: Channel) -> (Location, Channel, Vec<Location>) {
        let role_channel = |role: crate::pki::Role| match role.channel() {
            Channel::None => rule_channel,
            ch => ch,
        };
        match self {
            Subject::At(at) => (at, rule_channel, Vec::new()),
            Subject::AtOnChannel(at, channel) => (at, channel, Vec::new()),
            Subject::File(file, at) => (at, role_channel(file.role), Vec::new()),
            Subject::Role(role, at) => (at, role_channel(role), Vec::new()),
            Subject::Chain(facts, file, at) => (at, facts.chain_channel(file), Vec::new()),
            Subject::Verdict(v, at) => (at, v.channel, Vec::new()),
            Subject::Served(s, o) => match &o.input {
                Some(name) => (
                    Location::file(name),
                    s.endpoint.channel,
                    vec![s.endpoint.at.clone()],
                ),
                None => (s.endpoint.at.clone(), s.endpoint.channel, Vec::new()),
            },
        }
    }
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

    /// The findings this rule reported so far (a rule that reports once per file asks).
    pub fn reported(&self) -> Vec<&Finding> {
        self.findings
            .iter()
            .filter(|f| f.rule == self.meta.name)
            .collect()
    }

    /// Reports a finding: the one way a rule emits.
    pub fn report<V: Violation>(&mut self, subject: Subject, violation: V) {
        // Generic only as far as handing the violation on: the rest is one function for every
        // rule, so the module does not carry a copy of it per rule (measured: 5 KiB raw).
        self.push(subject, &violation);
    }

    fn push(&mut self, subject: Subject, violation: &dyn Described) {
        let severity = violation.severity();
        let (message, help, fix) = (violation.message(), violation.help(), violation.fix());
        let (at, channel, mut places) = subject.resolve(self.meta.channel);
        places.extend(violation.related());
        // Declared severities are enforced by the types (`Level`); a channel comes from the subject,
        // and the fix availability is declared by hand: the tests of every fixture check both.
        debug_assert!(
            self.meta.severities.contains(&severity),
            "{} reported a severity it does not declare",
            self.meta.name
        );
        debug_assert!(
            self.meta.channels.contains(&channel),
            "{} reported on channel {}, which it does not declare",
            self.meta.name,
            channel.as_str()
        );
        debug_assert!(
            fix.is_none() || self.meta.fix != FixAvailability::None,
            "{} carries a fix but declares none",
            self.meta.name
        );
        self.findings.push(Finding {
            rule: self.meta.name.to_string(),
            severity,
            channel,
            file: at.file,
            line: at.line,
            column: at.column,
            block: at.block,
            message,
            help,
            related: places,
            fix,
            step: None,
        });
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
