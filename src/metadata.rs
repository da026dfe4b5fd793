//! The names the report's ids stand for, for people: channel titles, status words, role and input-kind
//! labels, severities, chain words, fix safety, and the few numbers the page shows results by (the
//! expiry warning's threshold, the input size limit). The page takes them from here (the wasm
//! `metadata()` export) instead of repeating them; [`verdict`] is the report's one-line verdict.

use crate::pki::{Role, ALL_ROLES};
use crate::report::{
    count, Channel, ChannelStatus, FixSafety, LinkPosition, Report, Severity, Trust,
};
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

/// An input kind (`InputSummary::kind`).
#[derive(Clone, Debug, Serialize)]
pub struct KindName {
    pub id: &'static str,
    pub label: &'static str,
    /// A config file: its lines may be shown and its fixes applied (never a certificate or a key).
    pub config: bool,
}

/// A severity, most severe first.
#[derive(Clone, Debug, Serialize)]
pub struct SeverityName {
    pub id: &'static str,
    pub label: &'static str,
    /// The noun a count of findings of this severity takes for people ("3 notes": infos are notes).
    pub noun: &'static str,
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

/// The numbers the page judges and limits by, the same as the rules'.
#[derive(Clone, Debug, Serialize)]
pub struct Limits {
    /// A certificate that expires within this many days gets `cert-expires-soon` (the page colours its
    /// date as a warning).
    pub expires_soon_days: i64,
    /// An input larger than this is not parsed (`input-too-large`).
    pub max_input_bytes: usize,
}

#[derive(Clone, Debug, Serialize)]
pub struct Metadata {
    /// a, b, c and `-`, in the order the report groups findings.
    pub channels: Vec<ChannelName>,
    pub statuses: Vec<Named>,
    pub roles: Vec<RoleName>,
    pub kinds: Vec<KindName>,
    pub severities: Vec<SeverityName>,
    /// Where a certificate sits in a served chain (`ChainLink::position`).
    pub positions: Vec<Named>,
    /// The checks of a chain link (`LinkCheck::check`).
    pub checks: Vec<Named>,
    /// How a client trusts a chain's anchor (`ChainClient::trust`).
    pub trusts: Vec<Named>,
    /// Whether a fix can be applied without a person deciding (`Fix::safety`).
    pub fix_safeties: Vec<Named>,
    /// Who prints a symptom's message (`Symptom::printed_by`).
    pub printers: Vec<Named>,
    pub limits: Limits,
}

const SEVERITIES: [Severity; 3] = [Severity::Error, Severity::Warning, Severity::Info];

fn severity_noun(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

const POSITIONS: [LinkPosition; 4] = [
    LinkPosition::Leaf,
    LinkPosition::SelfSigned,
    LinkPosition::Intermediate,
    LinkPosition::Root,
];

fn position_id(p: LinkPosition) -> &'static str {
    match p {
        LinkPosition::Leaf => "leaf",
        LinkPosition::SelfSigned => "self-signed",
        LinkPosition::Intermediate => "intermediate",
        LinkPosition::Root => "root",
    }
}

/// The checks the chain view makes of each link (src/chain_view.rs), with their words.
const CHECKS: [(&str, &str); 4] = [
    ("signature", "signature"),
    ("dates", "dates"),
    ("ca", "CA"),
    ("names", "names"),
];

const TRUSTS: [Trust; 5] = [
    Trust::Trusted,
    Trust::PublicRoot,
    Trust::SystemStore,
    Trust::ToBeGiven,
    Trust::Refused,
];

fn trust_name(t: Trust) -> Named {
    let (id, label) = match t {
        Trust::Trusted => ("trusted", "given as trusted"),
        Trust::PublicRoot => ("public-root", "a public root browsers trust"),
        Trust::SystemStore => ("system-store", "in the system trust store"),
        Trust::ToBeGiven => ("to-be-given", "not known to be trusted"),
        Trust::Refused => ("refused", "refused"),
    };
    Named { id, label }
}

const FIX_SAFETIES: [FixSafety; 2] = [FixSafety::Safe, FixSafety::NeedsReview];

fn fix_safety_name(s: FixSafety) -> Named {
    let (id, label) = match s {
        FixSafety::Safe => ("safe", "safe fix"),
        FixSafety::NeedsReview => ("needs-review", "fix that needs review"),
    };
    Named { id, label }
}

pub fn metadata() -> Metadata {
    Metadata {
        channels: [
            Channel::A,
            Channel::B,
            Channel::C,
            Channel::D,
            Channel::None,
        ]
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
            .map(|(id, label)| KindName {
                id,
                label,
                config: crate::fix::is_config_kind(id),
            })
            .collect(),
        severities: SEVERITIES
            .into_iter()
            .map(|s| SeverityName {
                id: s.as_str(),
                label: s.as_str(),
                noun: severity_noun(s),
            })
            .collect(),
        positions: POSITIONS
            .into_iter()
            .map(|p| Named {
                id: position_id(p),
                label: p.label(),
            })
            .collect(),
        checks: CHECKS
            .into_iter()
            .map(|(id, label)| Named { id, label })
            .collect(),
        trusts: TRUSTS.into_iter().map(trust_name).collect(),
        fix_safeties: FIX_SAFETIES.into_iter().map(fix_safety_name).collect(),
        printers: crate::symptoms::PrintedBy::ALL
            .into_iter()
            .map(|p| Named {
                id: p.id(),
                label: p.words(),
            })
            .collect(),
        limits: Limits {
            expires_soon_days: crate::rules::certificates::cert_expires_soon::SOON_DAYS,
            max_input_bytes: crate::limits::MAX_INPUT_BYTES,
        },
    }
}

/// The report in one line, for the top of a page: how it reads (`bad`: errors; `warn`: warnings, or
/// symptoms in pasted text that no finding explains; `good`: none of these), the words, and whether
/// channels a, b and c are all verified.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Verdict {
    /// `bad`, `warn`, `good`, or `none` when nothing could be checked (no success, no alarm).
    pub tone: &'static str,
    pub text: String,
    /// A second line when the verdict needs one: why nothing could be checked, and what to give.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub detail: Option<String>,
    pub verified: bool,
}

/// Why nothing could be checked and what to give instead, in a sentence.
pub const NOTHING_CHECKED: &str = "None of the inputs is a Workbench config, a certificate or key, an `openssl s_client` or `curl -v` capture, a file listing or an error message wb-ssl-check knows. Give rserver.conf and launcher.conf, with the certificates and keys they name.";

pub fn verdict(report: &Report) -> Verdict {
    let s = &report.summary;
    // A cluster's channel d counts too.
    let verified = [Channel::A, Channel::B, Channel::C].into_iter().all(|id| {
        report
            .channel(id)
            .is_some_and(|c| c.status == ChannelStatus::Verified)
    }) && report
        .channel(Channel::D)
        .is_none_or(|c| c.status == ChannelStatus::Verified);
    // Errors someone saw (a pasted ticket or log) that no finding explains. They come before "verified"
    // and "no problems": what the files say is then not what happened.
    let unexplained = report
        .symptoms
        .iter()
        .filter(|s| s.confirmed_by.is_empty())
        .count();
    // Errors come first (an unreadable file is one); then a check of nothing is said as such, never
    // as a success.
    if s.errors == 0 && s.nothing_checked {
        return Verdict {
            tone: "none",
            text: "Nothing here could be checked".to_string(),
            detail: Some(NOTHING_CHECKED.to_string()),
            verified: false,
        };
    }
    let tone = if s.errors > 0 {
        "bad"
    } else if s.warnings > 0 || unexplained > 0 {
        "warn"
    } else {
        "good"
    };
    let text = if s.errors > 0 {
        format!(
            "{} will break Workbench or leave it insecure",
            count(s.errors, "error")
        )
    } else if unexplained > 0 {
        format!(
            "{} not explained by the files given",
            count(unexplained, "symptom")
        )
    } else if verified {
        "All three channels verified".to_string()
    } else if s.warnings > 0 {
        "No errors, but warnings worth a look".to_string()
    } else {
        "No problems found".to_string()
    };
    Verdict {
        tone,
        text,
        detail: None,
        verified,
    }
}

#[cfg(test)]
mod tests {
    use super::metadata;

    #[test]
    fn every_id_has_a_label_for_people() {
        let m = metadata();
        assert_eq!(m.channels.len(), 5);
        // The channels' setting names are real options of rserver.conf, launcher.conf or
        // load-balancer.
        for c in &m.channels {
            for key in c.settings {
                use crate::catalog::{lookup, ConfigKind};
                assert!(
                    [
                        ConfigKind::Rserver,
                        ConfigKind::Launcher,
                        ConfigKind::LoadBalancer
                    ]
                    .into_iter()
                    .any(|k| lookup(k, key).is_some()),
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
        // Config kinds are the ones fixes edit and whose lines the page may show.
        let configs: Vec<&str> = m.kinds.iter().filter(|k| k.config).map(|k| k.id).collect();
        assert!(configs.contains(&"rserver-conf") && configs.contains(&"load-balancer"));
        assert!(!configs.contains(&"pem-bundle") && !configs.contains(&"listing"));
    }

    /// The ids metadata names are the ones the report serialises.
    #[test]
    fn ids_are_the_reports_own() {
        use crate::report::{FixSafety, LinkPosition, Severity, Trust};
        fn serialised<T: serde::Serialize>(values: &[T]) -> Vec<String> {
            values
                .iter()
                .map(|v| {
                    serde_json::to_value(v)
                        .unwrap()
                        .as_str()
                        .unwrap()
                        .to_string()
                })
                .collect()
        }
        let m = metadata();
        let ids = |list: &[super::Named]| list.iter().map(|n| n.id).collect::<Vec<_>>();
        assert_eq!(
            m.severities.iter().map(|s| s.id).collect::<Vec<_>>(),
            serialised(&[Severity::Error, Severity::Warning, Severity::Info])
        );
        assert_eq!(
            ids(&m.positions),
            serialised(&[
                LinkPosition::Leaf,
                LinkPosition::SelfSigned,
                LinkPosition::Intermediate,
                LinkPosition::Root
            ])
        );
        assert_eq!(
            ids(&m.trusts),
            serialised(&[
                Trust::Trusted,
                Trust::PublicRoot,
                Trust::SystemStore,
                Trust::ToBeGiven,
                Trust::Refused
            ])
        );
        assert_eq!(
            ids(&m.fix_safeties),
            serialised(&[FixSafety::Safe, FixSafety::NeedsReview])
        );
        // Every check a chain link or a client shows has its words (examples/correct has all four).
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/correct");
        let inputs: Vec<crate::Input> = std::fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|x| x != "sh"))
            .map(|p| {
                crate::Input::new(
                    p.file_name().unwrap().to_string_lossy(),
                    std::fs::read(&p).unwrap(),
                )
            })
            .collect();
        let options = crate::CheckOptions {
            now_unix: Some(1_798_761_600),
            hostname: Some("wb.example.org".into()),
            ..Default::default()
        };
        let report = crate::check(&inputs, &options);
        let shown: std::collections::BTreeSet<&str> = report
            .chains
            .iter()
            .flat_map(|c| {
                c.links
                    .iter()
                    .flat_map(|l| &l.checks)
                    .chain(c.clients.iter().map(|k| &k.names))
            })
            .map(|k| k.check.as_str())
            .collect();
        assert_eq!(shown.len(), 4, "{shown:?}");
        for check in shown {
            assert!(ids(&m.checks).contains(&check), "{check}");
        }
        assert_eq!(m.severities.last().unwrap().noun, "note");
        assert_eq!(m.limits.expires_soon_days, 30);
        assert_eq!(m.limits.max_input_bytes, crate::limits::MAX_INPUT_BYTES);
    }

    #[test]
    fn the_verdict_reads_errors_then_verification_then_warnings() {
        use crate::report::{Channel, ChannelStatus, ChannelSummary, Report, Summary};
        let report = |errors, warnings, status| Report {
            schema: 1,
            tool: String::new(),
            now: None,
            hostname: None,
            summary: Summary {
                errors,
                warnings,
                infos: 0,
                texts_unread: 0,
                kubernetes_unread: 0,
                archives_unread: 0,
                nothing_checked: false,
            },
            channels: [Channel::A, Channel::B, Channel::C]
                .into_iter()
                .map(|id| ChannelSummary {
                    id,
                    status,
                    endpoint: None,
                    certificate: None,
                    trust: Vec::new(),
                    settings: Vec::new(),
                    explanation: String::new(),
                    served: Vec::new(),
                    nodes: Vec::new(),
                })
                .collect(),
            findings: Vec::new(),
            inputs: Vec::new(),
            certificates: Vec::new(),
            chains: Vec::new(),
            plan: Vec::new(),
            not_checked: Vec::new(),
            symptoms: Vec::new(),
            kubernetes: None,
        };
        let v = |e, w, s| {
            let v = super::verdict(&report(e, w, s));
            (v.tone, v.text, v.verified)
        };
        assert_eq!(
            v(8, 1, ChannelStatus::Broken),
            (
                "bad",
                "8 errors will break Workbench or leave it insecure".into(),
                false
            )
        );
        assert_eq!(
            v(1, 0, ChannelStatus::Verified).1,
            "1 error will break Workbench or leave it insecure"
        );
        assert_eq!(
            v(0, 2, ChannelStatus::Verified),
            ("warn", "All three channels verified".into(), true)
        );
        assert_eq!(
            v(0, 0, ChannelStatus::Verified),
            ("good", "All three channels verified".into(), true)
        );
        assert_eq!(
            v(0, 2, ChannelStatus::TrustUnknown),
            ("warn", "No errors, but warnings worth a look".into(), false)
        );
        assert_eq!(
            v(0, 0, ChannelStatus::TrustUnknown),
            ("good", "No problems found".into(), false)
        );
        // Nothing could be checked: neither a success nor an alarm, with why and what to give.
        let mut nothing = report(0, 0, ChannelStatus::Unknown);
        nothing.summary.nothing_checked = true;
        let v = super::verdict(&nothing);
        assert_eq!(
            (v.tone, v.text.as_str(), v.verified),
            ("none", "Nothing here could be checked", false)
        );
        assert!(v.detail.is_some_and(|d| d.contains("Give rserver.conf")));
        // An error (an unreadable file) still comes first.
        nothing.summary.errors = 1;
        assert_eq!(super::verdict(&nothing).tone, "bad");
        // A pasted ticket's symptoms that no error or warning explains.
        let mut with_symptoms = report(0, 0, ChannelStatus::TrustUnknown);
        with_symptoms.symptoms = vec![symptom(), symptom()];
        let v = super::verdict(&with_symptoms);
        assert_eq!(
            (v.tone, v.text.as_str()),
            ("warn", "2 symptoms not explained by the files given")
        );
        // Still so with warnings, or with every channel verified: the files are not what happened.
        with_symptoms.summary.warnings = 1;
        assert_eq!(
            super::verdict(&with_symptoms).text,
            "2 symptoms not explained by the files given"
        );
        for c in &mut with_symptoms.channels {
            c.status = ChannelStatus::Verified;
        }
        let v = super::verdict(&with_symptoms);
        assert_eq!(
            (v.tone, v.text.as_str(), v.verified),
            ("warn", "2 symptoms not explained by the files given", true)
        );
        // A symptom a finding explains is not counted; with none left, the usual words.
        with_symptoms.symptoms[0].confirmed_by = vec!["chain-incomplete".into()];
        assert_eq!(
            super::verdict(&with_symptoms).text,
            "1 symptom not explained by the files given"
        );
        with_symptoms.symptoms[1].confirmed_by = vec!["chain-incomplete".into()];
        assert_eq!(
            super::verdict(&with_symptoms).text,
            "All three channels verified"
        );
        // Errors come first.
        with_symptoms.summary.errors = 1;
        assert_eq!(super::verdict(&with_symptoms).tone, "bad");
    }

    fn symptom() -> crate::report::Symptom {
        crate::report::Symptom {
            input: "ticket.txt".into(),
            line: 1,
            text: "curl: (7) Failed to connect to localhost port 8787".into(),
            count: 1,
            family: "connection-refused".into(),
            printed_by: crate::base::PrintedBy::Curl,
            channel: None,
            candidates: Vec::new(),
            decided_by: String::new(),
            host: None,
            meaning: String::new(),
            causes: Vec::new(),
            confirmed_by: Vec::new(),
            ask_for: Vec::new(),
        }
    }
}
