use crate::facts::Facts;
use crate::pki::trust::Rejection;
use crate::rules::certificates::{any_certificate, position, rejected};
use crate::rules::{declare_rule, Applicability, ModelRule, Sink, Subject, Violation};

declare_rule! {
    /// ## What it checks
    /// A certificate in the served chain that signs another one without being a CA: no
    /// `basicConstraints` extension, or `CA:FALSE`. The verdict comes from rustls-webpki; the message
    /// names the certificate.
    ///
    /// ## Why it breaks Workbench
    /// Only a certificate marked as a CA may issue others. Browsers, OpenSSL ("invalid CA certificate")
    /// and the sessions' libcurl refuse the chain, so nobody connects. It usually means a server
    /// certificate was used to sign another one, or a home-made CA was created without
    /// `basicConstraints=critical,CA:TRUE`.
    ///
    /// ## How to fix
    /// Re-create the CA with `-addext "basicConstraints=critical,CA:TRUE" -addext
    /// "keyUsage=critical,keyCertSign,cRLSign"`, re-issue the server certificate from it, and
    /// distribute the new CA to clients.
    ///
    /// ## References
    /// - RFC 5280 §4.2.1.9 (basic constraints) and §6.1.4 (k).
    pub struct ChainIssuerNotCa {
        name: "chain-issuer-not-ca",
        severity: Error,
        channel: None | A | B | C,
        summary: "A certificate in the chain issues another without being a CA",
    }
}

impl ModelRule for ChainIssuerNotCa {
    fn applies(&self, model: &Facts) -> Applicability {
        any_certificate(model)
    }

    fn check(&self, model: &Facts, out: &mut Sink) {
        for (_, file, _) in rejected(model, |r| *r == Rejection::EndEntityUsedAsCa) {
            // The first issuer in the chain that is not a CA; else any other certificate of the file
            // that is not one (webpki may have built another path than the file's order).
            let culprit = file
                .chain
                .path
                .iter()
                .skip(1)
                .copied()
                .find(|&i| file.cert(i).is_some_and(|c| !c.is_ca()))
                .or_else(|| {
                    file.certificates()
                        .find(|(i, c)| Some(i) != file.chain.path.first() && !c.is_ca())
                        .map(|(i, _)| i)
                });
            let at = culprit.or(file.chain.path.first().copied());
            let Some(at) = at else { continue };
            out.report(
                Subject::File(file, file.location(at)),
                IssuerNotCa {
                    file: &file.name,
                    culprit: culprit.map(|i| position(file, i)),
                },
            );
        }
    }
}

/// A chain that clients refuse because an issuer in it is not a CA.
struct IssuerNotCa<'a> {
    file: &'a str,
    /// The certificate that issues another without being a CA, in words, when it is known.
    culprit: Option<String>,
}

impl Violation for IssuerNotCa<'_> {
    type Level = Level;
    fn level(&self) -> Level {
        Level::Error
    }
    fn message(&self) -> String {
        let what = match &self.culprit {
            Some(which) => format!("{which} issues another certificate but is not a CA (no `basicConstraints` CA:TRUE)"),
            None => "a certificate above the server certificate is not a CA (no `basicConstraints` CA:TRUE)".to_string(),
        };
        format!("In `{}`, {what}; clients refuse the chain.", self.file)
    }
    fn help(&self) -> String {
        "Re-create the issuing CA with `basicConstraints=critical,CA:TRUE` and `keyUsage=critical,keyCertSign,cRLSign`, then re-issue the server certificate from it.".into()
    }
}
