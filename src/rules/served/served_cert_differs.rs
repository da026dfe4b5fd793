use crate::facts::{Facts, Served};
use crate::input::observation::Observation;
use crate::pki::cert::CertFacts;
use crate::pki::PkiFile;
use crate::report::Location;
use crate::rules::served::{each, observed, what_starting};
use crate::rules::{declare_rule, Applicability, ModelRule, Sink, Subject, Violation};

declare_rule! {
    /// ## What it checks
    /// Whether the certificate an endpoint serves is the one in the file its config names
    /// (`ssl-certificate` for Workbench, launcher.conf `certificate-file` for the Launcher), by SHA-256
    /// fingerprint; for `curl -v` output, which prints no certificate, by its exact validity dates.
    /// It is checked only where the endpoint is rserver or the Launcher itself, not a proxy in front.
    ///
    /// ## Why it breaks Workbench
    /// Everything wb-ssl-check says about the file is then not what clients get. The usual cause: the
    /// certificate was renewed on disk but the service was never restarted, so it still serves the old
    /// one, which expires on its own date; or a proxy or load balancer in front serves its own
    /// certificate.
    ///
    /// ## How to fix
    /// Restart the service to load the file (`systemctl restart rstudio-server`, or
    /// `rstudio-launcher`), then probe again. If a proxy answers there, renew the proxy's certificate
    /// too, or point the callback and the checks at what the proxy serves.
    ///
    /// ## References
    /// - Posit Workbench Admin Guide: "Secure Sockets (SSL)" (restart after changing certificates).
    pub struct ServedCertDiffers {
        name: "served-cert-differs",
        severity: Warning,
        channel: A | B | C,
        summary: "The served certificate is not the one in the configured file (not reloaded, or a proxy)",
    }
}

impl ModelRule for ServedCertDiffers {
    fn applies(&self, model: &Facts) -> Applicability {
        observed(model)
    }

    fn check(&self, model: &Facts, out: &mut Sink) {
        let mut seen = Vec::new();
        for (s, o) in each(model) {
            let (Some(false), Some(file)) = (s.same_as_file, s.configured) else {
                continue;
            };
            // Channels a and c often share one endpoint: one finding per endpoint seen and file.
            let key = (o.source(), o.dialled(), file);
            if seen.contains(&key) {
                continue;
            }
            seen.push(key);
            let file = &model.pki[file];
            let Some(expected) = file.leaf() else {
                continue;
            };
            out.report(
                Subject::Served(s, o),
                OtherCertificate {
                    served: s,
                    seen: o,
                    leaf: s.chain(model).and_then(|c| c.leaf()),
                    file,
                    expected,
                },
            );
        }
    }
}

/// An endpoint that serves another certificate than the configured file's.
struct OtherCertificate<'a> {
    served: &'a Served,
    seen: &'a Observation,
    /// The served leaf certificate, when it could be read.
    leaf: Option<&'a CertFacts>,
    /// The configured file, and its leaf.
    file: &'a PkiFile,
    expected: &'a CertFacts,
}

impl Violation for OtherCertificate<'_> {
    type Level = Level;
    fn level(&self) -> Level {
        Level::Warning
    }
    fn message(&self) -> String {
        let served = match self.leaf {
            Some(c) => format!(
                "`{}` (SHA-256 {}…, valid until {})",
                c.short_name(),
                &c.sha256[..c.sha256.len().min(23)],
                crate::format_time(c.not_after).unwrap_or_default()
            ),
            // curl prints no certificate, only its subject and dates: the served one's expiry is
            // when clients start failing, so it is stated too.
            None => {
                let tls = self.seen.tls();
                let subject = tls
                    .and_then(|t| t.leaf_subject.as_deref())
                    .unwrap_or("another certificate");
                match tls.and_then(|t| t.leaf_dates) {
                    Some((_, not_after)) => format!(
                        "`{subject}` (valid until {})",
                        crate::format_time(not_after).unwrap_or_default()
                    ),
                    None => format!("`{subject}`"),
                }
            }
        };
        format!(
            "{} serves {served}, not the certificate in `{}` (`{}`, valid until {}).",
            what_starting(self.served, self.seen),
            self.file.name,
            self.expected.short_name(),
            crate::format_time(self.expected.not_after).unwrap_or_default()
        )
    }
    fn help(&self) -> String {
        "If the file was renewed, restart the service so that it serves it (`systemctl restart rstudio-server` or `rstudio-launcher`). If a proxy or load balancer answers at this address, its certificate is the one clients see: renew it there.".into()
    }
    fn related(&self) -> Vec<Location> {
        self.file.named_by.iter().cloned().collect()
    }
}
