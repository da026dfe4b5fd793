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

fn uri(file: &str) -> String {
    file.replace('%', "%25").replace(' ', "%20")
}

fn physical(loc: &Location) -> Value {
    let mut region = serde_json::Map::new();
    if let Some(l) = loc.line {
        region.insert("startLine".into(), json!(l));
    }
    if let Some(c) = loc.column {
        region.insert("startColumn".into(), json!(c));
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
                "name": m.name,
                "shortDescription": { "text": m.summary },
                "fullDescription": { "text": m.summary },
                "help": { "text": m.docs(), "markdown": m.docs() },
                "defaultConfiguration": { "level": level(m.severity) },
                "properties": {
                    "channel": m.channel.as_str(),
                    "channels": m.channels.iter().map(|c| c.as_str()).collect::<Vec<_>>(),
                    "levels": m.severities.iter().map(|s| level(*s)).collect::<Vec<_>>(),
                    "severities": m.severities.iter().map(|s| s.as_str()).collect::<Vec<_>>(),
                    "severityWhen": m.severity_when
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
    let doc = json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": { "driver": { "name": "wb-ssl-check", "version": env!("CARGO_PKG_VERSION"), "rules": rules } },
            "results": results,
        }]
    });
    serde_json::to_string_pretty(&doc).unwrap_or_default()
}
