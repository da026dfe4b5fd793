use crate::facts::Facts;
use crate::input::kubernetes::tree::{Node, Origin};
use crate::input::kubernetes::Kubernetes;
use crate::rules::kubernetes::{kube, location};
use crate::rules::{declare_rule, Applicability, ModelRule, Sink, Subject, Violation};

declare_rule! {
    /// ## What it checks
    /// On Kubernetes with more than one Workbench pod (`replicas` over 1, or
    /// `loadBalancer.forceEnabled`), Workbench's shared storage is mounted: the chart's
    /// `sharedStorage.create` or `sharedStorage.mount`, or a volume of your own mounted at
    /// `/var/lib/rstudio-server` (`pod.volumeMounts`, or a rendered Deployment's mounts).
    ///
    /// ## Why it breaks Workbench
    /// The pods of a load-balanced Workbench keep their shared state (session metadata, project
    /// sharing, the cluster's files) in `server-shared-storage-path`, by default under
    /// `/var/lib/rstudio-server`. Without one volume they all mount (ReadWriteMany), each pod keeps its
    /// own: users land on a pod that does not know their sessions, and shared projects break. The
    /// chart's README says it: "If using load balancing (by setting `replicas > 1`), you need similar
    /// storage defined for `sharedStorage`".
    ///
    /// ## How to fix
    /// ```yaml
    /// sharedStorage:
    ///   create: true
    ///   mount: true
    ///   storageClassName: <a ReadWriteMany class, e.g. NFS or EFS>
    /// ```
    ///
    /// ## References
    /// - rstudio/helm, charts/rstudio-workbench/README.md, "Storage" and "Load balancing".
    /// - Posit Workbench Admin Guide: Load Balancing, "Configuration" (shared storage).
    pub struct HelmLbWithoutSharedStorage {
        name: "helm-lb-without-shared-storage",
        severity: Error,
        channel: D,
        summary: "several Workbench pods without shared storage",
    }
}

/// Whether anything mounts a volume at Workbench's shared storage path.
fn shared_storage(k: &Kubernetes) -> bool {
    let values_mount = k.values.as_ref().is_some_and(|v| {
        ["create", "mount"]
            .iter()
            .any(|key| v.at(&["sharedStorage", key]).is_some_and(Node::truthy))
            || v.at(&["pod", "volumeMounts"])
                .map(Node::seq)
                .unwrap_or(&[])
                .iter()
                .any(|m| {
                    m.get("mountPath")
                        .and_then(Node::str)
                        .is_some_and(|p| p.trim_end_matches('/') == "/var/lib/rstudio-server")
                })
    });
    values_mount || k.objects.workloads.iter().any(|w| w.shared_storage_mount)
}

impl ModelRule for HelmLbWithoutSharedStorage {
    fn applies(&self, facts: &Facts) -> Applicability {
        match kube(facts) {
            Some(k)
                if k.load_balanced() && (k.values.is_some() || !k.objects.workloads.is_empty()) =>
            {
                Applicability::Applies
            }
            _ => Applicability::Skip,
        }
    }

    fn check(&self, facts: &Facts, out: &mut Sink) {
        let Some(k) = kube(facts) else { return };
        if shared_storage(k) {
            return;
        }
        let (replicas, origin) = k
            .replicas()
            .unwrap_or((1, Origin::Injected("loadBalancer.forceEnabled")));
        out.report(
            Subject::At(location(k, &origin)),
            NoSharedStorage { replicas, origin },
        );
    }
}

struct NoSharedStorage {
    replicas: u32,
    origin: Origin,
}

impl Violation for NoSharedStorage {
    type Level = Level;
    fn level(&self) -> Level {
        Level::Error
    }
    fn message(&self) -> String {
        format!(
            "{} Workbench pods share no storage (no `sharedStorage.create` or `sharedStorage.mount`, and nothing mounted at /var/lib/rstudio-server): each pod keeps its own sessions and shared files, so users land on pods that do not know theirs. (Decided by {}.)",
            self.replicas.max(2),
            self.origin.words()
        )
    }
    fn help(&self) -> String {
        "In your values file, `sharedStorage: {create: true, mount: true, storageClassName: <a ReadWriteMany class, such as NFS or EFS>}`; or mount your own ReadWriteMany volume at /var/lib/rstudio-server with `pod.volumes` and `pod.volumeMounts`.".into()
    }
}
