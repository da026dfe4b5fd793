//! Helm's values: the deep merge of `-f` files and `--set` flags over the chart's defaults.

use super::tree::{Node, Origin, Value};

/// Helm's coalesce: `over` wins; maps merge key by key; a `null` in `over` deletes the key (the only
/// way to remove a chart default).
pub fn merge(base: &mut Node, over: &Node) {
    match (&mut base.value, &over.value) {
        (Value::Map(into), Value::Map(from)) => {
            for (key, value) in from {
                let existing = into.iter().position(|(k, _)| k == key);
                match (existing, &value.value) {
                    (Some(i), Value::Null) => {
                        into.remove(i);
                    }
                    (None, Value::Null) => {}
                    (Some(i), _) => merge(&mut into[i].1, value),
                    (None, _) => into.push((key.clone(), value.clone())),
                }
            }
        }
        _ => *base = over.clone(),
    }
}

/// How a `--set` family flag types its value.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SetKind {
    /// `--set`: `true`, `false`, `null` and integers are typed, the rest are strings.
    Typed,
    /// `--set-string`: always a string.
    String,
    /// `--set-file`: the value is a file's content, which a pasted command does not carry.
    File,
}

/// The values a `--set a.b=c,d=e` flag sets, as a tree to merge (Helm's strvals syntax: `\.` keeps a
/// dot in a key, `\,` a comma in a value, `{a,b}` is a list, `name[0]` an element).
///
/// Written here because strvals is Helm's own Go syntax; no Rust crate reads it.
pub fn parse_set(expr: &str, kind: SetKind, flag: &str) -> Result<Node, String> {
    let origin = Origin::Flag(flag.to_string());
    let mut root = Node::new(Value::Map(Vec::new()), origin.clone());
    for assignment in split_unescaped(expr, ',', true) {
        if assignment.is_empty() {
            continue;
        }
        let Some((path, raw)) = split_once_unescaped(&assignment, '=') else {
            return Err(format!("`{assignment}` has no `=`"));
        };
        let keys = split_unescaped(&path, '.', false);
        if keys.iter().any(String::is_empty) {
            return Err(format!("`{path}` has an empty key"));
        }
        let value = match kind {
            SetKind::File => Value::Str(String::new()),
            SetKind::String => Value::Str(unescape(&raw)),
            SetKind::Typed if raw.starts_with('{') && raw.ends_with('}') => Value::Seq(
                split_unescaped(&raw[1..raw.len() - 1], ',', false)
                    .into_iter()
                    .map(|item| Node::new(typed(&item), origin.clone()))
                    .collect(),
            ),
            SetKind::Typed => typed(&unescape(&raw)),
        };
        let mut leaf = Node::new(value, origin.clone());
        for key in keys.iter().rev() {
            // `name[0]`: Helm sets that element of a list; taken as the list's first element here.
            let (name, is_index) = match key.find('[') {
                Some(i) if key.ends_with(']') => (&key[..i], true),
                _ => (key.as_str(), false),
            };
            if is_index {
                leaf = Node::new(Value::Seq(vec![leaf]), origin.clone());
            }
            leaf = Node::new(Value::Map(vec![(name.to_string(), leaf)]), origin.clone());
        }
        merge(&mut root, &leaf);
    }
    Ok(root)
}

fn typed(raw: &str) -> Value {
    match raw {
        "true" => Value::Bool(true),
        "false" => Value::Bool(false),
        "null" => Value::Null,
        _ => match raw.parse::<i64>() {
            // Helm types only integers, and not those with a leading zero (`0644` stays a string).
            Ok(n) if !(raw.len() > 1 && raw.starts_with('0')) => Value::Number(n as f64),
            _ => Value::Str(raw.to_string()),
        },
    }
}

fn unescape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            if let Some(next) = chars.next() {
                out.push(next);
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// Splits at `sep` not preceded by a backslash, outside `{...}`; the backslash before a separator is
/// dropped when `keep_escapes` is false.
fn split_unescaped(s: &str, sep: char, keep_escapes: bool) -> Vec<String> {
    let mut parts = vec![String::new()];
    let mut depth = 0usize;
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        let last = parts.last_mut().expect("never empty");
        match c {
            '\\' => match chars.next() {
                Some(next) if next == sep && !keep_escapes => last.push(next),
                Some(next) => {
                    last.push('\\');
                    last.push(next);
                }
                None => last.push('\\'),
            },
            '{' => {
                depth += 1;
                last.push(c);
            }
            '}' => {
                depth = depth.saturating_sub(1);
                last.push(c);
            }
            c if c == sep && depth == 0 => parts.push(String::new()),
            c => last.push(c),
        }
    }
    parts
}

fn split_once_unescaped(s: &str, sep: char) -> Option<(String, String)> {
    let mut escaped = false;
    for (i, c) in s.char_indices() {
        if escaped {
            escaped = false;
        } else if c == '\\' {
            escaped = true;
        } else if c == sep {
            return Some((s[..i].to_string(), s[i + 1..].to_string()));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn set(expr: &str) -> Node {
        parse_set(expr, SetKind::Typed, expr).unwrap()
    }

    #[test]
    fn set_flags_read_as_helm_reads_them() {
        let n = set(r"config.secret.database\.conf.password=${PW},replicas=2,a.b=true");
        assert_eq!(
            n.at(&["config", "secret", "database.conf", "password"])
                .and_then(Node::str),
            Some("${PW}")
        );
        assert_eq!(n.at(&["replicas"]).and_then(Node::number), Some(2.0));
        assert_eq!(n.at(&["a", "b"]).map(Node::truthy), Some(true));
        assert_eq!(set("m=0644").at(&["m"]).and_then(Node::str), Some("0644"));
        assert_eq!(set(r"x=a\,b").at(&["x"]).and_then(Node::str), Some("a,b"));
        assert_eq!(set("l={a,b}").at(&["l"]).map(|l| l.seq().len()), Some(2));
        assert!(parse_set("novalue", SetKind::Typed, "").is_err());
    }

    #[test]
    fn null_deletes_and_maps_merge() {
        let mut base = set("a.b=1,a.c=2,d=3");
        merge(&mut base, &set("a.b=null,a.e=4,d=x"));
        assert!(base.at(&["a", "b"]).is_none());
        assert_eq!(base.at(&["a", "c"]).and_then(Node::number), Some(2.0));
        assert_eq!(base.at(&["a", "e"]).and_then(Node::number), Some(4.0));
        assert_eq!(base.at(&["d"]).and_then(Node::str), Some("x"));
    }
}
