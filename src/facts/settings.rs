//! Facts read from the settings: the name users type and where it came from, the port rserver listens
//! on, its URL as a session dials it, the callback address as far as it can be read, how the Launcher
//! addresses of the two sides meet, and the signs of something in front of rserver. Rules, the channel
//! summaries and the endpoints read these; nothing here reads a rule.

use crate::model::{DeploymentView, Model};
use crate::net;

/// The callback address as set, and its host/port as far as they can be read: a value without a
/// scheme (`127.0.0.1`) still has a host worth checking.
pub struct Callback<'m> {
    pub setting: crate::config::Setting<'m>,
    pub url: Result<crate::net::HttpUrl, crate::net::UrlProblem>,
    pub host: Option<String>,
}

/// The URL of rserver itself as a session would dial it directly: scheme from `ssl-enabled`, port from
/// `www-port` (omitted when it is the scheme's default).
pub fn direct_url(r: &crate::config::Settings, host: &str) -> String {
    let scheme = if r.flag("ssl-enabled") {
        "https"
    } else {
        "http"
    };
    let (port, _) = effective_www_port(r);
    net::url(
        scheme,
        host,
        (port != net::default_port(scheme)).then_some(port),
    )
}

pub fn callback<'m>(d: &DeploymentView<'m>) -> Option<Callback<'m>> {
    let r = d.rserver()?;
    let setting = r.get("launcher-sessions-callback-address");
    if setting.value.is_empty() {
        return None;
    }
    let url = crate::net::parse_http_url(&setting.value);
    let host = match &url {
        Ok(u) => Some(u.host.clone()),
        Err(crate::net::UrlProblem::NoScheme) => {
            crate::net::parse_http_url(&format!("http://{}", setting.value))
                .ok()
                .map(|u| u.host)
        }
        Err(_) => None,
    };
    Some(Callback { setting, url, host })
}

/// The port rserver listens on: `www-port`, else 443 with SSL and 8787 without.
pub fn effective_www_port(r: &crate::config::Settings) -> (u16, String) {
    let port = r.get("www-port");
    match port.value.parse::<u16>() {
        Ok(p) if !port.value.is_empty() => (p, port.describe()),
        _ if r.flag("ssl-enabled") => (
            443,
            "443 (the default with `ssl-enabled=1`; `www-port` not set)".to_string(),
        ),
        _ => (
            8787,
            "8787 (the default without SSL; `www-port` not set)".to_string(),
        ),
    }
}

/// Settings that show something in front of rserver (a TLS proxy, a load balancer, a Kubernetes
/// Service), each as `` `key=value` (file:line) `` with why it is a sign. Judgements built on these are
/// guesses, and the findings that use them say so and name the signs. One list for every rule, so
/// that `plaintext-http` and `callback-port-mismatch` never read the same callback line two ways.
///
/// A callback to another host than rserver's own on another port is a sign only in Posit's documented
/// pattern, "the callback is the URL users type": no port written (the scheme's default) while rserver
/// serves plain HTTP, or load balancing configured. With rserver serving TLS itself, or an explicit
/// port, it is more likely the usual mistake (the port forgotten or wrong), and no sign. Load balancing
/// alone is no sign: Workbench's own balancing says nothing of TLS ending in front.
pub fn front_signs(d: &DeploymentView) -> Vec<String> {
    let Some(r) = d.rserver() else {
        return Vec::new();
    };
    let mut signs = Vec::new();
    if r.flag("auth-proxy") {
        signs.push(format!(
            "{}: a proxy signs users in",
            r.get("auth-proxy").describe()
        ));
    }
    if r.flag("auth-cookies-force-secure") {
        signs.push(format!(
            "{}: cookies are marked for HTTPS",
            r.get("auth-cookies-force-secure").describe()
        ));
    }
    if r.value("www-root-path")
        .is_some_and(|v| !v.is_empty() && v != "/")
    {
        signs.push(format!(
            "{}: Workbench is served under a proxy's path",
            r.get("www-root-path").describe()
        ));
    }
    if r.value("www-frame-origin")
        .is_some_and(|v| !v.is_empty() && v != "none")
    {
        signs.push(format!(
            "{}: Workbench is embedded in another site",
            r.get("www-frame-origin").describe()
        ));
    }
    if let Some(cb) = callback(d) {
        if let Ok(url) = &cb.url {
            let ssl = r.flag("ssl-enabled");
            let (listen, _) = effective_www_port(&r);
            let own = is_own_address(&r, &url.host);
            if url.scheme == "https" && !ssl {
                signs.push(format!(
                    "{}: sessions call back over https while Workbench serves HTTP",
                    cb.setting.describe()
                ));
            } else if url.port() != listen
                && !own
                && ((url.explicit_port.is_none() && !ssl) || load_balanced(d))
            {
                signs.push(format!(
                    "{}: sessions call back to another host on port {} while Workbench listens on {listen}, as they do through a proxy or load balancer (the callback is the URL users type)",
                    cb.setting.describe(),
                    url.port()
                ));
            }
            if crate::net::is_kubernetes_service(&url.host) {
                signs.push(format!(
                    "{}: the callback names a Kubernetes Service",
                    cb.setting.describe()
                ));
            }
        }
    }
    signs.dedup();
    signs
}

/// Whether load balancing is configured: the server is a node of a cluster (a `load-balancer` file or a
/// line `load-balancing-enabled=1` among the folders given; the option's default is on, which means
/// nothing without nodes), or a `load-balancer` file is given at all.
pub fn load_balanced(d: &DeploymentView) -> bool {
    d.model.node_of(d.deployment).is_some()
        || d.model
            .configs
            .iter()
            .any(|c| c.kind == crate::catalog::ConfigKind::LoadBalancer)
}

/// Whether a host, as a session dials it, is rserver itself rather than something in front of it:
/// loopback, a bind-everything address, or rserver's own `www-address`.
pub fn is_own_address(r: &crate::config::Settings, host: &str) -> bool {
    crate::net::is_loopback(host)
        || crate::net::is_wildcard(host)
        || r.value("www-address")
            .is_some_and(|w| !crate::net::is_wildcard(w) && crate::net::same_host(w, host))
}

/// The host name users type, and where it came from: `--hostname` (the page's field), else a DNS
/// `www-address` of the one rserver.conf, else the host of its callback address (users usually type
/// the URL sessions call back to). Loopback, bind-everything and Kubernetes-Service names are not
/// what users type, and neither are IP addresses nor names with template variables. `None` with
/// several separate servers or nothing to go on (a cluster's first node speaks for the cluster).
pub fn public_host_name(model: &Model) -> Option<(String, String)> {
    if let Some(h) = &model.options.hostname {
        return Some((h.clone(), "the public host name you gave".into()));
    }
    let r = model.primary()?.rserver()?;
    let usable = |h: &str| {
        let h = h.trim_end_matches('.').to_ascii_lowercase();
        !crate::net::is_loopback(&h)
            && !crate::net::is_wildcard(&h)
            && !h.contains(['$', '{', '%'])
            && !crate::net::is_kubernetes_service(&h)
    };
    if let Some(www) = r
        .value("www-address")
        .filter(|w| usable(w) && !crate::net::is_ip(w))
    {
        return Some((www.to_string(), format!("`www-address={www}`, guessed to be the name users type; give the public host name to be sure")));
    }
    // An IP callback (`http://10.0.0.5:8787`) is how sessions reach rserver inside the network,
    // not a name people type; the certificate's names are judged for sessions on channel c.
    let cb = r.get("launcher-sessions-callback-address");
    let host = crate::net::parse_http_url(&cb.value).ok()?.host;
    (usable(&host) && !crate::net::is_ip(&host)).then(|| {
        let source = format!("the host of {}, guessed to be the name users type; give the public host name to be sure", cb.describe());
        (host, source)
    })
}

/// How the address rserver dials (`launcher-address`) misses the one the Launcher binds (`address`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AddressesMiss {
    /// Two different unix socket paths.
    SocketPathsDiffer,
    /// A unix socket path on one side, a network address on the other.
    SocketAndNetwork,
    /// rserver dials a bind-everything address (`0.0.0.0`).
    ClientIsBindAddress,
    /// Both loopback, of different families (`127.0.0.1` and `::1`).
    LoopbackFamiliesDiffer { server_v4: bool },
    /// The Launcher listens on loopback only; rserver dials a network name or IP.
    LauncherOnLoopbackOnly,
    /// rserver dials loopback; the Launcher listens on a specific network address only.
    ClientOnLoopbackOnly,
    /// Different names or addresses, maybe of one machine.
    Different,
}

impl AddressesMiss {
    /// Whether the connection is certainly refused (rather than maybe).
    pub fn certain(self) -> bool {
        matches!(
            self,
            AddressesMiss::SocketPathsDiffer
                | AddressesMiss::SocketAndNetwork
                | AddressesMiss::LoopbackFamiliesDiffer { .. }
        )
    }
}

/// Why the two addresses may not meet, and how sure that is; `None` when they meet.
///
/// Judged by what each side does with its value: the Launcher binds the address it is given
/// (`0.0.0.0`/`::` bind every interface), and rserver resolves `launcher-address` and tries each address
/// it gets: rstudio's core HTTP client (`TcpIpAsyncConnector`, src/cpp/core/include/core/http in
/// rstudio/rstudio) "tries endpoints until we successfully connect with one". So `localhost` meets
/// `127.0.0.1` and `::1`: /etc/hosts maps it to both, and a refused IPv6 attempt falls through to IPv4.
pub fn launcher_addresses_miss(client: &str, server: &str) -> Option<AddressesMiss> {
    use AddressesMiss::*;
    if net::is_socket_path(client) || net::is_socket_path(server) {
        return match (net::is_socket_path(client), net::is_socket_path(server)) {
            (true, true) if client == server => None,
            (true, true) => Some(SocketPathsDiffer),
            _ => Some(SocketAndNetwork),
        };
    }
    if net::is_wildcard(client) {
        return Some(ClientIsBindAddress);
    }
    if net::is_wildcard(server) || net::same_host(client, server) {
        return None;
    }
    let (cl, sl) = (net::is_loopback(client), net::is_loopback(server));
    let family = |h: &str| net::ip(h).map(|a| a.is_ipv4());
    match (cl, sl) {
        (true, true) => match (family(client), family(server)) {
            (Some(client_v4), Some(server_v4)) if client_v4 != server_v4 => {
                Some(LoopbackFamiliesDiffer { server_v4 })
            }
            _ => None,
        },
        (false, true) => Some(LauncherOnLoopbackOnly),
        (true, false) => Some(ClientOnLoopbackOnly),
        (false, false) => Some(Different),
    }
}
