use crate::facts::Facts;
use crate::pki::trust::Rejection;
use crate::rules::certificates::{any_certificate, rejected};
use crate::rules::{declare_rule, Applicability, ModelRule, Sink, Subject, Violation};

declare_rule! {
    /// ## What it checks
    /// A chain with more intermediate CAs below a CA than that CA's `pathLenConstraint` allows (for
    /// example an intermediate with `pathlen:0` that issued another intermediate). The verdict comes from
    /// rustls-webpki.
    ///
    /// ## Why it breaks Workbench
    /// Clients enforce the limit: browsers, OpenSSL ("path length constraint exceeded") and the sessions'
    /// libcurl refuse the chain, so nobody connects.
    ///
    /// ## How to fix
    /// Have the server certificate issued directly by a CA whose path length allows it (see
    /// `openssl x509 -in ca.crt -noout -ext basicConstraints` for each CA of the file), or re-create the
    /// intermediate CA with a larger `pathlen`.
    ///
    /// ## References
    /// - RFC 5280 §4.2.1.9 (pathLenConstraint) and §6.1.4 (l), (m).
    pub struct ChainPathLength {
        name: "chain-path-length",
        severity: Error,
        channel: None | A | B | C,
        summary: "The chain is longer than a CA's pathLenConstraint allows",
    }
}

impl ModelRule for ChainPathLength {
    fn applies(&self, model: &Facts) -> Applicability {
        any_certificate(model)
    }

    fn check(&self, model: &Facts, out: &mut Sink) {
        for (_, file, _) in rejected(model, |r| *r == Rejection::PathLength) {
            let Some(&leaf) = file.chain.path.first() else {
                continue;
            };
            out.report(
                Subject::File(file, file.location(leaf)),
                PathTooLong { file: &file.name },
            );
        }
    }
}

/// A chain with more intermediates than a CA's pathLenConstraint allows.
struct PathTooLong<'a> {
    file: &'a str,
}

impl Violation for PathTooLong<'_> {
    type Level = Level;
    fn level(&self) -> Level {
        Level::Error
    }
    fn message(&self) -> String {
        format!("The chain of `{}` has more intermediate CAs than the pathLenConstraint of a CA above them allows; clients refuse it.", self.file)
    }
    fn help(&self) -> String {
        "Have the certificate issued by a CA whose pathlen allows this many intermediates below it (`openssl x509 -noout -ext basicConstraints` shows each CA's limit).".into()
    }
}
