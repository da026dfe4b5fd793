use crate::facts::{Facts, Served};
use crate::input::observation::Observation;
use crate::pki::trust::Rejection;
use crate::rules::served::{each, observed, what};
use crate::rules::{declare_rule, Applicability, ModelRule, Sink, Subject, Violation};

declare_rule! {
    /// ## What it checks
    /// The served chain as the channel's client judges it, for the name that client dials: browsers for
    /// Workbench's address (a), rserver for the Launcher (b), sessions for the callback (c). The path
    /// validator is the one used for the files (rustls-webpki): dates, signatures, CA flags, key usage,
    /// name constraints and the host name. For `curl -v` output, which prints no certificate, curl's
    /// own refusal ("SSL certificate problem: …") is reported.
    ///
    /// ## Why it breaks Workbench
    /// This is what the clients actually get. A refused chain means browsers show a warning page,
    /// rserver cannot start sessions, or sessions cannot call back, whatever the files on disk say.
    ///
    /// ## How to fix
    /// The message says why it was refused. An expired or wrongly named certificate needs a new one
    /// (with every name clients dial in its subjectAltName); install it, restart the service, and
    /// probe again.
    ///
    /// ## References
    /// - Posit Workbench Admin Guide: "Secure Sockets (SSL)".
    /// - rustls-webpki, the path validator used.
    pub struct ServedChainRejected {
        name: "served-chain-rejected",
        severity: Error,
        channel: A | B | C,
        summary: "The client refuses the chain the endpoint serves (expired, wrong name, bad signature...)",
    }
}

impl ModelRule for ServedChainRejected {
    fn applies(&self, model: &Facts) -> Applicability {
        observed(model)
    }

    fn check(&self, model: &Facts, out: &mut Sink) {
        use crate::pki::trust::Outcome;
        for (s, o) in each(model) {
            let refusal = match (&s.outcome, o.tls().and_then(|t| t.tool_verdict.as_ref())) {
                (Some(Outcome::Rejected(r)), _) => Refusal::Validator {
                    rejection: r,
                    words: crate::facts::chains::refusal_words(model, r),
                },
                (None, Some(v)) if !v.ok => Refusal::Tool(&v.text),
                _ => continue,
            };
            out.report(
                Subject::Served(s, o),
                Refused {
                    served: s,
                    seen: o,
                    refusal,
                    names: s
                        .chain(model)
                        .and_then(|f| f.leaf())
                        .map(|c| c.names())
                        .unwrap_or_default(),
                },
            );
        }
    }
}

/// Who refused the chain, and why.
enum Refusal<'a> {
    /// The path validator, with its reason in words.
    Validator {
        rejection: &'a Rejection,
        words: String,
    },
    /// The tool that made the pasted output, with its verdict.
    Tool(&'a str),
}

/// A served chain that the channel's client refuses.
struct Refused<'a> {
    served: &'a Served,
    seen: &'a Observation,
    refusal: Refusal<'a>,
    /// The names the served certificate has (subjectAltName, else its CN), when it was served.
    names: Vec<String>,
}

impl Violation for Refused<'_> {
    type Level = Level;
    fn level(&self) -> Level {
        Level::Error
    }
    fn message(&self) -> String {
        let who = crate::facts::clients::client_subject(self.served.endpoint.channel);
        let why = match &self.refusal {
            Refusal::Validator { rejection, words } => match (rejection, &self.served.name) {
                // The other side of the mismatch: the names the served certificate has.
                (Rejection::NotValidForName, Some(n)) if !self.names.is_empty() => {
                    format!("{words} (`{n}`; it names {})", self.names.join(", "))
                }
                (Rejection::NotValidForName, Some(n)) => format!("{words} (`{n}`)"),
                _ => words.clone(),
            },
            Refusal::Tool(text) => format!(
                "the tool that made the output refused it: {}",
                crate::rules::excerpt(text)
            ),
        };
        format!(
            "{who} refuse the chain that {} serves: {why}.",
            what(self.served, self.seen)
        )
    }
    fn help(&self) -> String {
        match &self.refusal {
            Refusal::Validator { rejection, .. } => match rejection {
                Rejection::NotValidForName => format!("Get a certificate whose subjectAltName holds `{}`, or dial a name the certificate has; install it and restart the service.", self.served.name.as_deref().unwrap_or("the host name")),
                Rejection::Expired | Rejection::NotYetValid | Rejection::AnchorOutOfDate(..) => "Renew the certificate (or check the server's clock), install it and restart the service.".to_string(),
                _ => "Re-issue the certificate from your CA's web-server template (RSA 2048+ or ECDSA, SHA-256), install it with its intermediates, and restart the service.".to_string(),
            },
            Refusal::Tool(_) => "Read the tool's reason: \"unable to get local issuer certificate\" means an intermediate is missing or the CA is not trusted where it ran; \"certificate has expired\" needs a renewal; a name mismatch needs a certificate with that name.".to_string(),
        }
    }
}
