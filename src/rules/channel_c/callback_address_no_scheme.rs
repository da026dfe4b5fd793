use crate::config::Settings;
use crate::facts::DeploymentFacts;
use crate::net::UrlProblem;
use crate::report::Fix;
use crate::rules::{
    callback, declare_rule, direct_url, excerpt, needs_callback, Applicability, DeploymentRule,
    Sink, Subject, Violation,
};

declare_rule! {
    /// ## What it checks
    /// `launcher-sessions-callback-address` must be a URL that starts with `http://` or `https://` and
    /// has a host (and, if given, a port from 1 to 65535).
    ///
    /// ## Why it breaks Workbench
    /// Sessions use the value as the base URL of their requests to Workbench. A bare host such as
    /// `127.0.0.1` gives no scheme and no port, so sessions cannot build a working URL and the Jobs pane,
    /// project sharing and other callback features fail.
    ///
    /// ## How to fix
    /// Write the full URL users type in the browser, e.g.
    /// `launcher-sessions-callback-address=https://workbench.example.org` or
    /// `launcher-sessions-callback-address=http://workbench.example.org:8787`.
    ///
    /// ## References
    /// - Posit Workbench Admin Guide: Job Launcher "Configuration" (an HTTP or HTTPS address).
    /// - Posit troubleshooting: "Validating the launcher-sessions-callback-address in Posit Workbench".
    pub struct CallbackAddressNoScheme {
        name: "callback-address-no-scheme",
        severity: Error,
        channel: C,
        summary: "launcher-sessions-callback-address is not an http:// or https:// URL",
        fix: Sometimes,
    }
}

impl DeploymentRule for CallbackAddressNoScheme {
    fn applies(&self, d: &DeploymentFacts) -> Applicability {
        needs_callback(d)
    }

    fn check(&self, d: &DeploymentFacts, out: &mut Sink) {
        let (Some(cb), Some(r)) = (callback(d), d.rserver()) else {
            return;
        };
        let Err(problem) = &cb.url else { return };
        out.report(
            Subject::At(cb.setting.location()),
            NotAUrl {
                value: &cb.setting.value,
                problem,
                host: cb.host.as_deref(),
                proposed: d.proposed_callback(),
                in_words: (d.callback_host_must_change() || cb.host.is_none())
                    .then(|| d.callback_in_words()),
                rserver: r,
            },
        );
    }
}

/// A callback address that does not read as an http or https URL.
struct NotAUrl<'a> {
    value: &'a str,
    problem: &'a UrlProblem,
    /// The host, when one can be read from the value.
    host: Option<&'a str>,
    /// The value every callback rule proposes for the line, when one is known.
    proposed: Option<String>,
    /// The shared advice in words, when the host must change (or is not known) and no right one is.
    in_words: Option<String>,
    rserver: Settings<'a>,
}

impl Violation for NotAUrl<'_> {
    type Level = Level;
    fn level(&self) -> Level {
        Level::Error
    }
    fn message(&self) -> String {
        let why = match self.problem {
            UrlProblem::NoScheme => "it has no `http://` or `https://`".to_string(),
            UrlProblem::OtherScheme(s) => format!("`{s}://` is not http or https"),
            UrlProblem::NoHost => "it has no host".to_string(),
            UrlProblem::BadPort(p) => format!("`{}` is not a port (1-65535)", excerpt(p)),
        };
        format!(
            "`launcher-sessions-callback-address={}` is not a URL sessions can use: {why}.",
            excerpt(self.value)
        )
    }
    fn help(&self) -> String {
        match (&self.proposed, &self.in_words, self.host) {
            (Some(url), _, _) => format!("Write `launcher-sessions-callback-address={url}`."),
            (None, Some(words), _) => words.clone(),
            (None, None, host) => format!(
                "Write `launcher-sessions-callback-address={}`.",
                direct_url(&self.rserver, host.unwrap_or_default())
            ),
        }
    }
    fn fix(&self) -> Option<Fix> {
        let url = match (&self.proposed, &self.in_words) {
            (Some(url), _) => url.clone(),
            (None, Some(_)) => return None,
            (None, None) => direct_url(&self.rserver, self.host?),
        };
        crate::edits::callback_fix(&self.rserver, &url, ", rserver's own scheme and port")
    }
}
