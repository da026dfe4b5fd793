//! The plan: the findings turned into an ordered list of changes. Each step is one change (an edit of
//! config files, a command, a service to restart, a file to give, a change in words) with the findings
//! it resolves and the channels it unblocks.
//!
//! Three promises, which the findings' own fixes could not keep alone:
//! - **One value per line.** Fixes that touch the same line (or add the same option) are one step. When
//!   they propose different values, the plan writes one (the most severe finding's, then the value
//!   most findings propose) and lists the others as alternatives, with why.
//! - **No safeguard removed while its danger remains.** A fix that turns certificate verification back
//!   on ([`Fix::guards`]) waits for the steps that fix what verification would refuse on its channel.
//! - **Most errors first.** Steps are ordered by the errors they clear, then warnings, then infos; a
//!   step that waits comes after what it waits for.
//!
//! Every finding's `fix` is then rewritten to its step's (the shells, `--fix`, SARIF and the page all
//! apply findings' fixes, so they all follow the plan), and `step` says which step resolves it.

use crate::base::{Channel, Severity};
use crate::report::{Alternative, Edit, Finding, Fix, Step, StepKind, Summary};

/// Findings of these rules on the same channel are one cause seen from two sides (the Launcher
/// serving Workbench's certificate is why it does not name the host rserver dials): one step.
const SAME_CAUSE: &[(&str, &str)] = &[(
    "launcher-cert-hostname-mismatch",
    "launcher-cert-same-as-server",
)];

/// The CA a private chain ends at must be trusted by the users' machines (channel a) and by the session
/// hosts (channel c): one step, "browsers and sessions must trust this CA", whatever the channels.
const TRUST_ADVICE: (&str, &str) = ("browser-trust-needed", "callback-trust-needed");

/// Rules whose errors mean that rserver or the Launcher refuses to start (their documentation says so):
/// until that is fixed no channel works at all, so such a step comes first whatever it clears.
pub const STOPS_A_SERVICE: &[&str] = &[
    "cert-key-mismatch",
    "cert-unparsable",
    "chain-order",
    "duplicate-option",
    "invalid-value",
    "key-encrypted",
    "key-unparsable",
    "launcher-ssl-cert-missing",
    "not-pem",
    "option-in-wrong-file",
    "section-in-rserver-conf",
    "unknown-cluster-type",
    "unknown-option",
    "unparsable-line",
    "wrong-pem-type",
];

/// Whether a verifying client would refuse the connection over what this rule finds: the findings a
/// safeguard (verification turned off) stands in front of. By name, because the catalog's names say
/// it: certificates, chains and trust.
fn verification_exposes(rule: &str) -> bool {
    rule.contains("cert") || rule.contains("chain") || rule.contains("trust")
}

/// What a change in words is, from its words.
fn kind_of(finding: &Finding) -> StepKind {
    // What to do, without the check that follows it ("Then, from a session host, `curl` ...").
    let help = finding.help.to_ascii_lowercase();
    let help = help
        .split(" then, ")
        .next()
        .and_then(|h| h.split(". to check").next())
        .unwrap_or_default();
    const COMMANDS: &[&str] = &[
        "`openssl ",
        "`cat ",
        "`chmod ",
        "`chown ",
        "`cp ",
        "update-ca-",
        "`kubectl ",
        "`curl ",
        "`mv ",
    ];
    if finding.rule == "referenced-file-not-provided" {
        StepKind::Provide
    } else if help.starts_with("restart")
        || [
            "systemctl restart",
            "rstudio-server restart",
            "rstudio-launcher restart",
        ]
        .iter()
        .any(|c| help.contains(c))
    {
        StepKind::Restart
    } else if COMMANDS.iter().any(|c| help.contains(c)) {
        StepKind::Command
    } else {
        StepKind::Change
    }
}

/// The places an edit touches, for telling which fixes meet: the lines it replaces or removes, or, for
/// an insertion, the option it adds.
fn touches(e: &Edit) -> Vec<(String, String)> {
    if (e.line, e.column) == (e.end_line, e.end_column) {
        let key = e.text.split('=').next().unwrap_or("").trim().to_string();
        return vec![(e.file.clone(), format!("+{key}"))];
    }
    let last = if e.end_column == 1 && e.end_line > e.line {
        e.end_line - 1
    } else {
        e.end_line
    };
    let mut places: Vec<(String, String)> = (e.line..=last.max(e.line))
        .take(1000)
        .map(|n| (e.file.clone(), n.to_string()))
        .collect();
    // An option renamed (`ssl-enable` → `ssl-enabled`) meets a line that adds that option: both set it.
    let renames_to = e.line == e.end_line
        && !e.text.is_empty()
        && e.text
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '.')
        && e.text.contains('-');
    if renames_to {
        places.push((e.file.clone(), format!("+{}", e.text)));
    }
    places
}

/// The rule names of these findings, each once, in their order.
fn rule_names<'f>(findings: &'f [Finding], indices: &[usize]) -> Vec<&'f str> {
    let mut names: Vec<&str> = Vec::new();
    for &i in indices {
        if !names.contains(&findings[i].rule.as_str()) {
            names.push(&findings[i].rule);
        }
    }
    names
}

/// A step before numbering.
struct Draft {
    kind: StepKind,
    action: String,
    fix: Option<Fix>,
    resolves: Vec<usize>,
    /// Indices of drafts that must come first.
    after: Vec<usize>,
    waits_because: String,
    alternatives: Vec<Alternative>,
}

impl Draft {
    fn counts(&self, findings: &[Finding]) -> Summary {
        let mut s = Summary::default();
        for &i in &self.resolves {
            match findings[i].severity {
                Severity::Error => s.errors += 1,
                Severity::Warning => s.warnings += 1,
                Severity::Info => s.infos += 1,
            }
        }
        s
    }
}

/// Groups indices that meet: `meets(a, b)` true joins their groups (union-find), in first-index order.
fn group(indices: &[usize], meets: impl Fn(usize, usize) -> bool) -> Vec<Vec<usize>> {
    let mut parent: Vec<usize> = (0..indices.len()).collect();
    fn root(parent: &mut [usize], mut x: usize) -> usize {
        while parent[x] != x {
            parent[x] = parent[parent[x]];
            x = parent[x];
        }
        x
    }
    for a in 0..indices.len() {
        for b in a + 1..indices.len() {
            if meets(indices[a], indices[b]) {
                let (ra, rb) = (root(&mut parent, a), root(&mut parent, b));
                parent[ra.max(rb)] = ra.min(rb);
            }
        }
    }
    let mut groups: Vec<(usize, Vec<usize>)> = Vec::new();
    for (k, &i) in indices.iter().enumerate() {
        let r = root(&mut parent, k);
        match groups.iter_mut().find(|(g, _)| *g == r) {
            Some((_, members)) => members.push(i),
            None => groups.push((r, vec![i])),
        }
    }
    groups.into_iter().map(|(_, g)| g).collect()
}

/// The plan of `findings`, and each finding's `fix` and `step` rewritten to follow it.
pub fn plan(findings: &mut [Finding]) -> Vec<Step> {
    let mut drafts: Vec<Draft> = Vec::new();
    // Findings left to a step in words: those without an edit, and those whose edit lost its line.
    let mut in_words: Vec<(usize, Option<usize>)> = Vec::new();

    // Edits: fixes that touch a common line are one step.
    let with_fix: Vec<usize> = (0..findings.len())
        .filter(|&i| findings[i].fix.is_some())
        .collect();
    let touched: Vec<Vec<(String, String)>> = findings
        .iter()
        .map(|f| {
            f.fix
                .iter()
                .flat_map(|x| x.edits.iter().flat_map(touches))
                .collect()
        })
        .collect();
    for members in group(&with_fix, |a, b| {
        touched[a].iter().any(|t| touched[b].contains(t))
    }) {
        // The distinct edit sets proposed, each with the findings that propose it.
        let mut proposals: Vec<(&Vec<Edit>, Vec<usize>)> = Vec::new();
        for &i in &members {
            let edits = &findings[i].fix.as_ref().expect("with fix").edits;
            match proposals.iter_mut().find(|(e, _)| *e == edits) {
                Some((_, who)) => who.push(i),
                None => proposals.push((edits, vec![i])),
            }
        }
        let best = |who: &Vec<usize>| {
            // `Severity` orders errors first.
            let most_severe = who
                .iter()
                .map(|&i| findings[i].severity)
                .min()
                .unwrap_or(Severity::Info);
            (most_severe, std::cmp::Reverse(who.len()), who[0])
        };
        // The winner first. A swap, not a sort: each sort instantiation costs the page kilobytes.
        let win = (0..proposals.len())
            .min_by_key(|&k| best(&proposals[k].1))
            .unwrap_or(0);
        proposals.swap(0, win);
        let (_, winners) = &proposals[0];
        // The description of the most severe finding that proposes it.
        let lead = *winners
            .iter()
            .min_by_key(|&&i| (findings[i].severity, i))
            .expect("a proposal has a finding");
        let fix = findings[lead].fix.clone().expect("with fix");
        let winner_rules = rule_names(findings, winners).join(", ");
        let mut alternatives = Vec::new();
        let step_index = drafts.len();
        for (_, losers) in &proposals[1..] {
            for &i in losers {
                let theirs = findings[i].fix.as_ref().expect("with fix");
                alternatives.push(Alternative {
                    rule: findings[i].rule.clone(),
                    description: theirs.description.clone(),
                    why_not: format!(
                        "the same line gets one value: the plan takes the one that resolves {winner_rules}; check again after this step to see whether `{}` remains",
                        findings[i].rule
                    ),
                });
                in_words.push((i, Some(step_index)));
            }
        }
        // Each step names the file it changes.
        let action = match fix.edits.first().map(|e| crate::input::base_name(&e.file)) {
            Some(file) if !fix.description.contains(file) => {
                format!(
                    "In `{file}`, {}",
                    crate::base::lower_first(&fix.description)
                )
            }
            _ => fix.description.clone(),
        };
        drafts.push(Draft {
            kind: StepKind::Edit,
            action,
            fix: Some(fix),
            resolves: winners.clone(),
            after: Vec::new(),
            waits_because: String::new(),
            alternatives,
        });
    }

    // Changes in words: one step per instruction, and per cause seen from two sides.
    in_words.extend(
        (0..findings.len())
            .filter(|&i| findings[i].fix.is_none())
            .map(|i| (i, None)),
    );
    // In finding order (a filter over the indices, not a sort: the page pays for each sort's code).
    let word_indices: Vec<usize> = (0..findings.len())
        .filter(|i| in_words.iter().any(|(w, _)| w == i))
        .collect();
    let same_cause = |a: &Finding, b: &Finding| {
        let pair = |x: &str, y: &str| (a.rule == x && b.rule == y) || (a.rule == y && b.rule == x);
        pair(TRUST_ADVICE.0, TRUST_ADVICE.1)
            || a.channel == b.channel
                && SAME_CAUSE
                    .iter()
                    .any(|(x, y)| (a.rule == *x && b.rule == *y) || (a.rule == *y && b.rule == *x))
    };
    for members in group(&word_indices, |a, b| {
        findings[a].help == findings[b].help || same_cause(&findings[a], &findings[b])
    }) {
        let lead = *members
            .iter()
            .min_by_key(|&&i| (findings[i].severity, i))
            .expect("a group has a member");
        let after: Vec<usize> = in_words
            .iter()
            .filter(|(i, _)| members.contains(i))
            .filter_map(|(_, w)| *w)
            .collect();
        // The trust advice for browsers and for sessions is one step with both sides' commands.
        let mut action = findings[lead].help.clone();
        for &i in &members {
            if findings[i].rule == TRUST_ADVICE.1 && findings[lead].rule == TRUST_ADVICE.0 {
                action = format!("{action} {}", findings[i].help);
            }
        }
        drafts.push(Draft {
            kind: kind_of(&findings[lead]),
            action,
            fix: None,
            resolves: members,
            waits_because: if after.is_empty() {
                String::new()
            } else {
                "Another value was written to the same line first; check again to see whether this remains.".into()
            },
            after,
            alternatives: Vec::new(),
        });
    }

    // Safeguards wait for what they guard.
    for d in 0..drafts.len() {
        let Some(channel) = drafts[d].fix.as_ref().and_then(|f| f.guards) else {
            continue;
        };
        let blockers: Vec<usize> = (0..findings.len())
            .filter(|&i| {
                findings[i].channel == channel
                    && verification_exposes(&findings[i].rule)
                    && !drafts[d].resolves.contains(&i)
            })
            .collect();
        if blockers.is_empty() {
            continue;
        }
        let after: Vec<usize> = (0..drafts.len())
            .filter(|&o| o != d && drafts[o].resolves.iter().any(|i| blockers.contains(i)))
            .collect();
        let rules = rule_names(findings, &blockers);
        // In words: what the waiting is for, by the rules' one-line summaries, not their ids.
        let reasons: Vec<String> = rules
            .iter()
            .map(|r| {
                let summary = crate::rules::REGISTRY
                    .iter()
                    .find(|x| x.meta.name == *r)
                    .map(|x| x.meta.summary)
                    .unwrap_or(r);
                crate::base::lower_first(summary)
            })
            .collect();
        drafts[d].waits_because = format!(
            "Turned on now, {} would refuse the connection, because {}. Turn verification on once that is fixed.",
            crate::facts::clients::client_words(channel).0,
            reasons.join("; and ")
        );
        drafts[d].after = after;
    }

    let stops_a_service = |d: &Draft| {
        d.resolves.iter().any(|&i| {
            findings[i].severity == Severity::Error
                && STOPS_A_SERVICE.contains(&findings[i].rule.as_str())
        })
    };
    // Order: what lets a service start, then most errors first; among equals an edit (a line to
    // change) before a change in words (a certificate to get), then warnings, infos; a step after
    // those it waits for.
    let score = |d: &Draft| {
        let s = d.counts(findings);
        (
            !stops_a_service(d),
            std::cmp::Reverse(s.errors),
            d.kind != StepKind::Edit,
            std::cmp::Reverse(s.warnings),
            std::cmp::Reverse(s.infos),
            d.resolves.iter().min().copied().unwrap_or(usize::MAX),
        )
    };
    // `placed` answers "is it in `order` yet" without scanning `order`.
    let mut placed = vec![false; drafts.len()];
    let mut order: Vec<usize> = Vec::new();
    while order.len() < drafts.len() {
        let open = (0..drafts.len()).filter(|&d| !placed[d]);
        let ready: Vec<usize> = open
            .clone()
            .filter(|&d| drafts[d].after.iter().all(|&a| placed[a]))
            .collect();
        // Waits never form a cycle (a safeguard waits for steps in words, a lost value for its
        // line's step), but should one, the best open step goes next rather than none.
        let pool = if ready.is_empty() {
            open.collect()
        } else {
            ready
        };
        let next = *pool
            .iter()
            .min_by_key(|&&d| score(&drafts[d]))
            .expect("an open step");
        placed[next] = true;
        order.push(next);
    }
    let number_of = |d: usize| {
        u32::try_from(order.iter().position(|&o| o == d).unwrap_or(0) + 1).unwrap_or(u32::MAX)
    };

    // Channels unblocked: those with errors that have none left after the step.
    let mut open_errors: Vec<(Channel, usize)> = Vec::new();
    for f in findings.iter().filter(|f| f.severity == Severity::Error) {
        if f.channel == Channel::None {
            continue;
        }
        match open_errors.iter_mut().find(|(c, _)| *c == f.channel) {
            Some((_, n)) => *n += 1,
            None => open_errors.push((f.channel, 1)),
        }
    }
    let mut steps = Vec::new();
    for &d in &order {
        let draft = &drafts[d];
        let mut unblocks = Vec::new();
        for &i in &draft.resolves {
            let f = &findings[i];
            if f.severity != Severity::Error {
                continue;
            }
            if let Some((c, n)) = open_errors.iter_mut().find(|(c, _)| *c == f.channel) {
                *n -= 1;
                if *n == 0 {
                    unblocks.push(*c);
                }
            }
        }
        let unblocks: Vec<Channel> = [Channel::A, Channel::B, Channel::C, Channel::D]
            .into_iter()
            .filter(|c| unblocks.contains(c))
            .collect();
        let rules: Vec<String> = rule_names(findings, &draft.resolves)
            .into_iter()
            .map(String::from)
            .collect();
        // Ascending, as `order` is.
        let waits_for: Vec<u32> = order
            .iter()
            .filter(|o| draft.after.contains(o))
            .map(|&o| number_of(o))
            .collect();
        steps.push(Step {
            number: number_of(d),
            kind: draft.kind,
            action: draft.action.clone(),
            fix: draft.fix.clone(),
            resolves: draft.resolves.clone(),
            rules,
            summary: draft.counts(findings),
            service_fails_to_start: stops_a_service(draft),
            unblocks,
            waits_for,
            waits_because: draft.waits_because.clone(),
            alternatives: draft.alternatives.clone(),
        });
    }

    // Every finding follows its step.
    for f in findings.iter_mut() {
        f.fix = None;
        f.step = None;
    }
    for s in &steps {
        for &i in &s.resolves {
            findings[i].step = Some(s.number);
            if s.waits_for.is_empty() && s.waits_because.is_empty() {
                findings[i].fix = s.fix.clone();
            }
        }
    }
    steps
}

/// Tries the plan's edits on the files before offering them: the edit steps that do not wait are
/// applied together and the files checked again (`recheck`, the engine without this trial). When that
/// adds an error, each step is tried alone, and a step that adds one on its own is held back: its
/// findings lose their `fix` and the step says what it would cause (turning `ssl-enabled=1` on with no
/// key given adds `ssl-cert-missing`; renaming an option to one the file already has adds
/// `duplicate-option`). When no step adds it alone, they are all held back, which is rare and safe.
///
/// A rule cannot see what its fix does to the other rules; trying is the one way to keep the
/// promise that applying the plan adds no error. It costs one more check when nothing is added.
pub fn try_edits(
    report: &mut crate::report::Report,
    inputs: &[crate::input::Input],
    recheck: impl Fn(&[crate::input::Input]) -> crate::report::Report,
) {
    let ready: Vec<usize> = (0..report.plan.len())
        .filter(|&s| {
            let step = &report.plan[s];
            step.fix.is_some() && step.waits_for.is_empty() && step.waits_because.is_empty()
        })
        .collect();
    if ready.is_empty() {
        return;
    }
    let configs = crate::edits::editable_configs(inputs, report);
    let errors_by_place = |r: &crate::report::Report| {
        let mut counts: Vec<((String, String), usize)> = Vec::new();
        for f in r.findings.iter().filter(|f| f.severity == Severity::Error) {
            let key = (f.rule.clone(), f.file.clone());
            match counts.iter_mut().find(|(k, _)| *k == key) {
                Some((_, n)) => *n += 1,
                None => counts.push((key, 1)),
            }
        }
        counts
    };
    let before = errors_by_place(report);
    // The errors that the steps' edits, applied together, add: (rule, message) of each.
    let added_by = |steps: &[usize], report: &crate::report::Report| -> Vec<(String, String)> {
        let mut current = inputs.to_vec();
        for (name, text) in &configs {
            let edits: Vec<&Edit> = steps
                .iter()
                .flat_map(|&s| report.plan[s].fix.iter().flat_map(|f| f.edits.iter()))
                .filter(|e| e.file == *name)
                .collect();
            if edits.is_empty() {
                continue;
            }
            let (after, _) = crate::edits::apply(text, &edits);
            if let Some(i) = current.iter_mut().find(|i| i.name == *name) {
                i.bytes = after.into_bytes();
            }
        }
        let after = recheck(&current);
        let counts = errors_by_place(&after);
        let mut added = Vec::new();
        for ((rule, file), n) in counts {
            let was = before
                .iter()
                .find(|(k, _)| k.0 == rule && k.1 == file)
                .map_or(0, |(_, n)| *n);
            if n > was {
                if let Some(f) = after
                    .findings
                    .iter()
                    .find(|f| f.severity == Severity::Error && f.rule == rule && f.file == file)
                {
                    added.push((rule, f.message.clone()));
                }
            }
        }
        added
    };
    let together = added_by(&ready, report);
    if together.is_empty() {
        return;
    }
    let mut held: Vec<(usize, Vec<(String, String)>)> = ready
        .iter()
        .map(|&s| (s, added_by(&[s], report)))
        .filter(|(_, added)| !added.is_empty())
        .collect();
    if held.is_empty() {
        held = ready.iter().map(|&s| (s, together.clone())).collect();
    }
    for (s, added) in held {
        let causes: Vec<String> = added
            .iter()
            .map(|(rule, message)| format!("`{rule}` ({})", crate::base::excerpt(message)))
            .collect();
        let step = &mut report.plan[s];
        step.waits_because = format!(
            "Not applied for you: tried on these files, this edit alone also causes {}. Make the change by hand together with what that asks.",
            causes.join("; ")
        );
        for &i in &step.resolves {
            report.findings[i].fix = None;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::FixSafety;

    fn finding(rule: &str, severity: Severity, value: Option<&str>, help: &str) -> Finding {
        Finding {
            rule: rule.into(),
            severity,
            channel: Channel::B,
            file: "rserver.conf".into(),
            line: Some(3),
            column: None,
            block: None,
            message: String::new(),
            help: help.into(),
            related: Vec::new(),
            fix: value.map(|v| Fix {
                description: format!("Write `launcher-port={v}`"),
                safety: FixSafety::NeedsReview,
                edits: vec![Edit {
                    file: "rserver.conf".into(),
                    line: 3,
                    column: 15,
                    end_line: 3,
                    end_column: 19,
                    text: v.into(),
                }],
                guards: None,
            }),
            step: None,
        }
    }

    #[test]
    fn two_values_for_one_line_become_one_step_and_an_alternative() {
        let mut findings = vec![
            finding("port-warning", Severity::Warning, Some("5559"), "a"),
            finding("port-error", Severity::Error, Some("5558"), "b"),
            finding("also-5558", Severity::Info, Some("5558"), "c"),
        ];
        let plan = plan(&mut findings);
        let edit = plan.iter().find(|s| s.kind == StepKind::Edit).unwrap();
        assert_eq!(edit.number, 1, "it clears the error");
        assert_eq!(edit.fix.as_ref().unwrap().edits[0].text, "5558");
        assert_eq!(edit.rules, ["port-error", "also-5558"]);
        assert_eq!(edit.alternatives.len(), 1);
        assert_eq!(edit.alternatives[0].rule, "port-warning");
        // The finding whose value lost keeps no edit and gets a step of its own, after the edit.
        assert!(findings[0].fix.is_none());
        let words = plan.iter().find(|s| s.rules == ["port-warning"]).unwrap();
        assert_eq!(words.waits_for, [1]);
        assert_eq!(findings[1].fix, findings[2].fix);
    }

    #[test]
    fn a_safeguard_waits_for_what_verification_would_refuse() {
        let mut guard = finding(
            "launcher-verify-disabled",
            Severity::Warning,
            Some("1"),
            "a",
        );
        guard.fix = guard.fix.map(|f| f.guarding(Channel::B));
        let cert = finding(
            "launcher-cert-hostname-mismatch",
            Severity::Error,
            None,
            "b",
        );
        let other_channel = Finding {
            channel: Channel::A,
            ..finding("cert-expired", Severity::Error, None, "c")
        };
        let mut findings = vec![guard, cert, other_channel];
        let plan = plan(&mut findings);
        let g = plan
            .iter()
            .find(|s| s.rules == ["launcher-verify-disabled"])
            .unwrap();
        let c = plan
            .iter()
            .find(|s| s.rules == ["launcher-cert-hostname-mismatch"])
            .unwrap();
        assert_eq!(
            g.waits_for,
            [c.number],
            "not the certificate of another channel"
        );
        assert!(findings[0].fix.is_none());
    }
}
