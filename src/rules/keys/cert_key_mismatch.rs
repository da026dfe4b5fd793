use crate::facts::Facts;
use crate::pki::key::PublicKeyId;
use crate::pki::{PkiFile, Role};
use crate::report::{Channel, Location};
use crate::rules::{declare_rule, Applicability, ModelRule, Sink, Subject, Violation};

declare_rule! {
    /// ## What it checks
    /// That the private key is the pair of the server certificate's public key, for RSA, EC P-256/P-384
    /// (and any curve whose public point the key file carries) and Ed25519. Pairs checked:
    /// `ssl-certificate` with `ssl-certificate-key`, `certificate-file` with `certificate-key-file`, a key
    /// inside the certificate file, and, when no setting names them, the one certificate file and the one
    /// key file given. Keys are compared by their public halves; the private key is never shown.
    ///
    /// ## Why it breaks Workbench
    /// The web server or the Launcher refuses to start ("key values mismatch",
    /// "X509_check_private_key:key values mismatch"). It happens after a renewal when the new
    /// certificate was issued for a new CSR but the old key was kept, or the reverse.
    ///
    /// ## How to fix
    /// Find the key that was used for the CSR of this certificate. Compare without showing the key:
    /// `openssl x509 -in server.crt -noout -pubkey | openssl sha256` and
    /// `openssl pkey -in server.key -pubout | openssl sha256` must print the same digest.
    ///
    /// ## References
    /// - Posit Workbench Admin Guide: "Secure Sockets (SSL)".
    pub struct CertKeyMismatch {
        name: "cert-key-mismatch",
        severity: Error,
        channel: None | A | B | C,
        summary: "The private key is not the pair of the certificate's public key",
    }
}

/// (certificate file, key file, key block) pairs to compare.
fn pairs<'a>(model: &'a Facts<'a>) -> Vec<(&'a PkiFile, &'a PkiFile, usize)> {
    let mut out = Vec::new();
    for (cert_role, key_role) in [
        (Role::RserverCertificate, Role::RserverKey),
        (Role::LauncherCertificate, Role::LauncherKey),
    ] {
        for cert in model.pki_with_role(cert_role) {
            let same_config = |k: &&PkiFile| match (&cert.named_by, &k.named_by) {
                (Some(a), Some(b)) => a.file == b.file,
                _ => true,
            };
            for key in model.pki_with_role(key_role).filter(same_config) {
                out.extend(key.private_keys().take(1).map(|(i, _)| (cert, key, i)));
            }
        }
    }
    for file in model.pki.iter().filter(|f| f.leaf().is_some()) {
        out.extend(file.private_keys().take(1).map(|(i, _)| (file, file, i)));
    }
    let lone_certs: Vec<&PkiFile> = model.pki_with_role(Role::Certificate).collect();
    let lone_keys: Vec<&PkiFile> = model.pki_with_role(Role::PrivateKey).collect();
    if let ([cert], [key]) = (lone_certs.as_slice(), lone_keys.as_slice()) {
        out.extend(key.private_keys().take(1).map(|(i, _)| (*cert, *key, i)));
    }
    out
}

impl ModelRule for CertKeyMismatch {
    fn applies(&self, model: &Facts) -> Applicability {
        if pairs(model).is_empty() {
            Applicability::Skip
        } else {
            Applicability::Applies
        }
    }

    fn check(&self, model: &Facts, out: &mut Sink) {
        for (cert_file, key_file, block) in pairs(model) {
            let Some(cert) = cert_file.leaf() else {
                continue;
            };
            let Some((_, private)) = key_file.private_keys().find(|(i, _)| *i == block) else {
                continue;
            };
            if cert.public_key.same_key(private) != Some(false) {
                continue;
            }
            // On the certificate's channel, else on the key's.
            let on = if cert_file.role.channel() != Channel::None {
                cert_file
            } else {
                key_file
            };
            out.report(
                Subject::File(on, key_file.location(block)),
                NotThePair {
                    key_file: &key_file.name,
                    key: private,
                    cert: cert.short_name(),
                    cert_key: &cert.public_key,
                    cert_file: &cert_file.name,
                    cert_at: cert_file.location(cert_file.chain.path[0]),
                },
            );
        }
    }
}

/// A private key that is not the pair of the certificate it goes with.
struct NotThePair<'a> {
    key_file: &'a str,
    key: &'a PublicKeyId,
    /// The certificate's short name (its CN).
    cert: String,
    cert_key: &'a PublicKeyId,
    cert_file: &'a str,
    /// The certificate in its file.
    cert_at: Location,
}

impl Violation for NotThePair<'_> {
    type Level = Level;
    fn level(&self) -> Level {
        Level::Error
    }
    fn message(&self) -> String {
        let detail = match (self.cert_key, self.key) {
            (a, b)
                if std::mem::discriminant(a) != std::mem::discriminant(b)
                    || matches!((a, b), (PublicKeyId::Ec { curve: x, .. }, PublicKeyId::Ec { curve: y, .. }) if x != y) =>
            {
                format!(
                    " (the certificate has an {} key, the key file an {} key)",
                    a.describe(),
                    b.describe()
                )
            }
            _ => String::new(),
        };
        format!(
            "The private key in `{}` is not the pair of the certificate `{}` in `{}`{detail}.",
            self.key_file, self.cert, self.cert_file
        )
    }
    fn help(&self) -> String {
        let (cert, key) = (
            crate::input::base_name(self.cert_file),
            crate::input::base_name(self.key_file),
        );
        format!("Replace `{key}` with the private key that was generated with the request for `{cert}` (or issue a new certificate for this key), then restart the service. To check a pair, both commands must print the same digest: `openssl x509 -in {cert} -noout -pubkey | openssl sha256` and `openssl pkey -in {key} -pubout | openssl sha256`.")
    }
    fn related(&self) -> Vec<Location> {
        vec![self.cert_at.clone()]
    }
}
