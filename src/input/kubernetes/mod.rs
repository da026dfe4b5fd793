//! Kubernetes installs: Helm values files, pasted `helm` commands, rendered manifests and
//! team-operator resources. Nothing lands in `/etc/rstudio` there (../shared/spec/kubernetes.md §1):
//! this reader turns what was given into the files Workbench will read — the chart's defaults for its
//! version, the user's values merged over them, the chart's own injections — and hands them on as
//! inputs of those names, so the rules never learn YAML. The Kubernetes objects (routes, Services,
//! workloads) become [`Kubernetes`] facts for the rules of the `kubernetes` group.

// Without the `kubernetes` feature (the page's first module) only recognition is used; the reader's
// parts stay compiled, so the types the rules name exist, and the linker drops them.
#![cfg_attr(not(feature = "kubernetes"), allow(dead_code))]

pub mod chart;
pub mod command;
pub mod objects;
pub mod operator;
pub mod render;
pub mod tree;
pub mod values;
pub mod yaml;

use super::{base_name, Input};
use chart::{ChartDefaults, Version};
use objects::Objects;
use render::Release;
use tree::{Node, Origin, Value};

/// What a Kubernetes input is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum KubeInput {
    /// A values file of the `rstudio-workbench` chart (or an umbrella chart's, under its key).
    Values,
    /// Rendered objects: `helm template` or `kubectl get -o yaml` output.
    Manifests,
    /// A team-operator `Site` or `Workbench` resource.
    Operator,
    /// A pasted `helm install|upgrade|template` command.
    Command,
    /// A `Chart.yaml` or `Chart.lock` that names the chart's version.
    ChartFile,
    /// A `.yaml` file that is not YAML: Helm and kubectl refuse it.
    Invalid,
    /// What looks like a Kubernetes input, in a build without the reader (the page's first module):
    /// the page loads the module with the reader and checks again.
    Unread,
}

impl KubeInput {
    pub fn id(self) -> &'static str {
        match self {
            KubeInput::Values => "helm-values",
            KubeInput::Manifests => "kubernetes-objects",
            KubeInput::Operator => "operator-resource",
            KubeInput::Command => "helm-command",
            KubeInput::ChartFile => "helm-chart-file",
            KubeInput::Invalid => "invalid-yaml",
            KubeInput::Unread => "kubernetes-unread",
        }
    }
}

/// Top-level keys of the chart's values that other YAML files rarely have: two of them (or
/// one distinctive one) make a values file.
const VALUES_KEYS: [&str; 24] = [
    "config",
    "ingress",
    "service",
    "replicas",
    "launcher",
    "session",
    "homeStorage",
    "sharedStorage",
    "license",
    "image",
    "pod",
    "userCreate",
    "userName",
    "userPassword",
    "launcherPem",
    "secureCookieKey",
    "loadBalancer",
    "prometheus",
    "rbac",
    "serviceAccount",
    "xdgConfigDirs",
    "extraObjects",
    "components",
    "versionOverride",
];
const WORKBENCH_KEYS: [&str; 12] = [
    "homeStorage",
    "sharedStorage",
    "launcherPem",
    "secureCookieKey",
    "xdgConfigDirs",
    "launcher",
    "session",
    "userCreate",
    "userPassword",
    "license",
    "replicas",
    "loadBalancer",
];

/// The key an umbrella chart keeps Workbench's values under.
const UMBRELLA_KEY: &str = "rstudio-workbench";

fn is_yaml_name(name: &str) -> bool {
    let n = base_name(name).to_ascii_lowercase();
    n.ends_with(".yaml") || n.ends_with(".yml")
}

/// Whether a text may be a Kubernetes input: a `.yaml` name, an object's `apiVersion:` or one of
/// the chart's own keys at the start of a line, or a short text with a `helm install|upgrade|template`
/// line. Cheap, without the reader: the page's first module decides with it whether to load the
/// module that has the reader.
fn may_be_kubernetes(name: &str, text: &str) -> bool {
    let top_level_key = text.lines().any(|l| {
        l.split_once(':').is_some_and(|(key, _)| {
            key == "apiVersion"
                || key == UMBRELLA_KEY
                || key == "config"
                || WORKBENCH_KEYS.contains(&key)
        })
    });
    let short = text.lines().filter(|l| !l.trim().is_empty()).count() <= 20;
    let helm_command = short
        && text.lines().any(|l| {
            let words: Vec<&str> = l.split_whitespace().collect();
            words.windows(2).any(|w| {
                w[0].ends_with("helm") && matches!(w[1], "install" | "upgrade" | "template")
            })
        });
    is_yaml_name(name) || top_level_key || helm_command
}

/// What a text input is, when it is a Kubernetes input, with a description for the inputs list. A
/// build without the reader says only that it may be one ([`KubeInput::Unread`]).
pub fn recognise(name: &str, text: &str) -> Option<(KubeInput, String)> {
    if !may_be_kubernetes(name, text) {
        return None;
    }
    #[cfg(feature = "kubernetes")]
    return classify(name, text).map(|r| (r.kind, r.description));
    #[cfg(not(feature = "kubernetes"))]
    return Some((
        KubeInput::Unread,
        "what looks like a Kubernetes input (Helm values, a helm command, objects): read by the page's Kubernetes reader and the command line".to_string(),
    ));
}

/// A Kubernetes input, recognised: what it is, its words for the inputs list, and what was read of it.
#[cfg(feature = "kubernetes")]
struct Recognised {
    kind: KubeInput,
    description: String,
    /// Its YAML documents (none for a command).
    docs: Vec<Node>,
    /// Why it is not YAML, for [`KubeInput::Invalid`].
    error: Option<yaml::YamlError>,
}

/// What a text input is, when it is a Kubernetes input (read once: recognising it reads its YAML).
#[cfg(feature = "kubernetes")]
fn classify(name: &str, text: &str) -> Option<Recognised> {
    if let Some(c) = command::find(text) {
        // A command in a longer text (a ticket) is still read for symptoms: only a short paste is
        // taken as the command.
        if text.lines().filter(|l| !l.trim().is_empty()).count() <= 20 {
            let description = format!(
                "a `helm` command for {}{}",
                c.chart.as_deref().unwrap_or("a chart"),
                c.version
                    .as_deref()
                    .map(|v| format!(", version {v}"))
                    .unwrap_or_default()
            );
            return Some(Recognised {
                kind: KubeInput::Command,
                description,
                docs: Vec::new(),
                error: None,
            });
        }
    }
    match yaml::documents(text, name) {
        Ok(docs) => {
            let (kind, description) = kind_of_documents(name, &docs)?;
            Some(Recognised {
                kind,
                description,
                docs,
                error: None,
            })
        }
        Err(e) if is_yaml_name(name) => Some(Recognised {
            kind: KubeInput::Invalid,
            description: format!("YAML that does not parse (line {}: {})", e.line, e.message),
            docs: Vec::new(),
            error: Some(e),
        }),
        Err(_) => None,
    }
}

/// Each document, and for a `List` (`kubectl get … -o yaml` on several objects; `SiteList` from the
/// API) its items.
fn with_list_items(docs: &[Node]) -> impl Iterator<Item = &Node> {
    docs.iter().flat_map(|d| {
        let items = match d.get("kind").and_then(Node::str) {
            Some(kind) if kind.ends_with("List") => d.get("items").map(Node::seq).unwrap_or(&[]),
            _ => &[],
        };
        std::iter::once(d).chain(items)
    })
}

/// What YAML documents are: objects, an operator resource, a chart file or Workbench's values.
#[cfg(feature = "kubernetes")]
fn kind_of_documents(name: &str, docs: &[Node]) -> Option<(KubeInput, String)> {
    let maps: Vec<&Node> = docs.iter().filter(|d| d.map().is_some()).collect();
    let has = |d: &Node, k: &str| d.get(k).is_some();
    if maps.iter().any(|d| has(d, "apiVersion") && has(d, "kind")) {
        // `kubectl get site -o yaml` on several gives a `List` of them.
        let operator = with_list_items(docs).any(|d| {
            d.get("apiVersion")
                .and_then(Node::str)
                .is_some_and(|a| a.starts_with("core.posit.team/"))
        });
        let count = maps.len();
        return Some(if operator {
            (
                KubeInput::Operator,
                "a team-operator resource (core.posit.team)".to_string(),
            )
        } else {
            (
                KubeInput::Manifests,
                format!(
                    "Kubernetes objects ({})",
                    crate::base::count(count, "document")
                ),
            )
        });
    }
    if maps
        .iter()
        .any(|d| has(d, "dependencies") && (has(d, "digest") || has(d, "apiVersion")))
    {
        return Some((
            KubeInput::ChartFile,
            "a Helm chart's Chart.yaml or Chart.lock".into(),
        ));
    }
    let values_like = maps.iter().any(|d| {
        let d = d.get(UMBRELLA_KEY).unwrap_or(d);
        let keys = d.map().unwrap_or(&[]);
        let known = keys
            .iter()
            .filter(|(k, _)| VALUES_KEYS.contains(&k.as_str()))
            .count();
        // Generic keys (`service`, `image`, `ingress`) are in every chart's values: one that only
        // Workbench's chart has must be there too.
        let specific = keys
            .iter()
            .any(|(k, _)| WORKBENCH_KEYS.contains(&k.as_str()))
            || ["server", "secret", "session", "profiles"]
                .iter()
                .any(|f| d.at(&["config", f]).is_some());
        let named = base_name(name).to_ascii_lowercase().contains("values");
        specific && (known >= 2 || named)
    });
    values_like.then(|| {
        (
            KubeInput::Values,
            "a Helm values file for the rstudio-workbench chart".to_string(),
        )
    })
}

/// How the deployment's files were made.
#[derive(Clone, Debug, PartialEq)]
pub enum Source {
    /// From values: the chart's defaults of `defaults` (the version used for `chart`), the user's
    /// values and the chart's injections.
    Values {
        chart: Version,
        /// What gave this chart version ("`--version 0.7.6` in the helm command"); `None` when
        /// nothing did and the newest known was assumed.
        chart_from: Option<String>,
        /// The shipped defaults used (the nearest at or below `chart`); `None` when none apply or
        /// they were not available.
        defaults: Option<Version>,
    },
    /// Read from rendered objects: exact.
    Rendered,
    /// A team-operator resource: the operator decides most settings.
    Operator,
}

/// A file made from Kubernetes inputs, and where each of its lines came from.
#[derive(Clone, Debug)]
pub struct DerivedFile {
    /// The input name it is checked under.
    pub name: String,
    pub lines: Vec<Option<Origin>>,
    /// The values key that holds the file, for fixes (`config.server."rserver.conf"`); empty for a
    /// rendered object's file (fixes never edit a rendered manifest).
    pub values_path: Vec<String>,
}

/// One Kubernetes deployment of Workbench, as the inputs describe it.
#[derive(Clone, Debug)]
pub struct Kubernetes {
    pub source: Source,
    /// The names of the inputs it was read from.
    pub from: Vec<String>,
    pub release: Release,
    /// The effective values (chart defaults, then the user's), for values inputs.
    pub values: Option<Node>,
    /// The user's own values, merged, without the chart's defaults.
    pub user_values: Option<Node>,
    /// The chart's own values.yaml of the version used, as read (the schema its keys are judged by).
    pub chart_values: Option<Node>,
    pub objects: Objects,
    pub files: Vec<DerivedFile>,
    /// Derived inputs (config files, PEM data from Secrets), checked as if given.
    pub inputs: Vec<Input>,
    /// `--set-file` flags and `-f -` whose content a command does not carry, and the like.
    pub notes: Vec<String>,
    /// Inputs that are YAML but do not parse: (name, line, message).
    pub invalid: Vec<(String, u32, String)>,
    /// Database settings (`database.conf`) as given: provider, connection-uri and where.
    pub database: Option<Node>,
    /// The Workbench a team-operator resource deploys, when one was given.
    pub operator: Option<operator::OperatorWorkbench>,
}

impl Kubernetes {
    /// The number of Workbench pods, and what decided it.
    pub fn replicas(&self) -> Option<(u32, Origin)> {
        if let Some(values) = &self.values {
            let node = values.get("replicas")?;
            return Some((node.number().unwrap_or(1.0) as u32, node.origin.clone()));
        }
        self.objects
            .workloads
            .iter()
            .find_map(|w| w.replicas.clone())
            .map(|(n, o)| (n as u32, o))
    }

    /// Whether load balancing is on (the chart's `replicas > 1` or `loadBalancer.forceEnabled`).
    pub fn load_balanced(&self) -> bool {
        self.replicas().is_some_and(|(n, _)| n > 1)
            || self
                .values
                .as_ref()
                .and_then(|v| v.at(&["loadBalancer", "forceEnabled"]))
                .is_some_and(Node::truthy)
            || self.objects.workloads.iter().any(|w| w.load_balancing_env)
    }

    /// The pod port a Service of this deployment forwards `port` of `host` to, when `host` names one
    /// (`svc`, `svc.ns`, `svc.ns.svc.cluster.local`): `Some(None)` for a named target port.
    pub fn service_forward(&self, host: &str, port: u16) -> Option<Option<u32>> {
        self.service_named(host).and_then(|s| {
            s.ports
                .iter()
                .find(|(p, _)| *p == u32::from(port))
                .map(|(_, target)| *target)
        })
    }

    /// The Service a cluster host name names: `name`, `name.ns`, `name.ns.svc[.cluster.local]`.
    pub fn service_named(&self, host: &str) -> Option<&objects::Service> {
        let host = host.to_ascii_lowercase();
        self.objects.services.iter().find(|s| {
            let name = s.name.to_ascii_lowercase();
            host == name
                || host.strip_prefix(&format!("{name}.")).is_some_and(|rest| {
                    !rest.contains('.')
                        || rest.ends_with(".svc")
                        || rest.ends_with(".svc.cluster.local")
                })
        })
    }

    /// Adds a file made from the Kubernetes inputs: checked as an input of that name, with where
    /// each of its lines came from.
    fn add_file(
        &mut self,
        name: String,
        content: Vec<u8>,
        lines: Vec<Option<Origin>>,
        values_path: Vec<String>,
    ) {
        self.inputs.push(Input::new(name.clone(), content));
        self.files.push(DerivedFile {
            name,
            lines,
            values_path,
        });
    }

    /// Whether a config file is one this deployment's inputs made.
    pub fn made(&self, file: &str) -> bool {
        self.files.iter().any(|f| f.name == file)
    }

    /// How the derived files were made, in words for the inputs list.
    pub fn made_from(&self) -> String {
        let names = self
            .from
            .iter()
            .map(|n| base_name(n))
            .collect::<Vec<_>>()
            .join(" + ");
        match &self.source {
            Source::Values { chart, defaults: Some(d), .. } if d == chart => format!("{names}: chart {chart}'s defaults, your values and what the chart's templates add"),
            Source::Values { chart, defaults: Some(d), .. } => format!("{names}: the defaults of chart {d} (the nearest known to {chart}), your values and what the chart's templates add"),
            Source::Values { .. } => format!("{names}: your values and what the chart's templates add (the chart's defaults were not available)"),
            Source::Rendered => format!("{names}: a rendered ConfigMap or Secret"),
            Source::Operator => format!("{names}: the operator's resource"),
        }
    }

    /// The chart version in words, with what gave it: "chart 0.9.16 (`--version 0.9.16` in the helm
    /// command)", or that it was assumed.
    pub fn chart_words(&self) -> Option<String> {
        match &self.source {
            Source::Values {
                chart,
                chart_from: Some(from),
                ..
            } => Some(format!("chart {chart} ({from})")),
            Source::Values { chart, .. } => Some(format!(
                "chart {chart}, the newest known, since no chart version was given"
            )),
            _ => None,
        }
    }

    /// Whether nothing in the inputs gave the chart version, so the newest known was assumed.
    pub fn chart_assumed(&self) -> bool {
        matches!(
            self.source,
            Source::Values {
                chart_from: None,
                ..
            }
        )
    }

    /// The chart version the findings are about, for values inputs.
    pub fn chart(&self) -> Option<Version> {
        match &self.source {
            Source::Values { chart, .. } => Some(*chart),
            _ => None,
        }
    }
}

/// A Kubernetes input, read.
struct Read {
    name: String,
    kind: KubeInput,
    text: String,
    docs: Vec<Node>,
}

/// Reads the Kubernetes inputs among `inputs` into one deployment, or `None` when there are none.
#[cfg(feature = "kubernetes")]
pub fn read(inputs: &[Input], defaults: Option<&ChartDefaults>) -> Option<Kubernetes> {
    let mut read: Vec<Read> = Vec::new();
    let mut invalid = Vec::new();
    for input in inputs {
        if input.bytes.len() > crate::limits::MAX_INPUT_BYTES || input.read_error.is_some() {
            continue;
        }
        let (text, _) = super::decode(&input.bytes);
        if !may_be_kubernetes(&input.name, &text) {
            continue;
        }
        let Some(Recognised {
            kind, docs, error, ..
        }) = classify(&input.name, &text)
        else {
            continue;
        };
        if let Some(e) = error {
            invalid.push((input.name.clone(), e.line, e.message));
        }
        read.push(Read {
            name: input.name.clone(),
            kind,
            text,
            docs,
        });
    }
    if read.is_empty() {
        return None;
    }
    let command = read
        .iter()
        .filter(|r| r.kind == KubeInput::Command)
        .find_map(|r| command::find(&r.text));
    let mut notes = Vec::new();
    let release = Release {
        name: command.as_ref().and_then(|c| c.release.clone()),
        namespace: command.as_ref().and_then(|c| c.namespace.clone()),
    };
    let from: Vec<String> = read.iter().map(|r| r.name.clone()).collect();
    let source_label = from
        .iter()
        .map(|n| base_name(n))
        .collect::<Vec<_>>()
        .join(" + ");
    let folder = |pod_folder: &str| format!("{source_label} ▸ {pod_folder}");

    let mut kube = Kubernetes {
        source: Source::Rendered,
        from: from.clone(),
        release,
        values: None,
        user_values: None,
        chart_values: None,
        objects: Objects::default(),
        files: Vec::new(),
        inputs: Vec::new(),
        notes: Vec::new(),
        invalid,
        database: None,
        operator: None,
    };

    // Rendered objects and operator resources first: they are exact.
    for r in read.iter().filter(|r| r.kind == KubeInput::Manifests) {
        for doc in &r.docs {
            objects::read_object(doc, &mut kube.objects);
        }
    }
    let operator = read.iter().any(|r| r.kind == KubeInput::Operator);

    let values_inputs: Vec<&Read> = ordered_values(&read, command.as_ref());
    if !values_inputs.is_empty() || command.is_some() {
        let (chart, chart_from) = chart_version(&read, command.as_ref(), defaults);
        let defaults_used = defaults.and_then(|d| d.for_version(chart));
        let mut user = Node::new(Value::Map(Vec::new()), Origin::Injected("(none)"));
        for r in &values_inputs {
            for doc in &r.docs {
                let doc = doc.get(UMBRELLA_KEY).unwrap_or(doc);
                values::merge(&mut user, doc);
            }
        }
        if let Some(c) = &command {
            for file in &c.values_files {
                if file == "-" {
                    notes.push("the helm command reads values from standard input (`-f -`): give that file too, so its values are checked".to_string());
                } else if !values_inputs
                    .iter()
                    .any(|r| base_name(&r.name) == base_name(file))
                {
                    notes.push(format!("the helm command names the values file `{file}`, which was not given: its values were not checked"));
                }
            }
            for (flag, kind, expr) in &c.sets {
                if *kind == values::SetKind::File {
                    notes.push(format!("`{flag}`: the file's content is not in the command, so that value was not checked"));
                }
                match values::parse_set(expr, *kind, flag) {
                    Ok(tree) => values::merge(&mut user, &tree),
                    Err(why) => notes.push(format!("`{flag}` was not read: {why}")),
                }
            }
        }
        let mut effective = match defaults_used {
            Some((version, text)) => {
                let mut d = yaml::documents(text, "values.yaml")
                    .ok()
                    .and_then(|mut docs| docs.pop())
                    .unwrap_or_else(|| Node::new(Value::Map(Vec::new()), Origin::Injected("")));
                retag(&mut d, &Origin::ChartDefault(version.to_string()));
                d
            }
            None => {
                notes.push(match defaults {
                    None => "the chart's defaults were not available, so only the values given were read (Workbench also gets the chart's defaults for every key not given)".to_string(),
                    Some(_) => format!("chart {chart} is older than the oldest chart whose defaults are known (0.4.0): only the values given were read"),
                });
                Node::new(Value::Map(Vec::new()), Origin::Injected(""))
            }
        };
        kube.chart_values = defaults_used.map(|_| effective.clone());
        values::merge(&mut effective, &user);
        let rendered = render::config_files(&effective, &chart, &kube.release);
        for file in rendered {
            // Files Workbench has but that bear on no channel (logging.conf, the extensions lists)
            // are not made: they would only be listed as not checked.
            if super::known_unchecked_file(&file.name).is_some()
                || super::kind_from_name(&file.name).is_none()
            {
                continue;
            }
            let name = format!("{}/{}", folder(file.folder), file.name);
            kube.add_file(name, file.text.into_bytes(), file.lines, file.values_path);
        }
        // Keys given literally in the values go to the pod as files of the secret folder: the key
        // checks judge their shape there, and never show them.
        for (file, path) in literal_secrets(&user, &chart) {
            let Some(node) = user
                .at(&path.iter().map(String::as_str).collect::<Vec<_>>())
                .cloned()
            else {
                continue;
            };
            let text = node.go_string();
            let name = format!("{}/{file}", folder("/mnt/secret-configmap/rstudio"));
            if kube.inputs.iter().any(|i| i.name == name) {
                continue;
            }
            let lines = text.lines().map(|_| Some(node.origin.clone())).collect();
            kube.add_file(name, text.into_bytes(), lines, path);
        }
        let fullname = kube.release.fullname(&effective);
        kube.objects
            .services
            .push(objects::service_from_values(&effective, &fullname));
        if let Some(route) = objects::ingress_from_values(&effective, &fullname) {
            kube.objects.routes.push(route);
        }
        for extra in effective.get("extraObjects").map(Node::seq).unwrap_or(&[]) {
            match &extra.value {
                Value::Map(_) => objects::read_object(extra, &mut kube.objects),
                Value::Str(s) if s.contains("{{") => notes.push(format!(
                    "an `extraObjects` entry ({}) is a template, which wb-ssl-check does not evaluate",
                    extra.origin.words()
                )),
                Value::Str(s) => {
                    for doc in yaml::documents(s, "extraObjects").unwrap_or_default() {
                        objects::read_object(&doc, &mut kube.objects);
                    }
                }
                _ => {}
            }
        }
        kube.database = effective
            .at(&["config", "secret", "database.conf"])
            .cloned();
        kube.source = Source::Values {
            chart,
            chart_from,
            defaults: defaults_used.map(|(v, _)| v),
        };
        kube.values = Some(effective);
        kube.user_values = Some(user);
    } else if operator {
        kube.source = Source::Operator;
        let docs: Vec<&Node> = read
            .iter()
            .filter(|r| r.kind == KubeInput::Operator)
            .flat_map(|r| with_list_items(&r.docs))
            .collect();
        if let Some((workbench, files)) = operator::read(&docs, &mut kube.objects, &mut notes) {
            for file in files {
                let name = format!("{}/{}", folder(operator::CONFIG_FOLDER), file.name);
                let text: String = file.lines.iter().map(|(l, _)| format!("{l}\n")).collect();
                let lines = file.lines.into_iter().map(|(_, o)| Some(o)).collect();
                kube.add_file(name, text.into_bytes(), lines, Vec::new());
            }
            kube.operator = Some(workbench);
            // The Site controller gives every Workbench a PostgreSQL database, written into
            // database.conf as host, port and user only: no `sslmode` (workbench.go).
            let by_operator = |v: &str| Node::new(Value::Str(v.into()), operator::SITE_CONTROLLER);
            kube.database = Some(Node::new(
                Value::Map(vec![
                    ("provider".into(), by_operator("postgresql")),
                    (
                        "host".into(),
                        by_operator(
                            "the Site's database server (the host of its `main-database-url`)",
                        ),
                    ),
                ]),
                operator::SITE_CONTROLLER,
            ));
        }
    }

    // The files of rendered ConfigMaps and Secrets, as the pod sees them.
    for file in kube.objects.files.clone() {
        let pod_folder = match file.kind {
            "Secret" => "/mnt/secret-configmap/rstudio",
            _ if file.object.ends_with("-session") => "/mnt/session-configmap/rstudio",
            _ => "/mnt/configmap/rstudio",
        };
        let workbench_file = super::kind_from_name(&file.key).is_some()
            || file.key.ends_with(".pem")
            || file.key.ends_with(".crt")
            || file.key.ends_with(".key")
            || file.key == "database.conf";
        if !workbench_file || pod_folder == "/mnt/session-configmap/rstudio" {
            continue;
        }
        if file.key == "database.conf" {
            let text = String::from_utf8_lossy(&file.content);
            kube.database = Some(database_from_ini(&text, &file.origin));
            continue;
        }
        let name = format!("{}/{}", folder(pod_folder), file.key);
        let lines = String::from_utf8_lossy(&file.content)
            .lines()
            .enumerate()
            .map(|(i, _)| match &file.origin {
                Origin::File { name, line } if file.kind == "ConfigMap" => Some(Origin::File {
                    name: name.clone(),
                    line: line + i as u32,
                }),
                other => Some(other.clone()),
            })
            .collect();
        kube.add_file(name, file.content.clone(), lines, Vec::new());
    }
    kube.notes = notes;
    kube.notes.extend(kube.objects.notes.iter().cloned());
    Some(kube)
}

/// `database.conf` text as a values-like map, for the database rules.
fn database_from_ini(text: &str, origin: &Origin) -> Node {
    let parsed = super::config_lines::parse(text);
    Node::new(
        Value::Map(
            parsed
                .entries
                .iter()
                .map(|e| {
                    (
                        e.key.clone(),
                        Node::new(Value::Str(e.value.clone()), origin.clone()),
                    )
                })
                .collect(),
        ),
        origin.clone(),
    )
}

/// Values inputs in the order Helm merges them: as the command's `-f` flags list them, the others
/// first in the order given.
fn ordered_values<'a>(read: &'a [Read], command: Option<&command::HelmCommand>) -> Vec<&'a Read> {
    let mut values: Vec<&Read> = read
        .iter()
        .filter(|r| r.kind == KubeInput::Values)
        .collect();
    if let Some(c) = command {
        let rank = |r: &Read| {
            c.values_files
                .iter()
                .position(|f| base_name(f) == base_name(&r.name))
                .map_or(0, |p| p + 1)
        };
        values.sort_by_key(|r| rank(r));
    }
    values
}

/// The chart version and what gave it: the command's `--version`, a Chart.yaml/Chart.lock
/// dependency, else the newest known (`None`: the report says it was assumed).
fn chart_version(
    read: &[Read],
    command: Option<&command::HelmCommand>,
    defaults: Option<&ChartDefaults>,
) -> (Version, Option<String>) {
    if let Some(v) = command
        .and_then(|c| c.version.as_deref())
        .and_then(Version::parse)
    {
        return (v, Some(format!("`--version {v}` in the helm command")));
    }
    for r in read.iter().filter(|r| r.kind == KubeInput::ChartFile) {
        for doc in &r.docs {
            for dep in doc.get("dependencies").map(Node::seq).unwrap_or(&[]) {
                if dep.get("name").and_then(Node::str) == Some(UMBRELLA_KEY) {
                    if let Some(v) = dep
                        .get("version")
                        .and_then(Node::str)
                        .and_then(Version::parse)
                    {
                        return (v, Some(format!("the dependency in {}", base_name(&r.name))));
                    }
                }
            }
        }
    }
    // A rendered object of the release carries the chart's name and version in its labels.
    for r in read.iter().filter(|r| r.kind == KubeInput::Manifests) {
        let labelled = r.docs.iter().find_map(|doc| {
            let label = doc.at(&["metadata", "labels", "helm.sh/chart"])?.str()?;
            let version = label.strip_prefix(&format!("{UMBRELLA_KEY}-"))?;
            Version::parse(version)
        });
        if let Some(v) = labelled {
            return (
                v,
                Some(format!(
                    "the `helm.sh/chart` label in {}",
                    base_name(&r.name)
                )),
            );
        }
    }
    let newest = defaults
        .and_then(ChartDefaults::newest)
        .unwrap_or(Version::new(0, 22, 0));
    (newest, None)
}

/// The keys the values give literally, as (the file the chart makes of each, its values path):
/// `launcherPem` and the secure cookie key (`global.secureCookieKey` first), as strings before chart
/// 0.10.0 and as `.value` from it on. A key of the other version's shape is `helm-old-schema-key`'s.
pub fn literal_secrets(user: &Node, chart: &Version) -> Vec<(&'static str, Vec<String>)> {
    let maps = *chart >= Version::new(0, 10, 0);
    let mut out = Vec::new();
    let given = |path: &[&str]| -> Option<Vec<String>> {
        let mut path: Vec<&str> = path.to_vec();
        if maps {
            path.push("value");
        }
        user.at(&path)
            .and_then(Node::str)
            .filter(|s| !s.trim().is_empty())
            .map(|_| path.iter().map(|p| p.to_string()).collect())
    };
    if let Some(p) = given(&["launcherPem"]) {
        out.push(("launcher.pem", p));
    }
    if let Some(p) = given(&["global", "secureCookieKey"]).or_else(|| given(&["secureCookieKey"])) {
        out.push(("secure-cookie-key", p));
    }
    out
}

/// Marks every node of the chart's defaults as such.
fn retag(node: &mut Node, origin: &Origin) {
    node.origin = origin.clone();
    match &mut node.value {
        Value::Map(entries) => entries.iter_mut().for_each(|(_, v)| retag(v, origin)),
        Value::Seq(items) => items.iter_mut().for_each(|v| retag(v, origin)),
        _ => {}
    }
}
