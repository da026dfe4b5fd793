use crate::facts::Facts;
use crate::pki::key::KeyBlock;
use crate::pki::BlockKind;
use crate::rules::{declare_rule, Applicability, ModelRule, Sink, Subject, Violation};

declare_rule! {
    /// ## What it checks
    /// A file that holds certificates and also a private key.
    ///
    /// ## Why it breaks Workbench
    /// It can work, but the certificate file now needs the strict permissions of a key (owner root,
    /// mode 600), while certificate files are often left readable; and a file shared as "the
    /// certificate" (to session images, to a proxy, in a ticket) leaks the key.
    ///
    /// ## How to fix
    /// Split it: `openssl x509 -in combined.pem -out workbench.crt` (add the intermediates too) and
    /// `openssl pkey -in combined.pem -out workbench.key && chmod 600 workbench.key`, then point
    /// `ssl-certificate` and `ssl-certificate-key` at the two files.
    ///
    /// ## References
    /// - Posit Workbench Admin Guide: "Secure Sockets (SSL)".
    pub struct KeyInCertFile {
        name: "key-in-cert-file",
        severity: Warning,
        channel: None | A | B | C,
        summary: "A certificate file also holds a private key",
    }
}

impl ModelRule for KeyInCertFile {
    fn applies(&self, model: &Facts) -> Applicability {
        crate::rules::certificates::any_pki(model)
    }

    fn check(&self, model: &Facts, out: &mut Sink) {
        for file in &model.pki {
            if file.certificates().next().is_none() {
                continue;
            }
            let key = file.blocks.iter().position(|b| {
                matches!(
                    b.kind,
                    BlockKind::Key(
                        KeyBlock::Private(_) | KeyBlock::Encrypted(_) | KeyBlock::Unparsable(_)
                    )
                )
            });
            if let Some(i) = key {
                out.report(
                    Subject::File(file, file.location(i)),
                    KeyWithCertificates {
                        file: &file.name,
                        line: file.blocks[i].line,
                    },
                );
            }
        }
    }
}

/// A file that holds certificates and a private key.
struct KeyWithCertificates<'a> {
    file: &'a str,
    /// The line where the key begins (PEM).
    line: Option<u32>,
}

impl Violation for KeyWithCertificates<'_> {
    type Level = Level;
    fn level(&self) -> Level {
        Level::Warning
    }
    fn message(&self) -> String {
        let at = self
            .line
            .map(|l| format!(" (from line {l})"))
            .unwrap_or_default();
        format!("`{}` holds certificates and a private key{at}: the whole file must then be kept as secret as a key.", self.file)
    }
    fn help(&self) -> String {
        "Keep the key in its own file (mode 600) and the certificates in another.".into()
    }
}
