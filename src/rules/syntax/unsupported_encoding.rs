use crate::input::{ClassifiedInput, Encoding, InputKind};
use crate::report::Location;
use crate::rules::{declare_rule, InputRule, Sink, Subject, Violation};

declare_rule! {
    /// ## What it checks
    /// The character encoding of config files. UTF-8 (with or without a byte-order mark) and plain ASCII
    /// are fine. A UTF-16 file (as Windows editors and PowerShell's `>` save them) is an error; bytes that
    /// are not valid UTF-8 (Latin-1 characters, say) are a warning with the first line that has one.
    /// The checker still decodes the file and checks its settings.
    ///
    /// ## Why it breaks Workbench
    /// rserver and the Launcher read their files as bytes. In a UTF-16 file every character is followed
    /// by a NUL byte, so no line is a valid `key=value` line for them and rserver refuses to start.
    /// Stray non-UTF-8 bytes inside a value (a path, a group name) make that value something other than
    /// what you see in your editor.
    ///
    /// ## How to fix
    /// Convert the file to UTF-8: `iconv -f UTF-16 -t UTF-8 rserver.conf > rserver.conf.utf8 && mv rserver.conf.utf8 rserver.conf`
    /// (for Latin-1 use `-f LATIN1`). Then run `rstudio-server restart`.
    ///
    /// ## References
    /// - boost::program_options `parse_config_file` reads `char` streams (no decoding).
    pub struct UnsupportedEncoding {
        name: "unsupported-encoding",
        severity: Error | Warning,
        severity_when: "warning for bytes that are not UTF-8 (rserver still reads the file)",
        channel: None,
        summary: "A config file is UTF-16 or holds bytes that are not UTF-8",
    }
}

impl InputRule for UnsupportedEncoding {
    fn check(&self, input: &ClassifiedInput, out: &mut Sink) {
        let InputKind::Config(kind) = input.kind else {
            return;
        };
        match input.encoding {
            Encoding::Utf16 { big_endian } => {
                out.report(
                    Subject::At(Location::file(&input.name)),
                    BadEncoding::Utf16 {
                        name: &input.name,
                        big_endian,
                        rserver: matches!(kind, crate::catalog::ConfigKind::Rserver),
                    },
                );
            }
            Encoding::InvalidUtf8 { line } => {
                out.report(
                    Subject::At(Location {
                        file: input.name.clone(),
                        line: Some(line),
                        column: None,
                        block: None,
                    }),
                    BadEncoding::NotUtf8 {
                        name: &input.name,
                        line,
                    },
                );
            }
            Encoding::Utf8 | Encoding::Utf8Bom => {}
        }
    }
}

/// A config file in an encoding Workbench does not read as meant.
enum BadEncoding<'a> {
    /// Saved as UTF-16; `rserver` when the file is rserver.conf.
    Utf16 {
        name: &'a str,
        big_endian: bool,
        rserver: bool,
    },
    /// Bytes that are not UTF-8, first on `line`.
    NotUtf8 { name: &'a str, line: u32 },
}

impl Violation for BadEncoding<'_> {
    type Level = Level;
    fn level(&self) -> Level {
        match self {
            BadEncoding::Utf16 { .. } => Level::Error,
            BadEncoding::NotUtf8 { .. } => Level::Warning,
        }
    }
    fn message(&self) -> String {
        match self {
            BadEncoding::Utf16 { name, big_endian, rserver } => format!(
                "`{name}` is saved as UTF-16{}: {} reads bytes, so to it every line is garbage and it will not start.",
                if *big_endian { " (big-endian)" } else { "" },
                if *rserver { "rserver" } else { "Workbench" }
            ),
            BadEncoding::NotUtf8 { name, line } => format!("`{name}` has bytes that are not UTF-8 (first on line {line}); values there may not be what your editor shows."),
        }
    }
    fn help(&self) -> String {
        match self {
            BadEncoding::Utf16 { name, .. } => format!("Convert it: `iconv -f UTF-16 -t UTF-8 {0} > {0}.utf8` and replace the file with the result.", crate::input::base_name(name)),
            BadEncoding::NotUtf8 { name, .. } => format!("Re-save the file as UTF-8, e.g. `iconv -f LATIN1 -t UTF-8 {0} > {0}.utf8`.", crate::input::base_name(name)),
        }
    }
}
