//! Section 5 of the rule catalog: every certificate file, with its role.

pub mod cert_cn_only;
pub mod cert_expired;
pub mod cert_expires_soon;
pub mod cert_hostname_mismatch;
pub mod cert_is_ca;
pub mod cert_not_server_auth;
pub mod cert_not_yet_valid;
pub mod cert_self_signed;
pub mod cert_unparsable;
pub mod cert_weak_key;
pub mod cert_weak_signature;
pub mod chain_extra_cert;
pub mod chain_incomplete;
pub mod chain_order;
pub mod chain_signature_invalid;
pub mod not_pem;
pub mod wrong_pem_type;

use crate::model::Model;
use crate::pki::cert::CertFacts;
use crate::pki::{PkiFile, Role};
use crate::rules::Applicability;

/// The certificates whose validity matters: each file's chain, and every certificate of a small CA
/// file (a system bundle of 150 roots is not the user's concern, an intermediate they dropped is).
pub(crate) fn checked_certificates(file: &PkiFile) -> Vec<(usize, &CertFacts)> {
    if !file.chain.path.is_empty() {
        return file
            .chain
            .path
            .iter()
            .filter_map(|&i| file.cert(i).map(|c| (i, c)))
            .collect();
    }
    let certs: Vec<(usize, &CertFacts)> = file.certificates().collect();
    if certs.len() <= 10 || file.role != Role::TrustedCa {
        certs
    } else {
        Vec::new()
    }
}

/// The certificates whose dates matter, each with the evaluation time: what the three validity rules
/// (expired, not yet valid, expiring soon) walk. Empty when no time was given.
pub(crate) fn dated_certificates(
    model: &Model,
) -> impl Iterator<Item = (&PkiFile, usize, &CertFacts, i64)> {
    let now = model.options.now_unix;
    model.pki.iter().flat_map(move |f| {
        checked_certificates(f)
            .into_iter()
            .filter_map(move |(i, c)| now.map(|n| (f, i, c, n)))
    })
}

/// How to name a certificate of a chain in a message.
pub(crate) fn position(file: &PkiFile, block: usize) -> String {
    let cert = file.cert(block).map(|c| c.short_name()).unwrap_or_default();
    match file.chain.path.iter().position(|&i| i == block) {
        Some(0) => format!("the server certificate `{cert}`"),
        Some(_) if file.cert(block).is_some_and(|c| c.self_issued()) => {
            format!("the root CA `{cert}`")
        }
        Some(_) => format!("the intermediate CA `{cert}`"),
        None => format!("the certificate `{cert}`"),
    }
}

/// Applicability of the rules that read certificate and key files: any PEM, DER or PKCS#12 input.
pub(crate) fn any_pki(model: &Model) -> Applicability {
    if model.pki.is_empty() {
        Applicability::Skip
    } else {
        Applicability::Applies
    }
}

/// Applicability shared by the rules that judge certificate files.
pub(crate) fn any_certificate(model: &Model) -> Applicability {
    if model.pki.iter().any(|f| f.certificates().next().is_some()) {
        Applicability::Applies
    } else {
        Applicability::Skip
    }
}

/// Applicability of rules that compare with the evaluation time.
pub(crate) fn with_clock(model: &Model) -> Applicability {
    match any_certificate(model) {
        Applicability::Applies if model.options.now_unix.is_none() => {
            crate::rules::missing("the evaluation time", "certificate validity dates")
        }
        other => other,
    }
}

pub(crate) fn days(seconds: i64) -> i64 {
    seconds.div_euclid(86_400)
}
