use crate::facts::{Facts, Served};
use crate::input::observation::{Failure, Observation, Reach};
use crate::report::Channel;
use crate::rules::served::{each, observed, what_starting};
use crate::rules::{declare_rule, Applicability, ModelRule, Sink, Subject, Violation};

declare_rule! {
    /// ## What it checks
    /// Whether an endpoint the configs name could be reached: `wb-ssl-check probe` dials Workbench's
    /// address, the Launcher (`launcher-address:launcher-port`) and the callback URL once each, with
    /// short timeouts; pasted `openssl s_client` and `curl -v` output says the same. It fires when the
    /// name does not resolve, the connection is refused or times out, the server accepts but never
    /// answers, or the TLS handshake fails (no common protocol version or cipher, an alert).
    ///
    /// ## Why it breaks Workbench
    /// The files can be perfect while nothing listens: the Launcher not started or bound to another
    /// interface, rserver not restarted after a port change, a firewall between session nodes and
    /// Workbench. rserver dials the Launcher from the Workbench host itself, so an unreachable Launcher
    /// is an error: sessions and jobs cannot start. Browsers and sessions dial from elsewhere, so for
    /// channels a and c it is a warning: the probe's machine may not see the network they see.
    ///
    /// ## How to fix
    /// - Refused: start the service (`systemctl status rstudio-server rstudio-launcher`), and compare
    ///   the port and address it listens on (`ss -tlnp`) with the configs.
    /// - Timed out: a firewall or security group drops the traffic; open the port from the clients'
    ///   network.
    /// - Name not resolved: use a name the clients' DNS knows, or add it.
    /// - Handshake failed: compare `ssl-protocols` and the client's TLS versions; read the server's log.
    ///
    /// ## References
    /// - Posit Workbench Admin Guide: "Job Launcher" (launcher.conf `address`, `port`).
    /// - Posit troubleshooting: "Validating the launcher-sessions-callback-address in Posit Workbench".
    pub struct ServedUnreachable {
        name: "served-unreachable",
        severity: Warning | Error,
        severity_when: "error on channel b, which rserver dials from the Workbench host, where the probe runs",
        channel: A | B | C,
        summary: "An endpoint the configs name could not be reached or its TLS handshake failed",
    }
}

impl ModelRule for ServedUnreachable {
    fn applies(&self, model: &Facts) -> Applicability {
        observed(model)
    }

    fn check(&self, model: &Facts, out: &mut Sink) {
        for (s, o) in each(model) {
            let Reach::Failed { why, .. } = &o.reach else {
                continue;
            };
            // Dialled with the other protocol (curl http:// to an https endpoint): its failure says
            // nothing about the endpoint; the report's notes say so.
            if o.attempted_tls.is_some_and(|t| t != s.endpoint.tls) && *why != Failure::Refused {
                continue;
            }
            out.report(
                Subject::Served(s, o),
                Unreachable {
                    served: s,
                    seen: o,
                    why: *why,
                },
            );
        }
    }
}

/// An endpoint that could not be reached.
struct Unreachable<'a> {
    served: &'a Served,
    seen: &'a Observation,
    why: Failure,
}

impl Violation for Unreachable<'_> {
    type Level = Level;
    fn level(&self) -> Level {
        if self.served.endpoint.channel == Channel::B {
            Level::Error
        } else {
            Level::Warning
        }
    }
    fn message(&self) -> String {
        format!(
            "{} could not be reached: {}.",
            what_starting(self.served, self.seen),
            self.seen.result_words()
        )
    }
    fn help(&self) -> String {
        let endpoint = &self.served.endpoint;
        match self.why {
            Failure::Refused => format!("Nothing listens there. Start the service and check which address and port it listens on (`ss -tlnp | grep {}`); they must be {}.", endpoint.port, endpoint.from),
            Failure::ConnectTimedOut => "Nothing answered the connection attempt: a firewall or security group drops it, or the host is down. Open the port from the clients' network.".into(),
            Failure::NoAnswer => "The server accepted the connection but never answered: a service hung, or something other than Workbench or the Launcher holds the port. Restart the service and check what listens (`ss -tlnp`).".into(),
            Failure::NameNotResolved => "The host name does not resolve where this ran. Use a name the clients' DNS resolves, or add a DNS record.".into(),
            Failure::Handshake => "The TLS handshake failed: compare the server's `ssl-protocols` and certificate with what the client supports, and read the server's log for the reason.".into(),
            Failure::Other => "Run the check again from the server, and read the tool's error.".into(),
        }
    }
}
