use crate::catalog::ConfigKind;
use crate::config::ConfigFile;
use crate::model::LauncherView;
use crate::rules::{declare_rule, FileRule, Sink, Subject, Violation};

declare_rule! {
    /// ## What it checks
    /// Every `[cluster]` section of launcher.conf has a `name` and a `type`.
    ///
    /// ## Why it breaks Workbench
    /// The Launcher cannot load a plugin without its type, and rserver, jupyter.conf and vscode.conf refer
    /// to clusters by name. A cluster without them makes the Launcher fail to start or leaves the cluster
    /// unusable.
    ///
    /// ## How to fix
    /// Add the missing line(s) to the section, for example `name=Local` and `type=Local`.
    ///
    /// ## References
    /// - Posit Workbench Admin Guide: Job Launcher "Configuration", `[cluster]` options.
    pub struct ClusterIncomplete {
        name: "cluster-incomplete",
        severity: Error,
        channel: B,
        summary: "A launcher.conf [cluster] lacks name or type",
    }
}

impl FileRule for ClusterIncomplete {
    fn check(&self, file: &ConfigFile, out: &mut Sink) {
        if file.kind != ConfigKind::Launcher {
            return;
        }
        for cluster in LauncherView::new(file).clusters {
            let missing: Vec<&'static str> = ["name", "type"]
                .into_iter()
                .filter(|k| !cluster.settings.is_set(k))
                .collect();
            if !missing.is_empty() {
                out.report(
                    Subject::At(file.at(cluster.header)),
                    Incomplete {
                        line: cluster.header.line,
                        missing,
                    },
                );
            }
        }
    }
}

/// A `[cluster]` section without `name`, `type` or both.
struct Incomplete {
    /// The line of the `[cluster]` header.
    line: u32,
    /// The keys it lacks.
    missing: Vec<&'static str>,
}

impl Violation for Incomplete {
    type Level = Level;
    fn level(&self) -> Level {
        Level::Error
    }
    fn message(&self) -> String {
        format!(
            "The `[cluster]` on line {} has no {}.",
            self.line,
            self.missing
                .iter()
                .map(|k| format!("`{k}`"))
                .collect::<Vec<_>>()
                .join(" and ")
        )
    }
    fn help(&self) -> String {
        format!(
            "Add {} to this section.",
            self.missing
                .iter()
                .map(|k| format!("`{k}=...`"))
                .collect::<Vec<_>>()
                .join(" and ")
        )
    }
}
