use crate::config::{ConfigFile, Settings};
use crate::facts::DeploymentFacts;
use crate::report::Location;
use crate::rules::{
    declare_rule, missing, Applicability, DeploymentRule, Sink, Subject, Violation,
};

declare_rule! {
    /// ## What it checks
    /// Every cluster name that another file refers to exists as a `[cluster]` `name` in launcher.conf:
    /// `launcher-default-cluster`, each entry of `launcher-sessions-clusters` and `launcher-adhoc-clusters`
    /// in rserver.conf, and `default-session-cluster` / `session-clusters` in jupyter.conf, vscode.conf
    /// and positron.conf. Names are compared exactly; a name that differs only in case is pointed out.
    ///
    /// ## Why it breaks Workbench
    /// A reference to a cluster the Launcher does not have leaves users with a cluster in the list that
    /// every launch fails on (an error), or with no default cluster. When only the default is unknown and
    /// `launcher-sessions-clusters` (or `session-clusters`) lists clusters that all exist, users still
    /// pick from that list, so it is a warning.
    ///
    /// ## How to fix
    /// Use one of the names defined in launcher.conf (the message lists them), or add the missing
    /// `[cluster]`. Then `sudo rstudio-server restart`.
    ///
    /// ## References
    /// - Posit Workbench Admin Guide: Job Launcher "Configuration" (rserver.conf launcher options),
    ///   Jupyter and VS Code session configuration.
    pub struct UnknownClusterReference {
        name: "unknown-cluster-reference",
        severity: Error | Warning,
        severity_when: "warning when only the default (`launcher-default-cluster`, `default-session-cluster`) is unknown and the list of clusters offered names only defined ones",
        channel: B,
        summary: "A cluster name used in rserver/jupyter/vscode config is not a [cluster] in launcher.conf",
    }
}

const RSERVER_KEYS: [&str; 3] = [
    "launcher-default-cluster",
    "launcher-sessions-clusters",
    "launcher-adhoc-clusters",
];
const SESSION_KEYS: [&str; 2] = ["default-session-cluster", "session-clusters"];

/// Every (file, settings, key) that names clusters in this deployment.
fn references<'m>(d: &DeploymentFacts<'m>) -> Vec<(&'m ConfigFile, Settings<'m>, &'static str)> {
    let mut refs = Vec::new();
    if let Some(r) = d.rserver_file() {
        refs.extend(
            RSERVER_KEYS
                .iter()
                .filter(|k| r.settings().is_set(k))
                .map(|k| (r, r.settings(), *k)),
        );
    }
    for s in d.session_confs() {
        refs.extend(
            SESSION_KEYS
                .iter()
                .filter(|k| s.settings().is_set(k))
                .map(|k| (s, s.settings(), *k)),
        );
    }
    refs
}

impl DeploymentRule for UnknownClusterReference {
    fn applies(&self, d: &DeploymentFacts) -> Applicability {
        if references(d).is_empty() {
            Applicability::Skip
        } else if d.launcher().is_none() {
            missing(
                "launcher.conf",
                "the cluster names used by rserver.conf/jupyter.conf/vscode.conf",
            )
        } else {
            Applicability::Applies
        }
    }

    fn check(&self, d: &DeploymentFacts, out: &mut Sink) {
        let Some(launcher) = d.launcher() else { return };
        let defined = launcher.cluster_names();
        for (file, settings, key) in references(d) {
            let Some(entry) = settings.explicit(key) else {
                continue;
            };
            for name in entry
                .value
                .split(',')
                .map(str::trim)
                .filter(|n| !n.is_empty())
            {
                if defined.contains(&name) {
                    continue;
                }
                // A default that names no cluster, next to a list of clusters that all exist, only
                // loses its preselection: users still pick from the list.
                let list_key = match key {
                    "launcher-default-cluster" => Some("launcher-sessions-clusters"),
                    "default-session-cluster" => Some("session-clusters"),
                    _ => None,
                };
                let list_is_fine = list_key.and_then(|k| settings.value(k)).is_some_and(|v| {
                    v.split(',')
                        .map(str::trim)
                        .filter(|n| !n.is_empty())
                        .all(|n| defined.contains(&n))
                });
                out.report(
                    Subject::At(file.entry_location(entry)),
                    UnknownCluster {
                        key,
                        name,
                        defined: &defined,
                        fine_list: list_key.filter(|_| list_is_fine),
                        launcher: &launcher.file.name,
                    },
                );
            }
        }
    }
}

/// A cluster name that launcher.conf does not define.
struct UnknownCluster<'a> {
    /// The setting that names it.
    key: &'static str,
    name: &'a str,
    /// The clusters launcher.conf defines.
    defined: &'a [&'a str],
    /// For a default cluster, the list of clusters offered when it names only defined ones.
    fine_list: Option<&'static str>,
    /// launcher.conf's name.
    launcher: &'a str,
}

impl Violation for UnknownCluster<'_> {
    type Level = Level;
    fn level(&self) -> Level {
        if self.fine_list.is_some() {
            Level::Warning
        } else {
            Level::Error
        }
    }
    fn message(&self) -> String {
        let (key, name) = (self.key, self.name);
        let hint = match self.defined.iter().find(|d| d.eq_ignore_ascii_case(name)) {
            Some(d) => format!(" It differs only in case from `{d}`."),
            None => String::new(),
        };
        let consequence = match self.fine_list {
            Some(list_key) => {
                format!(" Users can still pick from `{list_key}`, but nothing is preselected.")
            }
            None => String::new(),
        };
        format!(
            "`{key}` names the cluster `{name}`, but launcher.conf defines {}.{hint}{consequence}",
            list(self.defined)
        )
    }
    fn help(&self) -> String {
        let (key, name) = (self.key, self.name);
        match self.defined.first() {
            Some(first) => format!("Use a defined name, e.g. `{key}={first}`, or add a `[cluster]` named `{name}` to launcher.conf."),
            None => format!("Add a `[cluster]` named `{name}` to launcher.conf."),
        }
    }
    fn related(&self) -> Vec<Location> {
        vec![Location::file(self.launcher)]
    }
}

fn list(names: &[&str]) -> String {
    if names.is_empty() {
        "no cluster".to_string()
    } else {
        format!(
            "only {}",
            names
                .iter()
                .map(|n| format!("`{n}`"))
                .collect::<Vec<_>>()
                .join(", ")
        )
    }
}
