//! Machine-applicable fixes: the edits of config files that findings carry ([`Fix`]), built by the rules
//! with the helpers here, and applied to the files' text by [`apply_fixes`]. The CLI's `--diff` and
//! `--fix`, SARIF's `fixes` and the page all use these; none of it touches certificates or keys, which
//! are never edited (their fixes are commands, in words).
//!
//! Written here rather than taken from a crate: the edits are positions in our own parse of
//! boost-style config files, and applying them is a sort and a splice.

use crate::config::parse::Entry;
use crate::config::ConfigFile;
use crate::report::{Edit, Finding, Fix, FixSafety};

fn chars(s: &str) -> u32 {
    u32::try_from(s.chars().count()).unwrap_or(u32::MAX)
}

/// Replaces an entry's value (as written, quotes included).
pub fn replace_value(file: &ConfigFile, e: &Entry, value: &str) -> Edit {
    Edit {
        file: file.name.clone(),
        line: e.value_pos.line,
        column: e.value_pos.column,
        end_line: e.value_pos.line,
        end_column: e.value_pos.column + chars(&e.value),
        text: value.to_string(),
    }
}

/// Replaces an entry's option name.
pub fn replace_key(file: &ConfigFile, e: &Entry, key: &str) -> Edit {
    Edit {
        file: file.name.clone(),
        line: e.key_pos.line,
        column: e.key_pos.column,
        end_line: e.key_pos.line,
        end_column: e.key_pos.column + chars(&e.key),
        text: key.to_string(),
    }
}

/// Removes an entry's whole line.
pub fn delete_entry(file: &ConfigFile, e: &Entry) -> Edit {
    Edit {
        file: file.name.clone(),
        line: e.key_pos.line,
        column: 1,
        end_line: e.key_pos.line + 1,
        end_column: 1,
        text: String::new(),
    }
}

/// Adds `key=value` as a new line: after the last line of `section` (by name) when the file has
/// sections, else at the end of the file. `None` when the section is not in the file.
pub fn add_entry(file: &ConfigFile, section: Option<&str>, key: &str, value: &str) -> Option<Edit> {
    let p = &file.parsed;
    let after = match section {
        None => p.line_count,
        Some(name) => {
            let idx = p.sections.iter().position(|s| s.name == name)?;
            let header = p.sections[idx].pos.line;
            let last_entry = p
                .entries
                .iter()
                .filter(|e| e.section == Some(idx))
                .map(|e| e.key_pos.line)
                .max();
            last_entry.unwrap_or(header)
        }
    };
    Some(Edit {
        file: file.name.clone(),
        line: after + 1,
        column: 1,
        end_line: after + 1,
        end_column: 1,
        text: format!("{key}={value}\n"),
    })
}

/// Sets an option: its value replaced when the file has it, else a new line.
pub fn set_option(
    file: &ConfigFile,
    section: Option<&str>,
    key: &str,
    value: &str,
) -> Option<Edit> {
    let p = &file.parsed;
    let existing = p.entries.iter().rev().find(|e| {
        e.key == key
            && match section {
                None => true,
                Some(name) => p.section_name(e.section) == Some(name),
            }
    });
    match existing {
        // Already so: no edit, which would only stand in the way of another fix of the same line.
        Some(e) if e.value == value => None,
        Some(e) => Some(replace_value(file, e, value)),
        None => add_entry(file, section, key, value),
    }
}

/// Sets an rserver.conf option (files without sections).
pub fn set_rserver(r: &crate::config::Settings, key: &str, value: &str) -> Option<Edit> {
    set_option(r.file, None, key, value)
}

pub fn fix(description: impl Into<String>, safety: FixSafety, edits: Vec<Edit>) -> Option<Fix> {
    (!edits.is_empty()).then(|| Fix {
        description: description.into(),
        safety,
        edits,
    })
}

/// Byte offset of a (line, column) position in `text`; positions past a line's end or the text's end
/// are clamped there.
fn offset(text: &str, line: u32, column: u32) -> usize {
    let mut start = 0usize;
    for _ in 1..line {
        match text[start..].find('\n') {
            Some(i) => start += i + 1,
            None => return text.len(),
        }
    }
    let line_end = text[start..].find('\n').map_or(text.len(), |i| start + i);
    let mut at = start;
    for _ in 1..column {
        match text[at..line_end].chars().next() {
            Some(c) => at += c.len_utf8(),
            None => break,
        }
    }
    at
}

/// Applies edits to one file's text. Edits that overlap one already applied are left out: the result
/// and the indices (into `edits`) of those applied.
pub fn apply(text: &str, edits: &[&Edit]) -> (String, Vec<usize>) {
    let mut spans: Vec<(usize, usize, usize)> = edits
        .iter()
        .enumerate()
        .map(|(i, e)| {
            let a = offset(text, e.line, e.column);
            let b = offset(text, e.end_line, e.end_column).max(a);
            (a, b, i)
        })
        .collect();
    spans.sort_by_key(|&(a, b, i)| (a, b, i));
    let mut kept: Vec<(usize, usize, usize)> = Vec::new();
    let mut end = 0usize;
    for (a, b, i) in spans {
        let duplicate = kept
            .iter()
            .any(|&(ka, kb, k)| ka == a && kb == b && edits[k].text == edits[i].text);
        // Sorted by start, an edit overlaps an earlier one when it starts before the furthest end so
        // far; insertions at the same point follow each other.
        if duplicate || a < end {
            continue;
        }
        end = end.max(b);
        kept.push((a, b, i));
    }
    // New lines end as the file's lines do (CRLF files stay CRLF); the first one added after a last
    // line that has no newline starts on a line of its own.
    let crlf = text.contains("\r\n");
    let unterminated_end = !text.is_empty() && !text.ends_with('\n');
    let first_at_end = kept
        .iter()
        .position(|&(a, _, i)| a == text.len() && edits[i].column == 1);
    let mut out = text.to_string();
    for (k, &(a, b, i)) in kept.iter().enumerate().rev() {
        let mut insert = edits[i].text.clone();
        if unterminated_end && Some(k) == first_at_end && insert.ends_with('\n') {
            insert.insert(0, '\n');
        }
        if crlf {
            insert = insert.replace("\r\n", "\n").replace('\n', "\r\n");
        }
        out.replace_range(a..b, &insert);
    }
    (out, kept.iter().map(|&(_, _, i)| i).collect())
}

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

/// Whether an input kind (`InputSummary::kind`) is a config file that fixes may edit.
pub fn is_config_kind(kind: &str) -> bool {
    kind.ends_with("-conf") || kind == "load-balancer"
}

/// The config inputs that fixes may edit, as (name, text): plain UTF-8 only. A file with a BOM or in
/// UTF-16 is left alone (writing it back would change its encoding), and certificates and keys are
/// never edited.
pub fn editable_configs(
    inputs: &[crate::input::Input],
    report: &crate::report::Report,
) -> Vec<(String, String)> {
    inputs
        .iter()
        .filter(|i| {
            report
                .inputs
                .iter()
                .any(|s| s.name == i.name && is_config_kind(&s.kind))
        })
        .filter(|i| !i.bytes.starts_with(b"\xEF\xBB\xBF"))
        .filter_map(|i| Some((i.name.clone(), String::from_utf8(i.bytes.clone()).ok()?)))
        .collect()
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
