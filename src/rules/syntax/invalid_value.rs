use crate::catalog::ValueType;
use crate::config::values;
use crate::config::ConfigFile;
use crate::rules::{declare_rule, excerpt, FileRule, Sink, Subject, Violation};

declare_rule! {
    /// ## What it checks
    /// Values that do not fit their option's type: booleans (accepted: `1 0 true false yes no on off`, any
    /// case), integers, ports (1–65535) and options with a fixed set of values (`www-same-site`,
    /// `balancer`, `log-level`, ...) or taking a URL (launcher.kubernetes.conf's `api-url`: `http://` or
    /// `https://`). Empty values are left to `empty-value`. When the value is a template's placeholder
    /// (`ssl-enabled=XXX`, `api-url=url`), the finding says so, and `placeholder-value` stays silent
    /// on that line.
    ///
    /// ## Why it breaks Workbench
    /// rserver's parser rejects the whole file with "the argument ('X') for option 'Y' is invalid" and
    /// rserver does not start; Launcher plugins report "Error reading <file>: the argument ... is invalid"
    /// and the Launcher does not start. `ssl-enabled=enabled` or `www-port=https` are typical.
    ///
    /// ## How to fix
    /// Use a value of the right type; for booleans write `1` or `0` as Posit's documentation does.
    ///
    /// ## References
    /// - boost::program_options `value_semantic.cpp` (boolean and integer parsing).
    /// - Posit Workbench Admin Guide: rserver.conf and launcher.conf reference (types of each option).
    pub struct InvalidValue {
        name: "invalid-value",
        severity: Error,
        channel: None,
        summary: "A value does not fit its option's type (boolean, integer, port, enumeration)",
    }
}

impl FileRule for InvalidValue {
    fn check(&self, file: &ConfigFile, out: &mut Sink) {
        for e in &file.parsed.entries {
            if let Some((ty, problem)) = values::entry_problem(file, e) {
                out.report(
                    Subject::At(file.at(e.value_pos)),
                    Invalid {
                        key: &e.key,
                        value: &e.value,
                        problem,
                        ty,
                        placeholder: values::placeholder_in(&e.value),
                    },
                );
            }
        }
    }
}

/// A value that does not fit its option's type.
struct Invalid<'a> {
    key: &'a str,
    value: &'a str,
    /// What is wrong with it, in words ("is not a boolean").
    problem: String,
    /// The type the option takes.
    ty: ValueType,
    /// A template's placeholder in the value: the one finding on the line says so too.
    placeholder: Option<String>,
}

impl Violation for Invalid<'_> {
    type Level = Level;
    fn level(&self) -> Level {
        Level::Error
    }
    fn message(&self) -> String {
        format!(
            "`{}={}`: the value {}{}; `{}` takes {}.",
            self.key,
            excerpt(self.value),
            self.problem,
            self.placeholder
                .as_ref()
                .map(|p| format!(" (it still holds the placeholder `{p}`)"))
                .unwrap_or_default(),
            self.key,
            self.ty.describe()
        )
    }
    fn help(&self) -> String {
        match self.ty {
            ValueType::Bool => format!("Write `{}=1` or `{}=0`.", self.key, self.key),
            _ => format!("Give `{}` {}.", self.key, self.ty.describe()),
        }
    }
}
