use crate::facts::{Facts, Served};
use crate::input::observation::Observation;
use crate::pki::cert::CertFacts;
use crate::rules::served::{each, observed, what_starting};
use crate::rules::{declare_rule, Applicability, ModelRule, Sink, Subject, Violation};

declare_rule! {
    /// ## What it checks
    /// Whether a served chain stops short of the CA its clients trust: the server sent its certificate
    /// alone, or a chain whose top is issued by an intermediate CA (one among the inputs) that it did
    /// not send; and no CA the client is known to trust (the CAs marked trusted, the system store or
    /// Mozilla's roots) completes it. A chain that ends at an intermediate issued by a root is complete: roots need not
    /// be sent. Needs the whole served chain: `s_client -showcerts`, or the probe.
    ///
    /// ## Why it breaks Workbench
    /// Browsers often cope with a public CA's chain (they cache or fetch its intermediates), so on
    /// channel a it is a warning; not with a private CA's (the missing intermediate is issued by a CA
    /// given as trusted): Firefox never fetches intermediates and Chrome only through an AIA URL, so
    /// there it is an error.
    /// rserver verifying the Launcher (b), and R, Python, curl and Git in sessions calling back (c), do
    /// not: "unable to get local issuer certificate", so there it is an error. The file may even be
    /// complete while the running service serves an older, incomplete file, or something else (a
    /// proxy, another process) answers on the port: the finding says so when the configured file holds
    /// the missing issuer.
    ///
    /// ## How to fix
    /// When the configured file already holds the intermediate: restart the service
    /// (`sudo rstudio-server restart`, `sudo rstudio-launcher restart`) and probe again; if the server
    /// certificate still comes alone, find what answers on that port. Otherwise append the
    /// intermediate certificate(s) to the served file, server certificate first: `cat server.crt intermediate.crt > workbench.crt`,
    /// then restart the service and probe again.
    ///
    /// ## References
    /// - Posit Workbench Admin Guide: "Secure Sockets (SSL)" (intermediate certificates).
    pub struct ServedChainIncomplete {
        name: "served-chain-incomplete",
        severity: Warning | Error,
        severity_when: "error on channels b and c, whose clients (rserver; curl, R and Python in sessions) never fetch a missing intermediate, and on channel a when the missing intermediate leads to a CA given as trusted (a private CA, whose intermediates browsers do not fetch)",
        channel: A | B | C,
        summary: "The served chain lacks an intermediate certificate",
    }
}

impl ModelRule for ServedChainIncomplete {
    fn applies(&self, model: &Facts) -> Applicability {
        observed(model)
    }

    fn check(&self, model: &Facts, out: &mut Sink) {
        use crate::pki::trust::Outcome;
        for (s, o) in each(model) {
            let Some(chain) = s.chain(model) else {
                continue;
            };
            // Verified means the path reached a trusted anchor; a refusal has its own rule.
            if !matches!(s.outcome, Some(Outcome::TrustUnknown)) {
                continue;
            }
            let Some(top) = chain.chain.path.last().and_then(|&i| chain.cert(i)) else {
                continue;
            };
            if top.self_issued() {
                continue;
            }
            // An issuer given among the inputs as a root completes the chain for clients that trust it.
            let issued_by_given_root = model
                .pki
                .iter()
                .flat_map(|f| f.certificates())
                .any(|(_, c)| c.could_issue(top) && c.self_signed());
            if issued_by_given_root {
                continue;
            }
            let issuer = model.pki.iter().find_map(|f| {
                f.certificates()
                    .find(|(_, c)| c.could_issue(top))
                    .map(|(_, c)| (f, c))
            });
            // A chain ending at an intermediate is complete when that intermediate's issuer is a root
            // (roots need not be sent): it is short only when the server sent the leaf alone, or when
            // an input shows that the missing issuer is itself an intermediate.
            let leaf_alone = chain.chain.path.len() == 1 && !top.is_ca();
            if !leaf_alone && issuer.is_none_or(|(_, c)| c.self_signed()) {
                continue;
            }
            out.report(
                Subject::Served(s, o),
                Incomplete {
                    served: s,
                    seen: o,
                    certificates: chain.certificates().count(),
                    top,
                    holder: issuer.map(|(f, _)| f.name.as_str()),
                    private_ca: crate::facts::served::short_of_trusted(model, s),
                    // The configured file already holds the missing issuer: what runs is not it.
                    stale: s
                        .configured
                        .map(|i| &model.pki[i])
                        .filter(|f| f.certificates().any(|(_, c)| c.could_issue(top)))
                        .map(|f| f.name.as_str()),
                },
            );
        }
    }
}

/// A served chain that stops before its issuer.
struct Incomplete<'a> {
    served: &'a Served,
    seen: &'a Observation,
    /// How many certificates were served.
    certificates: usize,
    /// The last certificate of the served chain.
    top: &'a CertFacts,
    /// The input file that holds the missing issuer, when one does.
    holder: Option<&'a str>,
    /// Whether the missing issuer leads to a CA given as trusted (a private CA): no browser fills
    /// that gap.
    private_ca: bool,
    /// The configured certificate file, when it holds the missing issuer itself.
    stale: Option<&'a str>,
}

impl Violation for Incomplete<'_> {
    type Level = Level;
    fn level(&self) -> Level {
        match crate::facts::client(self.served.endpoint.channel) {
            crate::pki::trust::Client::Browser if !self.private_ca => Level::Warning,
            crate::pki::trust::Client::Browser => Level::Error,
            crate::pki::trust::Client::Server => Level::Error,
        }
    }
    fn message(&self) -> String {
        format!(
            "{} serves {} ending at `{}`, without its issuer `{}`: clients that do not fetch intermediates (curl, R, Python in sessions; rserver) cannot build the chain.",
            what_starting(self.served, self.seen),
            crate::report::count(self.certificates, "certificate"),
            self.top.short_name(),
            self.top.issuer
        )
    }
    fn help(&self) -> String {
        if let Some(file) = self.stale {
            return format!(
                "`{file}`, the configured file, already holds `{}`: the running service serves an older file, or something else answers on port {}. Restart the service (`sudo rstudio-server restart`, or `sudo rstudio-launcher restart` for the Launcher) and check again; if the server certificate still comes alone, find what listens on that port (a proxy or load balancer serves its own certificate).",
                self.top.issuer, self.served.endpoint.port
            );
        }
        let holder = self
            .holder
            .map(|name| format!(" `{name}` holds that issuer: append it to the served file."))
            .unwrap_or_default();
        format!("Append the intermediate certificate(s) to the file the service serves, server certificate first (`cat server.crt intermediate.crt > workbench.crt`), and restart it.{holder}")
    }
}
