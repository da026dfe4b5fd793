use crate::catalog::{ConfigKind, Plugin};
use crate::config::ConfigFile;
use crate::rules::{declare_rule, Applicability, FileRule, Sink, Subject, Violation};

declare_rule! {
    /// ## What it checks
    /// `api-url` in launcher.kubernetes.conf: it must be an `https://` URL. A plain `http://` URL is
    /// accepted only on loopback, where `kubectl proxy` or a sidecar holds the credentials.
    ///
    /// ## Why it breaks Workbench
    /// The Kubernetes plugin sends its service-account token with every call to the API server. Over
    /// plain HTTP anyone on the path reads that token and can then start pods in the namespace with the
    /// Launcher's rights. Most API servers only speak HTTPS, so an `http://` URL usually fails outright.
    ///
    /// ## How to fix
    /// Use the API server's HTTPS address, e.g. `api-url=https://kubernetes.default.svc` inside the
    /// cluster, with `certificate-authority` set to its CA.
    ///
    /// ## References
    /// - Posit Workbench Admin Guide: Job Launcher, Kubernetes plugin configuration (`api-url`).
    pub struct KubernetesApiNotHttps {
        name: "kubernetes-api-not-https",
        severity: Warning,
        channel: None,
        summary: "launcher.kubernetes.conf's api-url is plain http: the service-account token crosses the network",
    }
}

impl FileRule for KubernetesApiNotHttps {
    fn applies(&self, file: &ConfigFile) -> Applicability {
        if file.kind == ConfigKind::LauncherPlugin(Plugin::Kubernetes)
            && file.settings().value("api-url").is_some()
        {
            Applicability::Applies
        } else {
            Applicability::Skip
        }
    }

    fn check(&self, file: &ConfigFile, out: &mut Sink) {
        let s = file.settings();
        let Some(entry) = s.explicit("api-url") else {
            return;
        };
        let Ok(url) = crate::net::parse_http_url(&entry.value) else {
            return;
        };
        if url.scheme != "http" || crate::net::is_loopback(&url.host) {
            return;
        }
        out.report(
            Subject::At(file.entry_location(entry)),
            PlainApiUrl {
                value: &entry.value,
                host: url.host,
            },
        );
    }
}

/// A plain-http `api-url` to a host that is not loopback.
struct PlainApiUrl<'a> {
    value: &'a str,
    host: String,
}

impl Violation for PlainApiUrl<'_> {
    type Level = Level;
    fn level(&self) -> Level {
        Level::Warning
    }
    fn message(&self) -> String {
        format!("`api-url={}` is plain http: the Kubernetes plugin's service-account token crosses the network unencrypted, and most API servers refuse plain HTTP anyway.", self.value)
    }
    fn help(&self) -> String {
        format!("Write `api-url=https://{}` (the API server's HTTPS address) and set `certificate-authority`.", self.host)
    }
}
