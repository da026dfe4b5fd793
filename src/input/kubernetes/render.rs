//! What the chart's templates write into the pod from the merged values: the config files, as
//! `rstudio-library.config.ini` renders them, with the settings the templates inject themselves.
//!
//! Only the templates that bear on the channels are modelled (../shared/spec/kubernetes.md §2–§3): a
//! Go-template engine is out of scope, and evaluating one would need the chart's code, which we do not
//! ship.

use super::chart::Version;
use super::tree::{Node, Origin, Value};

/// A config file the chart renders, with where each of its lines came from.
#[derive(Clone, Debug)]
pub struct RenderedFile {
    /// The file's name in the pod (`rserver.conf`).
    pub name: String,
    /// The pod's folder it is mounted in (`/mnt/configmap/rstudio`).
    pub folder: &'static str,
    pub text: String,
    /// The origin of each line, by line number - 1.
    pub lines: Vec<Option<Origin>>,
    /// The values key that holds the file (`config.server."rserver.conf"`), as a path.
    pub values_path: Vec<String>,
}

/// The names the chart gives the release's objects.
#[derive(Clone, Debug, Default)]
pub struct Release {
    pub name: Option<String>,
    pub namespace: Option<String>,
}

impl Release {
    /// `rstudio-workbench.fullname` (Helm's standard helper): `fullnameOverride`, else the release
    /// name when it contains the chart's name, else `<release>-<chart>`, cut at 63 characters.
    pub fn fullname(&self, values: &Node) -> String {
        if let Some(full) = values.get("fullnameOverride").and_then(Node::str) {
            if !full.is_empty() {
                return dns_label(full);
            }
        }
        let chart = values
            .get("nameOverride")
            .and_then(Node::str)
            .filter(|s| !s.is_empty())
            .unwrap_or("rstudio-workbench");
        let release = self.name.as_deref().unwrap_or("RELEASE");
        if release.contains(chart) {
            dns_label(release)
        } else {
            dns_label(&format!("{release}-{chart}"))
        }
    }

    pub fn namespace(&self) -> &str {
        self.namespace.as_deref().unwrap_or("NAMESPACE")
    }
}

fn dns_label(s: &str) -> String {
    let cut: String = s.chars().take(63).collect();
    cut.trim_end_matches('-').to_string()
}

/// The config files of `config.server` and `config.profiles`, with the chart's injections.
pub fn config_files(values: &Node, chart: &Version, release: &Release) -> Vec<RenderedFile> {
    let mut files = Vec::new();
    for group in ["server", "profiles"] {
        let Some(entries) = values.at(&["config", group]).and_then(Node::map) else {
            continue;
        };
        for (name, content) in entries {
            if content.is_null() || !looks_like_ini_file(name) {
                continue;
            }
            let mut content = content.clone();
            inject(&mut content, name, values, chart, release);
            files.push(render_file(
                name,
                &content,
                vec!["config".into(), group.into(), name.clone()],
            ));
        }
    }
    // The chart injects `launcher.kubernetes.conf` even when no values key names it.
    if !files.iter().any(|f| f.name == "launcher.kubernetes.conf") {
        let mut content = Node::new(Value::Map(Vec::new()), Origin::Injected(INJECTED));
        inject(
            &mut content,
            "launcher.kubernetes.conf",
            values,
            chart,
            release,
        );
        if content.map().is_some_and(|m| !m.is_empty()) {
            files.push(render_file(
                "launcher.kubernetes.conf",
                &content,
                vec![
                    "config".into(),
                    "server".into(),
                    "launcher.kubernetes.conf".into(),
                ],
            ));
        }
    }
    files
}

const INJECTED: &str = "the chart's template (configmap-general.yaml), not a values key";

/// INI files Workbench reads: not the DCF (`launcher-mounts`), JSON or gcfg files of the same maps.
fn looks_like_ini_file(name: &str) -> bool {
    name.ends_with(".conf") || name == "load-balancer"
}

/// The settings the chart's `configmap-general.yaml` layers under the user's map (`mergeOverwrite`:
/// the user's keys win). A file given as one string is written verbatim, without them.
fn inject(content: &mut Node, name: &str, values: &Node, chart: &Version, release: &Release) {
    let Value::Map(entries) = &mut content.value else {
        return;
    };
    let mut add = |key: &str, value: Value| {
        if !entries.iter().any(|(k, _)| k == key) {
            entries.push((
                key.to_string(),
                Node::new(value, Origin::Injected(INJECTED)),
            ));
        }
    };
    match name {
        // Since 0.4.0-rc15 (137a5696): the Service's cluster name, http and :80 hard-coded.
        "rserver.conf" if *chart >= Version::new(0, 4, 0) => {
            add(
                "launcher-sessions-callback-address",
                Value::Str(format!(
                    "http://{}.{}.svc.cluster.local:80",
                    release.fullname(values),
                    release.namespace()
                )),
            );
            if *chart >= Version::new(0, 21, 0) {
                if let Some(user) = values
                    .at(&["pod", "serviceAccountUser"])
                    .and_then(Node::str)
                {
                    if !user.is_empty() {
                        add("server-user", Value::Str(user.to_string()));
                    }
                }
            }
        }
        "launcher.kubernetes.conf" if *chart >= Version::new(0, 5, 12) => {
            let namespace = values
                .at(&["launcher", "namespace"])
                .and_then(Node::str)
                .filter(|s| !s.is_empty())
                .unwrap_or(release.namespace());
            add("kubernetes-namespace", Value::Str(namespace.to_string()));
            if *chart >= Version::new(0, 5, 22)
                && values
                    .at(&["launcher", "useTemplates"])
                    .is_some_and(Node::truthy)
            {
                add("use-templating", Value::Number(1.0));
            }
        }
        _ => {}
    }
}

/// `rstudio-library.config.ini`: a string verbatim; a map in sorted key order, a map value as a
/// `[section]` of sorted `key=value` lines and a blank line, a list of maps as repeated sections.
fn render_file(name: &str, content: &Node, values_path: Vec<String>) -> RenderedFile {
    let mut text = String::new();
    let mut lines: Vec<Option<Origin>> = Vec::new();
    let mut push = |line: String, origin: Option<Origin>| {
        text.push_str(&line);
        text.push('\n');
        lines.push(origin);
    };
    match &content.value {
        Value::Str(verbatim) => {
            // Each line of a block scalar is on its own line of the values file, after the key's.
            let first = content.line().map(|l| l + 1);
            for (i, line) in verbatim.lines().enumerate() {
                let origin = match (&content.origin, first) {
                    (Origin::File { name, .. }, Some(first)) => Some(Origin::File {
                        name: name.clone(),
                        line: first + i as u32,
                    }),
                    (other, _) => Some(other.clone()),
                };
                push(line.to_string(), origin);
            }
        }
        Value::Map(entries) => {
            for (key, value) in sorted(entries) {
                render_entry(key, value, &mut push);
            }
        }
        Value::Seq(items) => {
            for item in items {
                for (key, value) in sorted(item.map().unwrap_or(&[])) {
                    render_entry(key, value, &mut push);
                }
            }
        }
        _ => push(content.go_string(), Some(content.origin.clone())),
    }
    RenderedFile {
        name: name.to_string(),
        folder: "/mnt/configmap/rstudio",
        text,
        lines,
        values_path,
    }
}

fn render_entry(key: &str, value: &Node, push: &mut impl FnMut(String, Option<Origin>)) {
    let sections: Vec<&Node> = match &value.value {
        Value::Seq(items) => items.iter().collect(),
        _ => vec![value],
    };
    for section in sections {
        match section.map() {
            Some(entries) => {
                push(format!("[{key}]"), Some(section.origin.clone()));
                for (k, v) in sorted(entries) {
                    push(format!("{k}={}", v.go_string()), Some(v.origin.clone()));
                }
                push(String::new(), None);
            }
            None => push(
                format!("{key}={}", section.go_string()),
                Some(section.origin.clone()),
            ),
        }
    }
}

/// Go templates range over a map in sorted key order (keys are unique: the YAML reader and the merge
/// keep the last of a repeated key).
fn sorted(entries: &[(String, Node)]) -> Vec<(&String, &Node)> {
    let mut out: Vec<(&String, &Node)> = entries.iter().map(|(k, v)| (k, v)).collect();
    out.sort_by(|a, b| a.0.cmp(b.0));
    out
}
