use crate::facts::Facts;
use crate::pki::cert::CertFacts;
use crate::pki::key::PublicKeyId;
use crate::pki::profile::ProfileFacts;
use crate::rules::certificates::{any_certificate, served_chain_certificates, ChainPlace};
use crate::rules::{declare_rule, Applicability, ModelRule, Sink, Subject, Violation};

declare_rule! {
    /// ## What it checks
    /// The certificates of a served chain against the CA/Browser Forum profile and RFC 5280 where
    /// clients still connect today: a serial number longer than 20 bytes, zero or negative; a
    /// common name that is not exactly one of the subjectAltNames; an underscore in a DNS name; no
    /// extendedKeyUsage, anyExtendedKeyUsage or a critical extendedKeyUsage in the server certificate;
    /// an extendedKeyUsage in a root; nameConstraints that are not critical, empty, malformed or in a
    /// server certificate; policyConstraints not critical; a root whose authorityKeyIdentifier has no
    /// key identifier, names an issuer or serial, or differs from its own key identifier; a
    /// trusted CA that is not self-signed and has no authorityKeyIdentifier; a critical
    /// subjectAltName next to a non-empty subject; a malformed authorityInfoAccess; an RSA modulus
    /// whose size is not a multiple of 8. A self-signed server certificate is not judged: it is trusted
    /// as itself, and the profile is about certificates that CAs issue.
    ///
    /// ## Why it breaks Workbench
    /// Browsers, rserver and the sessions connect today, but public CAs may not issue such
    /// certificates, stricter validators (Go, `cryptography`, newer library versions) refuse some of
    /// them, and each is a sign of a hand-made or outdated certificate template. Fix it at the next
    /// renewal rather than in an emergency.
    ///
    /// ## How to fix
    /// At the next renewal, have the certificate issued from a current web-server template: a random
    /// positive serial of at most 20 bytes, the host names in subjectAltName (and the common name, if
    /// any, equal to one of them), `extendedKeyUsage=serverAuth`, and extensions marked critical only
    /// where the standards say so.
    ///
    /// ## References
    /// - CA/Browser Forum Baseline Requirements §7.1 (certificate profile).
    /// - RFC 5280 §4.1.2.2 (serial number), §4.2.1.10 (name constraints), §4.2.1.12 (EKU).
    pub struct CertProfile {
        name: "cert-profile",
        severity: Warning,
        channel: None | A | B | C,
        summary: "A certificate of the chain departs from the CA/Browser Forum profile (clients still connect)",
    }
}

fn profile_problems(cert: &CertFacts, p: &ProfileFacts, place: ChainPlace) -> Vec<String> {
    let mut v = Vec::new();
    if p.serial_len > 20 {
        v.push(format!(
            "its serial number is {} bytes long (at most 20 allowed)",
            p.serial_len
        ));
    }
    if p.serial_not_positive {
        v.push("its serial number is zero or negative".to_string());
    }
    if matches!(cert.public_key, PublicKeyId::Rsa { .. }) && cert.public_key.bits() % 8 != 0 {
        v.push(format!(
            "its RSA modulus is {} bits, not a multiple of 8",
            cert.public_key.bits()
        ));
    }
    if let Some(nc) = &p.name_constraints {
        if !nc.critical {
            v.push("its nameConstraints extension is not marked critical".to_string());
        }
        if place == ChainPlace::Leaf {
            v.push("it is a server certificate with a nameConstraints extension".to_string());
        }
        if nc.permitted.unwrap_or(0) == 0 && nc.excluded.unwrap_or(0) == 0 {
            v.push("its nameConstraints extension constrains nothing".to_string());
        }
        if !nc.malformed_dns.is_empty() {
            v.push(format!(
                "its nameConstraints has DNS names that are not valid ({})",
                nc.malformed_dns.join(", ")
            ));
        }
    }
    if p.policy_constraints_critical == Some(false) {
        v.push("its policyConstraints extension is not marked critical".to_string());
    }
    if p.aia_malformed {
        v.push("its authorityInfoAccess extension is malformed".to_string());
    }
    if p.san_critical == Some(true) && !p.subject_empty {
        v.push(
            "its subjectAltName is marked critical although the subject is not empty".to_string(),
        );
    }
    match place {
        ChainPlace::Leaf => {
            match p.eku {
                None => v.push("it has no extendedKeyUsage (serverAuth)".to_string()),
                Some((critical, _, any)) => {
                    if any {
                        v.push(
                            "its extendedKeyUsage allows any purpose (anyExtendedKeyUsage)"
                                .to_string(),
                        );
                    }
                    if critical {
                        v.push("its extendedKeyUsage is marked critical".to_string());
                    }
                }
            }
            if let Some(bad) = cert.dns_sans.iter().find(|d| d.contains('_')) {
                v.push(format!("the DNS name `{bad}` has an underscore"));
            }
            if !cert.dns_sans.is_empty() || !cert.ip_sans.is_empty() {
                for cn in &cert.common_names {
                    let in_san = cert.dns_sans.iter().any(|d| d == cn)
                        || cert.ip_sans.iter().any(|ip| ip.to_string() == *cn);
                    if !in_san {
                        v.push(format!(
                            "its common name `{}` is not exactly one of its subjectAltNames",
                            crate::rules::excerpt(cn)
                        ));
                    }
                }
            }
        }
        ChainPlace::Root => {
            if p.eku.is_some() && cert.self_signed() {
                v.push("it is a root with an extendedKeyUsage extension".to_string());
            }
            if let Some(aki) = &p.aki {
                if cert.self_signed() {
                    if aki.key_id.is_none() {
                        v.push("its authorityKeyIdentifier has no key identifier".to_string());
                    }
                    if aki.has_issuer_or_serial {
                        v.push(
                            "its authorityKeyIdentifier names an issuer or serial number"
                                .to_string(),
                        );
                    }
                    if aki.key_id.is_some()
                        && cert.subject_key_id.is_some()
                        && aki.key_id != cert.subject_key_id
                    {
                        v.push(
                            "its authorityKeyIdentifier differs from its own subjectKeyIdentifier"
                                .to_string(),
                        );
                    }
                }
            } else if !cert.self_signed() {
                v.push(
                    "it is a trusted CA that is not self-signed and has no authorityKeyIdentifier"
                        .to_string(),
                );
            }
        }
        ChainPlace::Intermediate => {}
    }
    v
}

impl ModelRule for CertProfile {
    fn applies(&self, model: &Facts) -> Applicability {
        any_certificate(model)
    }

    fn check(&self, model: &Facts, out: &mut Sink) {
        for (file, i, cert, place) in served_chain_certificates(model) {
            // A self-signed server certificate is trusted as itself, by the clients it is given to:
            // the CA/Browser Forum profile is about certificates that CAs issue.
            if place == ChainPlace::Leaf && file.chain.self_signed_leaf {
                continue;
            }
            let Ok(profile) = cert.profile() else {
                continue;
            };
            let problems = profile_problems(cert, profile, place);
            if problems.is_empty() {
                continue;
            }
            out.report(
                Subject::Chain(model, file, file.location(i)),
                OffProfile {
                    file: &file.name,
                    which: place.words(cert),
                    problems,
                },
            );
        }
    }
}

/// A certificate of a served chain that departs from the CA/Browser Forum profile.
struct OffProfile<'a> {
    file: &'a str,
    /// Which certificate of the chain, in words.
    which: String,
    /// How it departs, in words.
    problems: Vec<String>,
}

impl Violation for OffProfile<'_> {
    type Level = Level;
    fn level(&self) -> Level {
        Level::Warning
    }
    fn message(&self) -> String {
        format!(
            "In `{}`, {}: {}. Clients accept this today, but public CAs may not issue it and stricter validators refuse it.",
            self.file,
            self.which,
            self.problems.join("; ")
        )
    }
    fn help(&self) -> String {
        "At the next renewal, have it issued from a current web-server template (serverAuth EKU, host names in subjectAltName, standard extensions).".into()
    }
}
