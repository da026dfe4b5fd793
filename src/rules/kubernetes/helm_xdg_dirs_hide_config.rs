use crate::facts::Facts;
use crate::input::kubernetes::tree::{Node, Origin};
use crate::input::kubernetes::Kubernetes;
use crate::rules::kubernetes::{kube, location};
use crate::rules::{declare_rule, Applicability, ModelRule, Sink, Subject, Violation};

declare_rule! {
    /// ## What it checks
    /// On Kubernetes, the `XDG_CONFIG_DIRS` Workbench is given (the chart's `xdgConfigDirs`, or the
    /// env of a rendered Deployment) still lists the folders the chart mounts its files in:
    /// `/mnt/configmap` (`config.server`: rserver.conf, launcher.conf), `/mnt/secret-configmap`
    /// (`config.secret`, `launcher.pem`, `secure-cookie-key`), `/mnt/session-configmap`
    /// (`config.session`), `/mnt/dynamic` (`launcher.pub`, made at start), and `/mnt/load-balancer`
    /// when there are several pods.
    ///
    /// ## Why it breaks Workbench
    /// In the chart's pod `/etc/rstudio` is empty: Workbench finds every config file through
    /// `XDG_CONFIG_DIRS` only. A list that drops one of these folders hides all its files: rserver
    /// starts with its built-in defaults (no Launcher, no SSL settings, no callback), or without
    /// `launcher.pem`, or the pods without their per-pod `load-balancer` file. The findings on those
    /// files describe files Workbench never reads.
    ///
    /// ## How to fix
    /// Leave `xdgConfigDirs` at the chart's default and add your own folders with
    /// `xdgConfigDirsExtra`:
    ///
    /// ```yaml
    /// xdgConfigDirsExtra:
    ///   - /mnt/my-config
    /// ```
    ///
    /// ## References
    /// - rstudio/helm, charts/rstudio-workbench/values.yaml (`xdgConfigDirs`, `xdgConfigDirsExtra`)
    ///   and README.md, "Configuration files".
    /// - Posit Workbench Admin Guide: Server Management, "Configuration files" (`XDG_CONFIG_DIRS`).
    pub struct HelmXdgDirsHideConfig {
        name: "helm-xdg-dirs-hide-config",
        severity: Error,
        channel: None,
        summary: "XDG_CONFIG_DIRS leaves out a folder the chart mounts Workbench's files in",
    }
}

/// The folders the chart mounts files in, with what each holds. The last only with several pods.
const FOLDERS: [(&str, &str); 5] = [
    (
        "/mnt/configmap",
        "rserver.conf and launcher.conf (`config.server`)",
    ),
    (
        "/mnt/secret-configmap",
        "the secrets (`config.secret`, `launcher.pem`, `secure-cookie-key`)",
    ),
    (
        "/mnt/session-configmap",
        "the session files (`config.session`)",
    ),
    ("/mnt/dynamic", "`launcher.pub`, made when the pod starts"),
    ("/mnt/load-balancer", "each pod's own `load-balancer` file"),
];

/// The list Workbench gets, where it was decided: a user's value or a rendered env only (the
/// chart's own default lists every folder). A team-operator pod mounts other folders
/// (`/mnt/config/rstudio`, `/mnt/secure`): its list is not the chart's, and not judged here.
fn given_list(k: &Kubernetes) -> Option<(String, Origin)> {
    if k.operator.is_some() {
        return None;
    }
    match &k.values {
        Some(v) => v
            .get("xdgConfigDirs")
            .filter(|n| !matches!(n.origin, Origin::ChartDefault(_)))
            .map(|n: &Node| (n.go_string(), n.origin.clone())),
        None => k
            .objects
            .workloads
            .iter()
            .find_map(|w| w.xdg_config_dirs.clone())
            .filter(|(list, _)| {
                !list.split(':').any(|d| {
                    matches!(
                        d.trim().trim_end_matches('/'),
                        "/mnt/config" | "/mnt/config/rstudio"
                    )
                })
            }),
    }
}

impl ModelRule for HelmXdgDirsHideConfig {
    fn applies(&self, facts: &Facts) -> Applicability {
        match kube(facts).and_then(given_list) {
            Some(_) => Applicability::Applies,
            None => Applicability::Skip,
        }
    }

    fn check(&self, facts: &Facts, out: &mut Sink) {
        let Some(k) = kube(facts) else { return };
        let Some((list, origin)) = given_list(k) else {
            return;
        };
        let listed: Vec<&str> = list
            .split(':')
            .map(|d| d.trim().trim_end_matches('/'))
            .collect();
        let load_balanced =
            k.load_balanced() || k.objects.workloads.iter().any(|w| w.load_balancing_env);
        let missing: Vec<(&'static str, &'static str)> = FOLDERS
            .iter()
            .filter(|(dir, _)| *dir != "/mnt/load-balancer" || load_balanced)
            .filter(|(dir, _)| !listed.contains(dir))
            .copied()
            .collect();
        if missing.is_empty() {
            return;
        }
        out.report(
            Subject::At(location(k, &origin)),
            Hidden {
                list,
                missing,
                decided_by: origin.words(),
            },
        );
    }
}

struct Hidden {
    list: String,
    missing: Vec<(&'static str, &'static str)>,
    decided_by: String,
}

impl Violation for Hidden {
    type Level = Level;
    fn level(&self) -> Level {
        Level::Error
    }
    fn message(&self) -> String {
        let hidden: Vec<String> = self
            .missing
            .iter()
            .map(|(dir, holds)| format!("`{dir}`, which holds {holds}"))
            .collect();
        format!(
            "`XDG_CONFIG_DIRS={}` leaves out {}: Workbench finds its files only through this list, so it never reads them, and findings on those files describe files it does not use. (Decided by {}.)",
            self.list,
            hidden.join("; "),
            self.decided_by
        )
    }
    fn help(&self) -> String {
        "Remove `xdgConfigDirs` from your values file (the chart's default lists every folder) and add your own folders with `xdgConfigDirsExtra` instead.".into()
    }
}
