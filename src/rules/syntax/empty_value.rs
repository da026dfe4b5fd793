use crate::catalog::{self, ConfigKind, ValueType};
use crate::config::ConfigFile;
use crate::rules::{declare_rule, FileRule, Sink, Subject, Violation};

declare_rule! {
    /// ## What it checks
    /// A `key=` line with nothing after the `=` (or only a comment).
    ///
    /// ## Why it breaks Workbench
    /// For a boolean option an empty value means **true** to rserver's parser: `ssl-enabled=` turns SSL
    /// on, `launcher-verify-ssl-certs=` keeps verification on. For other options the empty value replaces
    /// the default with nothing, which is rarely what was meant (an empty `launcher-port` is no port).
    ///
    /// ## How to fix
    /// Write the value you mean (`1` or `0` for booleans), or delete the line to get the default.
    ///
    /// ## References
    /// - boost::program_options `value_semantic.cpp`: an empty token for a bool means true.
    pub struct EmptyValue {
        name: "empty-value",
        severity: Warning,
        channel: None,
        summary: "An option is given with an empty value (for a boolean: true)",
    }
}

impl FileRule for EmptyValue {
    fn check(&self, file: &ConfigFile, out: &mut Sink) {
        for e in &file.parsed.entries {
            if !e.value.is_empty() || (file.kind == ConfigKind::Rserver && e.section.is_some()) {
                continue;
            }
            let spec = catalog::lookup_in(file.kind, file.scope_of(e), &e.key);
            out.report(
                Subject::At(file.entry_location(e)),
                Empty {
                    key: &e.key,
                    boolean: matches!(spec.map(|s| s.ty), Some(ValueType::Bool)),
                },
            );
        }
    }
}

/// An option written with nothing after `=`.
struct Empty<'a> {
    key: &'a str,
    /// Whether the option is a boolean, which an empty value turns on.
    boolean: bool,
}

impl Violation for Empty<'_> {
    type Level = Level;
    fn level(&self) -> Level {
        Level::Warning
    }
    fn message(&self) -> String {
        if self.boolean {
            format!(
                "`{}=` is empty, which rserver reads as `{}=1` (true).",
                self.key, self.key
            )
        } else {
            format!(
                "`{}=` is empty; this replaces the default with nothing.",
                self.key
            )
        }
    }
    fn help(&self) -> String {
        format!(
            "Write the value you mean after `{}=`, or delete the line to use the default.",
            self.key
        )
    }
}
