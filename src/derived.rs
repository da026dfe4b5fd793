//! Findings on files made from Kubernetes inputs (the config files a Helm values file or a rendered
//! ConfigMap gives the pod): each says what decided its line, and its fix moves to the values file —
//! a rendered file is remade by the next `helm upgrade`, so an edit of it would be lost.

use crate::input::kubernetes::{DerivedFile, Kubernetes};
use crate::report::Finding;

/// Rewrites the findings on derived files: the origin of their line, and the fix as values.
pub fn retarget(findings: &mut [Finding], kube: &Kubernetes, inputs: &[crate::Input]) {
    for finding in findings.iter_mut() {
        let Some(file) = kube.files.iter().find(|f| f.name == finding.file) else {
            continue;
        };
        let text = inputs
            .iter()
            .find(|i| i.name == file.name)
            .map(|i| String::from_utf8_lossy(&i.bytes).into_owned())
            .unwrap_or_default();
        let origin = finding
            .line
            .and_then(|l| file.lines.get(l.checked_sub(1)? as usize))
            .and_then(Option::as_ref);
        if let Some(origin) = origin {
            finding.message = format!("{} (Decided by {}.)", finding.message, origin.words());
        }
        // The key=value the fix would write, else the line as it is.
        let wanted = finding
            .fix
            .as_ref()
            .and_then(|fix| fix.edits.iter().find(|e| e.file == file.name))
            .map(|e| e.text.trim_end_matches('\n').to_string());
        let current = finding
            .line
            .and_then(|l| text.lines().nth(l.checked_sub(1)? as usize))
            .map(str::to_string);
        finding.help = format!(
            "{} {}",
            finding.help,
            values_advice(file, &text, finding.line, wanted.or(current))
        );
        finding.fix = None;
    }
}

/// Where to make the change instead of the rendered file.
fn values_advice(
    file: &DerivedFile,
    text: &str,
    line: Option<u32>,
    line_text: Option<String>,
) -> String {
    if file.values_path.is_empty() {
        return "On Kubernetes, make the change where this file comes from (the chart's values, or the manifest you keep in git), never in the rendered object: the next `helm upgrade` or sync puts it back.".to_string();
    }
    let section = line.and_then(|l| section_of(text, l));
    let pair = line_text
        .as_deref()
        .and_then(|t| t.split_once('='))
        .map(|(k, v)| (k.trim().to_string(), v.trim().to_string()));
    let path: Vec<String> = file.values_path.iter().cloned().chain(section).collect();
    match pair {
        Some((key, value)) if !key.is_empty() => {
            let value_yaml = if value.is_empty() {
                "null".to_string()
            } else {
                yaml_scalar(&value)
            };
            let under: Vec<String> = path.iter().map(|p| yaml_key(p)).collect();
            let set_path: Vec<String> = path
                .iter()
                .chain(std::iter::once(&key))
                .map(|p| p.replace('.', "\\."))
                .collect();
            format!(
                "On Kubernetes, set it in your values file, not in the rendered file: `{}: {value_yaml}` under `{}`, or `--set {}={}` in the helm command.",
                yaml_key(&key),
                under.join(" > "),
                set_path.join("."),
                if value.is_empty() { "null".to_string() } else { value }
            )
        }
        _ => format!(
            "On Kubernetes, make the change under `{}` in your values file, not in the rendered file.",
            path.join(".")
        ),
    }
}

/// The `[section]` a line of an INI text is in.
fn section_of(text: &str, line: u32) -> Option<String> {
    text.lines()
        .take(line as usize)
        .filter_map(|l| {
            let t = l.trim();
            (t.starts_with('[') && t.ends_with(']')).then(|| t[1..t.len() - 1].to_string())
        })
        .last()
}

fn yaml_key(key: &str) -> String {
    if key.contains('.') || key.contains('*') || key.starts_with('@') {
        format!("\"{key}\"")
    } else {
        key.to_string()
    }
}

/// A value as a YAML scalar that Helm renders back to the same text: numbers stay numbers (rserver
/// reads `1` either way); text that YAML would read as something else is quoted.
fn yaml_scalar(value: &str) -> String {
    let plain = value
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || "-_./:".contains(c))
        && !matches!(
            value.to_ascii_lowercase().as_str(),
            "true" | "false" | "yes" | "no" | "on" | "off" | "null" | "~"
        )
        && !value.starts_with('0')
        || value == "0";
    if plain {
        value.to_string()
    } else {
        format!("\"{}\"", value.replace('\\', "\\\\").replace('"', "\\\""))
    }
}
