use crate::catalog::ConfigKind;
use crate::config::ConfigFile;
use crate::report::Location;
use crate::rules::{declare_rule, FileRule, Sink, Subject, Violation};

declare_rule! {
    /// ## What it checks
    /// launcher.conf must have one `[server]` section and at least one `[cluster]` section (in any order).
    ///
    /// ## Why it breaks Workbench
    /// Without `[server]` the Launcher has no address, port or server user; without a `[cluster]` it has
    /// no plugin to start sessions or jobs with, and Workbench's Launcher sessions fail to launch.
    ///
    /// ## How to fix
    /// Add the missing section. The smallest working file is:
    ///
    /// ```ini
    /// [server]
    /// address=127.0.0.1
    /// port=5559
    /// server-user=rstudio-server
    /// admin-group=rstudio-server
    ///
    /// [cluster]
    /// name=Local
    /// type=Local
    /// ```
    ///
    /// ## References
    /// - Posit Workbench Admin Guide: Job Launcher "Configuration".
    pub struct MissingSection {
        name: "missing-section",
        severity: Error,
        channel: B,
        summary: "launcher.conf has no [server] or no [cluster] section",
    }
}

impl FileRule for MissingSection {
    fn check(&self, file: &ConfigFile, out: &mut Sink) {
        if file.kind != ConfigKind::Launcher {
            return;
        }
        for (section, what) in [
            ("server", "the Launcher's address, port and user"),
            (
                "cluster",
                "a plugin (Local, Kubernetes or Slurm) to run sessions",
            ),
        ] {
            if !file.parsed.sections.iter().any(|s| s.name == section) {
                out.report(
                    Subject::At(Location::file(&file.name)),
                    Missing { section, what },
                );
            }
        }
    }
}

/// A section launcher.conf needs and does not have.
struct Missing {
    /// `server` or `cluster`.
    section: &'static str,
    /// What the section would define.
    what: &'static str,
}

impl Violation for Missing {
    type Level = Level;
    fn level(&self) -> Level {
        Level::Error
    }
    fn message(&self) -> String {
        format!(
            "launcher.conf has no `[{}]` section, so nothing defines {}.",
            self.section, self.what
        )
    }
    fn help(&self) -> String {
        if self.section == "server" {
            "Add a `[server]` section with at least `address=`, `port=`, `server-user=` and `admin-group=`.".to_string()
        } else {
            "Add a cluster, e.g. `[cluster]`, `name=Local`, `type=Local` on three lines."
                .to_string()
        }
    }
}
