use crate::facts::Facts;
use crate::input::kubernetes::tree::{Node, Origin};
use crate::rules::kubernetes::{kube, location};
use crate::rules::{declare_rule, Applicability, ModelRule, Sink, Subject, Violation};

declare_rule! {
    /// ## What it checks
    /// On Kubernetes with more than one Workbench pod, `database.conf` says `provider=postgresql`:
    /// from the values (`config.secret."database.conf"`) or a rendered Secret. When the values keep
    /// database.conf in a Secret of your own (`config.database.conf.existingSecret`,
    /// `config.existingSecrets`), it cannot be read and the report lists the check as not done.
    ///
    /// ## Why it breaks Workbench
    /// The pods of a load-balanced Workbench share one internal database: sessions, users and the list
    /// of nodes live there. Without `provider=postgresql`, each pod keeps its own SQLite file and the
    /// pods never see each other.
    ///
    /// ## How to fix
    /// ```yaml
    /// config:
    ///   secret:
    ///     database.conf:
    ///       provider: postgresql
    ///       connection-uri: postgres://workbench@db.example.com:5432/workbench?sslmode=verify-full
    /// ```
    ///
    /// with the password given at install time (`--set config.secret.database\.conf.password=...`), not
    /// in a file kept in git.
    ///
    /// ## References
    /// - rstudio/helm, charts/rstudio-workbench/README.md, "Database".
    /// - Posit Workbench Admin Guide: Load Balancing, "Configuration" (requirements: PostgreSQL).
    pub struct HelmLbWithoutPostgres {
        name: "helm-lb-without-postgres",
        severity: Error,
        channel: D,
        summary: "several Workbench pods without a PostgreSQL database",
    }
}

/// database.conf kept in a Secret the values only name.
fn in_own_secret(values: &Node) -> bool {
    values
        .at(&["config", "database", "conf", "existingSecret"])
        .is_some_and(Node::truthy)
        || values
            .at(&["config", "existingSecrets"])
            .is_some_and(Node::truthy)
}

impl ModelRule for HelmLbWithoutPostgres {
    fn applies(&self, facts: &Facts) -> Applicability {
        let Some(k) = kube(facts).filter(|k| k.load_balanced()) else {
            return Applicability::Skip;
        };
        match &k.values {
            Some(v) if k.database.is_none() && in_own_secret(v) => crate::rules::missing(
                "database.conf",
                "whether the Workbench pods share a PostgreSQL database (the values keep database.conf in a Secret of your own)",
            ),
            Some(_) => Applicability::Applies,
            None if k.database.is_some() => Applicability::Applies,
            None => crate::rules::missing(
                "database.conf",
                "whether the Workbench pods share a PostgreSQL database",
            ),
        }
    }

    fn check(&self, facts: &Facts, out: &mut Sink) {
        let Some(k) = kube(facts) else { return };
        let provider = k.database.as_ref().and_then(|db| match db.str() {
            // A verbatim file: its `provider=` line.
            Some(text) => text.lines().find_map(|l| {
                let (key, value) = l.split_once('=')?;
                (key.trim() == "provider").then(|| (value.trim().to_string(), db.origin.clone()))
            }),
            None => db
                .get("provider")
                .map(|p| (p.go_string(), p.origin.clone())),
        });
        if provider.as_ref().is_some_and(|(p, _)| {
            p.eq_ignore_ascii_case("postgresql") || p.eq_ignore_ascii_case("postgres")
        }) {
            return;
        }
        let origin = provider
            .as_ref()
            .map(|(_, o)| o.clone())
            .or_else(|| k.replicas().map(|(_, o)| o))
            .unwrap_or(Origin::Injected("the values"));
        out.report(
            Subject::At(location(k, &origin)),
            NoPostgres {
                provider: provider.map(|(p, _)| p),
                origin,
            },
        );
    }
}

struct NoPostgres {
    provider: Option<String>,
    origin: Origin,
}

impl Violation for NoPostgres {
    type Level = Level;
    fn level(&self) -> Level {
        Level::Error
    }
    fn message(&self) -> String {
        let what = match &self.provider {
            Some(p) => format!("database.conf says `provider={p}`"),
            None => "no database.conf sets a provider, so each pod uses SQLite, the default".into(),
        };
        format!(
            "Several Workbench pods, but {what}: the pods of a load-balanced Workbench must share one PostgreSQL database, or they never see each other's sessions. (Decided by {}.)",
            self.origin.words()
        )
    }
    fn help(&self) -> String {
        "In your values file, `config: {secret: {database.conf: {provider: postgresql, connection-uri: \"postgres://workbench@db.example.com:5432/workbench?sslmode=verify-full\"}}}`, and the password at install time: `--set config.secret.database\\.conf.password=...`.".into()
    }
}
