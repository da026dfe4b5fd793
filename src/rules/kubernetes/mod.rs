//! Section 9 of the rule catalog: Kubernetes installs (Helm values, rendered objects, team-operator
//! resources). The config
//! files the pod reads are checked by the other rules, as files made from these inputs; these rules
//! read what only Kubernetes has: the routes and Services users come through, the replicas and what
//! they share, and the values themselves.

pub mod helm_ingress_no_tls;
pub mod helm_invalid_yaml;
pub mod helm_lb_file_shadowed;
pub mod helm_lb_oidc_without_affinity;
pub mod helm_lb_without_postgres;
pub mod helm_lb_without_shared_storage;
pub mod helm_old_schema_key;
pub mod helm_probe_http_while_ssl;
pub mod helm_secret_in_values;
pub mod helm_secure_sticky_cookie_over_http;
pub mod helm_service_exposes_http;
pub mod helm_test_user;
pub mod helm_unknown_values_key;
pub mod helm_xdg_dirs_hide_config;
pub mod operator_auth_type_unknown;
pub mod operator_lb_pod_names;

use crate::facts::Facts;
use crate::input::kubernetes::tree::Origin;
use crate::input::kubernetes::Kubernetes;
use crate::report::Location;

/// The Kubernetes deployment, when the inputs describe one.
#[inline(always)]
pub(crate) fn kube<'a>(facts: &'a Facts) -> Option<&'a Kubernetes> {
    // Never without the reader (`model::read_kubernetes`): said so to the compiler, so that these
    // rules' bodies stay out of the page's first module.
    if !cfg!(feature = "kubernetes") {
        return None;
    }
    facts.model.kubernetes.as_ref()
}

/// Where a finding decided by `origin` points: the line of the input it came from, else the first
/// Kubernetes input as a whole.
pub(crate) fn location(kube: &Kubernetes, origin: &Origin) -> Location {
    match origin {
        Origin::File { name, line } => Location::line(name, *line, 1),
        _ => Location::file(kube.from.first().map(String::as_str).unwrap_or("values")),
    }
}

/// Whether rserver itself serves TLS in the pod (`ssl-enabled=1` in the rserver.conf made from the
/// inputs).
pub(crate) fn tls_in_pod(facts: &Facts, kube: &Kubernetes) -> bool {
    pod_flag(facts, kube, "ssl-enabled")
}

/// Whether a flag is on in the rserver.conf made from the Kubernetes inputs.
pub(crate) fn pod_flag(facts: &Facts, kube: &Kubernetes, key: &'static str) -> bool {
    facts.deployments().any(|d| {
        d.rserver_file().is_some_and(|f| kube.made(&f.name))
            && d.rserver().is_some_and(|r| r.flag(key))
    })
}
