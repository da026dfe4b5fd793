use crate::base::Channel;
use crate::facts::DeploymentFacts;
use crate::pki::trust::Outcome;
use crate::pki::{IssuerKind, Role};
use crate::rules::{declare_rule, Applicability, DeploymentRule, Sink, Subject, Violation};

declare_rule! {
    /// ## What it checks
    /// With `ssl-enabled=1`: whether browsers trust the CA at the top of Workbench's certificate chain.
    /// It finds a chain that is fine in itself but ends at a private CA: one that is not among the
    /// public roots browsers ship with (Mozilla's root program), and that was not given as a CA the
    /// users' machines trust. Where the public roots are not loaded (the documentation widget, the
    /// offline file), it still finds a certificate issued straight from a root, since public CAs never
    /// issue server certificates from their roots; otherwise it says it could not check.
    ///
    /// ## Why it breaks Workbench
    /// Browsers accept a certificate only when its chain ends at a root in their trust store. An
    /// organisation's own CA is not there until someone installs it, so every user sees "Your
    /// connection is not private" (`NET::ERR_CERT_AUTHORITY_INVALID`, `SEC_ERROR_UNKNOWN_ISSUER`)
    /// however correct rserver.conf is. Appending certificates to `ssl-certificate` cannot fix this:
    /// the root itself must be trusted by each machine. Sessions calling back to Workbench have the
    /// same need (`callback-trust-needed`).
    ///
    /// ## How to fix
    /// Install the CA's certificate in the trust store of the users' machines, usually by the team
    /// that manages them:
    /// - Windows: Group Policy, or `certutil -addstore -f Root ca.crt`;
    /// - macOS: a configuration profile, or `sudo security add-trusted-cert -d -r trustRoot -k
    ///   /Library/Keychains/System.keychain ca.crt`;
    /// - Linux: `update-ca-certificates` or `update-ca-trust`;
    /// - Firefox keeps its own store: set `security.enterprise_roots.enabled` (or its policy
    ///   `Certificates.ImportEnterpriseRoots`) so it uses the system's.
    ///
    /// Or serve a certificate from a public CA. Then give the CA's certificate here with the role
    /// *Trusted CA* to check the chain up to it.
    ///
    /// ## References
    /// - Posit Workbench Admin Guide: "Secure Sockets (SSL)".
    /// - Mozilla: "Set up certificate authorities (CAs) in Firefox".
    pub struct BrowserTrustNeeded {
        name: "browser-trust-needed",
        severity: Warning,
        channel: A,
        summary: "Workbench's certificate comes from a private CA that users' browsers must be told to trust",
    }
}

/// Whether the CA at the top of the chain is one the organisation runs itself, and how that is known.
enum Private {
    /// Not among the public roots, which were loaded.
    NotPublic,
    /// Issued straight from a root (given, or named so), which public CAs never do.
    IssuedByRoot,
}

/// What is known of the CA above the top of `file`'s chain; `None` when the file ends at a root (or
/// holds no chain).
fn issuer_above<'a>(
    file: &'a crate::pki::PkiFile,
    pki: &'a [crate::pki::PkiFile],
) -> Option<IssuerKind<'a>> {
    let top = file.chain.path.last().and_then(|&i| file.cert(i))?;
    (!top.self_signed()).then(|| crate::pki::issuer_kind(top, pki))
}

/// Whether `file`'s chain ends at a root (given, or named so), so its CA is private even without the
/// public roots to compare with. `above`: [`issuer_above`].
fn issued_by_root(file: &crate::pki::PkiFile, above: Option<IssuerKind>) -> bool {
    match above {
        // The file carries its root: a leaf right under it when the path is two long.
        None => file.chain.path.len() == 2,
        Some(kind) => {
            file.chain.path.len() == 1
                && matches!(kind, IssuerKind::GivenRoot | IssuerKind::NamedRoot)
        }
    }
}

impl DeploymentRule for BrowserTrustNeeded {
    fn applies(&self, d: &DeploymentFacts) -> Applicability {
        let Some(r) = d.rserver() else {
            return Applicability::Skip;
        };
        let Some(file) = d.model.file_for(d.deployment, Role::RserverCertificate) else {
            return Applicability::Skip;
        };
        if !r.flag("ssl-enabled") || file.leaf().is_none_or(|l| l.self_signed()) {
            return Applicability::Skip;
        }
        if d.model.options.public_roots.is_empty()
            && !issued_by_root(file, issuer_above(file, &d.model.pki))
        {
            return Applicability::NotChecked {
                missing: "Mozilla's root program",
                what: "whether browsers trust the CA of Workbench's certificate (the full page and the command line load the public roots; this one did not)".into(),
            };
        }
        Applicability::Applies
    }

    fn check(&self, d: &DeploymentFacts, out: &mut Sink) {
        let Some(file) = d.model.file_for(d.deployment, Role::RserverCertificate) else {
            return;
        };
        let Some(index) = d.model.pki_index(file) else {
            return;
        };
        // A chain the browser refuses for another reason has its own finding; a verified one (up to a
        // public root, or a CA the user says the machines trust) needs nothing.
        if !matches!(
            d.facts.verdict(Channel::A, index).map(|v| &v.outcome),
            Some(Outcome::TrustUnknown)
        ) {
            return;
        }
        let above = issuer_above(file, &d.model.pki);
        let how = if issued_by_root(file, above) {
            Private::IssuedByRoot
        } else if !d.model.options.public_roots.is_empty() {
            Private::NotPublic
        } else {
            return;
        };
        let Some(&top_block) = file.chain.path.last() else {
            return;
        };
        let Some(ca) = d.ca_to_remind(file) else {
            return;
        };
        let host = d.facts.public_host_name().map(|(h, _)| h);
        // Neither given nor named: it may be the root, or an intermediate the file lacks.
        let maybe_intermediate = matches!(above, Some(IssuerKind::Unknown));
        out.report(
            Subject::At(file.location(top_block)),
            TrustNeeded {
                anchor: ca.anchor,
                ca_file: ca.ca_file,
                how,
                host,
                maybe_intermediate,
            },
        );
    }
}

/// The private CA that the users' machines must trust.
struct TrustNeeded<'a> {
    /// The CA, in words.
    anchor: String,
    /// The file that holds the CA, when it was given.
    ca_file: Option<&'a str>,
    how: Private,
    /// The host name users type, when known.
    host: Option<String>,
    /// Whether the CA above the file is unknown: the organisation's root, or an intermediate missing.
    maybe_intermediate: bool,
}

impl Violation for TrustNeeded<'_> {
    type Level = Level;
    fn level(&self) -> Level {
        Level::Warning
    }
    fn message(&self) -> String {
        let why = match self.how {
            Private::NotPublic => "it is not one of the public roots browsers ship with",
            Private::IssuedByRoot => {
                "the certificate is issued straight from that root, which public CAs never do, so it is a private CA"
            }
        };
        let unknown = if self.maybe_intermediate {
            " Nothing given shows whether that CA is your root or an intermediate below it: if it is an intermediate, the file must also carry it, and the root above it is the one to trust."
        } else {
            ""
        };
        format!(
            "Browsers accept Workbench's certificate only on machines that trust {}: {why}. Elsewhere browsers warn that the connection is not private (NET::ERR_CERT_AUTHORITY_INVALID).{unknown}",
            self.anchor
        )
    }
    fn help(&self) -> String {
        let ca = self.ca_file.unwrap_or("ca.crt");
        let saved = if self.ca_file.is_some() {
            String::new()
        } else {
            " (its certificate from your CA, saved as `ca.crt`)".to_string()
        };
        let check = match &self.host {
            Some(h) => format!(" Then open https://{h} on a user's machine: no warning."),
            None => " Then open Workbench's address on a user's machine: no warning.".to_string(),
        };
        format!(
            "On the users' machines (not the server), install {}{saved} as a trusted root: Windows `certutil -addstore -f Root {ca}` or Group Policy; macOS `sudo security add-trusted-cert -d -r trustRoot -k /Library/Keychains/System.keychain {ca}`; Firefox also needs `security.enterprise_roots.enabled`. Or serve a certificate from a public CA.{check}",
            self.anchor
        )
    }
}
