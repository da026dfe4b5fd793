use crate::facts::Facts;
use crate::pki::cert::CertFacts;
use crate::pki::profile::ProfileFacts;
use crate::rules::certificates::{any_certificate, served_chain_certificates, ChainPlace};
use crate::rules::{declare_rule, Applicability, ModelRule, Sink, Subject, Violation};

declare_rule! {
    /// ## What it checks
    /// The certificates of a served chain (server certificate, intermediates and the trusted root it
    /// ends at) against what OpenSSL's strict mode enforces, which Python 3.13 and newer turn on by
    /// default (`ssl.create_default_context()` sets `VERIFY_X509_STRICT`) and Python's `cryptography`
    /// verifier also enforces:
    /// - a CA (intermediate or root) without a critical `basicConstraints` CA:TRUE, without a
    ///   subjectKeyIdentifier, with a keyUsage that lacks keyCertSign, or with an empty subject;
    /// - a certificate issued by another one without an authorityKeyIdentifier;
    /// - an authority or subject key identifier marked critical;
    /// - a server certificate with keyCertSign but not a CA, or with an empty subject and a
    ///   subjectAltName that is not critical.
    ///
    /// ## Why it breaks Workbench
    /// Browsers and rserver accept these certificates today, but Python 3.13+ clients refuse them with
    /// errors such as "Missing Authority Key Identifier" or "Basic Constraints of CA cert not marked
    /// critical": Jupyter and VS Code sessions, `pip`, `requests` and Posit's Python tools calling
    /// Workbench fail, and OpenSSL with `-x509_strict` fails too. A chain that a session would refuse is
    /// never called verified.
    ///
    /// ## How to fix
    /// Re-issue the certificate (or re-create the CA) with the standard extensions. With OpenSSL 3 a CA:
    /// `-addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign"
    /// -addext "subjectKeyIdentifier=hash"`; a server certificate signed by it:
    /// `authorityKeyIdentifier=keyid` and `subjectAltName=DNS:workbench.example.org` in the extension
    /// file. Distribute a re-created CA to browsers and session images.
    ///
    /// ## References
    /// - RFC 5280 §4.2.1.1, §4.2.1.2, §4.2.1.3, §4.2.1.9 and §4.1.2.6.
    /// - Python 3.13 "What's New": `ssl.create_default_context()` sets `VERIFY_X509_STRICT`.
    /// - OpenSSL `openssl-verify(1)`: `-x509_strict`.
    pub struct CertStrictProfile {
        name: "cert-strict-profile",
        severity: Error,
        channel: None | A | B | C,
        summary: "A certificate of the chain breaks rules that OpenSSL's strict mode (Python 3.13+) enforces",
    }
}

/// What strict validators refuse in a certificate at `place`, in words.
pub(crate) fn strict_problems(
    cert: &CertFacts,
    p: &ProfileFacts,
    place: ChainPlace,
) -> Vec<String> {
    let mut v = Vec::new();
    let is_ca_place = place != ChainPlace::Leaf;
    if p.aki.as_ref().is_some_and(|a| a.critical) {
        v.push("its authorityKeyIdentifier is marked critical".to_string());
    }
    if p.ski_critical == Some(true) {
        v.push("its subjectKeyIdentifier is marked critical".to_string());
    }
    if p.aki.is_none() && !cert.self_signed() && place != ChainPlace::Root {
        v.push("it has no authorityKeyIdentifier".to_string());
    }
    if is_ca_place {
        match p.basic_constraints {
            None => v.push("it is a CA without a basicConstraints extension".to_string()),
            Some((false, true)) => {
                v.push("its basicConstraints (CA:TRUE) is not marked critical".to_string())
            }
            _ => {}
        }
        if p.basic_constraints.is_some_and(|(_, ca)| ca) {
            if cert.subject_key_id.is_none() {
                v.push("it is a CA without a subjectKeyIdentifier".to_string());
            }
            if p.key_usage.is_some_and(|(_, cert_sign)| !cert_sign) {
                v.push("it is a CA whose keyUsage lacks keyCertSign".to_string());
            }
        }
        if p.subject_empty {
            v.push("it is a CA with an empty subject".to_string());
        }
    } else {
        if p.key_usage.is_some_and(|(_, cert_sign)| cert_sign)
            && !p.basic_constraints.is_some_and(|(_, ca)| ca)
        {
            v.push("its keyUsage has keyCertSign although it is not a CA".to_string());
        }
        if p.subject_empty && p.san_critical != Some(true) {
            v.push(
                "its subject is empty and its subjectAltName is not marked critical".to_string(),
            );
        }
    }
    v
}

impl ModelRule for CertStrictProfile {
    fn applies(&self, model: &Facts) -> Applicability {
        any_certificate(model)
    }

    fn check(&self, model: &Facts, out: &mut Sink) {
        for (file, i, cert, place) in served_chain_certificates(model) {
            let Ok(profile) = cert.profile() else {
                continue;
            };
            let problems = strict_problems(cert, profile, place);
            if problems.is_empty() {
                continue;
            }
            out.report(
                Subject::Chain(model, file, file.location(i)),
                NotStrict {
                    file: &file.name,
                    which: place.words(cert),
                    problems,
                },
            );
        }
    }
}

/// A certificate of a served chain that OpenSSL's strict mode refuses.
struct NotStrict<'a> {
    file: &'a str,
    /// Which certificate of the chain, in words.
    which: String,
    /// The strict rules it breaks, in words.
    problems: Vec<String>,
}

impl Violation for NotStrict<'_> {
    type Level = Level;
    fn level(&self) -> Level {
        Level::Error
    }
    fn message(&self) -> String {
        format!(
            "In `{}`, {}: {}. Browsers accept it today, but Python 3.13+ clients (sessions, pip, requests) and OpenSSL's strict mode refuse the chain.",
            self.file,
            self.which,
            self.problems.join("; ")
        )
    }
    fn help(&self) -> String {
        "Re-issue it with the standard extensions (CA: critical basicConstraints CA:TRUE, keyUsage keyCertSign, subjectKeyIdentifier; server certificate: authorityKeyIdentifier and subjectAltName).".into()
    }
}
