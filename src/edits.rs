//! The edits of config files that findings carry ([`Fix`]), as the rules build them: positions in our
//! own parse of boost-style config files. Applying them is [`crate::fix`]'s, above the engine. None of
//! it touches certificates or keys, which are never edited (their fixes are commands, in words).
//! Splicing edits into a file's text ([`apply`]) is here too: the plan tries its edits before it
//! offers them.
//!
//! Written here rather than taken from a crate: applying edits of our own parse is a sort and a
//! splice.

use crate::config::ConfigFile;
use crate::input::config_lines::Entry;
use crate::report::{Edit, Fix, FixSafety};

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
        end_column: e.value_pos.column.saturating_add(chars(&e.value)),
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
        end_column: e.key_pos.column.saturating_add(chars(&e.key)),
        text: key.to_string(),
    }
}

/// Removes an entry's whole line.
pub fn delete_entry(file: &ConfigFile, e: &Entry) -> Edit {
    Edit {
        file: file.name.clone(),
        line: e.key_pos.line,
        column: 1,
        end_line: e.key_pos.line.saturating_add(1),
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
    Some(insert_line(
        file,
        after.saturating_add(1),
        &format!("{key}={value}"),
    ))
}

/// Inserts `text` as a whole new line at the start of line `line` (past the end: after the last line).
pub fn insert_line(file: &ConfigFile, line: u32, text: &str) -> Edit {
    Edit {
        file: file.name.clone(),
        line,
        column: 1,
        end_line: line,
        end_column: 1,
        text: format!("{text}\n"),
    }
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

/// A fix of these edits (any collection: a `Vec`, or the `Option` of [`set_option`]); none without one.
pub fn fix(
    description: impl Into<String>,
    safety: FixSafety,
    edits: impl IntoIterator<Item = Edit>,
) -> Option<Fix> {
    let edits: Vec<Edit> = edits.into_iter().collect();
    (!edits.is_empty()).then(|| Fix {
        description: description.into(),
        safety,
        edits,
        guards: None,
    })
}

/// The fix that writes `launcher-sessions-callback-address=url`, "Write `…=url`" then `why`. Always
/// needs review: which host, scheme and port sessions should dial is a choice.
pub fn callback_fix(r: &crate::config::Settings, url: &str, why: &str) -> Option<Fix> {
    const KEY: &str = "launcher-sessions-callback-address";
    fix(
        format!("Write `{KEY}={url}`{why}"),
        FixSafety::NeedsReview,
        set_rserver(r, KEY, url),
    )
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
    crate::base::sort(&mut spans);
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
