use crate::facts::Facts;
use crate::pki::IssuerKind;
use crate::rules::certificates::any_certificate;
use crate::rules::{declare_rule, Applicability, ModelRule, Sink, Subject, Violation};

declare_rule! {
    /// ## What it checks
    /// A server certificate file whose server certificate is not self-signed and whose issuer is not in
    /// the file, when that issuer is known to be an intermediate CA: another input holds it and it is not
    /// a root, or the certificate says where its CA publishes it (authorityInfoAccess, as CAs do for
    /// intermediates), or its name says so ("Intermediate", "Issuing", "Sub CA"). A root need not be
    /// sent; when the issuer may be the organisation's own root, the advice is that clients must trust
    /// it (`browser-trust-needed`, `callback-trust-needed`), not to append an intermediate that may not
    /// exist.
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
            let others = model.pki.iter().filter(|g| !std::ptr::eq(*g, file));
            // Only an issuer known to be an intermediate is missing. A root need not be sent, and
            // when the issuer may be the organisation's own root, the advice is to trust it
            // (`browser-trust-needed`, `callback-trust-needed`), not to look for an intermediate
            // that may not exist.
            let evidence = match crate::pki::issuer_kind(cert, others) {
                IssuerKind::GivenIntermediate(g) => Evidence::Given(&g.name),
                IssuerKind::PublishedIntermediate(url) => Evidence::Published(url),
                IssuerKind::NamedIntermediate => Evidence::Named,
                IssuerKind::GivenRoot | IssuerKind::NamedRoot | IssuerKind::Unknown => continue,
            };
            out.report(
                Subject::File(file, file.location(leaf)),
                Incomplete {
                    file: &file.name,
                    issuer: &cert.issuer,
                    evidence,
                },
            );
        }
    }
}

/// How the missing issuer is known to be an intermediate.
enum Evidence<'a> {
    /// Another input holds it, and it is not a root.
    Given(&'a str),
    /// The certificate names where its CA publishes it.
    Published(&'a str),
    /// Its name says so.
    Named,
}

/// A server certificate alone in its file, without its intermediate issuer.
struct Incomplete<'a> {
    file: &'a str,
    /// The issuer's name.
    issuer: &'a str,
    evidence: Evidence<'a>,
}

impl Violation for Incomplete<'_> {
    type Level = Level;
    fn level(&self) -> Level {
        Level::Warning
    }
    fn message(&self) -> String {
        let how = match self.evidence {
            Evidence::Given(f) => {
                format!("`{f}` holds it, and it is an intermediate CA, not a root")
            }
            Evidence::Published(url) if url.is_empty() => {
                "the certificate says its CA publishes it, as CAs do for intermediates".to_string()
            }
            Evidence::Published(url) => format!(
                "the certificate says its CA publishes it at {url}, as CAs do for intermediates"
            ),
            Evidence::Named => "its name says it is an intermediate CA".to_string(),
        };
        format!(
            "`{}` holds only the server certificate; its issuer `{}` is not in the file ({how}).",
            self.file, self.issuer
        )
    }
    fn help(&self) -> String {
        match self.evidence {
            Evidence::Given(issuer_file) => format!(
                "Append the intermediate certificate after the server certificate in this file: `cat {0} {issuer_file} > {0}.new && mv {0}.new {0}`, then restart the service that uses it.",
                self.file
            ),
            Evidence::Published(url) if !url.is_empty() => format!(
                "Append the intermediate certificate after the server certificate in this file: `cat {0} intermediate.crt > {0}.new && mv {0}.new {0}` (intermediate.crt: the CA's intermediate, from the same place as the certificate, or from {url}; convert it with `openssl x509 -inform DER -in <download> -out intermediate.crt` when it is DER), then restart the service that uses it.",
                self.file
            ),
            _ => format!(
                "Append the intermediate certificate after the server certificate in this file: `cat {0} intermediate.crt > {0}.new && mv {0}.new {0}` (intermediate.crt: the CA's intermediate, from the same place as the certificate), then restart the service that uses it.",
                self.file
            ),
        }
    }
}
