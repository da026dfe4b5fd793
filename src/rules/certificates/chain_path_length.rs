use crate::facts::Facts;
use crate::pki::trust::Rejection;
use crate::rules::certificates::{any_certificate, cas_above, rejected};
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
            // The CA whose limit is exceeded: the nearest one with fewer allowed CAs below it than
            // there are (self-issued ones, a CA rolling over its key, do not count).
            let cas = cas_above(model, file);
            let ca = cas.iter().enumerate().find_map(|(k, (f, c))| {
                let limit = c.profile().ok()?.path_len?;
                let below = cas[..k].iter().filter(|(_, b)| !b.self_issued()).count();
                (below > limit as usize).then(|| Limiting {
                    words: f.clone(),
                    limit,
                    below,
                })
            });
            out.report(
                Subject::File(file, file.location(leaf)),
                PathTooLong {
                    file: &file.name,
                    ca,
                },
            );
        }
    }
}

/// A chain with more intermediates than a CA's pathLenConstraint allows.
struct PathTooLong<'a> {
    file: &'a str,
    /// The CA whose limit is exceeded, when the inputs hold it.
    ca: Option<Limiting>,
}

struct Limiting {
    /// "`Example CA` (the 2nd certificate in `wb.pem`)".
    words: String,
    /// Its pathLenConstraint.
    limit: u32,
    /// How many CAs are below it in the chain.
    below: usize,
}

impl Violation for PathTooLong<'_> {
    type Level = Level;
    fn level(&self) -> Level {
        Level::Error
    }
    fn message(&self) -> String {
        match &self.ca {
            Some(ca) => format!(
                "The chain of `{}` has {} below the CA {}, whose pathLenConstraint allows {}; clients refuse it.",
                self.file,
                crate::base::count(ca.below, "intermediate CA"),
                ca.words,
                match ca.limit {
                    0 => "none (pathlen:0: it may issue only server certificates)".to_string(),
                    n => format!("at most {n} (pathlen:{n})"),
                }
            ),
            None => format!("The chain of `{}` has more intermediate CAs than the pathLenConstraint of a CA above them allows (the number of CAs it may have below it); clients refuse it.", self.file),
        }
    }
    fn help(&self) -> String {
        "Have the certificate issued by a CA whose pathlen allows this many intermediates below it (`openssl x509 -noout -ext basicConstraints` shows each CA's limit).".into()
    }
}
