use crate::facts::Facts;
use crate::input::base_name;
use crate::pki::{BlockKind, Format};
use crate::report::Location;
use crate::rules::{declare_rule, Applicability, ModelRule, Sink, Subject, Violation};

declare_rule! {
    /// ## What it checks
    /// A certificate or key input that is binary DER, a PKCS#12 (`.p12`/`.pfx`) archive, or a PKCS#7
    /// (`.p7b`) bundle, instead of plain PEM. DER certificates are still decoded and checked by the other
    /// rules.
    ///
    /// ## Why it breaks Workbench
    /// Workbench's `ssl-certificate`/`ssl-certificate-key` and the Launcher's `certificate-file`/
    /// `certificate-key-file` must be PEM files (text starting with `-----BEGIN`). A DER or PKCS#12 file
    /// fails to load and the service does not start.
    ///
    /// ## How to fix
    /// Convert it:
    /// - DER certificate: `openssl x509 -inform DER -in server.der -out server.crt`
    /// - DER key: `openssl pkey -inform DER -in server.key.der -out server.key`
    /// - PKCS#12: `openssl pkcs12 -in server.p12 -clcerts -nokeys -out server.crt`, then
    ///   `openssl pkcs12 -in server.p12 -nocerts -nodes -out server.key` (add the chain with
    ///   `openssl pkcs12 -in server.p12 -cacerts -nokeys >> server.crt`).
    /// - PKCS#7: `openssl pkcs7 -print_certs -in chain.p7b -out chain.pem`.
    ///
    /// ## References
    /// - Posit Workbench Admin Guide: "Secure Sockets (SSL)" (PEM format).
    pub struct NotPem {
        name: "not-pem",
        severity: Error,
        channel: None | A | B | C,
        summary: "A certificate or key file is DER or PKCS#12, not PEM",
    }
}

/// A PEM file that holds only PKCS#7 / CMS blocks (a `.p7b` chain as Windows exports it).
fn is_pkcs7(file: &crate::pki::PkiFile) -> bool {
    !file.blocks.is_empty()
        && file
            .blocks
            .iter()
            .all(|b| matches!(b.label.as_str(), "PKCS7" | "CMS"))
}

impl ModelRule for NotPem {
    fn applies(&self, model: &Facts) -> Applicability {
        if model
            .pki
            .iter()
            .any(|f| f.format != Format::Pem || is_pkcs7(f))
        {
            Applicability::Applies
        } else {
            Applicability::Skip
        }
    }

    fn check(&self, model: &Facts, out: &mut Sink) {
        for file in model.pki.iter().filter(|f| is_pkcs7(f)) {
            out.report(
                Subject::File(file, Location::file(&file.name)),
                NotPemFile {
                    file: &file.name,
                    kind: Kind::Pkcs7,
                },
            );
        }
        for file in model.pki.iter().filter(|f| f.format != Format::Pem) {
            let kind = match (file.format, file.blocks.first().map(|b| &b.kind)) {
                (Format::Pkcs12, _) => Kind::Pkcs12,
                (_, Some(BlockKind::Key(_))) => Kind::DerKey,
                _ => Kind::DerCertificate,
            };
            out.report(
                Subject::File(file, Location::file(&file.name)),
                NotPemFile {
                    file: &file.name,
                    kind,
                },
            );
        }
    }
}

/// A certificate or key file that is not PEM text.
struct NotPemFile<'a> {
    file: &'a str,
    kind: Kind,
}

/// What the file is instead.
enum Kind {
    /// A PKCS#7 bundle of certificates (PEM, but not plain certificates).
    Pkcs7,
    Pkcs12,
    DerKey,
    DerCertificate,
}

impl Violation for NotPemFile<'_> {
    type Level = Level;
    fn level(&self) -> Level {
        Level::Error
    }
    fn message(&self) -> String {
        let binary = |what: &str| {
            format!(
                "`{}` is {what}; Workbench and the Launcher need PEM text.",
                self.file
            )
        };
        match self.kind {
            Kind::Pkcs7 => format!("`{}` is a PKCS#7 bundle (`BEGIN PKCS7`); Workbench and the Launcher need the certificates as plain PEM.", self.file),
            Kind::Pkcs12 => binary("a PKCS#12 archive (certificate and key bundled, usually with a password)"),
            Kind::DerKey => binary("a binary DER private key"),
            Kind::DerCertificate => binary("a binary DER certificate"),
        }
    }
    fn help(&self) -> String {
        let name = base_name(self.file);
        let stem = name.rsplit_once('.').map(|(s, _)| s).unwrap_or(name);
        match self.kind {
            Kind::Pkcs7 => format!("Extract them: `openssl pkcs7 -print_certs -in {name} -out chain.pem`, then put the server certificate first."),
            Kind::Pkcs12 => format!("Extract PEM files: `openssl pkcs12 -in {name} -clcerts -nokeys -out {stem}.crt` and `openssl pkcs12 -in {name} -nocerts -nodes -out {stem}.key`."),
            Kind::DerKey => format!("Convert it: `openssl pkey -inform DER -in {name} -out {stem}.key`."),
            Kind::DerCertificate => format!("Convert it: `openssl x509 -inform DER -in {name} -out {stem}.crt`."),
        }
    }
}
