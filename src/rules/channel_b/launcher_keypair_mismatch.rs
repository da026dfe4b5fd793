use crate::facts::Facts;
use crate::pki::Role;
use crate::report::Location;
use crate::rules::{declare_rule, Applicability, ModelRule, Sink, Subject, Violation};

declare_rule! {
    /// ## What it checks
    /// When both `launcher.pem` and `launcher.pub` are given: that the public key in `launcher.pub` is
    /// the public half of the private key in `launcher.pem` (compared by value; the key is never shown).
    ///
    /// ## Why it breaks Workbench
    /// Workbench signs Launcher session requests with `launcher.pem`, and the session side checks them
    /// with `launcher.pub`. A mismatched pair (one file regenerated, or copied from another node) makes
    /// users unable to reach their sessions, typically only from some load-balanced nodes.
    ///
    /// ## How to fix
    /// Regenerate the public half from the private key and copy both to every node:
    /// `openssl rsa -in /etc/rstudio/launcher.pem -pubout > /etc/rstudio/launcher.pub`.
    ///
    /// ## References
    /// - Posit Workbench Admin Guide: Job Launcher "Configuration" (launcher.pem / launcher.pub);
    ///   Load Balancing.
    pub struct LauncherKeypairMismatch {
        name: "launcher-keypair-mismatch",
        severity: Error,
        channel: B,
        summary: "launcher.pub is not the public half of launcher.pem",
    }
}

impl ModelRule for LauncherKeypairMismatch {
    fn applies(&self, model: &Facts) -> Applicability {
        match (
            model.pki_with_role(Role::LauncherPem).next(),
            model.pki_with_role(Role::LauncherPub).next(),
        ) {
            (Some(_), Some(_)) => Applicability::Applies,
            (Some(_), None) => crate::rules::missing(
                "launcher.pub",
                "whether launcher.pem and launcher.pub are one key pair",
            ),
            (None, Some(_)) => crate::rules::missing(
                "launcher.pem",
                "whether launcher.pem and launcher.pub are one key pair",
            ),
            (None, None) => Applicability::Skip,
        }
    }

    fn check(&self, model: &Facts, out: &mut Sink) {
        let (Some(pem), Some(public)) = (
            model.pki_with_role(Role::LauncherPem).next(),
            model.pki_with_role(Role::LauncherPub).next(),
        ) else {
            return;
        };
        let (Some((i, private)), Some((j, pubkey))) =
            (pem.private_keys().next(), public.public_keys().next())
        else {
            return;
        };
        if private.same_key(pubkey) == Some(false) {
            out.report(
                Subject::File(pem, pem.location(i)),
                NotOnePair {
                    pem: &pem.name,
                    public: &public.name,
                    public_at: public.location(j),
                },
            );
        }
    }
}

/// A `launcher.pub` whose key is not the public half of `launcher.pem`'s.
struct NotOnePair<'a> {
    pem: &'a str,
    public: &'a str,
    /// The public key in `launcher.pub`.
    public_at: Location,
}

impl Violation for NotOnePair<'_> {
    type Level = Level;
    fn level(&self) -> Level {
        Level::Error
    }
    fn message(&self) -> String {
        format!(
            "`{}` is not the public half of `{}`: they are not one key pair.",
            self.public, self.pem
        )
    }
    fn help(&self) -> String {
        "Regenerate it: `openssl rsa -in /etc/rstudio/launcher.pem -pubout > /etc/rstudio/launcher.pub`, and copy both files to every node.".into()
    }
    fn related(&self) -> Vec<Location> {
        vec![self.public_at.clone()]
    }
}
