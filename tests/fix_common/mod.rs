//! The promises of machine-applicable fixes, checked on any set of inputs (the rule fixtures and the
//! real corpus use this): applied, a safe fix removes its finding and adds no error; fixing reaches a
//! point where another round changes nothing; an edit that changes a line changes a line whose option
//! the fix names; nothing but config files is ever edited.

use super::report_log::check;
use wb_ssl_check::fix::{apply_fixes, editable_configs};
use wb_ssl_check::report::{FixSafety, Severity};
use wb_ssl_check::{CheckOptions, Input, Report};

/// The option names an edit's lines hold (`key` of `key=value`), for the "names its lines" promise.
fn key_of(line: &str) -> Option<&str> {
    let content = line.split('#').next()?;
    let (key, _) = content.split_once('=')?;
    Some(key.trim())
}

fn errors(report: &Report) -> Vec<String> {
    let mut e: Vec<String> = report
        .findings
        .iter()
        .filter(|f| f.severity == Severity::Error)
        .map(|f| f.rule.clone())
        .collect();
    e.sort();
    e.dedup();
    e
}

fn count(report: &Report, rule: &str, file: &str) -> usize {
    report
        .findings
        .iter()
        .filter(|f| f.rule == rule && f.file == file)
        .count()
}

/// Checks every promise on one input set; returns what broke (empty when all held), each line
/// prefixed with `label`. `fixed` counts the fixes applied, for the caller's coverage assertions.
pub fn check_fixes(
    label: &str,
    inputs: &[Input],
    options: &CheckOptions,
    fixed: &mut Vec<String>,
) -> Vec<String> {
    let mut problems = Vec::new();
    let mut report = check(inputs, options);
    let configs = editable_configs(inputs, &report);
    // Every edit targets an editable config file, and every changed line holds an option the fix or
    // its finding names.
    for f in &report.findings {
        let Some(fix) = &f.fix else { continue };
        if fix.edits.is_empty() {
            problems.push(format!("{label}: {} has a fix without edits", f.rule));
        }
        for e in &fix.edits {
            let Some((_, text)) = configs.iter().find(|(n, _)| *n == e.file) else {
                problems.push(format!(
                    "{label}: {} edits {}, which is not an editable config",
                    f.rule, e.file
                ));
                continue;
            };
            if (e.line, e.column) == (e.end_line, e.end_column) {
                continue; // an insertion touches no existing line
            }
            let last = if e.end_column == 1 && e.end_line > e.line {
                e.end_line - 1
            } else {
                e.end_line
            };
            for n in e.line..=last {
                let line = text.lines().nth(n as usize - 1).unwrap_or("");
                match key_of(line) {
                    Some(k) if fix.description.contains(k) || f.message.contains(k) => {}
                    _ => problems.push(format!("{label}: {}'s fix changes line {n} of {} (`{line}`), which it does not name", f.rule, e.file)),
                }
            }
        }
    }
    // Safe fixes, round after round until nothing changes.
    let mut current = inputs.to_vec();
    let before_errors = errors(&report);
    let mut texts = configs.clone();
    for round in 1..=5 {
        let (changed, taken) = apply_fixes(&report.findings, &texts, false);
        if changed.is_empty() {
            break;
        }
        if round == 5 {
            problems.push(format!(
                "{label}: safe fixes still change files after 4 rounds"
            ));
            break;
        }
        for f in changed {
            texts.iter_mut().find(|(n, _)| *n == f.name).unwrap().1 = f.after.clone();
            current.iter_mut().find(|i| i.name == f.name).unwrap().bytes = f.after.into_bytes();
        }
        let after = check(&current, options);
        for &i in &taken {
            let f = &report.findings[i];
            if f.fix.as_ref().unwrap().safety != FixSafety::Safe {
                problems.push(format!(
                    "{label}: a fix that needs review was applied as safe"
                ));
            }
            let (was, now) = (
                count(&report, &f.rule, &f.file),
                count(&after, &f.rule, &f.file),
            );
            let fixed_here = taken
                .iter()
                .filter(|&&j| {
                    report.findings[j].rule == f.rule && report.findings[j].file == f.file
                })
                .count();
            if now + fixed_here > was {
                problems.push(format!("{label}: the safe fix of {} in {} did not remove it ({was} before, {now} after)", f.rule, f.file));
            }
            fixed.push(f.rule.clone());
        }
        let new_errors: Vec<String> = errors(&after)
            .into_iter()
            .filter(|e| !before_errors.contains(e))
            .collect();
        if !new_errors.is_empty() {
            problems.push(format!("{label}: safe fixes added errors {new_errors:?}"));
        }
        report = after;
    }
    // The whole plan at once (safe and needs-review edits alike, those that wait left out): no error it
    // claimed to resolve remains, none is added, and no two steps edit one line.
    let report = check(inputs, options);
    let mut lines_edited: Vec<(String, u32)> = Vec::new();
    for s in &report.plan {
        for e in s.fix.iter().flat_map(|f| f.edits.iter()) {
            let at = (e.file.clone(), e.line);
            if e.line != e.end_line || e.column != e.end_column {
                if lines_edited.contains(&at) {
                    problems.push(format!(
                        "{label}: two steps of the plan edit {}:{}",
                        e.file, e.line
                    ));
                }
                lines_edited.push(at);
            }
        }
    }
    let (changed, taken) = apply_fixes(&report.findings, &configs, true);
    if !changed.is_empty() {
        let mut current = inputs.to_vec();
        for f in changed {
            current.iter_mut().find(|i| i.name == f.name).unwrap().bytes = f.after.into_bytes();
        }
        let after = check(&current, options);
        let errors_of = |r: &Report, rule: &str, file: &str| {
            r.findings
                .iter()
                .filter(|f| f.severity == Severity::Error && f.rule == rule && f.file == file)
                .count()
        };
        let mut claimed: Vec<(&str, &str)> = taken
            .iter()
            .map(|&i| &report.findings[i])
            .filter(|f| f.severity == Severity::Error)
            .map(|f| (f.rule.as_str(), f.file.as_str()))
            .collect();
        claimed.sort();
        let mut seen = Vec::new();
        for &(rule, file) in &claimed {
            if seen.contains(&(rule, file)) {
                continue;
            }
            seen.push((rule, file));
            let n = claimed.iter().filter(|c| **c == (rule, file)).count();
            let (was, now) = (
                errors_of(&report, rule, file),
                errors_of(&after, rule, file),
            );
            if now + n > was {
                problems.push(format!("{label}: the plan claimed to resolve {n} {rule} error(s) in {file}, but {now} of {was} remain"));
            }
        }
        let added: Vec<String> = errors(&after)
            .into_iter()
            .filter(|e| !errors(&report).contains(e))
            .collect();
        if !added.is_empty() {
            problems.push(format!("{label}: applying the plan added errors {added:?}"));
        }
    }
    // Fixes that need review too: never a panic, and they reach a point where nothing changes.
    let mut report = check(inputs, options);
    let mut current = inputs.to_vec();
    let mut texts = configs;
    let mut settled = false;
    for _ in 0..6 {
        let (changed, _) = apply_fixes(&report.findings, &texts, true);
        if changed.is_empty() {
            settled = true;
            break;
        }
        for f in changed {
            texts.iter_mut().find(|(n, _)| *n == f.name).unwrap().1 = f.after.clone();
            current.iter_mut().find(|i| i.name == f.name).unwrap().bytes = f.after.into_bytes();
        }
        report = check(&current, options);
    }
    if !settled {
        problems.push(format!(
            "{label}: fixes that need review keep changing files after 6 rounds"
        ));
    }
    problems
}
