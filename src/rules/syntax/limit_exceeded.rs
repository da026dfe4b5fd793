use crate::facts::Facts;
use crate::input::InputKind;
use crate::limits::{MAX_DER_DEPTH, MAX_LINE_BYTES, MAX_PEM_BLOCKS};
use crate::pki::BlockKind;
use crate::report::Location;
use crate::rules::{declare_rule, Applicability, ModelRule, Sink, Subject, Violation};

declare_rule! {
    /// ## What it checks
    /// The limits that keep the checker fast on any input, each named in the finding: config lines
    /// longer than 64 KiB (not parsed), more than 10,000 PEM blocks in one file (the rest not read),
    /// DER structures nested deeper than 32 levels (not parsed), and more than 50 findings of one rule
    /// in one file (the rest not listed), and an archive's limits: 2,000 files and 64 MiB taken out of
    /// archives in all, 250 bytes out per byte in, 3 archives inside each other, 32 folders deep.
    /// Inputs over 16 MiB, or past 64 MiB in all, are reported by
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
        summary: "An input exceeds one of the checker's limits (line length, PEM blocks, DER depth, archives, findings)",
    }
}

impl ModelRule for LimitExceeded {
    fn applies(&self, _model: &Facts) -> Applicability {
        Applicability::Applies
    }

    fn check(&self, model: &Facts, out: &mut Sink) {
        for file in &model.configs {
            for &(line, len) in &file.parsed.long_lines {
                out.report(
                    Subject::At(Location {
                        file: file.name.clone(),
                        line: Some(line),
                        column: None,
                        block: None,
                    }),
                    Limit::LongLine {
                        file: &file.name,
                        line,
                        len,
                    },
                );
            }
        }
        for input in &model.inputs {
            if let InputKind::Archive(_, Some(opened)) = &input.kind {
                if let Some(limit) = &opened.limit {
                    out.report(
                        Subject::At(Location::file(&input.name)),
                        Limit::Archive {
                            file: &input.name,
                            limit,
                        },
                    );
                }
            }
        }
        for file in &model.pki {
            if file.truncated {
                out.report(
                    Subject::At(Location::file(&file.name)),
                    Limit::PemBlocks { file: &file.name },
                );
            }
            for (i, b) in file.blocks.iter().enumerate() {
                if matches!(b.kind, BlockKind::TooDeep) {
                    out.report(
                        Subject::At(file.location(i)),
                        Limit::DerDepth {
                            file: &file.name,
                            block: b.index,
                        },
                    );
                }
            }
        }
    }
}

/// A limit of the checker that an input went over.
enum Limit<'a> {
    /// A config line longer than [`MAX_LINE_BYTES`], left unparsed.
    LongLine {
        file: &'a str,
        line: u32,
        len: usize,
    },
    /// More than [`MAX_PEM_BLOCKS`] PEM blocks in one file.
    PemBlocks { file: &'a str },
    /// A block nesting DER deeper than [`MAX_DER_DEPTH`].
    DerDepth { file: &'a str, block: u32 },
    /// An archive's reading stopped at one of [`crate::input::archive::Limits`], said in words.
    Archive { file: &'a str, limit: &'a str },
}

impl Violation for Limit<'_> {
    type Level = Level;
    fn level(&self) -> Level {
        // Info is the engine's, for the findings it leaves out of a report (see check.rs).
        Level::Warning
    }
    fn message(&self) -> String {
        match self {
            Limit::LongLine { file, line, len } => format!("Line {line} of `{file}` is {len} bytes, over the {} KiB line limit; it was not parsed.", MAX_LINE_BYTES / 1024),
            Limit::PemBlocks { file } => format!("`{file}` has more than {MAX_PEM_BLOCKS} PEM blocks; only the first {MAX_PEM_BLOCKS} were read."),
            Limit::Archive { file, limit } => format!("The archive `{file}` was read only in part: {limit}. The files read before that were checked."),
            Limit::DerDepth { file, block } => format!("The {} PEM block in `{file}` nests DER structures deeper than {MAX_DER_DEPTH} levels; it was not parsed.", crate::base::ordinal(*block)),
        }
    }
    fn help(&self) -> String {
        match self {
            Limit::LongLine { .. } => "Check that this is the right file: option lines are a few hundred bytes at most.",
            Limit::PemBlocks { .. } => "Split the bundle, or give only the certificates Workbench uses.",
            Limit::DerDepth { .. } => "This is not a real certificate or key; replace the file with the one your CA issued.",
            Limit::Archive { .. } => "Give an archive of `/etc/rstudio` alone (`tar czf rstudio.tgz -C /etc rstudio`), or the files themselves, rather than a whole disk or a folder of logs.",
        }
        .into()
    }
}
