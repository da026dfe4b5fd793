use crate::facts::Facts;
use crate::input::kubernetes::tree::Origin;
use crate::input::kubernetes::Kubernetes;
use crate::rules::kubernetes::{kube, location};
use crate::rules::{declare_rule, Applicability, ModelRule, Sink, Subject, Violation};

declare_rule! {
    /// ## What it checks
    /// On Kubernetes with several Workbench pods, no `load-balancer` file is given with the config
    /// files: none in `config.server` of the values, none in a rendered ConfigMap.
    ///
    /// ## Why it breaks Workbench
    /// With several pods, the chart writes a `load-balancer` file in each pod when it starts
    /// (`/mnt/load-balancer/rstudio/load-balancer`) naming that pod's own address
    /// (`www-host-name=$(hostname -i)`), which the other pods dial. A file of the same name in
    /// `/mnt/configmap` comes first in `XDG_CONFIG_DIRS`, so it hides that file in every pod: either
    /// every pod advertises the same `www-host-name`, or, without one, its pod name, which the other
    /// pods cannot resolve (`asio.netdb` errors in rserver's log, rstudio/helm#217). Sessions then land
    /// on the wrong pod, or the pods' node list breaks.
    ///
    /// ## How to fix
    /// Remove `load-balancer` from `config.server` in your values file: the chart writes the right one
    /// in each pod. (`loadBalancer.forceEnabled: true` makes it write one for a single pod too.)
    ///
    /// ## References
    /// - rstudio/helm, charts/rstudio-workbench/files/prestart-workbench.bash (the per-pod
    ///   `load-balancer` file) and values.yaml (`xdgConfigDirs`); rstudio/helm#217.
    /// - Posit Workbench Admin Guide: Load Balancing, "Configuration" (`www-host-name`).
    pub struct HelmLbFileShadowed {
        name: "helm-lb-file-shadowed",
        severity: Error,
        channel: D,
        summary: "a load-balancer file in the config hides the one the chart writes in each pod",
    }
}

/// Where a `load-balancer` file is given with the config files, if one is.
fn given_file(k: &Kubernetes) -> Option<Origin> {
    match &k.values {
        Some(v) => v
            .at(&["config", "server", "load-balancer"])
            .filter(|n| !matches!(n.origin, Origin::ChartDefault(_)))
            .map(|n| n.origin.clone()),
        None => k
            .objects
            .files
            .iter()
            .find(|f| f.kind == "ConfigMap" && f.key == "load-balancer")
            .map(|f| f.origin.clone()),
    }
}

fn several_pods(k: &Kubernetes) -> bool {
    k.load_balanced() || k.objects.workloads.iter().any(|w| w.load_balancing_env)
}

impl ModelRule for HelmLbFileShadowed {
    fn applies(&self, facts: &Facts) -> Applicability {
        match kube(facts) {
            Some(k) if several_pods(k) => Applicability::Applies,
            _ => Applicability::Skip,
        }
    }

    fn check(&self, facts: &Facts, out: &mut Sink) {
        let Some(k) = kube(facts) else { return };
        let Some(origin) = given_file(k) else { return };
        out.report(
            Subject::At(location(k, &origin)),
            Shadowed {
                decided_by: origin.words(),
                pods: k.replicas().map(|(n, _)| n).filter(|n| *n > 1),
            },
        );
    }
}

struct Shadowed {
    decided_by: String,
    pods: Option<u32>,
}

impl Violation for Shadowed {
    type Level = Level;
    fn level(&self) -> Level {
        Level::Error
    }
    fn message(&self) -> String {
        let pods = self
            .pods
            .map(|n| format!("all {n} pods"))
            .unwrap_or_else(|| "every pod".into());
        format!(
            "A `load-balancer` file is given with the config (in `/mnt/configmap`, first in XDG_CONFIG_DIRS): it hides the one the chart writes in each pod with that pod's own address, so {pods} advertise the same `www-host-name`, or their pod names, which the other pods cannot resolve. (Decided by {}.)",
            self.decided_by
        )
    }
    fn help(&self) -> String {
        "Remove `load-balancer` from `config.server` in your values file (`--set config.server.load-balancer=null`): the chart writes the right one in each pod.".into()
    }
}
