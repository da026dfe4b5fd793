use crate::facts::DeploymentFacts;
use crate::report::Severity;
use crate::rules::{declare_rule, excerpt, needs_rserver, Applicability, DeploymentRule, Sink};

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
        // Every client of the last ten years speaks TLS 1.2; the old versions are what the finding is
        // about. Needs review all the same: a very old client would stop connecting.
        let current_only = |f: &mut crate::report::Finding| {
            f.fix = crate::edits::fix(
                "Write `ssl-protocols=TLSv1.2 TLSv1.3`",
                crate::report::FixSafety::NeedsReview,
                vec![crate::edits::replace_value(
                    r.file,
                    entry,
                    "TLSv1.2 TLSv1.3",
                )],
            );
        };
        if !unknown.is_empty() {
            let f = out.emit_with(
                Severity::Error,
                at.clone(),
                format!("`ssl-protocols` has unknown token(s) {}: valid tokens are SSLv2 SSLv3 TLSv1 TLSv1.1 TLSv1.2 TLSv1.3, space-separated.", unknown.iter().map(|t| format!("`{}`", excerpt(t))).collect::<Vec<_>>().join(", ")),
                "Write `ssl-protocols=TLSv1.2 TLSv1.3`.",
            );
            current_only(f);
        }
        if !old.is_empty() {
            let f = out.emit(
                at,
                format!(
                    "`ssl-protocols` allows {}, {} broken or deprecated.",
                    old.join(", "),
                    if old.len() == 1 {
                        "which is"
                    } else {
                        "which are"
                    }
                ),
                "Write `ssl-protocols=TLSv1.2 TLSv1.3`.",
            );
            current_only(f);
        }
    }
}
