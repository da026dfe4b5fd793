use crate::facts::{Facts, Served};
use crate::input::observation::Observation;
use crate::rules::served::{each, observed, what_starting};
use crate::rules::{declare_rule, Applicability, ModelRule, Sink, Subject, Violation};

declare_rule! {
    /// ## What it checks
    /// Whether the endpoint speaks the protocol the configs say its client uses: TLS where
    /// `ssl-enabled=1`, `launcher-use-ssl=1` or an `https://` callback says so, plain HTTP otherwise.
    /// It fires when a TLS handshake is answered in plain HTTP (OpenSSL's "wrong version number"), or a
    /// plain request gets a TLS record back (curl's "Received HTTP/0.9").
    ///
    /// ## Why it breaks Workbench
    /// One side was changed and the other not: `enable-ssl=1` added to launcher.conf without
    /// `launcher-use-ssl=1` in rserver.conf, or the reverse, or rserver not restarted after
    /// `ssl-enabled` changed. Every request on that channel fails; the Launcher's log shows handshake
    /// errors and rserver's shows "wrong version number" or an empty reply.
    ///
    /// ## How to fix
    /// Make both sides agree (`launcher-use-ssl` with `enable-ssl`; the callback's scheme with
    /// `ssl-enabled`), then restart both services: `systemctl restart rstudio-launcher rstudio-server`.
    ///
    /// ## References
    /// - Posit Workbench Admin Guide: "Job Launcher" (SSL between Workbench and the Launcher).
    pub struct ServedProtocolMismatch {
        name: "served-protocol-mismatch",
        severity: Error,
        channel: A | B | C,
        summary: "The endpoint speaks plain HTTP where TLS is configured, or TLS where plain HTTP is",
    }
}

impl ModelRule for ServedProtocolMismatch {
    fn applies(&self, model: &Facts) -> Applicability {
        observed(model)
    }

    fn check(&self, model: &Facts, out: &mut Sink) {
        for (s, o) in each(model) {
            let Some(tls) = o.spoke_tls() else { continue };
            if tls == s.endpoint.tls {
                continue;
            }
            out.report(
                Subject::Served(s, o),
                OtherProtocol {
                    served: s,
                    seen: o,
                    tls,
                },
            );
        }
    }
}

/// An endpoint that speaks another protocol than its client.
struct OtherProtocol<'a> {
    served: &'a Served,
    seen: &'a Observation,
    /// Whether the endpoint spoke TLS (its client, per the configs, the other).
    tls: bool,
}

impl Violation for OtherProtocol<'_> {
    type Level = Level;
    fn level(&self) -> Level {
        Level::Error
    }
    fn message(&self) -> String {
        let (spoke, want) = if self.tls {
            ("TLS", "plain HTTP")
        } else {
            ("plain HTTP", "TLS")
        };
        format!(
            "{} speaks {spoke}, but the configs say its client uses {want} ({}).",
            what_starting(self.served, self.seen),
            self.served.endpoint.tls_from
        )
    }
    fn help(&self) -> String {
        "Make the server and its client agree on TLS (rserver.conf `launcher-use-ssl` with launcher.conf `enable-ssl`; the callback's scheme with `ssl-enabled`), then restart both services. A service that was not restarted after the change still speaks the old protocol.".into()
    }
}
