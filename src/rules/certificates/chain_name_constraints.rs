use crate::facts::Facts;
use crate::pki::trust::Rejection;
use crate::rules::certificates::{any_certificate, cas_above, rejected};
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
            // The CA whose constraints refuse it: the nearest one with nameConstraints.
            let ca = cas_above(model, file).into_iter().find_map(|(f, c)| {
                let nc = c.profile().ok()?.name_constraints.as_ref()?;
                Some(ConstrainingCa {
                    words: f,
                    permitted: nc.permitted_names.clone(),
                    excluded: nc.excluded_names.clone(),
                })
            });
            out.report(
                Subject::File(file, file.location(leaf)),
                OutsideConstraints {
                    cert: cert.short_name(),
                    names: cert.names(),
                    ca,
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
    /// The CA with the constraints, when the inputs hold it.
    ca: Option<ConstrainingCa>,
}

struct ConstrainingCa {
    /// "`Example CA` (the 2nd certificate in `wb.pem`)".
    words: String,
    permitted: Vec<String>,
    excluded: Vec<String>,
}

impl ConstrainingCa {
    /// "it may issue only for DNS:corp.example.com, and never for IP:10.0.0.0/8".
    fn constraint(&self) -> String {
        let (p, e) = (self.permitted.join(", "), self.excluded.join(", "));
        match (p.is_empty(), e.is_empty()) {
            (false, false) => format!("it may issue only for {p}, and never for {e}"),
            (false, true) => format!("it may issue only for {p}"),
            (true, false) => format!("it may never issue for {e}"),
            (true, true) => "it may issue for no name of these kinds".to_string(),
        }
    }
}

impl Violation for OutsideConstraints {
    type Level = Level;
    fn level(&self) -> Level {
        Level::Error
    }
    fn message(&self) -> String {
        let names = if self.names.is_empty() {
            "none".to_string()
        } else {
            self.names.join(", ")
        };
        match &self.ca {
            Some(ca) => format!(
                "`{}` (names: {names}) is outside what the CA {} may issue: its nameConstraints say {}. Clients refuse the certificate.",
                self.cert, ca.words, ca.constraint()
            ),
            None => format!(
                "`{}` (names: {names}) is outside the nameConstraints of a CA in its chain (limits on the names that CA may issue for), so clients refuse it.",
                self.cert
            ),
        }
    }
    fn help(&self) -> String {
        "Get a certificate for names the CA may issue (`openssl x509 -in ca.crt -noout -ext nameConstraints` lists them), or one from another CA.".into()
    }
}
