use crate::config::Setting;
use crate::facts::DeploymentFacts;
use crate::report::Location;
use crate::rules::{declare_rule, Applicability, DeploymentRule, Sink, Subject, Violation};

declare_rule! {
    /// ## What it checks
    /// launcher.conf `admin-group` (when set) against the account Workbench runs as: rserver.conf's
    /// `server-user` (default `rstudio-server`), or, without rserver.conf, launcher.conf's own
    /// `server-user`. The group is normally named like the user. (rserver.conf's own `admin-group` is a
    /// different setting, for the admin dashboard.)
    ///
    /// ## Why it breaks Workbench
    /// The Launcher lets members of `admin-group` see and control every user's jobs. Workbench (running
    /// as `server-user`) needs that right to list and manage sessions; if `admin-group` is not the
    /// server user's group, the Workbench homepage cannot show or stop users' Launcher sessions, and
    /// the group you named gets that power instead.
    ///
    /// ## How to fix
    /// Set `admin-group` to the primary group of the server user, normally `admin-group=rstudio-server`
    /// (check with `id -gn rstudio-server`), or remove the line and let Workbench set it.
    ///
    /// ## References
    /// - Posit Workbench Admin Guide: Job Launcher "Configuration" (admin-group must be the group of
    ///   rserver's server-user); launcher.conf reference.
    pub struct AdminGroupMismatch {
        name: "admin-group-mismatch",
        severity: Warning,
        channel: B,
        summary: "launcher.conf admin-group is not the group of Workbench's server-user",
    }
}

impl DeploymentRule for AdminGroupMismatch {
    fn applies(&self, d: &DeploymentFacts) -> Applicability {
        match d.launcher() {
            Some(l) if l.server.is_set("admin-group") => Applicability::Applies,
            _ => Applicability::Skip,
        }
    }

    fn check(&self, d: &DeploymentFacts, out: &mut Sink) {
        let Some(l) = d.launcher() else { return };
        let group = l.server.get("admin-group");
        let user = match d.rserver() {
            Some(r) => r.get("server-user"),
            None => l.server.get("server-user"),
        };
        if group.value != user.value {
            out.report(
                Subject::At(group.location()),
                NotServerGroup { group, user },
            );
        }
    }
}

/// launcher.conf's `admin-group` and the server user it should be the group of.
struct NotServerGroup<'a> {
    group: Setting<'a>,
    user: Setting<'a>,
}

impl Violation for NotServerGroup<'_> {
    type Level = Level;
    fn level(&self) -> Level {
        Level::Warning
    }
    fn message(&self) -> String {
        format!("`admin-group={}` is not the group of Workbench's server user ({}); the group is normally named like the user.", self.group.value, self.user.describe())
    }
    fn help(&self) -> String {
        format!(
            "Set `admin-group={}` (the output of `id -gn {}`), or remove the line.",
            self.user.value, self.user.value
        )
    }
    fn related(&self) -> Vec<Location> {
        if self.user.is_default() {
            Vec::new()
        } else {
            vec![self.user.location()]
        }
    }
}
