use crate::catalog::ConfigKind;
use crate::config::ConfigFile;
use crate::rules::{declare_rule, Applicability, FileRule, Sink, Subject, Violation};

declare_rule! {
    /// ## What it checks
    /// `verify-ssl-certs=0` in a `load-balancer` file.
    ///
    /// ## Why it breaks Workbench
    /// With SSL on the nodes, rserver on one node forwards users' traffic to the node that runs their
    /// session over HTTPS (channel d). `verify-ssl-certs=0` makes it accept any certificate there: the
    /// traffic is encrypted but not authenticated, so anything on the network between the nodes can
    /// pose as a node and read users' sessions. Posit documents it for testing with self-signed node
    /// certificates only. The cluster also records the protocol (`https no verify`), so every node must
    /// agree on it, and changing it needs `rstudio-server reset-cluster`.
    ///
    /// ## How to fix
    /// Give each node a certificate that names its `www-host-name` (its IP address too with
    /// `resolve-load-balancer-nodes=1`), issued by a CA in every node's system trust store. Then delete
    /// `verify-ssl-certs=0` from `load-balancer` on every node, and run `rstudio-server reset-cluster`
    /// before restarting them.
    ///
    /// ## References
    /// - Posit Workbench Admin Guide: Load Balancing, "Configuration" (`verify-ssl-certs`: "only for
    ///   testing"; SSL between nodes).
    /// - Posit Workbench Admin Guide: Load Balancing, `rstudio-server reset-cluster`.
    pub struct LbVerifyDisabled {
        name: "lb-verify-disabled",
        severity: Warning,
        channel: D,
        summary: "verify-ssl-certs=0 in load-balancer: nodes do not verify each other's certificates",
    }
}

impl FileRule for LbVerifyDisabled {
    fn applies(&self, file: &ConfigFile) -> Applicability {
        if file.kind == ConfigKind::LoadBalancer {
            Applicability::Applies
        } else {
            Applicability::Skip
        }
    }

    fn check(&self, file: &ConfigFile, out: &mut Sink) {
        let s = file.settings();
        if s.explicit("verify-ssl-certs").is_some() && !s.flag("verify-ssl-certs") {
            out.report(Subject::At(s.get("verify-ssl-certs").location()), VerifyOff);
        }
    }
}

/// `verify-ssl-certs=0` in load-balancer.
struct VerifyOff;

impl Violation for VerifyOff {
    type Level = Level;
    fn level(&self) -> Level {
        Level::Warning
    }
    fn message(&self) -> String {
        "`verify-ssl-certs=0`: the nodes do not verify each other's certificates, so traffic between them is encrypted but anything on that network can pose as a node.".into()
    }
    fn help(&self) -> String {
        "Give each node a certificate for its `www-host-name` from a CA the nodes trust, delete `verify-ssl-certs=0` on every node, and run `rstudio-server reset-cluster` (keep it only for testing).".into()
    }
}
