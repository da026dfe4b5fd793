//! SARIF 2.1.0 output for code-scanning tools. Written with serde_json rather than a SARIF crate: the
//! crates on offer generate the whole schema (hundreds of types) for the dozen fields we fill.

use crate::report::{Location, Report, Severity};
use crate::rules::REGISTRY;
use serde_json::{json, Value};

fn level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// A file name as a SARIF artifact URI (RFC 3986): a path relative to where the check ran stays a
/// relative reference, which code-scanning tools resolve against the repository; an absolute path (as
/// on a server, `/etc/rstudio/rserver.conf`) becomes a `file://` URI, since a relative reference may not
/// begin with `/` (the validator's SARIF1004). Anything outside RFC 3986's path characters is
/// percent-encoded, byte by byte.
fn uri(file: &str) -> String {
    let mut out = String::new();
    for b in file.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~!$&'()*+,;=:@/".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    if out.starts_with('/') {
        format!("file://{out}")
    } else {
        out
    }
}

/// Where to learn about the tool (SARIF's `informationUri`): the project's public address when
/// Cargo.toml declares one (`homepage`); until then, the documentation installed with this very binary,
/// as a `file://` URI: `/usr/share/doc/wb-ssl-check/README.md` for the .deb and .rpm (binary in
/// `/usr/bin`), `doc/README.md` beside `bin/` for the tarball, or the source tree's README for a build
/// from it. `None` when none of them exists.
fn information_uri() -> Option<String> {
    if !env!("CARGO_PKG_HOMEPAGE").is_empty() {
        return Some(env!("CARGO_PKG_HOMEPAGE").to_string());
    }
    let exe = std::env::current_exe().ok()?;
    let bin = exe.parent()?;
    let candidates = [
        bin.join("../share/doc/wb-ssl-check/README.md"),
        bin.join("../doc/README.md"),
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md"),
    ];
    let found = candidates
        .iter()
        .find(|p| p.is_file())?
        .canonicalize()
        .ok()?;
    Some(uri(&found.to_string_lossy()))
}

/// A rule's `name`, which SARIF wants readable and different from its opaque `id`: the id in
/// PascalCase, as the rule's type is named (`duplicate-option` → `DuplicateOption`).
fn rule_name(id: &str) -> String {
    id.split('-')
        .map(|w| {
            let mut c = w.chars();
            c.next()
                .map(|f| f.to_ascii_uppercase().to_string() + c.as_str())
                .unwrap_or_default()
        })
        .collect()
}

fn physical(loc: &Location) -> Value {
    let mut region = serde_json::Map::new();
    if let Some(l) = loc.line {
        region.insert("startLine".into(), json!(l));
    }
    if let Some(c) = loc.column {
        region.insert("startColumn".into(), json!(c));
    }
    // A finding about a file as a whole (a pasted s_client output, a DER certificate, an unreadable
    // file) covers all of it: SARIF's whole-artifact region is its bytes, read from the file as it is
    // now (after `--fix` too). A file that cannot be read gets no region.
    if loc.line.is_none() {
        if let Ok(meta) = std::fs::metadata(&loc.file) {
            region.insert("byteOffset".into(), json!(0));
            region.insert("byteLength".into(), json!(meta.len()));
        }
    }
    let mut phys = json!({ "artifactLocation": { "uri": uri(&loc.file) } });
    if !region.is_empty() {
        phys["region"] = Value::Object(region);
    }
    json!({ "physicalLocation": phys })
}

/// A fix as SARIF's artifactChanges: one per file, each edit a replacement whose deletedRegion has the
/// same 1-based lines and columns (end column exclusive, as SARIF's) as our [`Edit`]s; an insertion is
/// an empty region. Whether it needs review goes in its properties.
fn sarif_fix(fix: &crate::report::Fix) -> Value {
    let mut files: Vec<&str> = fix.edits.iter().map(|e| e.file.as_str()).collect();
    files.dedup();
    let changes: Vec<Value> = files
        .iter()
        .map(|file| {
            let replacements: Vec<Value> = fix
                .edits
                .iter()
                .filter(|e| e.file == *file)
                .map(|e| {
                    json!({
                        "deletedRegion": {
                            "startLine": e.line,
                            "startColumn": e.column,
                            "endLine": e.end_line,
                            "endColumn": e.end_column
                        },
                        "insertedContent": { "text": e.text }
                    })
                })
                .collect();
            json!({ "artifactLocation": { "uri": uri(file) }, "replacements": replacements })
        })
        .collect();
    json!({
        "description": { "text": fix.description },
        "artifactChanges": changes,
        "properties": { "safety": match fix.safety {
            crate::report::FixSafety::Safe => "safe",
            crate::report::FixSafety::NeedsReview => "needs-review",
        } }
    })
}

pub fn sarif(report: &Report) -> String {
    let rules: Vec<Value> = REGISTRY
        .iter()
        .map(|r| {
            let m = r.meta;
            json!({
                "id": m.name,
                "name": rule_name(m.name),
                "shortDescription": { "text": m.summary },
                "fullDescription": { "text": m.summary },
                "help": { "text": m.docs(), "markdown": m.docs() },
                "defaultConfiguration": { "level": level(m.severity) },
                "properties": {
                    "channel": m.channel.as_str(),
                    "channels": m.channels.iter().map(|c| c.as_str()).collect::<Vec<_>>(),
                    "levels": m.severities.iter().map(|s| level(*s)).collect::<Vec<_>>(),
                    "severities": m.severities.iter().map(|s| s.as_str()).collect::<Vec<_>>(),
                    "severityWhen": m.severity_when,
                    "fixAvailability": m.fix.as_str()
                }
            })
        })
        .collect();
    let results: Vec<Value> = report
        .findings
        .iter()
        .map(|f| {
            let index = REGISTRY.iter().position(|r| r.meta.name == f.rule);
            let mut result = json!({
                "ruleId": f.rule,
                "level": level(f.severity),
                "message": { "text": format!("{} Fix: {}", f.message, f.help) },
                "locations": [physical(&f.location())],
            });
            if let Some(i) = index {
                result["ruleIndex"] = json!(i);
            }
            if let Some(fix) = &f.fix {
                result["fixes"] = json!([sarif_fix(fix)]);
            }
            if !f.related.is_empty() {
                result["relatedLocations"] = Value::Array(
                    f.related
                        .iter()
                        .enumerate()
                        .map(|(i, r)| {
                            let mut v = physical(r);
                            v["id"] = json!(i);
                            v
                        })
                        .collect(),
                );
            }
            result
        })
        .collect();
    // Symptoms are results too, on the pasted file's line, under one descriptor of their own
    // (`symptom`, after the registry's rules): a code-scanning view lists them with the findings.
    let mut rules = rules;
    let results = {
        let mut results = results;
        if !report.symptoms.is_empty() {
            let symptom_index = rules.len();
            rules.push(json!({
                "id": "symptom",
                "name": "KnownErrorMessage",
                "shortDescription": { "text": "A known error message in pasted text or a log" },
                "fullDescription": { "text": "A message the symptom catalog knows, found in a ticket excerpt, a log or s_client/curl output: who prints it, its channel, what it means and what explains it." },
                "defaultConfiguration": { "level": "note" },
            }));
            for sy in &report.symptoms {
                use crate::render::symptoms::{channel_words, explained_words};
                results.push(json!({
                    "ruleId": "symptom",
                    "ruleIndex": symptom_index,
                    "level": "note",
                    "message": { "text": format!(
                        "{} ({}). {}. {}.",
                        sy.text,
                        channel_words(sy),
                        sy.meaning.trim_end_matches('.'),
                        crate::base::upper_first(&explained_words(sy))
                    ) },
                    "locations": [physical(&Location { line: Some(sy.line), ..Location::file(&sy.input) })],
                    "properties": {
                        "family": sy.family,
                        "printedBy": sy.printed_by.id(),
                        "channel": sy.channel.map(|c| c.as_str()),
                        "candidates": sy.candidates.iter().map(|c| c.as_str()).collect::<Vec<_>>(),
                        "count": sy.count,
                        "confirmedBy": sy.confirmed_by,
                        "askFor": sy.ask_for,
                    },
                }));
            }
        }
        results
    };
    let mut driver =
        json!({ "name": "wb-ssl-check", "version": env!("CARGO_PKG_VERSION"), "rules": rules });
    if let Some(info) = information_uri() {
        driver["informationUri"] = json!(info);
    }
    // A run that could check nothing says so where SARIF viewers show a run's own problems, so that
    // an empty result list is not read as a clean bill.
    let notifications: Vec<Value> = if report.summary.nothing_checked {
        vec![json!({
            "level": "warning",
            "message": { "text": format!("Nothing here could be checked. {}", crate::metadata::NOTHING_CHECKED) },
        })]
    } else {
        Vec::new()
    };
    let doc = json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": { "driver": driver },
            "invocations": [{
                "executionSuccessful": true,
                "toolExecutionNotifications": notifications,
            }],
            "results": results,
            // The channels' verdicts (and, for a cluster, each node's) ride in the run's property
            // bag: SARIF has no place of its own for a summary that is not a result.
            "properties": {
                "nothingChecked": report.summary.nothing_checked,
                "channels": report.channels.iter().map(|c| json!({
                    "id": c.id.as_str(),
                    "status": c.status.as_str(),
                    "endpoint": c.endpoint,
                    "nodes": c.nodes,
                })).collect::<Vec<_>>(),
            },
        }]
    });
    serde_json::to_string_pretty(&doc).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::{rule_name, uri};

    #[test]
    fn uris_and_rule_names() {
        assert_eq!(
            uri("examples/broken/rserver.conf"),
            "examples/broken/rserver.conf"
        );
        assert_eq!(
            uri("/etc/rstudio/rserver.conf"),
            "file:///etc/rstudio/rserver.conf"
        );
        assert_eq!(uri("my dir/100%.conf"), "my%20dir/100%25.conf");
        assert_eq!(uri("/srv/ü#1.crt"), "file:///srv/%C3%BC%231.crt");
        assert_eq!(rule_name("duplicate-option"), "DuplicateOption");
        assert_eq!(rule_name("served-http-error"), "ServedHttpError");
    }
}
