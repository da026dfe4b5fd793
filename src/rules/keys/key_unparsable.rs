use crate::facts::Facts;
use crate::pki::key::KeyBlock;
use crate::pki::BlockKind;
use crate::rules::{declare_rule, Applicability, ModelRule, Sink, Subject, Violation};

declare_rule! {
    /// ## What it checks
    /// A key block that cannot be decoded: damaged or truncated base64, content that is not the key its
    /// label says, or a key format Workbench cannot use (OpenSSH, DSA, an unknown label). The key's
    /// content is never shown.
    ///
    /// ## Why it breaks Workbench
    /// The web server or the Launcher cannot load the key and does not start ("PEM_read_bio_PrivateKey()
    /// failed").
    ///
    /// ## How to fix
    /// Copy the key again from where it was generated. Check it without printing it with
    /// `openssl pkey -in server.key -noout && echo ok`. Convert other formats to PEM, e.g. OpenSSH:
    /// `ssh-keygen -p -m PEM -f key`.
    ///
    /// ## References
    /// - RFC 5958 (PKCS#8), RFC 8017 (PKCS#1), RFC 5915 (SEC1 EC keys).
    pub struct KeyUnparsable {
        name: "key-unparsable",
        severity: Error,
        channel: None | A | B | C,
        summary: "A key block cannot be decoded or is in a format Workbench cannot use",
    }
}

impl ModelRule for KeyUnparsable {
    fn applies(&self, model: &Facts) -> Applicability {
        crate::rules::certificates::any_pki(model)
    }

    fn check(&self, model: &Facts, out: &mut Sink) {
        for file in &model.pki {
            for (i, block) in file.blocks.iter().enumerate() {
                if let BlockKind::Key(KeyBlock::Unparsable(why)) = &block.kind {
                    out.report(
                        Subject::File(file, file.location(i)),
                        Unusable {
                            file: &file.name,
                            place: file.place(i),
                            label: &block.label,
                            why,
                        },
                    );
                }
            }
        }
    }
}

/// A key block that cannot be parsed.
struct Unusable<'a> {
    file: &'a str,
    /// Its place in the file, in words ("the private key", "the 2nd private key").
    place: String,
    /// Its PEM label.
    label: &'a str,
    why: &'a str,
}

impl Violation for Unusable<'_> {
    type Level = Level;
    fn level(&self) -> Level {
        Level::Error
    }
    fn message(&self) -> String {
        format!(
            "{} in `{}` (`{}`) cannot be used: {}.",
            crate::base::upper_first(&self.place),
            self.file,
            self.label,
            self.why
        )
    }
    fn help(&self) -> String {
        "Copy the key again from where it was generated; check it with `openssl pkey -in <file> -noout`.".into()
    }
}
