use crate::facts::Facts;
use crate::report::Severity;
use crate::rules::served::{each, emit, observed, what_starting};
use crate::rules::{declare_rule, Applicability, ModelRule, Sink};

declare_rule! {
    /// ## What it checks
    /// Whether a served chain stops short of its anchor: the server sent its certificate alone, or a
    /// chain whose top is issued by an intermediate CA (one among the inputs) that it did not send; and
    /// no CA the client is known to trust (the CAs marked trusted, the system store or Mozilla's roots)
    /// completes it. A chain that ends at an intermediate issued by a root is complete: roots need not
    /// be sent. Needs the whole served chain: `s_client -showcerts`, or the probe.
    ///
    /// ## Why it breaks Workbench
    /// Browsers often cope (they cache or fetch intermediates). rserver verifying the Launcher, and R,
    /// Python, curl and Git in sessions calling back, do not: "unable to get local issuer certificate".
    /// The file may even be complete while the running service serves an older, incomplete file.
    ///
    /// ## How to fix
    /// Append the intermediate certificate(s) to the served file, leaf first:
    /// `cat server.crt intermediate.crt > workbench.crt`, then restart the service and probe again.
    ///
    /// ## References
    /// - Posit Workbench Admin Guide: "Secure Sockets (SSL)" (intermediate certificates).
    pub struct ServedChainIncomplete {
        name: "served-chain-incomplete",
        severity: Warning,
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
            let holder = issuer
                .map(|(f, _)| {
                    format!(
                        " `{}` holds that issuer: append it to the served file.",
                        f.name
                    )
                })
                .unwrap_or_default();
            emit(
                out,
                s,
                o,
                Severity::Warning,
                format!(
                    "{} serves {} ending at `{}`, without its issuer `{}`: clients that do not fetch intermediates (curl, R, Python in sessions; rserver) cannot build the chain.",
                    what_starting(s, o),
                    crate::report::count(chain.certificates().count(), "certificate"),
                    top.short_name(),
                    top.issuer
                ),
                format!("Append the intermediate certificate(s) to the file the service serves, leaf first (`cat server.crt intermediate.crt > workbench.crt`), and restart it.{holder}"),
            );
        }
    }
}
