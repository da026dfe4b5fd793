//! The served chains as people read them: for every certificate file that a service serves, its
//! certificates from the leaf to the anchor, the checks of each link, and, for each client that dials
//! it, the name it dials and whether it trusts the anchor. The page draws this; the rules have already
//! said what is wrong, so nothing here emits a finding.

use crate::facts::Facts;
use crate::pki::cert::CertFacts;
use crate::pki::trust::{AnchorSource, Client, Outcome};
use crate::pki::{PkiFile, Role};
use crate::report::{
    ChainAnchor, ChainClient, ChainLink, ChainSummary, Channel, ChannelStatus, CheckResult,
    LinkCheck, LinkPosition, Trust,
};

fn pass(check: &str, detail: String) -> LinkCheck {
    LinkCheck {
        check: check.to_string(),
        result: CheckResult::Pass,
        detail,
    }
}

fn fail(check: &str, detail: String) -> LinkCheck {
    LinkCheck {
        check: check.to_string(),
        result: CheckResult::Fail,
        detail,
    }
}

fn unknown(check: &str, detail: String) -> LinkCheck {
    LinkCheck {
        check: check.to_string(),
        result: CheckResult::Unknown,
        detail,
    }
}

fn date(t: i64) -> String {
    crate::format_time(t)
        .map(|s| s[..10].to_string())
        .unwrap_or_else(|| t.to_string())
}

fn dates(c: &CertFacts, now: Option<i64>) -> LinkCheck {
    match now {
        None => unknown("dates", "no evaluation time was given".into()),
        Some(now) if c.not_after < now => {
            fail("dates", format!("expired on {}", date(c.not_after)))
        }
        Some(now) if c.not_before > now => {
            fail("dates", format!("not valid before {}", date(c.not_before)))
        }
        Some(_) => pass(
            "dates",
            format!("valid {} to {}", date(c.not_before), date(c.not_after)),
        ),
    }
}

/// An issuer must be a CA; the served certificate must not be one (unless it is its own anchor).
fn ca_bit(c: &CertFacts, position: LinkPosition) -> LinkCheck {
    match (position, c.is_ca()) {
        (LinkPosition::Leaf, false) => pass("ca", "a server certificate (not a CA)".into()),
        (LinkPosition::Leaf, true) => fail(
            "ca",
            "a CA certificate served as the server's own: clients refuse it".into(),
        ),
        (LinkPosition::SelfSigned, _) => pass("ca", "self-signed: it is its own CA".into()),
        (_, true) => pass("ca", "a CA (basicConstraints CA:TRUE)".into()),
        (_, false) => fail(
            "ca",
            "not a CA (no basicConstraints CA:TRUE), so it cannot issue the certificate below"
                .into(),
        ),
    }
}

fn link(
    file: &str,
    block: u32,
    c: &CertFacts,
    position: LinkPosition,
    checks: Vec<LinkCheck>,
) -> ChainLink {
    ChainLink {
        file: file.to_string(),
        block,
        subject: c.subject.clone(),
        sha256: c.sha256.clone(),
        position,
        checks,
    }
}

/// A certificate of the file named as the issuer of the chain's top that did not sign it.
fn named_but_not_signer(f: &PkiFile) -> Option<&CertFacts> {
    let top = *f.chain.path.last()?;
    let (_, j) = f
        .chain
        .bad_signatures
        .iter()
        .find(|(child, _)| *child == top)?;
    f.cert(*j)
}

/// The chains of the served certificate files, in input order.
pub fn chain_views(model: &Facts) -> Vec<ChainSummary> {
    let now = model.options.now_unix;
    model
        .pki
        .iter()
        .enumerate()
        .filter(|(_, f)| {
            matches!(f.role, Role::RserverCertificate | Role::LauncherCertificate)
                && !f.chain.path.is_empty()
        })
        .map(|(i, f)| chain_view(model, i, f, now))
        .collect()
}

fn chain_view(model: &Facts, index: usize, f: &PkiFile, now: Option<i64>) -> ChainSummary {
    let path: Vec<(u32, &CertFacts)> = f
        .chain
        .path
        .iter()
        .filter_map(|&b| f.cert(b).map(|c| (f.blocks[b].index, c)))
        .collect();
    let mut links = Vec::new();
    for (k, &(block, c)) in path.iter().enumerate() {
        let position = if f.chain.self_signed_leaf {
            LinkPosition::SelfSigned
        } else if k == 0 {
            LinkPosition::Leaf
        } else if c.self_signed() {
            LinkPosition::Root
        } else {
            LinkPosition::Intermediate
        };
        let mut checks = Vec::new();
        match path.get(k + 1) {
            // The chain was built by signature: each link holds unless its algorithm was not verified.
            Some(&(_, issuer)) => checks.push(
                match f
                    .chain
                    .unverified
                    .iter()
                    .find(|(child, _, _)| *child == f.chain.path[k])
                {
                    Some((_, _, why)) => unknown("signature", why.clone()),
                    None => pass("signature", format!("signed by `{}`", issuer.short_name())),
                },
            ),
            None if c.self_signed() => checks.push(pass("signature", "signs itself".into())),
            None => {}
        }
        checks.push(dates(c, now));
        checks.push(ca_bit(c, position));
        links.push(link(&f.name, block, c, position, checks));
    }
    let top = path.last().map(|&(_, c)| c);
    // The anchor: the top of the chain when it signs itself, else the issuer of the top among the
    // other inputs (drawn as one more link), else only its name.
    let anchor = match top {
        Some(top) if top.self_signed() => ChainAnchor {
            subject: top.subject.clone(),
            name: top.short_name(),
            file: Some(f.name.clone()),
            given: true,
        },
        Some(top) => {
            let found =
                crate::pki::issuer_among(top, model.pki.iter().filter(|g| !std::ptr::eq(*g, f)));
            if let Some(last) = links.last_mut() {
                last.checks.insert(
                    0,
                    match (found, named_but_not_signer(f)) {
                        // Found by its signature, just verified.
                        (Some((_, _, c)), _) => {
                            pass("signature", format!("signed by `{}`", c.short_name()))
                        }
                        (None, Some(impostor)) => fail(
                            "signature",
                            format!(
                                "not signed by the key of `{}`, which this file gives as its issuer",
                                impostor.short_name()
                            ),
                        ),
                        (None, None) => match crate::pki::unverified_issuer_among(
                            top,
                            model.pki.iter().filter(|g| !std::ptr::eq(*g, f)),
                        ) {
                            Some((c, why)) => unknown(
                                "signature",
                                format!("by `{}`, not verified: {why}", c.short_name()),
                            ),
                            None => unknown(
                                "signature",
                                format!("its issuer `{}` was not given", top.issuer),
                            ),
                        },
                    },
                );
            }
            match found {
                Some((g, b, c)) => {
                    let position = if c.self_signed() {
                        LinkPosition::Root
                    } else {
                        LinkPosition::Intermediate
                    };
                    let mut checks = Vec::new();
                    if c.self_signed() {
                        checks.push(pass("signature", "signs itself".into()));
                    }
                    checks.push(dates(c, now));
                    checks.push(ca_bit(c, position));
                    links.push(link(&g.name, g.blocks[b].index, c, position, checks));
                    ChainAnchor {
                        subject: c.subject.clone(),
                        name: c.short_name(),
                        file: Some(g.name.clone()),
                        given: true,
                    }
                }
                None => ChainAnchor {
                    subject: top.issuer.clone(),
                    name: top.issuer_short_name(),
                    file: None,
                    given: false,
                },
            }
        }
        None => ChainAnchor {
            subject: String::new(),
            name: "(empty subject)".into(),
            file: None,
            given: false,
        },
    };
    let clients = model
        .verdicts
        .iter()
        .filter(|v| v.file == index)
        .map(|v| {
            client_view(
                model,
                v.channel,
                dialled_host(model, v.channel),
                &v.outcome,
                path.first().map(|p| p.1),
                &anchor.name,
            )
        })
        .collect::<Vec<_>>();
    // A cluster node's certificate is also what the other nodes are served (channel d), at the
    // node's own name; they verify it as sessions do, with the server's trust store.
    let mut clients = clients;
    for (_, node) in model.nodes() {
        let serves = node
            .model
            .file_for(node.deployment, Role::RserverCertificate)
            .is_some_and(|g| std::ptr::eq(g, f));
        let on_c = model.verdict(Channel::C, index).map(|v| &v.outcome);
        if let (true, Some(outcome)) = (serves, on_c) {
            let host = node.node_address().and_then(|a| {
                a.host
                    .as_ref()
                    .map(|h| crate::net::split_host_port(&h.value).0.to_string())
            });
            clients.push(client_view(
                model,
                Channel::D,
                host,
                outcome,
                path.first().map(|p| p.1),
                &anchor.name,
            ));
        }
    }
    ChainSummary {
        file: f.name.clone(),
        role: f.role.id().to_string(),
        links,
        anchor,
        clients,
    }
}

/// The host the channel's client dials (none when it is unknown, or the inputs describe several
/// servers), from the facts.
fn dialled_host(model: &Facts, channel: Channel) -> Option<String> {
    model
        .endpoints
        .iter()
        .find(|e| e.channel == channel)?
        .host
        .clone()
}

/// The host a channel's client dials, when the inputs do not say it, in words.
fn host_not_known(channel: Channel) -> &'static str {
    match channel {
        Channel::A => "the host name users type is not known",
        Channel::B => "the host name rserver dials the Launcher at is not known",
        Channel::D => "the name the other nodes dial this node by (`www-host-name`) is not known",
        _ => "the host name sessions call back to is not known",
    }
}

fn client_view(
    model: &Facts,
    channel: Channel,
    name: Option<String>,
    outcome: &Outcome,
    leaf: Option<&CertFacts>,
    anchor: &str,
) -> ChainClient {
    use crate::pki::hostname::{matches, HostMatch};
    let client = crate::facts::client(channel);
    let (who, accept, refuse) = crate::facts::clients::client_words(channel);
    let names = match (&name, leaf) {
        (Some(n), Some(leaf)) => match matches(leaf, n) {
            HostMatch::San => pass("names", format!("covers `{n}`")),
            HostMatch::CnOnly => fail(
                "names",
                format!("names `{n}` only in its CN, which current clients ignore"),
            ),
            HostMatch::No => fail("names", format!("does not cover `{n}`")),
        },
        _ => unknown("names", host_not_known(channel).to_string()),
    };
    let (trust, status, detail) = match outcome {
        Outcome::Verified { anchor } => {
            let trust = match (anchor, client) {
                (AnchorSource::Given(..), _) => Trust::Trusted,
                (AnchorSource::Store, Client::Browser) => Trust::PublicRoot,
                (AnchorSource::Store, Client::Server) => Trust::SystemStore,
            };
            (trust, ChannelStatus::Verified, format!("{who} {accept} this chain"))
        }
        Outcome::TrustUnknown => (
            Trust::ToBeGiven,
            ChannelStatus::TrustUnknown,
            format!("{who} {accept} this chain only where `{anchor}`, the CA at its top, is trusted, and it was not given as trusted"),
        ),
        Outcome::Rejected(r) => (
            Trust::Refused,
            ChannelStatus::Broken,
            format!("{who} {refuse} this chain: {}", crate::facts::chains::refusal_words(model, r)),
        ),
        Outcome::NotJudged => (
            Trust::ToBeGiven,
            ChannelStatus::Unknown,
            "not judged: no evaluation time was given".to_string(),
        ),
    };
    // The validator judged channels b and c without a name; the name check here completes it. A
    // chain is never `verified` for a name that was not checked.
    let (status, detail) = match (names.result, status) {
        (CheckResult::Fail, s) if s != ChannelStatus::Broken => (
            ChannelStatus::Broken,
            format!("{who} {refuse} this certificate: it {}", names.detail),
        ),
        (CheckResult::Unknown, ChannelStatus::Verified) => (
            ChannelStatus::TrustUnknown,
            format!(
                "the chain verifies, but {}, so whether the certificate covers it was not checked",
                host_not_known(channel)
            ),
        ),
        _ => (status, detail),
    };
    ChainClient {
        channel,
        name,
        names,
        trust,
        status,
        detail,
    }
}

/// Makes each chain's clients agree with what their channel saw served: when the running server was
/// seen serving this chain's leaf and the channel's client refuses what it served (the leaf without
/// its intermediate, say), the client is shown refusing it here too, whatever the file's own verdict.
/// One account per channel: the chain view never says "verified" beside a broken channel card about
/// the same certificate.
pub fn agree_with_served(
    chains: &mut [crate::report::ChainSummary],
    channels: &[crate::report::ChannelSummary],
) {
    use crate::report::ChannelStatus;
    for chain in chains.iter_mut() {
        let Some(leaf) = chain.links.first().map(|l| l.sha256.clone()) else {
            continue;
        };
        for client in &mut chain.clients {
            let Some(channel) = channels.iter().find(|c| c.id == client.channel) else {
                continue;
            };
            let refused = channel.served.iter().find(|s| {
                s.status == ChannelStatus::Broken
                    && s.certificates.first().is_some_and(|c| c.sha256 == leaf)
            });
            if let (Some(s), true) = (refused, client.status != ChannelStatus::Broken) {
                client.status = ChannelStatus::Broken;
                client.detail = format!(
                    "The file's chain would pass, but what {} serves with this certificate ({}) is refused; see the findings of channel {}.",
                    s.dialled,
                    s.source,
                    client.channel.as_str()
                );
            }
        }
    }
}
