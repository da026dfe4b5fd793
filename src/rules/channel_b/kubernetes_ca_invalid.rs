use crate::catalog::{ConfigKind, Plugin};
use crate::facts::DeploymentFacts;
use crate::input::pem;
use crate::pki::cert;
use crate::rules::{declare_rule, Applicability, DeploymentRule, Sink, Subject, Violation};

declare_rule! {
    /// ## What it checks
    /// `certificate-authority` in launcher.kubernetes.conf: the Kubernetes API server's CA, written as
    /// base64 of its PEM certificate (the same value as `certificate-authority-data` in a kubeconfig).
    /// It must decode to a certificate that is valid now. Base64 of a DER certificate is accepted too.
    ///
    /// ## Why it breaks Workbench
    /// The Kubernetes plugin verifies the API server with this CA. A value that does not decode, that is
    /// not a certificate (a key, a kubeconfig, a file path), or a CA certificate that has expired makes
    /// every call to the API fail the TLS handshake: the plugin does not start and no Kubernetes session
    /// or job launches.
    ///
    /// ## How to fix
    /// Take the cluster's CA from its kubeconfig (`kubectl config view --raw -o
    /// jsonpath='{.clusters[0].cluster.certificate-authority-data}'`), or encode the CA file yourself:
    /// `base64 -w0 ca.crt`. Put the result on one line after `certificate-authority=`. With an expired CA,
    /// the cluster's certificates must be renewed first (`kubeadm certs renew`, or the cloud provider's
    /// rotation).
    ///
    /// ## References
    /// - Posit Workbench Admin Guide: Job Launcher, Kubernetes plugin configuration (`api-url`,
    ///   `certificate-authority`).
    pub struct KubernetesCaInvalid {
        name: "kubernetes-ca-invalid",
        severity: Error,
        channel: None,
        summary: "launcher.kubernetes.conf's certificate-authority is not a valid, current certificate",
    }
}

/// What is wrong with a `certificate-authority` value, if anything.
pub fn problem(value: &str, now: Option<i64>) -> Option<String> {
    let compact: String = value.split_whitespace().collect();
    let Ok(bytes) = pem::decode_base64(&compact) else {
        return Some("it is not base64: the plugin expects the CA certificate encoded in base64 on one line, not a file path or PEM text".into());
    };
    let der = if bytes.starts_with(b"-----BEGIN") {
        let text = String::from_utf8_lossy(&bytes);
        let (blocks, _) = pem::read_blocks(&text, 4);
        let Some(block) = blocks.iter().find(|b| b.label == "CERTIFICATE") else {
            let labels: Vec<&str> = blocks.iter().map(|b| b.label.as_str()).collect();
            return Some(if labels.is_empty() {
                "it decodes to PEM text with no complete block".into()
            } else {
                format!(
                    "it decodes to PEM with no certificate (found: {})",
                    labels.join(", ")
                )
            });
        };
        match &block.body {
            Ok(der) => der.clone(),
            Err(e) => {
                return Some(format!(
                    "the certificate inside is damaged: {}",
                    e.describe()
                ))
            }
        }
    } else {
        bytes
    };
    let cert = match cert::parse_certificate(&der) {
        Ok(c) => c,
        Err(e) => return Some(format!("it decodes, but not to an X.509 certificate ({e})")),
    };
    let now = now?;
    let name = cert.short_name();
    if now > cert.not_after {
        return Some(format!(
            "the CA certificate `{name}` expired on {}",
            crate::format_time(cert.not_after).unwrap_or_default()
        ));
    }
    if now < cert.not_before {
        return Some(format!(
            "the CA certificate `{name}` is not valid before {}",
            crate::format_time(cert.not_before).unwrap_or_default()
        ));
    }
    None
}

impl DeploymentRule for KubernetesCaInvalid {
    fn applies(&self, d: &DeploymentFacts) -> Applicability {
        if d.plugin_confs().any(|p| {
            p.kind == ConfigKind::LauncherPlugin(Plugin::Kubernetes)
                && p.settings().value("certificate-authority").is_some()
        }) {
            Applicability::Applies
        } else {
            Applicability::Skip
        }
    }

    fn check(&self, d: &DeploymentFacts, out: &mut Sink) {
        for p in d.plugin_confs() {
            if p.kind != ConfigKind::LauncherPlugin(Plugin::Kubernetes) {
                continue;
            }
            let s = p.settings();
            // A placeholder (`certificate-authority=cert`) is `placeholder-value`'s, not damaged base64.
            let Some(entry) = s.explicit("certificate-authority").filter(|e| {
                !e.value.is_empty() && crate::config::values::placeholder_in(&e.value).is_none()
            }) else {
                continue;
            };
            if let Some(why) = problem(&entry.value, d.model.options.now_unix) {
                out.report(
                    Subject::At(p.entry_location(entry)),
                    InvalidCa { file: &p.name, why },
                );
            }
        }
    }
}

/// A `certificate-authority` value that is not a valid, current certificate.
struct InvalidCa<'a> {
    /// The plugin configuration file.
    file: &'a str,
    /// What is wrong with the value, from [`problem`].
    why: String,
}

impl Violation for InvalidCa<'_> {
    type Level = Level;
    fn level(&self) -> Level {
        Level::Error
    }
    fn message(&self) -> String {
        format!("`certificate-authority` in {}: {}. The Kubernetes plugin cannot verify the API server, so no session or job starts.", self.file, self.why)
    }
    fn help(&self) -> String {
        "Write the cluster CA as one line of base64: `base64 -w0 ca.crt` (or the kubeconfig's `certificate-authority-data`).".into()
    }
}

#[cfg(test)]
mod tests {
    use super::problem;

    #[test]
    fn values() {
        assert!(problem("/etc/kubernetes/pki/ca.crt", Some(0))
            .unwrap()
            .contains("not base64"));
        // base64 of "hello": decodes, but is no certificate.
        assert!(problem("aGVsbG8=", Some(0))
            .unwrap()
            .contains("not to an X.509"));
        // base64 of a PEM private key header only.
        let key =
            "LS0tLS1CRUdJTiBQUklWQVRFIEtFWS0tLS0tCk1BPT0KLS0tLS1FTkQgUFJJVkFURSBLRVktLS0tLQo=";
        assert!(problem(key, Some(0)).unwrap().contains("no certificate"));
    }
}
