use crate::catalog::{self, ConfigKind};
use crate::facts::Facts;
use crate::rules::{declare_rule, excerpt, Applicability, ModelRule, Sink};

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

// A model rule rather than a file rule: its fix inserts the line into the right file, when that file
// (in the same folder) is among the inputs.
impl ModelRule for OptionInWrongFile {
    fn applies(&self, _model: &Facts) -> Applicability {
        Applicability::Applies
    }

    fn check(&self, model: &Facts, out: &mut Sink) {
        for file in &model.configs {
            check_file(model, file, out);
        }
    }
}

fn check_file(model: &Facts, file: &crate::config::ConfigFile, out: &mut Sink) {
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
        let scope = match homes.first().copied() {
            Some(ConfigKind::Launcher) => catalog::options(ConfigKind::Launcher)
                .iter()
                .find(|o| o.name == e.key)
                .map(|o| o.scope),
            _ => None,
        };
        let section = match scope {
            Some(catalog::Scope::Cluster) => " (in a [cluster] section)",
            Some(_) => " (in the [server] section)",
            None => "",
        };
        let f = out.emit(
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
        // Moved when there is one home, given next to this file, and one place in it: rserver.conf
        // or launcher.conf's [server] (a [cluster] option would need a choice of cluster).
        let [home] = homes.as_slice() else { continue };
        let Some(target_file) = model.configs.iter().find(|c| {
            c.kind == *home
                && crate::model::folder_of(&c.name) == crate::model::folder_of(&file.name)
        }) else {
            continue;
        };
        let insert = match (home, scope) {
            (ConfigKind::Rserver, _) => {
                crate::edits::add_entry(target_file, None, &e.key, &e.value)
            }
            (ConfigKind::Launcher, Some(catalog::Scope::Server)) => {
                crate::edits::add_entry(target_file, Some("server"), &e.key, &e.value)
            }
            _ => None,
        };
        // Already there: the line here only goes.
        let present = target_file.parsed.entries.iter().any(|o| o.key == e.key);
        let mut edits = vec![crate::edits::delete_entry(file, e)];
        if !present {
            let Some(insert) = insert else { continue };
            edits.push(insert);
        }
        f.fix = crate::edits::fix(
            format!(
                "Move `{}={}` to {}{section}",
                e.key,
                excerpt(&e.value),
                target_file.name
            ),
            crate::report::FixSafety::NeedsReview,
            edits,
        );
    }
}
