//! The names the report's ids stand for, for people: channel titles, status words, role and input-kind
//! labels. The page takes them from here (the wasm `metadata()` export) instead of repeating them.

use crate::pki::{Role, ALL_ROLES};
use crate::report::{Channel, ChannelStatus};
use serde::Serialize;

#[derive(Clone, Debug, Serialize)]
pub struct Named {
    pub id: &'static str,
    pub label: &'static str,
}

#[derive(Clone, Debug, Serialize)]
pub struct RoleName {
    pub id: &'static str,
    pub label: &'static str,
    /// Whether a person may give a file this role (the page's role menu).
    pub assignable: bool,
}

/// A channel: its title, what it is, the settings that must agree and the files that check it.
#[derive(Clone, Debug, Serialize)]
pub struct ChannelName {
    pub id: &'static str,
    pub label: &'static str,
    pub about: &'static str,
    pub settings: &'static [&'static str],
    pub needs: &'static [&'static str],
}

#[derive(Clone, Debug, Serialize)]
pub struct Metadata {
    pub channels: Vec<ChannelName>,
    pub statuses: Vec<Named>,
    pub roles: Vec<RoleName>,
    pub kinds: Vec<Named>,
}

pub fn metadata() -> Metadata {
    Metadata {
        channels: [Channel::A, Channel::B, Channel::C, Channel::None]
            .into_iter()
            .map(|c| ChannelName {
                id: c.as_str(),
                label: c.title(),
                about: c.about(),
                settings: c.settings(),
                needs: c.needs(),
            })
            .collect(),
        statuses: ChannelStatus::ALL
            .into_iter()
            .map(|s| Named {
                id: s.as_str(),
                label: s.label(),
            })
            .collect(),
        roles: ALL_ROLES
            .into_iter()
            .map(|r: Role| RoleName {
                id: r.id(),
                label: r.label(),
                assignable: r.assignable(),
            })
            .collect(),
        kinds: crate::input::KIND_LABELS
            .into_iter()
            .map(|(id, label)| Named { id, label })
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::metadata;

    #[test]
    fn every_id_has_a_label_for_people() {
        let m = metadata();
        assert_eq!(m.channels.len(), 4);
        // The channels' setting names are real options of rserver.conf or launcher.conf.
        for c in &m.channels {
            for key in c.settings {
                assert!(
                    crate::catalog::lookup(crate::catalog::ConfigKind::Rserver, key).is_some()
                        || crate::catalog::lookup(crate::catalog::ConfigKind::Launcher, key)
                            .is_some(),
                    "{key}"
                );
            }
        }
        assert_eq!(m.statuses.len(), 7);
        assert!(m.roles.iter().filter(|r| r.assignable).count() >= 7);
        for k in m.kinds.iter().filter(|k| k.id != "unrecognized") {
            assert_ne!(k.label, "not recognised", "{} has no label", k.id);
            assert!(
                !k.label.contains('-') || ["load-balancer", "curl-output"].contains(&k.id),
                "{}: an id, not words",
                k.label
            );
        }
        let unrecognized = m.kinds.iter().find(|k| k.id == "unrecognized").unwrap();
        assert_eq!(unrecognized.label, "not recognised");
    }
}
