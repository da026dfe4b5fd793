//! The path validator's verdict on each configured certificate file, for each client that dials it.

use crate::base::Channel;
use crate::model::Model;
use crate::pki;
use crate::pki::trust::Rejection;

use super::clients::{channels_served_by, client};

/// What one channel's client makes of the certificate file that serves it.
#[derive(Clone, Debug)]
pub struct ChainVerdict {
    pub channel: Channel,
    /// Index into [`Model::pki`].
    pub file: usize,
    /// The host name checked along with the path (channel a, when the public host name is known).
    pub name: Option<String>,
    pub outcome: pki::trust::Outcome,
}

/// Runs the path validator on every served chain: Workbench's certificate as browsers (a) and
/// sessions (c) see it, the Launcher's as rserver (b) sees it.
pub(super) fn judge_chains(model: &Model, public_name: Option<&str>) -> Vec<ChainVerdict> {
    use pki::trust::judge;
    let stores = super::clients::trust_stores(model);
    let mut out = Vec::new();
    for (i, f) in model.pki.iter().enumerate() {
        if f.chain.path.is_empty() {
            continue;
        }
        for &channel in channels_served_by(f.role) {
            let name = if channel == Channel::A {
                public_name.map(str::to_string)
            } else {
                None
            };
            let outcome = judge(
                &model.pki,
                i,
                client(channel),
                &stores,
                model.options.now_unix,
                name.as_deref(),
            );
            out.push(ChainVerdict {
                channel,
                file: i,
                name,
                outcome,
            });
        }
    }
    out
}

/// A path validator's refusal, in a few words.
pub fn refusal_words(model: &Model, r: &Rejection) -> String {
    match r {
        Rejection::Expired => "a certificate has expired".into(),
        Rejection::NotYetValid => "a certificate is not valid yet".into(),
        Rejection::NotValidForName => {
            "the certificate does not cover the host name the client connects to".into()
        }
        Rejection::CaUsedAsEndEntity => "the server certificate is a CA certificate".into(),
        Rejection::EndEntityUsedAsCa => "an issuer is not a CA".into(),
        Rejection::NameConstraints => "a CA's name constraints exclude the names".into(),
        Rejection::UnsupportedCriticalExtension => {
            "a certificate has a critical extension clients do not know".into()
        }
        Rejection::PathLength => "a CA's path length limit is exceeded".into(),
        Rejection::BadSignature => "a signature does not verify".into(),
        Rejection::UnsupportedSignature => "a signature algorithm is not accepted".into(),
        Rejection::EkuMissing => "the certificate is not for TLS servers (extendedKeyUsage)".into(),
        Rejection::AnchorOutOfDate(f, b) => match model.pki.get(*f).and_then(|g| g.cert(*b)) {
            Some(c) => format!(
                "the CA at the top of the chain, `{}`, is outside its validity dates",
                c.short_name()
            ),
            None => "the CA at the top of the chain is outside its validity dates".into(),
        },
        Rejection::Malformed(what) => format!("a certificate is malformed: {what}"),
        Rejection::TooComplex => "path building gives up (too complex)".into(),
    }
}
