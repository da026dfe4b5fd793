//! Section 5 of the rule catalog: every certificate file, with its role.

pub mod cert_cn_only;
pub mod cert_expired;
pub mod cert_expires_soon;
pub mod cert_hostname_mismatch;
pub mod cert_is_ca;
pub mod cert_not_server_auth;
pub mod cert_not_yet_valid;
pub mod cert_profile;
pub mod cert_self_signed;
pub mod cert_strict_profile;
pub mod cert_unknown_critical_extension;
pub mod cert_unparsable;
pub mod cert_weak_key;
pub mod cert_weak_signature;
pub mod chain_extra_cert;
pub mod chain_incomplete;
pub mod chain_issuer_not_ca;
pub mod chain_name_constraints;
pub mod chain_order;
pub mod chain_path_length;
pub mod chain_rejected;
pub mod chain_signature_invalid;
pub mod not_pem;
pub mod wrong_pem_type;

use crate::facts::Facts;
use crate::pki::cert::CertFacts;
use crate::pki::PkiFile;
use crate::rules::Applicability;

/// The certificates whose validity matters in a file on its own: each file's chain, and every
/// certificate of a small CA file (an intermediate the user dropped to check it). A bundle of more than
/// ten CAs is a trust store: clients skip an expired root that no chain uses, so it is judged only
/// through the chains that end at it (see [`dated_certificates`]).
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
    if certs.len() <= 10 {
        certs
    } else {
        Vec::new()
    }
}

/// The certificates whose dates matter, each with the evaluation time: what the three validity rules
/// (expired, not yet valid, expiring soon) walk. Empty when no time was given. Trusted anchors that a
/// served chain ends at are included wherever they are: OpenSSL refuses a chain whose root expired.
pub(crate) fn dated_certificates<'a>(
    model: &'a Facts<'a>,
) -> Vec<(&'a PkiFile, usize, &'a CertFacts, i64)> {
    let Some(now) = model.options.now_unix else {
        return Vec::new();
    };
    let mut out: Vec<(&PkiFile, usize, &CertFacts, i64)> = model
        .pki
        .iter()
        .flat_map(|f| {
            checked_certificates(f)
                .into_iter()
                .map(move |(i, c)| (f, i, c, now))
        })
        .collect();
    for (f, i, c, _) in served_chain_certificates(model) {
        if !out
            .iter()
            .any(|(g, j, _, _)| std::ptr::eq(*g, f) && *j == i)
        {
            out.push((f, i, c, now));
        }
    }
    // A file whose chain every client verified holds no out-of-date certificate on the path that was
    // used (webpki checks each one's dates): a stale intermediate beside it is only an extra
    // certificate (chain-extra-cert), not one that breaks the chain.
    out.retain(|(f, i, _, _)| {
        let Some(fi) = model.pki_index(f) else {
            return true;
        };
        let mut verdicts = model.verdicts.iter().filter(|v| v.file == fi).peekable();
        let all_verified = verdicts.peek().is_some()
            && verdicts.all(|v| matches!(v.outcome, crate::pki::trust::Outcome::Verified { .. }));
        !(all_verified && f.chain.path.first() != Some(i))
    });
    out
}

/// How to name a certificate of a chain in a message.
pub(crate) fn position(file: &PkiFile, block: usize) -> String {
    let cert = file.cert(block).map(|c| c.short_name()).unwrap_or_default();
    match file.chain.path.iter().position(|&i| i == block) {
        Some(0) => format!("the server certificate `{cert}`"),
        Some(_) if file.cert(block).is_some_and(|c| c.self_signed()) => {
            format!("the root CA `{cert}`")
        }
        Some(_) => format!("the intermediate CA `{cert}`"),
        None => format!("the certificate `{cert}`"),
    }
}

/// Applicability of the rules that read certificate and key files: any PEM, DER or PKCS#12 input.
pub(crate) fn any_pki(model: &Facts) -> Applicability {
    if model.pki.is_empty() {
        Applicability::Skip
    } else {
        Applicability::Applies
    }
}

/// Applicability shared by the rules that judge certificate files.
pub(crate) fn any_certificate(model: &Facts) -> Applicability {
    if model.pki.iter().any(|f| f.certificates().next().is_some()) {
        Applicability::Applies
    } else {
        Applicability::Skip
    }
}

/// Applicability of rules that compare with the evaluation time.
pub(crate) fn with_clock(model: &Facts) -> Applicability {
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

/// The served chains that a client refuses for `reason`, once per file (Workbench's certificate is
/// judged for channels a and c; the first verdict that gives the reason is kept).
pub(crate) fn rejected<'a>(
    model: &'a Facts<'a>,
    reason: impl Fn(&crate::pki::trust::Rejection) -> bool,
) -> Vec<(usize, &'a PkiFile, &'a crate::facts::ChainVerdict)> {
    let mut out: Vec<(usize, &PkiFile, &crate::facts::ChainVerdict)> = Vec::new();
    for v in &model.verdicts {
        if let crate::pki::trust::Outcome::Rejected(r) = &v.outcome {
            if reason(r) && !out.iter().any(|(i, _, _)| *i == v.file) {
                out.push((v.file, &model.pki[v.file], v));
            }
        }
    }
    out
}

/// The CA certificates above a file's served certificate, nearest first: the rest of the file's chain,
/// then the issuer of its top when another input holds it. Each with its name and place in words:
/// "`Example CA` (the 2nd certificate in `wb.pem`)".
pub(crate) fn cas_above<'a>(
    model: &'a Facts<'a>,
    file: &'a PkiFile,
) -> Vec<(String, &'a CertFacts)> {
    let words = |f: &PkiFile, i: usize, c: &CertFacts| {
        format!("`{}` ({} in `{}`)", c.short_name(), f.place(i), f.name)
    };
    let mut out: Vec<(String, &CertFacts)> = file
        .chain
        .path
        .iter()
        .skip(1)
        .filter_map(|&i| file.cert(i).map(|c| (words(file, i, c), c)))
        .collect();
    let top = file.chain.path.last().and_then(|&i| file.cert(i));
    if let Some(top) = top.filter(|t| !t.self_signed()) {
        let others = model.pki.iter().filter(|g| !std::ptr::eq(*g, file));
        if let Some((g, i, c)) = crate::pki::issuer_among(top, others) {
            out.push((words(g, i, c), c));
        }
    }
    out
}

/// The certificates a client checks when it validates a served chain: each certificate of the
/// file's chain, with its position, and the trusted anchor the chain ends at (given among the inputs).
/// Position 0 is the served certificate.
pub(crate) fn served_chain_certificates<'a>(
    model: &'a Facts<'a>,
) -> Vec<(&'a PkiFile, usize, &'a CertFacts, ChainPlace)> {
    let mut out: Vec<(&PkiFile, usize, &CertFacts, ChainPlace)> = Vec::new();
    // Chains are short: a list, not a set (each set type costs the page its own code).
    let mut seen: Vec<(usize, usize)> = Vec::new();
    for v in &model.verdicts {
        let file = &model.pki[v.file];
        for (pos, &i) in file.chain.path.iter().enumerate() {
            let Some(c) = file.cert(i) else { continue };
            let place = if pos == 0 {
                ChainPlace::Leaf
            } else if c.self_signed() {
                ChainPlace::Root
            } else {
                ChainPlace::Intermediate
            };
            if !seen.contains(&(v.file, i)) {
                seen.push((v.file, i));
                out.push((file, i, c, place));
            }
        }
        if let Some((f, b)) = match &v.outcome {
            crate::pki::trust::Outcome::Verified {
                anchor: crate::pki::trust::AnchorSource::Given(f, b),
            }
            | crate::pki::trust::Outcome::Rejected(
                crate::pki::trust::Rejection::AnchorOutOfDate(f, b),
            ) => Some((*f, *b)),
            _ => None,
        } {
            if let Some(c) = model.pki[f].cert(b) {
                if !seen.contains(&(f, b)) {
                    seen.push((f, b));
                    out.push((&model.pki[f], b, c, ChainPlace::Root));
                }
            }
        }
    }
    out
}

/// Where a certificate sits in a served chain.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum ChainPlace {
    Leaf,
    Intermediate,
    /// The top: a self-signed root in the file, or the trusted anchor the chain ends at.
    Root,
}

impl ChainPlace {
    pub(crate) fn words(self, cert: &CertFacts) -> String {
        match self {
            ChainPlace::Leaf => format!("the server certificate `{}`", cert.short_name()),
            ChainPlace::Intermediate => format!("the intermediate CA `{}`", cert.short_name()),
            ChainPlace::Root => format!("the root CA `{}`", cert.short_name()),
        }
    }
}
