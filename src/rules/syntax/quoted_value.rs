use crate::config::ConfigFile;
use crate::input::config_lines::Entry;
use crate::report::{Fix, FixSafety};
use crate::rules::{declare_rule, FileRule, Sink, Subject, Violation};

declare_rule! {
    /// ## What it checks
    /// A value wrapped in quotes, like `ssl-certificate="/etc/ssl/wb.crt"`. Values that use quotes inside
    /// (JSON-pointer overrides, argument lists) are fine.
    ///
    /// ## Why it breaks Workbench
    /// rserver's parser keeps quotes literally. The path above is read as `"/etc/ssl/wb.crt"`, quotes
    /// included, a file that does not exist, and a quoted host name or URL never matches anything.
    ///
    /// ## How to fix
    /// Remove the quotes: `ssl-certificate=/etc/ssl/wb.crt`. Paths with spaces need no quoting either.
    ///
    /// ## References
    /// - boost::program_options `config_file.cpp`: the value is taken verbatim after trimming blanks.
    pub struct QuotedValue {
        name: "quoted-value",
        severity: Warning,
        channel: None,
        summary: "A value is wrapped in quotes, which are kept literally",
        fix: Always,
    }
}

impl FileRule for QuotedValue {
    fn check(&self, file: &ConfigFile, out: &mut Sink) {
        for entry in &file.parsed.entries {
            let v = entry.value.as_str();
            let quote = ['"', '\''].into_iter().find(|&q| {
                v.len() >= 2 && v.starts_with(q) && v.ends_with(q) && !v[1..v.len() - 1].contains(q)
            });
            if let Some(quote) = quote {
                out.report(
                    Subject::At(file.at(entry.value_pos)),
                    Quoted { file, entry, quote },
                );
            }
        }
    }
}

/// A value wrapped in one kind of quotes, which rserver keeps as part of it.
struct Quoted<'a> {
    file: &'a ConfigFile,
    entry: &'a Entry,
    quote: char,
}

impl Quoted<'_> {
    fn inner(&self) -> &str {
        let v = &self.entry.value;
        &v[1..v.len() - 1]
    }
}

impl Violation for Quoted<'_> {
    type Level = Level;
    fn level(&self) -> Level {
        Level::Warning
    }
    fn message(&self) -> String {
        let kind = if self.quote == '"' {
            "double-quote"
        } else {
            "single-quote"
        };
        format!(
            "`{}` is quoted: the {kind} characters are part of the value, so it is `{}`, not `{}`.",
            self.entry.key,
            self.entry.value,
            self.inner()
        )
    }
    fn help(&self) -> String {
        format!("Remove the quotes: `{}={}`.", self.entry.key, self.inner())
    }
    fn fix(&self) -> Option<Fix> {
        crate::edits::fix(
            format!("Remove the quotes around `{}`'s value", self.entry.key),
            FixSafety::Safe,
            vec![crate::edits::replace_value(
                self.file,
                self.entry,
                self.inner(),
            )],
        )
    }
}
