use crate::facts::Facts;
use crate::input::kubernetes::operator::OperatorWorkbench;
use crate::input::kubernetes::Kubernetes;
use crate::rules::kubernetes::{kube, location};
use crate::rules::{declare_rule, Applicability, ModelRule, Sink, Subject, Violation};

declare_rule! {
    /// ## What it checks
    /// A team-operator `Site` (or `Workbench`) that runs several Workbench pods (`replicas` above
    /// 1), when nothing given shows that the pods find the `load-balancer` file the operator
    /// writes for each of them: a rendered Workbench Deployment whose `XDG_CONFIG_DIRS` holds the
    /// folder `/mnt/load-balancer`.
    ///
    /// ## Why it breaks Workbench
    /// The operator always turns load balancing on. Each pod must then tell the others its own
    /// address in a `load-balancer` file (`www-host-name=<pod IP>`). team-operator releases before
    /// PR #56 (1.4.0, 2026-01-28) wrote no such file; the ones after it wrote it, but put
    /// `/mnt/load-balancer/rstudio` in `XDG_CONFIG_DIRS`, where rserver looks for
    /// `/mnt/load-balancer/rstudio/rstudio/load-balancer`, until PR #144 (merged 2026-06-26). Without
    /// the file, each pod registers with its pod name, which cluster DNS does not resolve, so
    /// requests between pods fail (`asio.netdb error 1 (Host not found (authoritative))`) and
    /// sessions started on another pod give white screens. A `Site` does not say which operator
    /// runs it, so the finding asks you to check.
    ///
    /// ## How to fix
    /// Run a team-operator release that includes PR #144. Check it in a running pod:
    ///
    /// ```sh
    /// kubectl -n <namespace> exec deploy/<site>-workbench -c workbench -- printenv XDG_CONFIG_DIRS
    /// ```
    ///
    /// must list `/mnt/load-balancer`, and rserver's log must not say "No load balancing
    /// configuration 'load-balancer' found in XDG_CONFIG_DIRS". Until then, `replicas: 1` keeps
    /// Workbench whole. Giving the rendered Deployment (`kubectl get deploy <site>-workbench -o
    /// yaml`) with the Site settles this finding.
    ///
    /// ## References
    /// - posit-dev/team-operator PR #56 ("add init container for load balancer config"), PR #129 and
    ///   PR #144 ("correct load-balancer XDG_CONFIG_DIRS path so Workbench finds config").
    /// - rstudio/helm CHANGELOG 0.5.18: the chart's fix of the same problem (`www-host-name=$(hostname -i)`).
    /// - Posit Workbench Admin Guide: Load Balancing, "Configuration" (`www-host-name`).
    pub struct OperatorLbPodNames {
        name: "operator-lb-pod-names",
        severity: Warning,
        channel: D,
        summary: "several pods from team-operator may register with pod names the other pods cannot resolve",
    }
}

fn several_pods(k: &Kubernetes) -> Option<(&OperatorWorkbench, u32)> {
    let op = k.operator.as_ref()?;
    let n = op.replicas.as_ref().map_or(1.0, |(n, _)| *n) as u32;
    (n > 1).then_some((op, n))
}

/// Whether a rendered Deployment shows `XDG_CONFIG_DIRS` with the load-balancer folder itself.
fn file_found(k: &Kubernetes) -> bool {
    k.objects.workloads.iter().any(|w| {
        w.xdg_config_dirs.as_ref().is_some_and(|(dirs, _)| {
            dirs.split(':')
                .any(|d| d.trim_end_matches('/') == "/mnt/load-balancer")
        })
    })
}

impl ModelRule for OperatorLbPodNames {
    fn applies(&self, facts: &Facts) -> Applicability {
        match kube(facts) {
            Some(k) if several_pods(k).is_some() => Applicability::Applies,
            _ => Applicability::Skip,
        }
    }

    fn check(&self, facts: &Facts, out: &mut Sink) {
        let Some(k) = kube(facts) else { return };
        let Some((op, pods)) = several_pods(k) else {
            return;
        };
        if file_found(k) {
            return;
        }
        let origin = op.replicas.as_ref().map_or(&op.origin, |(_, o)| o);
        out.report(
            Subject::At(location(k, origin)),
            PodNames {
                pods,
                kind: op.kind,
                component: format!("{}-workbench", op.name),
                decided_by: origin.words(),
            },
        );
    }
}

struct PodNames {
    pods: u32,
    kind: &'static str,
    component: String,
    decided_by: String,
}

impl Violation for PodNames {
    type Level = Level;
    fn level(&self) -> Level {
        Level::Warning
    }
    fn message(&self) -> String {
        format!(
            "{} Workbench pods from a team-operator {}: operator releases before PR #144 (merged 2026-06-26) give the pods no `load-balancer` file they read, so each registers with its pod name, which the other pods cannot resolve (`asio.netdb error 1 (Host not found (authoritative))`, white screens on sessions of another pod). The {} does not say which operator release runs it. (Decided by {}.)",
            self.pods, self.kind, self.kind, self.decided_by
        )
    }
    fn help(&self) -> String {
        format!(
            "Run a team-operator release with PR #144, and check that `kubectl exec deploy/{} -c workbench -- printenv XDG_CONFIG_DIRS` lists `/mnt/load-balancer`; until then set `replicas: 1`.",
            self.component
        )
    }
}
