use crate::facts::Facts;
use crate::rules::certificates::{dated_certificates, days, position, with_clock};
use crate::rules::{declare_rule, Applicability, ModelRule, Sink, Subject, Violation};

declare_rule! {
    /// ## What it checks
    /// A certificate whose `notAfter` is before the evaluation time (the browser's clock on the page,
    /// `--now` or the system clock on the CLI): the server certificate or any CA certificate in its
    /// chain, which the message names. For CA files, each certificate (a system bundle of more than ten
    /// trusted roots is not judged).
    ///
    /// ## Why it breaks Workbench
    /// Browsers refuse the connection ("NET::ERR_CERT_DATE_INVALID"), and sessions, rserver and the
    /// Launcher fail with "certificate has expired". An expired intermediate breaks the chain even when
    /// the server certificate itself is valid.
    ///
    /// ## How to fix
    /// Renew the certificate (or get the current intermediate from your CA), replace the file, and run
    /// `sudo rstudio-server restart` (or `sudo rstudio-launcher restart`). Check dates with
    /// `openssl x509 -in server.crt -noout -dates`.
    ///
    /// ## References
    /// - RFC 5280 §4.1.2.5 (validity).
    /// - Posit Workbench Admin Guide: "Secure Sockets (SSL)".
    pub struct CertExpired {
        name: "cert-expired",
        severity: Error,
        channel: None | A | B | C,
        summary: "A certificate (server or chain) has expired",
    }
}

impl ModelRule for CertExpired {
    fn applies(&self, model: &Facts) -> Applicability {
        with_clock(model)
    }

    fn check(&self, model: &Facts, out: &mut Sink) {
        for (file, i, cert, now) in dated_certificates(model) {
            if cert.not_after < now {
                out.report(
                    Subject::Chain(model, file, file.location(i)),
                    Expired {
                        file: &file.name,
                        which: position(file, i),
                        not_after: cert.not_after,
                        days_ago: days(now - cert.not_after),
                    },
                );
            }
        }
    }
}

/// A certificate past its `notAfter`.
struct Expired<'a> {
    file: &'a str,
    /// Which certificate of the file, in words.
    which: String,
    not_after: i64,
    days_ago: i64,
}

impl Violation for Expired<'_> {
    type Level = Level;
    fn level(&self) -> Level {
        Level::Error
    }
    fn message(&self) -> String {
        let when = crate::format_time(self.not_after).unwrap_or_default();
        format!(
            "In `{}`, {} expired on {when} ({} days ago).",
            self.file, self.which, self.days_ago
        )
    }
    fn help(&self) -> String {
        "Renew it (or fetch the current intermediate from your CA), replace the file and restart the service.".into()
    }
}
