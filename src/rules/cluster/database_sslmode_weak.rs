use crate::base::Location;
use crate::facts::Facts;
use crate::rules::{declare_rule, Applicability, ModelRule, Sink, Subject, Violation};

declare_rule! {
    /// ## What it checks
    /// How rserver's connection to PostgreSQL is protected, from `database.conf` with
    /// `provider=postgresql` (a file given, or `config.secret."database.conf"` in Helm values, or a
    /// rendered Secret): the `sslmode` of `connection-uri`. Without a `connection-uri` (the
    /// `host`/`port`/`database` form), or without `sslmode` in it, PostgreSQL's client library
    /// uses its default, `prefer`. A database on the same machine (`localhost`, a socket path) is
    /// left alone.
    ///
    /// ## Why it breaks Workbench
    /// Workbench keeps users, sessions and the list of a cluster's nodes in this database, and
    /// logs in with its password. With `sslmode=disable` nothing is encrypted; with `allow` the
    /// client first tries without TLS, so the connection is usually in clear. With `prefer` it is
    /// encrypted only when the server offers TLS, and the server's certificate is never checked,
    /// so anything on the path can pose as the database. On Kubernetes the database is usually
    /// outside the pod (a managed RDS or Cloud SQL, another namespace).
    ///
    /// ## How to fix
    /// Put the mode in the URI, `verify-full` to check the server's certificate and name
    /// (`require` at least encrypts):
    ///
    /// ```ini
    /// provider=postgresql
    /// connection-uri=postgresql://workbench@db.example.com:5432/workbench?sslmode=verify-full
    /// ```
    ///
    /// With a private CA, add `&sslrootcert=/etc/rstudio/db-ca.crt`. In Helm values the same keys
    /// go under `config.secret."database.conf"`.
    ///
    /// ## References
    /// - Posit Workbench Admin Guide: Database, PostgreSQL ("connection-uri", SSL through the URI).
    /// - PostgreSQL documentation, libpq, "SSL Support", table "SSL Mode Descriptions" (`prefer` is
    ///   the default; `allow` and `prefer` do not protect against eavesdropping or impersonation).
    pub struct DatabaseSslmodeWeak {
        name: "database-sslmode-weak",
        severity: Warning | Info,
        severity_when: "info for `prefer`, written or by default: encrypted when the server offers it, never verified",
        channel: None,
        summary: "the connection to PostgreSQL may be in clear or unverified (sslmode disable, allow or prefer)",
    }
}

/// One `database.conf` to judge: where it is, and its settings as (value, where).
struct Database {
    file: String,
    provider: Option<(String, Location)>,
    uri: Option<(String, Location)>,
    host: Option<(String, Location)>,
    whole: Location,
    /// For Helm values: what decided it ("values.yaml line 5"), as Kubernetes findings say.
    decided_by: Option<String>,
    /// Written by team-operator, which no input can change.
    by_operator: bool,
}

fn databases(facts: &Facts) -> Vec<Database> {
    let mut out: Vec<Database> = facts
        .model
        .databases
        .iter()
        .map(|d| {
            let at = |v: &Option<(String, u32)>| {
                v.as_ref()
                    .map(|(s, line)| (s.clone(), Location::line(&d.file, *line, 1)))
            };
            Database {
                file: d.file.clone(),
                provider: at(&d.provider),
                uri: at(&d.connection_uri),
                host: at(&d.host),
                whole: Location::file(&d.file),
                decided_by: None,
                by_operator: false,
            }
        })
        .collect();
    if let Some(k) = crate::rules::kubernetes::kube(facts) {
        if let Some(node) = &k.database {
            let at = |key: &str| {
                node.get(key).map(|n| {
                    (
                        n.go_string(),
                        crate::rules::kubernetes::location(k, &n.origin),
                    )
                })
            };
            out.push(Database {
                file: "database.conf".into(),
                provider: at("provider"),
                uri: at("connection-uri"),
                host: at("host"),
                whole: crate::rules::kubernetes::location(k, &node.origin),
                decided_by: Some(
                    node.get("connection-uri")
                        .or(node.get("provider"))
                        .unwrap_or(node)
                        .origin
                        .words(),
                ),
                by_operator: k.operator.is_some(),
            });
        }
    }
    out
}

/// The host a database setting names, when it is on this machine (no network between).
fn local(host: &str) -> bool {
    host.starts_with('/') || crate::net::is_loopback(host)
}

/// The host of a `postgresql://user@host:port/db` URI (`None` for a socket or no host).
fn uri_host(uri: &str) -> Option<&str> {
    let rest = uri.split_once("://")?.1;
    let authority = rest.split(['/', '?']).next()?;
    let host_port = authority.rsplit('@').next()?;
    let (host, _) = crate::net::split_host_port(host_port);
    (!host.is_empty()).then_some(host)
}

/// The `sslmode` a URI (or a `key=value` connection string) sets.
fn sslmode(uri: &str) -> Option<&str> {
    let at = uri.find("sslmode=")? + "sslmode=".len();
    let mode = &uri[at..];
    Some(&mode[..mode.find(['&', ' ', '"', '\'']).unwrap_or(mode.len())])
}

impl ModelRule for DatabaseSslmodeWeak {
    fn applies(&self, facts: &Facts) -> Applicability {
        if databases(facts).is_empty() {
            Applicability::Skip
        } else {
            Applicability::Applies
        }
    }

    fn check(&self, facts: &Facts, out: &mut Sink) {
        for db in databases(facts) {
            let postgres = db
                .provider
                .as_ref()
                .is_some_and(|(p, _)| p.eq_ignore_ascii_case("postgresql"));
            if !postgres {
                continue;
            }
            let host = db
                .uri
                .as_ref()
                .and_then(|(u, _)| uri_host(u))
                .or(db.host.as_ref().map(|(h, _)| h.as_str()));
            if host.is_some_and(local) {
                continue;
            }
            let written = db
                .uri
                .as_ref()
                .and_then(|(u, at)| sslmode(u).map(|m| (m, at)));
            let (mode, at, by_default) = match written {
                Some((m, at)) => (m.to_ascii_lowercase(), at.clone(), false),
                None => (
                    "prefer".to_string(),
                    db.uri
                        .as_ref()
                        .or(db.provider.as_ref())
                        .map(|(_, at)| at.clone())
                        .unwrap_or(db.whole.clone()),
                    true,
                ),
            };
            if matches!(mode.as_str(), "disable" | "allow" | "prefer") {
                out.report(
                    Subject::At(at),
                    Weak {
                        decided_by: db.decided_by.as_deref(),
                        file: &db.file,
                        host: host.unwrap_or("the database server"),
                        mode,
                        by_default,
                        by_operator: db.by_operator,
                    },
                );
            }
        }
    }
}

struct Weak<'a> {
    decided_by: Option<&'a str>,
    file: &'a str,
    host: &'a str,
    mode: String,
    by_default: bool,
    by_operator: bool,
}

impl Violation for Weak<'_> {
    type Level = Level;
    fn level(&self) -> Level {
        if self.mode == "prefer" {
            Level::Info
        } else {
            Level::Warning
        }
    }
    fn message(&self) -> String {
        let base = crate::input::base_name(self.file);
        let how = match self.mode.as_str() {
            "disable" => "never uses TLS: the password and all data cross the network in clear",
            "allow" => "tries without TLS first, so the connection is usually in clear",
            _ => "encrypts only when the server offers TLS, and never checks the server's certificate, so anything on the path can pose as the database",
        };
        let said = if self.by_default {
            format!("{base} sets no `sslmode` in a `connection-uri`, so PostgreSQL's default, `prefer`,")
        } else {
            format!("`sslmode={}` in {base}", self.mode)
        };
        let decided = self
            .decided_by
            .map(|d| format!(" (Decided by {d}.)"))
            .unwrap_or_default();
        format!(
            "Workbench's connection to PostgreSQL at {}: {said} {how}.{decided}",
            self.host
        )
    }
    fn help(&self) -> String {
        // Only the module with the Kubernetes reader ever sets it: said so, to keep the text out of
        // the page's first module.
        if cfg!(feature = "kubernetes") && self.by_operator {
            return "team-operator writes database.conf itself, without the `sslmode` of the Site's `main-database-url`, and no Site field changes that. Make the server refuse connections without TLS (`hostssl` lines in `pg_hba.conf`; `rds.force_ssl=1` on Amazon RDS; `require_secure_transport=on` on Azure's flexible server), so that `prefer` always encrypts; the server's certificate is still not checked.".into();
        }
        if self.decided_by.is_some() {
            return format!("In your values, write the connection as a URI with `sslmode=verify-full` (or `require` at least): `config.secret.\"database.conf\".connection-uri: postgresql://<user>@{}:5432/<database>?sslmode=verify-full`, with `&sslrootcert=<CA file>` for a private CA.", self.host);
        }
        format!("Write the connection as a URI with `sslmode=verify-full` (or `require` at least): `connection-uri=postgresql://<user>@{}:5432/<database>?sslmode=verify-full`, with `&sslrootcert=<CA file>` for a private CA.", self.host)
    }
}
