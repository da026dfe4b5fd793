//! Inputs: named byte arrays, decoded and classified by content first and name second.

use crate::catalog::{self, ConfigKind, Plugin};
pub mod archive;
pub mod config_lines;
pub mod kubernetes;
pub mod observation;
pub mod paste;
pub mod pem;

use config_lines::{self as parse, ParsedConfig};

/// One file given to the checker: its name (a base name or a path) and its bytes.
#[derive(Clone, Debug)]
pub struct Input {
    pub name: String,
    pub bytes: Vec<u8>,
    /// Why the shell could not read the file (permissions, a broken link); `bytes` is then empty.
    pub read_error: Option<String>,
    /// For an archive already opened ([`archive::expand`]): what it held. Its bytes are then empty,
    /// and its members are inputs of their own.
    pub opened: Option<archive::Opened>,
    /// A member of an archive given as one input.
    pub in_archive: bool,
}

impl Input {
    pub fn new(name: impl Into<String>, bytes: impl Into<Vec<u8>>) -> Input {
        Input {
            name: name.into(),
            bytes: bytes.into(),
            read_error: None,
            opened: None,
            in_archive: false,
        }
    }

    /// A file that exists but could not be read; it is reported, and the other inputs are still checked.
    pub fn unreadable(name: impl Into<String>, error: impl Into<String>) -> Input {
        Input {
            name: name.into(),
            bytes: Vec::new(),
            read_error: Some(error.into()),
            opened: None,
            in_archive: false,
        }
    }
}

pub use crate::limits::MAX_INPUT_BYTES;

/// How the bytes of a text input were encoded.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    /// UTF-8 with a byte-order mark: accepted (the mark is dropped), no finding.
    Utf8Bom,
    /// UTF-16 with a byte-order mark: rserver reads bytes, so every line is NUL-separated garbage to it.
    Utf16 {
        big_endian: bool,
    },
    /// Bytes that are not UTF-8; decoded lossily. `line` is the first line with such a byte.
    InvalidUtf8 {
        line: u32,
    },
}

/// What an input is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum InputKind {
    Config(ConfigKind),
    /// PEM text: certificates, keys, CSRs in any mix.
    PemBundle,
    /// Binary DER (a certificate or a key).
    Der,
    /// A PKCS#12 / PFX archive.
    Pkcs12,
    /// A pasted `ls -l` or `stat` listing.
    Listing,
    /// Pasted output of `openssl s_client` or `curl -v`: what an endpoint served.
    Diagnostic(observation::ObservedBy),
    /// Pasted ticket text or a log (`rserver.log`, `*.log`, journal output): read for known error
    /// messages, the symptoms.
    Text,
    /// A `.tar.gz`, `.tar`, `.zip` or `.gz`: `Some` once opened (its members are inputs of their own),
    /// `None` where this build cannot open archives (the page's first module).
    Archive(archive::Format, Option<archive::Opened>),
    /// A Kubernetes input: a Helm values file, a `helm` command, rendered objects, a team-operator
    /// resource. Its files are checked as the derived inputs [`kubernetes::read`] makes.
    Kubernetes(kubernetes::KubeInput),
    /// A file Workbench documents in `/etc/rstudio` that holds nothing bearing on the three channels;
    /// the text says which file it is. Not checked, and no finding: the report's notes list it.
    WorkbenchFile(&'static str),
    TooLarge,
    /// The shell could not read it; the text is the error.
    Unreadable(String),
    /// None of the above; the text says what it looked like.
    Unrecognized(String),
}

impl InputKind {
    pub fn id(&self) -> &'static str {
        match self {
            InputKind::Config(k) => k.id(),
            InputKind::PemBundle => "pem-bundle",
            InputKind::Der => "der",
            InputKind::Pkcs12 => "pkcs12",
            InputKind::Listing => "listing",
            InputKind::Diagnostic(observation::ObservedBy::Curl) => "curl-output",
            InputKind::Diagnostic(_) => "s-client-output",
            InputKind::Text => "text",
            InputKind::Kubernetes(k) => k.id(),
            InputKind::Archive(_, Some(_)) => "archive",
            InputKind::Archive(_, None) => "archive-unread",
            InputKind::WorkbenchFile(_) => "workbench-file",
            InputKind::TooLarge => "too-large",
            InputKind::Unreadable(_) => "unreadable",
            InputKind::Unrecognized(_) => "unrecognized",
        }
    }
}

/// Every input kind id (`InputSummary::kind`) with its words for people: "launcher.conf", "PEM text".
pub const KIND_LABELS: [(&str, &str); 28] = [
    ("rserver-conf", "rserver.conf"),
    ("launcher-conf", "launcher.conf"),
    ("jupyter-conf", "jupyter.conf"),
    ("vscode-conf", "vscode.conf"),
    ("positron-conf", "positron.conf"),
    ("load-balancer", "load-balancer"),
    ("launcher-plugin-conf", "Launcher plugin settings"),
    ("launcher-profiles-conf", "Launcher profiles"),
    ("pem-bundle", "PEM text"),
    ("der", "DER (binary)"),
    ("pkcs12", "PKCS#12 archive"),
    ("listing", "file listing"),
    ("s-client-output", "openssl s_client output"),
    ("curl-output", "curl -v output"),
    ("text", "ticket text or log"),
    ("helm-values", "Helm values"),
    ("helm-command", "helm command"),
    ("kubernetes-objects", "Kubernetes objects"),
    ("operator-resource", "Posit Team operator resource"),
    ("helm-chart-file", "Chart.yaml or Chart.lock"),
    ("invalid-yaml", "YAML that does not parse"),
    ("kubernetes-unread", "Kubernetes input, not read here"),
    ("archive", "Archive"),
    ("archive-unread", "Archive, not opened here"),
    ("workbench-file", "Workbench file, not checked here"),
    ("too-large", "too large"),
    ("unreadable", "unreadable"),
    ("unrecognized", "not recognised"),
];

/// An input after decoding and classification.
#[derive(Clone, Debug)]
pub struct ClassifiedInput {
    pub name: String,
    pub size: usize,
    pub kind: InputKind,
    pub encoding: Encoding,
    /// The parsed text, for config inputs.
    pub config: Option<ParsedConfig>,
    pub description: String,
    /// A member of an archive given as one input.
    pub in_archive: bool,
}

/// A log file's name: `rserver.log`, `rstudio-launcher.log.1`, `session.log.gz` is not (binary).
fn is_log_name(base: &str) -> bool {
    let b = base.to_ascii_lowercase();
    b.ends_with(".log") || b.contains(".log.") || b.ends_with(".journal.txt")
}

/// The base name of a path, for matching (`/etc/rstudio/rserver.conf` → `rserver.conf`).
pub fn base_name(name: &str) -> &str {
    name.rsplit(['/', '\\']).next().unwrap_or(name)
}

pub fn decode(bytes: &[u8]) -> (String, Encoding) {
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return (
            String::from_utf8_lossy(rest).into_owned(),
            Encoding::Utf8Bom,
        );
    }
    for (bom, big_endian) in [(b"\xFF\xFE", false), (b"\xFE\xFF", true)] {
        if let Some(rest) = bytes.strip_prefix(bom) {
            let units = rest.chunks_exact(2).map(|c| {
                if big_endian {
                    u16::from_be_bytes([c[0], c[1]])
                } else {
                    u16::from_le_bytes([c[0], c[1]])
                }
            });
            let text: String = char::decode_utf16(units)
                .map(|r| r.unwrap_or(char::REPLACEMENT_CHARACTER))
                .collect();
            return (text, Encoding::Utf16 { big_endian });
        }
    }
    match std::str::from_utf8(bytes) {
        Ok(s) => (s.to_string(), Encoding::Utf8),
        Err(e) => {
            let line = bytes[..e.valid_up_to()]
                .iter()
                .filter(|b| **b == b'\n')
                .count()
                + 1;
            (
                String::from_utf8_lossy(bytes).into_owned(),
                Encoding::InvalidUtf8 {
                    line: u32::try_from(line).unwrap_or(u32::MAX),
                },
            )
        }
    }
}

/// Binary data: NUL bytes, or many control characters in the first 8 kB.
fn looks_binary(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(8192)];
    if head.contains(&0) {
        return true;
    }
    let control = head
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0c))
        .count();
    control * 10 > head.len().max(1)
}

/// Tells a DER certificate or key from a PKCS#12 archive by the shape of the outer SEQUENCE.
fn classify_der(bytes: &[u8]) -> Option<InputKind> {
    if bytes.first() != Some(&0x30) {
        return None;
    }
    let (len, used) = crate::limits::der_length(bytes, 1)?;
    // The outer SEQUENCE should cover the file (a trailing newline or padding is tolerated).
    let end = (1 + used).saturating_add(len);
    if end > bytes.len() || bytes.len() - end > 2 {
        return None;
    }
    let inner = &bytes[1 + used..];
    match inner {
        // PFX ::= SEQUENCE { version INTEGER (3), authSafe ContentInfo, ... }
        [0x02, 0x01, 0x03, 0x30, ..] => Some(InputKind::Pkcs12),
        // Certificate ::= SEQUENCE { tbsCertificate SEQUENCE, ... }; keys start with a small INTEGER.
        [0x30, ..] | [0x02, 0x01, 0x00 | 0x01, ..] => Some(InputKind::Der),
        _ => None,
    }
}

fn is_listing_line(line: &str) -> bool {
    let mut chars = line.chars();
    let Some(t) = chars.next() else { return false };
    if !"-dlcbps".contains(t) {
        return false;
    }
    let perms: String = chars.by_ref().take(9).collect();
    perms.len() == 9
        && perms.chars().all(|c| "rwxsStT-".contains(c))
        && line.split_whitespace().count() >= 8
}

const RESOURCE_PROFILES: &str =
    "a Launcher plugin's resource profiles (the CPU, memory and GPU sizes users pick)";

/// Files of a Workbench installation that wb-ssl-check knows but does not check: they hold nothing that
/// bears on the three channels. The name decides (the admin guide's list of `/etc/rstudio` files), so a
/// Launcher mounts file or a resource-profiles file is never read as a launcher.conf: a file recognised
/// wrongly would switch off the cross-file checks of the real one.
pub fn known_unchecked_file(name: &str) -> Option<&'static str> {
    let base = base_name(name).to_ascii_lowercase();
    let base = base.as_str();
    // `launcher.<plugin>.resources.conf`: the CPU/memory/GPU sizes users pick (Workbench 2023.03+).
    if base.starts_with("launcher.") && base.ends_with(".resources.conf") {
        return Some(RESOURCE_PROFILES);
    }
    if base.ends_with("-user-settings.json") {
        return Some("default editor settings for VS Code or Positron sessions (JSON)");
    }
    if base.ends_with(".extensions.conf") {
        return Some("the list of VS Code or Positron extensions to install");
    }
    if base.ends_with(".tpl") {
        return Some("a Kubernetes job or service template for the Launcher");
    }
    if base.ends_with(".lic") {
        return Some("a Workbench licence file");
    }
    Some(match base {
        "rsession.conf" => "Workbench's session settings (rsession.conf)",
        "database.conf" => "Workbench's internal database settings (database.conf)",
        "logging.conf" => "Workbench's logging settings (logging.conf)",
        "crash-handler.conf" => "Workbench's crash reporting settings (crash-handler.conf)",
        "repos.conf" => "the CRAN repositories offered to sessions (repos.conf)",
        "notifications.conf" => "notifications shown to sessions (notifications.conf)",
        "rstudio-prefs.json" => "system-wide RStudio IDE preferences (rstudio-prefs.json)",
        "file-locks" => "file locking settings (file-locks)",
        "env-vars" => "environment variables for the Workbench server process (env-vars)",
        "r-versions" => "the R versions offered to sessions (r-versions)",
        "profiles" => "per-user and per-group session limits (profiles)",
        "ip-rules" => "IP access rules (ip-rules)",
        "health-check" => "the health-check response template (health-check)",
        "google-accounts" => "Google account mappings (google-accounts)",
        "launcher-mounts" => "the Launcher's mounts for session containers (launcher-mounts)",
        "launcher-env" => "the Launcher's environment for sessions (launcher-env)",
        "launcher-ports" => "the Launcher's exposed ports for sessions (launcher-ports)",
        "secure-cookie-key" => "the secure-cookie-key secret (its content is never shown)",
        "openid-client-secret" => "the OpenID Connect client secret (its content is never shown)",
        "login.html" | "rdplogin.html" => "a sign-in page template",
        // `nginx.site.conf` is how rstudio-docker-products names nginx.site.
        "nginx.http.conf" | "nginx.server.conf" | "nginx.site" | "nginx.site.conf" => {
            "extra nginx directives for Workbench's built-in web server"
        }
        _ => return None,
    })
}

/// The config kind a file name suggests, if any.
pub fn kind_from_name(name: &str) -> Option<ConfigKind> {
    let base = base_name(name).to_ascii_lowercase();
    let plugin_named = |s: &str| match s {
        "local" => Plugin::Local,
        "kubernetes" | "k8s" => Plugin::Kubernetes,
        "slurm" => Plugin::Slurm,
        _ => Plugin::Generic,
    };
    if base.contains("profiles") && base.contains("launcher") {
        return Some(ConfigKind::LauncherProfiles);
    }
    // launcher.<plugin>.conf, also with a prefix (`workbench-launcher.local.conf`)
    if let Some(pos) = base.find("launcher.") {
        let rest = &base[pos + "launcher.".len()..];
        if let Some(plugin) = rest.strip_suffix(".conf") {
            if !plugin.is_empty() && !plugin.contains('.') {
                return Some(ConfigKind::LauncherPlugin(plugin_named(plugin)));
            }
        }
    }
    let hints: [(&str, ConfigKind); 7] = [
        ("rserver", ConfigKind::Rserver),
        ("jupyter", ConfigKind::Jupyter),
        ("vscode", ConfigKind::Vscode),
        ("positron", ConfigKind::Positron),
        ("load-balancer", ConfigKind::LoadBalancer),
        ("plugin", ConfigKind::LauncherPlugin(Plugin::Generic)),
        ("launcher", ConfigKind::Launcher),
    ];
    hints
        .iter()
        .find(|(word, _)| base.contains(word))
        .map(|(_, k)| *k)
}

/// A content score at which content overrides a canonical file name.
const STRONG_CONTENT: usize = 10;

/// `launcher.<plugin>.conf` or `launcher.<plugin>.profiles.conf`, exactly.
fn canonical_plugin_name(base: &str) -> bool {
    let b = base.to_ascii_lowercase();
    let Some(middle) = b
        .strip_prefix("launcher.")
        .and_then(|r| r.strip_suffix(".conf"))
    else {
        return false;
    };
    let middle = middle.strip_suffix(".profiles").unwrap_or(middle);
    !middle.is_empty() && !middle.contains('.')
}

/// How well the keys and sections of a parsed file fit each config kind.
fn content_score(parsed: &ParsedConfig, kind: ConfigKind) -> usize {
    let mut keys: Vec<&str> = parsed.entries.iter().map(|e| e.key.as_str()).collect();
    crate::base::sort(&mut keys);
    keys.dedup();
    let own = catalog::options(kind);
    let mut score = keys
        .iter()
        .filter(|k| own.iter().any(|o| o.name == **k))
        .count()
        * 2;
    if let ConfigKind::LauncherPlugin(_) = kind {
        score += keys
            .iter()
            .filter(|k| catalog::lookup(kind, k).is_some())
            .count();
    }
    let has_section = |names: &[&str]| {
        parsed
            .sections
            .iter()
            .any(|s| names.contains(&s.name.as_str()))
    };
    score += match kind {
        ConfigKind::Launcher if has_section(&["server", "cluster"]) => 10,
        ConfigKind::LoadBalancer if has_section(&["config", "nodes"]) => 10,
        ConfigKind::LauncherProfiles
            if parsed
                .sections
                .iter()
                .any(|s| s.name == "*" || s.name.starts_with('@')) =>
        {
            10
        }
        _ => 0,
    };
    score
}

/// `launcher.<plugin>.resources.conf` content under another name: every option sits in a named section
/// (`[small]`) and is one of a resource profile's keys.
fn looks_like_resource_profiles(parsed: &ParsedConfig) -> bool {
    const KEYS: [&str; 9] = [
        "name",
        "cpus",
        "mem-mb",
        "nvidia-gpus",
        "amd-gpus",
        "cpus-request",
        "mem-mb-request",
        "queue",
        "placement-constraints",
    ];
    !parsed.entries.is_empty()
        && parsed
            .entries
            .iter()
            .any(|e| e.key == "cpus" || e.key == "mem-mb")
        && parsed.entries.iter().all(|e| {
            KEYS.contains(&e.key.as_str())
                && parsed.section_name(e.section).is_some_and(|s| {
                    s != "*" && !s.starts_with('@') && s != "server" && s != "cluster"
                })
        })
}

fn looks_like_nginx(parsed: &ParsedConfig) -> bool {
    let semicolon_lines = parsed
        .bad_lines
        .iter()
        .filter(|b| b.text.ends_with(';') || b.text.ends_with('{') || b.text == "}")
        .count();
    semicolon_lines > 0
        && semicolon_lines * 2 >= parsed.bad_lines.len()
        && parsed.entries.len() <= semicolon_lines
}

pub fn classify(input: &Input) -> ClassifiedInput {
    let size = input.bytes.len();
    let mut out = ClassifiedInput {
        name: input.name.clone(),
        size,
        kind: InputKind::TooLarge,
        encoding: Encoding::Utf8,
        config: None,
        description: format!(
            "{size} bytes, over the {} MiB limit",
            MAX_INPUT_BYTES / (1024 * 1024)
        ),
        in_archive: input.in_archive,
    };
    if let Some(opened) = &input.opened {
        out.size = opened.size;
        out.kind = InputKind::Archive(opened.format, Some(opened.clone()));
        out.description = opened.description();
        return out;
    }
    if let Some(error) = &input.read_error {
        out.kind = InputKind::Unreadable(error.clone());
        out.description = format!("could not be read: {error}");
        return out;
    }
    let bytes = &input.bytes[..];
    if let Some(format) = archive::format_of(&input.name, bytes) {
        // Not opened: this build has no archive reader (the page's first module; the page then loads
        // its second), or the archive was given to `classify` alone.
        out.kind = InputKind::Archive(format, None);
        out.description = format!(
            "{}, not opened: this build of wb-ssl-check does not read archives",
            format.label()
        );
        return out;
    }
    if size > MAX_INPUT_BYTES {
        // Only a log may be this large: text, read for error messages and nothing else.
        let base = base_name(&input.name).to_ascii_lowercase();
        let text_name = is_log_name(&base) || base.ends_with(".txt") || base.ends_with(".out");
        if size <= crate::limits::MAX_TEXT_BYTES && text_name && !looks_binary(bytes) {
            let (_, encoding) = decode(&bytes[..bytes.len().min(4096)]);
            out.encoding = encoding;
            out.kind = InputKind::Text;
            out.description = format!(
                "a log of {} MB, read for known error messages",
                size / 1_000_000
            );
        }
        return out;
    }
    let utf16 = bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF");
    if !utf16 && looks_binary(bytes) {
        (out.kind, out.description) = match classify_der(bytes) {
            Some(InputKind::Pkcs12) => (
                InputKind::Pkcs12,
                "a PKCS#12 (.p12/.pfx) archive".to_string(),
            ),
            Some(kind) => (
                kind,
                "binary DER data (a certificate or key that is not PEM)".to_string(),
            ),
            None if bytes.starts_with(&[0xFE, 0xED, 0xFE, 0xED]) => {
                let what = "a Java KeyStore (JKS), which Workbench cannot read: export PEM with `keytool -importkeystore -srckeystore <file> -destkeystore out.p12 -deststoretype PKCS12`, then `openssl pkcs12 -in out.p12 -nodes`".to_string();
                (InputKind::Unrecognized(what.clone()), what)
            }
            None => (
                InputKind::Unrecognized("binary data".into()),
                format!("binary data, {size} bytes"),
            ),
        };
        return out;
    }
    let (text, encoding) = decode(bytes);
    out.encoding = encoding;
    // Before PEM: `s_client -showcerts` output holds certificates, but it is a record of what a server
    // served, not a file of the server.
    for (tool, is) in [
        (
            observation::ObservedBy::SClient,
            paste::is_s_client as fn(&str) -> bool,
        ),
        (observation::ObservedBy::Curl, paste::is_curl),
    ] {
        if is(&text) {
            out.kind = InputKind::Diagnostic(tool);
            out.description = format!("{}: what an endpoint served", tool.words());
            return out;
        }
    }
    // Before PEM: a values file may hold a key (`launcherPem`), which is read from the values.
    if !is_log_name(base_name(&input.name)) {
        if let Some((kind, description)) = kubernetes::recognise(&input.name, &text) {
            out.kind = InputKind::Kubernetes(kind);
            out.description = description;
            return out;
        }
    }
    if is_log_name(base_name(&input.name)) {
        out.kind = InputKind::Text;
        out.description = format!(
            "a log of {}, read for known error messages",
            crate::base::count(text.lines().count(), "line")
        );
        return out;
    }
    if text.contains("-----BEGIN ") {
        out.kind = InputKind::PemBundle;
        out.description = format!(
            "PEM text with {}",
            crate::base::count(text.matches("-----BEGIN ").count(), "block")
        );
        return out;
    }
    let non_empty: Vec<&str> = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    let listing_lines = non_empty.iter().filter(|l| is_listing_line(l)).count();
    if listing_lines > 0
        && listing_lines * 2
            >= non_empty
                .iter()
                .filter(|l| !l.starts_with("total "))
                .count()
        || text.contains("Access: (")
    {
        out.kind = InputKind::Listing;
        out.description = format!(
            "a file listing with {listing_lines} entr{}",
            if listing_lines == 1 { "y" } else { "ies" }
        );
        return out;
    }
    let base = base_name(&input.name);
    let workbench_file = |mut out: ClassifiedInput, what: &'static str| {
        out.kind = InputKind::WorkbenchFile(what);
        out.description = format!("{what}: a Workbench file not checked here");
        out
    };
    if let Some(what) = known_unchecked_file(base) {
        return workbench_file(out, what);
    }
    if text.trim_start().starts_with('{') {
        let what = "JSON, not one of Workbench's INI-style files (settings JSON such as rstudio-prefs.json holds no SSL or Launcher settings)";
        out.kind = InputKind::Unrecognized(what.into());
        out.description = what.into();
        return out;
    }
    let parsed = parse::parse(&text);
    if looks_like_resource_profiles(&parsed) {
        return workbench_file(out, RESOURCE_PROFILES);
    }
    let by_name = kind_from_name(&input.name);
    let scores: Vec<(ConfigKind, usize)> = ConfigKind::ALL
        .iter()
        .map(|k| (*k, content_score(&parsed, *k)))
        .collect();
    let best = scores.iter().map(|(_, s)| *s).max().unwrap_or(0);
    let score_of = |k: ConfigKind| {
        scores
            .iter()
            .find(|(x, _)| *x == k)
            .map(|(_, s)| *s)
            .unwrap_or(0)
    };
    // A file saved under its canonical name (`rserver.conf`) keeps that identity unless its content
    // clearly belongs elsewhere (sections of another file type, several of its options) and has
    // nothing of the named type: that is how `enable-ssl=1` in rserver.conf gets reported as an option
    // in the wrong file instead of turning the file into a launcher.conf.
    let canonical = by_name
        .filter(|k| k.file_name() == base.to_ascii_lowercase() || canonical_plugin_name(base));
    let chosen = if let Some(k) = canonical.filter(|k| score_of(*k) > 0 || best < STRONG_CONTENT) {
        Some(k)
    } else if best == 0 {
        // A name that only hints (`rstudio-launcher.conf`, a supervisord program file in Posit's
        // images) does not decide when the content contradicts it: sections no Workbench file has
        // (`[program:rstudio-launcher]`) holding options no Workbench file knows.
        let foreign_sections = !parsed.sections.is_empty()
            && !parsed.sections.iter().any(|s| {
                matches!(
                    s.name.as_str(),
                    "server" | "cluster" | "config" | "nodes" | "*"
                ) || s.name.starts_with('@')
            });
        by_name.filter(|_| parsed.entries.is_empty() || !foreign_sections)
    } else {
        let top: Vec<ConfigKind> = scores
            .iter()
            .filter(|(_, s)| *s == best)
            .map(|(k, _)| *k)
            .collect();
        by_name.filter(|n| top.contains(n)).or(top.first().copied())
    };
    // `launcher.<cluster name>.conf` (a plugin file named after its cluster, e.g.
    // `launcher.slurminteractive.conf`): the name does not say which plugin, the options do.
    let chosen = match chosen {
        Some(ConfigKind::LauncherPlugin(Plugin::Generic)) => {
            let specific = [Plugin::Slurm, Plugin::Kubernetes, Plugin::Local]
                .into_iter()
                .map(ConfigKind::LauncherPlugin)
                .max_by_key(|k| score_of(*k))
                .filter(|k| score_of(*k) > score_of(ConfigKind::LauncherPlugin(Plugin::Generic)));
            specific.or(chosen)
        }
        other => other,
    };
    match chosen {
        Some(kind) => {
            out.description = format!(
                "{} with {} on {}",
                kind.file_name(),
                crate::base::count(parsed.entries.len(), "setting"),
                crate::base::count(parsed.line_count as usize, "line")
            );
            out.kind = InputKind::Config(kind);
            out.config = Some(parsed);
        }
        _ => {
            let what = if looks_like_nginx(&parsed) {
                "an nginx configuration; wb-ssl-check reads Workbench's own files, not a proxy's"
                    .to_string()
            } else if non_empty.is_empty() {
                "empty".to_string()
            } else if parsed.entries.is_empty()
                && parsed.bad_lines.is_empty()
                && !non_empty.iter().any(|l| l.starts_with("#>"))
            {
                // (`#>` lines are R's output as reprex and GitHub issues quote it: text.)
                "only comments".to_string()
            } else if !base.starts_with('.')
                && parsed
                    .entries
                    .iter()
                    .filter(|e| {
                        e.key
                            .bytes()
                            .all(|b| b.is_ascii_alphanumeric() || b"-_.".contains(&b))
                    })
                    .count()
                    * 2
                    < non_empty.len()
            {
                // Mostly lines that are not `option=value`: prose, a log excerpt, an error page.
                out.kind = InputKind::Text;
                // Every line, blank ones too: the count the symptoms' notes and an editor give.
                out.description = format!(
                    "text of {}, read for known error messages",
                    crate::base::count(text.lines().count(), "line")
                );
                return out;
            } else {
                format!(
                    "text ({}) with no option of any Workbench file wb-ssl-check knows",
                    crate::base::count(parsed.line_count as usize, "line")
                )
            };
            out.description = what.clone();
            out.kind = InputKind::Unrecognized(what);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kind_of(name: &str, text: &str) -> InputKind {
        classify(&Input::new(name, text.as_bytes())).kind
    }

    #[test]
    fn content_beats_name() {
        assert_eq!(
            kind_of("notes.txt", "ssl-enabled=1\nwww-port=443\n"),
            InputKind::Config(ConfigKind::Rserver)
        );
        assert_eq!(
            kind_of(
                "x.conf",
                "[server]\naddress=127.0.0.1\n[cluster]\nname=Local\ntype=Local\n"
            ),
            InputKind::Config(ConfigKind::Launcher)
        );
        assert_eq!(
            kind_of("rserver.conf", "[server]\nport=5559\n"),
            InputKind::Config(ConfigKind::Launcher)
        );
        // Launcher options pasted into rserver.conf: still rserver.conf, so they are reported as misplaced.
        assert_eq!(
            kind_of("rserver.conf", "enable-ssl=1\ncertificate-file=/x\n"),
            InputKind::Config(ConfigKind::Rserver)
        );
        assert_eq!(
            kind_of("rserver.conf", "www-port=1\n[server]\nssl-enabled=1\n"),
            InputKind::Config(ConfigKind::Rserver)
        );
        assert_eq!(
            kind_of("a", "kubernetes-namespace=rstudio\nuse-templating=1\n"),
            InputKind::Config(ConfigKind::LauncherPlugin(Plugin::Kubernetes))
        );
        // A plugin file named after its cluster: its options say which plugin it configures.
        assert_eq!(
            kind_of(
                "launcher.slurminteractive.conf",
                "slurm-service-user=slurm\nslurm-bin-path=/opt/slurm/bin\n"
            ),
            InputKind::Config(ConfigKind::LauncherPlugin(Plugin::Slurm))
        );
    }

    #[test]
    fn a_hinting_name_does_not_make_foreign_content_a_config() {
        let supervisord = "[program:rstudio-launcher]\ncommand=/usr/lib/rstudio-server/bin/rstudio-launcher\nautorestart=false\n";
        assert!(matches!(
            kind_of("rstudio-launcher.conf", supervisord),
            InputKind::Unrecognized(_)
        ));
        // The canonical name still decides.
        assert_eq!(
            kind_of("launcher.conf", supervisord),
            InputKind::Config(ConfigKind::Launcher)
        );
    }

    #[test]
    fn name_decides_when_content_is_silent() {
        assert_eq!(
            kind_of("/etc/rstudio/rserver.conf", "# nothing\n"),
            InputKind::Config(ConfigKind::Rserver)
        );
        assert_eq!(
            kind_of("positron.conf", "enabled=1\n"),
            InputKind::Config(ConfigKind::Positron)
        );
        assert_eq!(
            kind_of("launcher.slurm.conf", ""),
            InputKind::Config(ConfigKind::LauncherPlugin(Plugin::Slurm))
        );
        assert_eq!(
            kind_of("rsp-load-balancer-empty", "\n"),
            InputKind::Config(ConfigKind::LoadBalancer)
        );
    }

    #[test]
    fn other_kinds() {
        assert_eq!(
            kind_of("a.pem", "junk\n-----BEGIN CERTIFICATE-----\n"),
            InputKind::PemBundle
        );
        assert_eq!(
            kind_of(
                "ls.txt",
                "total 8\n-rw------- 1 root root 1704 Jan  1 10:00 launcher.pem\n"
            ),
            InputKind::Listing
        );
        assert!(matches!(
            kind_of("nginx.conf", "server {\n listen 443 ssl;\n}\n"),
            InputKind::Unrecognized(_)
        ));
        // Prose: a ticket excerpt, read for known error messages.
        assert_eq!(kind_of("notes", "hello world\n"), InputKind::Text);
        assert_eq!(
            kind_of("rserver.log", "2026-01-01 ERROR x=1\n"),
            InputKind::Text
        );
        assert!(matches!(
            kind_of("rsession.conf", "session-timeout-minutes=30\n"),
            InputKind::WorkbenchFile(_)
        ));
        // Named Workbench files that are not launcher.conf, whatever their keys.
        for name in [
            "launcher-mounts",
            "launcher-env",
            "launcher.kubernetes.resources.conf",
            "vscode-user-settings.json",
            "/etc/rstudio/nginx.site.conf",
        ] {
            assert!(
                matches!(
                    kind_of(name, "[server]\nport=5559\n"),
                    InputKind::WorkbenchFile(_)
                ),
                "{name}"
            );
        }
        // Resource profiles under another name, by content.
        assert!(matches!(
            kind_of("sizes.conf", "[small]\nname=Small\ncpus=1\nmem-mb=512\n"),
            InputKind::WorkbenchFile(_)
        ));
        assert!(matches!(
            kind_of("x", "{\n \"a\": 1\n}\n"),
            InputKind::Unrecognized(_)
        ));
        let bin = classify(&Input::new("x.bin", vec![0u8, 1, 2, 3, 0, 0xff]));
        assert_eq!(bin.kind, InputKind::Unrecognized("binary data".into()));
        // SEQUENCE { SEQUENCE {} } : certificate-shaped DER
        assert_eq!(
            classify(&Input::new("c.der", vec![0x30, 0x03, 0x30, 0x01, 0x00])).kind,
            InputKind::Der
        );
        assert_eq!(
            classify(&Input::new(
                "c.p12",
                vec![0x30, 0x05, 0x02, 0x01, 0x03, 0x30, 0x00]
            ))
            .kind,
            InputKind::Pkcs12
        );
    }

    #[test]
    fn decodes_boms_and_bad_utf8() {
        assert_eq!(decode(b"\xEF\xBB\xBFa=1").0, "a=1");
        let (t, e) = decode(b"\xFF\xFEa\x00=\x001\x00");
        assert_eq!(
            (t.as_str(), e),
            ("a=1", Encoding::Utf16 { big_endian: false })
        );
        assert_eq!(
            decode(b"a=1\nb=\xff\n").1,
            Encoding::InvalidUtf8 { line: 2 }
        );
        let utf16 = classify(&Input::new(
            "rserver.conf",
            b"\xFF\xFEs\x00s\x00l\x00-\x00e\x00n\x00a\x00b\x00l\x00e\x00d\x00=\x001\x00".to_vec(),
        ));
        assert_eq!(utf16.kind, InputKind::Config(ConfigKind::Rserver));
    }
}
