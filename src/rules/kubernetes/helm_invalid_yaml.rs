use crate::facts::Facts;
use crate::report::Location;
use crate::rules::kubernetes::kube;
use crate::rules::{declare_rule, Applicability, ModelRule, Sink, Subject, Violation};

declare_rule! {
    /// ## What it checks
    /// A `.yaml` input (a values file, a manifest) parses as YAML.
    ///
    /// ## Why it breaks Workbench
    /// `helm install` and `kubectl apply` refuse a file that does not parse, so none of it reaches the
    /// cluster; a copy of an example with a broken indentation is the usual cause.
    ///
    /// ## How to fix
    /// Correct the file at the line the finding names (indentation with spaces, a `key: value` per
    /// line, quotes closed), then check it with `helm template . -f <file>` or `yq . <file>`.
    ///
    /// ## References
    /// - YAML 1.2 specification; Helm documentation, "Values Files".
    pub struct HelmInvalidYaml {
        name: "helm-invalid-yaml",
        severity: Error,
        channel: None,
        summary: "a YAML input does not parse, so Helm or kubectl refuses it",
    }
}

impl ModelRule for HelmInvalidYaml {
    fn applies(&self, facts: &Facts) -> Applicability {
        match kube(facts) {
            Some(k) if !k.invalid.is_empty() => Applicability::Applies,
            _ => Applicability::Skip,
        }
    }

    fn check(&self, facts: &Facts, out: &mut Sink) {
        let Some(k) = kube(facts) else { return };
        for (name, line, message) in &k.invalid {
            out.report(
                Subject::At(Location::line(name, *line, 1)),
                Invalid {
                    line: *line,
                    message,
                },
            );
        }
    }
}

struct Invalid<'a> {
    line: u32,
    message: &'a str,
}

impl Violation for Invalid<'_> {
    type Level = Level;
    fn level(&self) -> Level {
        Level::Error
    }
    fn message(&self) -> String {
        format!(
            "Not valid YAML at line {}: {}. Helm and kubectl refuse the whole file, so nothing in it reaches the cluster.",
            self.line, self.message
        )
    }
    fn help(&self) -> String {
        "Correct the file at that line (indent with spaces, one `key: value` per line, close quotes and brackets), then check it with `helm template <chart> -f <file>`.".into()
    }
}
