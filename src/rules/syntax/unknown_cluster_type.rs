use crate::catalog::ConfigKind;
use crate::config::ConfigFile;
use crate::model::LauncherView;
use crate::rules::{declare_rule, excerpt, FileRule, Sink, Subject, Violation};

use crate::catalog::CLUSTER_TYPES as TYPES;

declare_rule! {
    /// ## What it checks
    /// A `[cluster]` whose `type` is not one of the plugin types Posit ships, `Local`, `Kubernetes` and
    /// `Slurm` (exact case), and that names no `exe` for a custom plugin.
    ///
    /// ## Why it breaks Workbench
    /// The Launcher picks the plugin by `type`. An unknown type (`SLURM`, `k8s`, a typo) means no plugin
    /// is found and the Launcher fails to start ("If any configured Plugin fails to bootstrap correctly,
    /// the Launcher will fail to start").
    ///
    /// ## How to fix
    /// Write the type exactly as `Local`, `Kubernetes` or `Slurm`; for a third-party plugin, add
    /// `exe=/path/to/plugin` to the section.
    ///
    /// ## References
    /// - Posit Workbench Admin Guide: Job Launcher "Configuration"; Kubernetes and Slurm plugin pages.
    pub struct UnknownClusterType {
        name: "unknown-cluster-type",
        severity: Warning,
        channel: B,
        summary: "A [cluster] type is not Local, Kubernetes or Slurm (exact case) and has no exe",
    }
}

impl FileRule for UnknownClusterType {
    fn check(&self, file: &ConfigFile, out: &mut Sink) {
        if file.kind != ConfigKind::Launcher {
            return;
        }
        for cluster in LauncherView::new(file).clusters {
            let Some(entry) = cluster
                .settings
                .explicit("type")
                .filter(|e| !e.value.is_empty())
            else {
                continue;
            };
            if TYPES.contains(&entry.value.as_str()) || cluster.settings.is_set("exe") {
                continue;
            }
            out.report(
                Subject::At(file.at(entry.value_pos)),
                UnknownType {
                    value: &entry.value,
                    meant: TYPES
                        .iter()
                        .copied()
                        .find(|t| t.eq_ignore_ascii_case(&entry.value)),
                },
            );
        }
    }
}

/// A cluster `type` that is no plugin type Posit ships, in a cluster without `exe`.
struct UnknownType<'a> {
    value: &'a str,
    /// The plugin type it differs from only in case.
    meant: Option<&'static str>,
}

impl Violation for UnknownType<'_> {
    type Level = Level;
    fn level(&self) -> Level {
        Level::Warning
    }
    fn message(&self) -> String {
        match self.meant {
            Some(t) => format!("`type={}`: cluster types are case-sensitive; the plugin type is `{t}`.", self.value),
            None => format!("`type={}` is not a plugin type Posit ships (Local, Kubernetes, Slurm) and the cluster names no `exe`.", excerpt(self.value)),
        }
    }
    fn help(&self) -> String {
        match self.meant {
            Some(t) => format!("Write `type={t}`."),
            None => "Use `type=Local`, `type=Kubernetes` or `type=Slurm`, or add `exe=` with the path of the custom plugin.".to_string(),
        }
    }
}
