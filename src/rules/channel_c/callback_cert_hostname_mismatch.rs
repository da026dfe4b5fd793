use crate::config::Settings;
use crate::facts::DeploymentFacts;
use crate::pki::hostname::{self, HostMatch};
use crate::pki::Role;
use crate::report::{Fix, Location};
use crate::rules::{
    callback, declare_rule, missing, Applicability, DeploymentRule, Sink, Subject, Violation,
};

declare_rule! {
    /// ## What it checks
    /// With `ssl-enabled=1`, whether Workbench's certificate covers the host of
    /// `launcher-sessions-callback-address` (DNS or IP subjectAltName; the CN only when the certificate
    /// has no subjectAltName, as session-side TLS libraries do). When that host is also the public
    /// host name (given, or guessed from this very callback), `cert-hostname-mismatch` reports the same
    /// cause for browsers (channel a); each finding names the other.
    ///
    /// ## Why it breaks Workbench
    /// Sessions verify Workbench's certificate when they call back. A callback to `localhost`, an IP
    /// address or an internal name that the certificate does not list fails verification: sessions hang
    /// in "starting", and the Jobs pane and project sharing fail.
    ///
    /// ## How to fix
    /// Use a callback host that the certificate names (normally the URL users type in the browser), or
    /// add the callback host to the certificate's subjectAltName when you renew it.
    ///
    /// ## References
    /// - Posit Workbench Admin Guide: Job Launcher "Configuration", SSL considerations.
    /// - Posit support: "Using SSL with Posit Workbench".
    pub struct CallbackCertHostnameMismatch {
        name: "callback-cert-hostname-mismatch",
        severity: Error,
        channel: C,
        summary: "Workbench's certificate does not cover the callback host",
        fix: Sometimes,
    }
}

impl DeploymentRule for CallbackCertHostnameMismatch {
    fn applies(&self, d: &DeploymentFacts) -> Applicability {
        let Some(r) = d.rserver() else {
            return Applicability::Skip;
        };
        if !r.flag("ssl-enabled") || callback(d).and_then(|c| c.host).is_none() {
            return Applicability::Skip;
        }
        if d.model
            .file_for(d.deployment, Role::RserverCertificate)
            .and_then(|f| f.leaf())
            .is_some()
        {
            Applicability::Applies
        } else if r.is_set("ssl-certificate") {
            missing(
                "the file named by ssl-certificate",
                "whether Workbench's certificate covers its host names",
            )
        } else {
            Applicability::Skip
        }
    }

    fn check(&self, d: &DeploymentFacts, out: &mut Sink) {
        let (Some(file), Some(cb)) = (
            d.model.file_for(d.deployment, Role::RserverCertificate),
            callback(d),
        ) else {
            return;
        };
        let (Some(cert), Some(host)) = (file.leaf(), cb.host.clone()) else {
            return;
        };
        if hostname::matches(cert, &host) == HostMatch::No {
            let names = cert.names();
            // The callback every callback rule proposes (a name the certificate covers among them).
            let named_url = d.proposed_callback();
            // The same name is the one users type: cert-hostname-mismatch reports it for browsers.
            let public_too = d
                .facts
                .public_host_name()
                .is_some_and(|(public, _)| crate::net::same_host(&public, &host));
            out.report(
                Subject::At(cb.setting.location()),
                NotNamed {
                    host,
                    cert: cert.short_name(),
                    names,
                    named_url,
                    cert_at: file.location(file.chain.path[0]),
                    rserver: d.rserver(),
                    public_too,
                },
            );
        }
    }
}

/// A callback host that Workbench's certificate does not name.
struct NotNamed<'a> {
    host: String,
    /// The certificate's short name (its CN).
    cert: String,
    /// The names the certificate holds.
    names: Vec<String>,
    /// The callback with a host the certificate names, when one can be dialled.
    named_url: Option<String>,
    /// The certificate in its file.
    cert_at: Location,
    rserver: Option<Settings<'a>>,
    /// The callback host is also the public host name: `cert-hostname-mismatch` fires for browsers.
    public_too: bool,
}

impl Violation for NotNamed<'_> {
    type Level = Level;
    fn level(&self) -> Level {
        Level::Error
    }
    fn message(&self) -> String {
        format!(
            "Sessions call back to `{}`, but Workbench's certificate `{}` names {}: sessions will fail to verify it.",
            self.host,
            self.cert,
            if self.names.is_empty() { format!("only the CN `{}`", self.cert) } else { self.names.join(", ") }
        ) + if self.public_too {
            " It is also the name users type: `cert-hostname-mismatch` is this same cause, seen from the browsers."
        } else {
            ""
        }
    }
    fn help(&self) -> String {
        let host = &self.host;
        match &self.named_url {
            Some(url) => format!("Use a host the certificate names, e.g. `launcher-sessions-callback-address={url}`, or add `{host}` to its subjectAltName."),
            None => format!("Use a host the certificate names, or add `{host}` to its subjectAltName."),
        }
    }
    fn related(&self) -> Vec<Location> {
        vec![self.cert_at.clone()]
    }
    fn fix(&self) -> Option<Fix> {
        let (Some(url), Some(r)) = (&self.named_url, &self.rserver) else {
            return None;
        };
        crate::edits::callback_fix(r, url, ", a name the certificate covers")
    }
}
