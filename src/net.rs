//! Host, address and URL helpers for the channel rules.
//!
//! Written here rather than with the `url` crate: that crate normalises (drops default ports, lowercases,
//! percent-encodes) and would hide exactly what the admin typed, and it pulls IDNA tables into the wasm
//! module. We only need scheme, host, explicit port and path of simple http(s) URLs.

use std::net::IpAddr;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HttpUrl {
    /// `http` or `https`, lowercased.
    pub scheme: String,
    /// The host as written (brackets removed from IPv6 literals).
    pub host: String,
    /// The port written in the URL, if any.
    pub explicit_port: Option<u16>,
    /// The path, starting with `/` when present.
    pub path: String,
}

impl HttpUrl {
    /// The port a client dials: explicit, else 443 for https and 80 for http.
    pub fn port(&self) -> u16 {
        self.explicit_port
            .unwrap_or(if self.scheme == "https" { 443 } else { 80 })
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum UrlProblem {
    /// No `http://` or `https://` in front.
    NoScheme,
    /// A scheme other than http(s).
    OtherScheme(String),
    NoHost,
    BadPort(String),
}

pub fn parse_http_url(text: &str) -> Result<HttpUrl, UrlProblem> {
    let Some((scheme, rest)) = text.split_once("://") else {
        return Err(UrlProblem::NoScheme);
    };
    let scheme = scheme.to_ascii_lowercase();
    if scheme != "http" && scheme != "https" {
        return Err(UrlProblem::OtherScheme(scheme));
    }
    let (authority, path) = match rest.find(['/', '?']) {
        Some(i) => (&rest[..i], &rest[i..]),
        None => (rest, ""),
    };
    let authority = authority.rsplit('@').next().unwrap_or(authority);
    let (host, port) = split_host_port(authority);
    if host.is_empty() {
        return Err(UrlProblem::NoHost);
    }
    let explicit_port = match port {
        None => None,
        Some(p) => match p.parse::<u16>() {
            Ok(n) if n > 0 => Some(n),
            _ => return Err(UrlProblem::BadPort(p.to_string())),
        },
    };
    Ok(HttpUrl {
        scheme,
        host: host.to_string(),
        explicit_port,
        path: path.to_string(),
    })
}

/// The host a Launcher address means, with any scheme, path or `:port` the admin added removed
/// (`https://launcher:5559/` → `launcher`). Socket paths are returned unchanged.
pub fn bare_host(address: &str) -> String {
    if is_socket_path(address) {
        return address.to_string();
    }
    let rest = address.split_once("://").map(|(_, r)| r).unwrap_or(address);
    let authority = rest.split('/').next().unwrap_or(rest);
    split_host_port(authority).0.to_string()
}

/// Splits `host:port`, `[v6]:port`, `[v6]` or a bare IPv6 literal.
pub fn split_host_port(authority: &str) -> (&str, Option<&str>) {
    if let Some(rest) = authority.strip_prefix('[') {
        if let Some((host, after)) = rest.split_once(']') {
            return (host, after.strip_prefix(':'));
        }
        return (authority, None);
    }
    if authority.parse::<IpAddr>().is_ok() {
        return (authority, None);
    }
    match authority.rsplit_once(':') {
        Some((h, p)) if !h.contains(':') => (h, Some(p)),
        _ => (authority, None),
    }
}

pub fn ip(host: &str) -> Option<IpAddr> {
    host.trim_start_matches('[')
        .trim_end_matches(']')
        .parse()
        .ok()
}

pub fn is_ip(host: &str) -> bool {
    ip(host).is_some()
}

/// `localhost`, 127.0.0.0/8 or ::1.
pub fn is_loopback(host: &str) -> bool {
    let h = host.trim_end_matches('.').to_ascii_lowercase();
    h == "localhost"
        || h.ends_with(".localhost")
        || h == "localhost.localdomain"
        || ip(&h).is_some_and(|a| a.is_loopback())
}

/// A bind-everything address: 0.0.0.0, ::, or `*`.
pub fn is_wildcard(host: &str) -> bool {
    host == "*" || ip(host).is_some_and(|a| a.is_unspecified())
}

/// A unix socket path (`launcher-address` and launcher.conf `address` accept one).
pub fn is_socket_path(address: &str) -> bool {
    address.starts_with('/')
}

/// A Kubernetes Service's DNS name (`workbench.rstudio.svc`, `….svc.cluster.local`): something in
/// front of the pods, not a name people type.
pub fn is_kubernetes_service(host: &str) -> bool {
    let h = host.trim_end_matches('.').to_ascii_lowercase();
    h.ends_with(".svc") || h.ends_with(".svc.cluster.local")
}

/// Compares host names the way DNS does: case-insensitive, trailing dot ignored.
pub fn same_host(a: &str, b: &str) -> bool {
    let norm = |s: &str| {
        s.trim_end_matches('.')
            .trim_start_matches('[')
            .trim_end_matches(']')
            .to_ascii_lowercase()
    };
    match (ip(a), ip(b)) {
        (Some(x), Some(y)) => x == y,
        _ => norm(a) == norm(b),
    }
}

/// An http(s) URL for a host and port, as every endpoint the report shows is written: an IPv6 host in
/// brackets, and the port left out when `port` is `None` (the caller omits the scheme's default).
pub fn url(scheme: &str, host: &str, port: Option<u16>) -> String {
    let host = if host.contains(':') && !host.starts_with('[') {
        format!("[{host}]")
    } else {
        host.to_string()
    };
    match port {
        Some(p) => format!("{scheme}://{host}:{p}"),
        None => format!("{scheme}://{host}"),
    }
}

/// The port a URL of `scheme` means when it names none.
pub fn default_port(scheme: &str) -> u16 {
    if scheme == "https" {
        443
    } else {
        80
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls() {
        let u = parse_http_url("https://wb.example.org:8443/rstudio").unwrap();
        assert_eq!(
            (
                u.scheme.as_str(),
                u.host.as_str(),
                u.port(),
                u.path.as_str()
            ),
            ("https", "wb.example.org", 8443, "/rstudio")
        );
        assert_eq!(parse_http_url("http://h").unwrap().port(), 80);
        assert_eq!(parse_http_url("HTTPS://h").unwrap().port(), 443);
        assert_eq!(parse_http_url("http://[::1]:8787/").unwrap().host, "::1");
        assert_eq!(parse_http_url("127.0.0.1"), Err(UrlProblem::NoScheme));
        assert_eq!(
            parse_http_url("ftp://h"),
            Err(UrlProblem::OtherScheme("ftp".into()))
        );
        assert_eq!(
            parse_http_url("http://h:99999"),
            Err(UrlProblem::BadPort("99999".into()))
        );
        assert_eq!(parse_http_url("http://:80"), Err(UrlProblem::NoHost));
    }

    #[test]
    fn hosts() {
        assert!(
            is_loopback("localhost")
                && is_loopback("127.0.0.2")
                && is_loopback("::1")
                && is_loopback("LOCALHOST.")
        );
        assert!(!is_loopback("wb.example.org") && !is_loopback("10.0.0.1"));
        assert!(is_wildcard("0.0.0.0") && is_wildcard("::") && !is_wildcard("127.0.0.1"));
        assert_eq!(split_host_port("h:5559"), ("h", Some("5559")));
        assert_eq!(split_host_port("::1"), ("::1", None));
        assert_eq!(split_host_port("[::1]:5559"), ("::1", Some("5559")));
        assert!(same_host("Launcher.Example.org.", "launcher.example.org"));
        assert_eq!(bare_host("https://launcher:5559/x"), "launcher");
        assert_eq!(bare_host("[::1]:5559"), "::1");
        assert_eq!(bare_host("/run/l.sock"), "/run/l.sock");
        assert!(same_host("::1", "0:0:0:0:0:0:0:1"));
    }

    #[test]
    fn urls_bracket_ipv6_hosts_and_leave_out_the_port_when_asked() {
        use super::{default_port, url};
        assert_eq!(
            url("https", "wb.example.org", None),
            "https://wb.example.org"
        );
        assert_eq!(url("http", "::1", Some(8787)), "http://[::1]:8787");
        assert_eq!(url("https", "[::1]", Some(443)), "https://[::1]:443");
        assert_eq!(default_port("https"), 443);
        assert_eq!(default_port("http"), 80);
    }
}
