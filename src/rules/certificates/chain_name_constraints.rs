use crate::facts::Facts;
use crate::pki::trust::Rejection;
use crate::rules::certificates::{any_certificate, rejected};
use crate::rules::{declare_rule, Applicability, ModelRule, Sink, Subject, Violation};

declare_rule! {
    /// ## What it checks
    /// A served certificate whose names (subjectAltName DNS names, IP addresses, or subject) fall outside
    /// the `nameConstraints` of a CA above it, or a name of a type the constraints do not allow. The
    /// verdict comes from rustls-webpki, the path validator rustls uses.
    ///
    /// ## Why it breaks Workbench
    /// A name-constrained CA may only issue certificates for the names it lists (an internal CA limited
    /// to `corp.example.com`, say). Browsers, OpenSSL and the sessions' libcurl refuse a certificate for
    /// any other name ("permitted subtree violation", `NET::ERR_CERT_INVALID`), so users cannot log in and
    /// sessions cannot call back.
    ///
    /// ## How to fix
    /// Ask the CA for a certificate whose names are within its constraints (look at them with
    /// `openssl x509 -in ca.crt -noout -ext nameConstraints`), or have it issued by a CA that may
    /// issue for your Workbench host name. Then replace the file and `sudo rstudio-server restart`.
    ///
    /// ## References
    /// - RFC 5280 §4.2.1.10 (name constraints).
    /// - CA/Browser Forum Baseline Requirements §7.1.2.5.2 (technically constrained CAs).
    pub struct ChainNameConstraints {
        name: "chain-name-constraints",
        severity: Error,
        channel: None | A | B | C,
        summary: "The server certificate's names are outside a CA's nameConstraints",
    }
}

impl ModelRule for ChainNameConstraints {
    fn applies(&self, model: &Facts) -> Applicability {
        any_certificate(model)
    }

    fn check(&self, model: &Facts, out: &mut Sink) {
        for (_, file, _) in rejected(model, |r| *r == Rejection::NameConstraints) {
            let Some((&leaf, cert)) = file.chain.path.first().zip(file.leaf()) else {
                continue;
            };
            out.report(
                Subject::File(file, file.location(leaf)),
                OutsideConstraints {
                    cert: cert.short_name(),
                    names: cert.names(),
                },
            );
        }
    }
}

/// A server certificate whose names a CA of its chain may not issue.
struct OutsideConstraints {
    cert: String,
    /// The names the certificate has.
    names: Vec<String>,
}

impl Violation for OutsideConstraints {
    type Level = Level;
    fn level(&self) -> Level {
        Level::Error
    }
    fn message(&self) -> String {
        format!(
            "`{}` (names: {}) is outside the nameConstraints of a CA in its chain, so clients refuse it.",
            self.cert,
            if self.names.is_empty() {
                "none".to_string()
            } else {
                self.names.join(", ")
            }
        )
    }
    fn help(&self) -> String {
        "Get a certificate for names the CA may issue (`openssl x509 -in ca.crt -noout -ext nameConstraints` lists them), or one from another CA.".into()
    }
}
