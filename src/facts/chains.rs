//! The path validator's verdict on each configured certificate file, for each client that dials it.

use crate::base::Channel;
use crate::model::Model;
use crate::pki;

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
    use pki::trust::{judge, TrustStores};
    let stores = TrustStores {
        browser: &model.options.public_roots,
        server: &model.options.system_roots,
    };
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
