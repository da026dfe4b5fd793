use crate::facts::Facts;
use crate::rules::certificates::any_certificate;
use crate::rules::{declare_rule, Applicability, ModelRule, Sink, Subject, Violation};

declare_rule! {
    /// ## What it checks
    /// The order of the certificates in a server certificate file: the server certificate first, then
    /// the CA that issued it, then that CA's issuer, and so on (the root last, if present at all). The
    /// message gives the right order by block number.
    ///
    /// ## Why it breaks Workbench
    /// The web server sends the certificates in file order. With the server certificate not first, it
    /// fails to start ("key values mismatch", because the key belongs to the first certificate) or
    /// clients see the wrong certificate: an error. With only the intermediates out of order, browsers,
    /// OpenSSL 1.1+ and rustls reorder them and connect, but older TLS clients (Java 8, some embedded
    /// libraries) fail with "unable to get local issuer certificate": a warning.
    ///
    /// ## How to fix
    /// Rebuild the file in order, e.g. `cat server.crt intermediate.crt > workbench.crt`, then
    /// `sudo rstudio-server restart`.
    ///
    /// ## References
    /// - Posit Workbench Admin Guide: "Secure Sockets (SSL)" (append the intermediates to the certificate).
    /// - RFC 8446 §4.4.2 (the sender's certificate must come first).
    pub struct ChainOrder {
        name: "chain-order",
        severity: Error | Warning,
        severity_when: "warning when the server certificate is first and only the CA certificates after it are out of order",
        channel: None | A | B | C,
        summary: "Certificates in a file are not the server certificate first, then each issuer after its subject",
    }
}

impl ModelRule for ChainOrder {
    fn applies(&self, model: &Facts) -> Applicability {
        any_certificate(model)
    }

    fn check(&self, model: &Facts, out: &mut Sink) {
        for file in &model.pki {
            let path = &file.chain.path;
            if path.is_empty() {
                continue;
            }
            let in_file: Vec<usize> = file.certificates().map(|(i, _)| i).collect();
            if in_file.iter().take(path.len()).eq(path.iter()) {
                continue;
            }
            let order: Vec<String> = path
                .iter()
                .map(|&i| {
                    format!(
                        "{} (`{}`)",
                        file.place(i),
                        file.cert(i).map(|c| c.short_name()).unwrap_or_default()
                    )
                })
                .collect();
            out.report(
                Subject::File(file, file.location(path[0])),
                OutOfOrder {
                    file: &file.name,
                    order,
                    leaf_first: in_file.first() == path.first(),
                },
            );
        }
    }
}

/// A file whose certificates are not in chain order.
struct OutOfOrder<'a> {
    file: &'a str,
    /// The chain's certificates in the right order, in words.
    order: Vec<String>,
    /// Whether the server certificate is first (only the CA certificates after it are out of order).
    leaf_first: bool,
}

impl Violation for OutOfOrder<'_> {
    type Level = Level;
    fn level(&self) -> Level {
        // The server certificate out of first place breaks the server itself; intermediates out of
        // order only trouble old clients (browsers, OpenSSL 1.1+ and webpki reorder them).
        if self.leaf_first {
            Level::Warning
        } else {
            Level::Error
        }
    }
    fn message(&self) -> String {
        format!("The certificates in `{}` are out of order: the server certificate must come first, then each issuer.", self.file)
    }
    fn help(&self) -> String {
        format!("Reorder the file as: {}.", self.order.join(", then "))
    }
}
