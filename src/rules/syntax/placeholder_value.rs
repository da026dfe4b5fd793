use crate::config::{values, ConfigFile};
use crate::rules::{declare_rule, excerpt, FileRule, Sink, Subject, Violation};

declare_rule! {
    /// ## What it checks
    /// A value that still holds a placeholder from documentation or a template: `XXX`, `<host>`,
    /// `your_domain_name`, `changeme`, `TODO`, `REPLACE_ME` and similar, or a whole value that is a
    /// word standing for a value (`api-url=url`, `auth-token=token`, `certificate-authority=cert`).
    /// A placeholder that is also no valid value for its option (`ssl-enabled=XXX`) is one problem:
    /// `invalid-value` reports it, saying it is a placeholder, and this rule stays silent.
    ///
    /// ## Why it breaks Workbench
    /// Workbench takes the value literally: a callback to `http://XXX:8787` or a certificate at
    /// `/var/certs/your_domain_name.crt` points at nothing, and sessions or the web server fail in ways
    /// that are hard to trace back to a line that "looks filled in".
    ///
    /// ## How to fix
    /// Replace the placeholder with the real host name, path or value for this server.
    ///
    /// ## References
    /// - Posit Workbench Admin Guide: "Hardening: Example secure configuration" (its paths are
    ///   placeholders to replace).
    pub struct PlaceholderValue {
        name: "placeholder-value",
        severity: Warning,
        channel: None,
        summary: "A value still holds a placeholder such as XXX, <host> or your_domain_name",
    }
}

impl FileRule for PlaceholderValue {
    fn check(&self, file: &ConfigFile, out: &mut Sink) {
        for e in &file.parsed.entries {
            // A placeholder that is also no valid value for its option is one problem, reported
            // once, by `invalid-value`.
            if values::entry_problem(file, e).is_some() {
                continue;
            }
            if let Some(placeholder) = values::placeholder_in(&e.value) {
                out.report(
                    Subject::At(file.at(e.value_pos)),
                    Placeholder {
                        key: &e.key,
                        value: &e.value,
                        placeholder,
                    },
                );
            }
        }
    }
}

/// A value still holding a template's placeholder.
struct Placeholder<'a> {
    key: &'a str,
    value: &'a str,
    /// The placeholder as written in the value.
    placeholder: String,
}

impl Violation for Placeholder<'_> {
    type Level = Level;
    fn level(&self) -> Level {
        Level::Warning
    }
    fn message(&self) -> String {
        format!(
            "`{}={}` still holds the placeholder `{}`.",
            self.key,
            excerpt(self.value),
            self.placeholder
        )
    }
    fn help(&self) -> String {
        format!(
            "Replace `{}` with the real value for this server.",
            self.placeholder
        )
    }
}
