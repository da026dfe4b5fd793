use crate::catalog::ConfigKind;
use crate::config::ConfigFile;
use crate::input::config_lines::{BadLine, BadLineReason};
use crate::rules::{declare_rule, excerpt, FileRule, Sink, Subject, Violation};

declare_rule! {
    /// ## What it checks
    /// Every line of a config file must be one of: blank, a comment (`#` anywhere starts one; `;` at the
    /// start of a line), a `[section]` header, or `key=value`. Anything else, such as a line with no `=`
    /// or `=value` with no option name, is reported with its line number. (The `[nodes]` list of the
    /// legacy `load-balancer` format is the one place where bare `host:port` lines are allowed.) A line of
    /// base64 data, usually part of a key or certificate pasted into the config, is reported without
    /// quoting it.
    ///
    /// ## Why it breaks Workbench
    /// rserver reads its config with boost::program_options, which stops at the first such line with
    /// "the options configuration file contains an invalid line". rserver then logs
    /// `Error reading /etc/rstudio/rserver.conf` and does not start.
    ///
    /// ## How to fix
    /// Write the line as `option=value`, or comment it out with `#`. Then run
    /// `sudo rstudio-server restart` (or `sudo rstudio-launcher restart` for launcher files).
    ///
    /// ## References
    /// - boost::program_options `config_file.cpp` (the line parser rserver uses).
    /// - Posit Workbench Admin Guide: "Configuration files", `rstudio-server test-config`.
    pub struct UnparsableLine {
        name: "unparsable-line",
        severity: Error,
        channel: None,
        summary: "A line is not blank, a comment, a [section] or key=value",
    }
}

impl FileRule for UnparsableLine {
    fn check(&self, file: &ConfigFile, out: &mut Sink) {
        for bad in &file.parsed.bad_lines {
            if file.kind == ConfigKind::LoadBalancer
                && file.parsed.section_name(bad.section) == Some("nodes")
            {
                continue;
            }
            out.report(Subject::At(file.at(bad.pos)), Unparsable { bad });
        }
    }
}

/// A line that is not blank, a comment, a section header or `key=value`.
struct Unparsable<'a> {
    bad: &'a BadLine,
}

impl Unparsable<'_> {
    /// A line of base64 may be key material pasted into the wrong box: never quote it.
    fn looks_base64(&self) -> bool {
        let text = &self.bad.text;
        text.len() >= 24
            && text
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b"+/=".contains(&b))
            // A path on a line of its own (`/etc/rstudio/ssl/server/private/key`) is shown.
            && !crate::base::looks_like_path(text)
    }
}

impl Violation for Unparsable<'_> {
    type Level = Level;
    fn level(&self) -> Level {
        Level::Error
    }
    fn message(&self) -> String {
        let bad = self.bad;
        if self.looks_base64() {
            return format!("Line {} is a run of base64 data ({} characters, not shown): part of a certificate or key, not a setting.", bad.pos.line, bad.text.len());
        }
        match bad.reason {
            BadLineReason::NoEquals => format!(
                "`{}` is not `option=value`, a comment or a `[section]`.",
                excerpt(&bad.text)
            ),
            BadLineReason::EmptyKey => {
                format!("`{}` has no option name before `=`.", excerpt(&bad.text))
            }
        }
    }
    fn help(&self) -> String {
        if self.looks_base64() {
            "Remove it; certificates and keys belong in their own files, named by `ssl-certificate` and `ssl-certificate-key`.".into()
        } else {
            "Write it as `option=value`, or put `#` in front of it to make it a comment.".into()
        }
    }
}
