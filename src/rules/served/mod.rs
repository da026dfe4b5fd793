//! Section 8 of the rule catalog: what the running services serve, as `wb-ssl-check probe` or pasted
//! `openssl s_client` / `curl -v` output saw it ([`crate::facts::served`]). Silent when nothing was observed.

pub mod served_cert_differs;
pub mod served_chain_incomplete;
pub mod served_chain_rejected;
pub mod served_http_error;
pub mod served_protocol_mismatch;
pub mod served_unreachable;

use crate::facts::Facts;
use crate::facts::Served;
use crate::input::observation::Observation;
use crate::rules::Applicability;

/// The rules of this group apply when something was observed; without observations there is nothing
/// to say (and no note: observing is optional).
pub(crate) fn observed(model: &Facts) -> Applicability {
    if model.served.is_empty() {
        Applicability::Skip
    } else {
        Applicability::Applies
    }
}

/// The observations matched to channels, each with its observation.
pub(crate) fn each<'a>(
    model: &'a Facts<'a>,
) -> impl Iterator<Item = (&'a Served, &'a Observation)> {
    model
        .served
        .iter()
        .map(|s| (s, &model.observations[s.observation]))
}

/// "the Launcher's address `localhost:5559` (seen by wb-ssl-check probe)", to go inside a sentence;
/// [`what_starting`] starts one.
pub(crate) fn what(s: &Served, o: &Observation) -> String {
    let who = match s.endpoint.channel {
        crate::report::Channel::A => "Workbench's address for browsers",
        crate::report::Channel::B => "the Launcher's address",
        _ => "the session callback address",
    };
    format!("{who} `{}` (seen by {})", o.dialled(), o.source())
}

/// [`what`] at the start of a sentence.
pub(crate) fn what_starting(s: &Served, o: &Observation) -> String {
    crate::base::upper_first(&what(s, o))
}
