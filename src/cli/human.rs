//! The terminal rendering: grouped by channel, most severe first, each finding with its fix.
//! ANSI colours are written directly: five escape codes do not justify a dependency.

use crate::report::{Channel, ChannelStatus, Report, Severity};
use crate::rules::REGISTRY;

struct Paint {
    on: bool,
}

impl Paint {
    fn wrap(&self, code: &str, text: &str) -> String {
        if self.on {
            format!("\x1b[{code}m{text}\x1b[0m")
        } else {
            text.to_string()
        }
    }
    fn bold(&self, t: &str) -> String {
        self.wrap("1", t)
    }
    fn dim(&self, t: &str) -> String {
        self.wrap("2", t)
    }
    fn severity(&self, s: Severity) -> String {
        let code = match s {
            Severity::Error => "1;31",
            Severity::Warning => "1;33",
            Severity::Info => "1;34",
        };
        self.wrap(code, s.as_str())
    }
    fn status(&self, s: ChannelStatus) -> String {
        let code = match s {
            ChannelStatus::Verified => "32",
            ChannelStatus::Broken => "31",
            ChannelStatus::Plaintext
            | ChannelStatus::EncryptedUnverified
            | ChannelStatus::TrustUnknown => "33",
            ChannelStatus::NotConfigured | ChannelStatus::Unknown => "2",
        };
        self.wrap(code, &format!("{:<24}", s.label()))
    }
}

pub fn report(report: &Report, color: bool) -> String {
    let p = Paint { on: color };
    let mut out = String::new();
    let s = &report.summary;
    out.push_str(&format!(
        "{} · {} · {}, {}, {}\n\n",
        p.bold(&report.tool),
        crate::report::count(report.inputs.len(), "input"),
        p.severity(Severity::Error)
            .replace("error", &crate::report::count(s.errors, "error")),
        p.severity(Severity::Warning)
            .replace("warning", &crate::report::count(s.warnings, "warning")),
        p.severity(Severity::Info)
            .replace("info", &crate::report::count(s.infos, "info")),
    ));
    if s.nothing_checked && s.errors == 0 {
        out.push_str(&format!(
            "{}\n  {}\n\n",
            p.bold("Nothing here could be checked."),
            crate::metadata::NOTHING_CHECKED
        ));
    }
    if !report.symptoms.is_empty() {
        use crate::render::symptoms::{channel_words, explained_words, where_words};
        out.push_str(&p.bold("Symptoms\n"));
        for s in &report.symptoms {
            out.push_str(&format!(
                "  {}\n    {}\n    {}\n    {}\n    {}\n",
                s.text,
                p.dim(&where_words(s)),
                crate::base::upper_first(&channel_words(s)),
                s.meaning,
                crate::base::upper_first(&explained_words(s))
            ));
        }
        out.push('\n');
    }
    out.push_str(&p.bold("Channels\n"));
    for c in &report.channels {
        out.push_str(&format!(
            "  {}  {:<32} {} {}\n",
            c.id.as_str(),
            c.id.title(),
            p.status(c.status),
            c.endpoint.as_deref().unwrap_or("")
        ));
    }
    if !report.plan.is_empty() {
        use crate::render::plan::{effect_words, kind_words, waits_words};
        out.push_str(&format!("\n{}\n", p.bold("What to fix first")));
        for step in &report.plan {
            out.push_str(&format!(
                "  {}. {} {}\n",
                step.number,
                p.dim(&format!("[{}]", kind_words(step.kind))),
                step.action
            ));
            out.push_str(&format!("     {}\n", p.dim(&effect_words(step))));
            if let Some(w) = waits_words(step) {
                out.push_str(&format!("     {} {w}\n", p.bold("waits:")));
            }
            for a in &step.alternatives {
                out.push_str(&format!(
                    "     {} {} ({}): {}\n",
                    p.dim("also proposed:"),
                    a.description,
                    a.rule,
                    a.why_not
                ));
            }
        }
    }
    let mut last_explanation = "";
    for channel in [
        Channel::A,
        Channel::B,
        Channel::C,
        Channel::D,
        Channel::None,
    ] {
        let mut group: Vec<_> = report
            .findings
            .iter()
            .filter(|f| f.channel == channel)
            .collect();
        let summary = report.channels.iter().find(|c| c.id == channel);
        group.sort_by_key(|f| f.severity);
        let explanation = summary.filter(|c| c.explanation != last_explanation);
        if group.is_empty() && explanation.is_none() {
            continue;
        }
        out.push_str(&format!(
            "\n{}\n",
            p.bold(&format!("── {} · {} ──", channel.as_str(), channel.title()))
        ));
        if let Some(c) = explanation {
            last_explanation = &c.explanation;
            out.push_str(&format!("  {}\n", p.dim(&c.explanation)));
            for n in &c.nodes {
                out.push_str(&format!(
                    "  {} {} {} {}\n",
                    p.dim("node"),
                    n.node,
                    p.status(n.status),
                    n.endpoint.as_deref().unwrap_or("")
                ));
            }
            for t in &c.trust {
                out.push_str(&format!("  {} {t}\n", p.dim("trust:")));
            }
            if c.status == ChannelStatus::TrustUnknown {
                // The report's words name no CLI option (the page shows them too): the CLI's own here.
                let host = if c.id == Channel::A && report.hostname.is_none() {
                    "`--hostname <name users type>` and, for a private CA, "
                } else {
                    ""
                };
                out.push_str(&format!(
                    "  {} check it with {host}`--trusted-ca <the CA's certificate file>`\n",
                    p.dim("cli:")
                ));
            }
            for s in &c.served {
                out.push_str(&format!("  {} {}\n", p.dim("served:"), s.describe()));
            }
        }
        for f in group {
            out.push_str(&format!(
                "\n{}[{}] {}\n",
                p.severity(f.severity),
                f.rule,
                p.bold(&f.location().display())
            ));
            out.push_str(&format!("  {}\n", f.message));
            out.push_str(&format!("  {} {}\n", p.bold("fix:"), f.help));
            if let Some(n) = f.step {
                out.push_str(&format!("  {} step {n}\n", p.dim("plan:")));
            }
            if let Some(fix) = &f.fix {
                let how = match fix.safety {
                    crate::report::FixSafety::Safe => "safe: `--fix` applies it",
                    crate::report::FixSafety::NeedsReview => {
                        "needs review: `--diff --unsafe-fixes` shows it, `--fix --unsafe-fixes` applies it"
                    }
                };
                out.push_str(&format!(
                    "  {} {} ({how})\n",
                    p.dim("edit:"),
                    fix.description
                ));
            }
            for r in &f.related {
                out.push_str(&format!("  {} {}\n", p.dim("see also:"), r.display()));
            }
        }
    }
    if !report.not_checked.is_empty() {
        out.push_str(&format!("\n{}\n", p.bold("Not checked")));
        for n in &report.not_checked {
            out.push_str(&format!("  - {n}\n"));
        }
    }
    out.push_str(&format!("\n{}\n", p.bold("Inputs")));
    for i in &report.inputs {
        let role = i
            .role
            .as_deref()
            .map(|r| format!(" · {r}"))
            .unwrap_or_default();
        out.push_str(&format!(
            "  {}  {}\n",
            i.name,
            p.dim(&format!("{}{role} · {}", i.kind, i.description))
        ));
    }
    out.push_str(&format!(
        "\n{}\n",
        p.dim("Run `wb-ssl-check --explain <rule>` for the full documentation of a rule.")
    ));
    out
}

pub fn rule_list(color: bool) -> String {
    let p = Paint { on: color };
    let mut out = String::new();
    for r in REGISTRY {
        let m = r.meta;
        out.push_str(
            &format!(
                "{:<38} {:<8} {:<10} {:<9} {}{}\n",
                p.bold(m.name),
                p.severity(m.severity),
                m.channel_text(),
                format!("fix:{}", m.fix.as_str()),
                m.summary,
                if m.severities.len() > 1 {
                    format!(" [{}]", m.severity_when)
                } else {
                    String::new()
                }
            )
            .replace("\x1b[0m ", "\x1b[0m "),
        );
    }
    out
}
