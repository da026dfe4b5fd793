use crate::facts::Facts;
use crate::rules::certificates::{dated_certificates, position, with_clock};
use crate::rules::{declare_rule, Applicability, ModelRule, Sink, Subject, Violation};

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
                out.report(
                    Subject::Chain(model, file, file.location(i)),
                    NotYetValid {
                        file: &file.name,
                        which: position(file, i),
                        not_before: cert.not_before,
                    },
                );
            }
        }
    }
}

/// A certificate before its `notBefore`.
struct NotYetValid<'a> {
    file: &'a str,
    /// Which certificate of the file, in words.
    which: String,
    not_before: i64,
}

impl Violation for NotYetValid<'_> {
    type Level = Level;
    fn level(&self) -> Level {
        Level::Error
    }
    fn message(&self) -> String {
        format!(
            "In `{}`, {} is not valid before {}.",
            self.file,
            self.which,
            crate::format_time(self.not_before).unwrap_or_default()
        )
    }
    fn help(&self) -> String {
        "Check the clocks of the server and the clients (`timedatectl`); keep the previous certificate until this one starts.".into()
    }
}
