use crate::facts::Facts;
use crate::listing::FileMeta;
use crate::model::LauncherView;
use crate::pki::Role;
use crate::report::Location;
use crate::rules::{declare_rule, Applicability, ModelRule, Sink, Subject, Violation};

declare_rule! {
    /// ## What it checks
    /// With Launcher SSL on, whether the Launcher's certificate and key files (launcher.conf
    /// `certificate-file`, `certificate-key-file`) are readable by launcher.conf's `server-user` (default
    /// `rstudio-server`), from the listing or, on the command line, the files themselves. The user's
    /// group is taken to be `admin-group` if set, else a group named like the user.
    ///
    /// ## Why it breaks Workbench
    /// The Launcher starts as root, then drops to `server-user` and reads its certificate and key as that
    /// user. A key that only root can read (`root:root 600`, the right mode for Workbench's own key)
    /// makes the Launcher fail to start its HTTPS listener.
    ///
    /// ## How to fix
    /// `sudo chown rstudio-server:rstudio-server /etc/rstudio/launcher.{crt,key} && sudo chmod 400
    /// /etc/rstudio/launcher.{crt,key}` (use your `server-user` and `admin-group`).
    ///
    /// ## References
    /// - Posit Workbench Admin Guide: launcher.conf reference (readable by server-user).
    /// - Posit support: "Using SSL with Posit Workbench" (server-user:admin-group, mode 400).
    pub struct LauncherFileUnreadable {
        name: "launcher-file-unreadable",
        severity: Error,
        channel: B,
        summary: "The Launcher certificate or key is not readable by the Launcher's server-user",
    }
}

impl ModelRule for LauncherFileUnreadable {
    fn applies(&self, model: &Facts) -> Applicability {
        if model.permissions.is_empty() {
            Applicability::Skip
        } else {
            Applicability::Applies
        }
    }

    fn check(&self, model: &Facts, out: &mut Sink) {
        for launcher in model
            .configs
            .iter()
            .filter(|c| c.kind == crate::catalog::ConfigKind::Launcher)
            .map(LauncherView::new)
        {
            if !launcher.server.flag("enable-ssl") {
                continue;
            }
            let user = launcher.server.get("server-user").value;
            let group = launcher
                .server
                .value("admin-group")
                .unwrap_or(&user)
                .to_string();
            for (key, role) in [
                ("certificate-file", Role::LauncherCertificate),
                ("certificate-key-file", Role::LauncherKey),
            ] {
                let Some(path) = launcher.server.value(key) else {
                    continue;
                };
                let Some(meta) = model.permissions_of(path) else {
                    continue;
                };
                if !meta.readable_by(&user, &group) {
                    out.report(
                        Subject::At(Location::file(path)),
                        Unreadable {
                            path,
                            role,
                            meta,
                            user: &user,
                            group: &group,
                            setting: launcher.file.entry_location(
                                launcher.server.explicit(key).expect("value() found it"),
                            ),
                        },
                    );
                }
            }
        }
    }
}

/// A Launcher certificate or key file that the Launcher's server user cannot read.
struct Unreadable<'a> {
    path: &'a str,
    role: Role,
    /// Its owner, group and mode.
    meta: &'a FileMeta,
    /// launcher.conf's `server-user`.
    user: &'a str,
    /// The user's group: `admin-group`, else the user's name.
    group: &'a str,
    /// The setting that names the file.
    setting: Location,
}

impl Violation for Unreadable<'_> {
    type Level = Level;
    fn level(&self) -> Level {
        Level::Error
    }
    fn message(&self) -> String {
        let meta = self.meta;
        format!(
            "{} `{}` is {}:{} mode {}: the Launcher's server user `{}` cannot read it.",
            crate::base::upper_first(self.role.describe()),
            self.path,
            meta.owner,
            meta.group,
            meta.mode_text(),
            self.user
        )
    }
    fn help(&self) -> String {
        let (user, group, path) = (self.user, self.group, self.path);
        format!("`sudo chown {user}:{group} {path} && sudo chmod 400 {path}`")
    }
    fn related(&self) -> Vec<Location> {
        vec![self.setting.clone()]
    }
}
