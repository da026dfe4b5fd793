//! Section 8 of the rule catalog: load-balanced clusters (several nodes of one Workbench), and the
//! database they share (which a single server may use too).

pub mod database_sslmode_weak;
pub mod lb_config_differs;
pub mod lb_database_sqlite;
pub mod lb_node_cert_name;
pub mod lb_secure_cookie_key_differs;
pub mod lb_verify_disabled;

use crate::facts::Facts;
use crate::rules::Applicability;

/// Applicability of a rule that compares the nodes: a cluster with two nodes known applies; a cluster
/// with one node known leaves a "not checked" note naming another node's files.
pub(crate) fn needs_two_nodes(facts: &Facts, what: &str) -> Applicability {
    match facts.model.load_balancing.as_ref().map(|lb| lb.nodes.len()) {
        None => Applicability::Skip,
        Some(1) => crate::rules::missing("another node's folder", what),
        Some(_) => Applicability::Applies,
    }
}

/// Whether a value is a template's placeholder (`$HOST`, `{{ ip }}`, `$(hostname -i)`): what it will
/// be on the node is not known, so it is compared with nothing.
pub(crate) fn is_template(value: &str) -> bool {
    value.contains('$') || value.contains("{{") || value.contains("%{")
}
