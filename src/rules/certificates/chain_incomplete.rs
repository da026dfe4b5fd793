use crate::facts::Facts;
use crate::rules::certificates::any_certificate;
use crate::rules::{declare_rule, Applicability, ModelRule, Sink, Subject, Violation};

declare_rule! {
    /// ## What it checks
    /// A server certificate file whose server certificate is not self-signed and whose issuer is not in
    /// the file. (When another input holds that issuer and it is a root CA, the file is complete:
    /// roots need not be sent.)
    ///
    /// ## Why it breaks Workbench
    /// Browsers often cope, because they cache or fetch intermediates. curl, R (`httr`, `download.file`),
    /// Python `requests` and Git inside sessions do not: they fail with "unable to get local issuer
    /// certificate", and so do Launcher sessions calling back to Workbench.
    ///
    /// ## How to fix
    /// Append the intermediate certificate(s) your CA provided: `cat server.crt intermediate.crt >
    /// workbench.crt`, point the setting at the result and restart. Test with
    /// `openssl s_client -connect wb.example.org:443 -showcerts </dev/null`.
    ///
    /// ## References
    /// - Posit Workbench Admin Guide: "Secure Sockets (SSL)" (intermediate certificates).
    pub struct ChainIncomplete {
        name: "chain-incomplete",
        severity: Warning,
        channel: None | A | B | C,
        summary: "The server certificate's issuer is not in the file (intermediate missing)",
    }
}

impl ModelRule for ChainIncomplete {
    fn applies(&self, model: &Facts) -> Applicability {
        any_certificate(model)
    }

    fn check(&self, model: &Facts, out: &mut Sink) {
        for file in &model.pki {
            let (Some(&leaf), Some(cert)) = (file.chain.path.first(), file.leaf()) else {
                continue;
            };
            if file.chain.path.len() > 1
                || cert.self_signed()
                || !file.chain.bad_signatures.is_empty()
            {
                continue;
            }
            let issued_by_given_root = model
                .pki
                .iter()
                .flat_map(|f| f.certificates())
                .any(|(_, c)| c.could_issue(cert) && c.self_signed());
            if issued_by_given_root {
                continue;
            }
            // The command, with the issuer's own file when it is among the inputs.
            let issuer_file = model
                .pki
                .iter()
                .filter(|g| !std::ptr::eq(*g, file))
                .find(|g| g.certificates().any(|(_, c)| c.could_issue(cert)))
                .map(|g| g.name.as_str());
            out.report(
                Subject::File(file, file.location(leaf)),
                Incomplete {
                    file: &file.name,
                    issuer: &cert.issuer,
                    issuer_file,
                },
            );
        }
    }
}

/// A server certificate alone in its file, without its issuer.
struct Incomplete<'a> {
    file: &'a str,
    /// The issuer's name.
    issuer: &'a str,
    /// The input that holds the issuer, when one does.
    issuer_file: Option<&'a str>,
}

impl Violation for Incomplete<'_> {
    type Level = Level;
    fn level(&self) -> Level {
        Level::Warning
    }
    fn message(&self) -> String {
        format!(
            "`{}` holds only the server certificate; its issuer `{}` is not in the file.",
            self.file, self.issuer
        )
    }
    fn help(&self) -> String {
        format!(
            "Append the intermediate certificate(s) from your CA after the server certificate in this file: `cat {0} {1} > {0}.new && mv {0}.new {0}`{2}.",
            self.file,
            self.issuer_file.unwrap_or("intermediate.crt"),
            if self.issuer_file.is_some() { "" } else { " (intermediate.crt: the CA's intermediate, from the same place as the certificate)" }
        )
    }
}
