use crate::config::ConfigFile;
use crate::rules::{declare_rule, excerpt, FileRule, Sink, Subject, Violation};

declare_rule! {
    /// ## What it checks
    /// A value holding a shell or template variable: `$NAME`, `${NAME}` or `{{ name }}`.
    ///
    /// ## Why it breaks Workbench
    /// rserver and the Launcher do not expand variables. If this file is the one on the server, the value
    /// is literally `${elb_url}` and the callback, path or cluster name it is part of does not work. If the
    /// file is a template that a script or Helm renders, check the rendered file instead: the checker can
    /// only judge the values it sees.
    ///
    /// ## How to fix
    /// Replace the variable with its value, or give the checker the file as rendered on the server
    /// (`/etc/rstudio/...`).
    ///
    /// ## References
    /// - boost::program_options `config_file.cpp` (no variable expansion).
    pub struct UnexpandedVariable {
        name: "unexpanded-variable",
        severity: Warning,
        channel: None,
        summary: "A value holds a shell or template variable that nothing expands",
    }
}

/// The first `$NAME`, `${NAME}` or `{{ ... }}` in a value.
fn find_variable(value: &str) -> Option<&str> {
    if let Some(start) = value.find("{{") {
        if let Some(len) = value[start..].find("}}") {
            return Some(&value[start..start + len + 2]);
        }
    }
    let bytes = value.as_bytes();
    for (i, _) in value.match_indices('$') {
        match bytes.get(i + 1) {
            Some(b'{') => {
                if let Some(end) = value[i..].find('}') {
                    return Some(&value[i..i + end + 1]);
                }
            }
            Some(c) if c.is_ascii_alphabetic() || *c == b'_' => {
                let len = value[i + 1..]
                    .find(|ch: char| !(ch.is_ascii_alphanumeric() || ch == '_'))
                    .unwrap_or(value.len() - i - 1);
                return Some(&value[i..i + 1 + len]);
            }
            _ => {}
        }
    }
    None
}

impl FileRule for UnexpandedVariable {
    fn check(&self, file: &ConfigFile, out: &mut Sink) {
        for e in &file.parsed.entries {
            if let Some(variable) = find_variable(&e.value) {
                out.report(
                    Subject::At(file.at(e.value_pos)),
                    Unexpanded {
                        key: &e.key,
                        value: &e.value,
                        variable,
                    },
                );
            }
        }
    }
}

/// A value holding a variable that nothing expands.
struct Unexpanded<'a> {
    key: &'a str,
    value: &'a str,
    /// The variable as written in the value.
    variable: &'a str,
}

impl Violation for Unexpanded<'_> {
    type Level = Level;
    fn level(&self) -> Level {
        Level::Warning
    }
    fn message(&self) -> String {
        format!(
            "`{}={}` holds `{}`, which Workbench does not expand.",
            self.key,
            excerpt(self.value),
            self.variable
        )
    }
    fn help(&self) -> String {
        "Put the real value in its place, or check the file as it was rendered on the server."
            .into()
    }
}

#[cfg(test)]
mod tests {
    use super::find_variable;

    #[test]
    fn finds_variables() {
        assert_eq!(find_variable("http://${elb_url}:8787"), Some("${elb_url}"));
        assert_eq!(
            find_variable("$SHARED_DATA/r-versions"),
            Some("$SHARED_DATA")
        );
        assert_eq!(find_variable("{{ .Values.x }}"), Some("{{ .Values.x }}"));
        assert_eq!(find_variable("^RBT\\x5C([A-Za-z0-9]+)$ \\L$1\\E"), None);
        assert_eq!(find_variable("price: 5$"), None);
    }
}
