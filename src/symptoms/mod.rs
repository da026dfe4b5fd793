//! Symptoms: the known error messages in pasted ticket text, logs and s_client/curl output.
//!
//! A support ticket starts with what someone saw, not with `rserver.conf`. Each message the symptom
//! catalog (data/symptoms/catalog.json) knows becomes a [`Symptom`]: who prints it, the channel it
//! belongs to (decided only from what the text and the files say, see [`channel`]), what it means,
//! its usual causes, the findings of the given files that explain it, and when none does, the file
//! to ask for. Unrecognised text is listed as such; it never becomes a finding.
//!
//! The catalog is data, passed in [`crate::CheckOptions::symptom_catalog`]: the CLI compiles it in,
//! the page loads it the first time a text input needs it (it is not in the page's module), the
//! npm API reads it from its package. The core reads the report and the inputs; it runs after the
//! rules, so it sees the findings it may cite.

pub mod channel;
mod matcher;

use crate::base::Channel;
pub use crate::base::PrintedBy;
use crate::input::Input;
use crate::limits::MAX_LINE_BYTES;
use crate::report::{Report, Symptom, SymptomCause};
use serde::Deserialize;

/// One family of messages in the catalog. The catalog's `sources` are for its maintainers and
/// readers (SOURCES.md); the check does not need them.
#[derive(Clone, Debug, Deserialize)]
pub struct Family {
    pub id: String,
    pub printed_by: PrintedBy,
    pub patterns: Vec<String>,
    /// The channel every message of the family is on; `None` when the context decides.
    #[serde(default)]
    pub channel: Option<Channel>,
    /// Words any application makes its printer say: a proxy's about whatever it fronts (nginx,
    /// HAProxy, Traefik...), a browser's page about whatever site it opened. The channel holds only
    /// when the text shows Workbench behind the proxy or on the page (see [`channel::fronted`]).
    #[serde(default)]
    pub any_application: bool,
    pub meaning: String,
    pub causes: Vec<Cause>,
}

/// A usual cause, most likely first in its family, with the rules whose findings confirm it.
#[derive(Clone, Debug, Deserialize)]
pub struct Cause {
    pub text: String,
    #[serde(default)]
    pub rules: Vec<String>,
}

/// The catalog, ready to scan with.
pub struct Catalog {
    families: Vec<Family>,
    matcher: matcher::Matcher,
}

impl std::fmt::Debug for Catalog {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Catalog({} families)", self.families.len())
    }
}

impl Catalog {
    pub fn new(families: Vec<Family>) -> Catalog {
        let patterns: Vec<&[String]> = families.iter().map(|f| f.patterns.as_slice()).collect();
        let matcher = matcher::Matcher::new(&patterns);
        Catalog { families, matcher }
    }

    pub fn families(&self) -> &[Family] {
        &self.families
    }

    /// The catalog's families found in one line: (family index, byte offset of the match).
    pub fn families_in(&self, line: &str) -> Vec<(usize, usize)> {
        let mut out = Vec::new();
        self.matcher.families_in(line, &mut out);
        out
    }
}

/// The catalog as the CLI compiles it in: data/symptoms/catalog.json (the page loads the same file
/// as `symptoms.json`). The file is validated by the tests (tests/symptom_catalog.rs).
#[cfg(feature = "cli")]
pub fn builtin() -> std::sync::Arc<Catalog> {
    static JSON: &str = include_str!("../../data/symptoms/catalog.json");
    std::sync::Arc::new(Catalog::new(serde_json::from_str(JSON).unwrap_or_default()))
}

/// At most this many symptoms per input; the rest are counted in a note. A log of one recurring
/// error is one symptom with its count, so this bounds only very varied logs.
pub const MAX_SYMPTOMS_PER_INPUT: usize = 100;

/// After this many matches of one family in one input, the lines around a match are no longer read
/// to decide its channel (its own line still is): a 50 MB log of one error stays fast.
const CONTEXT_DECISIONS_PER_FAMILY: u32 = 200;

/// An input the classifier could not place (a JSON or `key=value` log line, as Traefik, ingress
/// controllers and Go programs write them; a quote with HTML entities that reads like an nginx
/// file) is read as a log when a line of it holds a message of the catalog: structured logs are
/// what proxies print, and the message says what the text is better than its shape does.
pub fn read_as_log_if_known(
    mut classified: crate::input::ClassifiedInput,
    input: &Input,
    catalog: &Catalog,
) -> crate::input::ClassifiedInput {
    if !matches!(&classified.kind, crate::input::InputKind::Unrecognized(what) if what != "binary data")
    {
        return classified;
    }
    let (text, _) = crate::input::decode(&input.bytes);
    let mut found = Vec::new();
    let known = text.lines().any(|line| {
        catalog.matcher.families_in(capped(line), &mut found);
        !found.is_empty()
    });
    if known {
        classified.kind = crate::input::InputKind::Text;
        classified.description = format!(
            "text of {}, read for known error messages",
            crate::base::count(text.lines().count(), "line")
        );
    }
    classified
}

/// The kinds of input whose text may hold messages.
pub fn reads_messages(kind: &str) -> bool {
    matches!(
        kind,
        "text" | "curl-output" | "s-client-output" | "pem-bundle"
    )
}

/// Whether a line outside PEM blocks is OpenSSL's own annotation of them (`Bag Attributes`,
/// `subject=`, a `-text` dump) rather than text someone pasted around them.
fn openssl_annotation(line: &str) -> bool {
    let t = line.trim();
    t.is_empty()
        || t.starts_with('#')
        || line.starts_with([' ', '\t'])
        || [
            "Bag Attributes",
            "Key Attributes",
            "subject=",
            "issuer=",
            "Certificate:",
            "Certificate Request:",
            "friendlyName",
            "localKeyID",
        ]
        .iter()
        .any(|p| t.starts_with(p))
}

/// The lines of an input that are read for messages, with their numbers: every line, except the
/// inside of PEM blocks (a key pasted into a ticket is never read as text) and, in a PEM file,
/// OpenSSL's own annotations.
fn message_lines(text: &str, pem_file: bool) -> impl Iterator<Item = (usize, &str)> {
    let mut in_block = false;
    text.split('\n').enumerate().filter_map(move |(i, line)| {
        let line = line.strip_suffix('\r').unwrap_or(line);
        if line.contains("-----BEGIN ") {
            in_block = !line.contains("-----END ");
            return None;
        }
        if in_block {
            if line.contains("-----END ") {
                in_block = false;
            }
            return None;
        }
        if pem_file && openssl_annotation(line) {
            return None;
        }
        Some((i, line))
    })
}

/// Whether an input of kind `kind` has text to read for messages.
fn has_message_text(kind: &str, text: &str) -> bool {
    match kind {
        "pem-bundle" => message_lines(text, true).next().is_some(),
        k => reads_messages(k),
    }
}

/// A line cut to `MAX_LINE_BYTES` at a character boundary.
fn capped(line: &str) -> &str {
    if line.len() <= MAX_LINE_BYTES {
        return line;
    }
    let mut end = MAX_LINE_BYTES;
    while !line.is_char_boundary(end) {
        end -= 1;
    }
    &line[..end]
}

/// A line of a log or ticket as a symptom quotes it: secrets hidden (a token, a password, a key or a
/// certificate's base64), and at most about 240 characters around the message.
pub fn shown_message(line: &str, at: usize) -> String {
    const BEFORE: usize = 80;
    const MAX: usize = 240;
    let mut out: Vec<String> = Vec::new();
    let mut hide_next = false;
    for word in line.split(' ') {
        let lower = word.to_ascii_lowercase();
        let core = word.trim_matches(|c: char| "\"'`,;()[]{}<>".contains(c));
        if hide_next && !core.is_empty() {
            out.push("<hidden>".into());
            hide_next = false;
            continue;
        }
        // `Bearer <token>`, `password: <it>`: the next word is the secret.
        if [
            "bearer",
            "basic",
            "token:",
            "password:",
            "cookie:",
            "x-api-key:",
        ]
        .contains(&lower.as_str())
        {
            out.push(word.to_string());
            hide_next = true;
            continue;
        }
        if let Some((key, _)) = word.split_once('=') {
            let key_lower = key.to_ascii_lowercase();
            if [
                "password", "passwd", "secret", "token", "key", "auth", "cookie",
            ]
            .iter()
            .any(|s| key_lower.contains(s))
            {
                out.push(format!("{key}=<hidden>"));
                continue;
            }
        }
        if crate::base::looks_secret(core) {
            out.push(word.replace(core, &format!("<{} characters hidden>", core.len())));
            continue;
        }
        out.push(word.to_string());
    }
    let shown = out.join(" ");
    // Where the message starts in the shown line: hidden words before it change lengths, so it is
    // found again by its first characters.
    let mut start = line
        .get(at..)
        .and_then(|rest| rest.get(..rest.len().min(12)))
        .and_then(|head| shown.find(head))
        .unwrap_or(0);
    let total = shown.chars().count();
    if total <= MAX {
        return shown.trim().to_string();
    }
    start = shown[..start].chars().count().saturating_sub(BEFORE);
    let kept: String = shown.chars().skip(start).take(MAX).collect();
    format!(
        "{}{}{}",
        if start > 0 { "…" } else { "" },
        kept.trim(),
        if start + MAX < total { "…" } else { "" }
    )
}

/// One group of matches being counted: a family on one channel (and host) in one input.
struct Group {
    family: usize,
    /// The program that printed it: the line's own tag when it has one, else the family's.
    printer: PrintedBy,
    decision: channel::Decision,
    line: usize,
    text: String,
    count: u32,
}

/// Finds the symptoms in the inputs and adds them to the report, with the notes on text that held
/// none or was not read.
pub fn attach(report: &mut Report, inputs: &[Input], catalog: Option<&Catalog>) {
    let endpoints = channel::Endpoints::of(report);
    let mut symptoms: Vec<Symptom> = Vec::new();
    let mut notes: Vec<String> = Vec::new();
    let mut unread = 0;
    for (index, input) in inputs.iter().enumerate() {
        let Some(summary) = report
            .inputs
            .get(index)
            .filter(|s| s.name == input.name)
            .or_else(|| report.inputs.iter().find(|s| s.name == input.name))
        else {
            continue;
        };
        if !reads_messages(&summary.kind) {
            continue;
        }
        let (text, _) = crate::input::decode(&input.bytes);
        if !has_message_text(&summary.kind, &text) {
            continue;
        }
        let Some(catalog) = catalog else {
            unread += 1;
            notes.push(format!(
                "`{}` was not read for known error messages: the symptom catalog was not loaded",
                input.name
            ));
            continue;
        };
        // A capture the report matched to one channel's endpoint says which channel its messages
        // are about.
        let shown_name = format!("`{}`", crate::input::base_name(&input.name));
        let mut observed: Vec<Channel> = report
            .channels
            .iter()
            .filter(|c| c.served.iter().any(|o| o.source.ends_with(&shown_name)))
            .map(|c| c.id)
            .collect();
        observed.dedup();
        let groups = scan(
            &text,
            summary.kind == "pem-bundle",
            &input.name,
            catalog,
            &endpoints,
            &observed,
        );
        let found = groups.len();
        if found == 0 && summary.kind == "text" {
            notes.push(format!(
                "`{}`: no message wb-ssl-check knows among its {}; not recognised, so not checked further",
                input.name,
                crate::base::count(text.lines().count(), "line")
            ));
        }
        if found > MAX_SYMPTOMS_PER_INPUT {
            let more: u32 = groups[MAX_SYMPTOMS_PER_INPUT..]
                .iter()
                .map(|g| g.count)
                .sum();
            notes.push(format!(
                "`{}`: {} more known messages ({} lines) beyond the first {MAX_SYMPTOMS_PER_INPUT} are not listed",
                input.name,
                found - MAX_SYMPTOMS_PER_INPUT,
                more
            ));
        }
        for group in groups.into_iter().take(MAX_SYMPTOMS_PER_INPUT) {
            symptoms.push(symptom(report, &input.name, group, catalog));
        }
    }
    report.symptoms = symptoms;
    report.summary.texts_unread = unread;
    report.not_checked.extend(notes);
}

fn scan(
    text: &str,
    pem_file: bool,
    input: &str,
    catalog: &Catalog,
    endpoints: &channel::Endpoints,
    observed: &[Channel],
) -> Vec<Group> {
    // Only lines with a match need their neighbours; the line list is built once, on the first.
    let mut lines: Option<Vec<&str>> = None;
    let split = || {
        text.split('\n')
            .map(|l| capped(l.strip_suffix('\r').unwrap_or(l)))
            .collect()
    };
    // Whole-text reads, done once and only when a message is found (a log may be 64 MB).
    let mut desktop: Option<Option<&'static str>> = None;
    let mut names_workbench: Option<Option<&'static str>> = None;
    let mut groups: Vec<Group> = Vec::new();
    let mut decided: Vec<u32> = vec![0; catalog.families.len()];
    let mut found = Vec::new();
    for (i, line) in message_lines(text, pem_file) {
        let line = capped(line);
        catalog.matcher.families_in(line, &mut found);
        for &(f, at) in &found {
            let family = &catalog.families[f];
            // A family's fixed channel holds for its own printer only: the same words printed by
            // curl (`curl: (35) Cannot communicate securely with peer`) are decided by context.
            let printer = channel::printer_in(line)
                .filter(|p| *p != family.printed_by)
                .unwrap_or(family.printed_by);
            let fixed = family.channel.filter(|_| printer == family.printed_by);
            let decision = match fixed {
                Some(c) if family.any_application => {
                    let all = lines.get_or_insert_with(split);
                    let named =
                        *names_workbench.get_or_insert_with(|| channel::names_workbench(text));
                    let near = lines_near(family.printed_by, all, i);
                    channel::fronted(c, family.printed_by, &near, named, endpoints)
                }
                Some(c) => {
                    let own = channel::fixed(family.printed_by, c, &[line], endpoints);
                    // A host named without its port, or a browser's error code on a line of its
                    // own: the lines of the same page may name the address (capped as the
                    // context decisions below are).
                    let portless = own.address.as_ref().is_some_and(|a| a.port.is_none());
                    let page = family.printed_by == PrintedBy::Browser;
                    if (portless || page && own.address.is_none())
                        && decided[f] < CONTEXT_DECISIONS_PER_FAMILY
                    {
                        decided[f] += 1;
                        let all = lines.get_or_insert_with(split);
                        let near = lines_near(family.printed_by, all, i);
                        channel::fixed(family.printed_by, c, &near, endpoints)
                    } else {
                        own
                    }
                }
                _ => {
                    decided[f] += 1;
                    if decided[f] <= CONTEXT_DECISIONS_PER_FAMILY {
                        let all = lines.get_or_insert_with(split);
                        channel::decide(printer, &context(all, i), input, endpoints)
                    } else {
                        let own = channel::decide(printer, &[line], input, endpoints);
                        // Beyond the limit, a line that names nothing joins its family's last group.
                        match (&own.address, groups.iter().rev().find(|g| g.family == f)) {
                            (None, Some(g)) => g.decision.clone(),
                            _ => own,
                        }
                    }
                }
            };
            let decision = match *desktop.get_or_insert_with(|| channel::desktop_marker(text)) {
                Some(marker) => channel::on_desktop(marker, decision.address),
                None => decision,
            };
            let decision = match decision.channel {
                None if !observed.is_empty() && !decision.candidates.is_empty() => {
                    narrowed(decision, observed, input)
                }
                _ => decision,
            };
            let same = |g: &&mut Group| {
                g.family == f
                    && g.decision.channel == decision.channel
                    && g.decision.candidates == decision.candidates
                    && match (&g.decision.address, &decision.address) {
                        (Some(a), Some(b)) => a.host.eq_ignore_ascii_case(&b.host),
                        (a, b) => a.is_none() && b.is_none(),
                    }
            };
            match groups.iter_mut().find(same) {
                Some(g) => g.count += 1,
                None => groups.push(Group {
                    family: f,
                    printer,
                    decision,
                    line: i + 1,
                    text: shown_message(line, at),
                    count: 1,
                }),
            }
        }
    }
    groups
}

/// An open decision in a capture that the report matched to the endpoint of `observed` channels:
/// the channels it may be are those.
fn narrowed(open: channel::Decision, observed: &[Channel], input: &str) -> channel::Decision {
    let candidates: Vec<Channel> = open
        .candidates
        .iter()
        .copied()
        .filter(|c| observed.contains(c))
        .collect();
    // The report matched the capture to its endpoints; a host in it that the files do not name (a
    // forwarded port, an IP address) does not outweigh that.
    let candidates = if candidates.is_empty() {
        observed.to_vec()
    } else {
        candidates
    };
    match candidates.as_slice() {
        [] => open,
        [only] => channel::Decision {
            channel: Some(*only),
            candidates: Vec::new(),
            why: format!(
                "`{input}` is a capture of channel {}'s endpoint",
                only.as_str()
            ),
            address: open.address,
        },
        several => channel::Decision {
            channel: None,
            why: format!(
                "`{input}` is a capture of the endpoint of channels {}, which share it: who dialled it (a browser, or a session calling back) decides",
                Channel::list(several, "and")
            ),
            candidates: several.to_vec(),
            address: open.address,
        },
    }
}

/// The matched line, then its neighbours nearest first: up to 12 lines before (curl -v names the host
/// well above its error) and 3 after, not across a blank line (a ticket's paragraphs are separate
/// stories).
fn context<'t>(lines: &[&'t str], i: usize) -> Vec<&'t str> {
    around(lines, i, 12, false)
}

/// The matched line, then the lines of the same error page nearest first: up to 6 before and 3
/// after, across blank lines. A browser's page reaches a ticket with blank lines between its parts
/// (Firefox: the address in one paragraph, `Error code: …` two lines below), so, unlike `context`,
/// a blank line does not end it; the window is small because a ticket's next story is a paragraph
/// further on.
fn page_around<'t>(lines: &[&'t str], i: usize) -> Vec<&'t str> {
    around(lines, i, 6, true)
}

/// The lines that may name the address of a message of a family with a fixed channel: the rest of
/// the page for a browser's, the paragraph for any other printer's.
fn lines_near<'t>(printed_by: PrintedBy, lines: &[&'t str], i: usize) -> Vec<&'t str> {
    if printed_by == PrintedBy::Browser {
        page_around(lines, i)
    } else {
        context(lines, i)
    }
}

fn around<'t>(lines: &[&'t str], i: usize, before: usize, across_blank: bool) -> Vec<&'t str> {
    let mut out = vec![lines[i]];
    let blank = |l: &&str| l.trim().is_empty();
    let mut before = (0..i)
        .rev()
        .take(before)
        .map(|j| lines[j])
        .take_while(|l| across_blank || !blank(l));
    let mut after = (i + 1..lines.len())
        .take(3)
        .map(|j| lines[j])
        .take_while(|l| across_blank || !blank(l));
    loop {
        let b = before.next();
        let a = after.next();
        if a.is_none() && b.is_none() {
            break;
        }
        out.extend(b.filter(|l| !blank(l)));
        out.extend(a.filter(|l| !blank(l)));
    }
    out
}

fn symptom(report: &Report, input: &str, group: Group, catalog: &Catalog) -> Symptom {
    let family = &catalog.families[group.family];
    let decision = group.decision;
    // A finding confirms a cause when it is on the symptom's channel (or one it may be on), or on no
    // channel (a key that does not match its certificate breaks whatever uses it).
    let on_channel = |c: Channel| match decision.channel {
        Some(ch) => c == ch || c == Channel::None,
        None => {
            !decision.candidates.is_empty()
                && (c == Channel::None || decision.candidates.contains(&c))
        }
    };
    let found = |rule: &str| {
        report
            .findings
            .iter()
            .any(|f| f.rule == rule && on_channel(f.channel))
    };
    let mut confirmed_by: Vec<String> = Vec::new();
    let mut causes: Vec<SymptomCause> = family
        .causes
        .iter()
        .map(|c| {
            let hits: Vec<&String> = c.rules.iter().filter(|r| found(r)).collect();
            for r in &hits {
                if !confirmed_by.contains(r) {
                    confirmed_by.push((*r).clone());
                }
            }
            SymptomCause {
                text: c.text.clone(),
                rules: c.rules.clone(),
                confirmed: !hits.is_empty(),
            }
        })
        .collect();
    // Confirmed causes first, the catalog's order otherwise.
    crate::base::sort_by(&mut causes, |a, b| a.confirmed && !b.confirmed);
    // Certificates bear on a message only when one of its causes is about them: a refused connection
    // or an unknown host is decided by addresses and ports, not by the files of a TLS handshake.
    let about_tls = family.causes.iter().flat_map(|c| &c.rules).any(|r| {
        r.contains("cert") || r.contains("chain") || r.contains("trust") || r.contains("ssl")
    });
    let ask_for = if confirmed_by.is_empty() {
        ask_for(report, &decision, about_tls)
    } else {
        Vec::new()
    };
    Symptom {
        input: input.to_string(),
        line: group.line as u32,
        text: group.text,
        count: group.count,
        family: family.id.clone(),
        printed_by: group.printer,
        channel: decision.channel,
        candidates: decision.candidates,
        decided_by: decision.why,
        host: decision.address.map(|a| a.shown()),
        meaning: family.meaning.clone(),
        causes,
        confirmed_by,
        ask_for,
    }
}

/// The files that would explain a symptom that nothing given explains: those its channel depends on
/// that are not among the inputs.
fn ask_for(report: &Report, decision: &channel::Decision, about_tls: bool) -> Vec<String> {
    let has_kind = |k: &str| report.inputs.iter().any(|i| i.kind == k);
    let has_role = |roles: &[&str]| {
        report
            .inputs
            .iter()
            .any(|i| i.role.as_deref().is_some_and(|r| roles.contains(&r)))
    };
    // Channel d only where the inputs show a cluster: a single server's rserver.conf has no nodes to
    // ask about.
    let cluster = report.channels.iter().any(|c| c.id == Channel::D) || has_kind("load-balancer");
    let single_server = has_kind("rserver-conf") && !cluster;
    let channels: Vec<Channel> = match decision.channel {
        Some(c) => vec![c],
        None => decision.candidates.clone(),
    }
    .into_iter()
    .filter(|c| !(single_server && *c == Channel::D))
    .collect();
    let mut out: Vec<String> = Vec::new();
    let mut want = |what: &str, given: bool| {
        if !given && !out.iter().any(|o| o == what) {
            out.push(what.to_string());
        }
    };
    for c in &channels {
        match c {
            Channel::A => {
                want("rserver.conf", has_kind("rserver-conf"));
                want(
                    "the certificate file ssl-certificate names (with its intermediates)",
                    !about_tls || has_role(&["rserver-certificate", "certificate"]),
                );
            }
            Channel::B => {
                want("launcher.conf", has_kind("launcher-conf"));
                want("rserver.conf", has_kind("rserver-conf"));
                want(
                    "the Launcher's certificate (certificate-file in launcher.conf)",
                    !about_tls || has_role(&["launcher-certificate", "certificate"]),
                );
            }
            Channel::C => {
                want("rserver.conf", has_kind("rserver-conf"));
                want(
                    "the CA certificate that signed Workbench's certificate (what sessions must trust)",
                    !about_tls || has_role(&["trusted-ca", "ca-certificates"]),
                );
            }
            Channel::D => {
                want("rserver.conf", has_kind("rserver-conf"));
                want(
                    "the load-balancer file of each node",
                    has_kind("load-balancer"),
                );
            }
            Channel::None => {}
        }
    }
    if decision.channel.is_none() && !channels.is_empty() && decision.address.is_none() {
        out.push("the lines around the message, with the URL or host it called".into());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secrets_in_a_pasted_line_are_hidden() {
        let line = "curl -H 'Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.abcdefghijklmnopqrstuvwxyz0123456789' https://wb:8787 failed password=hunter2";
        let shown = shown_message(line, 0);
        assert!(!shown.contains("eyJhbGci"), "{shown}");
        assert!(!shown.contains("hunter2"), "{shown}");
        assert!(shown.contains("https://wb:8787"), "{shown}");
    }

    #[test]
    fn long_lines_are_cut_around_the_message() {
        let line = format!(
            "{} ERR_CERT_AUTHORITY_INVALID {}",
            "x ".repeat(500),
            "y ".repeat(500)
        );
        let at = line.find("ERR_").unwrap();
        let shown = shown_message(&line, at);
        assert!(shown.contains("ERR_CERT_AUTHORITY_INVALID"), "{shown}");
        assert!(shown.chars().count() <= 242, "{}", shown.len());
        assert!(shown.starts_with('…') && shown.ends_with('…'));
    }

    #[test]
    fn pem_blocks_are_never_read_as_text() {
        let text = "ERROR one\n-----BEGIN PRIVATE KEY-----\nERR_CERT_AUTHORITY_INVALID\n-----END PRIVATE KEY-----\nafter\n";
        let lines: Vec<(usize, &str)> = message_lines(text, false).collect();
        assert_eq!(lines, vec![(0, "ERROR one"), (4, "after"), (5, "")]);
        assert!(!has_message_text("pem-bundle", "Bag Attributes\n    localKeyID: 01\nsubject=/CN=x\n-----BEGIN CERTIFICATE-----\nAA\n-----END CERTIFICATE-----\n"));
        assert!(has_message_text("pem-bundle", "curl: (60) SSL certificate problem\n-----BEGIN CERTIFICATE-----\nAA\n-----END CERTIFICATE-----\n"));
    }
}
