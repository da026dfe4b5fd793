use crate::facts::Facts;
use crate::pki::key::KeyBlock;
use crate::pki::{BlockKind, PkiFile, Role};
use crate::report::Location;
use crate::rules::{declare_rule, Applicability, ModelRule, Sink, Subject, Violation};

declare_rule! {
    /// ## What it checks
    /// A file named by a certificate setting (`ssl-certificate`, `certificate-file`) that holds no
    /// certificate (only a key, a CSR, a public key), or a file named by a key setting
    /// (`ssl-certificate-key`, `certificate-key-file`) or `launcher.pem` that holds no private key.
    ///
    /// ## Why it breaks Workbench
    /// The usual mix-ups: the certificate and key paths swapped, the CSR installed instead of the signed
    /// certificate, or a public key where the private key belongs. The web server or the Launcher cannot
    /// load the file and does not start.
    ///
    /// ## How to fix
    /// Point each setting at the right file: a certificate starts with `-----BEGIN CERTIFICATE-----`, a
    /// private key with `-----BEGIN PRIVATE KEY-----` (or `RSA PRIVATE KEY`/`EC PRIVATE KEY`). If you
    /// only have a CSR, your CA still has to sign it.
    ///
    /// ## References
    /// - Posit Workbench Admin Guide: "Secure Sockets (SSL)"; launcher.conf reference.
    pub struct WrongPemType {
        name: "wrong-pem-type",
        severity: Error,
        channel: None | A | B | C,
        summary: "A certificate setting names a file without a certificate, or a key setting one without a key",
    }
}

fn contents(file: &PkiFile) -> String {
    let mut kinds: Vec<&str> = file
        .blocks
        .iter()
        .map(|b| match &b.kind {
            BlockKind::Certificate(_) | BlockKind::BrokenCertificate(_) => "a certificate",
            BlockKind::Key(KeyBlock::Public(_)) => "a public key",
            BlockKind::Key(_) => "a private key",
            BlockKind::Csr => "a certificate signing request (CSR)",
            BlockKind::Other => "another kind of PEM block",
            BlockKind::TooDeep => "a block too deeply nested to read",
        })
        .collect();
    kinds.dedup();
    if kinds.is_empty() {
        "no PEM block at all".into()
    } else {
        format!("only {}", kinds.join(" and "))
    }
}

impl ModelRule for WrongPemType {
    fn applies(&self, model: &Facts) -> Applicability {
        if model.pki.iter().any(|f| {
            f.named_by.is_some() || matches!(f.role, Role::LauncherPem | Role::LauncherPub)
        }) {
            Applicability::Applies
        } else {
            Applicability::Skip
        }
    }

    fn check(&self, model: &Facts, out: &mut Sink) {
        for file in &model.pki {
            if file.format == crate::pki::Format::Pkcs12 {
                continue; // not-pem says what it is
            }
            let has = |pred: &dyn Fn(&BlockKind) -> bool| file.blocks.iter().any(|b| pred(&b.kind));
            let wanted = match file.role {
                Role::RserverCertificate | Role::LauncherCertificate
                    if !has(&|k| {
                        matches!(
                            k,
                            BlockKind::Certificate(_) | BlockKind::BrokenCertificate(_)
                        )
                    }) =>
                {
                    "a certificate"
                }
                Role::RserverKey | Role::LauncherKey | Role::LauncherPem
                    if !has(&|k| {
                        matches!(
                            k,
                            BlockKind::Key(
                                KeyBlock::Private(_)
                                    | KeyBlock::Encrypted(_)
                                    | KeyBlock::Unparsable(_)
                            )
                        )
                    }) =>
                {
                    "a private key"
                }
                Role::LauncherPub
                    if !has(&|k| matches!(k, BlockKind::Key(KeyBlock::Public(_)))) =>
                {
                    "a public key"
                }
                _ => continue,
            };
            out.report(
                Subject::File(file, Location::file(&file.name)),
                WrongType {
                    file: &file.name,
                    role: file.role.describe(),
                    holds: contents(file),
                    wanted,
                    named_by: file.named_by.as_ref(),
                },
            );
        }
    }
}

/// A file named for a certificate or key that holds something else.
struct WrongType<'a> {
    file: &'a str,
    /// The file's role, in words.
    role: &'static str,
    /// What the file holds, in words.
    holds: String,
    /// What the role needs, in words.
    wanted: &'static str,
    /// The setting that names the file, when one does.
    named_by: Option<&'a Location>,
}

impl Violation for WrongType<'_> {
    type Level = Level;
    fn level(&self) -> Level {
        Level::Error
    }
    fn message(&self) -> String {
        format!(
            "`{}` is used as {} but holds {}, not {}.",
            self.file, self.role, self.holds, self.wanted
        )
    }
    fn help(&self) -> String {
        format!("Point the setting at the file that holds {} (check that certificate and key paths are not swapped).", self.wanted)
    }
    fn related(&self) -> Vec<Location> {
        self.named_by.into_iter().cloned().collect()
    }
}
