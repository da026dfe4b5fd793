use crate::catalog::ConfigKind;
use crate::facts::Facts;
use crate::input::base_name;
use crate::input::config_lines::Entry;
use crate::pki::Role;
use crate::rules::{declare_rule, Applicability, ModelRule, Sink, Subject, Violation};

declare_rule! {
    /// ## What it checks
    /// A certificate or key file that a config names (`ssl-certificate`, `ssl-certificate-key`,
    /// `certificate-file`, `certificate-key-file`) but that is not among the inputs (matched by file
    /// name). On the page this is advice: add the file to have it checked. On the command line, on the
    /// server itself, a named file that does not exist is an error.
    ///
    /// ## Why it breaks Workbench
    /// A missing file stops the web server or the Launcher from starting. A file that simply was not
    /// given to the checker cannot be judged: its expiry, names, chain and key match stay unknown.
    ///
    /// ## How to fix
    /// Give the checker the file too (drop it on the page, or pass it on the command line), or, on the
    /// server, create it at that path or correct the path in the config.
    ///
    /// ## References
    /// - Posit Workbench Admin Guide: "Secure Sockets (SSL)"; launcher.conf reference.
    pub struct ReferencedFileNotProvided {
        name: "referenced-file-not-provided",
        severity: Info | Error,
        severity_when: "error when the CLI, run on the server, finds that the named file does not exist",
        channel: None | A | B | C,
        summary: "A config names a certificate or key file that is not among the inputs (or does not exist)",
    }
}

impl ModelRule for ReferencedFileNotProvided {
    fn applies(&self, model: &Facts) -> Applicability {
        if model.referenced_files().is_empty() {
            Applicability::Skip
        } else {
            Applicability::Applies
        }
    }

    fn check(&self, model: &Facts, out: &mut Sink) {
        for (config, entry, role) in model.referenced_files() {
            let path = entry.value.as_str();
            if model
                .pki
                .iter()
                .any(|f| f.name == path || base_name(&f.name) == base_name(path))
            {
                continue;
            }
            let on_server = model
                .options
                .server_files
                .as_ref()
                .and_then(|files| files.iter().find(|f| f.path == path));
            let absent = match on_server {
                Some(f) if f.meta.is_none() => true,
                Some(_) => continue,
                None => false,
            };
            out.report(
                Subject::Role(role, config.entry_location(entry)),
                NotProvided {
                    config: config.kind,
                    entry,
                    role,
                    absent,
                },
            );
        }
    }
}

/// A certificate or key file a setting names, not among the inputs.
struct NotProvided<'a> {
    /// The kind of config that names it.
    config: ConfigKind,
    entry: &'a Entry,
    role: Role,
    /// Whether the CLI, run on the server, found that the file does not exist.
    absent: bool,
}

impl Violation for NotProvided<'_> {
    type Level = Level;
    fn level(&self) -> Level {
        if self.absent {
            Level::Error
        } else {
            Level::Info
        }
    }
    fn message(&self) -> String {
        let (entry, role) = (self.entry, self.role);
        let path = entry.value.as_str();
        if self.absent {
            format!(
                "`{}={path}` names a file that does not exist on this server: {} will not start.",
                entry.key,
                if role.channel() == crate::report::Channel::B {
                    "the Launcher"
                } else {
                    "Workbench"
                }
            )
        } else {
            format!(
                "`{}={path}` names `{}`, which is not among the inputs, so {} was not checked.",
                entry.key,
                base_name(path),
                role.describe()
            )
        }
    }
    fn help(&self) -> String {
        let (entry, role) = (self.entry, self.role);
        let path = entry.value.as_str();
        if self.absent {
            format!(
                "Put {} at `{path}`, or correct `{}` in {}.",
                role.describe(),
                entry.key,
                self.config.file_name()
            )
        } else {
            format!("Add `{}` to the files to check it too.", base_name(path))
        }
    }
}
