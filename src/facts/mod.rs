//! The facts layer: everything the rules, the channel summaries, the chain view and the probe's plan
//! share, computed once per deployment from the model. Each fact has one implementation here:
//!
//! - each channel's client and the channels a certificate serves ([`clients`]);
//! - the path validator's verdicts on the configured chains ([`chains`]);
//! - the name users type and where it came from, the port rserver listens on, its direct URL, the
//!   callback as far as it can be read, the Launcher address as rserver and the Launcher see it, and
//!   the signs of a proxy or load balancer in front ([`settings`]);
//! - each channel's endpoint (the host its client dials, port, scheme, the setting it comes from) and
//!   the observations of what is served, attached to their channels and judged ([`served`]).
//!
//! Nothing here reads a rule or the report; the layers above read these values and never re-derive
//! them.

pub mod chains;
pub mod clients;
pub mod nodes;
pub mod served;
pub mod settings;

use crate::base::Channel;
use crate::model::{DeploymentView, Model};
use crate::pki::PkiFile;

pub use chains::ChainVerdict;
pub use clients::{channels_served_by, client};
pub use nodes::NodeAddress;
pub use served::{endpoints, planned_endpoints, Endpoint, Served};
pub use settings::{
    callback, direct_url, effective_www_port, front_signs, is_own_address, launcher_addresses_miss,
    public_host_name, AddressesMiss, Callback,
};

/// The model of the inputs with the facts computed from it. It dereferences to the [`Model`], so a
/// rule reads settings, certificates and facts through one value.
#[derive(Debug)]
pub struct Facts<'m> {
    pub model: &'m Model,
    /// The name users type and where it came from (see [`settings::public_host_name`]).
    pub public_host: Option<(String, String)>,
    /// The endpoints of the one server the inputs describe, or of a cluster's first node plus each
    /// node's channel d endpoint (none for several separate servers).
    pub endpoints: Vec<Endpoint>,
    /// The path validator's verdict on each configured chain, per channel.
    pub verdicts: Vec<ChainVerdict>,
    /// Each observation matched to a channel and judged.
    pub served: Vec<Served>,
    /// The chains that were served, as files (see [`Served::chain`]).
    pub served_chains: Vec<PkiFile>,
    /// What attaching the observations could not decide (an endpoint no channel has, ...).
    pub notes: Vec<String>,
}

impl<'m> Facts<'m> {
    pub fn new(model: &'m Model) -> Facts<'m> {
        let public_host = settings::public_host_name(model);
        let verdicts =
            chains::judge_chains(model, public_host.as_ref().map(|(name, _)| name.as_str()));
        let mut endpoints = model
            .primary()
            .map(|d| endpoints(&d, public_host.as_ref()))
            .unwrap_or_default();
        endpoints.extend(nodes::node_endpoints(model));
        let (served, notes, served_chains) = served::attach(model, &endpoints);
        Facts {
            model,
            public_host,
            endpoints,
            verdicts,
            served,
            served_chains,
            notes,
        }
    }

    /// The host name users type, and where it came from.
    pub fn public_host_name(&self) -> Option<(String, String)> {
        self.public_host.clone()
    }

    /// The verdict on `file` for `channel`.
    pub fn verdict(&self, channel: Channel, file: usize) -> Option<&ChainVerdict> {
        self.verdicts
            .iter()
            .find(|v| v.channel == channel && v.file == file)
    }

    /// The channel a configured chain's file belongs to: the channel its role serves, or for a
    /// trusted CA file the channel whose verdict ends at one of its certificates.
    pub fn chain_channel(&self, file: &PkiFile) -> Channel {
        match file.role.channel() {
            Channel::None => self
                .verdicts
                .iter()
                .find(|v| {
                    crate::pki::trust::anchor_certificate(&self.pki, &v.outcome)
                        .is_some_and(|c| file.certificates().any(|(_, x)| std::ptr::eq(x, c)))
                })
                .map(|v| v.channel)
                .unwrap_or(Channel::None),
            ch => ch,
        }
    }

    pub fn deployments(&self) -> impl Iterator<Item = DeploymentFacts<'_>> {
        self.model
            .deployment_views()
            .map(move |view| DeploymentFacts { facts: self, view })
    }
}

impl std::ops::Deref for Facts<'_> {
    type Target = Model;
    fn deref(&self) -> &Model {
        self.model
    }
}

/// A CA that machines must trust (see [`DeploymentFacts::ca_to_remind`]).
pub struct CaToTrust<'a> {
    /// The CA, in words.
    pub anchor: String,
    /// Its certificate, when one of the inputs holds it.
    pub cert: Option<&'a crate::pki::cert::CertFacts>,
    /// The file that holds it, when given.
    pub ca_file: Option<&'a str>,
}

/// One deployment's settings (through [`DeploymentView`]) and the facts of the whole model.
#[derive(Clone, Copy, Debug)]
pub struct DeploymentFacts<'f> {
    pub facts: &'f Facts<'f>,
    pub view: DeploymentView<'f>,
}

impl<'f> std::ops::Deref for DeploymentFacts<'f> {
    type Target = DeploymentView<'f>;
    fn deref(&self) -> &DeploymentView<'f> {
        &self.view
    }
}

impl DeploymentFacts<'_> {
    /// The CA that machines must trust for Workbench's certificate `file` (`pki::trust_anchor`), unless
    /// a deployment before this one (a cluster's other node, a server given with it) has its Workbench
    /// certificate from the same CA: one CA, one reminder. `None` too when no anchor is known.
    pub fn ca_to_remind<'a>(&'a self, file: &'a crate::pki::PkiFile) -> Option<CaToTrust<'a>> {
        let (anchor, cert) = crate::pki::trust_anchor(file, &self.model.pki)?;
        let same_ca = |other: &DeploymentFacts| {
            other
                .model
                .file_for(other.deployment, crate::pki::Role::RserverCertificate)
                .and_then(|f| crate::pki::trust_anchor(f, &other.model.pki))
                .is_some_and(|(words, c)| match (c, cert) {
                    (Some(a), Some(b)) => a.sha256 == b.sha256,
                    (None, None) => words == anchor,
                    _ => false,
                })
        };
        let reminded_before = self
            .facts
            .deployments()
            .take_while(|o| !std::ptr::eq(o.deployment, self.deployment))
            .any(|o| same_ca(&o));
        if reminded_before {
            return None;
        }
        // The CA's own file, when it was given.
        let ca_file = cert
            .and_then(|c| self.model.file_holding(c))
            .map(|f| f.name.as_str());
        Some(CaToTrust {
            anchor,
            cert,
            ca_file,
        })
    }

    /// Whether the callback's current host cannot stay, so no rule may write a URL at it: a
    /// bind-everything address, or loopback while sessions run on other hosts.
    pub fn callback_host_must_change(&self) -> bool {
        use crate::model::RemoteSessions;
        let Some(host) = callback(&self.view).and_then(|c| c.host) else {
            return false;
        };
        let remote = matches!(
            self.remote_sessions(),
            RemoteSessions::Confirmed(_) | RemoteSessions::Suggested(_)
        );
        crate::net::is_wildcard(&host) || remote && crate::net::is_loopback(&host)
    }

    /// The callback advice in words, for when the host must change and no right one is known
    /// ([`Self::proposed_callback`] is `None`). Every callback rule then gives this same sentence, so
    /// the plan makes them one step with one value to choose, instead of each writing its own.
    pub fn callback_in_words(&self) -> String {
        let (scheme, port) = match self.rserver() {
            Some(r) => {
                let scheme = if r.flag("ssl-enabled") {
                    "https"
                } else {
                    "http"
                };
                let (port, _) = settings::effective_www_port(&r);
                let port = (port != crate::net::default_port(scheme))
                    .then(|| format!(", then `:{port}`"))
                    .unwrap_or_default();
                (scheme, port)
            }
            None => ("https", String::new()),
        };
        format!("In rserver.conf, set `launcher-sessions-callback-address` to `{scheme}://` followed by the host name users type in the browser{port}: a name every session host can reach, and that Workbench's certificate names. Then, from a session host, `curl -I {scheme}://<that name>` must answer.")
    }

    /// The callback address that answers every callback finding at once, when the current one is
    /// wrong in a way the inputs can mend: rserver's own scheme and port (as `direct_url`), at a host
    /// sessions can reach and Workbench's certificate names. The host is kept when it is fine, else
    /// loopback for a wildcard when sessions run only on this host, else the name users type (when given and named by the certificate), else the certificate's first name that
    /// can be dialled. `None` when no such host is known. Every callback rule that rewrites the line
    /// writes this one value, so the plan never holds two values for that line (a scheme fixed by one
    /// rule and a host by another would otherwise each undo the other).
    pub fn proposed_callback(&self) -> Option<String> {
        use crate::model::RemoteSessions;
        use crate::pki::hostname::{self, HostMatch};
        let r = self.rserver()?;
        let current = callback(&self.view)?.host;
        let cert = r
            .flag("ssl-enabled")
            .then(|| {
                self.model
                    .file_for(self.deployment, crate::pki::Role::RserverCertificate)
                    .and_then(|f| f.leaf())
            })
            .flatten();
        let remote = matches!(
            self.remote_sessions(),
            RemoteSessions::Confirmed(_) | RemoteSessions::Suggested(_)
        );
        let reachable =
            |h: &str| !(crate::net::is_wildcard(h) || remote && crate::net::is_loopback(h));
        let named = |h: &str| cert.is_none_or(|c| hostname::matches(c, h) != HostMatch::No);
        let usable = |h: &str| reachable(h) && named(h);
        // A wildcard bind address serves only sessions on this host: those reach rserver on loopback.
        let loopback = current
            .as_deref()
            .filter(|h| crate::net::is_wildcard(h) && !remote)
            .map(|_| "127.0.0.1".to_string())
            .filter(|h| usable(h));
        let host = current
            .filter(|h| usable(h))
            .or(loopback)
            .or_else(|| {
                self.facts
                    .public_host_name()
                    .map(|(n, _)| n)
                    .filter(|h| usable(h))
            })
            .or_else(|| {
                cert?
                    .names()
                    .into_iter()
                    .find(|n| !n.starts_with('*') && !n.starts_with("IP:") && usable(n))
            })?;
        Some(direct_url(&r, &host))
    }
}
