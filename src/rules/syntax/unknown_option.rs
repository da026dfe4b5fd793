use crate::catalog::{self, ConfigKind, Scope};
use crate::config::ConfigFile;
use crate::input::config_lines::Entry;
use crate::report::{Fix, FixSafety};
use crate::rules::{declare_rule, excerpt, FileRule, Sink, Subject, Violation};

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
        fix: Sometimes,
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
            let at = file.entry_location(e);
            if let Some(spec) = catalog::lookup_in(file.kind, file.scope_of(e), &e.key) {
                if !spec.removed.is_empty() {
                    out.report(
                        Subject::At(at),
                        Unknown::Removed {
                            file,
                            entry: e,
                            version: spec.removed,
                        },
                    );
                } else if spec.deprecated {
                    out.report(Subject::At(at), Unknown::Deprecated { file, entry: e });
                }
                continue;
            }
            if let Some(other) = catalog::lookup(file.kind, &e.key) {
                out.report(
                    Subject::At(at),
                    Unknown::OtherSection {
                        entry: e,
                        scope: other.scope,
                    },
                );
                continue;
            }
            if !catalog::other_homes(file.kind, &e.key).is_empty() {
                continue;
            }
            match closest(file.kind, &e.key) {
                Some(suggestion) => {
                    // Renaming is safe unless the right name is already set: then the two would be
                    // duplicates, and which value is meant is a choice.
                    let taken = file
                        .parsed
                        .entries
                        .iter()
                        .any(|o| o.key == suggestion && o.section == e.section);
                    out.report(
                        Subject::At(at),
                        Unknown::Typo {
                            file,
                            entry: e,
                            suggestion,
                            taken,
                        },
                    );
                }
                None => out.report(Subject::At(at), Unknown::NotKnown { file, entry: e }),
            }
        }
    }
}

/// An option the catalog does not know for its file and place, or knows as going away.
enum Unknown<'a> {
    /// Removed in a known Workbench version.
    Removed {
        file: &'a ConfigFile,
        entry: &'a Entry,
        version: &'static str,
    },
    /// Deprecated, still accepted.
    Deprecated {
        file: &'a ConfigFile,
        entry: &'a Entry,
    },
    /// A launcher.conf option of the other section (`scope` is where it belongs).
    OtherSection { entry: &'a Entry, scope: Scope },
    /// A near miss of a known option.
    Typo {
        file: &'a ConfigFile,
        entry: &'a Entry,
        suggestion: &'static str,
        /// Whether the suggested name is already set in the same section.
        taken: bool,
    },
    /// Not known at all.
    NotKnown {
        file: &'a ConfigFile,
        entry: &'a Entry,
    },
}

impl Violation for Unknown<'_> {
    type Level = Level;
    fn level(&self) -> Level {
        match self {
            Unknown::Removed { .. } | Unknown::Deprecated { .. } => Level::Info,
            Unknown::OtherSection { .. } | Unknown::Typo { .. } => Level::Error,
            Unknown::NotKnown { .. } => Level::Warning,
        }
    }
    fn message(&self) -> String {
        match self {
            Unknown::Removed { file, entry, version } => format!("`{}` was removed in Workbench {version}: from that version on, {} refuses to start with it.", entry.key, if file.kind == ConfigKind::Rserver { "rserver" } else { "the Launcher" }),
            Unknown::Deprecated { entry, .. } => format!("`{}` is deprecated in Posit's reference: Workbench still accepts it, but it may be ignored and a later version may drop it.", entry.key),
            Unknown::OtherSection { entry, scope } => {
                let (here, there) = sections(*scope);
                format!("`{}` is a {there} option in launcher.conf; in {here} the Launcher does not know it.", entry.key)
            }
            Unknown::Typo { file, entry, suggestion, .. } => format!(
                "Unknown option `{}` in {}: did you mean `{suggestion}`?",
                entry.key,
                file.kind.file_name()
            ),
            Unknown::NotKnown { file, entry } => format!(
                "`{}` is not in the catalog for {}; rserver and the Launcher refuse to start on unrecognised options unless your version added it.",
                excerpt(&entry.key),
                file.kind.file_name()
            ),
        }
    }
    fn help(&self) -> String {
        match self {
            Unknown::Removed { entry, version, .. } => format!("Remove `{}` before upgrading to {version} or later.", entry.key),
            Unknown::Deprecated { entry, .. } => format!("Remove the line `{}={}`.", entry.key, excerpt(&entry.value)),
            Unknown::OtherSection { entry, scope } => {
                let (_, there) = sections(*scope);
                format!("Move `{}={}` into the {there} section.", entry.key, excerpt(&entry.value))
            }
            Unknown::Typo { suggestion, .. } => format!("Rename it to `{suggestion}` (option names are case-sensitive)."),
            Unknown::NotKnown { .. } => "Check the option name against the reference for your Workbench version, or run `sudo rserver --test-config` (`--check-config` on newer versions).".into(),
        }
    }
    fn fix(&self) -> Option<Fix> {
        match self {
            Unknown::Deprecated { file, entry } => crate::edits::fix(
                format!("Delete the deprecated `{}` line", entry.key),
                FixSafety::NeedsReview,
                vec![crate::edits::delete_entry(file, entry)],
            ),
            Unknown::Typo {
                file,
                entry,
                suggestion,
                taken,
            } => crate::edits::fix(
                format!("Rename `{}` to `{suggestion}`", entry.key),
                if *taken {
                    FixSafety::NeedsReview
                } else {
                    FixSafety::Safe
                },
                vec![crate::edits::replace_key(file, entry, suggestion)],
            ),
            _ => None,
        }
    }
}

/// The section an option of `scope` is misplaced in, and the one it belongs to.
fn sections(scope: Scope) -> (&'static str, &'static str) {
    if scope == Scope::Cluster {
        ("[server]", "[cluster]")
    } else {
        ("[cluster]", "[server]")
    }
}
