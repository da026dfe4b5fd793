//! Facts the rules and the channel summaries share, computed once from the model: the port rserver
//! listens on, its URL as a session dials it, the callback address as far as it can be read. The chain
//! verdicts of the path validator are in the model ([`crate::model::ChainVerdict`]). Rules and
//! `channels.rs` read these; nothing here reads a rule.

use crate::model::DeploymentView;

/// The callback address as set, and its host/port as far as they can be read: a value without a
/// scheme (`127.0.0.1`) still has a host worth checking.
pub(crate) struct Callback<'m> {
    pub setting: crate::config::Setting<'m>,
    pub url: Result<crate::net::HttpUrl, crate::net::UrlProblem>,
    pub host: Option<String>,
}

/// The URL of rserver itself as a session would dial it directly: scheme from `ssl-enabled`, port from
/// `www-port` (omitted when it is the scheme's default).
pub(crate) fn direct_url(r: &crate::config::Settings, host: &str) -> String {
    let scheme = if r.flag("ssl-enabled") {
        "https"
    } else {
        "http"
    };
    let (port, _) = effective_www_port(r);
    let host = if host.contains(':') {
        format!("[{host}]")
    } else {
        host.to_string()
    };
    if (scheme == "https" && port == 443) || (scheme == "http" && port == 80) {
        format!("{scheme}://{host}")
    } else {
        format!("{scheme}://{host}:{port}")
    }
}

pub(crate) fn callback<'m>(d: &DeploymentView<'m>) -> Option<Callback<'m>> {
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
pub(crate) fn effective_www_port(r: &crate::config::Settings) -> (u16, String) {
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
/// guesses, and the findings that use them say so and name the signs. `with_callback_port`: whether a
/// callback on another port than rserver's counts (not when that port is what is being judged).
pub(crate) fn front_signs(d: &DeploymentView, with_callback_port: bool) -> Vec<String> {
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
            } else if with_callback_port && url.port() != listen && !own {
                signs.push(format!(
                    "{}: sessions call back on port {} while Workbench listens on {listen}",
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

/// Whether a host, as a session dials it, is rserver itself rather than something in front of it:
/// loopback, a bind-everything address, or rserver's own `www-address`.
pub(crate) fn is_own_address(r: &crate::config::Settings, host: &str) -> bool {
    crate::net::is_loopback(host)
        || crate::net::is_wildcard(host)
        || r.value("www-address")
            .is_some_and(|w| !crate::net::is_wildcard(w) && crate::net::same_host(w, host))
}
