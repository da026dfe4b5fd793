use crate::facts::{Facts, Served};
use crate::input::observation::{HttpAnswer, Observation};
use crate::rules::served::{each, observed, what_starting};
use crate::rules::{declare_rule, Applicability, ModelRule, Sink, Subject, Violation};

declare_rule! {
    /// ## What it checks
    /// The HTTP answer at Workbench's address or the callback address, when the probe or pasted
    /// `curl -v` output made a request: a 5xx status (502 Bad Gateway, 503, 504) means something in
    /// front answered but could not reach Workbench.
    ///
    /// ## Why it breaks Workbench
    /// A proxy or load balancer is up while rserver behind it is not (stopped, or listening on another
    /// port than the proxy forwards to). Users and sessions get the proxy's error page; the callback
    /// fails and sessions never finish starting.
    ///
    /// ## How to fix
    /// Check that rserver runs (`systemctl status rstudio-server`) and that the proxy forwards to its
    /// `www-address`/`www-port`; read the proxy's error log.
    ///
    /// ## References
    /// - Posit Workbench Admin Guide: "Running with a Proxy".
    pub struct ServedHttpError {
        name: "served-http-error",
        severity: Warning,
        channel: A | C,
        summary: "Workbench's address answered with an HTTP 5xx error (a proxy without its backend)",
    }
}

impl ModelRule for ServedHttpError {
    fn applies(&self, model: &Facts) -> Applicability {
        observed(model)
    }

    fn check(&self, model: &Facts, out: &mut Sink) {
        let mut seen = Vec::new();
        for (s, o) in each(model) {
            let Some(h) = &o.http else { continue };
            if h.status < 500 || s.endpoint.channel == crate::report::Channel::B {
                continue;
            }
            // Channels a and c often share one endpoint: one finding per endpoint seen.
            let key = (o.source(), o.dialled());
            if seen.contains(&key) {
                continue;
            }
            seen.push(key);
            out.report(
                Subject::Served(s, o),
                ServerError {
                    served: s,
                    seen: o,
                    answer: h,
                },
            );
        }
    }
}

/// A 5xx answer from something in front of Workbench.
struct ServerError<'a> {
    served: &'a Served,
    seen: &'a Observation,
    answer: &'a HttpAnswer,
}

impl Violation for ServerError<'_> {
    type Level = Level;
    fn level(&self) -> Level {
        Level::Warning
    }
    fn message(&self) -> String {
        format!(
            "{} answered `{}`{}: something in front of Workbench answered, but not Workbench.",
            what_starting(self.served, self.seen),
            crate::rules::excerpt(&self.answer.line),
            self.answer
                .server
                .as_deref()
                .map(|v| format!(" (server `{}`)", crate::rules::excerpt(v)))
                .unwrap_or_default()
        )
    }
    fn help(&self) -> String {
        "Check that rserver runs (`systemctl status rstudio-server`) and that the proxy forwards to its `www-address` and `www-port`; the proxy's error log says why it could not reach it.".into()
    }
}
