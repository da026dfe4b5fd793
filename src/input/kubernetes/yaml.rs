//! YAML text into [`Node`] trees: the block YAML that Helm values files and Kubernetes manifests are
//! written in.
//!
//! Written here rather than taken from a crate, because every YAML crate costs the page more than the
//! room its budget has left (13.8 KB gzipped). Measured in the page's module, gzipped, against 319.9 KB
//! without YAML: yaml-rust2 0.13 at the event level +21.1 KB (its tree API +48.4 KB), saphyr-parser
//! 0.3 events +25.0 KB (saphyr's tree +59.0 KB), serde_yaml 0.9 +73.3 KB, serde_norway +73.5 KB,
//! serde_yml +71.3 KB (and it keeps only a stream's first document), noyalib +67.8 KB. This reader
//! costs the page about 7 KB with everything the Kubernetes reader does. It is held to yaml-rust2 in the
//! tests: both read every real YAML file of the corpus and the chart's own values files and must give
//! the same tree (tests/kubernetes.rs).
//!
//! What it reads: documents (`---`), block mappings and sequences, plain, single- and double-quoted
//! scalars (one line), literal and folded block scalars with chomping and indentation indicators,
//! flow collections (over several lines too), comments, anchors, aliases and merge keys (`<<`). What
//! it refuses, with the line: tabs as indentation, complex keys (`? `), multi-line quoted scalars,
//! and anything indented where no value can start. Plain scalars are typed as Helm types them: Helm
//! reads values with go-yaml v2, which takes `yes`/`on` for true and `0644` for an octal number.

use super::tree::{Node, Origin, Value};

/// Why a text is not YAML, where.
#[derive(Clone, Debug, PartialEq)]
pub struct YamlError {
    pub line: u32,
    pub message: String,
}

/// Nodes at most in one text, aliases expanded: an alias bomb (`&a [*b, *b, ...]`) stops here.
const MAX_NODES: usize = 200_000;
/// Nesting at most: values files nest a dozen levels.
const MAX_DEPTH: usize = 128;

type Result<T> = std::result::Result<T, YamlError>;

struct Reader<'a> {
    /// The lines of one document: (1-based line number, text with the comment still in).
    lines: Vec<(u32, String)>,
    pos: usize,
    name: &'a str,
    anchors: Vec<(String, Node)>,
    nodes: usize,
    depth: usize,
}

fn fail<T>(line: u32, message: &str) -> Result<T> {
    Err(YamlError {
        line,
        message: message.to_string(),
    })
}

/// Every document of `text`; `name` is the input's name, for origins.
pub fn documents(text: &str, name: &str) -> Result<Vec<Node>> {
    let mut docs = Vec::new();
    let mut current: Vec<(u32, String)> = Vec::new();
    let mut started = false;
    let mut nodes = 0;
    let mut flush =
        |lines: Vec<(u32, String)>, started: bool, docs: &mut Vec<Node>| -> Result<()> {
            let mut reader = Reader {
                lines,
                pos: 0,
                name,
                anchors: Vec::new(),
                nodes,
                depth: 0,
            };
            reader.skip_blank();
            if reader.pos < reader.lines.len() {
                let node = reader.node(0, None)?;
                reader.skip_blank();
                if let Some((line, _)) = reader.lines.get(reader.pos) {
                    return fail(
                        *line,
                        "text after the document's end, at a lower indentation",
                    );
                }
                docs.push(node);
            } else if started {
                docs.push(Node::new(
                    Value::Null,
                    Origin::File {
                        name: name.into(),
                        line: 1,
                    },
                ));
            }
            nodes = reader.nodes;
            Ok(())
        };
    for (i, raw) in text.lines().enumerate() {
        let number = i as u32 + 1;
        let line = raw.trim_end_matches('\r');
        if line.starts_with('\t') && !line.trim().is_empty() {
            return fail(
                number,
                "a tab in the indentation (YAML indents with spaces)",
            );
        }
        if line.starts_with("%") && current.is_empty() {
            continue;
        }
        if line == "---" || line.starts_with("--- ") || line == "..." {
            if !current.is_empty() || started {
                flush(std::mem::take(&mut current), started, &mut docs)?;
            }
            started = line != "...";
            // `--- value` on the marker line.
            if let Some(rest) = line.strip_prefix("--- ") {
                if !strip_comment(rest).trim().is_empty() {
                    current.push((number, format!("    {rest}")));
                }
            }
            continue;
        }
        current.push((number, line.to_string()));
    }
    if !current.is_empty() {
        flush(current, started, &mut docs)?;
    }
    Ok(docs)
}

fn indent_of(line: &str) -> usize {
    line.len() - line.trim_start_matches(' ').len()
}

/// The line without its comment: `#` at the start or after a blank, outside quotes.
fn strip_comment(line: &str) -> &str {
    let mut quote: Option<char> = None;
    let mut previous = ' ';
    for (i, c) in line.char_indices() {
        match quote {
            Some('\'') if c == '\'' => quote = None,
            Some('"') if c == '"' && previous != '\\' => quote = None,
            Some(_) => {}
            None if c == '#' && (previous == ' ' || previous == '\t') => return &line[..i],
            None if (c == '"' || c == '\'')
                && (previous == ' ' || "[{,:-".contains(previous) || i == 0) =>
            {
                quote = Some(c)
            }
            None => {}
        }
        previous = if previous == '\\' && c == '\\' {
            ' '
        } else {
            c
        };
    }
    line
}

/// Where the `:` of a `key: value` line is, when the line is a mapping entry.
fn mapping_colon(content: &str) -> Option<usize> {
    let bytes = content.as_bytes();
    let first = *bytes.first()?;
    if first == b'[' || first == b'{' || first == b'|' || first == b'>' || first == b'*' {
        return None;
    }
    let mut quote: Option<u8> = None;
    if first == b'"' || first == b'\'' {
        quote = Some(first);
    }
    let mut i = usize::from(quote.is_some());
    while i < bytes.len() {
        let c = bytes[i];
        match quote {
            Some(q) if c == b'\\' && q == b'"' => i += 1,
            Some(q) if c == q => {
                if q == b'\'' && bytes.get(i + 1) == Some(&b'\'') {
                    i += 1;
                } else {
                    // After a quoted key only blanks may come before the colon.
                    let rest = content[i + 1..].trim_start();
                    let colon = content.len() - rest.len();
                    return (rest.starts_with(':')
                        && matches!(rest.as_bytes().get(1), None | Some(b' ') | Some(b'\t')))
                    .then_some(colon);
                }
            }
            Some(_) => {}
            None if c == b':' && matches!(bytes.get(i + 1), None | Some(b' ') | Some(b'\t')) => {
                return Some(i)
            }
            None if c == b'#' && i > 0 && bytes[i - 1] == b' ' => return None,
            None => {}
        }
        i += 1;
    }
    None
}

fn is_dash(content: &str) -> bool {
    content == "-" || content.starts_with("- ") || content.starts_with("-\t")
}

impl Reader<'_> {
    fn origin(&self, line: u32) -> Origin {
        Origin::File {
            name: self.name.to_string(),
            line,
        }
    }

    fn count(&mut self, n: usize, line: u32) -> Result<()> {
        self.nodes += n;
        if self.nodes > MAX_NODES {
            return fail(line, "too large to read");
        }
        Ok(())
    }

    fn skip_blank(&mut self) {
        while let Some((_, l)) = self.lines.get(self.pos) {
            if strip_comment(l).trim().is_empty() {
                self.pos += 1;
            } else {
                break;
            }
        }
    }

    /// The next meaningful line: (number, indentation, content without comment).
    fn peek(&mut self) -> Option<(u32, usize, String)> {
        self.skip_blank();
        let (number, line) = self.lines.get(self.pos)?;
        Some((
            *number,
            indent_of(line),
            strip_comment(line).trim().to_string(),
        ))
    }

    /// The node starting at the current line, at an indentation above `parent` (or the document's).
    fn node(&mut self, min_indent: usize, parent: Option<usize>) -> Result<Node> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return fail(self.peek().map_or(0, |p| p.0), "nested too deeply to read");
        }
        let result = self.node_inner(min_indent, parent);
        self.depth -= 1;
        result
    }

    fn node_inner(&mut self, min_indent: usize, parent: Option<usize>) -> Result<Node> {
        let Some((number, indent, content)) = self.peek() else {
            return Ok(Node::new(Value::Null, self.origin(0)));
        };
        if self.lines[self.pos].1.starts_with('\t')
            || self.lines[self.pos].1[..indent].contains('\t')
        {
            return fail(
                number,
                "a tab in the indentation (YAML indents with spaces)",
            );
        }
        if indent < min_indent {
            return Ok(Node::new(Value::Null, self.origin(number)));
        }
        if is_dash(&content) {
            return self.sequence(indent);
        }
        if content.starts_with("? ") || content == "?" {
            return fail(number, "complex keys (`? `) are not supported");
        }
        if mapping_colon(&content).is_some() {
            return self.mapping(indent);
        }
        // A lone value on its own line(s).
        self.pos += 1;
        self.inline(&content, number, parent.unwrap_or(0), parent.is_none())
    }

    fn mapping(&mut self, indent: usize) -> Result<Node> {
        let first = self.peek().map_or(0, |p| p.0);
        let mut entries: Vec<(String, Node)> = Vec::new();
        while let Some((number, line_indent, content)) = self.peek() {
            if line_indent < indent {
                break;
            }
            if line_indent > indent {
                return fail(
                    number,
                    "indented more than the keys before it, where no value can start",
                );
            }
            if is_dash(&content) {
                break;
            }
            let Some(colon) = mapping_colon(&content) else {
                return fail(number, "expected `key: value`");
            };
            let key_text = content[..colon].trim();
            let key = match key_text.as_bytes().first() {
                Some(b'"') | Some(b'\'') => match self.quoted(key_text, number)? {
                    (Value::Str(s), _) => s,
                    _ => String::new(),
                },
                _ => key_text.to_string(),
            };
            let rest = content[colon + 1..].trim().to_string();
            self.pos += 1;
            let value = if rest.is_empty() || (rest.starts_with('&') && !rest.contains(' ')) {
                let anchor = rest.strip_prefix('&').map(str::to_string);
                let value = match self.peek() {
                    Some((_, next, ref c)) if next > indent || (next == indent && is_dash(c)) => {
                        let mut v = self.node(
                            if next == indent { indent } else { indent + 1 },
                            Some(indent),
                        )?;
                        if v.line().is_none() || matches!(v.value, Value::Map(_) | Value::Seq(_)) {
                            v.origin = self.origin(number);
                        }
                        v
                    }
                    _ => Node::new(Value::Null, self.origin(number)),
                };
                if let Some(a) = anchor {
                    self.anchors.push((a, value.clone()));
                }
                value
            } else {
                self.inline(&rest, number, indent, false)?
            };
            self.count(1, number)?;
            if key == "<<" {
                let merged: Vec<(String, Node)> = match &value.value {
                    Value::Map(m) => m.clone(),
                    Value::Seq(items) => items
                        .iter()
                        .flat_map(|i| i.map().unwrap_or(&[]).to_vec())
                        .collect(),
                    _ => Vec::new(),
                };
                for (k, v) in merged {
                    if !entries.iter().any(|(e, _)| *e == k) {
                        entries.push((k, v));
                    }
                }
                continue;
            }
            match entries.iter_mut().find(|(k, _)| *k == key) {
                Some(slot) => slot.1 = value,
                None => entries.push((key, value)),
            }
        }
        Ok(Node::new(Value::Map(entries), self.origin(first)))
    }

    fn sequence(&mut self, indent: usize) -> Result<Node> {
        let first = self.peek().map_or(0, |p| p.0);
        let mut items = Vec::new();
        while let Some((number, line_indent, content)) = self.peek() {
            if line_indent != indent || !is_dash(&content) {
                if line_indent > indent {
                    return fail(
                        number,
                        "indented more than the list's items, where no value can start",
                    );
                }
                break;
            }
            let after = content[1..].trim_start();
            let item = if after.is_empty() {
                self.pos += 1;
                match self.peek() {
                    Some((_, next, _)) if next > indent => self.node(indent + 1, Some(indent))?,
                    _ => Node::new(Value::Null, self.origin(number)),
                }
            } else if is_dash(after) || mapping_colon(after).is_some() && !after.starts_with('&') {
                // `- key: value` or `- - x`: the item is a node that starts after the dash; the line is
                // rewritten with the dash as a blank, and read at that indentation.
                let line = &mut self.lines[self.pos].1;
                let column = line.len() - line[indent + 1..].trim_start().len();
                line.replace_range(indent..column, &" ".repeat(column - indent));
                self.node(column, Some(indent))?
            } else {
                self.pos += 1;
                self.inline(after, number, indent, false)?
            };
            self.count(1, number)?;
            items.push(item);
        }
        Ok(Node::new(Value::Seq(items), self.origin(first)))
    }

    /// A value written after `key:` or `- ` on line `number` (already consumed), whose parent is at
    /// `indent`.
    fn inline(&mut self, text: &str, number: u32, indent: usize, top: bool) -> Result<Node> {
        let mut text = text.trim().to_string();
        let mut anchor = None;
        loop {
            if let Some(rest) = text.strip_prefix('&') {
                let (name, after) = rest.split_once(' ').unwrap_or((rest, ""));
                anchor = Some(name.to_string());
                text = after.trim().to_string();
            } else if text.starts_with("!") {
                let (_, after) = text.split_once(' ').unwrap_or((&text, ""));
                text = after.trim().to_string();
            } else {
                break;
            }
        }
        let node = if let Some(name) = text.strip_prefix('*') {
            let found = self
                .anchors
                .iter()
                .rev()
                .find(|(a, _)| a == name.trim())
                .map(|(_, n)| n.clone());
            match found {
                Some(n) => {
                    self.count(count(&n), number)?;
                    n
                }
                None => return fail(number, "an alias to an anchor not defined before it"),
            }
        } else if text.starts_with('|') || text.starts_with('>') {
            self.block_scalar(&text, number, indent, top)?
        } else if text.starts_with('[') || text.starts_with('{') {
            // A flow collection may go on over the next lines.
            let mut flow = text.clone();
            while !balanced(&flow) {
                let Some((_, line)) = self.lines.get(self.pos) else {
                    return fail(number, "a `[` or `{` that is never closed");
                };
                flow.push(' ');
                flow.push_str(strip_comment(line).trim());
                self.pos += 1;
            }
            let mut chars = Flow {
                text: flow.chars().collect(),
                at: 0,
            };
            let v = self.flow(&mut chars, number)?;
            chars.blanks();
            if chars.at < chars.text.len() {
                return fail(number, "text after a closed `]` or `}`");
            }
            v
        } else if text.starts_with('"') || text.starts_with('\'') {
            let (value, used) = self.quoted(&text, number)?;
            if !text[used..].trim().is_empty() {
                return fail(number, "text after a closed quote");
            }
            Node::new(value, self.origin(number))
        } else {
            // A plain scalar, continued on more indented lines.
            let mut plain_text = text.clone();
            while let Some((_, next, content)) = self.peek() {
                if next <= indent && !top || content.is_empty() || top && next == 0 {
                    break;
                }
                if mapping_colon(&content).is_some() || is_dash(&content) && next <= indent + 1 {
                    return fail(
                        self.lines[self.pos].0,
                        "a `key: value` where a value goes on",
                    );
                }
                plain_text.push(' ');
                plain_text.push_str(&content);
                self.pos += 1;
            }
            Node::new(plain(&plain_text), self.origin(number))
        };
        if let Some(a) = anchor {
            self.anchors.push((a, node.clone()));
        }
        Ok(node)
    }

    /// A quoted scalar at the start of `text`: its value and the bytes it took.
    fn quoted(&self, text: &str, number: u32) -> Result<(Value, usize)> {
        let quote = text.chars().next().unwrap_or('"');
        let mut out = String::new();
        let mut chars = text.char_indices().skip(1).peekable();
        while let Some((i, c)) = chars.next() {
            if c == quote {
                if quote == '\'' && chars.peek().map(|p| p.1) == Some('\'') {
                    chars.next();
                    out.push('\'');
                    continue;
                }
                return Ok((Value::Str(out), i + 1));
            }
            if c == '\\' && quote == '"' {
                let Some((_, e)) = chars.next() else { break };
                match e {
                    'n' => out.push('\n'),
                    't' => out.push('\t'),
                    'r' => out.push('\r'),
                    '0' => out.push('\0'),
                    ' ' | '"' | '\\' | '/' => out.push(e),
                    'x' | 'u' | 'U' => {
                        let len = match e {
                            'x' => 2,
                            'u' => 4,
                            _ => 8,
                        };
                        let hex: String =
                            (0..len).filter_map(|_| chars.next().map(|c| c.1)).collect();
                        match u32::from_str_radix(&hex, 16).ok().and_then(char::from_u32) {
                            Some(ch) => out.push(ch),
                            None => return fail(number, "a bad escape in a double-quoted string"),
                        }
                    }
                    _ => return fail(number, "an unknown escape in a double-quoted string"),
                }
                continue;
            }
            out.push(c);
        }
        fail(
            number,
            "a quoted string not closed on its line (multi-line quoted strings are not supported)",
        )
    }

    fn block_scalar(
        &mut self,
        header: &str,
        number: u32,
        indent: usize,
        top: bool,
    ) -> Result<Node> {
        let folded = header.starts_with('>');
        let mut keep = false;
        let mut strip = false;
        let mut explicit = None;
        for c in header[1..].trim().chars() {
            match c {
                '-' => strip = true,
                '+' => keep = true,
                '1'..='9' => explicit = c.to_digit(10),
                _ => {
                    return fail(
                        number,
                        "a block scalar header that is not `|`, `>`, `|-`, `>+` or the like",
                    )
                }
            }
        }
        // Content: the lines after, blank or indented at least as much as its first line (or the
        // indicator's indentation).
        let floor = if top { 0 } else { indent + 1 };
        let content_indent = match explicit {
            Some(n) => indent + n as usize,
            None => self.lines[self.pos..]
                .iter()
                .map(|(_, l)| l.as_str())
                .find(|l| !l.trim().is_empty())
                .map(indent_of)
                .unwrap_or(floor)
                .max(floor),
        };
        let mut body: Vec<&str> = Vec::new();
        let mut end = self.pos;
        while let Some((_, line)) = self.lines.get(end) {
            if !line.trim().is_empty() && indent_of(line) < content_indent {
                break;
            }
            body.push(line);
            end += 1;
        }
        // Trailing blank lines belong to the scalar only for chomping; the lines after stay.
        let mut text_lines: Vec<String> = body
            .iter()
            .map(|l| {
                if l.len() >= content_indent {
                    l[content_indent..].to_string()
                } else {
                    String::new()
                }
            })
            .collect();
        self.pos = end;
        let trailing = text_lines
            .iter()
            .rev()
            .take_while(|l| l.trim().is_empty())
            .count();
        text_lines.truncate(text_lines.len() - trailing);
        let mut text = if folded {
            let mut s = String::new();
            let mut previous_blank = true;
            let mut previous_more = false;
            for l in &text_lines {
                let more = l.starts_with(' ') || l.starts_with('\t');
                if l.is_empty() {
                    s.push('\n');
                    previous_blank = true;
                    continue;
                }
                if !previous_blank && !more && !previous_more {
                    s.push(' ');
                } else if !previous_blank {
                    s.push('\n');
                }
                s.push_str(l);
                previous_blank = false;
                previous_more = more;
            }
            s
        } else {
            text_lines.join("\n")
        };
        if !text_lines.is_empty() && !strip {
            text.push('\n');
        }
        if keep {
            for _ in 0..trailing {
                text.push('\n');
            }
        }
        Ok(Node::new(Value::Str(text), self.origin(number)))
    }

    fn flow(&mut self, f: &mut Flow, number: u32) -> Result<Node> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return fail(number, "nested too deeply to read");
        }
        f.blanks();
        let node = match f.peek() {
            Some('[') => {
                f.at += 1;
                let mut items = Vec::new();
                loop {
                    f.blanks();
                    match f.peek() {
                        Some(']') => {
                            f.at += 1;
                            break;
                        }
                        None => return fail(number, "a `[` that is never closed"),
                        _ => {}
                    }
                    let item = self.flow(f, number)?;
                    f.blanks();
                    // `[a: b]`: a one-entry map in a list.
                    let item = if f.peek() == Some(':') {
                        f.at += 1;
                        let v = self.flow(f, number)?;
                        Node::new(Value::Map(vec![(item.go_string(), v)]), self.origin(number))
                    } else {
                        item
                    };
                    self.count(1, number)?;
                    items.push(item);
                    f.blanks();
                    match f.peek() {
                        Some(',') => f.at += 1,
                        Some(']') => {}
                        _ => return fail(number, "expected `,` or `]` in a flow list"),
                    }
                }
                Node::new(Value::Seq(items), self.origin(number))
            }
            Some('{') => {
                f.at += 1;
                let mut entries: Vec<(String, Node)> = Vec::new();
                loop {
                    f.blanks();
                    match f.peek() {
                        Some('}') => {
                            f.at += 1;
                            break;
                        }
                        None => return fail(number, "a `{` that is never closed"),
                        _ => {}
                    }
                    let key = self.flow(f, number)?.go_string();
                    f.blanks();
                    let value = if f.peek() == Some(':') {
                        f.at += 1;
                        f.blanks();
                        if matches!(f.peek(), Some(',') | Some('}')) {
                            Node::new(Value::Null, self.origin(number))
                        } else {
                            self.flow(f, number)?
                        }
                    } else {
                        Node::new(Value::Null, self.origin(number))
                    };
                    self.count(1, number)?;
                    match entries.iter_mut().find(|(k, _)| *k == key) {
                        Some(slot) => slot.1 = value,
                        None => entries.push((key, value)),
                    }
                    f.blanks();
                    match f.peek() {
                        Some(',') => f.at += 1,
                        Some('}') => {}
                        _ => return fail(number, "expected `,` or `}` in a flow map"),
                    }
                }
                Node::new(Value::Map(entries), self.origin(number))
            }
            Some('"') | Some('\'') => {
                let rest: String = f.text[f.at..].iter().collect();
                let (value, used) = self.quoted(&rest, number)?;
                f.at += rest[..used].chars().count();
                Node::new(value, self.origin(number))
            }
            Some('*') => {
                let start = f.at + 1;
                while f.peek().is_some_and(|c| !",]} ".contains(c)) {
                    f.at += 1;
                }
                let name: String = f.text[start..f.at].iter().collect();
                let found = self
                    .anchors
                    .iter()
                    .rev()
                    .find(|(a, _)| *a == name)
                    .map(|(_, n)| n.clone());
                match found {
                    Some(n) => {
                        self.count(count(&n), number)?;
                        n
                    }
                    None => return fail(number, "an alias to an anchor not defined before it"),
                }
            }
            _ => {
                let start = f.at;
                while let Some(c) = f.peek() {
                    if ",]}".contains(c)
                        || c == ':' && f.text.get(f.at + 1).is_none_or(|n| " ,]}".contains(*n))
                    {
                        break;
                    }
                    f.at += 1;
                }
                let text: String = f.text[start..f.at].iter().collect();
                Node::new(plain(text.trim()), self.origin(number))
            }
        };
        self.depth -= 1;
        Ok(node)
    }
}

struct Flow {
    text: Vec<char>,
    at: usize,
}

impl Flow {
    fn peek(&self) -> Option<char> {
        self.text.get(self.at).copied()
    }
    fn blanks(&mut self) {
        while self.peek().is_some_and(char::is_whitespace) {
            self.at += 1;
        }
    }
}

/// Whether the brackets of a flow collection are closed (quotes respected).
fn balanced(text: &str) -> bool {
    let mut depth = 0i32;
    let mut quote: Option<char> = None;
    for c in text.chars() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '"' | '\'') => quote = Some(c),
            (None, '[' | '{') => depth += 1,
            (None, ']' | '}') => depth -= 1,
            _ => {}
        }
    }
    depth <= 0
}

fn count(node: &Node) -> usize {
    1 + match &node.value {
        Value::Seq(items) => items.iter().map(count).sum(),
        Value::Map(entries) => entries.iter().map(|(_, v)| count(v)).sum(),
        _ => 0,
    }
}

/// A plain scalar typed as go-yaml v2 (Helm's reader) types it.
pub fn plain(text: &str) -> Value {
    match text {
        "" | "~" | "null" | "Null" | "NULL" => return Value::Null,
        "true" | "True" | "TRUE" | "yes" | "Yes" | "YES" | "on" | "On" | "ON" | "y" | "Y" => {
            return Value::Bool(true)
        }
        "false" | "False" | "FALSE" | "no" | "No" | "NO" | "off" | "Off" | "OFF" | "n" | "N" => {
            return Value::Bool(false)
        }
        ".inf" | ".Inf" | ".INF" | "+.inf" => return Value::Number(f64::INFINITY),
        "-.inf" | "-.Inf" | "-.INF" => return Value::Number(f64::NEG_INFINITY),
        _ => {}
    }
    let digits = text.replace('_', "");
    let (sign, unsigned) = match digits.strip_prefix('-') {
        Some(rest) => (-1.0, rest),
        None => (1.0, digits.strip_prefix('+').unwrap_or(&digits)),
    };
    let radix = |prefix: &str, radix: u32| {
        unsigned
            .strip_prefix(prefix)
            .filter(|d| !d.is_empty())
            .and_then(|d| i64::from_str_radix(d, radix).ok())
    };
    if let Some(n) = radix("0x", 16).or_else(|| radix("0b", 2)) {
        return Value::Number(sign * n as f64);
    }
    // YAML 1.1: a leading zero is octal (`0644` is 420).
    if unsigned.len() > 1
        && unsigned.starts_with('0')
        && unsigned.bytes().all(|b| b.is_ascii_digit())
    {
        return match i64::from_str_radix(&unsigned[1..], 8) {
            Ok(n) => Value::Number(sign * n as f64),
            Err(_) => Value::Str(text.to_string()),
        };
    }
    let numeric = unsigned
        .bytes()
        .next()
        .is_some_and(|b| b.is_ascii_digit() || b == b'.')
        && unsigned
            .bytes()
            .all(|b| b.is_ascii_digit() || b"._eE+-".contains(&b))
        && unsigned.bytes().any(|b| b.is_ascii_digit());
    match digits.parse::<f64>() {
        Ok(n) if numeric => Value::Number(n),
        _ => Value::Str(text.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_values_with_lines_and_helm_types() {
        let docs = documents(
            "a:\n  b: 1\n  c: \"1\"\n  d: yes\n  e: 0644\n  f: ~\nlist:\n  - x\n  - y: 2\n    z: 3\n---\nkind: List\n",
            "v.yaml",
        )
        .unwrap();
        assert_eq!(docs.len(), 2);
        let d = &docs[0];
        assert_eq!(
            d.at(&["a", "b"]).map(|n| n.value.clone()),
            Some(Value::Number(1.0))
        );
        assert_eq!(d.at(&["a", "c"]).and_then(Node::str), Some("1"));
        assert_eq!(d.at(&["a", "d"]).map(Node::truthy), Some(true));
        assert_eq!(d.at(&["a", "e"]).and_then(Node::number), Some(420.0));
        assert!(d.at(&["a", "f"]).is_some_and(Node::is_null));
        assert_eq!(d.at(&["a", "b"]).and_then(Node::line), Some(2));
        let list = d.get("list").unwrap();
        assert_eq!(list.seq().len(), 2);
        assert_eq!(list.seq()[1].get("z").and_then(Node::number), Some(3.0));
        assert_eq!(plain("1e3"), Value::Number(1000.0));
        assert_eq!(plain("1.2.3"), Value::Str("1.2.3".into()));
        assert_eq!(plain("2026.08.1"), Value::Str("2026.08.1".into()));
    }

    #[test]
    fn block_scalars_flows_and_anchors() {
        let d = &documents(
            "conf: |\n  a=1\n\n  b=2\nfold: >-\n  one\n  two\nflow: {x: [1, 2], w: 'it''s'}\nbase: &b\n  x: 1\nother:\n  <<: *b\n  y: 2\nkey:\n- a\n- b\n",
            "v",
        )
        .unwrap()[0];
        assert_eq!(d.get("conf").and_then(Node::str), Some("a=1\n\nb=2\n"));
        assert_eq!(d.get("fold").and_then(Node::str), Some("one two"));
        assert_eq!(d.at(&["flow", "x"]).map(|x| x.seq().len()), Some(2));
        assert_eq!(d.at(&["flow", "w"]).and_then(Node::str), Some("it's"));
        assert_eq!(d.at(&["other", "x"]).and_then(Node::number), Some(1.0));
        assert_eq!(d.get("key").map(|k| k.seq().len()), Some(2));
    }

    #[test]
    fn refuses_what_is_not_yaml_with_the_line() {
        let e = documents("a: [1, 2\n", "v").unwrap_err();
        assert_eq!(e.line, 1);
        let e = documents("a:\n  b: 1\n    c: 2\n", "v").unwrap_err();
        assert_eq!(e.line, 3);
        assert!(documents("a:\n\tb: 1\n", "v").is_err());
        // An alias bomb stops at the node limit instead of filling memory.
        let mut bomb = String::from("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for i in 1..9 {
            bomb.push_str(&format!(
                "a{i}: &a{i} [{}]\n",
                vec![format!("*a{}", i - 1); 10].join(", ")
            ));
        }
        assert!(documents(&bomb, "v").is_err());
    }
}
