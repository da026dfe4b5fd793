use crate::facts::Facts;
use crate::input::kubernetes::operator::AUTH_TYPES;
use crate::rules::kubernetes::{kube, location};
use crate::rules::{declare_rule, Applicability, ModelRule, Sink, Subject, Violation};

declare_rule! {
    /// ## What it checks
    /// The sign-in type of a team-operator `Site` (`spec.workbench.auth.type`) or `Workbench`
    /// (`spec.auth.type`): one of the operator's types, `password`, `oidc` or `saml`.
    ///
    /// ## Why it breaks Workbench
    /// The resource's schema does not list the allowed values, so Kubernetes accepts any word, and
    /// the operator treats every word but `oidc` and `saml` as `password`: Workbench then signs
    /// users in with system passwords (PAM). A Site written with `type: none` to mean "no
    /// sign-in", or with a typo such as `oidc ` or `OpenID`, gets password sign-in instead, with
    /// no error anywhere, and single sign-on is silently off.
    ///
    /// ## How to fix
    /// Write one of the operator's types:
    ///
    /// ```yaml
    /// spec:
    ///   workbench:
    ///     auth:
    ///       type: oidc          # or password, saml
    ///       clientId: workbench
    ///       issuer: https://idp.example.com
    /// ```
    ///
    /// ## References
    /// - posit-dev/team-operator, `api/core/v1beta1/shared.go` (`AuthType`: `password`, `oidc`,
    ///   `saml`) and `internal/controller/core/workbench.go` (only `oidc` and `saml` change
    ///   Workbench's sign-in).
    /// - team-operator docs, guides/authentication-setup.md.
    pub struct OperatorAuthTypeUnknown {
        name: "operator-auth-type-unknown",
        severity: Warning,
        channel: A,
        summary: "a sign-in type team-operator does not know, taken as password sign-in",
    }
}

impl ModelRule for OperatorAuthTypeUnknown {
    fn applies(&self, facts: &Facts) -> Applicability {
        match kube(facts) {
            Some(k) if k.operator.is_some() => Applicability::Applies,
            _ => Applicability::Skip,
        }
    }

    fn check(&self, facts: &Facts, out: &mut Sink) {
        let Some(k) = kube(facts) else { return };
        let Some(node) = k.operator.as_ref().and_then(|op| op.auth_type.as_ref()) else {
            return;
        };
        let written = node.go_string();
        if AUTH_TYPES.contains(&written.as_str()) {
            return;
        }
        out.report(
            Subject::At(location(k, &node.origin)),
            Unknown {
                suggestion: AUTH_TYPES
                    .iter()
                    .find(|t| written.trim().eq_ignore_ascii_case(t))
                    .copied(),
                written,
                decided_by: node.origin.words(),
            },
        );
    }
}

struct Unknown {
    written: String,
    suggestion: Option<&'static str>,
    decided_by: String,
}

impl Violation for Unknown {
    type Level = Level;
    fn level(&self) -> Level {
        Level::Warning
    }
    fn message(&self) -> String {
        format!(
            "`auth.type: {:?}` is not a sign-in type team-operator knows (`password`, `oidc`, `saml`): Kubernetes accepts it, and the operator gives Workbench password sign-in (PAM), as for `password`. (Decided by {}.)",
            self.written, self.decided_by
        )
    }
    fn help(&self) -> String {
        match self.suggestion {
            Some(t) => format!("Write `type: {t}`."),
            None => "Write `type: password`, `oidc` or `saml` (for `oidc`, with `clientId` and `issuer`).".into(),
        }
    }
}
