use crate::rules::{Registered, REGISTRY};

/// One rule's documentation with a heading, as `--explain` prints it.
pub fn rule_explanation(rule: &Registered) -> String {
    let m = rule.meta;
    format!(
        "# {}\n\nSeverity: {} · Channel: {} · Fix: {}\n\n{}\n\n{}\n",
        m.name,
        m.severity_text(),
        m.channel_words(),
        m.fix.as_str(),
        m.summary,
        m.docs()
    )
}

/// The whole rule catalog as one Markdown page (docs/rules.md is generated from this).
pub fn rule_docs_markdown() -> String {
    let mut out = String::from(
        "# wb-ssl-check rules\n\n<!-- Generated from the rules' doc comments by `wb-ssl-check --rule-docs`; do not edit by hand. -->\n\n| rule | severity | channel | fix | summary |\n|---|---|---|---|---|\n",
    );
    for r in REGISTRY {
        out.push_str(&format!(
            "| [`{0}`](#{0}) | {1} | {2} | {3} | {4} |\n",
            r.meta.name,
            r.meta
                .severities
                .iter()
                .map(|s| s.as_str())
                .collect::<Vec<_>>()
                .join(" / "),
            r.meta.channel_words(),
            r.meta.fix.as_str(),
            r.meta.summary
        ));
    }
    for r in REGISTRY {
        // Demote the doc's own headings one level under the rule's heading.
        let docs = r.meta.docs().replace("\n## ", "\n### ");
        let docs = docs
            .strip_prefix("## ")
            .map(|d| format!("### {d}"))
            .unwrap_or(docs);
        out.push_str(&format!(
            "\n## {}\n\nSeverity: {} · Channel: {} · Fix: {} · {}\n\n{}\n",
            r.meta.name,
            r.meta.severity_text(),
            r.meta.channel_words(),
            r.meta.fix.as_str(),
            r.meta.summary,
            docs
        ));
    }
    out
}
