//! The plan's steps in words, shared by the terminal and Markdown renderings: what a step resolves,
//! what it unblocks, and why it waits.

use crate::report::{Report, Step, StepKind};

/// "an edit", "a command", ...: what kind of change a step is, for people.
pub fn kind_words(kind: StepKind) -> &'static str {
    match kind {
        StepKind::Edit => "edit",
        StepKind::Command => "command",
        StepKind::Restart => "restart or look on the server",
        StepKind::Provide => "a file to give",
        StepKind::Change => "change",
    }
}

/// "2 errors, 1 warning (callback-scheme-mismatch, callback-port-mismatch)".
pub fn resolves_words(step: &Step) -> String {
    let s = &step.summary;
    let mut counts = Vec::new();
    for (n, what) in [
        (s.errors, "error"),
        (s.warnings, "warning"),
        (s.infos, "info"),
    ] {
        if n > 0 {
            counts.push(crate::report::count(n, what));
        }
    }
    format!("{} ({})", counts.join(", "), step.rules.join(", "))
}

/// "unblocks Browser ⇄ Workbench (a)", or nothing.
pub fn unblocks_words(step: &Step) -> Option<String> {
    (!step.unblocks.is_empty()).then(|| {
        let names: Vec<String> = step
            .unblocks
            .iter()
            .map(|c| format!("{} ({})", c.title(), c.as_str()))
            .collect();
        format!("unblocks {}", names.join(", "))
    })
}

/// "resolves …; until then rserver or the Launcher does not start; unblocks …": a step's effect.
pub fn effect_words(step: &Step) -> String {
    let mut what = vec![format!("resolves {}", resolves_words(step))];
    if step.service_fails_to_start {
        what.push("until then rserver or the Launcher does not start".into());
    }
    what.extend(unblocks_words(step));
    what.join("; ")
}

/// "after step 5: <why>", or nothing when the step can be taken now.
pub fn waits_words(step: &Step) -> Option<String> {
    if step.waits_for.is_empty() && step.waits_because.is_empty() {
        return None;
    }
    let after = match step.waits_for.as_slice() {
        [] => String::new(),
        [one] => format!("after step {one}"),
        many => format!(
            "after steps {}",
            many.iter()
                .map(|n| n.to_string())
                .collect::<Vec<_>>()
                .join(", ")
        ),
    };
    Some(match (after.is_empty(), step.waits_because.is_empty()) {
        (false, false) => format!("{after}: {}", step.waits_because),
        (false, true) => after,
        _ => step.waits_because.clone(),
    })
}

/// The first step in one sentence, for the top of a report: "First: <action> (clears 1 error;
/// unblocks …)". `None` when there is nothing to do.
pub fn first_step(report: &Report) -> Option<String> {
    let step = report.plan.first()?;
    Some(format!("First: {} ({})", step.action, effect_words(step)))
}
