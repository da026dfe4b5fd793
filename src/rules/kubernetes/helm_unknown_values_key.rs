use crate::facts::Facts;
use crate::input::kubernetes::chart::Version;
use crate::input::kubernetes::tree::{Node, Origin};
use crate::input::kubernetes::yaml;
use crate::rules::kubernetes::{kube, location};
use crate::rules::{declare_rule, Applicability, ModelRule, Sink, Subject, Violation};

declare_rule! {
    /// ## What it checks
    /// Every key of the values given (files and `--set` flags) is one the chart knows at its
    /// version: at the top level and in the chart's structured maps (`service`, `ingress`,
    /// `sharedStorage`, `homeStorage`, `launcher`, `session`, `pod`, `config`, `license`,
    /// `loadBalancer`, `prometheus`). Free-form maps (the files under `config.server`, annotations,
    /// labels, resources) are not judged. A key the chart had at another shipped version is named
    /// as such ("belongs to charts 0.5.8 to 0.9.16"); otherwise the nearest known key is offered.
    ///
    /// ## Why it breaks Workbench
    /// Helm ignores a key its chart does not read, without a word: `Ingress:` instead of `ingress:`,
    /// `replica: 2`, or `secureCookieKey: "<string>"` on a chart that wants `secureCookieKey.value`
    /// leave the setting at the chart's default while the file says otherwise.
    ///
    /// ## How to fix
    /// Rename the key to the one the chart reads (the finding proposes it), or move it to the
    /// structure of your chart version (`helm show values rstudio/rstudio-workbench --version X`).
    ///
    /// ## References
    /// - rstudio/helm, charts/rstudio-workbench/values.yaml at each version (data/kubernetes/chart-defaults/).
    pub struct HelmUnknownValuesKey {
        name: "helm-unknown-values-key",
        severity: Warning,
        channel: None,
        summary: "a values key the chart does not read at its version: Helm ignores it",
    }
}

/// Maps whose keys the chart defines; below them, anything goes.
const STRUCTURED: [&str; 11] = [
    "service",
    "ingress",
    "sharedStorage",
    "homeStorage",
    "launcher",
    "session",
    "pod",
    "config",
    "license",
    "loadBalancer",
    "prometheus",
];

/// Keys the chart reads without listing them in its values.yaml.
const UNLISTED: [&str; 4] = ["fullnameOverride", "nameOverride", "global", "extraObjects"];

impl ModelRule for HelmUnknownValuesKey {
    fn applies(&self, facts: &Facts) -> Applicability {
        match kube(facts) {
            Some(k) if k.user_values.is_some() && k.values.is_some() => match &k.source {
                crate::input::kubernetes::Source::Values {
                    defaults: Some(_), ..
                } => Applicability::Applies,
                _ => Applicability::Skip,
            },
            _ => Applicability::Skip,
        }
    }

    fn check(&self, facts: &Facts, out: &mut Sink) {
        let Some(k) = kube(facts) else { return };
        let (
            Some(user),
            crate::input::kubernetes::Source::Values {
                defaults: Some(used),
                ..
            },
        ) = (&k.user_values, &k.source)
        else {
            return;
        };
        let Some(own) = &k.chart_values else {
            return;
        };
        // The other versions' values, read only when a key is not in this one's.
        let all = facts.options.chart_defaults();
        let others = std::cell::OnceCell::new();
        let schemas = || -> &Vec<(Version, Node)> {
            others.get_or_init(|| {
                all.iter()
                    .flat_map(|a| a.versions.iter())
                    .filter(|(v, _)| v != used)
                    .filter_map(|(v, text)| {
                        Some((*v, yaml::documents(text, "values.yaml").ok()?.pop()?))
                    })
                    .collect()
            })
        };
        let mut path = Vec::new();
        walk(
            user,
            own,
            &schemas,
            &mut path,
            &mut |key_path, node, found| {
                out.report(
                    Subject::At(location(k, &node.origin)),
                    Unknown {
                        path: key_path.join("."),
                        origin: node.origin.clone(),
                        chart: *used,
                        found,
                    },
                );
            },
        );
    }
}

/// What else is known of an unknown key.
enum Known {
    /// Nothing: the nearest key of the same map, if one is near.
    Nearest(Option<String>),
    /// The key of other shipped versions.
    OtherVersions(Vec<Version>),
}

fn walk<'s>(
    user: &Node,
    own: &Node,
    schemas: &dyn Fn() -> &'s Vec<(Version, Node)>,
    path: &mut Vec<String>,
    report: &mut dyn FnMut(&[String], &Node, Known),
) {
    let Some(entries) = user.map() else { return };
    let Some(own_map) = own.map() else { return };
    for (key, value) in entries {
        if value.is_null() || (path.is_empty() && UNLISTED.contains(&key.as_str())) {
            continue;
        }
        path.push(key.clone());
        match own.get(key) {
            Some(child) => {
                let structured = path.len() == 1 && STRUCTURED.contains(&key.as_str());
                if structured && child.map().is_some_and(|m| !m.is_empty()) {
                    walk(value, child, schemas, path, report);
                }
            }
            None => {
                let refs: Vec<&str> = path.iter().map(String::as_str).collect();
                let others: Vec<Version> = schemas()
                    .iter()
                    .filter(|(_, schema)| schema.at(&refs).is_some())
                    .map(|(v, _)| *v)
                    .collect();
                let found = if others.is_empty() {
                    let nearest = own_map
                        .iter()
                        .map(|(k, _)| {
                            (
                                strsim::jaro_winkler(
                                    &k.to_ascii_lowercase(),
                                    &key.to_ascii_lowercase(),
                                ),
                                k,
                            )
                        })
                        .filter(|(score, _)| *score > 0.85)
                        .max_by(|a, b| a.0.total_cmp(&b.0))
                        .map(|(_, k)| k.clone());
                    Known::Nearest(nearest)
                } else {
                    Known::OtherVersions(others)
                };
                report(path, value, found);
            }
        }
        path.pop();
    }
}

struct Unknown {
    path: String,
    origin: Origin,
    chart: Version,
    found: Known,
}

impl Violation for Unknown {
    type Level = Level;
    fn level(&self) -> Level {
        Level::Warning
    }
    fn message(&self) -> String {
        let (path, chart) = (&self.path, self.chart);
        let what = match &self.found {
            Known::OtherVersions(versions) => {
                let first = versions.first().map(Version::to_string).unwrap_or_default();
                let last = versions.last().map(Version::to_string).unwrap_or_default();
                let range = if first == last {
                    format!("chart {first}")
                } else {
                    format!("charts {first} to {last}")
                };
                format!("`{path}` belongs to the values of {range} (of those wb-ssl-check knows), not to chart {chart}")
            }
            Known::Nearest(Some(near)) => {
                let parent = path
                    .rsplit_once('.')
                    .map(|(p, _)| format!("{p}."))
                    .unwrap_or_default();
                format!("chart {chart} has no values key `{path}`; did you mean `{parent}{near}`?")
            }
            Known::Nearest(None) => format!("chart {chart} has no values key `{path}`"),
        };
        format!(
            "{what}: Helm ignores it without a word, so the setting stays at the chart's default. (Decided by {}.)",
            self.origin.words()
        )
    }
    fn help(&self) -> String {
        match &self.found {
            Known::Nearest(Some(near)) => format!("Rename the key to `{near}`, the one the chart reads."),
            Known::OtherVersions(_) => format!("Move it to where chart {} reads it (`helm show values rstudio/rstudio-workbench --version {}` shows its values), or install the chart version the file was written for.", self.chart, self.chart),
            Known::Nearest(None) => format!("Remove it, or write it where chart {} reads it (`helm show values rstudio/rstudio-workbench --version {}`).", self.chart, self.chart),
        }
    }
}
