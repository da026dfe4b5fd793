//! The edits of config files that findings carry ([`Fix`]), as the rules build them: positions in our
//! own parse of boost-style config files. Applying them is [`crate::fix`]'s, above the engine. None of
//! it touches certificates or keys, which are never edited (their fixes are commands, in words).

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
