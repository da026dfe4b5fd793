use crate::facts::Facts;
use crate::limits::{
    MAX_DER_DEPTH, MAX_FINDINGS_PER_RULE_AND_FILE, MAX_LINE_BYTES, MAX_PEM_BLOCKS,
};
use crate::pki::BlockKind;
use crate::report::{Location, Severity};
use crate::rules::{declare_rule, Applicability, ModelRule, Sink};

declare_rule! {
    /// ## What it checks
    /// The limits that keep the checker fast on any input, each named in the finding: config lines
    /// longer than 64 KiB (not parsed), more than 10,000 PEM blocks in one file (the rest not read),
    /// DER structures nested deeper than 32 levels (not parsed), and more than 50 findings of one rule
    /// in one file (the rest not listed). Inputs over 16 MiB, or past 64 MiB in all, are reported by
    /// `input-too-large`. Everything under the limits is still checked.
    ///
    /// ## Why it breaks Workbench
    /// It does not: real Workbench files are far below every limit. Reaching one usually means the wrong
    /// file (a log, a dump, a concatenation gone wrong) or a crafted input.
    ///
    /// ## How to fix
    /// Check that the file is the one Workbench uses; split very large certificate bundles; fix the
    /// repeated problem the capped findings point at.
    ///
    /// ## References
    /// - wb-ssl-check README, "Decisions worth knowing" (limits).
    pub struct LimitExceeded {
        name: "limit-exceeded",
        severity: Warning | Info,
        severity_when: "info for the note that says how many findings of one rule and file were left out",
        channel: None,
        summary: "An input exceeds one of the checker's limits (line length, PEM blocks, DER depth, findings)",
    }
}

impl ModelRule for LimitExceeded {
    fn applies(&self, _model: &Facts) -> Applicability {
        Applicability::Applies
    }

    fn check(&self, model: &Facts, out: &mut Sink) {
        for file in &model.configs {
            for &(line, len) in &file.parsed.long_lines {
                out.emit(
                    Location { file: file.name.clone(), line: Some(line), column: None, block: None },
                    format!("Line {line} of `{}` is {len} bytes, over the {} KiB line limit; it was not parsed.", file.name, MAX_LINE_BYTES / 1024),
                    "Check that this is the right file: option lines are a few hundred bytes at most.",
                );
            }
        }
        for file in &model.pki {
            if file.truncated {
                out.emit(
                    Location::file(&file.name),
                    format!("`{}` has more than {MAX_PEM_BLOCKS} PEM blocks; only the first {MAX_PEM_BLOCKS} were read.", file.name),
                    "Split the bundle, or give only the certificates Workbench uses.",
                );
            }
            for (i, b) in file.blocks.iter().enumerate() {
                if matches!(b.kind, BlockKind::TooDeep) {
                    out.emit(
                        file.location(i),
                        format!("Block {} of `{}` nests DER structures deeper than {MAX_DER_DEPTH} levels; it was not parsed.", b.index, file.name),
                        "This is not a real certificate or key; replace the file with the one your CA issued.",
                    );
                }
            }
        }
    }
}

/// The finding for findings left out of the report by [`MAX_FINDINGS_PER_RULE_AND_FILE`].
pub fn findings_capped(out: &mut Sink, rule: &str, file: &str, left_out: usize) {
    out.emit_with(
        Severity::Info,
        Location::file(file),
        format!(
            "{} of `{rule}` in `{file}` {} not listed (the report lists at most {MAX_FINDINGS_PER_RULE_AND_FILE} per rule and file).",
            crate::report::count(left_out, "more finding"),
            if left_out == 1 { "is" } else { "are" }
        ),
        "Fix the repeated problem, then check again to see the rest.",
    );
}
