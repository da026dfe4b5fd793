use crate::facts::Facts;
use crate::input::kubernetes::literal_secrets;
use crate::rules::kubernetes::{kube, location};
use crate::rules::{declare_rule, Applicability, ModelRule, Sink, Subject, Violation};

declare_rule! {
    /// ## What it checks
    /// The values give the Launcher's private key (`launcherPem`, or `launcherPem.value` from chart
    /// 0.10.0) or the secure cookie key (`secureCookieKey`, `global.secureCookieKey`) literally,
    /// instead of naming a Secret (`existingSecret`, chart 0.10.0 and later) or letting the chart
    /// make them. The key itself is never shown: the finding gives its length. Its shape is judged
    /// where the chart puts it (`/mnt/secret-configmap/rstudio/launcher.pem`): a `launcher.pem` that
    /// is no private key gets the key findings there. Files of `config.secret` (database.conf, the
    /// OpenID client secret) are the chart's documented place for secrets and are not flagged.
    ///
    /// ## Why it breaks Workbench
    /// It does not stop Workbench; it hands its keys to whoever reads the values file, which usually
    /// lives in git and in CI logs. With `launcher.pem`, anyone can sign requests the Launcher
    /// accepts as rserver's (start jobs as any user); with the secure cookie key, anyone can forge
    /// Workbench's sign-in cookies.
    ///
    /// ## How to fix
    /// Keep the keys in Secrets and name them (chart 0.10.0 and later):
    ///
    /// ```yaml
    /// launcherPem:
    ///   existingSecret: workbench-launcher-pem   # key `launcher.pem`
    /// secureCookieKey:
    ///   existingSecret: workbench-cookie-key     # key `secure-cookie-key`
    /// ```
    ///
    /// (`kubectl create secret generic workbench-launcher-pem --from-file=launcher.pem`), or pass
    /// the file at install time without writing it in the values (`--set-file launcherPem.value=launcher.pem`).
    /// Then make new keys: the old ones have been read.
    ///
    /// ## References
    /// - rstudio/helm, charts/rstudio-workbench/README.md ("launcher.pem", "secure-cookie-key") and
    ///   values.yaml (`launcherPem.existingSecret`, `secureCookieKey.existingSecret`).
    /// - Kubernetes documentation: "Good practices for Kubernetes Secrets".
    pub struct HelmSecretInValues {
        name: "helm-secret-in-values",
        severity: Warning,
        channel: None,
        summary: "the Launcher's private key or the secure cookie key is written in the values file",
    }
}

impl ModelRule for HelmSecretInValues {
    fn applies(&self, facts: &Facts) -> Applicability {
        match kube(facts) {
            Some(k) if k.user_values.is_some() && k.chart().is_some() => Applicability::Applies,
            _ => Applicability::Skip,
        }
    }

    fn check(&self, facts: &Facts, out: &mut Sink) {
        let Some(k) = kube(facts) else { return };
        let (Some(user), Some(chart)) = (&k.user_values, k.chart()) else {
            return;
        };
        for (file, path) in literal_secrets(user, &chart) {
            let keys: Vec<&str> = path.iter().map(String::as_str).collect();
            let Some(node) = user.at(&keys) else { continue };
            // A value passed with `--set-file` was never written in a file: nothing to leak.
            if matches!(node.origin, crate::input::kubernetes::tree::Origin::Flag(_)) {
                continue;
            }
            out.report(
                Subject::At(location(k, &node.origin)),
                Literal {
                    key: path.join("."),
                    file,
                    length: node.go_string().trim().len(),
                    decided_by: node.origin.words(),
                },
            );
        }
    }
}

struct Literal {
    key: String,
    file: &'static str,
    length: usize,
    decided_by: String,
}

impl Violation for Literal {
    type Level = Level;
    fn level(&self) -> Level {
        Level::Warning
    }
    fn message(&self) -> String {
        let what = if self.file == "launcher.pem" {
            "the Launcher's private key"
        } else {
            "the secure cookie key"
        };
        format!(
            "`{}` holds {what} itself ({} characters; not shown here): whoever reads the values file (git, CI logs) has it. (Decided by {}.)",
            self.key, self.length, self.decided_by
        )
    }
    fn help(&self) -> String {
        let base = self.key.trim_end_matches(".value");
        format!(
            "Put it in a Secret and name it with `{base}.existingSecret` (chart 0.10.0 and later), or pass it at install time with `--set-file {}=<file>`; then make a new key, since this one has been read.",
            self.key
        )
    }
}
