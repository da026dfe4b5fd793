use crate::facts::Facts;
use crate::report::Severity;
use crate::rules::certificates::{dated_certificates, emit_for_chain, position, with_clock};
use crate::rules::{declare_rule, Applicability, ModelRule, Sink};

declare_rule! {
    /// ## What it checks
    /// A certificate whose `notBefore` is after the evaluation time.
    ///
    /// ## Why it breaks Workbench
    /// Clients refuse it until that date. It usually means a clock is wrong (the server that issued it,
    /// or the machine that checks it), or a certificate was issued with a future start date.
    ///
    /// ## How to fix
    /// Check the clocks (`timedatectl`) of the Workbench host and the clients; if the certificate really
    /// starts in the future, keep the old one until then.
    ///
    /// ## References
    /// - RFC 5280 §4.1.2.5 (validity).
    pub struct CertNotYetValid {
        name: "cert-not-yet-valid",
        severity: Error,
        channel: None | A | B | C,
        summary: "A certificate is not valid yet (notBefore in the future)",
    }
}

impl ModelRule for CertNotYetValid {
    fn applies(&self, model: &Facts) -> Applicability {
        with_clock(model)
    }

    fn check(&self, model: &Facts, out: &mut Sink) {
        for (file, i, cert, now) in dated_certificates(model) {
            if cert.not_before > now {
                emit_for_chain(
                    out,
                    model,
                    file,
                    Severity::Error,
                    file.location(i),
                    format!("In `{}`, {} is not valid before {}.", file.name, position(file, i), crate::format_time(cert.not_before).unwrap_or_default()),
                    "Check the clocks of the server and the clients (`timedatectl`); keep the previous certificate until this one starts.",
                );
            }
        }
    }
}
