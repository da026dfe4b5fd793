use crate::facts::Facts;
use crate::report::Severity;
use crate::rules::certificates::{dated_certificates, days, emit_for_chain, position, with_clock};
use crate::rules::{declare_rule, Applicability, ModelRule, Sink};

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
                let when = crate::format_time(cert.not_after).unwrap_or_default();
                emit_for_chain(
                    out,
                    model,
                    file,
                    Severity::Error,
                    file.location(i),
                    format!("In `{}`, {} expired on {when} ({} days ago).", file.name, position(file, i), days(now - cert.not_after)),
                    "Renew it (or fetch the current intermediate from your CA), replace the file and restart the service.",
                );
            }
        }
    }
}
