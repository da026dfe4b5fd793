use crate::facts::Facts;
use crate::report::Severity;
use crate::rules::certificates::{dated_certificates, days, position, with_clock};
use crate::rules::{declare_rule, Applicability, ModelRule, Sink};

/// How far ahead an expiry is worth a warning.
pub const SOON_DAYS: i64 = 30;

declare_rule! {
    /// ## What it checks
    /// A certificate (server or chain) that expires within 30 days of the evaluation time.
    ///
    /// ## Why it breaks Workbench
    /// It works today and fails on the expiry date, usually on a weekend. Session images and compute
    /// nodes that trust a private CA need time to receive a renewed CA certificate too.
    ///
    /// ## How to fix
    /// Renew it now and replace the file, then `sudo rstudio-server restart`.
    ///
    /// ## References
    /// - Posit Workbench Admin Guide: "Secure Sockets (SSL)".
    pub struct CertExpiresSoon {
        name: "cert-expires-soon",
        severity: Warning,
        channel: None | A | B | C,
        summary: "A certificate expires within 30 days",
    }
}

impl ModelRule for CertExpiresSoon {
    fn applies(&self, model: &Facts) -> Applicability {
        with_clock(model)
    }

    fn check(&self, model: &Facts, out: &mut Sink) {
        for (file, i, cert, now) in dated_certificates(model) {
            let left = cert.not_after - now;
            if left >= 0 && days(left) < SOON_DAYS {
                out.emit_for(
                    file,
                    Severity::Warning,
                    file.location(i),
                    format!(
                        "In `{}`, {} expires on {} ({} days left).",
                        file.name,
                        position(file, i),
                        crate::format_time(cert.not_after).unwrap_or_default(),
                        days(left)
                    ),
                    "Renew it before then and replace the file.",
                );
            }
        }
    }
}
