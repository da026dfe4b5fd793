use crate::report::{Channel, Report};

/// The report as Markdown for a support ticket: summary, channels, findings with fixes, inputs.
/// It holds file names, settings and host names, and never any key material (the report has none).
pub fn markdown(report: &Report) -> String {
    let mut out = String::new();
    out.push_str("## wb-ssl-check report\n\n");
    out.push_str(&format!(
        "**{}, {}, {}** · {}{}\n\n",
        crate::report::count(report.summary.errors, "error"),
        crate::report::count(report.summary.warnings, "warning"),
        crate::report::count(report.summary.infos, "info"),
        report.tool,
        report
            .now
            .as_ref()
            .map(|n| format!(" · checked at {n}"))
            .unwrap_or_default()
    ));
    if report.summary.nothing_checked && report.summary.errors == 0 {
        out.push_str(&format!(
            "**Nothing here could be checked.** {}\n\n",
            crate::base::markdown_prose(crate::metadata::NOTHING_CHECKED)
        ));
    }
    // A ticket starts with what someone saw: the symptoms come first.
    if !report.symptoms.is_empty() {
        use super::symptoms::{channel_words, explained_words, where_words};
        out.push_str("### Symptoms\n\n");
        for s in &report.symptoms {
            out.push_str(&format!(
                "- `{}` ({})\n  - {}\n  - {}\n  - {}\n",
                s.text.replace('`', "'"),
                where_words(s),
                crate::base::markdown_prose(&crate::base::upper_first(&channel_words(s))),
                crate::base::markdown_prose(&s.meaning),
                crate::base::upper_first(&explained_words(s)),
            ));
            if s.confirmed_by.is_empty() {
                for c in s.causes.iter().take(3) {
                    out.push_str(&format!(
                        "  - Usual cause: {}\n",
                        crate::base::markdown_prose(&c.text)
                    ));
                }
            }
        }
        out.push('\n');
    }
    if !report.plan.is_empty() {
        use super::plan::{effect_words, kind_words, waits_words};
        out.push_str("### What to fix first\n\n");
        for step in &report.plan {
            out.push_str(&format!(
                "{}. ({}) {} · {}\n",
                step.number,
                kind_words(step.kind),
                step.action,
                effect_words(step)
            ));
            if let Some(w) = waits_words(step) {
                out.push_str(&format!("   - Waits: {w}\n"));
            }
            for a in &step.alternatives {
                out.push_str(&format!(
                    "   - Also proposed by `{}`: {} ({})\n",
                    a.rule, a.description, a.why_not
                ));
            }
        }
        out.push('\n');
    }
    out.push_str("### Channels\n\n| channel | status | endpoint |\n|---|---|---|\n");
    for c in &report.channels {
        out.push_str(&format!(
            "| {} ({}) | {} | {} |\n",
            c.id.title(),
            c.id.as_str(),
            c.status.label(),
            c.endpoint
                .as_deref()
                .map(code)
                .unwrap_or_else(|| "—".into())
        ));
    }
    for c in &report.channels {
        out.push_str(&format!(
            "\n**{}**: {}\n",
            c.id.title(),
            prose(&c.explanation)
        ));
        for n in &c.nodes {
            out.push_str(&format!(
                "- Node {}: {}{}\n",
                code(&n.node),
                n.status.label(),
                n.endpoint
                    .as_deref()
                    .map(|e| format!(" at {}", code(e)))
                    .unwrap_or_default()
            ));
        }
        for t in &c.trust {
            out.push_str(&format!("- Trust: {}\n", prose(t)));
        }
        for s in &c.served {
            out.push_str(&format!("- Served: {}\n", prose(&s.describe())));
        }
    }
    out.push_str("\n### Findings\n");
    if report.findings.is_empty() {
        out.push_str("\nNo findings.\n");
    }
    for channel in [
        Channel::A,
        Channel::B,
        Channel::C,
        Channel::D,
        Channel::None,
    ] {
        let group: Vec<_> = report
            .findings
            .iter()
            .filter(|f| f.channel == channel)
            .collect();
        if group.is_empty() {
            continue;
        }
        out.push_str(&format!(
            "\n#### {} ({})\n\n",
            channel.title(),
            if channel == Channel::None {
                "not tied to one channel"
            } else {
                channel.as_str()
            }
        ));
        for f in group {
            out.push_str(&format!(
                "- **{}** `{}` at `{}`: {}\n  - Fix: {}\n",
                f.severity.as_str(),
                f.rule,
                f.location().display(),
                prose(&f.message),
                prose(&f.help)
            ));
            if let Some(n) = f.step {
                out.push_str(&format!("  - Plan: step {n}\n"));
            }
            if let Some(fix) = &f.fix {
                out.push_str(&format!(
                    "  - Edit ({}): {}\n",
                    match fix.safety {
                        crate::report::FixSafety::Safe => "safe",
                        crate::report::FixSafety::NeedsReview => "needs review",
                    },
                    prose(&fix.description)
                ));
            }
        }
    }
    if !report.chains.is_empty() {
        out.push_str("\n### Served chains\n");
    }
    for chain in &report.chains {
        out.push_str(&format!("\n{} ({}):\n\n", code(&chain.file), chain.role));
        for l in &chain.links {
            // Every check that passed is one word; what failed or is unknown says why.
            let checks: Vec<String> = l
                .checks
                .iter()
                .map(|c| match c.result {
                    crate::report::CheckResult::Pass => format!("{} ok", check_word(&c.check)),
                    crate::report::CheckResult::Fail => {
                        format!("**{} fails**: {}", check_word(&c.check), prose(&c.detail))
                    }
                    crate::report::CheckResult::Unknown => {
                        format!("{} unknown: {}", check_word(&c.check), prose(&c.detail))
                    }
                })
                .collect();
            out.push_str(&format!(
                "1. {}: {} ({}) · {}\n",
                l.position.label(),
                code(&l.subject),
                report.certificate_place(&l.file, l.block),
                checks.join(" · ")
            ));
        }
        if !chain.anchor.given {
            out.push_str(&format!(
                "1. the CA your machines must trust (not given): {}\n",
                code(&chain.anchor.subject)
            ));
        }
        for c in &chain.clients {
            out.push_str(&format!(
                "- {} ({}){}: {} · {}\n",
                c.channel.title(),
                c.channel.as_str(),
                c.name
                    .as_deref()
                    .map(|n| format!(", connecting to {}", code(n)))
                    .unwrap_or_default(),
                c.status.label(),
                prose(&c.detail)
            ));
        }
    }
    if !report.not_checked.is_empty() {
        out.push_str("\n### Not checked\n\n");
        for n in &report.not_checked {
            out.push_str(&format!("- {}\n", prose(n)));
        }
    }
    out.push_str("\n### Inputs\n\n| file | kind | what it looked like |\n|---|---|---|\n");
    for i in &report.inputs {
        out.push_str(&format!(
            "| {} | {} | {} |\n",
            code(&i.name),
            i.kind,
            prose(&i.description)
        ));
    }
    out
}

/// A chain link's check in words ("CA", not the id `ca`).
fn check_word(id: &str) -> &str {
    if id == "ca" {
        "CA"
    } else {
        id
    }
}

fn prose(s: &str) -> String {
    crate::base::markdown_prose(s)
}

fn code(s: &str) -> String {
    format!("`{}`", s.replace('`', "'"))
}
