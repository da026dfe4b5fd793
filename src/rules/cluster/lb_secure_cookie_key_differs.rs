use crate::facts::Facts;
use crate::report::Location;
use crate::rules::{declare_rule, Applicability, ModelRule, Sink, Subject, Violation};

use super::{is_template, needs_two_nodes};

declare_rule! {
    /// ## What it checks
    /// The `secure-cookie-key` files given for the nodes of a cluster (in each node's folder, under
    /// that name or the one `secure-cookie-key-file` gives) hold the same key. Only digests of the keys
    /// are compared; no key is ever shown. Silent when every node's `secure-cookie-key-file` names the
    /// same path on shared storage (outside `/etc/rstudio` and `/var/lib/rstudio-server`): that is one
    /// file.
    ///
    /// ## Why it breaks Workbench
    /// The secure cookie key signs users' sign-in cookies and rserver's requests to the Launcher. A
    /// user signed in through one node carries a cookie that another node must accept; with different
    /// keys the other node rejects it and the user is signed out, or sent round in a sign-in loop,
    /// whenever the load balancer picks another node. The cluster records the key's hash, and a node
    /// whose key differs does not come online.
    ///
    /// ## How to fix
    /// Copy one node's key to every node (`/etc/rstudio/secure-cookie-key`, mode 0600, owned by root),
    /// or point `secure-cookie-key-file` at one copy on shared storage on every node, in rserver.conf
    /// and launcher.conf alike. Then restart the nodes.
    ///
    /// ## References
    /// - Posit Workbench Admin Guide: Load Balancing, "Configuration" (the same secure-cookie-key on
    ///   every node).
    /// - Posit Workbench Admin Guide: Job Launcher "Configuration" (secure-cookie-key).
    pub struct LbSecureCookieKeyDiffers {
        name: "lb-secure-cookie-key-differs",
        severity: Error,
        channel: D,
        summary: "the nodes of a cluster have different secure cookie keys",
    }
}

impl ModelRule for LbSecureCookieKeyDiffers {
    fn applies(&self, facts: &Facts) -> Applicability {
        needs_two_nodes(facts, "whether the nodes share one secure-cookie-key")
    }

    fn check(&self, facts: &Facts, out: &mut Sink) {
        let nodes = facts.nodes();
        // One path on shared storage on every node: one file, whatever copies were given.
        let paths: Vec<Option<String>> = nodes
            .iter()
            .map(|(_, d)| {
                d.rserver()
                    .and_then(|r| r.value("secure-cookie-key-file").map(str::to_string))
            })
            .collect();
        let node_local =
            |p: &str| p.starts_with("/etc/rstudio") || p.starts_with("/var/lib/rstudio-server");
        if let Some(Some(first)) = paths.first() {
            if !node_local(first)
                && !is_template(first)
                && paths.iter().all(|p| p.as_deref() == Some(first))
            {
                return;
            }
        }
        let keys: Vec<(String, &crate::model::load_balancing::CookieKey)> = nodes
            .iter()
            .filter_map(|(n, _)| Some((n.called(), n.cookie_key.as_ref()?)))
            .collect();
        let Some((first_node, first)) = keys.first() else {
            return;
        };
        for (node, key) in &keys[1..] {
            if key.digest != first.digest {
                out.report(
                    Subject::At(Location::file(&key.file)),
                    KeysDiffer {
                        nodes: (first_node, node),
                        files: (&first.file, &key.file),
                    },
                );
            }
        }
    }
}

/// Two nodes' secure-cookie-key files with different contents.
struct KeysDiffer<'a> {
    nodes: (&'a str, &'a str),
    files: (&'a str, &'a str),
}

impl Violation for KeysDiffer<'_> {
    type Level = Level;
    fn level(&self) -> Level {
        Level::Error
    }
    fn message(&self) -> String {
        format!(
            "Different secure cookie keys on {} and {} (`{}` and `{}`, compared by digest): users are signed out whenever the load balancer sends them to the other node, and a node whose key differs does not join the cluster.",
            self.nodes.0, self.nodes.1, self.files.0, self.files.1
        )
    }
    fn help(&self) -> String {
        format!(
            "Copy {}'s secure-cookie-key to every node (mode 0600, owned by root), or point `secure-cookie-key-file` at one file on shared storage on every node; then restart them.",
            self.nodes.0
        )
    }
    fn related(&self) -> Vec<Location> {
        vec![Location::file(self.files.0)]
    }
}
