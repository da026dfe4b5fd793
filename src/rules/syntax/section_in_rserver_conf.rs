use crate::catalog::ConfigKind;
use crate::config::ConfigFile;
use crate::rules::{declare_rule, FileRule, Sink, Subject, Violation};

declare_rule! {
    /// ## What it checks
    /// A `[section]` header in rserver.conf. rserver.conf has no sections; a header usually comes from
    /// pasting a launcher.conf or INI snippet into it.
    ///
    /// ## Why it breaks Workbench
    /// rserver's parser prefixes every key after `[name]` with `name.`, so `ssl-enabled` becomes
    /// `name.ssl-enabled`, an option rserver does not know, and rserver refuses to start.
    /// (wb-ssl-check still reads those keys as you meant them, to check the rest.)
    ///
    /// ## How to fix
    /// Delete the header line. If the lines after it were meant for launcher.conf, move them there.
    ///
    /// ## References
    /// - boost::program_options `config_file.cpp` (section prefixes).
    pub struct SectionInRserverConf {
        name: "section-in-rserver-conf",
        severity: Error,
        channel: None,
        summary: "rserver.conf has a [section] header, which turns later keys into unknown options",
    }
}

impl FileRule for SectionInRserverConf {
    fn check(&self, file: &ConfigFile, out: &mut Sink) {
        if file.kind != ConfigKind::Rserver {
            return;
        }
        for (idx, section) in file.parsed.sections.iter().enumerate() {
            let affected = file
                .parsed
                .entries
                .iter()
                .filter(|e| e.section == Some(idx))
                .count();
            out.report(
                Subject::At(file.at(section.pos)),
                SectionHeader {
                    name: &section.name,
                    affected,
                },
            );
        }
    }
}

/// A `[section]` header in rserver.conf.
struct SectionHeader<'a> {
    name: &'a str,
    /// How many settings follow it (and so are misread).
    affected: usize,
}

impl Violation for SectionHeader<'_> {
    type Level = Level;
    fn level(&self) -> Level {
        Level::Error
    }
    fn message(&self) -> String {
        format!(
            "rserver.conf has a `[{}]` header: the {} after it become `{}.<key>`, which rserver does not know.",
            self.name, crate::base::count(self.affected, "setting"), self.name
        )
    }
    fn help(&self) -> String {
        format!(
            "Delete the `[{}]` line (rserver.conf has no sections).",
            self.name
        )
    }
}
