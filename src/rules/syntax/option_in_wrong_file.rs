use crate::catalog::{self, ConfigKind};
use crate::config::ConfigFile;
use crate::rules::{declare_rule, excerpt, FileRule, Sink};

declare_rule! {
    /// ## What it checks
    /// An option that this file type does not know but another Workbench file does: `enable-ssl` or
    /// `certificate-file` in rserver.conf (they belong in launcher.conf), `launcher-use-ssl` or
    /// `ssl-enabled` in launcher.conf (they belong in rserver.conf), `default-session-cluster` in
    /// rserver.conf (jupyter.conf, vscode.conf), and so on. The message names the right file.
    ///
    /// ## Why it breaks Workbench
    /// rserver and the Launcher reject options they do not know, so the service refuses to start; and
    /// even where a file tolerated it, the setting would have no effect where it is. Mixing up
    /// `ssl-enabled` (rserver) and `enable-ssl` (launcher) is one of the most common SSL mistakes.
    ///
    /// ## How to fix
    /// Move the line to the file named in the message (keeping the right section in launcher.conf),
    /// then restart: `sudo rstudio-server restart` and `sudo rstudio-launcher restart`.
    ///
    /// ## References
    /// - Posit Workbench Admin Guide: rserver.conf reference, launcher.conf reference,
    ///   Job Launcher "Configuration".
    pub struct OptionInWrongFile {
        name: "option-in-wrong-file",
        severity: Error,
        channel: None,
        summary: "An option belongs to another Workbench config file",
    }
}

impl FileRule for OptionInWrongFile {
    fn check(&self, file: &ConfigFile, out: &mut Sink) {
        for e in &file.parsed.entries {
            if (file.kind == ConfigKind::Rserver && e.section.is_some())
                || catalog::lookup(file.kind, &e.key).is_some()
            {
                continue;
            }
            let homes = catalog::other_homes(file.kind, &e.key);
            if homes.is_empty() {
                continue;
            }
            let names: Vec<&str> = homes.iter().map(|k| k.file_name()).collect();
            let target = names.join(" or ");
            let section = match homes.first().copied() {
                Some(ConfigKind::Launcher) => catalog::options(ConfigKind::Launcher)
                    .iter()
                    .find(|o| o.name == e.key)
                    .map(|o| {
                        if o.scope == catalog::Scope::Cluster {
                            " (in a [cluster] section)"
                        } else {
                            " (in the [server] section)"
                        }
                    })
                    .unwrap_or(""),
                _ => "",
            };
            out.emit(
                file.entry_location(e),
                format!(
                    "`{}` is a {target} option, not a {} option.",
                    e.key,
                    file.kind.file_name()
                ),
                format!(
                    "Move `{}={}` to {target}{section}.",
                    e.key,
                    excerpt(&e.value)
                ),
            );
        }
    }
}
