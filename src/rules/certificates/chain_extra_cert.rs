use crate::facts::Facts;
use crate::pki::extra_certificates;
use crate::rules::certificates::any_certificate;
use crate::rules::{declare_rule, Applicability, ModelRule, Sink, Subject, Violation};

declare_rule! {
    /// ## What it checks
    /// A certificate in a server certificate file that is no part of the server certificate's chain:
    /// an unrelated certificate, a second server certificate, or a CA from another hierarchy.
    ///
    /// ## Why it breaks Workbench
    /// The web server sends every certificate in the file. An unrelated one wastes bytes on each
    /// handshake and can confuse clients that build chains strictly; a second server certificate in the
    /// file is often a sign that the wrong file was concatenated.
    ///
    /// ## How to fix
    /// Remove the certificates the message names, keeping the server certificate and its intermediates.
    ///
    /// ## References
    /// - RFC 8446 §4.4.2 (certificate list).
    pub struct ChainExtraCert {
        name: "chain-extra-cert",
        severity: Warning,
        channel: None | A | B | C,
        summary: "A certificate in the file is no part of the server certificate's chain",
    }
}

impl ModelRule for ChainExtraCert {
    fn applies(&self, model: &Facts) -> Applicability {
        any_certificate(model)
    }

    fn check(&self, model: &Facts, out: &mut Sink) {
        for file in &model.pki {
            for i in extra_certificates(file) {
                out.report(
                    Subject::File(file, file.location(i)),
                    ExtraCert {
                        file: &file.name,
                        place: file.place(i),
                        cert: file.cert(i).map(|c| c.short_name()).unwrap_or_default(),
                        leaf: file.leaf().map(|c| c.short_name()).unwrap_or_default(),
                    },
                );
            }
        }
    }
}

/// A certificate in a file that is no part of its server certificate's chain.
struct ExtraCert<'a> {
    file: &'a str,
    /// The block's number in the file, as the user counts.
    /// "the 3rd certificate".
    place: String,
    cert: String,
    /// The file's server certificate.
    leaf: String,
}

impl Violation for ExtraCert<'_> {
    type Level = Level;
    fn level(&self) -> Level {
        Level::Warning
    }
    fn message(&self) -> String {
        format!(
            "{} in `{}` (`{}`) is not part of the chain of the server certificate `{}`.",
            crate::base::upper_first(&self.place),
            self.file,
            self.cert,
            self.leaf
        )
    }
    fn help(&self) -> String {
        format!(
            "Remove {} (`{}`, from its BEGIN line to its END line) from `{}`.",
            self.place, self.cert, self.file
        )
    }
}
