//! Who dials each channel, and so which trust store judges what it is served: browsers on channel a,
//! rserver on b, the sessions' libcurl and Python on c. Every verdict, summary and rule asks here.

use crate::base::Channel;
use crate::model::Model;
use crate::pki::trust::{Client, TrustStores};
use crate::pki::Role;

/// The client of a channel: browsers trust Mozilla's roots, rserver and the sessions the server's
/// system store (both with the CAs marked trusted).
pub fn client(channel: Channel) -> Client {
    match channel {
        Channel::A => Client::Browser,
        _ => Client::Server,
    }
}

/// The channels a certificate file of `role` serves: Workbench's certificate is what browsers (a)
/// and sessions calling back (c) are served, the Launcher's what rserver (b) is served.
pub fn channels_served_by(role: Role) -> &'static [Channel] {
    match role {
        Role::RserverCertificate => &[Channel::A, Channel::C],
        Role::LauncherCertificate => &[Channel::B],
        _ => &[],
    }
}

/// The client of a channel in words, with its verbs agreeing: (who, "accept(s)", "refuse(s)").
pub fn client_words(channel: Channel) -> (&'static str, &'static str, &'static str) {
    match channel {
        Channel::A => ("browsers", "accept", "refuse"),
        Channel::B => ("rserver", "accepts", "refuses"),
        Channel::D => ("the other nodes", "accept", "refuse"),
        _ => ("sessions", "accept", "refuse"),
    }
}

/// The client of a channel as the subject of a sentence: "Browsers", "rserver", "Sessions".
pub fn client_subject(channel: Channel) -> &'static str {
    match channel {
        Channel::A => "Browsers",
        Channel::B => "rserver",
        Channel::D => "The other nodes",
        _ => "Sessions",
    }
}

/// The anchors each client trusts beyond the CAs marked trusted: Mozilla's roots for browsers, the
/// server's system store for rserver and the sessions.
pub fn trust_stores(model: &Model) -> TrustStores<'_> {
    TrustStores {
        browser: &model.options.public_roots,
        server: &model.options.system_roots,
    }
}
