//! The deployment model: inputs classified, configs parsed, and settings resolved into what Workbench,
//! the Launcher and the sessions will actually use. Rules read only this model.

use crate::catalog::{ConfigKind, Plugin, Scope};
use crate::config::{ConfigFile, Settings};
use crate::input::config_lines::Pos;
use crate::input::{self, ClassifiedInput, Input, InputKind};
use crate::pki::{self, cert::CertFacts, PkiFile, Role};

pub mod load_balancing;
pub use load_balancing::{LoadBalancing, Node};

/// What the caller knows beyond the files: the clock and the public host name. The core never reads
/// the clock; the CLI passes the system time or `--now`, the page passes the browser's.
#[derive(Clone, Debug, Default)]
pub struct CheckOptions {
    /// Evaluation time, seconds since the Unix epoch.
    pub now_unix: Option<i64>,
    /// The host name users type in the browser.
    pub hostname: Option<String>,
    /// Roles set by the caller, by input name: the page's role menu, the CLI's `--trusted-ca`.
    pub roles: Vec<(String, Role)>,
    /// What the shell found on the server for the paths the configs name (the CLI); `None` where the
    /// shell cannot look (the page), so a missing file is "not provided" rather than "missing".
    pub server_files: Option<Vec<crate::listing::ServerFile>>,
    /// The roots browsers trust (Mozilla's root program): the CLI compiles them in, the page loads
    /// them only when a chain needs them. Empty: browsers are assumed to trust only the CAs marked
    /// trusted, so a publicly issued chain is "trust unknown" rather than verified.
    pub public_roots: Vec<pki::trust::AnchorDer>,
    /// The server's system trust store (the CLI on the server reads it): what rserver and the sessions
    /// trust beyond the CAs marked trusted.
    pub system_roots: Vec<pki::trust::AnchorDer>,
    /// What the running services were seen to serve: `wb-ssl-check probe` dials the endpoints and
    /// passes what it saw here (pasted `s_client` and `curl -v` output is an input instead).
    pub observations: Vec<crate::input::observation::Observation>,
    /// Folders the shell read whole (the CLI's directory arguments): a file missing there is missing
    /// on the server, not just not given.
    pub whole_folders: Vec<String>,
    /// The symptom catalog, for reading pasted error messages and logs. `None`: text inputs are
    /// listed as not read (the page loads the catalog only when one is given).
    pub symptom_catalog: Option<std::sync::Arc<crate::symptoms::Catalog>>,
    /// What audited code said of the signatures and keys the check asks about
    /// (`pki::signatures`): the native `check` fills it in itself; the page's shell answers with
    /// WebCrypto between rounds (`check_round`).
    pub answers: pki::signatures::Answers,
    /// The `rstudio-workbench` chart's defaults by version, for Helm values inputs. `None`: natively,
    /// the compiled-in ones; in WebAssembly, none (the page loads chart-defaults.json when a values
    /// file needs them).
    pub chart_defaults: Option<std::sync::Arc<crate::input::kubernetes::chart::ChartDefaults>>,
}

impl CheckOptions {
    /// The chart defaults to read values with (see [`CheckOptions::chart_defaults`]).
    pub fn chart_defaults(
        &self,
    ) -> Option<std::sync::Arc<crate::input::kubernetes::chart::ChartDefaults>> {
        #[cfg(not(target_arch = "wasm32"))]
        if self.chart_defaults.is_none() {
            static COMPILED_IN: std::sync::OnceLock<
                std::sync::Arc<crate::input::kubernetes::chart::ChartDefaults>,
            > = std::sync::OnceLock::new();
            return Some(
                COMPILED_IN
                    .get_or_init(|| {
                        std::sync::Arc::new(
                            crate::input::kubernetes::chart::ChartDefaults::compiled_in(),
                        )
                    })
                    .clone(),
            );
        }
        self.chart_defaults.clone()
    }
}

/// Which config files belong to one Workbench server (indices into [`Model::configs`]).
#[derive(Clone, Debug, Default)]
pub struct Deployment {
    pub rserver: Option<usize>,
    pub launcher: Option<usize>,
    /// jupyter.conf, vscode.conf, positron.conf.
    pub session_confs: Vec<usize>,
    /// launcher.<plugin>.conf files.
    pub plugin_confs: Vec<usize>,
    /// The `load-balancer` file of this server's folder.
    pub load_balancer: Option<usize>,
    /// The folder its files are in (empty for bare names).
    pub folder: String,
}

#[derive(Debug)]
pub struct Model {
    pub inputs: Vec<ClassifiedInput>,
    pub configs: Vec<ConfigFile>,
    pub deployments: Vec<Deployment>,
    /// The nodes of one load-balanced Workbench, when the deployments are that.
    pub load_balancing: Option<LoadBalancing>,
    pub options: CheckOptions,
    /// Certificate, key and other PEM/DER/PKCS#12 inputs, with roles and chains.
    pub pki: Vec<PkiFile>,
    /// Ownership and permissions: the pasted listings, and what the CLI read on the server.
    pub permissions: Vec<crate::listing::FileMeta>,
    /// Things the model itself could not decide (e.g. several rserver.conf inputs).
    pub notes: Vec<String>,
    /// What the running services were seen to serve: the probe's observations, then those read from
    /// pasted output.
    pub observations: Vec<crate::input::observation::Observation>,
    /// The Kubernetes deployment the inputs describe (Helm values, rendered objects, an operator
    /// resource), whose files are among the inputs already (see [`with_derived_inputs`]).
    pub kubernetes: Option<crate::input::kubernetes::Kubernetes>,
    /// What each `database.conf` among the inputs says about the connection to the database.
    pub databases: Vec<DatabaseSettings>,
}

/// The settings of a `database.conf` that decide how rserver reaches its database: each a value and
/// its line. The file is otherwise not checked (its password is never read into the model).
#[derive(Clone, Debug, Default)]
pub struct DatabaseSettings {
    pub file: String,
    pub provider: Option<(String, u32)>,
    pub connection_uri: Option<(String, u32)>,
    pub host: Option<(String, u32)>,
}

impl DatabaseSettings {
    fn read(file: &str, text: &str) -> DatabaseSettings {
        let parsed = crate::input::config_lines::parse(text);
        let last = |key: &str| {
            parsed
                .entries
                .iter()
                .rev()
                .find(|e| e.key == key)
                .map(|e| (e.value.clone(), e.key_pos.line))
        };
        DatabaseSettings {
            file: file.to_string(),
            provider: last("provider"),
            connection_uri: last("connection-uri"),
            host: last("host"),
        }
    }
}

/// The Kubernetes deployment among the inputs, in a build with the reader (the `kubernetes` feature:
/// the CLI, and the page's second module).
fn read_kubernetes(
    inputs: &[Input],
    options: &CheckOptions,
) -> Option<crate::input::kubernetes::Kubernetes> {
    #[cfg(feature = "kubernetes")]
    return crate::input::kubernetes::read(inputs, options.chart_defaults().as_deref());
    #[cfg(not(feature = "kubernetes"))]
    {
        let _ = (inputs, options);
        None
    }
}

/// The inputs with the files a Kubernetes input makes (the rendered config files, PEM data of
/// Secrets) added after them, and every archive's members after it: what the checker checks.
pub fn with_derived_inputs(inputs: &[Input], options: &CheckOptions) -> Vec<Input> {
    // Archives first: a values file or a manifest may be one of their members.
    #[cfg(feature = "archives")]
    let mut all = crate::input::archive::expand(inputs);
    #[cfg(not(feature = "archives"))]
    let mut all = inputs.to_vec();
    if let Some(kube) = read_kubernetes(&all, options) {
        // Never twice: a derived input already among the inputs (a check of the plan's edits).
        for derived in kube.inputs {
            if !all.iter().any(|i| i.name == derived.name) {
                all.push(derived);
            }
        }
    }
    all
}

impl Model {
    pub fn build(inputs: &[Input], options: &CheckOptions) -> Model {
        let mut total = 0usize;
        let classified: Vec<ClassifiedInput> = inputs
            .iter()
            .map(|i| {
                // Inputs are read in order while they fit in the total; one that does not fit is
                // skipped (and reported), and smaller ones after it are still read.
                let over = total.saturating_add(i.bytes.len()) > crate::limits::MAX_TOTAL_BYTES;
                if !over {
                    total += i.bytes.len().min(crate::limits::MAX_TEXT_BYTES + 1);
                }
                if over && i.bytes.len() <= crate::limits::MAX_TEXT_BYTES {
                    let mut c = input::classify(&Input::new(i.name.clone(), Vec::new()));
                    c.size = i.bytes.len();
                    c.kind = InputKind::TooLarge;
                    c.config = None;
                    c.description = format!(
                        "not read: the inputs together are over the {} MiB limit",
                        crate::limits::MAX_TOTAL_BYTES / (1024 * 1024)
                    );
                    c
                } else {
                    let c = input::classify(i);
                    match options.symptom_catalog.as_deref() {
                        Some(catalog) => crate::symptoms::read_as_log_if_known(c, i, catalog),
                        None => c,
                    }
                }
            })
            .collect();
        let configs: Vec<ConfigFile> = classified
            .iter()
            .filter_map(|c| match (&c.kind, &c.config) {
                (InputKind::Config(kind), Some(parsed)) => Some(ConfigFile {
                    name: c.name.clone(),
                    kind: *kind,
                    encoding: c.encoding,
                    parsed: parsed.clone(),
                }),
                _ => None,
            })
            .collect();
        let mut notes = Vec::new();
        let deployments = pair_configs(&configs, &mut notes);
        let load_balancing = load_balancing::find(&configs, &deployments, &classified, inputs);
        let mut folders: Vec<&str> = deployments.iter().map(|d| d.folder.as_str()).collect();
        folders.dedup();
        if folders.len() > 1 && load_balancing.is_none() {
            notes.push(format!(
                "files from {} folders: the files of each folder were checked as one server (none has a `load-balancer` file or `load-balancing-enabled=1`, so they are not taken as the nodes of one cluster)",
                folders.len()
            ));
        }
        let mut pki: Vec<PkiFile> = classified
            .iter()
            .zip(inputs)
            .filter_map(|(c, i)| {
                pki::read(
                    c,
                    if c.kind == InputKind::TooLarge {
                        &[]
                    } else {
                        &i.bytes
                    },
                )
            })
            .collect();
        assign_roles(&mut pki, &configs, options);
        for file in &mut pki {
            file.chain = pki::build_chain(file);
        }
        let mut permissions: Vec<crate::listing::FileMeta> = classified
            .iter()
            .zip(inputs)
            .filter(|(c, _)| c.kind == InputKind::Listing)
            .flat_map(|(_, i)| crate::listing::parse(&input::decode(&i.bytes).0))
            .collect();
        if let Some(files) = &options.server_files {
            permissions.extend(files.iter().filter_map(|f| f.meta.clone()));
        }
        let mut model = Model {
            inputs: classified,
            configs,
            deployments,
            load_balancing,
            options: options.clone(),
            pki,
            permissions,
            notes,
            observations: Vec::new(),
            kubernetes: read_kubernetes(inputs, options),
            databases: Vec::new(),
        };
        model.databases = model
            .inputs
            .iter()
            .zip(inputs)
            .filter(|(c, _)| {
                input::base_name(&c.name) == "database.conf"
                    && matches!(c.kind, InputKind::WorkbenchFile(_))
            })
            .map(|(c, i)| DatabaseSettings::read(&c.name, &input::decode(&i.bytes).0))
            .collect();
        let pasted: Vec<crate::input::observation::Observation> = model
            .inputs
            .iter()
            .zip(inputs)
            .filter_map(|(c, i)| match c.kind {
                InputKind::Diagnostic(tool) => {
                    let text = input::decode(&i.bytes).0;
                    Some(match tool {
                        crate::input::observation::ObservedBy::Curl => {
                            crate::input::paste::curl(&c.name, &text)
                        }
                        _ => crate::input::paste::s_client(&c.name, &text),
                    })
                }
                _ => None,
            })
            .collect();
        model.observations = options.observations.clone();
        model.observations.extend(pasted);
        model
    }

    /// Index of a PKI file in [`Model::pki`].
    pub fn pki_index(&self, file: &PkiFile) -> Option<usize> {
        self.pki.iter().position(|f| std::ptr::eq(f, file))
    }

    pub fn pki_with_role(&self, role: Role) -> impl Iterator<Item = &PkiFile> {
        self.pki.iter().filter(move |f| f.role == role)
    }

    /// The permissions entry for a file: by full path when both sides have one, else by base name.
    pub fn permissions_of(&self, name: &str) -> Option<&crate::listing::FileMeta> {
        self.permissions
            .iter()
            .find(|m| m.path == name)
            .or_else(|| {
                self.permissions
                    .iter()
                    .find(|m| input::base_name(&m.path) == input::base_name(name))
            })
    }

    /// Every file a config names through a certificate/key setting: (config, setting, path, role).
    pub fn referenced_files(&self) -> Vec<(&ConfigFile, &crate::input::config_lines::Entry, Role)> {
        self.configs
            .iter()
            .flat_map(|c| {
                FILE_SETTINGS
                    .iter()
                    .filter(move |(k, _, _)| *k == c.kind)
                    .filter_map(move |(_, key, role)| {
                        let e = c.parsed.entries.iter().rev().find(|e| {
                            e.key == *key
                                && matches!(c.parsed.section_name(e.section), None | Some("server"))
                        })?;
                        (!e.value.is_empty()).then_some((c, e, *role))
                    })
            })
            .collect()
    }

    /// The input that holds this certificate (the same SHA-256), when one does.
    pub fn file_holding(&self, cert: &CertFacts) -> Option<&PkiFile> {
        self.pki
            .iter()
            .find(|g| g.certificates().any(|(_, c)| c.sha256 == cert.sha256))
    }

    /// Trusted CA certificates the user gave.
    pub fn trusted_cas(&self) -> impl Iterator<Item = &CertFacts> {
        self.pki_with_role(Role::TrustedCa)
            .flat_map(|f| f.certificates().map(|(_, c)| c))
    }

    /// The file that plays `role` for a deployment: named by one of its configs, or given that role
    /// by the caller (or by its content, with no config to say otherwise).
    pub fn file_for(&self, d: &Deployment, role: Role) -> Option<&PkiFile> {
        let configs: Vec<&ConfigFile> = [d.rserver, d.launcher]
            .iter()
            .flatten()
            .map(|&i| &self.configs[i])
            .collect();
        let names: Vec<&str> = configs.iter().map(|c| c.name.as_str()).collect();
        let by_role = self.pki_with_role(role).find(|f| {
            f.named_by
                .as_ref()
                .is_none_or(|at| names.contains(&at.file.as_str()))
        });
        // A file with another role that this deployment's setting for `role` also names (Workbench's
        // certificate reused by the Launcher).
        by_role.or_else(|| {
            let (kind, key, _) = FILE_SETTINGS.iter().find(|(_, _, r)| *r == role)?;
            let path = configs
                .iter()
                .filter(|c| c.kind == *kind)
                .find_map(|c| setting_entry(c, key))?;
            let same_base =
                |f: &&PkiFile| input::base_name(&f.name) == input::base_name(&path.value);
            let folder = configs.first().map(|c| folder_of(&c.name));
            self.pki
                .iter()
                .filter(same_base)
                .find(|f| Some(folder_of(&f.name)) == folder)
                .or_else(|| self.pki.iter().find(same_base))
        })
    }

    /// The deployment the channel cards describe: the one server, or a cluster's first node.
    pub fn primary(&self) -> Option<DeploymentView<'_>> {
        let index = match (&self.load_balancing, self.deployments.len()) {
            (_, 1) => 0,
            (Some(lb), _) => lb.nodes.first()?.deployment,
            _ => return None,
        };
        Some(DeploymentView {
            model: self,
            deployment: &self.deployments[index],
        })
    }

    /// The node a deployment is, in a cluster.
    pub fn node_of(&self, deployment: &Deployment) -> Option<&Node> {
        self.load_balancing
            .as_ref()?
            .nodes
            .iter()
            .find(|n| std::ptr::eq(&self.deployments[n.deployment], deployment))
    }

    pub fn deployment_views(&self) -> impl Iterator<Item = DeploymentView<'_>> {
        self.deployments.iter().map(move |d| DeploymentView {
            model: self,
            deployment: d,
        })
    }
}

/// The folder part of an input name (`a/b/rserver.conf` → `a/b`), empty for a bare name.
/// The folder of an input's name: files in one folder are one server.
pub(crate) fn folder_of(name: &str) -> &str {
    name.rfind(['/', '\\']).map(|i| &name[..i]).unwrap_or("")
}

/// Which config files belong to one server. Files in one folder go together. Within a folder, a
/// file under the canonical name (`rserver.conf`) is the one Workbench reads; another file of the same
/// kind (`rserver-float.conf`, an image's variant for floating licences) gets the file checks only,
/// and a note says so. Folders (or bare names) with two canonical files of a kind cannot be paired:
/// every rserver.conf and launcher.conf there is checked on its own.
fn pair_configs(configs: &[ConfigFile], notes: &mut Vec<String>) -> Vec<Deployment> {
    let mut folders: Vec<&str> = configs.iter().map(|c| folder_of(&c.name)).collect();
    crate::base::sort(&mut folders);
    folders.dedup();
    let mut deployments = Vec::new();
    for folder in &folders {
        let here = |pred: &dyn Fn(ConfigKind) -> bool| -> Vec<usize> {
            configs
                .iter()
                .enumerate()
                .filter(|(_, c)| folder_of(&c.name) == *folder && pred(c.kind))
                .map(|(i, _)| i)
                .collect()
        };
        let session_confs = here(&|k| {
            matches!(
                k,
                ConfigKind::Jupyter | ConfigKind::Vscode | ConfigKind::Positron
            )
        });
        let plugin_confs = here(&|k| matches!(k, ConfigKind::LauncherPlugin(_)));
        let load_balancer = here(&|k| k == ConfigKind::LoadBalancer).first().copied();
        // The one file of `kind` Workbench reads in this folder, if it can be told.
        let mut primary = |kind: ConfigKind| -> Result<Option<usize>, Vec<usize>> {
            let all = here(&|k| k == kind);
            if all.len() <= 1 {
                return Ok(all.first().copied());
            }
            let canonical: Vec<usize> = all
                .iter()
                .copied()
                .filter(|&i| {
                    input::base_name(&configs[i].name).eq_ignore_ascii_case(kind.file_name())
                })
                .collect();
            match canonical.as_slice() {
                [one] => {
                    for &other in all.iter().filter(|&&i| i != *one) {
                        notes.push(format!(
                            "{}: another {} next to {}; Workbench reads {}, so this file got the file checks (syntax, options, values) but was not paired with launcher.conf or the certificates",
                            configs[other].name,
                            kind.file_name(),
                            configs[*one].name,
                            kind.file_name()
                        ));
                    }
                    Ok(Some(*one))
                }
                _ => Err(all),
            }
        };
        match (primary(ConfigKind::Rserver), primary(ConfigKind::Launcher)) {
            (Ok(rserver), Ok(launcher)) => {
                if rserver.is_some() || launcher.is_some() || folders.len() == 1 {
                    deployments.push(Deployment {
                        rserver,
                        launcher,
                        session_confs,
                        plugin_confs,
                        load_balancer,
                        folder: folder.to_string(),
                    });
                }
            }
            (r, l) => {
                let all = |x: Result<Option<usize>, Vec<usize>>| match x {
                    Ok(one) => one.into_iter().collect::<Vec<usize>>(),
                    Err(many) => many,
                };
                let (rservers, launchers) = (all(r), all(l));
                // Several servers' files at once (a folder of examples, say): pairing them by
                // guesswork would produce confident findings about files that never run together.
                notes.push(format!(
                    "{} rserver.conf and {} launcher.conf inputs{}: it is not known which files belong together, so each was checked \
                     on its own and the checks that compare rserver.conf with launcher.conf were skipped. Check one server's files at a time.",
                    rservers.len(),
                    launchers.len(),
                    if folder.is_empty() { String::new() } else { format!(" in {folder}") }
                ));
                deployments.extend(rservers.into_iter().map(|r| Deployment {
                    rserver: Some(r),
                    folder: folder.to_string(),
                    ..Deployment::default()
                }));
                deployments.extend(launchers.into_iter().map(|l| Deployment {
                    launcher: Some(l),
                    folder: folder.to_string(),
                    ..Deployment::default()
                }));
            }
        }
    }
    if deployments.is_empty() {
        deployments.push(Deployment::default());
    }
    deployments
}

/// The settings that name certificate and key files, and the role they give.
pub const FILE_SETTINGS: [(ConfigKind, &str, Role); 4] = [
    (
        ConfigKind::Rserver,
        "ssl-certificate",
        Role::RserverCertificate,
    ),
    (ConfigKind::Rserver, "ssl-certificate-key", Role::RserverKey),
    (
        ConfigKind::Launcher,
        "certificate-file",
        Role::LauncherCertificate,
    ),
    (
        ConfigKind::Launcher,
        "certificate-key-file",
        Role::LauncherKey,
    ),
];

/// The non-empty entry that sets a file setting in a config (`[server]` or no section).
fn setting_entry<'c>(
    c: &'c ConfigFile,
    key: &str,
) -> Option<&'c crate::input::config_lines::Entry> {
    c.parsed
        .entries
        .iter()
        .rev()
        .find(|e| e.key == key && matches!(c.parsed.section_name(e.section), None | Some("server")))
        .filter(|e| !e.value.is_empty())
}

/// Roles, in order of authority: the caller's override, the setting that names the file (matched by
/// base name: configs hold server paths, inputs are whatever the user dropped), the Launcher's fixed
/// file names, and last the content.
fn assign_roles(pki: &mut [PkiFile], configs: &[ConfigFile], options: &CheckOptions) {
    for file in pki.iter_mut() {
        let base = input::base_name(&file.name);
        let overridden = options
            .roles
            .iter()
            .find(|(n, _)| n == &file.name || input::base_name(n) == base);
        if let Some((_, role)) = overridden {
            file.role = *role;
            continue;
        }
        // FILE_SETTINGS order: Workbench's own settings first, so a file that both rserver.conf and
        // launcher.conf name is Workbench's certificate (channel a); `file_for` still finds it for
        // the Launcher.
        // The configs of the file's own folder first: each node of a cluster names its own copy of
        // `/etc/rstudio/cert.pem`.
        let folder = folder_of(&file.name);
        let nearest_first = || {
            let (near, far): (Vec<&ConfigFile>, Vec<&ConfigFile>) =
                configs.iter().partition(|c| folder_of(&c.name) == folder);
            near.into_iter().chain(far)
        };
        let named = FILE_SETTINGS.iter().find_map(|(kind, key, role)| {
            nearest_first().filter(|c| c.kind == *kind).find_map(|c| {
                let entry = setting_entry(c, key)?;
                (input::base_name(&entry.value) == base).then(|| (*role, c.entry_location(entry)))
            })
        });
        if let Some((role, at)) = named {
            file.role = role;
            file.named_by = Some(at);
            continue;
        }
        file.role = match base {
            "launcher.pem" => Role::LauncherPem,
            "launcher.pub" => Role::LauncherPub,
            _ => pki::inferred_role(file),
        };
    }
}

/// One `[cluster]` of launcher.conf.
#[derive(Clone, Debug)]
pub struct Cluster<'m> {
    pub header: Pos,
    pub settings: Settings<'m>,
}

impl<'m> Cluster<'m> {
    pub fn name(&self) -> Option<&'m str> {
        self.settings.value("name")
    }

    pub fn cluster_type(&self) -> Option<&'m str> {
        self.settings.value("type")
    }

    /// Whether sessions of this cluster run on other machines (Kubernetes pods, Slurm nodes). Compared
    /// without case: `type=SLURM` is wrong (see `unknown-cluster-type`) but clearly means Slurm.
    pub fn is_remote(&self) -> bool {
        self.cluster_type().is_some_and(|t| {
            t.eq_ignore_ascii_case("kubernetes") || t.eq_ignore_ascii_case("slurm")
        })
    }
}

/// launcher.conf resolved: the `[server]` settings and the clusters.
#[derive(Clone, Debug)]
pub struct LauncherView<'m> {
    pub file: &'m ConfigFile,
    pub server: Settings<'m>,
    pub clusters: Vec<Cluster<'m>>,
}

impl<'m> LauncherView<'m> {
    pub fn new(file: &'m ConfigFile) -> LauncherView<'m> {
        let parsed = &file.parsed;
        // Keys before any header are read as [server] keys: that is what the admin meant, and
        // `option-outside-section` says that the Launcher may not read them so.
        let server_entries = parsed
            .entries
            .iter()
            .filter(|e| matches!(parsed.section_name(e.section), None | Some("server")))
            .collect();
        let clusters = parsed
            .sections
            .iter()
            .enumerate()
            .filter(|(_, s)| s.name == "cluster")
            .map(|(idx, s)| Cluster {
                header: s.pos,
                settings: Settings {
                    file,
                    entries: parsed
                        .entries
                        .iter()
                        .filter(|e| e.section == Some(idx))
                        .collect(),
                    scope: Scope::Cluster,
                },
            })
            .collect();
        LauncherView {
            file,
            server: Settings {
                file,
                entries: server_entries,
                scope: Scope::Server,
            },
            clusters,
        }
    }

    pub fn cluster_names(&self) -> Vec<&'m str> {
        self.clusters.iter().filter_map(Cluster::name).collect()
    }
}

/// The evidence that sessions run on other machines than rserver.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RemoteSessions {
    /// A `[cluster]` in launcher.conf, or a Kubernetes/Slurm plugin file, says so.
    Confirmed(String),
    /// Only a cluster *name* in rserver.conf suggests it (launcher.conf not given).
    Suggested(String),
    No,
    Unknown,
}

/// One deployment, with accessors that resolve its files.
#[derive(Clone, Copy, Debug)]
pub struct DeploymentView<'m> {
    pub model: &'m Model,
    pub deployment: &'m Deployment,
}

impl<'m> DeploymentView<'m> {
    pub fn rserver_file(&self) -> Option<&'m ConfigFile> {
        self.deployment.rserver.map(|i| &self.model.configs[i])
    }

    pub fn rserver(&self) -> Option<Settings<'m>> {
        self.rserver_file().map(ConfigFile::settings)
    }

    pub fn launcher(&self) -> Option<LauncherView<'m>> {
        self.deployment
            .launcher
            .map(|i| LauncherView::new(&self.model.configs[i]))
    }

    pub fn session_confs(&self) -> impl Iterator<Item = &'m ConfigFile> + 'm {
        let model = self.model;
        self.deployment
            .session_confs
            .iter()
            .map(move |&i| &model.configs[i])
    }

    pub fn plugin_confs(&self) -> impl Iterator<Item = &'m ConfigFile> + 'm {
        let model = self.model;
        self.deployment
            .plugin_confs
            .iter()
            .map(move |&i| &model.configs[i])
    }

    /// Whether rserver talks to a Launcher at all: launcher sessions on, or a Launcher address given
    /// (Workbench jobs use the Launcher too).
    pub fn launcher_in_use(&self) -> bool {
        self.rserver()
            .is_some_and(|r| r.flag("launcher-sessions-enabled") || r.is_set("launcher-address"))
    }

    /// The host rserver dials for the Launcher: `launcher-address` without any scheme, path or port
    /// written into it by mistake (`launcher-address-has-scheme` reports those).
    pub fn launcher_host(&self) -> Option<String> {
        self.rserver()?
            .value("launcher-address")
            .map(crate::net::bare_host)
    }

    pub fn sessions_enabled(&self) -> bool {
        self.rserver()
            .is_some_and(|r| r.flag("launcher-sessions-enabled"))
    }

    pub fn remote_sessions(&self) -> RemoteSessions {
        if let Some(l) = self.launcher() {
            return match l.clusters.iter().find(|c| c.is_remote()) {
                Some(c) => RemoteSessions::Confirmed(format!(
                    "launcher.conf has a `type={}` cluster ({}:{})",
                    c.cluster_type().unwrap_or_default(),
                    l.file.name,
                    c.header.line
                )),
                None => RemoteSessions::No,
            };
        }
        if let Some(p) = self.plugin_confs().find(|p| {
            matches!(
                p.kind,
                ConfigKind::LauncherPlugin(Plugin::Kubernetes | Plugin::Slurm)
            )
        }) {
            return RemoteSessions::Confirmed(format!(
                "{} configures the {} plugin",
                p.name,
                p.kind.file_name()
            ));
        }
        let Some(r) = self.rserver() else {
            return RemoteSessions::Unknown;
        };
        for key in ["launcher-default-cluster", "launcher-sessions-clusters"] {
            if let Some(e) = r.explicit(key) {
                let remote = e.value.split(',').map(str::trim).find(|n| {
                    n.eq_ignore_ascii_case("kubernetes") || n.eq_ignore_ascii_case("slurm")
                });
                if let Some(n) = remote {
                    return RemoteSessions::Suggested(format!(
                        "`{key}={}` ({}:{}) names a cluster `{n}`",
                        e.value, r.file.name, e.key_pos.line
                    ));
                }
            }
        }
        RemoteSessions::Unknown
    }
}
