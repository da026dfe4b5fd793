use crate::catalog::{self, ConfigKind, Touches};
use crate::config::ConfigFile;
use crate::facts::{DeploymentFacts, Facts};
use crate::input::config_lines::Entry;
use crate::report::{Channel, Location};
use crate::rules::{declare_rule, Applicability, ModelRule, Sink, Subject, Violation};

use super::{is_template, needs_two_nodes};

declare_rule! {
    /// ## What it checks
    /// Every Workbench file given for two or more nodes of a cluster (rserver.conf, launcher.conf,
    /// load-balancer, jupyter.conf, vscode.conf, positron.conf, the Launcher plugins' files) sets the
    /// same values on every node, compared with the first node. The options that name the node itself
    /// are left out: `www-host-name` in load-balancer, `www-address` and `www-port` in rserver.conf. So
    /// are values with a template's variables (`$HOST`, `{{ ip }}`), which are filled in on each node.
    /// launcher.conf is compared section by section (`[server]`, each `[cluster]` by its name). A file
    /// given for one node only is not compared.
    ///
    /// ## Why it breaks Workbench
    /// The nodes share users, sessions and the cluster's record of the protocol in use: a user's next
    /// request may land on any node. A node with SSL, a callback address, a Launcher address or port of
    /// its own serves some users differently from the others, or does not come online: the cluster
    /// records the protocol (`http`, `https`), and a node that disagrees is left out. Other differences
    /// (authentication, limits, paths) make the same user see a different Workbench depending on the
    /// node the load balancer picked.
    ///
    /// ## How to fix
    /// Make `/etc/rstudio` identical on every node (copy it from one node, or keep it in configuration
    /// management), except `www-host-name`, `www-address` and `www-port`. After changing SSL settings,
    /// run `rstudio-server reset-cluster`, then restart every node.
    ///
    /// ## References
    /// - Posit Workbench Admin Guide: Load Balancing, "Configuration" ("the configuration should be
    ///   identical on all nodes", except the node's own address).
    pub struct LbConfigDiffers {
        name: "lb-config-differs",
        severity: Warning | Error,
        severity_when: "error when the setting changes a channel: SSL, the callback, the Launcher's address, port or SSL",
        channel: D | A | B | C,
        summary: "a setting differs between the nodes of a cluster",
    }
}

/// The options that name the node itself, and so differ by design.
const NODE_OWN: [(ConfigKind, &str); 3] = [
    (ConfigKind::LoadBalancer, "www-host-name"),
    (ConfigKind::Rserver, "www-address"),
    (ConfigKind::Rserver, "www-port"),
];

impl ModelRule for LbConfigDiffers {
    fn applies(&self, facts: &Facts) -> Applicability {
        needs_two_nodes(facts, "whether the nodes' settings are identical")
    }

    fn check(&self, facts: &Facts, out: &mut Sink) {
        let nodes = facts.nodes();
        let Some(((first_node, first), others)) = nodes.split_first() else {
            return;
        };
        for (node, d) in others {
            for (a, b) in paired_files(first, d) {
                let (left, right) = (values(a), values(b));
                let keys = left
                    .iter()
                    .map(|v| (&v.0, &v.1))
                    .chain(right.iter().map(|v| (&v.0, &v.1)));
                let mut seen: Vec<(&String, &String)> = Vec::new();
                for (scope, key) in keys {
                    if seen.contains(&(scope, key)) || NODE_OWN.contains(&(a.kind, key.as_str())) {
                        continue;
                    }
                    seen.push((scope, key));
                    let (l, r) = (find(&left, scope, key), find(&right, scope, key));
                    if l.map(|e| &e.value) == r.map(|e| &e.value)
                        || [l, r].iter().flatten().any(|e| is_template(&e.value))
                    {
                        continue;
                    }
                    let touches = catalog::lookup(a.kind, key).map(|o| o.touches);
                    let channel = match touches {
                        // load-balancer's own options bear on the traffic between the nodes.
                        Some(t) if a.kind == ConfigKind::LoadBalancer && t != Touches::None => {
                            Channel::D
                        }
                        Some(Touches::A | Touches::AB | Touches::AC) => Channel::A,
                        Some(Touches::B | Touches::BC) => Channel::B,
                        Some(Touches::C) => Channel::C,
                        // The rest is the cluster's own business: filed with channel d.
                        _ => Channel::D,
                    };
                    let at = match r {
                        Some(e) => b.entry_location(e),
                        None => Location::file(&b.name),
                    };
                    out.report(
                        Subject::AtOnChannel(at, channel),
                        Differs {
                            key,
                            scope,
                            first: (&first_node.called(), a, l),
                            other: (&node.called(), b, r),
                            channel,
                            changes_a_channel: touches.is_some_and(|t| t != Touches::None),
                        },
                    );
                }
            }
        }
    }
}

/// The files two nodes both have, by kind (a Launcher plugin's file by its plugin).
fn paired_files<'m>(
    a: &DeploymentFacts<'m>,
    b: &DeploymentFacts<'m>,
) -> Vec<(&'m ConfigFile, &'m ConfigFile)> {
    let files = |d: &DeploymentFacts<'m>| -> Vec<&'m ConfigFile> {
        let dep = d.deployment;
        [dep.rserver, dep.launcher, dep.load_balancer]
            .into_iter()
            .flatten()
            .chain(dep.session_confs.iter().copied())
            .chain(dep.plugin_confs.iter().copied())
            .map(|i| &d.model.configs[i])
            .collect()
    };
    let theirs = files(b);
    files(a)
        .into_iter()
        .filter_map(|x| Some((x, *theirs.iter().find(|y| y.kind == x.kind)?)))
        .collect()
}

/// Each setting of a file as (scope, key, the entry in effect): the last line for a key wins, as
/// rserver reads it; launcher.conf's sections by name (`[cluster] Kubernetes`).
fn values(file: &ConfigFile) -> Vec<(String, String, &Entry)> {
    let mut out: Vec<(String, String, &Entry)> = Vec::new();
    for e in &file.parsed.entries {
        let scope = match file.section_of(e) {
            Some("cluster") => {
                let name = file
                    .parsed
                    .entries
                    .iter()
                    .find(|x| x.section == e.section && x.key == "name")
                    .map(|x| x.value.as_str())
                    .unwrap_or("");
                format!("[cluster] {name}")
            }
            Some(s) => format!("[{s}]"),
            None => String::new(),
        };
        out.retain(|(s, k, _)| !(s == &scope && k == &e.key));
        out.push((scope, e.key.clone(), e));
    }
    out
}

fn find<'e>(v: &[(String, String, &'e Entry)], scope: &str, key: &str) -> Option<&'e Entry> {
    v.iter().find(|x| x.0 == scope && x.1 == key).map(|x| x.2)
}

/// One setting with different values on two nodes.
struct Differs<'a> {
    key: &'a str,
    scope: &'a str,
    first: (&'a str, &'a ConfigFile, Option<&'a Entry>),
    other: (&'a str, &'a ConfigFile, Option<&'a Entry>),
    channel: Channel,
    /// Whether the setting bears on a channel (else it is the cluster's own business, filed with d).
    changes_a_channel: bool,
}

impl Differs<'_> {
    fn side(&self, (node, file, e): (&str, &ConfigFile, Option<&Entry>)) -> String {
        match e {
            Some(e) => format!("`{}` on {node} ({}:{})", e.value, file.name, e.key_pos.line),
            None => format!("not set on {node} ({})", file.name),
        }
    }
}

impl Violation for Differs<'_> {
    type Level = Level;
    fn level(&self) -> Level {
        if self.changes_a_channel {
            Level::Error
        } else {
            Level::Warning
        }
    }
    fn message(&self) -> String {
        let scope = if self.scope.is_empty() {
            String::new()
        } else {
            format!(" {}", self.scope)
        };
        let effect = if self.channel == Channel::None {
            "the same user sees a different Workbench depending on the node the load balancer picks"
                .to_string()
        } else {
            format!(
                "it changes channel {} on one node only, so users are served differently, or the node does not join the cluster",
                self.channel.as_str()
            )
        };
        format!(
            "`{}` in {}{scope} differs between nodes: {}, {}; {effect}.",
            self.key,
            crate::input::base_name(&self.first.1.name),
            self.side(self.first),
            self.side(self.other)
        )
    }
    fn help(&self) -> String {
        let line = match self.first.2 {
            Some(e) => format!("`{}={}`", self.key, e.value),
            None => format!("no `{}` line", self.key),
        };
        format!(
            "Make every node's {} the same: {line} as on {}, or the other way round (only `www-host-name`, `www-address` and `www-port` name the node and may differ).",
            crate::input::base_name(&self.first.1.name),
            self.first.0
        )
    }
    fn related(&self) -> Vec<Location> {
        match self.first.2 {
            Some(e) => vec![self.first.1.entry_location(e)],
            None => vec![Location::file(&self.first.1.name)],
        }
    }
}
