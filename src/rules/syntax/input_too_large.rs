use crate::input::{ClassifiedInput, InputKind, MAX_INPUT_BYTES};
use crate::report::Location;
use crate::rules::{declare_rule, InputRule, Sink, Subject, Violation};

declare_rule! {
    /// ## What it checks
    /// Inputs larger than 16 MiB are not parsed, nor the inputs past 64 MiB in all. Workbench configs are a few kilobytes and even a full
    /// CA bundle is well under a megabyte, so a file this large is almost certainly the wrong file (a log,
    /// a core dump, an archive).
    ///
    /// ## Why it breaks Workbench
    /// It does not; the limit keeps the checker (and the browser tab running it) responsive. Every other
    /// input is still checked.
    ///
    /// ## How to fix
    /// Give the checker the actual configuration, certificate and key files from `/etc/rstudio`.
    ///
    /// ## References
    /// - wb-ssl-check README, "Limits".
    pub struct InputTooLarge {
        name: "input-too-large",
        severity: Warning,
        channel: None,
        summary: "An input is over the 16 MiB size limit and was not checked",
    }
}

impl InputRule for InputTooLarge {
    fn check(&self, input: &ClassifiedInput, out: &mut Sink) {
        if input.kind == InputKind::TooLarge {
            out.report(
                Subject::At(Location::file(&input.name)),
                TooLarge {
                    name: &input.name,
                    size: input.size,
                    description: &input.description,
                },
            );
        }
    }
}

/// An input that was not read for its size.
struct TooLarge<'a> {
    name: &'a str,
    /// Its size in bytes.
    size: usize,
    /// Why it was not read, when not for its size alone.
    description: &'a str,
}

impl Violation for TooLarge<'_> {
    type Level = Level;
    fn level(&self) -> Level {
        Level::Warning
    }
    fn message(&self) -> String {
        if self.size > MAX_INPUT_BYTES {
            format!(
                "`{}` is {} bytes, over the {} MiB limit for one input; it was not checked.",
                self.name,
                self.size,
                MAX_INPUT_BYTES / (1024 * 1024)
            )
        } else {
            format!("`{}` was {}.", self.name, self.description)
        }
    }
    fn help(&self) -> String {
        "Check that this is the right file; Workbench configs and certificates are a few kilobytes."
            .into()
    }
}
