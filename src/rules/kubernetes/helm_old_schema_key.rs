use crate::facts::Facts;
use crate::input::kubernetes::chart::Version;
use crate::input::kubernetes::tree::Value;
use crate::rules::kubernetes::{kube, location};
use crate::rules::{declare_rule, Applicability, ModelRule, Sink, Subject, Violation};

declare_rule! {
    /// ## What it checks
    /// The keys whose shape changed in chart 0.10.0 have the shape of the chart version used:
    /// `launcherPem`, `secureCookieKey`, `global.secureCookieKey` and `userPassword` are plain strings
    /// before 0.10.0, and maps from 0.10.0 on (`value`, or `existingSecret`, the name of a Secret
    /// that holds it). The version comes from `--version` in a pasted helm command or from a
    /// Chart.yaml/Chart.lock dependency; without one, the newest known chart is assumed and the
    /// finding says so.
    ///
    /// ## Why it breaks Workbench
    /// A key in the other version's shape is not the key Workbench gets. From 0.10.0 the chart reads
    /// `launcherPem.value` and `launcherPem.existingSecret`: a string at `launcherPem` is not used
    /// (the chart makes a key of its own, which changes at every upgrade unless kept), or the chart
    /// fails to render. Before 0.10.0 the chart writes the string itself into the file: a map there
    /// is written as text (`map[value:...]`), which is no key at all, and the Launcher or rserver
    /// cannot start.
    ///
    /// ## How to fix
    /// From chart 0.10.0:
    ///
    /// ```yaml
    /// launcherPem:
    ///   existingSecret: workbench-launcher-pem   # a Secret with the key `launcher.pem`
    /// secureCookieKey:
    ///   existingSecret: workbench-cookie-key     # a Secret with the key `secure-cookie-key`
    /// ```
    ///
    /// Before it, the string itself (`launcherPem: |` then the PEM text). Or move to the chart
    /// version the values were written for (`helm upgrade --version`).
    ///
    /// ## References
    /// - rstudio/helm, charts/rstudio-workbench/NEWS.md, 0.10.0 ("BREAKING": the keys become maps)
    ///   and values.yaml of each version.
    pub struct HelmOldSchemaKey {
        name: "helm-old-schema-key",
        severity: Error | Warning,
        severity_when: "warning when no chart version was given: the values may be right for the version really installed, which then should be pinned",
        channel: None,
        summary: "a values key has the shape of another chart version (string before 0.10.0, map from it on)",
    }
}

/// The keys that became maps in chart 0.10.0.
const CHANGED: [&[&str]; 4] = [
    &["launcherPem"],
    &["secureCookieKey"],
    &["global", "secureCookieKey"],
    &["userPassword"],
];

const MAPS_FROM: Version = Version::new(0, 10, 0);

impl ModelRule for HelmOldSchemaKey {
    fn applies(&self, facts: &Facts) -> Applicability {
        match kube(facts) {
            Some(k) if k.user_values.is_some() && k.chart().is_some() => Applicability::Applies,
            _ => Applicability::Skip,
        }
    }

    fn check(&self, facts: &Facts, out: &mut Sink) {
        let Some(k) = kube(facts) else { return };
        let (Some(user), Some(chart), Some(said)) = (&k.user_values, k.chart(), k.chart_words())
        else {
            return;
        };
        let maps = chart >= MAPS_FROM;
        for path in CHANGED {
            let Some(node) = user.at(path) else { continue };
            let wrong = match &node.value {
                Value::Str(s) => maps && !s.is_empty(),
                Value::Map(_) => !maps,
                _ => false,
            };
            if wrong {
                out.report(
                    Subject::At(location(k, &node.origin)),
                    OtherShape {
                        key: path.join("."),
                        map_given: matches!(node.value, Value::Map(_)),
                        chart: said.clone(),
                        assumed: k.chart_assumed(),
                        decided_by: node.origin.words(),
                    },
                );
            }
        }
    }
}

struct OtherShape {
    key: String,
    map_given: bool,
    chart: String,
    /// No chart version was given: the newest was assumed, and the values may be written for the
    /// one really installed. `helm upgrade` without `--version` installs the newest, though, so
    /// it stays a finding, as a warning that asks for the version to be pinned.
    assumed: bool,
    decided_by: String,
}

impl Violation for OtherShape {
    type Level = Level;
    fn level(&self) -> Level {
        if self.assumed {
            Level::Warning
        } else {
            Level::Error
        }
    }
    fn message(&self) -> String {
        let key = &self.key;
        if self.map_given {
            format!(
                "`{key}` is a map (`value`, `existingSecret`), the shape of chart 0.10.0 and later, but {} takes a plain string there and writes the map into the file as text, which is no key. (Decided by {}.)",
                self.chart, self.decided_by
            )
        } else {
            format!(
                "`{key}` is a plain string, the shape of charts before 0.10.0, but {} reads `{key}.value` or `{key}.existingSecret`: the string is not the key Workbench gets. (Decided by {}.)",
                self.chart, self.decided_by
            )
        }
    }
    fn help(&self) -> String {
        let key = &self.key;
        if self.map_given {
            format!("Give `{key}` as the string itself for this chart version, or upgrade the chart to 0.10.0 or later (`helm upgrade --version`).")
        } else {
            let pin = if self.assumed {
                "If the chart installed is older than 0.10.0, pin it instead (`helm upgrade --version <the version>`), and give that version here. Otherwise m"
            } else {
                "M"
            };
            format!("{pin}ove the value to `{key}.value` (`--set-file {key}.value=<file>`), or better to a Secret named by `{key}.existingSecret`.")
        }
    }
}
