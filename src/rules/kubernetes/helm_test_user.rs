use crate::facts::Facts;
use crate::input::kubernetes::tree::{Node, Origin, Value};
use crate::rules::kubernetes::{kube, location};
use crate::rules::{declare_rule, Applicability, ModelRule, Sink, Subject, Violation};

declare_rule! {
    /// ## What it checks
    /// The chart's test user: `userCreate: true` makes the chart create a local Linux user in the
    /// pod (`userName`, `rstudio` by default) whose password is `userPassword`: the chart's own
    /// default `rstudio`, or a password written in the values. A password kept in a Secret
    /// (`userPassword.existingSecret`, chart 0.10.0 and later) is not flagged.
    ///
    /// ## Why it breaks Workbench
    /// Workbench signs users in with the pod's accounts (PAM) unless another authentication is set:
    /// anyone who reaches the sign-in page and knows the chart's default, or has read the values
    /// file (git, CI logs), signs in as that user, runs code in the cluster and reads its home. The
    /// chart documents this user for testing only.
    ///
    /// ## How to fix
    /// Turn it off once real users sign in (`userCreate: false`), or keep its password in a Secret:
    ///
    /// ```yaml
    /// userCreate: true
    /// userPassword:
    ///   existingSecret: workbench-test-user   # a Secret with the key `password`
    /// ```
    ///
    /// ## References
    /// - rstudio/helm, charts/rstudio-workbench/values.yaml: `userCreate` ("Whether to create the
    ///   test user"), `userName`, `userPassword`.
    pub struct HelmTestUser {
        name: "helm-test-user",
        severity: Warning,
        channel: A,
        summary: "the chart's test user is created with the default password or one written in the values",
    }
}

impl ModelRule for HelmTestUser {
    fn applies(&self, facts: &Facts) -> Applicability {
        match kube(facts) {
            Some(k) if k.values.is_some() => Applicability::Applies,
            _ => Applicability::Skip,
        }
    }

    fn check(&self, facts: &Facts, out: &mut Sink) {
        let Some(k) = kube(facts) else { return };
        let Some(values) = &k.values else { return };
        let Some(create) = values.get("userCreate").filter(|n| n.truthy()) else {
            return;
        };
        let user = values
            .get("userName")
            .map(Node::go_string)
            .filter(|u| !u.is_empty())
            .unwrap_or_else(|| "rstudio".into());
        let password = values.get("userPassword");
        // From 0.10.0 a map: a Secret named there holds the password, and wins over `value`.
        let (node, secret) = match password.map(|p| &p.value) {
            Some(Value::Map(_)) => {
                let p = password.expect("a map");
                let secret = p
                    .get("existingSecret")
                    .is_some_and(|s| !s.go_string().is_empty());
                (p.get("value"), secret)
            }
            _ => (password, false),
        };
        if secret {
            return;
        }
        let Some(node) = node.filter(|n| !n.go_string().is_empty()) else {
            return;
        };
        let by_chart = matches!(node.origin, Origin::ChartDefault(_));
        let known = by_chart || node.go_string() == "rstudio";
        let at = if by_chart {
            &create.origin
        } else {
            &node.origin
        };
        out.report(
            Subject::At(location(k, at)),
            TestUser {
                user,
                known,
                decided_by: at.words(),
            },
        );
    }
}

struct TestUser {
    user: String,
    /// The password is the chart's documented default, `rstudio`.
    known: bool,
    decided_by: String,
}

impl Violation for TestUser {
    type Level = Level;
    fn level(&self) -> Level {
        Level::Warning
    }
    fn message(&self) -> String {
        let how = if self.known {
            "the chart's default password, `rstudio`, which anyone who has read the chart knows"
                .to_string()
        } else {
            "a password written in the values (not shown here), which anyone who reads them has"
                .to_string()
        };
        format!(
            "`userCreate: true` makes the chart create the user `{}` in the pod with {how}: whoever reaches the sign-in page can sign in as that user and run code in the cluster. (Decided by {}.)",
            self.user, self.decided_by
        )
    }
    fn help(&self) -> String {
        "Set `userCreate: false` once real users sign in (`--set userCreate=false`), or keep the test user's password in a Secret: `userPassword: {existingSecret: workbench-test-user}` (chart 0.10.0 and later).".into()
    }
}
