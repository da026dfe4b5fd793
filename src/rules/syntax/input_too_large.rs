use crate::input::{ClassifiedInput, InputKind, MAX_INPUT_BYTES};
use crate::report::Location;
use crate::rules::{declare_rule, InputRule, Sink};

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
            out.emit(
                Location::file(&input.name),
                if input.size > MAX_INPUT_BYTES {
                    format!(
                        "`{}` is {} bytes, over the {} MiB limit for one input; it was not checked.",
                        input.name,
                        input.size,
                        MAX_INPUT_BYTES / (1024 * 1024)
                    )
                } else {
                    format!("`{}` was {}.", input.name, input.description)
                },
                "Check that this is the right file; Workbench configs and certificates are a few kilobytes.",
            );
        }
    }
}
