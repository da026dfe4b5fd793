use crate::facts::DeploymentFacts;
use crate::model::RemoteSessions;
use crate::rules::{
    declare_rule, needs_rserver, Applicability, DeploymentRule, Sink, Subject, Violation,
};

declare_rule! {
    /// ## What it checks
    /// `session-ssl-enabled=0` in rserver.conf while sessions run on other hosts: launcher.conf has a
    /// Kubernetes or Slurm cluster, or a Kubernetes/Slurm plugin file is given. With only Local sessions
    /// the traffic stays on the machine and the rule is silent; without launcher.conf it is not checked.
    ///
    /// ## Why it breaks Workbench
    /// Channel c has two directions. Sessions call back to rserver (the callback address), and rserver
    /// proxies every browser request for a session to the session's host. Since RStudio Server Pro 1.4
    /// that second direction is encrypted by default, with certificates Workbench provisions per session.
    /// `session-ssl-enabled=0` turns it off: the IDE's traffic, including what users type and the data
    /// they see, then crosses the cluster network in clear text between rserver and the pods or compute
    /// nodes, even when browsers reach Workbench over HTTPS.
    ///
    /// ## How to fix
    /// Remove `session-ssl-enabled=0` (the default is on). If it was turned off because sessions failed
    /// to start, look at the session image or node instead: it must be able to write the session's
    /// certificate to its scratch directory.
    ///
    /// ## References
    /// - Posit Workbench Admin Guide: Access and Security, "Secure Sockets (SSL)", session SSL.
    pub struct SessionSslDisabled {
        name: "session-ssl-disabled",
        severity: Warning,
        channel: C,
        summary: "session-ssl-enabled=0 with sessions on other hosts: rserver ⇄ session traffic is in clear text",
    }
}

impl DeploymentRule for SessionSslDisabled {
    fn applies(&self, d: &DeploymentFacts) -> Applicability {
        let Some(r) = d.rserver() else {
            return needs_rserver(d, "rserver ⇄ session encryption");
        };
        // On by default (catalog default 1): off only when set so.
        if r.flag("session-ssl-enabled") {
            return Applicability::Skip;
        }
        match d.remote_sessions() {
            RemoteSessions::Confirmed(_) => Applicability::Applies,
            RemoteSessions::No => Applicability::Skip,
            RemoteSessions::Suggested(_) | RemoteSessions::Unknown => Applicability::NotChecked {
                missing: "launcher.conf",
                what: "whether `session-ssl-enabled=0` leaves traffic to sessions on other hosts in clear text".into(),
            },
        }
    }

    fn check(&self, d: &DeploymentFacts, out: &mut Sink) {
        let Some(r) = d.rserver() else { return };
        let RemoteSessions::Confirmed(evidence) = d.remote_sessions() else {
            return;
        };
        out.report(
            Subject::At(r.get("session-ssl-enabled").location()),
            ClearText { evidence },
        );
    }
}

/// Session traffic in clear text to sessions on other hosts.
struct ClearText {
    /// What shows that sessions run on other hosts.
    evidence: String,
}

impl Violation for ClearText {
    type Level = Level;
    fn level(&self) -> Level {
        Level::Warning
    }
    fn message(&self) -> String {
        format!("`session-ssl-enabled=0`, and sessions run on other hosts ({}): the traffic rserver proxies to them, everything users type and see in the IDE, crosses the network in clear text.", self.evidence)
    }
    fn help(&self) -> String {
        "Remove `session-ssl-enabled=0`; Workbench then encrypts rserver ⇄ session traffic with certificates it provisions.".into()
    }
}
