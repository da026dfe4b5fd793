//! Host name matching by RFC 6125: DNS subjectAltNames, one wildcard in the leftmost label, IP
//! subjectAltNames for IP hosts, case-insensitive, trailing dot ignored; the CN only when the
//! certificate has no subjectAltName extension at all (browsers ignore it otherwise, and also then).

use super::cert::CertFacts;
use std::net::IpAddr;

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum HostMatch {
    /// Covered by a subjectAltName.
    San,
    /// Covered only by the subject CN of a certificate without subjectAltName: accepted by old
    /// clients, refused by browsers and current TLS libraries.
    CnOnly,
    No,
}

fn normalise(name: &str) -> String {
    name.trim().trim_end_matches('.').to_ascii_lowercase()
}

/// RFC 6125 §6.4.3: `*` only as the whole leftmost label, matching exactly one label.
fn dns_matches(pattern: &str, host: &str) -> bool {
    let (p, h) = (normalise(pattern), normalise(host));
    if p == h {
        return true;
    }
    match p.strip_prefix("*.") {
        Some(rest) if !rest.contains('*') && rest.contains('.') => match h.split_once('.') {
            Some((first, tail)) => !first.is_empty() && tail == rest,
            None => false,
        },
        _ => false,
    }
}

pub fn matches(cert: &CertFacts, host: &str) -> HostMatch {
    let host = host.trim().trim_start_matches('[').trim_end_matches(']');
    if let Ok(ip) = host.parse::<IpAddr>() {
        if cert.ip_sans.contains(&ip) {
            return HostMatch::San;
        }
        if !cert.has_san
            && cert
                .common_names
                .iter()
                .any(|cn| cn.parse::<IpAddr>() == Ok(ip))
        {
            return HostMatch::CnOnly;
        }
        return HostMatch::No;
    }
    if cert.dns_sans.iter().any(|p| dns_matches(p, host)) {
        return HostMatch::San;
    }
    if !cert.has_san && cert.common_names.iter().any(|cn| dns_matches(cn, host)) {
        return HostMatch::CnOnly;
    }
    HostMatch::No
}

#[cfg(test)]
mod tests {
    use super::dns_matches;

    #[test]
    fn wildcards_follow_rfc_6125() {
        assert!(dns_matches("*.example.org", "wb.example.org"));
        assert!(dns_matches("*.Example.ORG.", "WB.example.org"));
        assert!(!dns_matches("*.example.org", "example.org"));
        assert!(!dns_matches("*.example.org", "a.b.example.org"));
        assert!(!dns_matches("*.org", "example.org"));
        assert!(!dns_matches("w*.example.org", "wb.example.org"));
        assert!(dns_matches("localhost", "LOCALHOST."));
    }
}
