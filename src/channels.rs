//! The three channel summaries: status, endpoint, settings involved, and an explanation in plain words.

use crate::config::Settings;
use crate::facts::effective_www_port;
use crate::facts::{DeploymentFacts, Facts};
use crate::net;
use crate::pki::{PkiFile, Role};
use crate::report::{CertificateRef, Channel, ChannelStatus, ChannelSummary, Finding, Severity};

pub fn summarise(model: &Facts, findings: &[Finding]) -> Vec<ChannelSummary> {
    let ids = [Channel::A, Channel::B, Channel::C];
    let Some(d) = model
        .primary()
        .map(|view| DeploymentFacts { facts: model, view })
    else {
        return ids
            .iter()
            .map(|&id| unknown(id, "Several servers' config files were given at once, so no single channel can be described. Check one server's files at a time."))
            .collect();
    };
    let broken = |id: Channel| {
        findings
            .iter()
            .any(|f| f.channel == id && f.severity == Severity::Error)
    };
    let mut summaries = vec![
        channel_a(&d, broken(Channel::A), model),
        channel_b(&d, broken(Channel::B)),
        channel_c(&d, broken(Channel::C)),
    ];
    for s in &mut summaries {
        add_served(s, model);
    }
    if model.load_balancing.is_some() {
        per_node(&mut summaries, model, findings);
        let mut d = channel_d(model, findings);
        add_served(&mut d, model);
        summaries.push(d);
    }
    summaries
}

/// Whether a node has an error on a channel: a finding in one of its folder's files.
fn node_broken(findings: &[Finding], id: Channel, folder: &str) -> bool {
    findings.iter().any(|f| {
        f.channel == id
            && f.severity == Severity::Error
            && crate::model::folder_of(&f.file) == folder
    })
}

/// Channels a, b and c as each node of a cluster has them; channel a says where TLS ends.
fn per_node(summaries: &mut [ChannelSummary], model: &Facts, findings: &[Finding]) {
    let nodes = model.nodes();
    for s in summaries.iter_mut() {
        s.nodes = nodes
            .iter()
            .map(|(n, d)| {
                let broken = node_broken(findings, s.id, &d.deployment.folder);
                let one = match s.id {
                    Channel::A => channel_a(d, broken, model),
                    Channel::B => channel_b(d, broken),
                    _ => channel_c(d, broken),
                };
                // A node's own side of channel a is its address behind the balancer.
                let endpoint = match s.id {
                    Channel::A => d.node_address().and_then(|a| a.url()).or(one.endpoint),
                    _ => one.endpoint,
                };
                crate::report::NodeStatus {
                    node: n.name.clone(),
                    status: one.status,
                    endpoint,
                    certificate: None,
                }
            })
            .collect();
    }
    let Some((_, first)) = nodes.first() else {
        return;
    };
    let Some(r) = first.rserver() else { return };
    // On Kubernetes the path in front of the pods is told by the routes (`kubernetes_path`).
    if model
        .kubernetes
        .as_ref()
        .is_some_and(|k| first.rserver_file().is_some_and(|f| k.made(&f.name)))
    {
        return;
    }
    let front = if r.flag("ssl-enabled") {
        "TLS passes through the load balancer to the nodes, which serve HTTPS with their own certificates: each must name the address users type."
    } else if crate::facts::callback(&first.view)
        .and_then(|cb| cb.url.ok())
        .is_some_and(|u| u.scheme == "https")
    {
        "TLS ends at the load balancer: the nodes serve plain HTTP behind it, and sessions call back over HTTPS to the public name."
    } else {
        "The nodes serve plain HTTP; whether TLS ends at the load balancer in front is not shown by the files."
    };
    if let Some(a) = summaries.iter_mut().find(|s| s.id == Channel::A) {
        a.explanation = format!(
            "Browser ⇄ load balancer ⇄ {} nodes. {front} {}",
            nodes.len(),
            a.explanation
        );
    }
}

/// Channel d: rserver on each node dialling the others, at their `www-host-name` and Workbench's
/// port, judged as rserver judges a server (the system store, the CAs marked trusted), with the
/// load-balancer file's `verify-ssl-certs`.
fn channel_d(model: &Facts, findings: &[Finding]) -> ChannelSummary {
    use crate::pki::hostname::{matches, HostMatch};
    use crate::pki::trust::Outcome;
    let nodes = model.nodes();
    let mut statuses = Vec::new();
    let mut words = Vec::new();
    let mut settings = Vec::new();
    let mut trust = Vec::new();
    for (n, d) in &nodes {
        let Some(addr) = d.node_address() else {
            statuses.push((n, ChannelStatus::Unknown, None, None));
            words.push(format!("For {}, rserver.conf was not given.", n.called()));
            continue;
        };
        if let Some(h) = &addr.host {
            settings.push(h.to_ref());
        }
        let verify = d
            .deployment
            .load_balancer
            .is_none_or(|i| model.configs[i].settings().flag("verify-ssl-certs"));
        let url = addr.url();
        let host = addr
            .host
            .as_ref()
            .map(|h| net::split_host_port(&h.value).0.to_string());
        let leaf = model
            .file_for(d.deployment, Role::RserverCertificate)
            .filter(|_| addr.tls);
        let (status, why) = if node_broken(findings, Channel::D, &d.deployment.folder) {
            (
                ChannelStatus::Broken,
                "see the findings for channel d".to_string(),
            )
        } else if !addr.tls {
            (
                ChannelStatus::Plaintext,
                "the other nodes reach it over plain HTTP (`ssl-enabled` is off)".into(),
            )
        } else if !verify {
            (
                ChannelStatus::EncryptedUnverified,
                "over HTTPS without verifying its certificate (`verify-ssl-certs=0`)".into(),
            )
        } else if let Some(file) = leaf {
            // "Verified" names the dialled host by webpki's rules too (the reference validator, as
            // for what is served), not only by ours.
            let covered = match (&host, file.leaf()) {
                (Some(h), Some(c)) if !addr.by_ip => {
                    matches(c, h) == HostMatch::San && crate::pki::trust::covers_name(&c.der, h)
                }
                _ => false,
            };
            match model.pki_index(file).and_then(|i| model.verdict(Channel::C, i)).map(|v| &v.outcome) {
                Some(Outcome::Rejected(_)) => (ChannelStatus::Broken, "rserver refuses its certificate (see the certificate findings)".into()),
                Some(Outcome::Verified { .. }) if covered => (ChannelStatus::Verified, "its certificate verifies for the name the other nodes dial".into()),
                Some(Outcome::TrustUnknown) => {
                    if let Some((anchor, _)) = crate::pki::trust_anchor(file, &model.pki) {
                        let t = format!("every node must trust {anchor}");
                        if !trust.contains(&t) {
                            trust.push(t);
                        }
                    }
                    (ChannelStatus::TrustUnknown, "its certificate is accepted only where its CA is trusted, and no input shows that the nodes trust it".into())
                }
                _ if host.is_none() => (ChannelStatus::Unknown, "`www-host-name` is not set, so the name the other nodes dial (the machine's) is not known".into()),
                _ => (ChannelStatus::Unknown, "whether its certificate covers the address the other nodes dial is not known".into()),
            }
        } else {
            (
                ChannelStatus::Unknown,
                "its certificate was not given".into(),
            )
        };
        words.push(format!(
            "Reaching {}{}: {why}.",
            n.called(),
            url.as_ref().map(|u| format!(" at {u}")).unwrap_or_default()
        ));
        statuses.push((n, status, url, leaf.and_then(certificate_ref)));
    }
    let status = statuses
        .iter()
        .map(|(_, s, _, _)| *s)
        .min_by_key(|s| rank(*s))
        .unwrap_or(ChannelStatus::Unknown);
    // The card's certificate is the worst node's: the one to look at first.
    let certificate = statuses
        .iter()
        .filter(|(_, _, _, c)| c.is_some())
        .min_by_key(|(_, s, _, _)| rank(*s))
        .and_then(|(_, _, _, c)| c.clone());
    let known = if nodes.len() == 1 {
        " Only one node's files were given: the other nodes' certificates and names were not checked."
    } else {
        ""
    };
    ChannelSummary {
        id: Channel::D,
        status,
        endpoint: statuses.first().and_then(|(_, _, u, _)| u.clone()),
        certificate,
        trust,
        settings,
        explanation: format!("{}{known}", words.join(" ")),
        served: Vec::new(),
        nodes: statuses
            .into_iter()
            .map(
                |(n, status, endpoint, certificate)| crate::report::NodeStatus {
                    node: n.name.clone(),
                    status,
                    endpoint,
                    certificate,
                },
            )
            .collect(),
    }
}

/// Worst first: the order in which a channel's statuses combine.
fn rank(s: ChannelStatus) -> u8 {
    match s {
        ChannelStatus::Broken => 0,
        ChannelStatus::Plaintext | ChannelStatus::EncryptedUnverified => 1,
        ChannelStatus::Unknown => 2,
        ChannelStatus::TrustUnknown => 3,
        ChannelStatus::Verified => 4,
        ChannelStatus::NotConfigured => 5,
    }
}

/// What a channel's client makes of one observation of its endpoint. `None` as the status: the
/// observation does not bear on it (a tool's own "verify ok" on the certificate in the file, or a
/// tool that dialled with the other protocol).
fn observed_status(model: &Facts, s: &crate::facts::Served) -> (Option<ChannelStatus>, String) {
    use crate::input::observation::Reach;
    let o = &model.observations[s.observation];
    let (status, words) = observed(model, s);
    let other_protocol = o.attempted_tls.is_some_and(|t| t != s.endpoint.tls);
    let no_say = match &o.reach {
        // A tool's own "verify ok" on the file's certificate adds nothing to the file's verdict.
        Reach::Tls(_) => status == ChannelStatus::Unknown && s.same_as_file == Some(true),
        // Dialled with the other protocol (curl http:// to an https address): a failure, or an
        // answer in the configured protocol, says nothing about the channel.
        Reach::Failed { .. } | Reach::PlainHttpOnTls | Reach::TlsOnPlainHttp => {
            other_protocol && o.spoke_tls().is_none_or(|t| t == s.endpoint.tls)
        }
        Reach::PlainHttp => false,
    };
    (if no_say { None } else { Some(status) }, words)
}

fn observed(model: &Facts, s: &crate::facts::Served) -> (ChannelStatus, String) {
    use crate::input::observation::Reach;
    use crate::pki::trust::Outcome;
    let o = &model.observations[s.observation];
    let seen = format!("{} saw {}", o.source(), o.dialled());
    match &o.reach {
        Reach::Failed { .. } => (
            if s.endpoint.channel == Channel::B {
                ChannelStatus::Broken
            } else {
                ChannelStatus::Unknown
            },
            format!("{seen} fail: {}.", o.result_words()),
        ),
        Reach::PlainHttpOnTls | Reach::TlsOnPlainHttp => (
            ChannelStatus::Broken,
            format!("{seen} speak the other protocol: {}.", o.result_words()),
        ),
        Reach::PlainHttp if s.endpoint.tls => (
            ChannelStatus::Broken,
            format!("{seen} answer in plain HTTP where TLS is configured."),
        ),
        Reach::PlainHttp => (
            ChannelStatus::Plaintext,
            format!("{seen} answer in plain HTTP."),
        ),
        Reach::Tls(_) if !s.endpoint.tls => (
            ChannelStatus::Broken,
            format!("{seen} speak TLS where plain HTTP is configured."),
        ),
        Reach::Tls(t) => {
            let how = o.result_words();
            match (&s.outcome, &t.tool_verdict) {
                (Some(Outcome::Verified { .. }), _) => (
                    ChannelStatus::Verified,
                    format!("{seen} serve a chain that verifies ({how})."),
                ),
                // A chain that stops short of a CA given as trusted: an intermediate is missing.
                (Some(Outcome::TrustUnknown), _) if crate::facts::served::short_of_trusted(model, s) => (
                    ChannelStatus::Broken,
                    format!("{seen} serve a chain without the intermediate certificate that leads to the trusted CA ({how}); see `served-chain-incomplete`."),
                ),
                (Some(Outcome::TrustUnknown), _) => (
                    ChannelStatus::TrustUnknown,
                    format!("{seen} serve a chain that does not end at a CA known to be trusted ({how})."),
                ),
                (Some(Outcome::Rejected(_)), _) => (
                    ChannelStatus::Broken,
                    format!("{seen} serve a chain the client refuses ({how})."),
                ),
                (_, Some(v)) if !v.ok => (
                    ChannelStatus::Broken,
                    format!("{seen} serve a certificate the tool refused ({}).", v.text),
                ),
                (_, Some(v)) if s.same_as_file == Some(true) => (
                    ChannelStatus::Unknown,
                    format!("{seen} serve the certificate of the file ({how}; {}).", v.text),
                ),
                _ => (
                    ChannelStatus::Unknown,
                    format!("{seen} serve TLS ({how}); the output holds no certificate to judge."),
                ),
            }
        }
    }
}

/// Adds what was observed on a channel's endpoint, and lets it decide the status: "verified" only when
/// both the files and what is served verify; what is served decides when the files were not given.
fn add_served(summary: &mut ChannelSummary, model: &Facts) {
    use crate::report::ServedSummary;
    let mut observed: Option<ChannelStatus> = None;
    let mut words = Vec::new();
    for s in model
        .served
        .iter()
        .filter(|s| s.endpoint.channel == summary.id)
    {
        let o = &model.observations[s.observation];
        let (status, text) = observed_status(model, s);
        if let Some(status) = status {
            observed =
                Some(observed.map_or(status, |w| if rank(status) < rank(w) { status } else { w }));
        }
        words.push(text);
        let certificates = s
            .chain(model)
            .into_iter()
            .flat_map(|f| f.certificates().map(|(_, c)| cert_ref(c)))
            .collect();
        summary.served.push(ServedSummary {
            source: o.source(),
            dialled: o.dialled(),
            address: o.address.clone(),
            result: match &o.reach {
                crate::input::observation::Reach::Tls(_) => "tls",
                crate::input::observation::Reach::PlainHttp => "plain-http",
                crate::input::observation::Reach::PlainHttpOnTls => "plain-http-on-tls",
                crate::input::observation::Reach::TlsOnPlainHttp => "tls-on-plain-http",
                crate::input::observation::Reach::Failed { .. } => "failed",
            }
            .into(),
            detail: o.result_words(),
            certificates,
            same_as_file: s.same_as_file,
            // No say of its own: the file's status when it served the file's certificate.
            status: status.unwrap_or(if s.same_as_file == Some(true) {
                summary.status
            } else {
                ChannelStatus::Unknown
            }),
            http: o.http.as_ref().map(|h| h.line.clone()),
        });
    }
    if words.is_empty() {
        return;
    }
    let file = summary.status;
    let Some(observed) = observed else {
        summary.explanation = format!("{} Observed: {}", summary.explanation, words.join(" "));
        return;
    };
    summary.status = match file {
        ChannelStatus::Broken | ChannelStatus::NotConfigured => file,
        _ if observed == ChannelStatus::Broken => observed,
        ChannelStatus::Plaintext | ChannelStatus::EncryptedUnverified => file,
        ChannelStatus::Unknown => observed,
        _ if rank(observed) < rank(file) => observed,
        _ => file,
    };
    // What runs decides: when it is worse than the files, the card says so first, so that it never
    // reads "passed every check" above a served chain that clients refuse.
    summary.explanation = if summary.status != file && file != ChannelStatus::Unknown {
        format!(
            "What the server really serves is worse than its files: {} The configured files alone: {}",
            words.join(" "),
            summary.explanation
        )
    } else {
        format!("{} Observed: {}", summary.explanation, words.join(" "))
    };
}

/// The certificate that serves a channel, as the summary shows it.
fn certificate_ref(file: &PkiFile) -> Option<CertificateRef> {
    file.leaf().map(cert_ref)
}

/// One certificate as the summaries show it.
fn cert_ref(c: &crate::pki::cert::CertFacts) -> CertificateRef {
    CertificateRef {
        subject: c.subject.clone(),
        sans: c.names(),
        not_after: crate::format_time(c.not_after).unwrap_or_default(),
        sha256: c.sha256.clone(),
    }
}

/// The status of a TLS channel whose client verifies the certificate: the path validator's verdict,
/// in words whose subject is the channel's client ("Browsers accept", "rserver accepts").
fn verdict_status(
    model: &Facts,
    channel: Channel,
    file: &PkiFile,
    port_text: &str,
) -> (ChannelStatus, String) {
    use crate::pki::trust::{AnchorSource, Outcome};
    let (who, accept, refuse) = crate::facts::clients::client_words(channel);
    let subject = crate::facts::clients::client_subject(channel);
    let Some(leaf) = file.leaf() else {
        return (
            ChannelStatus::Unknown,
            format!("`{}` holds no certificate.", file.name),
        );
    };
    let judged = model
        .pki_index(file)
        .and_then(|i| model.verdict(channel, i));
    // A browser checks the chain for the name in its address bar: without that name, a chain that
    // verifies is not yet a promise that browsers accept it.
    let name_unknown = channel == Channel::A && judged.is_some_and(|v| v.name.is_none());
    let verdict = judged.map(|v| &v.outcome);
    if let (true, Some(Outcome::Verified { .. })) = (name_unknown, verdict) {
        return (ChannelStatus::TrustUnknown, format!("The chain of `{}`{port_text} verifies, but the host name users type is not known (nothing in the inputs names it), so whether browsers accept the certificate for that name is not known. Give the public host name users type to check it.", leaf.short_name()));
    }
    match verdict {
        Some(Outcome::Verified { anchor }) => {
            let anchor = match anchor {
                AnchorSource::Given(f, b) => model.pki[*f]
                    .cert(*b)
                    .map(|c| format!("the trusted CA `{}`", c.short_name()))
                    .unwrap_or_else(|| "a trusted CA".into()),
                AnchorSource::Store if crate::facts::client(channel) == crate::pki::trust::Client::Browser => "a root of Mozilla's root program, which browsers trust".into(),
                AnchorSource::Store => "a root of the server's system trust store".into(),
            };
            (ChannelStatus::Verified, format!("{subject} {accept} the certificate `{}`{port_text}: its chain verifies up to {anchor}, and it passed every check.", leaf.short_name()))
        }
        Some(Outcome::TrustUnknown) => {
            let s = if channel == Channel::B { "s" } else { "" };
            let anchor = crate::pki::trust_anchor(file, &model.pki)
                .map(|(t, _)| t)
                .unwrap_or_else(|| "the CA at the top of its chain".into());
            (ChannelStatus::TrustUnknown, format!("The certificate `{}`{port_text} is fine as far as can be seen, but it is accepted only where {anchor} is trusted, and none of the inputs shows that {who} trust{s} it. Give that CA's certificate, marked as trusted, to check the chain up to it.", leaf.short_name()))
        }
        Some(Outcome::Rejected(_)) => (ChannelStatus::Broken, format!("{subject} {refuse} the certificate `{}`{port_text}; see the findings for channel {}.", leaf.short_name(), channel.as_str())),
        Some(Outcome::NotJudged) | None => (ChannelStatus::Unknown, format!("The certificate `{}`{port_text} was not judged: no evaluation time was given.", leaf.short_name())),
    }
}

fn unknown(id: Channel, why: &str) -> ChannelSummary {
    ChannelSummary {
        id,
        served: Vec::new(),
        nodes: Vec::new(),
        status: ChannelStatus::Unknown,
        endpoint: None,
        certificate: None,
        trust: Vec::new(),
        settings: Vec::new(),
        explanation: why.to_string(),
    }
}

fn refs(s: &Settings, keys: &[&'static str]) -> Vec<crate::report::SettingRef> {
    keys.iter().map(|k| s.get(k).to_ref()).collect()
}

/// The host name users type, for the channel diagram (see [`Model::public_host_name`]).
fn public_host(d: &DeploymentFacts, model: &Facts) -> Option<String> {
    d.rserver()?;
    model.public_host_name().map(|(name, _)| name)
}

fn channel_a(d: &DeploymentFacts, broken: bool, model: &Facts) -> ChannelSummary {
    let Some(r) = d.rserver() else {
        return unknown(
            Channel::A,
            "rserver.conf was not provided, so how browsers reach Workbench is unknown.",
        );
    };
    let ssl = r.flag("ssl-enabled");
    let scheme = if ssl { "https" } else { "http" };
    let (port, port_text) = effective_www_port(&r);
    let host = public_host(d, model).unwrap_or_else(|| "<workbench-host>".into());
    // Behind a load balancer whose name the callback gives, browsers dial the balancer at the
    // callback's scheme and port, not the nodes' port (the guide: the callback is what users type).
    let balancer = crate::facts::callback(&d.view)
        .and_then(|cb| cb.url.ok())
        .filter(|u| d.model.load_balancing.is_some() && net::same_host(&u.host, &host));
    let endpoint = match balancer {
        Some(u) => net::url(
            &u.scheme,
            &u.host,
            (u.port() != net::default_port(&u.scheme)).then_some(u.port()),
        ),
        None => net::url(
            scheme,
            &host,
            (port != net::default_port(scheme)).then_some(port),
        ),
    };
    let mut settings = refs(
        &r,
        &[
            "ssl-enabled",
            "ssl-certificate",
            "ssl-certificate-key",
            "www-port",
            "www-address",
            "ssl-protocols",
            "auth-cookies-force-secure",
        ],
    );
    if let Some(s) = settings
        .iter_mut()
        .find(|s| s.key == "www-port" && s.default)
    {
        s.value = port.to_string();
    }
    let behind_proxy = r.flag("auth-cookies-force-secure");
    let cert_file = model.file_for(d.deployment, Role::RserverCertificate);
    // On Kubernetes, users come through the routes and Services the inputs show.
    let kubernetes = model
        .kubernetes
        .as_ref()
        .filter(|k| !ssl && d.rserver_file().is_some_and(|f| k.made(&f.name)));
    if let Some(k) = kubernetes {
        let (status, endpoint, explanation) = kubernetes_path(k, broken, port);
        return ChannelSummary {
            id: Channel::A,
            served: Vec::new(),
            nodes: Vec::new(),
            status,
            endpoint,
            certificate: None,
            trust: Vec::new(),
            settings,
            explanation,
        };
    }
    let (status, explanation) = if broken {
        (ChannelStatus::Broken, "An error on this channel stops browsers from reaching Workbench securely; see the findings for channel a.".to_string())
    } else if !ssl && behind_proxy {
        (ChannelStatus::Plaintext, format!("Workbench serves plain HTTP on port {port_text}; `auth-cookies-force-secure=1` says a proxy in front terminates TLS, so browsers should use the proxy's https URL."))
    } else if !ssl {
        (ChannelStatus::Plaintext, format!("Workbench serves plain HTTP on port {port_text}: passwords and cookies cross the network unencrypted unless a TLS proxy sits in front."))
    } else if let Some(f) = cert_file.filter(|f| f.leaf().is_some()) {
        verdict_status(
            model,
            Channel::A,
            f,
            &format!(" over HTTPS on port {port_text}"),
        )
    } else {
        (ChannelStatus::Unknown, format!("Workbench serves HTTPS on port {port_text}; the file named by `ssl-certificate` was not provided, so its certificate was not checked."))
    };
    let trust = match (
        ssl,
        cert_file
            .and_then(|f| crate::pki::trust_anchor(f, &d.model.pki))
            .map(|(t, _)| t),
    ) {
        (true, Some(anchor)) => vec![format!(
            "Users' browsers must trust {anchor} (public CAs already are)."
        )],
        _ => Vec::new(),
    };
    ChannelSummary {
        id: Channel::A,
        served: Vec::new(),
        nodes: Vec::new(),
        status,
        endpoint: Some(endpoint),
        certificate: cert_file.filter(|_| ssl).and_then(certificate_ref),
        trust,
        settings,
        explanation,
    }
}

/// The way in to Workbench's pods and back on Kubernetes, for the diagram: the route users take (one
/// with TLS first, as channel a judges), the Service behind it, the pods, and the callback when it
/// goes through that Service. `None` when no Kubernetes input made the checked rserver.conf.
pub fn kubernetes_summary(model: &Facts) -> Option<crate::report::KubernetesPath> {
    // Never without the reader: said so to the compiler, so that this stays out of the page's first
    // module.
    if !cfg!(feature = "kubernetes") {
        return None;
    }
    let d = model
        .primary()
        .map(|view| DeploymentFacts { facts: model, view })?;
    let rserver = d.rserver_file()?;
    let k = model
        .kubernetes
        .as_ref()
        .filter(|k| k.made(&rserver.name))?;
    let r = d.rserver()?;
    let route = k
        .objects
        .routes
        .iter()
        .find(|r| r.tls.is_some())
        .or(k.objects.routes.first());
    let callback = r.value("launcher-sessions-callback-address").filter(|url| {
        crate::net::parse_http_url(url).is_ok_and(|u| k.service_named(&u.host).is_some())
    });
    // Workbench's own Service: the one the callback names, else the one a route has to pass (the
    // first: the chart makes one).
    let service = callback
        .and_then(|url| crate::net::parse_http_url(url).ok())
        .and_then(|u| k.service_named(&u.host))
        .or(k.objects.services.first());
    let exposed = k
        .objects
        .services
        .iter()
        .find(|s| matches!(s.kind.as_str(), "NodePort" | "LoadBalancer"));
    Some(crate::report::KubernetesPath {
        entry: route
            .map(|r| r.what.clone())
            .or_else(|| exposed.map(|s| format!("{} Service {}", s.kind, s.name))),
        host: route.and_then(|r| r.hosts.first().cloned()),
        tls: route.and_then(|r| r.tls.clone()),
        service: service.map(|s| match s.ports.first() {
            Some((port, _)) => format!("{}:{port}", s.name),
            None => s.name.clone(),
        }),
        replicas: k.replicas().map(|(n, _)| n),
        callback: callback.map(str::to_string),
    })
}

/// Channel a on Kubernetes, where rserver serves plain HTTP in the pod: what the routes and Services
/// in front of it give browsers. A route's certificate is a Secret the inputs rarely hold, so TLS at a
/// route is "unknown", never verified.
fn kubernetes_path(
    k: &crate::input::kubernetes::Kubernetes,
    broken: bool,
    port: u16,
) -> (ChannelStatus, Option<String>, String) {
    let routes = &k.objects.routes;
    let host = |r: &crate::input::kubernetes::objects::Route| {
        r.hosts
            .first()
            .cloned()
            .unwrap_or_else(|| "<workbench-host>".into())
    };
    let inside = format!("inside the cluster it reaches rserver over plain HTTP on port {port}");
    if broken {
        return (
            ChannelStatus::Broken,
            None,
            "An error on this channel stops browsers from reaching Workbench securely; see the findings for channel a.".into(),
        );
    }
    if let Some(r) = routes.iter().find(|r| r.tls.is_some()) {
        return (
            ChannelStatus::Unknown,
            Some(format!("https://{}", host(r))),
            format!(
                "TLS ends at {} ({}); its certificate is in the cluster, not among the inputs, so it was not checked. From there {inside}.",
                r.what,
                r.tls.as_deref().unwrap_or_default()
            ),
        );
    }
    if let Some(r) = routes.first() {
        return (
            ChannelStatus::Plaintext,
            Some(format!("http://{}", host(r))),
            format!(
                "Browsers reach Workbench through {} over plain HTTP, and {inside}.",
                r.what
            ),
        );
    }
    if let Some(s) = k
        .objects
        .services
        .iter()
        .find(|s| matches!(s.kind.as_str(), "NodePort" | "LoadBalancer"))
    {
        return (
            ChannelStatus::Plaintext,
            None,
            format!(
                "Browsers reach Workbench through the {} Service {}, over plain HTTP.",
                s.kind, s.name
            ),
        );
    }
    (
        ChannelStatus::Unknown,
        None,
        format!("No Ingress, route or exposed Service is among the inputs, so how browsers reach Workbench is not known (a route made elsewhere, `kubectl port-forward`); {inside}."),
    )
}

fn channel_b(d: &DeploymentFacts, broken: bool) -> ChannelSummary {
    let launcher = d.launcher();
    let Some(r) = d.rserver() else {
        return unknown(
            Channel::B,
            if launcher.is_some() {
                "launcher.conf was given but rserver.conf was not, so how Workbench reaches the Launcher is unknown."
            } else {
                "Neither rserver.conf nor launcher.conf was provided."
            },
        );
    };
    let mut settings = refs(
        &r,
        &[
            "launcher-sessions-enabled",
            "launcher-address",
            "launcher-port",
            "launcher-use-ssl",
            "launcher-verify-ssl-certs",
        ],
    );
    if let Some(l) = &launcher {
        settings.extend(refs(
            &l.server,
            &[
                "address",
                "port",
                "enable-ssl",
                "certificate-file",
                "certificate-key-file",
                "server-user",
                "admin-group",
            ],
        ));
    }
    if !d.launcher_in_use() {
        return ChannelSummary {
            id: Channel::B,
            served: Vec::new(),
            nodes: Vec::new(),
            status: ChannelStatus::NotConfigured,
            endpoint: None,
            certificate: None,
            trust: Vec::new(),
            settings,
            explanation: "Workbench does not use the Job Launcher (`launcher-sessions-enabled` is off and no `launcher-address` is set).".into(),
        };
    }
    let address = d.launcher_host();
    let address = address.as_deref();
    let ssl = r.flag("launcher-use-ssl");
    let verify = r.flag("launcher-verify-ssl-certs");
    let socket = address.is_some_and(net::is_socket_path);
    let endpoint = address.map(|a| {
        if socket {
            format!("unix:{a}")
        } else {
            let scheme = if ssl { "https" } else { "http" };
            match r.get("launcher-port").value.parse::<u16>() {
                Ok(port) => net::url(scheme, a, Some(port)),
                // An unreadable port is shown as it is written (`invalid-value` reports it).
                Err(_) => format!(
                    "{}:{}",
                    net::url(scheme, a, None),
                    r.value("launcher-port").unwrap_or("?")
                ),
            }
        }
    });
    let mut trust = Vec::new();
    let cert_file = d.model.file_for(d.deployment, Role::LauncherCertificate);
    let (status, explanation) = if broken {
        (ChannelStatus::Broken, "An error on this channel stops Workbench from reaching the Launcher; see the findings for channel b.".to_string())
    } else if socket {
        (ChannelStatus::Plaintext, "Workbench reaches the Launcher through a local unix socket: not encrypted, but it never crosses the network.".to_string())
    } else if !ssl {
        (ChannelStatus::Plaintext, "Workbench talks to the Launcher over plain HTTP. That is fine on loopback; across a network, requests to start jobs can be read and altered.".to_string())
    } else if !verify {
        (ChannelStatus::EncryptedUnverified, "Workbench talks to the Launcher over HTTPS without verifying its certificate (`launcher-verify-ssl-certs=0`).".to_string())
    } else {
        let anchor = cert_file
            .and_then(|f| crate::pki::trust_anchor(f, &d.model.pki))
            .map(|(t, _)| t)
            .unwrap_or_else(|| {
                "the CA that issued the Launcher certificate (launcher.conf `certificate-file`)"
                    .into()
            });
        trust.push(format!("The Workbench host must trust {anchor}."));
        match cert_file.filter(|f| f.leaf().is_some()) {
            Some(f) => verdict_status(d.facts, Channel::B, f, ""),
            None => (ChannelStatus::Unknown, "Workbench talks to the Launcher over HTTPS and verifies its certificate; the Launcher's certificate file was not provided, so it was not checked.".to_string()),
        }
    };
    // How rserver's address meets the Launcher's: what the Launcher binds, what rserver resolves.
    let explanation = match (&launcher, address) {
        (Some(l), Some(client)) if !broken && !socket => {
            let bind = l.server.get("address");
            match how_addresses_meet(client, &bind.value) {
                Some(how) => format!("{explanation} {how} ({}).", bind.describe()),
                None => explanation,
            }
        }
        _ => explanation,
    };
    ChannelSummary {
        id: Channel::B,
        served: Vec::new(),
        nodes: Vec::new(),
        status,
        endpoint,
        certificate: cert_file
            .filter(|_| ssl && !socket)
            .and_then(certificate_ref),
        trust,
        settings,
        explanation,
    }
}

/// Why rserver's `launcher-address` reaches the interface the Launcher binds, in words; `None` when
/// it does not (`launcher-address-mismatch` says why) or nothing can be said.
fn how_addresses_meet(client: &str, bind: &str) -> Option<String> {
    if crate::facts::launcher_addresses_miss(client, bind).is_some() {
        return None;
    }
    Some(if net::is_wildcard(bind) {
        format!("The Launcher binds every interface, so rserver reaches it at `{client}` as long as that name is this Launcher's host")
    } else if net::same_host(client, bind) {
        format!("rserver dials `{client}`, the address the Launcher binds")
    } else if client.eq_ignore_ascii_case("localhost") || bind.eq_ignore_ascii_case("localhost") {
        format!("rserver dials `{client}` and the Launcher binds `{bind}`: `localhost` resolves to 127.0.0.1 and ::1, and rserver tries each address, so the loopback addresses meet")
    } else {
        format!(
            "rserver dials `{client}` and the Launcher binds `{bind}`, both loopback on this host"
        )
    })
}

fn channel_c(d: &DeploymentFacts, broken: bool) -> ChannelSummary {
    let Some(r) = d.rserver() else {
        return unknown(
            Channel::C,
            "rserver.conf was not provided, so the session callback address is unknown.",
        );
    };
    let settings = refs(
        &r,
        &[
            "launcher-sessions-enabled",
            "launcher-sessions-callback-address",
            "launcher-sessions-callback-verify-ssl-certs",
            "ssl-enabled",
            "www-port",
            "session-ssl-enabled",
        ],
    );
    let callback = r.value("launcher-sessions-callback-address");
    if !d.sessions_enabled() && callback.is_none() {
        return ChannelSummary {
            id: Channel::C,
            served: Vec::new(),
            nodes: Vec::new(),
            status: ChannelStatus::NotConfigured,
            endpoint: None,
            certificate: None,
            trust: Vec::new(),
            settings,
            explanation: "Launcher sessions are off (`launcher-sessions-enabled` is not 1), so sessions do not call back to Workbench.".into(),
        };
    }
    let url = crate::facts::callback(d).and_then(|c| c.url.ok());
    let cert_file = d.model.file_for(d.deployment, Role::RserverCertificate);
    let verify = r.flag("launcher-sessions-callback-verify-ssl-certs");
    let mut trust = Vec::new();
    let (status, explanation) = if broken {
        (ChannelStatus::Broken, "An error on this channel stops sessions from calling back to Workbench; see the findings for channel c.".to_string())
    } else if let Some(u) = &url {
        if u.scheme == "http" {
            (
                ChannelStatus::Plaintext,
                format!(
                    "Sessions call back to Workbench over plain HTTP at {}.",
                    u.host
                ),
            )
        } else if !verify {
            (
                ChannelStatus::EncryptedUnverified,
                "Sessions call back over HTTPS without verifying Workbench's certificate."
                    .to_string(),
            )
        } else {
            let anchor = cert_file
                .and_then(|f| crate::pki::trust_anchor(f, &d.model.pki))
                .map(|(t, _)| t)
                .unwrap_or_else(|| {
                    "the CA that issued Workbench's certificate (rserver.conf `ssl-certificate`)"
                        .into()
                });
            trust.push(format!("Every session host or image must trust {anchor}."));
            match cert_file.filter(|f| f.leaf().is_some()) {
                Some(f) if r.flag("ssl-enabled") => verdict_status(d.facts, Channel::C, f, ""),
                _ if !r.flag("ssl-enabled") => (ChannelStatus::Unknown, "Sessions call back over HTTPS to a TLS proxy in front of Workbench, whose certificate is not among the inputs.".to_string()),
                _ => (ChannelStatus::Unknown, "Sessions call back over HTTPS and verify Workbench's certificate; the file named by `ssl-certificate` was not provided, so it was not checked.".to_string()),
            }
        }
    } else {
        (
            ChannelStatus::Unknown,
            "The callback address is not set or not a URL.".to_string(),
        )
    };
    // The other direction of the channel: rserver proxying to sessions on other hosts.
    let explanation = if !r.flag("session-ssl-enabled")
        && matches!(
            d.remote_sessions(),
            crate::model::RemoteSessions::Confirmed(_)
        ) {
        format!("{explanation} In the other direction, rserver proxies to sessions on other hosts in clear text (`session-ssl-enabled=0`).")
    } else {
        explanation
    };
    ChannelSummary {
        id: Channel::C,
        served: Vec::new(),
        nodes: Vec::new(),
        status,
        endpoint: callback.map(str::to_string),
        certificate: cert_file
            .filter(|_| url.as_ref().is_some_and(|u| u.scheme == "https") && r.flag("ssl-enabled"))
            .and_then(certificate_ref),
        trust,
        settings,
        explanation,
    }
}
