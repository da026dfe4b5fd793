use crate::config::ConfigFile;
use crate::rules::{declare_rule, excerpt, FileRule, Sink, Subject, Violation};

declare_rule! {
    /// ## What it checks
    /// A value that still holds a placeholder from documentation or a template: `XXX`, `<host>`,
    /// `your_domain_name`, `changeme`, `TODO`, `REPLACE_ME` and similar.
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

/// The placeholder in a value, if any.
fn find_placeholder(value: &str) -> Option<String> {
    if let (Some(start), Some(end)) = (value.find('<'), value.rfind('>')) {
        if start < end
            && end - start > 1
            // ASCII: placeholders in Posit's guides and templates are; `char::is_alphanumeric` would
            // bring Unicode's tables into the page (2 KiB gzipped).
            && value[start + 1..end]
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "-_ .".contains(c))
        {
            return Some(value[start..=end].to_string());
        }
    }
    let lower = value.to_ascii_lowercase();
    for word in [
        "your_domain",
        "your-domain",
        "yourdomain",
        "your_server",
        "your-server",
        "your_host",
        "your-host",
        "changeme",
        "change_me",
        "replace_me",
        "replace-me",
    ] {
        if let Some(i) = lower.find(word) {
            return Some(value[i..i + word.len()].to_string());
        }
    }
    value
        .split(|c: char| !c.is_ascii_alphanumeric())
        .find(|t| (t.len() >= 3 && t.chars().all(|c| c == 'X')) || *t == "TODO" || *t == "FIXME")
        .map(str::to_string)
}

impl FileRule for PlaceholderValue {
    fn check(&self, file: &ConfigFile, out: &mut Sink) {
        for e in &file.parsed.entries {
            if let Some(placeholder) = find_placeholder(&e.value) {
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

#[cfg(test)]
mod tests {
    use super::find_placeholder;

    #[test]
    fn finds_placeholders() {
        assert_eq!(find_placeholder("http://XXX:8787").as_deref(), Some("XXX"));
        assert_eq!(
            find_placeholder("/var/certs/your_domain_name.crt").as_deref(),
            Some("your_domain")
        );
        assert_eq!(
            find_placeholder("https://<host>:8787").as_deref(),
            Some("<host>")
        );
        assert_eq!(find_placeholder("http://wb.example.org:8787"), None);
        assert_eq!(
            find_placeholder("rstudio/r-session-complete:ubuntu2204"),
            None
        );
        assert_eq!(find_placeholder("/opt/xxx/bin"), None);
    }
}
