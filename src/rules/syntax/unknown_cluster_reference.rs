use crate::config::{ConfigFile, Settings};
use crate::model::DeploymentView;
use crate::rules::{declare_rule, missing, Applicability, DeploymentRule, Sink};

declare_rule! {
    /// ## What it checks
    /// Every cluster name that another file refers to exists as a `[cluster]` `name` in launcher.conf:
    /// `launcher-default-cluster`, each entry of `launcher-sessions-clusters` and `launcher-adhoc-clusters`
    /// in rserver.conf, and `default-session-cluster` / `session-clusters` in jupyter.conf, vscode.conf
    /// and positron.conf. Names are compared exactly; a name that differs only in case is pointed out.
    ///
    /// ## Why it breaks Workbench
    /// A reference to a cluster the Launcher does not have leaves users with no default cluster, or with
    /// a cluster in the list that every launch fails on.
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
        severity: Error,
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
fn references<'m>(d: &DeploymentView<'m>) -> Vec<(&'m ConfigFile, Settings<'m>, &'static str)> {
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
    fn applies(&self, d: &DeploymentView) -> Applicability {
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

    fn check(&self, d: &DeploymentView, out: &mut Sink) {
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
                let hint = match defined.iter().find(|d| d.eq_ignore_ascii_case(name)) {
                    Some(d) => format!(" It differs only in case from `{d}`."),
                    None => String::new(),
                };
                let f = out.emit(
                    file.entry_location(entry),
                    format!("`{key}` names the cluster `{name}`, but launcher.conf defines {}.{hint}", list(&defined)),
                    match defined.first() {
                        Some(first) => format!("Use a defined name, e.g. `{key}={first}`, or add a `[cluster]` named `{name}` to launcher.conf."),
                        None => format!("Add a `[cluster]` named `{name}` to launcher.conf."),
                    },
                );
                f.related
                    .push(crate::report::Location::file(&launcher.file.name));
            }
        }
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
