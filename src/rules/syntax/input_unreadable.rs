use crate::input::{ClassifiedInput, InputKind};
use crate::report::Location;
use crate::rules::{declare_rule, InputRule, Sink, Subject, Violation};

declare_rule! {
    /// ## What it checks
    /// A file that was found but could not be read: no permission, a broken symbolic link, a special file.
    /// The other inputs are still checked; the CLI then exits with status 2 (an I/O problem).
    ///
    /// ## Why it breaks Workbench
    /// It may not: wb-ssl-check may simply lack rights Workbench has. But if Workbench or the Launcher
    /// cannot read a file it names either (a certificate, a key, `launcher.pem`), it fails to start.
    ///
    /// ## How to fix
    /// Run the check as a user who can read the file (`sudo wb-ssl-check /etc/rstudio`), or fix the
    /// link or permissions. Certificate and key files must be readable by the account that uses them:
    /// root for rserver's, the Launcher's `server-user` for the Launcher's.
    ///
    /// ## References
    /// - wb-ssl-check README, "Command line".
    pub struct InputUnreadable {
        name: "input-unreadable",
        severity: Warning,
        channel: None,
        summary: "A file could not be read; the rest was checked",
    }
}

impl InputRule for InputUnreadable {
    fn check(&self, input: &ClassifiedInput, out: &mut Sink) {
        if let InputKind::Unreadable(error) = &input.kind {
            out.report(
                Subject::At(Location::file(&input.name)),
                Unreadable {
                    name: &input.name,
                    error,
                },
            );
        }
    }
}

/// An input that could not be read.
struct Unreadable<'a> {
    name: &'a str,
    /// The reading error.
    error: &'a str,
}

impl Violation for Unreadable<'_> {
    type Level = Level;
    fn level(&self) -> Level {
        Level::Warning
    }
    fn message(&self) -> String {
        format!(
            "`{}` could not be read ({}); it was not checked.",
            self.name, self.error
        )
    }
    fn help(&self) -> String {
        "Check the file's permissions and links, or run the check with `sudo`.".into()
    }
}
