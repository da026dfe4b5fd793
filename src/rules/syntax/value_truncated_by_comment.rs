use crate::config::ConfigFile;
use crate::rules::{declare_rule, FileRule, Sink, Subject, Violation};

declare_rule! {
    /// ## What it checks
    /// A `#` directly after a value, with no blank before it: `key=abc#123` or
    /// `launcher-sessions-callback-address=https://wb/#x`. (`key=value # note`, with a space, reads as the
    /// intended comment and is not reported.)
    ///
    /// ## Why it breaks Workbench
    /// rserver's parser starts a comment at the first `#` anywhere on the line, even inside a value, so
    /// the value is silently cut short: a password, a group name or a URL ends where the `#` is.
    ///
    /// ## How to fix
    /// Values cannot contain `#`. Choose a value without it (rename the group, use a different path or
    /// URL); for secrets, use a file-based option instead.
    ///
    /// ## References
    /// - boost::program_options `config_file.cpp`: `#` begins a comment anywhere on a line.
    pub struct ValueTruncatedByComment {
        name: "value-truncated-by-comment",
        severity: Warning,
        channel: None,
        summary: "A # inside a value cuts the value short",
    }
}

impl FileRule for ValueTruncatedByComment {
    fn check(&self, file: &ConfigFile, out: &mut Sink) {
        for e in &file.parsed.entries {
            if let Some(c) = e.inline_comment.filter(|c| c.touches_value) {
                out.report(
                    Subject::At(file.at(c.pos)),
                    Truncated {
                        key: &e.key,
                        value: &e.value,
                    },
                );
            }
        }
    }
}

/// A value cut short by a `#` that starts a comment.
struct Truncated<'a> {
    key: &'a str,
    /// The value as read, up to the `#`.
    value: &'a str,
}

impl Violation for Truncated<'_> {
    type Level = Level;
    fn level(&self) -> Level {
        Level::Warning
    }
    fn message(&self) -> String {
        format!(
            "Everything from `#` on is a comment: `{}` is read as `{}`.",
            self.key, self.value
        )
    }
    fn help(&self) -> String {
        "Values cannot contain `#`; choose a value without it.".into()
    }
}
