use crate::catalog::{self, ConfigKind};
use crate::config::ConfigFile;
use crate::facts::Facts;
use crate::input::config_lines::Entry;
use crate::report::{Fix, FixSafety};
use crate::rules::{declare_rule, excerpt, Applicability, ModelRule, Sink, Subject, Violation};

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
        fix: Sometimes,
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

fn check_file(model: &Facts, file: &ConfigFile, out: &mut Sink) {
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
        let scope = match homes.first().copied() {
            Some(ConfigKind::Launcher) => catalog::options(ConfigKind::Launcher)
                .iter()
                .find(|o| o.name == e.key)
                .map(|o| o.scope),
            _ => None,
        };
        // The file the option moves to: its one home, given next to this file.
        let target = match homes.as_slice() {
            [home] => model.configs.iter().find(|c| {
                c.kind == *home
                    && crate::model::folder_of(&c.name) == crate::model::folder_of(&file.name)
            }),
            _ => None,
        };
        out.report(
            Subject::At(file.entry_location(e)),
            WrongFile {
                file,
                entry: e,
                homes,
                scope,
                target,
            },
        );
    }
}

/// An option written in a file that is not its home.
struct WrongFile<'a> {
    file: &'a ConfigFile,
    entry: &'a Entry,
    /// The files the option belongs to.
    homes: Vec<ConfigKind>,
    /// Where in launcher.conf it belongs, when that is its first home.
    scope: Option<catalog::Scope>,
    /// The one home's file, when given in the same folder.
    target: Option<&'a ConfigFile>,
}

impl WrongFile<'_> {
    /// The home files' names, "rserver.conf or launcher.conf".
    fn target_names(&self) -> String {
        let names: Vec<&str> = self.homes.iter().map(|k| k.file_name()).collect();
        names.join(" or ")
    }

    /// The section the option goes in, in words, or nothing.
    fn section(&self) -> &'static str {
        match self.scope {
            Some(catalog::Scope::Cluster) => " (in a [cluster] section)",
            Some(_) => " (in the [server] section)",
            None => "",
        }
    }
}

impl Violation for WrongFile<'_> {
    type Level = Level;
    fn level(&self) -> Level {
        Level::Error
    }
    fn message(&self) -> String {
        // "an rserver.conf option", "a launcher.conf option".
        let a = |name: &str| {
            if name.starts_with(['a', 'e', 'i', 'o', 'r']) {
                "an"
            } else {
                "a"
            }
        };
        let (target, here) = (self.target_names(), self.file.kind.file_name());
        format!(
            "`{}` is {} {target} option, not {} {here} option.",
            self.entry.key,
            a(&target),
            a(here)
        )
    }
    fn help(&self) -> String {
        format!(
            "Move `{}={}` to {}{}.",
            self.entry.key,
            excerpt(&self.entry.value),
            self.target_names(),
            self.section()
        )
    }
    fn fix(&self) -> Option<Fix> {
        // Moved when there is one home, given next to this file, and one place in it: rserver.conf
        // or launcher.conf's [server] (a [cluster] option would need a choice of cluster).
        let target_file = self.target?;
        let e = self.entry;
        let insert = match (target_file.kind, self.scope) {
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
        let mut edits = vec![crate::edits::delete_entry(self.file, e)];
        if !present {
            edits.push(insert?);
        }
        crate::edits::fix(
            format!(
                "Move `{}={}` to {}{}",
                e.key,
                excerpt(&e.value),
                target_file.name,
                self.section()
            ),
            FixSafety::NeedsReview,
            edits,
        )
    }
}
