//! Load-balanced Workbench: which deployments are the nodes of one cluster, and what each node holds
//! that the cluster rules compare (Posit Workbench Admin Guide, "Load Balancing").
//!
//! Folders given together are the nodes of one cluster when any of them has a `load-balancer` file or
//! sets `load-balancing-enabled=1` (the guide: load balancing is on when `/etc/rstudio/load-balancer`
//! exists); otherwise they stay separate servers. One such folder alone is a cluster with one node
//! known.

use super::{folder_of, Deployment};
use crate::catalog;
use crate::config::ConfigFile;
use crate::input::{self, config_lines, ClassifiedInput, Input, InputKind};

/// The nodes of one load-balanced Workbench.
#[derive(Clone, Debug)]
pub struct LoadBalancing {
    /// In folder order; the first is the node the channel cards describe.
    pub nodes: Vec<Node>,
    /// What makes these folders one cluster, as `` `file` `` or `` `key=value` (file:line) ``.
    pub signs: Vec<String>,
}

/// One node: a deployment (its folder's files) and the node's own files the rules compare.
#[derive(Clone, Debug)]
pub struct Node {
    /// Index into [`super::Model::deployments`].
    pub deployment: usize,
    /// The node's name for people: its folder's last part (`node1`), the whole folder when those
    /// collide, else its `www-host-name`, else "this node".
    pub name: String,
    pub database: Option<DatabaseConf>,
    pub cookie_key: Option<CookieKey>,
}

impl Node {
    /// The node in a sentence: `node2` for a folder already called so, else `node server-b`.
    pub fn called(&self) -> String {
        if self.name.to_ascii_lowercase().starts_with("node") {
            self.name.clone()
        } else {
            format!("node {}", self.name)
        }
    }
}

/// What a node's `database.conf` says about the database (the file is otherwise not checked here).
#[derive(Clone, Debug)]
pub struct DatabaseConf {
    pub file: String,
    /// `provider`'s value and line; `None` when not set, which means SQLite, Workbench's default.
    pub provider: Option<(String, u32)>,
}

/// A secure-cookie-key file given as an input. Only a digest of the key is kept: it is compared
/// between nodes and never shown.
#[derive(Clone, Debug)]
pub struct CookieKey {
    pub file: String,
    pub digest: [u8; 32],
}

/// The cluster the deployments form, if any. Deployments that share a folder (files that could not be
/// paired) are never nodes: nothing says which files run together.
pub(super) fn find(
    configs: &[ConfigFile],
    deployments: &[Deployment],
    classified: &[ClassifiedInput],
    inputs: &[Input],
) -> Option<LoadBalancing> {
    fn folder(d: &Deployment) -> &str {
        &d.folder
    }
    let mut folders: Vec<&str> = deployments.iter().map(folder).collect();
    folders.dedup();
    if folders.len() != deployments.len() || deployments.iter().any(|d| d.rserver.is_none()) {
        return None;
    }
    let signs: Vec<String> = deployments
        .iter()
        .filter_map(|d| {
            if let Some(lb) = d.load_balancer {
                return Some(format!("`{}` given", configs[lb].name));
            }
            let r = &configs[d.rserver?];
            let e = r.settings().explicit("load-balancing-enabled")?;
            catalog::parse_bool(&e.value)?.then(|| {
                format!(
                    "`load-balancing-enabled={}` ({}:{})",
                    e.value, r.name, e.key_pos.line
                )
            })
        })
        .collect();
    if signs.is_empty() {
        return None;
    }
    let last_part = |f: &str| f.rsplit(['/', '\\']).next().unwrap_or(f).to_string();
    let mut short: Vec<String> = deployments.iter().map(|d| last_part(folder(d))).collect();
    let collide = short
        .iter()
        .enumerate()
        .any(|(i, s)| short[..i].contains(s) || s.is_empty());
    if collide {
        short = deployments.iter().map(|d| folder(d).to_string()).collect();
    }
    let nodes = deployments
        .iter()
        .zip(short)
        .enumerate()
        .map(|(i, (d, name))| {
            let r = d.rserver.map(|i| configs[i].settings());
            // Files of this node's folder, by base name: the default name or the one a setting gives.
            let named = |setting: &str, default: &str| {
                let wanted = r
                    .as_ref()
                    .and_then(|r| r.value(setting))
                    .map(input::base_name)
                    .unwrap_or(default)
                    .to_string();
                classified.iter().zip(inputs).find(move |(c, _)| {
                    folder_of(&c.name) == d.folder
                        && input::base_name(&c.name) == wanted
                        && !matches!(c.kind, InputKind::TooLarge | InputKind::Unreadable(_))
                })
            };
            let database = named("database-config-file", "database.conf").map(|(c, i)| {
                let parsed = config_lines::parse(&input::decode(&i.bytes).0);
                DatabaseConf {
                    file: c.name.clone(),
                    provider: parsed
                        .entries
                        .iter()
                        .rev()
                        .find(|e| e.key == "provider")
                        .map(|e| (e.value.clone(), e.key_pos.line)),
                }
            });
            // Trimmed: a key written with or without a final newline is one key.
            let cookie_key = named("secure-cookie-key-file", "secure-cookie-key").map(|(c, i)| {
                use sha2::Digest;
                CookieKey {
                    file: c.name.clone(),
                    digest: sha2::Sha256::digest(i.bytes.trim_ascii()).into(),
                }
            });
            let name = if name.is_empty() {
                d.load_balancer
                    .and_then(|lb| configs[lb].settings().value("www-host-name"))
                    .map(str::to_string)
                    .unwrap_or_else(|| "this node".into())
            } else {
                name
            };
            Node {
                deployment: i,
                name,
                database,
                cookie_key,
            }
        })
        .collect();
    Some(LoadBalancing { nodes, signs })
}
