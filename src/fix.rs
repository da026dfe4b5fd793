//! Applying machine-applicable fixes ([`crate::edits`] builds them with the findings) to the files'
//! text, in rounds that check again: the CLI's `--diff` and `--fix`, SARIF's `fixes` and the page all
//! use these.
//!
//! Written here rather than taken from a crate: applying edits of our own parse is a sort and a
//! splice.

pub use crate::edits::{apply, editable_configs, is_config_kind};
use crate::report::{Edit, Finding, Fix, FixSafety};

/// One config file after its fixes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FixedFile {
    pub name: String,
    pub before: String,
    pub after: String,
}

/// The fixes of `findings` applied to `files` ((name, text) of each config file): the safe ones, and
/// with `unsafe_fixes` also those that need review. A fix is all or nothing: when one of its edits
/// collides with an edit already taken, or names a file not given, the whole fix waits for the next
/// round (the caller checks again and reapplies). Returns the changed files and the indices of the
/// findings whose fix was applied.
pub fn apply_fixes(
    findings: &[Finding],
    files: &[(String, String)],
    unsafe_fixes: bool,
) -> (Vec<FixedFile>, Vec<usize>) {
    let wanted: Vec<(usize, &Fix)> = findings
        .iter()
        .enumerate()
        .filter_map(|(i, f)| f.fix.as_ref().map(|x| (i, x)))
        .filter(|(_, x)| unsafe_fixes || x.safety == FixSafety::Safe)
        .filter(|(_, x)| {
            x.edits
                .iter()
                .all(|e| files.iter().any(|(n, _)| *n == e.file))
        })
        .collect();
    // Fixes are taken in finding order; a fix whose edits do not all survive on their files is dropped.
    let mut taken: Vec<(usize, &Fix)> = Vec::new();
    for (i, fix) in wanted {
        let mut trial = taken.clone();
        trial.push((i, fix));
        let all_kept = files.iter().all(|(name, text)| {
            let edits: Vec<&Edit> = trial
                .iter()
                .flat_map(|(_, f)| f.edits.iter())
                .filter(|e| e.file == *name)
                .collect();
            let (_, kept) = apply(text, &edits);
            // Count distinct edits: identical duplicates collapse into one.
            let mut distinct: Vec<&Edit> = Vec::new();
            for e in &edits {
                if !distinct.contains(e) {
                    distinct.push(e);
                }
            }
            kept.len() == distinct.len()
        });
        if all_kept {
            taken = trial;
        }
    }
    let mut out = Vec::new();
    for (name, text) in files {
        let edits: Vec<&Edit> = taken
            .iter()
            .flat_map(|(_, f)| f.edits.iter())
            .filter(|e| e.file == *name)
            .collect();
        if edits.is_empty() {
            continue;
        }
        let (after, _) = apply(text, &edits);
        if after != *text {
            out.push(FixedFile {
                name: name.clone(),
                before: text.clone(),
                after,
            });
        }
    }
    (out, taken.iter().map(|(i, _)| *i).collect())
}

/// Fixing, checking again and fixing what the new check offers stops after this many rounds (a fix
/// can reveal another: a scheme fixed, then the port of the same URL).
pub const MAX_ROUNDS: usize = 4;

/// Applies the fixes of `report` to the inputs' config files, checks again and repeats (at most
/// [`MAX_ROUNDS`] times): the files before the first round and after the last, the report of the
/// files as they end (`None` when no round changed anything), and the number of fixes applied.
pub fn fix_rounds(
    inputs: &[crate::input::Input],
    report: &crate::report::Report,
    options: &crate::CheckOptions,
    unsafe_fixes: bool,
) -> (Vec<FixedFile>, Option<crate::report::Report>, usize) {
    let originals = editable_configs(inputs, report);
    let mut texts = originals.clone();
    let mut current = inputs.to_vec();
    let mut rechecked: Option<crate::report::Report> = None;
    let mut applied = 0;
    for _ in 0..MAX_ROUNDS {
        let findings = &rechecked.as_ref().unwrap_or(report).findings;
        let (changed, taken) = apply_fixes(findings, &texts, unsafe_fixes);
        if changed.is_empty() {
            break;
        }
        applied += taken.len();
        for f in changed {
            if let Some(t) = texts.iter_mut().find(|(n, _)| *n == f.name) {
                t.1 = f.after.clone();
            }
            if let Some(i) = current.iter_mut().find(|i| i.name == f.name) {
                i.bytes = f.after.into_bytes();
            }
        }
        rechecked = Some(crate::check(&current, options));
    }
    let files = originals
        .into_iter()
        .zip(texts)
        .filter(|((_, before), (_, after))| before != after)
        .map(|((name, before), (_, after))| FixedFile {
            name,
            before,
            after,
        })
        .collect();
    (files, rechecked, applied)
}

/// The lines a fix changes in one file, with one line of context: what the page shows as a
/// before/after. Lines are masked as the page shows config lines ([`crate::base::shown_line`]).
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Preview {
    pub file: String,
    /// The line number (1-based) of the first line of `before` and `after`.
    pub line: u32,
    pub before: Vec<String>,
    pub after: Vec<String>,
}

pub fn preview(file: &str, text: &str, fix: &Fix) -> Option<Preview> {
    let edits: Vec<&Edit> = fix.edits.iter().filter(|e| e.file == file).collect();
    if edits.is_empty() {
        return None;
    }
    let (after, _) = apply(text, &edits);
    let a: Vec<&str> = text.lines().collect();
    let b: Vec<&str> = after.lines().collect();
    let prefix = a.iter().zip(&b).take_while(|(x, y)| x == y).count();
    let suffix = a[prefix..]
        .iter()
        .rev()
        .zip(b[prefix..].iter().rev())
        .take_while(|(x, y)| x == y)
        .count();
    let start = prefix.saturating_sub(1);
    let shown = |lines: &[&str], end: usize| -> Vec<String> {
        lines[start..(end + 1).min(lines.len())]
            .iter()
            .map(|l| crate::base::shown_line(l))
            .collect()
    };
    Some(Preview {
        file: file.to_string(),
        line: u32::try_from(start + 1).unwrap_or(u32::MAX),
        before: shown(&a, a.len() - suffix),
        after: shown(&b, b.len() - suffix),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn edit(line: u32, column: u32, end_line: u32, end_column: u32, text: &str) -> Edit {
        Edit {
            file: "f".into(),
            line,
            column,
            end_line,
            end_column,
            text: text.into(),
        }
    }

    #[test]
    fn replaces_inserts_and_deletes_by_character_positions() {
        let text = "a=1\nbé=\"x\"\nc=3";
        let (out, kept) = apply(
            text,
            &[
                &edit(2, 4, 2, 7, "x"),
                &edit(1, 1, 2, 1, ""),
                &edit(4, 1, 4, 1, "d=4\n"),
            ],
        );
        assert_eq!(out, "bé=x\nc=3\nd=4\n");
        assert_eq!(kept.len(), 3);
    }

    #[test]
    fn a_preview_shows_the_changed_lines_with_one_line_around() {
        let fix = Fix {
            description: String::new(),
            safety: FixSafety::Safe,
            edits: vec![edit(3, 3, 3, 4, "9"), edit(4, 1, 5, 1, "")],
            guards: None,
        };
        let p = preview("f", "a=1\nb=2\nc=3\nd=4\ne=5\nf=6\n", &fix).unwrap();
        assert_eq!(p.line, 2);
        assert_eq!(p.before, ["b=2", "c=3", "d=4", "e=5"]);
        assert_eq!(p.after, ["b=2", "c=9", "e=5"]);
        assert_eq!(preview("other", "", &fix), None);
    }

    #[test]
    fn overlapping_edits_keep_the_first_and_identical_ones_apply_once() {
        let text = "a=1\n";
        let one = edit(1, 3, 1, 4, "2");
        let (out, kept) = apply(text, &[&one, &edit(1, 1, 2, 1, ""), &one]);
        assert_eq!(out, "");
        assert_eq!(kept.len(), 1, "{kept:?}");
        let (out, _) = apply(text, &[&one, &one.clone()]);
        assert_eq!(out, "a=2\n");
    }
}
