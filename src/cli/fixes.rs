//! `--diff` and `--fix`: the findings' fixes ([`crate::fix`]) shown as a unified diff, or written to
//! the config files on the server, safely.

use crate::fix::{fix_rounds as rounds, FixedFile};
use crate::input::Input;
use crate::report::Report;
use crate::CheckOptions;
use std::io::Write;
use std::path::Path;

/// Next to each file `--fix` changes: its content as it was, and the new content while it is written.
pub const BACKUP_SUFFIX: &str = ".wb-ssl-check.bak";
pub const TEMP_SUFFIX: &str = ".wb-ssl-check.tmp";

/// "No fixes to apply", and how to get the ones that need review.
/// Files inside an archive are never edited (they are not files on disk): the words say so when an
/// archive was given.
fn nothing_to_fix(inputs: &[Input], unsafe_fixes: bool, verb: &str) -> String {
    let mut text = if unsafe_fixes {
        "no fixes to apply".to_string()
    } else {
        format!("no fixes to apply (--unsafe-fixes also {verb} those that need review)")
    };
    if inputs
        .iter()
        .any(|i| crate::input::archive::format_of(&i.name, &i.bytes).is_some())
    {
        text.push_str("; files inside an archive are never edited: fix them on the server, where the report's plan says");
    }
    text
}

fn unified(file: &FixedFile) -> String {
    similar::TextDiff::from_lines(&file.before, &file.after)
        .unified_diff()
        .context_radius(2)
        .header(&format!("a/{}", file.name), &format!("b/{}", file.name))
        .to_string()
}

/// `--diff`: prints what `--fix` would write (every round, checked again in memory); exit status 1
/// when there is a diff.
pub fn diff(
    inputs: &[Input],
    report: &Report,
    options: &CheckOptions,
    unsafe_fixes: bool,
    out: &mut impl Write,
) -> i32 {
    let (files, _, _) = rounds(inputs, report, options, unsafe_fixes);
    if files.is_empty() {
        let mut text = nothing_to_fix(inputs, unsafe_fixes, "shows");
        text[..1].make_ascii_uppercase();
        let _ = writeln!(out, "{text}.");
        return 0;
    }
    for f in &files {
        let _ = write!(out, "{}", unified(f));
    }
    let _ = out.flush();
    1
}

/// `--fix`: applies the fixes in place and returns the report of the files as they are now. Refuses
/// (writing nothing) when a file changed on disk since it was read.
pub fn fix(
    inputs: &[Input],
    report: Report,
    options: &CheckOptions,
    unsafe_fixes: bool,
) -> Result<Report, Box<(Report, String)>> {
    let (files, after, applied) = rounds(inputs, &report, options, unsafe_fixes);
    if files.is_empty() {
        eprintln!(
            "wb-ssl-check: {}",
            nothing_to_fix(inputs, unsafe_fixes, "applies")
        );
        return Ok(report);
    }
    // Nothing is written unless every file is still what was read.
    for f in &files {
        let now = std::fs::read(&f.name)
            .map_err(|e| Box::new((report.clone(), format!("{}: {e}", f.name))))?;
        if now != f.before.as_bytes() {
            return Err(Box::new((
                report,
                format!(
                    "{} changed since it was read; nothing was written. Run again.",
                    f.name
                ),
            )));
        }
    }
    for f in &files {
        write_with_backup(Path::new(&f.name), f.after.as_bytes())
            .map_err(|e| Box::new((report.clone(), format!("{}: {e}", f.name))))?;
        eprint!("{}", unified(f));
    }
    eprintln!(
        "wb-ssl-check: applied {} in {} (backups: FILE{BACKUP_SUFFIX}); what is left:",
        crate::report::count(applied, "fix"),
        crate::report::count(files.len(), "file")
    );
    Ok(after.unwrap_or(report))
}

/// Replaces a file's content: a backup of the old content next to it, the new content written to a
/// temporary file with the original's mode and owner, then renamed over it (never half-written).
fn write_with_backup(path: &Path, content: &[u8]) -> std::io::Result<()> {
    use std::os::unix::fs::MetadataExt;
    let meta = std::fs::metadata(path)?;
    let with_suffix = |suffix: &str| {
        let mut name = path.as_os_str().to_owned();
        name.push(suffix);
        std::path::PathBuf::from(name)
    };
    let backup = with_suffix(BACKUP_SUFFIX);
    std::fs::copy(path, &backup)?;
    let temp = with_suffix(TEMP_SUFFIX);
    let result = (|| {
        std::fs::write(&temp, content)?;
        std::fs::set_permissions(&temp, meta.permissions())?;
        // Keep the owner (root:rstudio-server and the like). Only root can give a file away; anyone
        // else writes files they own already, so the call is skipped when it would change nothing.
        let temp_meta = std::fs::metadata(&temp)?;
        if (temp_meta.uid(), temp_meta.gid()) != (meta.uid(), meta.gid()) {
            std::os::unix::fs::chown(&temp, Some(meta.uid()), Some(meta.gid()))?;
        }
        std::fs::rename(&temp, path)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&temp);
    }
    result
}
