use crate::facts::DeploymentFacts;
use crate::net;
use crate::pki::hostname::{self, HostMatch};
use crate::pki::trust::{Outcome, Rejection};
use crate::pki::Role;
use crate::rules::{
    declare_rule, missing, Applicability, DeploymentRule, Sink, Subject, Violation,
};

declare_rule! {
    /// ## What it checks
    /// Whether Workbench's certificate (the first in `ssl-certificate`) covers the public host name users
    /// type in the browser: the `--hostname` option or the page's host name field; else `www-address` if
    /// it is a name, else the callback's host. When the callback dials that same name and the certificate
    /// does not name it at all, `callback-cert-hostname-mismatch` reports it for sessions (channel c)
    /// too: one cause seen from two sides, so each finding names the other, and one certificate with
    /// the name fixes both. Matching follows RFC 6125: DNS subjectAltNames, one wildcard in the
    /// leftmost label (`*.example.org` covers `wb.example.org`, not `example.org` or `a.b.example.org`),
    /// IP subjectAltNames for IP addresses, no case, trailing dot ignored. Browsers ignore the CN.
    ///
    /// ## Why it breaks Workbench
    /// Browsers show "Your connection is not private" (NET::ERR_CERT_COMMON_NAME_INVALID) and users must
    /// click through, or cannot at all when HSTS is on.
    ///
    /// ## How to fix
    /// Get a certificate whose subjectAltName includes the host name users type (and any other names or
    /// IPs they use), or have users use a name the certificate has. Check with
    /// `openssl x509 -in workbench.crt -noout -ext subjectAltName`.
    ///
    /// ## References
    /// - RFC 6125 §6.4; Posit Workbench Admin Guide: "Secure Sockets (SSL)".
    pub struct CertHostnameMismatch {
        name: "cert-hostname-mismatch",
        severity: Error,
        channel: A,
        summary: "Workbench's certificate does not cover the public host name",
    }
}

impl DeploymentRule for CertHostnameMismatch {
    fn applies(&self, d: &DeploymentFacts) -> Applicability {
        let Some(r) = d.rserver() else {
            return Applicability::Skip;
        };
        if !r.flag("ssl-enabled") {
            return Applicability::Skip;
        }
        if d.model
            .file_for(d.deployment, Role::RserverCertificate)
            .and_then(|f| f.leaf())
            .is_none()
        {
            return if r.is_set("ssl-certificate") {
                missing(
                    "the file named by ssl-certificate",
                    "whether Workbench's certificate covers its host names",
                )
            } else {
                Applicability::Skip
            };
        }
        if d.facts.public_host_name().is_none() {
            return missing(
                "the public host name",
                "whether Workbench's certificate covers the name users type",
            );
        }
        Applicability::Applies
    }

    fn check(&self, d: &DeploymentFacts, out: &mut Sink) {
        let Some(file) = d.model.file_for(d.deployment, Role::RserverCertificate) else {
            return;
        };
        let Some(cert) = file.leaf() else { return };
        let Some((host, source)) = d.facts.public_host_name() else {
            return;
        };
        let callback_host = d.rserver().and_then(|r| {
            r.value("launcher-sessions-callback-address")
                .and_then(|v| net::parse_http_url(v).ok())
                .map(|u| u.host)
        });
        // Browsers' own verdict (rustls-webpki's RFC 6125 matching, subjectAltName only) wins where it
        // is stricter than ours, e.g. on internationalised names or odd wildcards.
        let browsers_refuse = d
            .model
            .pki_index(file)
            .and_then(|i| d.facts.verdict(crate::report::Channel::A, i))
            .is_some_and(|v| v.outcome == Outcome::Rejected(Rejection::NotValidForName));
        let matched = hostname::matches(cert, &host);
        // callback-cert-hostname-mismatch fires on the same name when no name of the certificate
        // (not even its CN, which sessions still accept) covers it.
        let callback_too =
            matched == HostMatch::No && callback_host.is_some_and(|c| net::same_host(&c, &host));
        if matched != HostMatch::San || browsers_refuse {
            out.report(
                Subject::At(file.location(file.chain.path[0])),
                HostnameMismatch {
                    cert: cert.short_name(),
                    names: cert.names(),
                    host,
                    source,
                    callback_too,
                },
            );
        }
    }
}

/// Workbench's certificate, which does not name the host users type.
struct HostnameMismatch {
    cert: String,
    /// The names the certificate has.
    names: Vec<String>,
    host: String,
    /// Where the host name comes from, in words.
    source: String,
    /// The callback dials the same name, and `callback-cert-hostname-mismatch` reports it too.
    callback_too: bool,
}

impl Violation for HostnameMismatch {
    type Level = Level;
    fn level(&self) -> Level {
        Level::Error
    }
    fn message(&self) -> String {
        format!(
            "Workbench's certificate `{}` does not cover `{}` ({}); it names {}.",
            self.cert,
            self.host,
            self.source,
            if self.names.is_empty() {
                "no subjectAltName at all".to_string()
            } else {
                self.names.join(", ")
            },
        ) + if self.callback_too {
            " Sessions call back to the same name: `callback-cert-hostname-mismatch` is this same cause, seen from the sessions."
        } else {
            ""
        }
    }
    fn help(&self) -> String {
        format!("Get a certificate with `subjectAltName=DNS:{}` (the request, keeping its other names: `{}`), or have users use a name the certificate has.", self.host, crate::rules::csr_command(&self.host, &self.names))
    }
}
