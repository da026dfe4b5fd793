use crate::catalog::ConfigKind;
use crate::config::ConfigFile;
use crate::input::config_lines::Entry;
use crate::report::{Fix, FixSafety};
use crate::rules::{declare_rule, FileRule, Sink, Subject, Violation};

declare_rule! {
    /// ## What it checks
    /// Settings in launcher.conf above the first `[server]` or `[cluster]` header. (Posit's own "example
    /// secure configuration" prints `enable-ssl`, `certificate-file` and `certificate-key-file` this way.)
    ///
    /// ## Why it breaks Workbench
    /// The Launcher reads settings by section; keys outside one are not `[server]` settings to it, so
    /// `enable-ssl=1` may have no effect or stop the Launcher. wb-ssl-check reads them as `[server]`
    /// settings, which is almost always what was meant, so the other checks stay useful.
    ///
    /// ## How to fix
    /// Put `[server]` on a line of its own above them.
    ///
    /// ## References
    /// - Posit Workbench Admin Guide: Job Launcher "Configuration" (`[server]` and `[cluster]` sections).
    pub struct OptionOutsideSection {
        name: "option-outside-section",
        severity: Warning,
        channel: None,
        summary: "A launcher.conf setting comes before any [server]/[cluster] header",
        fix: Sometimes,
    }
}

impl FileRule for OptionOutsideSection {
    fn check(&self, file: &ConfigFile, out: &mut Sink) {
        if file.kind != ConfigKind::Launcher {
            return;
        }
        let outside: Vec<&Entry> = file
            .parsed
            .entries
            .iter()
            .filter(|e| e.section.is_none())
            .collect();
        if let Some(first) = outside.first().copied() {
            out.report(
                Subject::At(file.entry_location(first)),
                Outside {
                    file,
                    first,
                    count: outside.len(),
                    keys: outside.iter().map(|e| e.key.as_str()).take(5).collect(),
                },
            );
        }
    }
}

/// Settings in launcher.conf before any section header.
struct Outside<'a> {
    file: &'a ConfigFile,
    /// The first of them.
    first: &'a Entry,
    count: usize,
    /// The keys of the first five.
    keys: Vec<&'a str>,
}

impl Violation for Outside<'_> {
    type Level = Level;
    fn level(&self) -> Level {
        Level::Warning
    }
    fn message(&self) -> String {
        format!(
            "{} {} before any `[server]` or `[cluster]` header ({}{}).",
            crate::report::count(self.count, "setting"),
            if self.count == 1 { "comes" } else { "come" },
            self.keys.join(", "),
            if self.count > 5 { ", ..." } else { "" }
        )
    }
    fn help(&self) -> String {
        format!(
            "Add a line `[server]` above line {}.",
            self.first.key_pos.line
        )
    }
    fn fix(&self) -> Option<Fix> {
        // The header makes them [server] settings, which is how they were meant (and how
        // wb-ssl-check reads them). With a [server] section further down, the two would be one
        // section twice: no edit then.
        if self.file.parsed.sections.iter().any(|s| s.name == "server") {
            return None;
        }
        crate::edits::fix(
            format!(
                "Add `[server]` above line {} (before `{}`)",
                self.first.key_pos.line, self.first.key
            ),
            FixSafety::Safe,
            [crate::edits::insert_line(
                self.file,
                self.first.key_pos.line,
                "[server]",
            )],
        )
    }
}
