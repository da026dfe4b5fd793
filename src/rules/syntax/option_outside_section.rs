use crate::catalog::ConfigKind;
use crate::config::ConfigFile;
use crate::rules::{declare_rule, FileRule, Sink};

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
    }
}

impl FileRule for OptionOutsideSection {
    fn check(&self, file: &ConfigFile, out: &mut Sink) {
        if file.kind != ConfigKind::Launcher {
            return;
        }
        let outside: Vec<_> = file
            .parsed
            .entries
            .iter()
            .filter(|e| e.section.is_none())
            .collect();
        if let Some(first) = outside.first() {
            let keys: Vec<&str> = outside.iter().map(|e| e.key.as_str()).take(5).collect();
            let f = out.emit(
                file.entry_location(first),
                format!(
                    "{} {} before any `[server]` or `[cluster]` header ({}{}).",
                    crate::report::count(outside.len(), "setting"),
                    if outside.len() == 1 { "comes" } else { "come" },
                    keys.join(", "),
                    if outside.len() > 5 { ", ..." } else { "" }
                ),
                format!("Add a line `[server]` above line {}.", first.key_pos.line),
            );
            // The header makes them [server] settings, which is how they were meant (and how
            // wb-ssl-check reads them). With a [server] section further down, the two would be one
            // section twice: no edit then.
            if !file.parsed.sections.iter().any(|s| s.name == "server") {
                f.fix = crate::edits::fix(
                    format!(
                        "Add `[server]` above line {} (before `{}`)",
                        first.key_pos.line, first.key
                    ),
                    crate::report::FixSafety::Safe,
                    [crate::edits::insert_line(
                        file,
                        first.key_pos.line,
                        "[server]",
                    )],
                );
            }
        }
    }
}
