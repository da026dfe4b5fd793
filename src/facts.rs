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
