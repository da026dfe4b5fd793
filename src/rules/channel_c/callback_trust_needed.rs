use crate::model::DeploymentView;
use crate::pki::Role;
use crate::rules::{declare_rule, Applicability, DeploymentRule, Sink};

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
    fn applies(&self, d: &DeploymentView) -> Applicability {
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

    fn check(&self, d: &DeploymentView, out: &mut Sink) {
        let Some(file) = d.model.file_for(d.deployment, Role::RserverCertificate) else {
            return;
        };
        let (Some(leaf), Some(&top_block)) = (file.leaf(), file.chain.path.last()) else {
            return;
        };
        let Some(top) = file.cert(top_block) else {
            return;
        };
        let trusted: Vec<_> = d.model.trusted_cas().collect();
        let is_trusted = trusted.iter().any(|t| {
            t.sha256 == top.sha256
                || (t.could_issue(top)
                    && crate::pki::verify::verify(top, t) == crate::pki::verify::Verdict::Valid)
        });
        if is_trusted {
            return;
        }
        let (what, name) = if file.chain.self_signed_leaf {
            ("the self-signed certificate itself", leaf.short_name())
        } else if top.self_issued() {
            ("the root CA", top.short_name())
        } else {
            (
                "the CA that issued the last certificate in the file",
                top.issuer.clone(),
            )
        };
        out.emit(
            file.location(top_block),
            format!("Every session host and image must trust {what}, `{name}`, or session callbacks to Workbench fail certificate verification."),
            "Add it to the session images and compute nodes: RHEL `cp ca.crt /etc/pki/ca-trust/source/anchors/ && update-ca-trust`; Debian/Ubuntu `cp ca.crt /usr/local/share/ca-certificates/ && update-ca-certificates`.",
        );
    }
}
