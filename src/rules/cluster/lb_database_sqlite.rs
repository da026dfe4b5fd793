use crate::facts::Facts;
use crate::model::load_balancing::DatabaseConf;
use crate::report::Location;
use crate::rules::{declare_rule, Applicability, ModelRule, Sink, Subject, Violation};

declare_rule! {
    /// ## What it checks
    /// In a load-balanced cluster, each node's `database.conf` (or the file `database-config-file`
    /// names) sets `provider=postgresql`. Fires when it says `provider=sqlite`, when it sets no provider
    /// (SQLite is the default), or when the node's folder was read whole (the CLI given the folder) and
    /// holds no `database.conf`. When no node's `database.conf` is among the inputs, the report lists the
    /// check as not done: the file often lives elsewhere (a Kubernetes secret, an image).
    ///
    /// ## Why it breaks Workbench
    /// The nodes of a cluster share one internal database: sessions, users and the cluster's own list of
    /// nodes live there. SQLite is a file on one machine; each node then keeps its own, the nodes never
    /// see each other, and users land on nodes that do not know their sessions. Posit's guide requires
    /// PostgreSQL for load balancing.
    ///
    /// ## How to fix
    /// On every node, set in `/etc/rstudio/database.conf`:
    /// `provider=postgresql`, with `host`, `port`, `database` and `username` (or `connection-uri`) of one
    /// PostgreSQL server all nodes reach, and its password encrypted with
    /// `rstudio-server encrypt-password`. Keep the file mode 0600, owned by root.
    ///
    /// ## References
    /// - Posit Workbench Admin Guide: Load Balancing, "Configuration" (requirements: PostgreSQL).
    /// - Posit Workbench Admin Guide: Database, "PostgreSQL".
    pub struct LbDatabaseSqlite {
        name: "lb-database-sqlite",
        severity: Error,
        channel: D,
        summary: "a cluster node uses SQLite: load-balanced nodes need one shared PostgreSQL database",
    }
}

impl ModelRule for LbDatabaseSqlite {
    fn applies(&self, facts: &Facts) -> Applicability {
        let Some(lb) = &facts.model.load_balancing else {
            return Applicability::Skip;
        };
        let decided = lb.nodes.iter().any(|n| {
            n.database.is_some()
                || facts
                    .options
                    .whole_folders
                    .contains(&facts.deployments[n.deployment].folder)
        });
        if decided {
            Applicability::Applies
        } else {
            crate::rules::missing(
                "database.conf",
                "whether the cluster's nodes share a PostgreSQL database (SQLite cannot serve a cluster)",
            )
        }
    }

    fn check(&self, facts: &Facts, out: &mut Sink) {
        for (node, d) in facts.nodes() {
            match &node.database {
                Some(db) => {
                    let sqlite = db
                        .provider
                        .as_ref()
                        .is_none_or(|(p, _)| p.eq_ignore_ascii_case("sqlite"));
                    if sqlite {
                        let at = match db.provider {
                            Some((_, line)) => Location::line(&db.file, line, 1),
                            None => Location::file(&db.file),
                        };
                        out.report(
                            Subject::At(at),
                            Sqlite {
                                node: &node.called(),
                                db: Some(db),
                            },
                        );
                    }
                }
                // Missing on the server: the folder was read whole, nothing there has the name (an
                // unreadable database.conf is another finding), and no other path is configured.
                None if facts.options.whole_folders.contains(&d.deployment.folder)
                    && !facts.inputs.iter().any(|i| {
                        crate::model::folder_of(&i.name) == d.deployment.folder
                            && crate::input::base_name(&i.name) == "database.conf"
                    })
                    && d.rserver()
                        .is_some_and(|r| !r.is_set("database-config-file")) =>
                {
                    if let Some(r) = d.rserver_file() {
                        out.report(
                            Subject::At(Location::file(&r.name)),
                            Sqlite {
                                node: &node.called(),
                                db: None,
                            },
                        );
                    }
                }
                None => {}
            }
        }
    }
}

/// A node whose database is SQLite: by its `database.conf`, or by having none.
struct Sqlite<'a> {
    node: &'a str,
    db: Option<&'a DatabaseConf>,
}

impl Violation for Sqlite<'_> {
    type Level = Level;
    fn level(&self) -> Level {
        Level::Error
    }
    fn message(&self) -> String {
        let why = match self.db {
            Some(DatabaseConf {
                provider: Some((p, _)),
                ..
            }) => format!("`provider={p}`"),
            Some(_) => "no `provider` line, so SQLite, the default".into(),
            None => "no database.conf in its folder, so SQLite, the default".into(),
        };
        format!(
            "SQLite on {} ({why}): the nodes of a load-balanced cluster must share one PostgreSQL database, or they never see each other's sessions.",
            self.node
        )
    }
    fn help(&self) -> String {
        "Set `provider=postgresql` in database.conf on every node, with the same PostgreSQL server (`host`, `port`, `database`, `username`, an encrypted `password`).".into()
    }
}
