use crate::facts::Facts;
use crate::input::base_name;
use crate::pki::key::{Encryption, KeyBlock};
use crate::pki::BlockKind;
use crate::rules::{declare_rule, Applicability, ModelRule, Sink, Subject, Violation};

declare_rule! {
    /// ## What it checks
    /// A private key protected by a passphrase: `ENCRYPTED PRIVATE KEY` (PKCS#8) or a legacy OpenSSL key
    /// with a `Proc-Type: 4,ENCRYPTED` header. The key is never decrypted.
    ///
    /// ## Why it breaks Workbench
    /// Workbench's web server and the Launcher start as services and cannot ask for a passphrase: they
    /// fail to load the key ("bad password read" / "PEM_read_bio_PrivateKey() failed") and do not start.
    ///
    /// ## How to fix
    /// Write an unencrypted copy (you will be asked for the passphrase once), protect it by file
    /// permissions instead, and point the setting at it:
    /// `openssl pkey -in enc.key -out plain.key && chmod 600 plain.key`.
    ///
    /// ## References
    /// - Posit Workbench Admin Guide: "Secure Sockets (SSL)" (key file permissions).
    pub struct KeyEncrypted {
        name: "key-encrypted",
        severity: Error,
        channel: None | A | B | C,
        summary: "A private key is passphrase-protected; Workbench cannot prompt for it",
    }
}

impl ModelRule for KeyEncrypted {
    fn applies(&self, model: &Facts) -> Applicability {
        crate::rules::certificates::any_pki(model)
    }

    fn check(&self, model: &Facts, out: &mut Sink) {
        for file in &model.pki {
            for (i, block) in file.blocks.iter().enumerate() {
                if let BlockKind::Key(KeyBlock::Encrypted(kind)) = &block.kind {
                    out.report(
                        Subject::File(file, file.location(i)),
                        Encrypted {
                            file: &file.name,
                            place: file.place(i),
                            kind,
                        },
                    );
                }
            }
        }
    }
}

/// A passphrase-protected key block.
struct Encrypted<'a> {
    file: &'a str,
    /// Its place in the file, in words ("the private key", "the 2nd private key").
    place: String,
    kind: &'a Encryption,
}

impl Violation for Encrypted<'_> {
    type Level = Level;
    fn level(&self) -> Level {
        Level::Error
    }
    fn message(&self) -> String {
        let how = match self.kind {
            Encryption::Pkcs8 => "an encrypted PKCS#8 key (ENCRYPTED PRIVATE KEY)",
            Encryption::LegacyPem => "a legacy passphrase-protected key (Proc-Type: 4,ENCRYPTED)",
        };
        format!(
            "{} in `{}` is {how}: Workbench cannot ask for the passphrase.",
            crate::base::upper_first(&self.place),
            self.file
        )
    }
    fn help(&self) -> String {
        let name = base_name(self.file);
        format!("Write an unencrypted copy and use it: `openssl pkey -in {name} -out {name}.plain && chmod 600 {name}.plain`.")
    }
}
