use crate::facts::Facts;
use crate::listing::FileMeta;
use crate::pki::Role;
use crate::report::Location;
use crate::rules::{declare_rule, Applicability, ModelRule, Sink, Subject, Violation};

declare_rule! {
    /// ## What it checks
    /// The permissions of private keys, from a pasted `ls -l`/`stat` listing or, on the command line,
    /// from the files themselves: Workbench's key, the Launcher's key, `launcher.pem`, and any other file
    /// that holds a private key. Readable by others: error. Readable by the group: warning. The
    /// recommended mode for Workbench's certificate and key is 400 (or 600), owner `root:root`.
    ///
    /// ## Why it breaks Workbench
    /// Anyone who can read the key can impersonate the server (or, with `launcher.pem`, forge session
    /// requests). rserver also refuses a group-readable `launcher.pem` (0640, as Kubernetes secret mounts
    /// with `fsGroup` produce).
    ///
    /// ## How to fix
    /// `sudo chown root:root /etc/rstudio/ssl/workbench.key && sudo chmod 600 /etc/rstudio/ssl/workbench.key`
    /// (`chmod 600 /etc/rstudio/launcher.pem` likewise). For the Launcher's key, owner `rstudio-server`
    /// (its `server-user`) and mode 400.
    ///
    /// ## References
    /// - Posit Workbench Admin Guide: "Secure Sockets (SSL)" (root, mode 600); Job Launcher
    ///   "Configuration" (launcher.pem mode 600).
    /// - Posit support: "Using SSL with Posit Workbench" (400 for certificate files).
    pub struct FilePermissionsTooOpen {
        name: "file-permissions-too-open",
        severity: Error | Warning,
        severity_when: "warning when only the group, not everyone, can read the key",
        channel: None | A | B | C,
        summary: "A private key file is readable by group or others",
    }
}

impl ModelRule for FilePermissionsTooOpen {
    fn applies(&self, model: &Facts) -> Applicability {
        if model.permissions.is_empty() {
            Applicability::Skip
        } else {
            Applicability::Applies
        }
    }

    fn check(&self, model: &Facts, out: &mut Sink) {
        // Key files: the inputs that hold a private key, and the key paths the configs name.
        let mut keys: Vec<(String, Role)> = model
            .pki
            .iter()
            .filter(|f| {
                f.private_keys().next().is_some()
                    || matches!(
                        f.role,
                        Role::RserverKey | Role::LauncherKey | Role::LauncherPem
                    )
            })
            .map(|f| (f.name.clone(), f.role))
            .collect();
        for (_, entry, role) in model.referenced_files() {
            if matches!(role, Role::RserverKey | Role::LauncherKey)
                && !keys.iter().any(|(n, _)| {
                    crate::input::base_name(n) == crate::input::base_name(&entry.value)
                })
            {
                keys.push((entry.value.clone(), role));
            }
        }
        for (name, role) in keys {
            let Some(meta) = model.permissions_of(&name) else {
                continue;
            };
            if !meta.others_read() && !meta.group_read() {
                continue;
            }
            out.report(
                Subject::Role(role, Location::file(&name)),
                OpenKey {
                    name: &name,
                    role,
                    meta,
                },
            );
        }
    }
}

/// A private key file that the group or everyone can read.
struct OpenKey<'a> {
    name: &'a str,
    role: Role,
    /// Its owner, group and mode.
    meta: &'a FileMeta,
}

impl Violation for OpenKey<'_> {
    type Level = Level;
    fn level(&self) -> Level {
        if self.meta.others_read() {
            Level::Error
        } else {
            Level::Warning
        }
    }
    fn message(&self) -> String {
        let meta = self.meta;
        let who = if meta.others_read() {
            "everyone on the machine"
        } else {
            "the group"
        };
        format!(
            "The private key `{}` ({}) has mode {} ({}:{}): {who} can read it.",
            self.name,
            self.role.describe(),
            meta.mode_text(),
            meta.owner,
            meta.group
        )
    }
    fn help(&self) -> String {
        let (owner, mode) = if self.role == Role::LauncherKey {
            ("rstudio-server:rstudio-server", "400")
        } else {
            ("root:root", "600")
        };
        format!(
            "`sudo chown {owner} {0} && sudo chmod {mode} {0}`",
            self.meta.path
        )
    }
}
