use crate::catalog::{self, ConfigKind, Scope};

use crate::config::ConfigFile;
use crate::report::Severity;
use crate::rules::{declare_rule, excerpt, FileRule, Sink};

declare_rule! {
    /// ## What it checks
    /// Every option name is looked up in the catalog of its file type (and, in launcher.conf, of its
    /// section: `[server]` or `[cluster]`). An unknown name within two edits of a known one is an error
    /// with "did you mean ...?"; any other unknown name is a warning, because new Workbench releases add
    /// options that the catalog may not have yet. A known option that Posit deprecated (still accepted,
    /// e.g. `rsession-memory-limit-mb`) or removed in a known version is an info that says so.
    /// The catalog records, where a source gives it, the version that introduced each option. Options
    /// that belong to another file are reported by
    /// `option-in-wrong-file` instead. Keys after a `[section]` header in rserver.conf are covered by
    /// `section-in-rserver-conf`. Profiles files (`launcher.<plugin>.profiles.conf`) are not checked for
    /// unknown names: they bear on none of the three channels, and their keys vary by plugin and
    /// version (GPU types become key suffixes such as `max-gpus-v100`). Neither are the files of a
    /// Launcher plugin that cannot be told from its name or options (an SDK-built plugin has its own),
    /// nor positron.conf, whose options still change from release to release.
    ///
    /// ## Why it breaks Workbench
    /// rserver refuses unregistered options: it logs
    /// `Error reading /etc/rstudio/rserver.conf: unrecognised option 'X'` and does not start. Launcher
    /// plugins likewise reject unknown keys ("The following options were unrecognized"). The usual causes
    /// are a typo, a Workbench-only option on open-source RStudio Server, or an option from another version.
    /// Option names are case-sensitive.
    ///
    /// ## How to fix
    /// Correct the spelling, or remove the line. To see what your installed version accepts, run
    /// `sudo rstudio-server stop && sudo rserver --test-config` (newer versions: `--check-config`, which
    /// lists every unknown option at once).
    ///
    /// ## References
    /// - Posit Workbench Admin Guide: rserver.conf and launcher.conf reference.
    /// - rstudio/rstudio issues #9709, #7616 (unrecognised option stops the server).
    pub struct UnknownOption {
        name: "unknown-option",
        severity: Error | Warning | Info,
        severity_when: "error when the name is a near miss of a known option (a typo); warning when it is not known at all; info when it is deprecated (still accepted) or was removed in a known version",
        channel: None,
        summary: "An option name is not in the catalog for its file",
    }
}

fn closest(kind: ConfigKind, key: &str) -> Option<&'static str> {
    catalog::names(kind)
        // Names whose lengths differ by more than 2 cannot be within 2 edits; skipping them keeps a
        // file with thousands of unknown keys fast.
        .filter(|n| n.len().abs_diff(key.len()) <= 2)
        .map(|n| (strsim::levenshtein(n, key), n))
        .filter(|(d, _)| *d <= 2)
        .min()
        .map(|(_, n)| n)
}

impl FileRule for UnknownOption {
    fn applies(&self, file: &ConfigFile) -> crate::rules::Applicability {
        // Profiles files (`launcher.<plugin>.profiles.conf`) bear on none of the three channels, and
        // their keys vary by plugin and version (GPU types become key suffixes, `max-gpus-v100`): a
        // guess there would cost more than a missed typo.
        // Likewise a plugin file whose plugin cannot be told (an SDK-built plugin has its own options).
        // And positron.conf, whose options still change from release to release (Posit's images
        // first shipped one in November 2024).
        if file.kind == ConfigKind::LauncherProfiles
            || file.kind == ConfigKind::LauncherPlugin(crate::catalog::Plugin::Generic)
            || file.kind == ConfigKind::Positron
        {
            crate::rules::Applicability::Skip
        } else {
            crate::rules::Applicability::Applies
        }
    }

    fn check(&self, file: &ConfigFile, out: &mut Sink) {
        for e in &file.parsed.entries {
            if file.kind == ConfigKind::Rserver && e.section.is_some() {
                continue;
            }
            if let Some(spec) = catalog::lookup_in(file.kind, file.scope_of(e), &e.key) {
                if !spec.removed.is_empty() {
                    out.emit_with(
                        Severity::Info,
                        file.entry_location(e),
                        format!("`{}` was removed in Workbench {}: from that version on, {} refuses to start with it.", e.key, spec.removed, if file.kind == ConfigKind::Rserver { "rserver" } else { "the Launcher" }),
                        format!("Remove `{}` before upgrading to {} or later.", e.key, spec.removed),
                    );
                } else if spec.deprecated {
                    let f = out.emit_with(
                        Severity::Info,
                        file.entry_location(e),
                        format!("`{}` is deprecated in Posit's reference: Workbench still accepts it, but it may be ignored and a later version may drop it.", e.key),
                        format!("Remove the line `{}={}`.", e.key, excerpt(&e.value)),
                    );
                    f.fix = crate::edits::fix(
                        format!("Delete the deprecated `{}` line", e.key),
                        crate::report::FixSafety::NeedsReview,
                        vec![crate::edits::delete_entry(file, e)],
                    );
                }
                continue;
            }
            if let Some(other) = catalog::lookup(file.kind, &e.key) {
                let (here, there) = if other.scope == Scope::Cluster {
                    ("[server]", "[cluster]")
                } else {
                    ("[cluster]", "[server]")
                };
                out.emit(
                    file.entry_location(e),
                    format!("`{}` is a {there} option in launcher.conf; in {here} the Launcher does not know it.", e.key),
                    format!("Move `{}={}` into the {there} section.", e.key, excerpt(&e.value)),
                );
                continue;
            }
            if !catalog::other_homes(file.kind, &e.key).is_empty() {
                continue;
            }
            let file_type = file.kind.file_name();
            match closest(file.kind, &e.key) {
                Some(suggestion) => {
                    // Renaming is safe unless the right name is already set: then the two would be
                    // duplicates, and which value is meant is a choice.
                    let taken = file
                        .parsed
                        .entries
                        .iter()
                        .any(|o| o.key == suggestion && o.section == e.section);
                    let f = out.emit_with(
                        Severity::Error,
                        file.entry_location(e),
                        format!(
                            "Unknown option `{}` in {file_type}: did you mean `{suggestion}`?",
                            e.key
                        ),
                        format!("Rename it to `{suggestion}` (option names are case-sensitive)."),
                    );
                    f.fix = crate::edits::fix(
                        format!("Rename `{}` to `{suggestion}`", e.key),
                        if taken {
                            crate::report::FixSafety::NeedsReview
                        } else {
                            crate::report::FixSafety::Safe
                        },
                        vec![crate::edits::replace_key(file, e, suggestion)],
                    );
                }
                None => {
                    out.emit_with(
                        Severity::Warning,
                        file.entry_location(e),
                        format!(
                            "`{}` is not in the catalog for {file_type}; rserver and the Launcher refuse to start on unrecognised options unless your version added it.",
                            excerpt(&e.key)
                        ),
                        "Check the option name against the reference for your Workbench version, or run `sudo rserver --test-config` (`--check-config` on newer versions).",
                    );
                }
            }
        }
    }
}
