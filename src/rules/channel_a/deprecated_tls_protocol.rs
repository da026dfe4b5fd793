use crate::config::ConfigFile;
use crate::facts::DeploymentFacts;
use crate::input::config_lines::Entry;
use crate::report::{Fix, FixSafety};
use crate::rules::{
    declare_rule, excerpt, needs_rserver, Applicability, DeploymentRule, Sink, Subject, Violation,
};

declare_rule! {
    /// ## What it checks
    /// The tokens of `ssl-protocols` in rserver.conf. `SSLv2`, `SSLv3`, `TLSv1` and `TLSv1.1` are a
    /// warning; a token that is none of `SSLv2 SSLv3 TLSv1 TLSv1.1 TLSv1.2 TLSv1.3` is an error.
    ///
    /// ## Why it breaks Workbench
    /// SSL 2/3 and TLS 1.0/1.1 are broken or deprecated (RFC 8996); modern browsers refuse them and
    /// security scans flag them. An unknown token (a comma-separated list, `TLS1.2`, `tlsv1.2`) makes
    /// Workbench's web server reject its configuration.
    ///
    /// ## How to fix
    /// Use `ssl-protocols=TLSv1.2 TLSv1.3` (space-separated, exact case). TLS 1.3 needs OpenSSL 1.1.1 or
    /// newer on the server.
    ///
    /// ## References
    /// - Posit Workbench Admin Guide: "Secure Sockets (SSL)", SSL protocols; "Hardening: Set up SSL".
    /// - RFC 8996: Deprecating TLS 1.0 and TLS 1.1.
    pub struct DeprecatedTlsProtocol {
        name: "deprecated-tls-protocol",
        severity: Warning | Error,
        severity_when: "error when `ssl-protocols` has a token rserver does not know",
        channel: A,
        summary: "ssl-protocols allows SSLv2/SSLv3/TLSv1/TLSv1.1, or has an unknown token",
        fix: Always,
    }
}

const OLD: [&str; 4] = ["SSLv2", "SSLv3", "TLSv1", "TLSv1.1"];
const CURRENT: [&str; 2] = ["TLSv1.2", "TLSv1.3"];

impl DeploymentRule for DeprecatedTlsProtocol {
    fn applies(&self, d: &DeploymentFacts) -> Applicability {
        match d.rserver() {
            Some(r) if r.is_set("ssl-protocols") => Applicability::Applies,
            Some(_) => Applicability::Skip,
            None => needs_rserver(d, "TLS protocol versions"),
        }
    }

    fn check(&self, d: &DeploymentFacts, out: &mut Sink) {
        let Some(r) = d.rserver() else { return };
        let Some(entry) = r.explicit("ssl-protocols") else {
            return;
        };
        let at = r.file.at(entry.value_pos);
        let tokens: Vec<&str> = entry.value.split_whitespace().collect();
        let unknown: Vec<&str> = tokens
            .iter()
            .copied()
            .filter(|t| !OLD.contains(t) && !CURRENT.contains(t))
            .collect();
        let old: Vec<&str> = tokens.iter().copied().filter(|t| OLD.contains(t)).collect();
        if !unknown.is_empty() {
            out.report(
                Subject::At(at.clone()),
                BadProtocols {
                    file: r.file,
                    entry,
                    tokens: Tokens::Unknown(unknown),
                },
            );
        }
        if !old.is_empty() {
            out.report(
                Subject::At(at),
                BadProtocols {
                    file: r.file,
                    entry,
                    tokens: Tokens::Deprecated(old),
                },
            );
        }
    }
}

/// `ssl-protocols` tokens that rserver does not know, or that name deprecated protocol versions.
struct BadProtocols<'a> {
    file: &'a ConfigFile,
    entry: &'a Entry,
    tokens: Tokens<'a>,
}

/// Which kind of tokens a finding is about.
enum Tokens<'a> {
    /// Not among `SSLv2 SSLv3 TLSv1 TLSv1.1 TLSv1.2 TLSv1.3`: rserver rejects its configuration.
    Unknown(Vec<&'a str>),
    /// SSL 2/3 and TLS 1.0/1.1.
    Deprecated(Vec<&'a str>),
}

impl Violation for BadProtocols<'_> {
    type Level = Level;
    fn level(&self) -> Level {
        match self.tokens {
            Tokens::Unknown(_) => Level::Error,
            Tokens::Deprecated(_) => Level::Warning,
        }
    }
    fn message(&self) -> String {
        match &self.tokens {
            Tokens::Unknown(unknown) => format!("`ssl-protocols` has unknown token(s) {}: valid tokens are SSLv2 SSLv3 TLSv1 TLSv1.1 TLSv1.2 TLSv1.3, space-separated.", unknown.iter().map(|t| format!("`{}`", excerpt(t))).collect::<Vec<_>>().join(", ")),
            Tokens::Deprecated(old) => format!(
                "`ssl-protocols` allows {}, {} broken or deprecated.",
                old.join(", "),
                if old.len() == 1 {
                    "which is"
                } else {
                    "which are"
                }
            ),
        }
    }
    fn help(&self) -> String {
        "Write `ssl-protocols=TLSv1.2 TLSv1.3`.".into()
    }
    fn fix(&self) -> Option<Fix> {
        // Every client of the last ten years speaks TLS 1.2; the old versions are what the finding is
        // about. Needs review all the same: a very old client would stop connecting.
        crate::edits::fix(
            "Write `ssl-protocols=TLSv1.2 TLSv1.3`",
            FixSafety::NeedsReview,
            vec![crate::edits::replace_value(
                self.file,
                self.entry,
                "TLSv1.2 TLSv1.3",
            )],
        )
    }
}
