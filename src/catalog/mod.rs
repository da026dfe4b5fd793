//! The option catalog: every option wb-ssl-check knows, per file type, as data.
//!
//! Sources are in ../shared/notes/workbench-config.md (2022.x reference plus keys seen in newer real
//! configs). Options marked UNCONFIRMED there are included, because a false `unknown-option` on a
//! working config costs an admin more than a missed typo.

mod launcher;
mod others;
mod rserver;

pub use launcher::CLUSTER_TYPES;

use serde::Serialize;

/// The configuration file types wb-ssl-check reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, PartialOrd, Ord)]
pub enum ConfigKind {
    #[serde(rename = "rserver.conf")]
    Rserver,
    #[serde(rename = "launcher.conf")]
    Launcher,
    #[serde(rename = "jupyter.conf")]
    Jupyter,
    #[serde(rename = "vscode.conf")]
    Vscode,
    #[serde(rename = "positron.conf")]
    Positron,
    #[serde(rename = "load-balancer")]
    LoadBalancer,
    #[serde(rename = "launcher.<plugin>.conf")]
    LauncherPlugin(Plugin),
    #[serde(rename = "launcher.<plugin>.profiles.conf")]
    LauncherProfiles,
}

/// The Launcher plugin a `launcher.<plugin>.conf` configures.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, PartialOrd, Ord)]
pub enum Plugin {
    Local,
    Kubernetes,
    Slurm,
    /// A plugin we cannot name (an SDK-built plugin, or no hint in name or content).
    Generic,
}

impl ConfigKind {
    /// The file name an admin knows this type by.
    pub fn file_name(self) -> &'static str {
        match self {
            ConfigKind::Rserver => "rserver.conf",
            ConfigKind::Launcher => "launcher.conf",
            ConfigKind::Jupyter => "jupyter.conf",
            ConfigKind::Vscode => "vscode.conf",
            ConfigKind::Positron => "positron.conf",
            ConfigKind::LoadBalancer => "load-balancer",
            ConfigKind::LauncherPlugin(Plugin::Local) => "launcher.local.conf",
            ConfigKind::LauncherPlugin(Plugin::Kubernetes) => "launcher.kubernetes.conf",
            ConfigKind::LauncherPlugin(Plugin::Slurm) => "launcher.slurm.conf",
            ConfigKind::LauncherPlugin(Plugin::Generic) => "launcher.<plugin>.conf",
            ConfigKind::LauncherProfiles => "launcher.<plugin>.profiles.conf",
        }
    }

    /// The stable identifier used in the JSON report's `inputs[].kind`.
    pub fn id(self) -> &'static str {
        match self {
            ConfigKind::Rserver => "rserver-conf",
            ConfigKind::Launcher => "launcher-conf",
            ConfigKind::Jupyter => "jupyter-conf",
            ConfigKind::Vscode => "vscode-conf",
            ConfigKind::Positron => "positron-conf",
            ConfigKind::LoadBalancer => "load-balancer",
            ConfigKind::LauncherPlugin(_) => "launcher-plugin-conf",
            ConfigKind::LauncherProfiles => "launcher-profiles-conf",
        }
    }

    /// Every kind, in the order classification prefers them when content and name tie.
    pub const ALL: [ConfigKind; 11] = [
        ConfigKind::Rserver,
        ConfigKind::Launcher,
        ConfigKind::Jupyter,
        ConfigKind::Vscode,
        ConfigKind::Positron,
        ConfigKind::LoadBalancer,
        ConfigKind::LauncherPlugin(Plugin::Kubernetes),
        ConfigKind::LauncherPlugin(Plugin::Slurm),
        ConfigKind::LauncherPlugin(Plugin::Local),
        ConfigKind::LauncherPlugin(Plugin::Generic),
        ConfigKind::LauncherProfiles,
    ];
}

/// Where in a sectioned file an option belongs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scope {
    /// Anywhere (files without sections, or any section of a profiles file).
    Any,
    /// launcher.conf `[server]`.
    Server,
    /// launcher.conf `[cluster]`.
    Cluster,
}

/// The type of an option's value, as rserver (boost program_options) or Workbench validates it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ValueType {
    /// `1 0 true false yes no on off`, any case; empty means true.
    Bool,
    /// A signed integer.
    Int,
    /// A TCP port, 1–65535.
    Port,
    Path,
    Str,
    /// A comma-separated list.
    List,
    /// One of the listed words, compared exactly.
    Enum(&'static [&'static str]),
    /// One of the listed words, any case.
    EnumAnyCase(&'static [&'static str]),
    /// An `http://` or `https://` URL.
    HttpUrl,
}

impl ValueType {
    pub fn describe(self) -> String {
        match self {
            ValueType::Bool => "a boolean (1/0, true/false, yes/no, on/off)".into(),
            ValueType::Int => "an integer".into(),
            ValueType::Port => "a port number (1-65535)".into(),
            ValueType::Path => "a file path".into(),
            ValueType::Str => "text".into(),
            ValueType::List => "a comma-separated list".into(),
            ValueType::HttpUrl => "an http:// or https:// URL".into(),
            ValueType::Enum(v) | ValueType::EnumAnyCase(v) => format!("one of: {}", v.join(", ")),
        }
    }
}

/// Which HTTP(S) channel an option touches.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Touches {
    None,
    A,
    B,
    C,
    AC,
    AB,
    BC,
}

#[derive(Clone, Copy, Debug)]
pub struct OptionSpec {
    pub name: &'static str,
    pub ty: ValueType,
    /// The documented default; `""` when there is none (or it is empty).
    pub default: &'static str,
    pub repeatable: bool,
    pub scope: Scope,
    pub touches: Touches,
    pub meaning: &'static str,
    /// The first version known to have the option (`"1.4"` is RStudio Server Pro 1.4, `"2022.07"` is
    /// Workbench 2022.07); empty when the sources do not say (it is then in every version they cover).
    pub since: &'static str,
    /// The version that removed it; a removed option is reported as "removed in", not "unknown". No
    /// source consulted so far names a removed rserver or Launcher option (Posit deprecates them and
    /// keeps accepting them), so every entry has it empty today.
    pub removed: &'static str,
    /// Still accepted, but deprecated (its description in Posit's reference says so).
    pub deprecated: bool,
}

impl OptionSpec {
    pub(crate) const fn since(mut self, version: &'static str) -> OptionSpec {
        self.since = version;
        self
    }

    pub(crate) const fn deprecated(mut self) -> OptionSpec {
        self.deprecated = true;
        self
    }
}

/// The option descriptions are for the native tools and the catalog's readers; the WebAssembly module
/// never shows them, so it leaves them out (they were ~10 KiB of the page).
const fn wasm_strips(text: &'static str) -> &'static str {
    if cfg!(target_arch = "wasm32") {
        ""
    } else {
        text
    }
}

pub(crate) const fn opt(
    name: &'static str,
    ty: ValueType,
    default: &'static str,
    touches: Touches,
    meaning: &'static str,
) -> OptionSpec {
    OptionSpec {
        name,
        ty,
        default,
        repeatable: false,
        scope: Scope::Any,
        touches,
        meaning: wasm_strips(meaning),
        since: "",
        removed: "",
        deprecated: false,
    }
}

pub(crate) const fn multi(
    name: &'static str,
    ty: ValueType,
    touches: Touches,
    meaning: &'static str,
) -> OptionSpec {
    OptionSpec {
        name,
        ty,
        default: "",
        repeatable: true,
        scope: Scope::Any,
        touches,
        meaning: wasm_strips(meaning),
        since: "",
        removed: "",
        deprecated: false,
    }
}

pub(crate) const fn server(
    name: &'static str,
    ty: ValueType,
    default: &'static str,
    touches: Touches,
    meaning: &'static str,
) -> OptionSpec {
    OptionSpec {
        name,
        ty,
        default,
        repeatable: false,
        scope: Scope::Server,
        touches,
        meaning: wasm_strips(meaning),
        since: "",
        removed: "",
        deprecated: false,
    }
}

pub(crate) const fn cluster(
    name: &'static str,
    ty: ValueType,
    meaning: &'static str,
) -> OptionSpec {
    OptionSpec {
        name,
        ty,
        default: "",
        repeatable: false,
        scope: Scope::Cluster,
        touches: Touches::B,
        meaning: wasm_strips(meaning),
        since: "",
        removed: "",
        deprecated: false,
    }
}

/// The options of one file type.
pub fn options(kind: ConfigKind) -> &'static [OptionSpec] {
    match kind {
        ConfigKind::Rserver => rserver::OPTIONS,
        ConfigKind::Launcher => launcher::OPTIONS,
        ConfigKind::Jupyter => others::JUPYTER,
        ConfigKind::Vscode => others::VSCODE,
        ConfigKind::Positron => others::POSITRON,
        ConfigKind::LoadBalancer => others::LOAD_BALANCER,
        ConfigKind::LauncherPlugin(Plugin::Local) => others::PLUGIN_LOCAL,
        ConfigKind::LauncherPlugin(Plugin::Kubernetes) => others::PLUGIN_KUBERNETES,
        ConfigKind::LauncherPlugin(Plugin::Slurm) => others::PLUGIN_SLURM,
        ConfigKind::LauncherPlugin(Plugin::Generic) => others::PLUGIN_COMMON,
        ConfigKind::LauncherProfiles => others::PROFILES,
    }
}

/// Looks up an option of a file type. Plugin files also accept the options every SDK plugin takes.
pub fn lookup(kind: ConfigKind, name: &str) -> Option<&'static OptionSpec> {
    let own = options(kind).iter().find(|o| o.name == name);
    match (own, kind) {
        (None, ConfigKind::LauncherPlugin(_)) => {
            others::PLUGIN_COMMON.iter().find(|o| o.name == name)
        }
        _ => own,
    }
}

/// Looks up an option as it applies in one scope (launcher.conf `[server]` or `[cluster]`).
pub fn lookup_in(kind: ConfigKind, scope: Scope, name: &str) -> Option<&'static OptionSpec> {
    let fits = |o: &&OptionSpec| {
        o.name == name && (o.scope == scope || o.scope == Scope::Any || scope == Scope::Any)
    };
    options(kind).iter().find(fits).or_else(|| match kind {
        ConfigKind::LauncherPlugin(_) => PLUGIN_COMMON_REF.iter().find(fits),
        _ => None,
    })
}

const PLUGIN_COMMON_REF: &[OptionSpec] = others::PLUGIN_COMMON;

/// Every option name a file type accepts, for "did you mean" suggestions.
pub fn names(kind: ConfigKind) -> impl Iterator<Item = &'static str> {
    let extra: &'static [OptionSpec] = match kind {
        ConfigKind::LauncherPlugin(p) if p != Plugin::Generic => others::PLUGIN_COMMON,
        _ => &[],
    };
    options(kind).iter().chain(extra.iter()).map(|o| o.name)
}

/// The file types other than `kind` that define `name`: for `option-in-wrong-file`.
pub fn other_homes(kind: ConfigKind, name: &str) -> Vec<ConfigKind> {
    let mut homes: Vec<ConfigKind> = Vec::new();
    for k in ConfigKind::ALL {
        if k == kind
            || (matches!(k, ConfigKind::LauncherPlugin(_))
                && matches!(kind, ConfigKind::LauncherPlugin(_)))
        {
            continue;
        }
        if options(k).iter().any(|o| o.name == name)
            && !homes.iter().any(|h| h.file_name() == k.file_name())
        {
            homes.push(k);
        }
    }
    homes
}

/// Parses a boost program_options boolean. `None` when the text is not a boolean.
pub fn parse_bool(value: &str) -> Option<bool> {
    match value.to_ascii_lowercase().as_str() {
        // boost: an empty value for a bool_switch-style option means true.
        "" | "1" | "true" | "yes" | "on" => Some(true),
        "0" | "false" | "no" | "off" => Some(false),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_duplicate_names_within_a_scope() {
        for kind in ConfigKind::ALL {
            let opts = options(kind);
            for (i, a) in opts.iter().enumerate() {
                for b in &opts[i + 1..] {
                    assert!(
                        !(a.name == b.name && a.scope == b.scope),
                        "{} twice in {:?}",
                        a.name,
                        kind
                    );
                }
            }
        }
    }

    #[test]
    fn defaults_fit_their_types() {
        for kind in ConfigKind::ALL {
            for o in options(kind) {
                if o.default.is_empty() {
                    continue;
                }
                let ok = match o.ty {
                    ValueType::Bool => parse_bool(o.default).is_some(),
                    ValueType::Int => o.default.parse::<i64>().is_ok(),
                    ValueType::Port => o.default.parse::<u16>().is_ok(),
                    ValueType::Enum(v) => v.contains(&o.default),
                    ValueType::EnumAnyCase(v) => {
                        v.iter().any(|x| x.eq_ignore_ascii_case(o.default))
                    }
                    _ => true,
                };
                assert!(
                    ok,
                    "default {:?} of {} does not fit {:?}",
                    o.default, o.name, o.ty
                );
            }
        }
    }

    #[test]
    fn wrong_file_homes() {
        assert_eq!(
            other_homes(ConfigKind::Rserver, "enable-ssl"),
            vec![ConfigKind::Launcher]
        );
        assert_eq!(
            other_homes(ConfigKind::Launcher, "ssl-enabled"),
            vec![ConfigKind::Rserver]
        );
        assert!(lookup(
            ConfigKind::LauncherPlugin(Plugin::Slurm),
            "job-expiry-hours"
        )
        .is_some());
    }

    #[test]
    fn booleans_follow_boost() {
        for t in ["1", "TRUE", "Yes", "on", ""] {
            assert_eq!(parse_bool(t), Some(true), "{t}");
        }
        for f in ["0", "False", "NO", "off"] {
            assert_eq!(parse_bool(f), Some(false), "{f}");
        }
        assert_eq!(parse_bool("2"), None);
        assert_eq!(parse_bool("enabled"), None);
    }
}
