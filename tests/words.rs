//! Words for people (issue 23): every text a person reads, from every example and every rule fixture
//! case, in JSON (findings' message, help and edit, channel explanations and trust lines, served
//! chains, the plan's steps, "not checked"), in Markdown and in the CLI's human output, is scanned for
//! what an admin who is not a PKI expert cannot use:
//!
//! - a backtick without its pair (Markdown renders the rest of the line as code, or a stray mark);
//! - a reference to a section that does not exist ("see \"who must trust what\"");
//! - "block N" for a certificate's place in a file (people count certificates: "the 2nd certificate");
//! - `-` as a channel's name ("Channel: -", "(-)");
//! - a CLI option (`--trusted-ca`) in text the page or Markdown shows: only the CLI's own output may
//!   name them.
//!
//! `WORDS_DUMP=<file>` writes every scanned text there, for reading them all at once.

mod report_log;
mod rule_cases;

use report_log::check;
use std::path::{Path, PathBuf};
use wb_ssl_check::pki::Role;
use wb_ssl_check::{CheckOptions, Input, Report};

/// The sections a person can find: the Markdown report's headings and the page's.
const SECTIONS: [&str; 10] = [
    "Channels",
    "Findings",
    "Served chains",
    "Not checked",
    "Inputs",
    "Certificate chains",
    "Certificates",
    "Fixes",
    "Trust",
    "What is checked: the three channels of Workbench",
];

/// Words for people that only a PKI expert reads easily: "trust anchor", "leaf", "trust unknown",
/// "the host name dialled". (Their ids stay in JSON: `trust-unknown`, `leaf`.)
const JARGON: [&str; 5] = [
    " anchor",
    " leaf",
    "trust unknown",
    "dialled is",
    "name dialled",
];

/// The CLI's options, which only the CLI's own output may name.
const CLI_OPTIONS: [&str; 8] = [
    "--trusted-ca",
    "--hostname",
    "--now",
    "--format",
    "--fix",
    "--diff",
    "--unsafe-fixes",
    "--explain",
];

/// Where a text is shown: the CLI's output may name the CLI's options, nothing else may.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Shown {
    Everywhere,
    Cli,
}

/// What is wrong with one text for people (empty: nothing).
fn scan(text: &str, shown: Shown) -> Vec<String> {
    let mut problems = Vec::new();
    let lower = text.to_lowercase();
    if text.matches('`').count() % 2 == 1 {
        problems.push("an unmatched backtick".to_string());
    }
    for section in referenced_sections(text) {
        if !SECTIONS.iter().any(|s| s.eq_ignore_ascii_case(&section)) {
            problems.push(format!(
                "a reference to a section that does not exist: {section:?}"
            ));
        }
    }
    // "block 2", "Block 2", "blocks 1 and 2": a certificate's place in words is "the 2nd certificate".
    let bytes = lower.as_bytes();
    for (i, _) in lower.match_indices("block") {
        let before_ok = i == 0 || !bytes[i - 1].is_ascii_alphanumeric();
        let rest = &lower[i + "block".len()..];
        let rest = rest.strip_prefix('s').unwrap_or(rest);
        if before_ok
            && rest
                .strip_prefix(' ')
                .is_some_and(|r| r.starts_with(|c: char| c.is_ascii_digit()))
        {
            problems.push("\"block N\" for a place in a file".to_string());
        }
    }
    for dash in [
        "channel: -",
        "channel -",
        "channel `-`",
        "(-)",
        "channel: `-`",
    ] {
        if lower.contains(dash) {
            problems.push(format!("`-` as a channel's name ({dash:?})"));
        }
    }
    // PKI words an admin need not know, outside `code` (a command may hold `.../anchors/`).
    let prose: String = text
        .split('`')
        .step_by(2)
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase();
    for jargon in JARGON {
        if prose
            .match_indices(jargon)
            .any(|(i, _)| !prose[i + jargon.len()..].starts_with(|c: char| c.is_alphanumeric()))
        {
            problems.push(format!("PKI jargon {jargon:?}"));
        }
    }
    if shown == Shown::Everywhere {
        for option in CLI_OPTIONS {
            let named = text.match_indices(option).any(|(i, _)| {
                let after = text[i + option.len()..].chars().next();
                // `--fix` is not `--fixed`; `--diff` not `--different`.
                !after.is_some_and(|c| c.is_ascii_alphanumeric() || c == '-')
            });
            if named {
                problems.push(format!("the CLI option {option} outside the CLI's output"));
            }
        }
        if text.contains("CLI:") {
            problems.push("\"CLI:\" instructions outside the CLI's output".to_string());
        }
    }
    problems
}

/// The sections a text sends its reader to: `see "X"`, `the "X" section`, `under "X"`, `the X
/// section`.
fn referenced_sections(text: &str) -> Vec<String> {
    let mut found = Vec::new();
    // A quoted name after "see " or "under ", or before " section".
    for lead in ["see \"", "See \"", "under \"", "Under \""] {
        for (i, _) in text.match_indices(lead) {
            let rest = &text[i + lead.len()..];
            if let Some(end) = rest.find('"') {
                found.push(rest[..end].to_string());
            }
        }
    }
    for (i, _) in text.match_indices("\" section") {
        if let Some(start) = text[..i].rfind('"') {
            found.push(text[start + 1..i].to_string());
        }
    }
    // `the X section` without quotes: the words between "the " and " section".
    for (i, _) in text.match_indices(" section") {
        let before = &text[..i];
        let after = text[i + " section".len()..].chars().next();
        if before.ends_with('"') || after.is_some_and(|c| c.is_alphanumeric()) {
            continue;
        }
        if let Some(start) = before.rfind("the ") {
            let name = &before[start + 4..];
            // A capitalised name is a heading ("the Findings section"); "the missing section" is a
            // config file's `[section]`.
            if name.starts_with(|c: char| c.is_ascii_uppercase()) && name.split(' ').count() <= 6 {
                found.push(name.to_string());
            }
        }
    }
    // A config file's own sections (`[server]`) are not the report's.
    found.retain(|name| !name.contains('[') && !name.contains('`'));
    found.sort();
    found.dedup();
    found
}

/// Every text of a report that a person reads, with where it comes from.
fn texts(report: &Report) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut push = |at: String, text: &str| {
        if !text.is_empty() {
            out.push((at, text.to_string()));
        }
    };
    for f in &report.findings {
        push(format!("{} message", f.rule), &f.message);
        push(format!("{} help", f.rule), &f.help);
        if let Some(fix) = &f.fix {
            push(format!("{} fix", f.rule), &fix.description);
        }
        push(format!("{} location", f.rule), &f.location().display());
        for r in &f.related {
            push(format!("{} related", f.rule), &r.display());
        }
    }
    for c in &report.channels {
        let at = format!("channel {}", c.id.as_str());
        push(format!("{at} explanation"), &c.explanation);
        for t in &c.trust {
            push(format!("{at} trust"), t);
        }
        for s in &c.served {
            push(format!("{at} served"), &s.describe());
        }
        push(format!("{at} status"), c.status.label());
    }
    for chain in &report.chains {
        let at = format!("chain {}", chain.file);
        for l in &chain.links {
            for k in &l.checks {
                push(format!("{at} {} check", k.check), &k.detail);
            }
        }
        push(format!("{at} anchor"), &chain.anchor.name);
        for c in &chain.clients {
            push(format!("{at} client {}", c.channel.as_str()), &c.detail);
            push(format!("{at} client names"), &c.names.detail);
            push(format!("{at} client status"), c.status.label());
        }
    }
    for s in &report.plan {
        let at = format!("step {}", s.number);
        push(format!("{at} action"), &s.action);
        push(format!("{at} waits_because"), &s.waits_because);
        if let Some(fix) = &s.fix {
            push(format!("{at} fix"), &fix.description);
        }
        for a in &s.alternatives {
            push(format!("{at} alternative"), &a.description);
            push(format!("{at} why not"), &a.why_not);
        }
    }
    for n in &report.not_checked {
        push("not checked".into(), n);
    }
    for i in &report.inputs {
        push(format!("input {}", i.name), &i.description);
    }
    out
}

/// Scans one report (JSON texts and Markdown lines); problems are prefixed with `label`.
fn scan_report(label: &str, report: &Report, dump: &mut String) -> Vec<String> {
    let mut problems = Vec::new();
    for (at, text) in texts(report) {
        dump.push_str(&format!("{label} | {at} | {text}\n"));
        for p in scan(&text, Shown::Everywhere) {
            problems.push(format!("{label}: {at}: {p}: {text}"));
        }
    }
    let md = wb_ssl_check::render::markdown(report);
    for line in md.lines() {
        dump.push_str(&format!("{label} | markdown | {line}\n"));
        for p in scan(line, Shown::Everywhere) {
            problems.push(format!("{label}: markdown: {p}: {line}"));
        }
    }
    problems
}

fn examples_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("examples")
}

fn example_inputs(name: &str) -> Vec<Input> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(examples_dir().join(name))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    files
        .into_iter()
        .map(|p| {
            Input::new(
                p.file_name().unwrap().to_string_lossy(),
                std::fs::read(&p).unwrap(),
            )
        })
        .collect()
}

/// The examples with and without their root marked trusted, with and without the public host name.
fn example_runs() -> Vec<(String, Vec<Input>, CheckOptions)> {
    let mut runs = Vec::new();
    for example in ["broken", "correct"] {
        for trusted in [false, true] {
            for hostname in [None, Some("workbench.example.org")] {
                let mut options = rule_cases::options();
                options.hostname = hostname.map(str::to_string);
                if trusted {
                    options
                        .roles
                        .push(("example-root-ca.crt".into(), Role::TrustedCa));
                }
                runs.push((
                    format!("examples/{example} trusted={trusted} hostname={hostname:?}"),
                    example_inputs(example),
                    options,
                ));
            }
        }
    }
    runs
}

fn write_dump(dump: &str) {
    if let Some(path) = std::env::var_os("WORDS_DUMP") {
        std::fs::write(path, dump).expect("WORDS_DUMP is writable");
    }
}

#[test]
fn the_scanner_catches_each_kind_of_bad_words() {
    let bad = |t: &str| !scan(t, Shown::Everywhere).is_empty();
    assert!(bad("Set `ssl-certificate to the file."));
    assert!(bad("It depends on that CA (see \"who must trust what\")."));
    assert!(bad("The key of block 2 did not sign it."));
    assert!(bad("Certificate block 3 of `a.crt` cannot be read."));
    assert!(bad("Channel: - (files)"));
    assert!(bad("#### Files, certificates and syntax (-)"));
    assert!(bad("Mark it trusted (CLI: `--trusted-ca`)."));
    assert!(bad("Give the host name with --hostname."));
    assert!(bad("browsers must be given the anchor as trusted"));
    assert!(bad("Channel a: trust unknown"));
    assert!(bad("names unknown: the host name dialled is not known"));
    assert!(!bad(
        "RHEL `cp ca.crt /etc/pki/ca-trust/source/anchors/ca.crt`"
    ));
    assert!(bad("Described in the Trust Anchors section."));
    assert!(!bad("Add the missing section."));
    // What is fine.
    assert!(!bad("See the Findings section; `a` and `b`."));
    assert!(!bad(
        "Move `enable-ssl=1` to launcher.conf (in the [server] section)."
    ));
    assert!(!bad(
        "Delete the `[server]` line (rserver.conf has no sections)."
    ));
    assert!(!bad("The 2nd certificate in `a.crt` (blocks of text)."));
    assert!(!bad("a rule that is not tied to one channel"));
    assert!(!bad("`ssl-protocols=TLSv1.2 TLSv1.3`"));
    // The CLI's own output may name its options.
    assert!(scan("Run with `--trusted-ca ca.crt`.", Shown::Cli).is_empty());
    assert!(!scan("Run with `--trusted-ca` and `x", Shown::Cli).is_empty());
}

#[test]
fn every_example_and_fixture_speaks_plain_words() {
    let mut problems = Vec::new();
    let mut dump = String::new();
    for (label, inputs, options) in example_runs() {
        let report = check(&inputs, &options);
        problems.extend(scan_report(&label, &report, &mut dump));
    }
    let mut rules: Vec<PathBuf> = std::fs::read_dir(rule_cases::fixtures_dir())
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    rules.sort();
    let mut cases = 0;
    for rule in rules {
        let mut dirs: Vec<PathBuf> = std::fs::read_dir(&rule)
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.is_dir())
            .collect();
        dirs.sort();
        for dir in dirs {
            let label = dir
                .strip_prefix(rule_cases::fixtures_dir())
                .unwrap()
                .display()
                .to_string();
            let report = check(
                &rule_cases::load_case(&dir),
                &rule_cases::case_options(&dir),
            );
            problems.extend(scan_report(&label, &report, &mut dump));
            cases += 1;
        }
    }
    write_dump(&dump);
    assert!(cases > 150, "only {cases} fixture cases");
    problems.sort();
    problems.dedup();
    assert!(
        problems.is_empty(),
        "{} problems:\n{}",
        problems.len(),
        problems.join("\n")
    );
}

/// The CLI's human output of the examples: the same rules, except that it may name its options.
#[test]
fn the_human_output_speaks_plain_words() {
    let mut problems = Vec::new();
    let root = examples_dir().join("correct/example-root-ca.crt");
    let root = root.to_str().unwrap();
    for example in ["broken", "correct"] {
        let dir = examples_dir().join(example);
        for extra in [
            vec![],
            vec!["--trusted-ca", root],
            vec!["--hostname", "workbench.example.org"],
        ] {
            let out = std::process::Command::new(env!("CARGO_BIN_EXE_wb-ssl-check"))
                .arg(&dir)
                .args(["--now", "2027-01-01T00:00:00Z"])
                .args(&extra)
                .env("NO_COLOR", "1")
                .output()
                .expect("the CLI runs");
            let text = String::from_utf8(out.stdout).unwrap();
            assert!(text.contains("Channels"), "{text}");
            for line in text.lines() {
                for p in scan(line, Shown::Cli) {
                    problems.push(format!("{example} {extra:?}: {p}: {line}"));
                }
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// A key's path is shown wherever the report quotes a config line, however long and however it is
/// written; a base64 secret pasted into the same file never is.
#[test]
fn paths_are_quoted_and_secrets_are_not() {
    let path = "/etc/rstudio/ssl/private/WorkbenchServerKeyRenewed2026/workbench.example.org-2026-renewed-wildcard.key";
    let bare = "/etc/rstudio/ssl/server/private/keys/workbench/current/key";
    let secret = "MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7Zm9vYmFyYmF6cXV4";
    let rserver = format!(
        "ssl-enabled=1\nssl-certificate=/etc/rstudio/ssl/workbench.crt\nssl-certificate-key={path}\n{bare}\n{secret}\nauth-token={secret}\n"
    );
    let report = check(
        &[Input::new("rserver.conf", rserver.into_bytes())],
        &rule_cases::options(),
    );
    let mut all = String::new();
    for (_, text) in texts(&report) {
        all.push_str(&text);
        all.push('\n');
    }
    all.push_str(&wb_ssl_check::render::markdown(&report));
    assert!(all.contains(bare), "the bare path line is quoted:\n{all}");
    assert!(!all.contains(&secret[..24]), "a secret is quoted:\n{all}");
    for line in [format!("ssl-certificate-key={path}"), bare.to_string()] {
        assert_eq!(wb_ssl_check::base::shown_line(&line), line);
    }
}

/// The rule documentation (`--explain`, docs/rules.md, the page's rule help) names channels in
/// words and has no unmatched backtick on a line. It may name the CLI's options: it documents both
/// shells.
#[test]
fn the_rule_docs_speak_plain_words() {
    let mut problems = Vec::new();
    // Paragraphs, as the doc comments wrap them; a fenced block is code, not words.
    let paragraphs = |text: &str| -> Vec<String> {
        let mut fenced = false;
        let words: Vec<&str> = text
            .lines()
            .filter(|l| {
                let fence = l.trim_start().starts_with("```");
                fenced ^= fence;
                !fenced && !fence
            })
            .collect();
        words
            .join("\n")
            .split("\n\n")
            .map(|p| p.replace('\n', " "))
            .collect()
    };
    for rule in wb_ssl_check::rules::REGISTRY {
        for paragraph in paragraphs(&wb_ssl_check::render::rule_explanation(rule)) {
            for p in scan(&paragraph, Shown::Cli) {
                problems.push(format!("{}: {p}: {paragraph}", rule.meta.name));
            }
        }
    }
    for paragraph in paragraphs(&wb_ssl_check::render::rule_docs_markdown()) {
        for p in scan(&paragraph, Shown::Cli) {
            problems.push(format!("docs/rules.md: {p}: {paragraph}"));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
