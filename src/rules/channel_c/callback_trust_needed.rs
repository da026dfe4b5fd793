use crate::facts::DeploymentFacts;
use crate::pki::Role;
use crate::rules::{declare_rule, Applicability, DeploymentRule, Sink, Subject, Violation};

declare_rule! {
    /// ## What it checks
    /// With `ssl-enabled=1`: which certificate the session hosts must trust for the callback. When
    /// Workbench's certificate is self-signed, or its chain ends at a CA that was not given as a trusted
    /// CA, this advice names that certificate or CA.
    ///
    /// ## Why it breaks Workbench
    /// Sessions run in containers or on compute nodes with their own trust store. If it does not hold
    /// Workbench's CA, every callback fails with "unable to get local issuer certificate" or "self signed
    /// certificate", even though browsers (which you told to trust it) work.
    ///
    /// ## How to fix
    /// Add the CA certificate to every session image and compute node:
    /// - RHEL, Rocky, Alma: `cp ca.crt /etc/pki/ca-trust/source/anchors/ && update-ca-trust`
    /// - Debian, Ubuntu: `cp ca.crt /usr/local/share/ca-certificates/ca.crt && update-ca-certificates`
    ///
    /// For Kubernetes, build it into the session image (or mount it and run the command at start-up).
    /// R and Python may keep their own bundles (`CURL_CA_BUNDLE`, `REQUESTS_CA_BUNDLE`, `SSL_CERT_FILE`).
    ///
    /// ## References
    /// - Posit Workbench Admin Guide: Job Launcher "Configuration", SSL considerations.
    pub struct CallbackTrustNeeded {
        name: "callback-trust-needed",
        severity: Info,
        channel: C,
        summary: "Session hosts must trust Workbench's CA (named) for the callback",
    }
}

impl DeploymentRule for CallbackTrustNeeded {
    fn applies(&self, d: &DeploymentFacts) -> Applicability {
        match d.rserver() {
            Some(r)
                if r.flag("ssl-enabled")
                    && d.model
                        .file_for(d.deployment, Role::RserverCertificate)
                        .and_then(|f| f.leaf())
                        .is_some() =>
            {
                Applicability::Applies
            }
            _ => Applicability::Skip,
        }
    }

    fn check(&self, d: &DeploymentFacts, out: &mut Sink) {
        let Some(file) = d.model.file_for(d.deployment, Role::RserverCertificate) else {
            return;
        };
        let Some(&top_block) = file.chain.path.last() else {
            return;
        };
        let Some(ca) = d.ca_to_remind(file) else {
            return;
        };
        let trusted = ca
            .cert
            .is_some_and(|a| d.model.trusted_cas().any(|t| t.sha256 == a.sha256));
        if trusted {
            return;
        }
        out.report(
            Subject::At(file.location(top_block)),
            TrustNeeded {
                anchor: ca.anchor,
                ca_file: ca.ca_file,
            },
        );
    }
}

/// The CA that session hosts must trust for callbacks to Workbench.
struct TrustNeeded<'a> {
    /// The CA, in words.
    anchor: String,
    /// The file that holds the CA, when it was given.
    ca_file: Option<&'a str>,
}

impl Violation for TrustNeeded<'_> {
    type Level = Level;
    fn level(&self) -> Level {
        Level::Info
    }
    fn message(&self) -> String {
        format!("Every session host and image must trust {}, or session callbacks to Workbench fail certificate verification.", self.anchor)
    }
    fn help(&self) -> String {
        // Debian's update-ca-certificates reads only files ending in .crt.
        let ca = self.ca_file.unwrap_or("ca.crt");
        let base = crate::input::base_name(ca)
            .trim_end_matches(".pem")
            .trim_end_matches(".crt");
        // The step stands alone in the plan: it names the CA instead of saying "it".
        let what = match self.ca_file {
            Some(_) => format!("Install {}", self.anchor),
            None => format!(
                "Install {} (its certificate from your CA, saved as `ca.crt`)",
                self.anchor
            ),
        };
        format!("{what} in the session images and on the compute nodes: RHEL `cp {ca} /etc/pki/ca-trust/source/anchors/{base}.crt && update-ca-trust`; Debian/Ubuntu `cp {ca} /usr/local/share/ca-certificates/{base}.crt && update-ca-certificates`.")
    }
}
