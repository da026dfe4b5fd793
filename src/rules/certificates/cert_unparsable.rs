use crate::facts::Facts;
use crate::pki::BlockKind;
use crate::rules::{declare_rule, Applicability, ModelRule, Sink, Subject, Violation};

declare_rule! {
    /// ## What it checks
    /// A PEM block labelled `CERTIFICATE` whose base64 or content is broken: truncated, damaged when
    /// copied (a line lost, characters changed by a mail client or a word processor), or a `BEGIN` line
    /// with no `END` line.
    ///
    /// ## Why it breaks Workbench
    /// Workbench's web server (or the Launcher) cannot load the file and does not start, or serves an
    /// incomplete chain.
    ///
    /// ## How to fix
    /// Copy the certificate again from its source (your CA's download, not an e-mail body), and check it
    /// with `openssl x509 -in server.crt -noout -subject -dates`. For a bundle, check each block:
    /// `openssl crl2pkcs7 -nocrl -certfile server.crt | openssl pkcs7 -print_certs -noout`.
    ///
    /// ## References
    /// - RFC 7468 (textual encoding of certificates).
    /// - Posit Workbench Admin Guide: "Secure Sockets (SSL)".
    pub struct CertUnparsable {
        name: "cert-unparsable",
        severity: Error,
        channel: None | A | B | C,
        summary: "A certificate block cannot be decoded (bad base64, damaged content, no END line)",
    }
}

impl ModelRule for CertUnparsable {
    fn applies(&self, model: &Facts) -> Applicability {
        crate::rules::certificates::any_pki(model)
    }

    fn check(&self, model: &Facts, out: &mut Sink) {
        for file in &model.pki {
            for (i, block) in file.blocks.iter().enumerate() {
                if let BlockKind::BrokenCertificate(why) = &block.kind {
                    out.report(
                        Subject::File(file, file.location(i)),
                        Unparsable {
                            file: &file.name,
                            place: file.place(i),
                            why,
                        },
                    );
                }
            }
        }
    }
}

/// A certificate block that cannot be decoded.
struct Unparsable<'a> {
    file: &'a str,
    /// The block's number in the file, as the user counts.
    /// "the 2nd certificate".
    place: String,
    why: &'a str,
}

impl Violation for Unparsable<'_> {
    type Level = Level;
    fn level(&self) -> Level {
        Level::Error
    }
    fn message(&self) -> String {
        format!(
            "{} in `{}` cannot be read: {}.",
            crate::base::upper_first(&self.place),
            self.file,
            self.why
        )
    }
    fn help(&self) -> String {
        "Copy the certificate again from its source and check it with `openssl x509 -in <file> -noout -subject -dates`.".into()
    }
}
