use crate::config::Setting;
use crate::facts::Facts;
use crate::pki::hostname::{self, HostMatch};
use crate::pki::Role;
use crate::rules::{csr_command, declare_rule, Applicability, ModelRule, Sink, Subject, Violation};

use super::is_template;

declare_rule! {
    /// ## What it checks
    /// With SSL on the nodes of a cluster (`ssl-enabled=1`), each node's certificate covers the name
    /// the other nodes dial it by: its `www-host-name` in `load-balancer` (a `host:port` value is read
    /// as the host). With `resolve-load-balancer-nodes=1` the nodes dial the address that name resolves
    /// to, so the certificate must name IP addresses: it fires when it names none, or when
    /// `www-host-name` is an IP address the certificate does not name. A node without
    /// `www-host-name`, or with a template value, is left out (its name is the machine's, which the
    /// files do not show).
    ///
    /// ## Why it breaks Workbench
    /// rserver on one node forwards a user to the node that runs their session (channel d), and checks
    /// that node's certificate for the name it dials, as a browser would. A certificate issued for the
    /// public name only (the load balancer's) does not cover `node2.example.org`: the node refuses the
    /// connection, and users whose sessions run on another node cannot reach them. Posit's guide
    /// warns that `resolve-load-balancer-nodes` "breaks SSL" unless the IPs are in the certificates.
    ///
    /// ## How to fix
    /// Give each node a certificate whose subjectAltName has its `www-host-name` (and the public name
    /// users type, when the load balancer passes TLS through), plus its IP address with
    /// `resolve-load-balancer-nodes=1`. The command in the finding makes a key and a request with those
    /// names for your CA. `verify-ssl-certs=0` in `load-balancer` hides the problem for testing only.
    ///
    /// ## References
    /// - Posit Workbench Admin Guide: Load Balancing, "Configuration" (`www-host-name`, SSL between
    ///   nodes, `verify-ssl-certs`).
    /// - Posit Workbench Admin Guide: Load Balancing, "Balancing methods" (`resolve-load-balancer-nodes`).
    pub struct LbNodeCertName {
        name: "lb-node-cert-name",
        severity: Error,
        channel: D,
        summary: "a node's certificate does not cover the name the other nodes dial it by",
    }
}

impl ModelRule for LbNodeCertName {
    fn applies(&self, facts: &Facts) -> Applicability {
        let ssl = facts
            .nodes()
            .iter()
            .any(|(_, d)| d.rserver().is_some_and(|r| r.flag("ssl-enabled")));
        if ssl {
            Applicability::Applies
        } else {
            Applicability::Skip
        }
    }

    fn check(&self, facts: &Facts, out: &mut Sink) {
        for (node, d) in facts.nodes() {
            let Some(addr) = d.node_address() else {
                continue;
            };
            let Some(host) = addr.host.as_ref().filter(|h| !is_template(&h.value)) else {
                continue;
            };
            if !addr.tls {
                continue;
            }
            let Some(leaf) = facts
                .model
                .file_for(d.deployment, Role::RserverCertificate)
                .and_then(|f| f.leaf())
            else {
                continue;
            };
            let name = crate::net::split_host_port(&host.value).0;
            let ip = crate::net::is_ip(name);
            let miss = if addr.by_ip && !ip {
                leaf.ip_sans.is_empty().then_some(Miss::NoIp)
            } else {
                (hostname::matches(leaf, name) == HostMatch::No).then_some(Miss::Name)
            };
            if let Some(miss) = miss {
                out.report(
                    Subject::At(host.location()),
                    NodeCertName {
                        node: &node.called(),
                        name,
                        host,
                        miss,
                        cert: leaf.short_name(),
                        names: leaf.names(),
                    },
                );
            }
        }
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Miss {
    /// The certificate does not name `www-host-name`.
    Name,
    /// The nodes dial IP addresses and the certificate names none.
    NoIp,
}

/// A node's certificate that does not cover how the other nodes dial it.
struct NodeCertName<'a> {
    node: &'a str,
    name: &'a str,
    host: &'a Setting<'a>,
    miss: Miss,
    cert: String,
    names: Vec<String>,
}

impl Violation for NodeCertName<'_> {
    type Level = Level;
    fn level(&self) -> Level {
        Level::Error
    }
    fn message(&self) -> String {
        let names = if self.names.is_empty() {
            "no subjectAltName".to_string()
        } else {
            self.names.join(", ")
        };
        match self.miss {
            Miss::Name => format!(
                "The other nodes dial {} at `{}` ({}), but its certificate `{}` names {names}: they refuse the connection, and users whose sessions run on {} cannot reach them.",
                self.node, self.name, self.host.describe(), self.cert, self.node
            ),
            Miss::NoIp => format!(
                "With `resolve-load-balancer-nodes=1` the other nodes dial {} by the IP address of `{}`, but its certificate `{}` names no IP address ({names}): they refuse the connection.",
                self.node, self.name, self.cert
            ),
        }
    }
    fn help(&self) -> String {
        match self.miss {
            Miss::Name => format!(
                "Give {} a certificate that names `{}`: {}",
                self.node,
                self.name,
                csr_command(self.name, &self.names)
            ),
            Miss::NoIp => format!(
                "Add {}'s IP address to its certificate's subjectAltName (`IP:…`), or set `resolve-load-balancer-nodes=0` so the nodes dial `{}` by name.",
                self.node, self.name
            ),
        }
    }
}
