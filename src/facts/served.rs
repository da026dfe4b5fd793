//! What the running services serve, as opposed to what the files on disk say: an observation of one
//! endpoint, made by `wb-ssl-check probe` (the CLI dials it) or read from pasted `openssl s_client` and
//! `curl -v` output. Observations are matched to the channels whose endpoint they are, and the served
//! chain is judged by the same path validator as the files ([`crate::pki::trust::judge_file`]).
//!
//! The core never dials anything: the probe is a shell (src/cli/probe.rs) that hands its observations
//! in through [`crate::CheckOptions::observations`], exactly as the parsers below hand in pasted output.

use crate::base::{Channel, Location};
use crate::input::observation::{Observation, TlsSession};
use crate::model::{DeploymentView, Model};
use crate::pki::trust::Outcome;
use crate::pki::{PkiFile, Role};

use super::clients::client;
use super::settings::{callback, effective_www_port};

/// An endpoint a channel's client dials, as the configs say: what the probe dials, and what pasted
/// output is matched against.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Endpoint {
    pub channel: Channel,
    /// The host the client dials; `None` for channel a when the name users type is not known.
    pub host: Option<String>,
    /// What the probe dials: `host` (with TLS), else rserver's own `www-address` (when it names one
    /// interface), else `localhost`: what this machine serves on rserver's port.
    pub dial: String,
    pub port: u16,
    /// Whether the configs say the client speaks TLS here.
    pub tls: bool,
    /// The setting the endpoint comes from, for messages (`` `launcher-address=localhost` (rserver.conf:7) ``).
    pub from: String,
    /// The setting that says whether the client speaks TLS there (`ssl-enabled`, `launcher-use-ssl`,
    /// the callback's scheme), as `` `key=value` (file:line) ``.
    pub tls_from: String,
    /// Where that setting is: the findings about the endpoint point there.
    pub at: Location,
}

impl Endpoint {
    pub fn url(&self) -> String {
        crate::net::url(
            if self.tls { "https" } else { "http" },
            self.host.as_deref().unwrap_or("<workbench-host>"),
            Some(self.port),
        )
    }
}

/// The endpoints of a deployment's three channels, as far as its configs name them: channel a at the
/// name users type (when known) and `www-port`; b at `launcher-address:launcher-port` (not a socket);
/// c at the callback URL.
pub fn endpoints(d: &DeploymentView, public: Option<&(String, String)>) -> Vec<Endpoint> {
    let mut out = Vec::new();
    let Some(r) = d.rserver() else {
        return out;
    };
    let ssl = r.flag("ssl-enabled");
    let (port, _) = effective_www_port(&r);
    let host = public.map(|(h, _)| h.clone());
    let own = r
        .value("www-address")
        .filter(|w| !w.is_empty() && !crate::net::is_wildcard(w));
    out.push(Endpoint {
        channel: Channel::A,
        // Plain HTTP has no name to check, and with a TLS proxy in front the name users type leads
        // to the proxy, not to `www-port`: then rserver itself is dialled.
        dial: host
            .clone()
            .filter(|_| ssl)
            .or(own.map(str::to_string))
            .unwrap_or_else(|| "localhost".into()),
        host,
        port,
        tls: ssl,
        tls_from: r.get("ssl-enabled").describe(),
        from: match public {
            Some((_, source)) => format!("{source}, `www-port` {port}"),
            None => format!("`www-port` {port}"),
        },
        at: match r.explicit("www-port") {
            Some(_) => r.get("www-port").location(),
            None => r.get("ssl-enabled").location(),
        },
    });
    if d.launcher_in_use() {
        if let Some(host) = d.launcher_host().filter(|h| !crate::net::is_socket_path(h)) {
            let port = r.get("launcher-port");
            if let Ok(p) = port.value.parse::<u16>() {
                out.push(Endpoint {
                    channel: Channel::B,
                    dial: host.clone(),
                    host: Some(host),
                    port: p,
                    tls: r.flag("launcher-use-ssl"),
                    tls_from: r.get("launcher-use-ssl").describe(),
                    from: format!(
                        "{}, {}",
                        r.get("launcher-address").describe(),
                        port.describe()
                    ),
                    at: r.get("launcher-address").location(),
                });
            }
        }
    }
    if let Some(cb) = callback(d) {
        if let Ok(u) = &cb.url {
            out.push(Endpoint {
                channel: Channel::C,
                dial: u.host.clone(),
                host: Some(u.host.clone()),
                port: u.port(),
                tls: u.scheme == "https",
                tls_from: cb.setting.describe(),
                from: cb.setting.describe(),
                at: cb.setting.location(),
            });
        }
    }
    out
}

/// An observation attached to one channel, judged.
#[derive(Clone, Debug)]
pub struct Served {
    /// Index into [`Model::observations`].
    pub observation: usize,
    pub endpoint: Endpoint,
    /// The name the channel's client checks the certificate for.
    pub name: Option<String>,
    /// The served certificates, as a file with its chain built: an index into
    /// [`super::Facts::served_chains`] (channels a and c share one).
    pub chain: Option<usize>,
    /// The path validator's verdict on the served chain, for `name`.
    pub outcome: Option<Outcome>,
    /// The configured certificate file for this channel (index into the model's PKI files), when it
    /// is the one the endpoint should serve and it was given.
    pub configured: Option<usize>,
    /// Whether the served leaf is the configured file's leaf.
    pub same_as_file: Option<bool>,
}

impl Served {
    /// The served certificates, as a file with its chain built.
    pub fn chain<'f>(&self, facts: &'f super::Facts) -> Option<&'f PkiFile> {
        self.chain.map(|i| &facts.served_chains[i])
    }
}

/// Whether an observation's endpoint is this channel's: same port, and the same host, or a loopback
/// address for a host that is this machine.
fn matches(o: &Observation, e: &Endpoint) -> bool {
    if o.port != Some(e.port) {
        return false;
    }
    let Some(host) = o.host.as_deref() else {
        return true;
    };
    let Some(want) = e.host.as_deref() else {
        return true;
    };
    let local = |h: &str| crate::net::is_loopback(h) || h.eq_ignore_ascii_case("localhost");
    crate::net::same_host(host, want)
        || (local(host) && local(want))
        || o.address
            .as_deref()
            .is_some_and(|a| crate::net::same_host(a, want))
}

/// The certificate file a channel's endpoint serves, when the endpoint is rserver or the Launcher
/// itself rather than a proxy in front of it.
fn configured_file(d: &DeploymentView, e: &Endpoint) -> Option<usize> {
    // Channel d: the node whose load-balancer file names this endpoint serves its own certificate.
    if e.channel == Channel::D {
        let node = d.model.deployment_views().find(|v| {
            v.deployment
                .load_balancer
                .is_some_and(|i| d.model.configs[i].name == e.at.file)
        })?;
        if !node.rserver()?.flag("ssl-enabled") {
            return None;
        }
        let f = d
            .model
            .file_for(node.deployment, Role::RserverCertificate)?;
        return d.model.pki_index(f);
    }
    let r = d.rserver()?;
    let role = match e.channel {
        Channel::B => Role::LauncherCertificate,
        // Sessions dialling another port than rserver's, or https to an HTTP rserver, reach a proxy.
        Channel::C if !r.flag("ssl-enabled") || e.port != effective_www_port(&r).0 => return None,
        _ if !r.flag("ssl-enabled") => return None,
        _ => Role::RserverCertificate,
    };
    let f = d.model.file_for(d.deployment, role)?;
    d.model.pki_index(f)
}

/// The served certificates as a PKI file, chain built.
fn served_file(o: &Observation, t: &TlsSession) -> Option<PkiFile> {
    if t.chain.is_empty() {
        return None;
    }
    let mut f = crate::pki::from_certificates(
        &format!("served by {} ({})", o.dialled(), o.source()),
        &t.chain,
    );
    f.role = Role::RserverCertificate;
    f.chain = crate::pki::build_chain(&f);
    Some(f)
}

/// Matches every observation to the channels whose endpoint it is, and judges what was served. The
/// notes say which observations matched no channel.
pub(super) fn attach(model: &Model, eps: &[Endpoint]) -> (Vec<Served>, Vec<String>, Vec<PkiFile>) {
    let mut served = Vec::new();
    let mut notes = Vec::new();
    let mut chains = Vec::new();
    let Some(d) = model.primary() else {
        for o in &model.observations {
            notes.push(format!(
                "{}: not matched to a channel, because no single server's rserver.conf was given",
                o.source()
            ));
        }
        return (served, notes, chains);
    };
    let stores = super::clients::trust_stores(model);
    for (i, o) in model.observations.iter().enumerate() {
        let mut chosen: Vec<&Endpoint> = match o.channel {
            Some(c) => eps.iter().filter(|e| e.channel == c).collect(),
            None => eps.iter().filter(|e| matches(o, e)).collect(),
        };
        let chain = o.tls().and_then(|t| served_file(o, t));
        // Output without an endpoint (a paste of the certificate part only): the served leaf says
        // which configured file, and so which channels, it is.
        if chosen.is_empty() && o.port.is_none() {
            if let Some(leaf) = chain.as_ref().and_then(PkiFile::leaf) {
                chosen = eps
                    .iter()
                    .filter(|e| {
                        configured_file(&d, e)
                            .and_then(|f| model.pki[f].leaf())
                            .is_some_and(|c| c.sha256 == leaf.sha256)
                    })
                    .collect();
            }
        }
        if chosen.is_empty() {
            let known: Vec<String> = eps
                .iter()
                .map(|e| format!("{} {}", e.channel.as_str(), e.url()))
                .collect();
            notes.push(format!(
                "{}: {} is none of the channels' endpoints ({}), so it was not judged",
                o.source(),
                o.dialled(),
                if known.is_empty() {
                    "none known".to_string()
                } else {
                    known.join(", ")
                }
            ));
            continue;
        }
        let chain_index = chain.as_ref().map(|_| chains.len());
        for e in chosen {
            if o.attempted_tls.is_some_and(|t| t != e.tls) {
                notes.push(format!(
                    "{}: {} was reached with {} where the configs say {} (channel {}), so a failure there says nothing about the channel",
                    o.source(),
                    o.dialled(),
                    if e.tls { "plain HTTP" } else { "TLS" },
                    if e.tls { "TLS" } else { "plain HTTP" },
                    e.channel.as_str()
                ));
            }
            let name = match e.channel {
                // Browsers check the name users type; pasted output may have dialled it by IP.
                Channel::A => e.host.clone().or_else(|| {
                    o.host
                        .clone()
                        .filter(|h| !crate::net::is_loopback(h) && !crate::net::is_ip(h))
                }),
                _ => e.host.clone(),
            };
            let outcome = chain.as_ref().map(|f| {
                let outcome = crate::pki::trust::judge_file(
                    &model.pki,
                    f,
                    client(e.channel),
                    &stores,
                    model.options.now_unix,
                    name.as_deref(),
                );
                // The validator checks the name only on a path it could anchor. What is served is
                // not backed by a file rule that checks the name, so a chain of unknown trust is
                // refused here when it does not cover the name the client dials.
                match (&outcome, f.leaf(), name.as_deref()) {
                    (Outcome::TrustUnknown, Some(leaf), Some(n))
                        if !crate::pki::trust::covers_name(&leaf.der, n) =>
                    {
                        Outcome::Rejected(crate::pki::trust::Rejection::NotValidForName)
                    }
                    _ => outcome,
                }
            });
            let configured = configured_file(&d, e);
            let same_as_file = configured.and_then(|c| {
                let file_leaf = model.pki[c].leaf()?;
                let t = o.tls()?;
                match (chain.as_ref().and_then(PkiFile::leaf), t.leaf_dates) {
                    (Some(leaf), _) => Some(leaf.sha256 == file_leaf.sha256),
                    // curl prints no certificate, only its dates: two certificates with the same
                    // validity to the second are taken as one.
                    (None, Some(dates)) => {
                        Some(dates == (file_leaf.not_before, file_leaf.not_after))
                    }
                    _ => None,
                }
            });
            served.push(Served {
                observation: i,
                endpoint: e.clone(),
                name,
                chain: chain_index,
                outcome,
                configured,
                same_as_file,
            });
        }
        if let Some(c) = chain {
            chains.push(c);
        }
    }
    (served, notes, chains)
}

/// The endpoints `wb-ssl-check probe` dials for these inputs: those of the one server they describe,
/// or of a cluster's first node plus every node at its `www-host-name` (channel d), as rserver on
/// another node dials it.
pub fn planned_endpoints(
    inputs: &[crate::Input],
    options: &crate::CheckOptions,
) -> Result<Vec<Endpoint>, String> {
    let model = Model::build(inputs, options);
    if model.deployments.is_empty() {
        return Err(
            "no rserver.conf or launcher.conf among the inputs: nothing names an endpoint to probe"
                .into(),
        );
    }
    let Some(d) = model.primary() else {
        return Err(
            "the inputs describe several servers; probe one server's files at a time".into(),
        );
    };
    if d.rserver().is_none() {
        return Err("rserver.conf is not among the inputs: it names the endpoints to probe".into());
    }
    let mut out = endpoints(&d, super::settings::public_host_name(&model).as_ref());
    out.extend(super::nodes::node_endpoints(&model));
    Ok(out)
}

/// Whether a served chain stops short of a CA given as trusted: its top certificate's issuer is among
/// the inputs and is itself issued by a trusted CA (the intermediate the server did not send).
/// Browsers do not fetch an intermediate of a private CA (Firefox never fetches one; Chrome only with
/// an AIA URL the leaf may not have), and rserver and sessions never do: every client refuses it.
pub fn short_of_trusted(model: &super::Facts, s: &Served) -> bool {
    let Some(chain) = s.chain(model) else {
        return false;
    };
    let Some(top) = chain.chain.path.last().and_then(|&i| chain.cert(i)) else {
        return false;
    };
    if top.self_issued() {
        return false;
    }
    let trusted: Vec<&crate::pki::cert::CertFacts> = model.trusted_cas().collect();
    model
        .pki
        .iter()
        .flat_map(|f| f.certificates())
        .filter(|(_, c)| c.could_issue(top) && !c.self_signed())
        .any(|(_, missing)| trusted.iter().any(|t| t.could_issue(missing)))
}
