//! The line parser for rserver-family configuration files.
//!
//! rserver reads its files with boost::program_options `parse_config_file`; this module reproduces that
//! parser's semantics (see ../shared/notes/workbench-config.md §1.1) instead of using an INI crate,
//! because every INI crate we know treats `;`, quotes, inline `#` or repeated sections differently from
//! boost, and the whole point of the checker is to read the file exactly as rserver will:
//!
//! - everything from the first `#` to the end of the line is a comment, even inside a value;
//! - a line whose first non-blank character is `;` is a comment;
//! - space and tab around the key and the value are trimmed; quotes are kept literally;
//! - `[name]` starts a section; any other line without `=` is invalid.

/// Where something is in an input: 1-based line and column (columns count characters, not bytes).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub struct Pos {
    pub line: u32,
    pub column: u32,
}

/// One `key=value` line.
#[derive(Clone, Debug)]
pub struct Entry {
    pub key: String,
    /// The value exactly as rserver sees it: comment removed, blanks trimmed, quotes kept.
    pub value: String,
    /// Index into [`ParsedConfig::sections`] of the section this entry belongs to.
    pub section: Option<usize>,
    pub key_pos: Pos,
    pub value_pos: Pos,
    /// The `#` comment that followed the value on the same line, and whether it touched the value
    /// (`a#b`), which usually means a value was cut short rather than a comment intended.
    pub inline_comment: Option<InlineComment>,
}

#[derive(Clone, Copy, Debug)]
pub struct InlineComment {
    pub pos: Pos,
    pub touches_value: bool,
}

/// A `[section]` header.
#[derive(Clone, Debug)]
pub struct Section {
    pub name: String,
    pub pos: Pos,
}

/// A line that is neither blank, a comment, a section header nor `key=value`.
#[derive(Clone, Debug)]
pub struct BadLine {
    pub pos: Pos,
    /// The offending text (comment removed, trimmed), for the message.
    pub text: String,
    pub section: Option<usize>,
    pub reason: BadLineReason,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BadLineReason {
    NoEquals,
    EmptyKey,
}

#[derive(Clone, Debug, Default)]
pub struct ParsedConfig {
    pub entries: Vec<Entry>,
    pub sections: Vec<Section>,
    pub bad_lines: Vec<BadLine>,
    pub line_count: u32,
    /// Lines over [`crate::limits::MAX_LINE_BYTES`], not parsed: (line, length in bytes).
    pub long_lines: Vec<(u32, usize)>,
}

impl ParsedConfig {
    pub fn section_name(&self, idx: Option<usize>) -> Option<&str> {
        idx.map(|i| self.sections[i].name.as_str())
    }
}

fn is_blank(c: char) -> bool {
    // boost's trim_ws trims these; \r also covers CRLF files.
    matches!(c, ' ' | '\t' | '\r' | '\n')
}

/// Parses text that is already decoded (BOM removed). Never fails: problems become [`BadLine`]s.
pub fn parse(text: &str) -> ParsedConfig {
    let mut out = ParsedConfig::default();
    let mut current_section: Option<usize> = None;
    // A final newline ends the last line; it does not start another one.
    let body = text.strip_suffix('\n').unwrap_or(text);
    let lines = if text.is_empty() {
        None
    } else {
        Some(body.split('\n'))
    };
    for (idx, raw_line) in lines.into_iter().flatten().enumerate() {
        let line_no = u32::try_from(idx + 1).unwrap_or(u32::MAX);
        out.line_count = line_no;
        if raw_line.len() > crate::limits::MAX_LINE_BYTES {
            out.long_lines.push((line_no, raw_line.len()));
            continue;
        }
        let (content, comment_byte) = match raw_line.find('#') {
            Some(i) => (&raw_line[..i], Some(i)),
            None => (raw_line, None),
        };
        let trimmed = content.trim_matches(is_blank);
        if trimmed.is_empty() || trimmed.starts_with(';') {
            continue;
        }
        let lead_bytes = content.len() - content.trim_start_matches(is_blank).len();
        let start_pos = Pos {
            line: line_no,
            column: column_of(raw_line, lead_bytes),
        };
        if trimmed.starts_with('[') && trimmed.ends_with(']') && trimmed.len() >= 2 {
            out.sections.push(Section {
                name: trimmed[1..trimmed.len() - 1]
                    .trim_matches(is_blank)
                    .to_string(),
                pos: start_pos,
            });
            current_section = Some(out.sections.len() - 1);
            continue;
        }
        let Some(eq) = content.find('=') else {
            out.bad_lines.push(BadLine {
                pos: start_pos,
                text: trimmed.to_string(),
                section: current_section,
                reason: BadLineReason::NoEquals,
            });
            continue;
        };
        let key = content[..eq].trim_matches(is_blank);
        if key.is_empty() {
            out.bad_lines.push(BadLine {
                pos: start_pos,
                text: trimmed.to_string(),
                section: current_section,
                reason: BadLineReason::EmptyKey,
            });
            continue;
        }
        let after_eq = &content[eq + 1..];
        let value = after_eq.trim_matches(is_blank);
        let value_lead = after_eq.len() - after_eq.trim_start_matches(is_blank).len();
        let value_byte = eq + 1 + value_lead;
        let inline_comment = comment_byte.map(|c| InlineComment {
            pos: Pos {
                line: line_no,
                column: column_of(raw_line, c),
            },
            // `key=a#b`: nothing blank between the value and `#`.
            touches_value: !value.is_empty() && !content.ends_with(is_blank),
        });
        out.entries.push(Entry {
            key: key.to_string(),
            value: value.to_string(),
            section: current_section,
            key_pos: start_pos,
            value_pos: Pos {
                line: line_no,
                column: column_of(raw_line, value_byte),
            },
            inline_comment,
        });
    }
    out
}

fn column_of(line: &str, byte: usize) -> u32 {
    let prefix = line.get(..byte).unwrap_or(line);
    u32::try_from(prefix.chars().count() + 1).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trims_around_key_and_value_and_keeps_quotes() {
        let p = parse("  balancer = sessions  \nssl-certificate=\"/x.crt\"\n");
        assert_eq!(p.entries.len(), 2);
        assert_eq!(p.entries[0].key, "balancer");
        assert_eq!(p.entries[0].value, "sessions");
        assert_eq!(p.entries[0].key_pos, Pos { line: 1, column: 3 });
        assert_eq!(
            p.entries[0].value_pos,
            Pos {
                line: 1,
                column: 14
            }
        );
        assert_eq!(p.entries[1].value, "\"/x.crt\"");
        assert_eq!(p.line_count, 2);
    }

    #[test]
    fn hash_anywhere_starts_a_comment() {
        let p = parse("launcher-sessions-callback-address=https://h/#frag\nkey=v # note\n# all\n");
        assert_eq!(p.entries[0].value, "https://h/");
        assert!(p.entries[0].inline_comment.unwrap().touches_value);
        assert_eq!(p.entries[1].value, "v");
        assert!(!p.entries[1].inline_comment.unwrap().touches_value);
        assert_eq!(p.entries.len(), 2);
    }

    #[test]
    fn semicolon_lines_are_comments_but_not_in_values() {
        let p = parse("; comment\nk=a;b\n");
        assert_eq!(p.entries.len(), 1);
        assert_eq!(p.entries[0].value, "a;b");
        assert!(p.bad_lines.is_empty());
    }

    #[test]
    fn sections_and_bad_lines() {
        let p = parse("[server]\naddress=1\n[cluster]\nname=Local\njunk line\n=novalue\n");
        assert_eq!(p.sections.len(), 2);
        assert_eq!(p.section_name(p.entries[1].section), Some("cluster"));
        assert_eq!(p.bad_lines.len(), 2);
        assert_eq!(p.bad_lines[0].reason, BadLineReason::NoEquals);
        assert_eq!(p.bad_lines[0].pos.line, 5);
        assert_eq!(p.bad_lines[1].reason, BadLineReason::EmptyKey);
    }

    #[test]
    fn crlf_empty_values_and_no_trailing_newline() {
        let p = parse("a=1\r\nb=\r\nc=3");
        assert_eq!(p.entries.len(), 3);
        assert_eq!(p.entries[0].value, "1");
        assert_eq!(p.entries[1].value, "");
        assert_eq!(p.entries[2].value, "3");
        assert_eq!(p.line_count, 3);
    }

    #[test]
    fn columns_count_characters() {
        let p = parse("é=ü\n");
        assert_eq!(p.entries[0].value_pos.column, 3);
    }
}
