use crate::input::{ClassifiedInput, InputKind};
use crate::report::Location;
use crate::rules::{declare_rule, InputRule, Sink, Subject, Violation};

declare_rule! {
    /// ## What it checks
    /// Every input is classified by its content first and its name second: rserver.conf, launcher.conf,
    /// jupyter.conf, vscode.conf/positron.conf, load-balancer, launcher.<plugin>.conf, PEM, DER, PKCS#12,
    /// or an `ls -l` listing. This finding names an input that is none of these, and says what it looked
    /// like (binary data, an nginx file, only comments, ...). The content itself is never shown: the file
    /// could be a secret such as `secure-cookie-key`. Text that is mostly not `option=value` (a ticket
    /// excerpt, an error page, a log) is none of these either, but it is read for known error messages
    /// instead (the report's symptoms) and gives no finding: when it holds none, "Not checked" says so.
    /// A member of an archive gives no finding either: a diagnostics folder holds many files that are
    /// none of these, and the report's list of inputs already says what each one is.
    ///
    /// ## Why it breaks Workbench
    /// It does not break anything by itself. It tells you that this input was not checked, so that a
    /// misnamed or mis-saved file (for example an rserver.conf saved as UTF-16 or as a Word document) is
    /// not silently ignored.
    ///
    /// ## How to fix
    /// Give the checker the files from `/etc/rstudio` as they are on the server: `rserver.conf`,
    /// `launcher.conf`, the certificate and key files the configs name. Files that hold no SSL or Launcher
    /// settings (rsession.conf, database.conf, nginx fragments) can be left out.
    ///
    /// ## References
    /// - Posit Workbench Admin Guide: Server Management, "Configuration files" (`/etc/rstudio`).
    pub struct FileUnrecognized {
        name: "file-unrecognized",
        severity: Info,
        channel: None,
        summary: "An input is none of the file kinds wb-ssl-check knows",
    }
}

impl InputRule for FileUnrecognized {
    fn check(&self, input: &ClassifiedInput, out: &mut Sink) {
        if input.in_archive {
            return;
        }
        if let InputKind::Unrecognized(what) = &input.kind {
            out.report(
                Subject::At(Location::file(&input.name)),
                Unrecognized {
                    name: &input.name,
                    what,
                },
            );
        }
    }
}

/// An input of no kind wb-ssl-check knows.
struct Unrecognized<'a> {
    name: &'a str,
    /// What it looked like instead.
    what: &'a str,
}

impl Violation for Unrecognized<'_> {
    type Level = Level;
    fn level(&self) -> Level {
        Level::Info
    }
    fn message(&self) -> String {
        format!("`{}` was not checked: {}.", self.name, self.what)
    }
    fn help(&self) -> String {
        "If this should be a Workbench config or a certificate, check that it is the file from /etc/rstudio, saved as plain text (UTF-8).".into()
    }
}
