use crate::facts::Facts;
use crate::rules::certificates::{dated_certificates, days, position, with_clock};
use crate::rules::{declare_rule, Applicability, ModelRule, Sink, Subject, Violation};

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
                out.report(
                    Subject::File(file, file.location(i)),
                    ExpiresSoon {
                        file: &file.name,
                        which: position(file, i),
                        not_after: cert.not_after,
                        days_left: days(left),
                    },
                );
            }
        }
    }
}

/// A certificate whose `notAfter` is less than [`SOON_DAYS`] away.
struct ExpiresSoon<'a> {
    file: &'a str,
    /// Which certificate of the file, in words.
    which: String,
    not_after: i64,
    days_left: i64,
}

impl Violation for ExpiresSoon<'_> {
    type Level = Level;
    fn level(&self) -> Level {
        Level::Warning
    }
    fn message(&self) -> String {
        format!(
            "In `{}`, {} expires on {} ({} days left).",
            self.file,
            self.which,
            crate::format_time(self.not_after).unwrap_or_default(),
            self.days_left
        )
    }
    fn help(&self) -> String {
        "Renew it before then and replace the file.".into()
    }
}
