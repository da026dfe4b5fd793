use crate::facts::Facts;
use crate::input::base_name;
use crate::report::Severity;
use crate::rules::{declare_rule, Applicability, ModelRule, Sink};

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
            let (severity, message, help) = match on_server {
                Some(f) if f.meta.is_none() => (
                    Severity::Error,
                    format!("`{}={path}` names a file that does not exist on this server: {} will not start.", entry.key, if role.channel() == crate::report::Channel::B { "the Launcher" } else { "Workbench" }),
                    format!("Put {} at `{path}`, or correct `{}` in {}.", role.describe(), entry.key, config.kind.file_name()),
                ),
                Some(_) => continue,
                None => (
                    Severity::Info,
                    format!("`{}={path}` names `{}`, which is not among the inputs, so {} was not checked.", entry.key, base_name(path), role.describe()),
                    format!("Add `{}` to the files to check it too.", base_name(path)),
                ),
            };
            let f = out.emit_with(severity, config.entry_location(entry), message, help);
            f.channel = role.channel();
        }
    }
}
