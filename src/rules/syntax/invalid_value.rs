use crate::catalog::{self, ConfigKind, ValueType};
use crate::config::ConfigFile;
use crate::rules::{declare_rule, excerpt, FileRule, Sink, Subject, Violation};

declare_rule! {
    /// ## What it checks
    /// Values that do not fit their option's type: booleans (accepted: `1 0 true false yes no on off`, any
    /// case), integers, ports (1–65535) and options with a fixed set of values (`www-same-site`,
    /// `balancer`, `log-level`, ...). Empty values are left to `empty-value`.
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

fn problem(ty: ValueType, value: &str) -> Option<String> {
    match ty {
        ValueType::Bool if catalog::parse_bool(value).is_none() => Some("is not a boolean".into()),
        ValueType::Int if value.parse::<i64>().is_err() => Some("is not an integer".into()),
        ValueType::Port => match value.parse::<u32>() {
            Ok(p) if (1..=65535).contains(&p) => None,
            Ok(_) => Some("is outside 1-65535".into()),
            Err(_) => Some("is not a port number".into()),
        },
        ValueType::Enum(allowed) if !allowed.contains(&value) => Some(
            match allowed.iter().find(|a| a.eq_ignore_ascii_case(value)) {
                Some(a) => format!("must be written `{a}` (values are case-sensitive)"),
                None => "is not an accepted value".into(),
            },
        ),
        ValueType::EnumAnyCase(allowed)
            if !allowed.iter().any(|a| a.eq_ignore_ascii_case(value)) =>
        {
            Some("is not an accepted value".into())
        }
        _ => None,
    }
}

impl FileRule for InvalidValue {
    fn check(&self, file: &ConfigFile, out: &mut Sink) {
        for e in &file.parsed.entries {
            if e.value.is_empty() || (file.kind == ConfigKind::Rserver && e.section.is_some()) {
                continue;
            }
            let Some(spec) = catalog::lookup_in(file.kind, file.scope_of(e), &e.key) else {
                continue;
            };
            if let Some(problem) = problem(spec.ty, &e.value) {
                out.report(
                    Subject::At(file.at(e.value_pos)),
                    Invalid {
                        key: &e.key,
                        value: &e.value,
                        problem,
                        ty: spec.ty,
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
}

impl Violation for Invalid<'_> {
    type Level = Level;
    fn level(&self) -> Level {
        Level::Error
    }
    fn message(&self) -> String {
        format!(
            "`{}={}`: the value {}; `{}` takes {}.",
            self.key,
            excerpt(self.value),
            self.problem,
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
