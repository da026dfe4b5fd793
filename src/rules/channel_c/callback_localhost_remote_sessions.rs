use crate::config::Settings;
use crate::facts::DeploymentFacts;
use crate::model::RemoteSessions;
use crate::net;
use crate::report::Fix;
use crate::rules::{
    callback, declare_rule, missing, needs_callback, Applicability, DeploymentRule, Sink, Subject,
    Violation,
};

declare_rule! {
    /// ## What it checks
    /// A callback host that is loopback or a wildcard (`localhost`, `127.0.0.1`, `::1`, `0.0.0.0`) while
    /// sessions run on other machines: a `[cluster]` in launcher.conf has `type=Kubernetes` or
    /// `type=Slurm`, or a `launcher.kubernetes.conf`/`launcher.slurm.conf` is given. Without launcher.conf,
    /// a cluster *named* Kubernetes or Slurm in rserver.conf (`launcher-default-cluster`,
    /// `launcher-sessions-clusters`) makes it a warning instead of an error.
    ///
    /// ## Why it breaks Workbench
    /// In a Kubernetes pod or on a Slurm compute node, `localhost` is that pod or node, not the Workbench
    /// server. Session callbacks go nowhere: sessions hang in "Pending"/"Starting", and the Jobs pane and
    /// project sharing fail.
    ///
    /// ## How to fix
    /// Use an address every session host can reach: the URL users type in the browser
    /// (`https://workbench.example.org`), or inside Kubernetes the Workbench Service
    /// (`http://<service>.<namespace>.svc.cluster.local:<port>`). Test it from a session with
    /// `curl -sS "$RS_SERVER_ADDRESS"`.
    ///
    /// ## References
    /// - Posit Workbench Admin Guide: Job Launcher "Configuration" (callback address reachable from
    ///   sessions); Kubernetes and Slurm plugin pages.
    /// - rstudio/rstudio-docker-products#516.
    pub struct CallbackLocalhostRemoteSessions {
        name: "callback-localhost-remote-sessions",
        severity: Error | Warning,
        severity_when: "warning when remote sessions are only suggested (a cluster name, no launcher.conf to confirm its type)",
        channel: C,
        summary: "The callback host is loopback/wildcard while sessions run on other machines",
        fix: Sometimes,
    }
}

fn local_host(d: &DeploymentFacts) -> Option<String> {
    callback(d)?
        .host
        .filter(|h| net::is_loopback(h) || net::is_wildcard(h))
}

impl DeploymentRule for CallbackLocalhostRemoteSessions {
    fn applies(&self, d: &DeploymentFacts) -> Applicability {
        match needs_callback(d) {
            Applicability::Applies if local_host(d).is_none() => Applicability::Skip,
            Applicability::Applies if d.remote_sessions() == RemoteSessions::Unknown => missing(
                "launcher.conf",
                "whether sessions run on other machines (the callback address is loopback)",
            ),
            other => other,
        }
    }

    fn check(&self, d: &DeploymentFacts, out: &mut Sink) {
        let (Some(cb), Some(host)) = (callback(d), local_host(d)) else {
            return;
        };
        let (confirmed, evidence) = match d.remote_sessions() {
            RemoteSessions::Confirmed(e) => (true, e),
            RemoteSessions::Suggested(e) => (false, e),
            RemoteSessions::No | RemoteSessions::Unknown => return,
        };
        let rserver = d.rserver();
        // The URL users type when the inputs give it, else another name the certificate covers: the
        // one value every callback rule proposes.
        let public_url = d.proposed_callback();
        let in_words = d.callback_in_words();
        out.report(
            Subject::At(cb.setting.location()),
            LocalCallback {
                host,
                confirmed,
                evidence,
                public_url,
                in_words,
                rserver,
            },
        );
    }
}

/// A loopback or wildcard callback host while sessions run on other machines.
struct LocalCallback<'a> {
    host: String,
    /// Whether launcher.conf confirms that sessions run elsewhere (else a cluster name suggests it).
    confirmed: bool,
    /// What shows that sessions run elsewhere.
    evidence: String,
    /// The URL users type, when the inputs give the public host name.
    public_url: Option<String>,
    /// The advice every callback rule gives when no right URL is known.
    in_words: String,
    rserver: Option<Settings<'a>>,
}

impl Violation for LocalCallback<'_> {
    type Level = Level;
    fn level(&self) -> Level {
        if self.confirmed {
            Level::Error
        } else {
            Level::Warning
        }
    }
    fn message(&self) -> String {
        let host = &self.host;
        let evidence = if self.confirmed {
            self.evidence.clone()
        } else {
            format!(
                "{} (launcher.conf not provided to confirm its type)",
                self.evidence
            )
        };
        format!("Sessions call back to `{host}`, but {evidence}: there, `{host}` is the session's own pod or node, not Workbench.")
    }
    fn help(&self) -> String {
        match &self.public_url {
            Some(url) => {
                format!("Write `launcher-sessions-callback-address={url}`, the URL users type.")
            }
            None => self.in_words.clone(),
        }
    }
    fn fix(&self) -> Option<Fix> {
        let (Some(url), Some(r)) = (&self.public_url, &self.rserver) else {
            return None;
        };
        crate::edits::callback_fix(r, url, ", the URL users type")
    }
}
