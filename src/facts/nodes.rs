//! The nodes of a load-balanced cluster, as the cluster rules and channel d read them: each node's
//! deployment, the name other nodes dial it by, and the settings that decide how they dial.

use super::{DeploymentFacts, Facts};
use crate::config::Setting;
use crate::model::DeploymentView;
use crate::model::Node;

/// How the other nodes reach one node (channel d): rserver proxies to `www-host-name` (the node's
/// `load-balancer` file), at rserver's own scheme and port, or to the address that name resolves to
/// with `resolve-load-balancer-nodes=1` (Admin Guide, "Load Balancing": Configuration).
#[derive(Clone, Debug)]
pub struct NodeAddress<'m> {
    /// `www-host-name`, when the node's load-balancer file sets it. Unset, rserver uses the
    /// machine's own host name, which the files do not show.
    pub host: Option<Setting<'m>>,
    /// `resolve-load-balancer-nodes=1`: the nodes dial the resolved IP address, not the name.
    pub by_ip: bool,
    pub tls: bool,
    pub port: u16,
}

impl NodeAddress<'_> {
    /// `https://node1.example.org:8787`, or `None` when the host is not known.
    pub fn url(&self) -> Option<String> {
        // `www-host-name=10.0.0.5:8787` is seen on real nodes: the port written there is the one dialled.
        let (host, port) = crate::net::split_host_port(&self.host.as_ref()?.value);
        let port = port.and_then(|p| p.parse().ok()).unwrap_or(self.port);
        let scheme = if self.tls { "https" } else { "http" };
        Some(crate::net::url(
            scheme,
            host,
            (port != crate::net::default_port(scheme)).then_some(port),
        ))
    }
}

/// Channel d's endpoints: each node at its `www-host-name` and Workbench's port, as the other nodes
/// dial it (what `wb-ssl-check probe` dials too). Nodes whose name is not known, or a template's, have
/// none.
pub fn node_endpoints(model: &crate::model::Model) -> Vec<super::Endpoint> {
    let Some(lb) = &model.load_balancing else {
        return Vec::new();
    };
    let views: Vec<DeploymentView> = model.deployment_views().collect();
    lb.nodes
        .iter()
        .filter_map(|n| {
            let d = &views[n.deployment];
            let addr = d.node_address()?;
            let setting = addr.host.as_ref()?;
            if setting.value.contains(['$', '{', '%']) {
                return None;
            }
            let (host, port) = crate::net::split_host_port(&setting.value);
            let r = d.rserver()?;
            Some(super::Endpoint {
                channel: crate::base::Channel::D,
                host: Some(host.to_string()),
                dial: host.to_string(),
                port: port.and_then(|p| p.parse().ok()).unwrap_or(addr.port),
                tls: addr.tls,
                tls_from: r.get("ssl-enabled").describe(),
                from: setting.describe(),
                at: setting.location(),
            })
        })
        .collect()
}

impl<'m> Facts<'m> {
    /// Each node of the cluster with its deployment's facts; empty without a cluster.
    pub fn nodes(&self) -> Vec<(&'m Node, DeploymentFacts<'_>)> {
        let Some(lb) = &self.model.load_balancing else {
            return Vec::new();
        };
        let views: Vec<_> = self.model.deployment_views().collect();
        lb.nodes
            .iter()
            .map(|n| {
                (
                    n,
                    DeploymentFacts {
                        facts: self,
                        view: views[n.deployment],
                    },
                )
            })
            .collect()
    }
}

impl<'f> DeploymentView<'f> {
    /// How the other nodes reach this one; `None` without rserver.conf.
    pub fn node_address(&self) -> Option<NodeAddress<'f>> {
        let r = self.rserver()?;
        let host = self
            .deployment
            .load_balancer
            .map(|i| self.model.configs[i].settings().get("www-host-name"))
            .filter(|s| !s.value.is_empty());
        Some(NodeAddress {
            host,
            by_ip: r.flag("resolve-load-balancer-nodes"),
            tls: r.flag("ssl-enabled"),
            port: super::effective_www_port(&r).0,
        })
    }
}
