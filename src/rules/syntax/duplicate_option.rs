use crate::catalog::{self, ConfigKind};
use crate::config::ConfigFile;
use crate::input::config_lines::Entry;
use crate::report::{Fix, FixSafety, Location};
use crate::rules::{declare_rule, excerpt, FileRule, Sink, Subject, Violation};

declare_rule! {
    /// ## What it checks
    /// A single-valued option set more than once in the same scope: the whole of rserver.conf, or one
    /// section of launcher.conf (each `[cluster]` has its own `name`). Options that may repeat, such as
    /// `server-add-header` and `www-allow-origin`, are fine. Error in rserver.conf, warning in other files.
    ///
    /// ## Why it breaks Workbench
    /// rserver's parser (boost::program_options) throws "option 'X' cannot be specified more than once"
    /// and rserver does not start, even when both lines hold the same value. For the Launcher the
    /// behaviour is not documented; wb-ssl-check assumes the later value wins, which may not be what you
    /// meant either.
    ///
    /// ## How to fix
    /// Keep one line per option: delete or comment out (`#`) the other one.
    ///
    /// ## References
    /// - boost::program_options `value_semantic.cpp` (`multiple_occurrences`).
    /// - Kaggle/docker-rstats#10 (rserver refusing to start on a duplicate entry).
    pub struct DuplicateOption {
        name: "duplicate-option",
        severity: Error | Warning,
        severity_when: "warning outside rserver.conf, where the later value wins instead of rserver refusing to start",
        channel: None,
        summary: "A single-valued option is set twice in the same scope",
        fix: Always,
    }
}

impl FileRule for DuplicateOption {
    fn check(&self, file: &ConfigFile, out: &mut Sink) {
        let entries = &file.parsed.entries;
        // The single-valued entries by (scope, key, index): the scope is the whole file for
        // rserver.conf, else the section. Grouped by a stable sort rather than a HashMap (each map
        // type compiled costs the page about 4.5 KB): the head of each group is its first occurrence,
        // and the sort stays O(n log n) for a file of many sections.
        let mut scoped: Vec<(Option<usize>, &str, usize)> = entries
            .iter()
            .enumerate()
            .filter(|(_, e)| catalog::lookup(file.kind, &e.key).is_some_and(|s| !s.repeatable))
            .map(|(i, e)| {
                let scope = if file.kind == ConfigKind::Rserver {
                    None
                } else {
                    e.section
                };
                (scope, e.key.as_str(), i)
            })
            .collect();
        crate::base::sort_by(&mut scoped, |a, b| (a.0, a.1) < (b.0, b.1));
        let mut first_of: Vec<Option<usize>> = vec![None; entries.len()];
        let mut head: Option<(Option<usize>, &str, usize)> = None;
        for (scope, key, i) in scoped {
            match head {
                Some((s, k, first)) if (s, k) == (scope, key) => first_of[i] = Some(first),
                _ => head = Some((scope, key, i)),
            }
        }
        // Reported in the file's order, as they are read.
        for (later, first) in entries.iter().zip(first_of) {
            if let Some(first) = first {
                let first: &Entry = &entries[first];
                out.report(
                    Subject::At(file.entry_location(later)),
                    Duplicate { file, first, later },
                );
            }
        }
    }
}

/// A single-valued option set a second time in the same scope.
struct Duplicate<'a> {
    file: &'a ConfigFile,
    first: &'a Entry,
    later: &'a Entry,
}

impl Duplicate<'_> {
    /// rserver refuses a repeated option; other files keep one value.
    fn refused(&self) -> bool {
        self.file.kind == ConfigKind::Rserver
    }
}

impl Violation for Duplicate<'_> {
    type Level = Level;
    fn level(&self) -> Level {
        if self.refused() {
            Level::Error
        } else {
            Level::Warning
        }
    }
    fn message(&self) -> String {
        let (first, later) = (self.first, self.later);
        let outcome = if self.refused() {
            "rserver refuses to start (\"option cannot be specified more than once\")".to_string()
        } else {
            format!(
                "wb-ssl-check assumes the later value `{}` wins",
                excerpt(&later.value)
            )
        };
        format!(
            "`{}` is set on line {} (`{}`) and again on line {} (`{}`): {outcome}.",
            later.key,
            first.key_pos.line,
            excerpt(&first.value),
            later.key_pos.line,
            excerpt(&later.value)
        )
    }
    fn help(&self) -> String {
        format!("Keep one `{}` line and delete the other.", self.later.key)
    }
    fn related(&self) -> Vec<Location> {
        vec![self.file.entry_location(self.first)]
    }
    fn fix(&self) -> Option<Fix> {
        let (first, later) = (self.first, self.later);
        // rserver refuses both, so removing the first keeps the line written last (what the
        // Launcher already uses): it needs review, since the other value may be the one meant.
        crate::edits::fix(
            format!(
                "Delete line {} (`{}={}`), keeping line {}",
                first.key_pos.line,
                first.key,
                excerpt(&first.value),
                later.key_pos.line
            ),
            if first.value == later.value {
                FixSafety::Safe
            } else {
                FixSafety::NeedsReview
            },
            vec![crate::edits::delete_entry(self.file, first)],
        )
    }
}
