//! Configuration files: the boost-compatible parser and the resolved view of one file's settings.

pub mod values;

use crate::base::{Location, SettingRef};
use crate::catalog::{self, ConfigKind, Scope};
use crate::input::config_lines::{self as parse, Entry, ParsedConfig};
use crate::input::Encoding;

/// A parsed configuration input.
#[derive(Clone, Debug)]
pub struct ConfigFile {
    pub name: String,
    pub kind: ConfigKind,
    pub encoding: Encoding,
    pub parsed: ParsedConfig,
}

impl ConfigFile {
    pub fn at(&self, pos: parse::Pos) -> Location {
        Location::line(&self.name, pos.line, pos.column)
    }

    pub fn entry_location(&self, e: &Entry) -> Location {
        self.at(e.key_pos)
    }

    /// The section an entry is in, by name.
    pub fn section_of(&self, e: &Entry) -> Option<&str> {
        self.parsed.section_name(e.section)
    }

    /// The scope of the catalog that applies to an entry of this file.
    pub fn scope_of(&self, e: &Entry) -> Scope {
        match (self.kind, self.section_of(e)) {
            (ConfigKind::Launcher, Some("cluster")) => Scope::Cluster,
            (ConfigKind::Launcher, _) => Scope::Server,
            _ => Scope::Any,
        }
    }

    /// The resolved settings of the whole file (rserver.conf and other files without sections).
    pub fn settings(&self) -> Settings<'_> {
        Settings {
            file: self,
            entries: self.parsed.entries.iter().collect(),
            scope: Scope::Any,
        }
    }
}

/// A setting in effect: the explicit value (with its place) or the documented default.
#[derive(Clone, Debug)]
pub struct Setting<'a> {
    pub key: &'a str,
    pub value: String,
    /// The entry that sets it; `None` when the value is the default.
    pub entry: Option<&'a Entry>,
    pub file: &'a str,
}

impl<'a> Setting<'a> {
    pub fn is_default(&self) -> bool {
        self.entry.is_none()
    }

    pub fn location(&self) -> Location {
        match self.entry {
            Some(e) => Location::line(self.file, e.key_pos.line, e.key_pos.column),
            None => Location::file(self.file),
        }
    }

    pub fn to_ref(&self) -> SettingRef {
        SettingRef {
            file: self.file.to_string(),
            line: self.entry.map(|e| e.key_pos.line),
            key: self.key.to_string(),
            value: self.value.clone(),
            default: self.is_default(),
        }
    }

    /// `key=value (file:line)` or `key=value (default)`, for messages.
    pub fn describe(&self) -> String {
        match self.entry {
            Some(e) => format!(
                "`{}={}` ({}:{})",
                self.key, self.value, self.file, e.key_pos.line
            ),
            None if self.value.is_empty() => format!("`{}` (not set)", self.key),
            None => format!("`{}={}` (default)", self.key, self.value),
        }
    }
}

/// The settings of one scope of one file: all of rserver.conf, launcher.conf's `[server]`, one `[cluster]`.
#[derive(Clone, Debug)]
pub struct Settings<'a> {
    pub file: &'a ConfigFile,
    pub entries: Vec<&'a Entry>,
    pub scope: Scope,
}

impl<'a> Settings<'a> {
    /// The entry that sets `key`. With duplicates the last one is used for the model; `duplicate-option`
    /// reports the conflict (rserver itself refuses to start).
    pub fn explicit(&self, key: &str) -> Option<&'a Entry> {
        self.entries.iter().rev().find(|e| e.key == key).copied()
    }

    /// Whether `key` is set to a non-empty value.
    pub fn is_set(&self, key: &str) -> bool {
        self.explicit(key).is_some_and(|e| !e.value.is_empty())
    }

    /// The effective setting: explicit, else the catalog default (`""` when there is none).
    pub fn get(&self, key: &'static str) -> Setting<'a> {
        match self.explicit(key) {
            Some(e) => Setting {
                key,
                value: e.value.clone(),
                entry: Some(e),
                file: &self.file.name,
            },
            None => {
                let default = catalog::lookup(self.file.kind, key)
                    .map(|o| o.default)
                    .unwrap_or("");
                Setting {
                    key,
                    value: default.to_string(),
                    entry: None,
                    file: &self.file.name,
                }
            }
        }
    }

    /// A boolean setting in effect. An invalid value counts as the default (`invalid-value` reports it).
    pub fn flag(&self, key: &'static str) -> bool {
        let default = || {
            catalog::lookup(self.file.kind, key)
                .and_then(|o| catalog::parse_bool(o.default))
                .unwrap_or(false)
        };
        match self.explicit(key) {
            Some(e) => catalog::parse_bool(&e.value).unwrap_or_else(default),
            None => default(),
        }
    }

    /// A non-empty explicit value.
    pub fn value(&self, key: &str) -> Option<&'a str> {
        self.explicit(key)
            .map(|e| e.value.as_str())
            .filter(|v| !v.is_empty())
    }
}
