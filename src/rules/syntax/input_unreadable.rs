use crate::input::{ClassifiedInput, InputKind};
use crate::report::Location;
use crate::rules::{declare_rule, InputRule, Sink, Subject, Violation};

declare_rule! {
    /// ## What it checks
    /// A file that was found but could not be read: no permission, a broken symbolic link, a special file.
    /// The other inputs are still checked; the CLI then exits with status 2 (an I/O problem). Also an
    /// archive (`.tar.gz`, `.zip`) that is corrupt or cut short: the members read before the damage
    /// are still checked.
    ///
    /// ## Why it breaks Workbench
    /// It may not: wb-ssl-check may simply lack rights Workbench has. But if Workbench or the Launcher
    /// cannot read a file it names either (a certificate, a key, `launcher.pem`), it fails to start.
    ///
    /// ## How to fix
    /// Run the check as a user who can read the file (`sudo wb-ssl-check /etc/rstudio`), or fix the
    /// link or permissions. For an archive, make it again (`tar czf rstudio.tgz -C /etc rstudio`) and
    /// check that its upload finished; `gzip -t` and `unzip -t` test one. Certificate and key files must be readable by the account that uses them:
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
                    archive: false,
                },
            );
        }
        if let InputKind::Archive(_, Some(opened)) = &input.kind {
            if let Some(error) = &opened.error {
                out.report(
                    Subject::At(Location::file(&input.name)),
                    Unreadable {
                        name: &input.name,
                        error,
                        archive: true,
                    },
                );
            }
        }
    }
}

/// An input that could not be read.
struct Unreadable<'a> {
    name: &'a str,
    /// The reading error.
    error: &'a str,
    /// An archive opened only in part: its error says what was not read.
    archive: bool,
}

impl Violation for Unreadable<'_> {
    type Level = Level;
    fn level(&self) -> Level {
        Level::Warning
    }
    fn message(&self) -> String {
        if self.archive {
            return format!(
                "The archive `{}` could not be read whole: {}. The files read before that were checked.",
                self.name, self.error
            );
        }
        format!(
            "`{}` could not be read ({}); it was not checked.",
            self.name, self.error
        )
    }
    fn help(&self) -> String {
        if self.archive {
            return "Make the archive again and check that it was copied whole (`gzip -t` or `unzip -t` tests it), or give its files one by one.".into();
        }
        "Check the file's permissions and links, or run the check with `sudo`.".into()
    }
}
