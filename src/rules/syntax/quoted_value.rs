use crate::config::ConfigFile;
use crate::rules::{declare_rule, FileRule, Sink};

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
    }
}

impl FileRule for QuotedValue {
    fn check(&self, file: &ConfigFile, out: &mut Sink) {
        for e in &file.parsed.entries {
            let v = e.value.as_str();
            let wrapped = ['"', '\''].iter().find(|q| {
                v.len() >= 2
                    && v.starts_with(**q)
                    && v.ends_with(**q)
                    && !v[1..v.len() - 1].contains(**q)
            });
            if let Some(q) = wrapped {
                let inner = &v[1..v.len() - 1];
                let f = out.emit(
                    file.at(e.value_pos),
                    format!("`{}` is quoted: the {} characters are part of the value, so it is `{v}`, not `{inner}`.", e.key, if *q == '"' { "double-quote" } else { "single-quote" }),
                    format!("Remove the quotes: `{}={inner}`.", e.key),
                );
                f.fix = crate::edits::fix(
                    format!("Remove the quotes around `{}`'s value", e.key),
                    crate::report::FixSafety::Safe,
                    vec![crate::edits::replace_value(file, e, inner)],
                );
            }
        }
    }
}
