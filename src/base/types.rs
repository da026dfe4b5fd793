//! What a finding or a summary is about and how serious it is: the vocabulary of every layer, from
//! parsing to the renderers.

use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    // Declared most severe first so that sorting puts errors first.
    Error,
    Warning,
    Info,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        }
    }
}

/// The HTTP(S) channel a finding or summary is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Channel {
    /// Browser ⇄ Workbench.
    #[serde(rename = "a")]
    A,
    /// Workbench ⇄ Job Launcher.
    #[serde(rename = "b")]
    B,
    /// Session → Workbench callback.
    #[serde(rename = "c")]
    C,
    /// Node ⇄ node in a load-balanced cluster: rserver on one node proxying to the node that runs a
    /// session.
    #[serde(rename = "d")]
    D,
    /// No channel, or several.
    #[serde(rename = "-")]
    None,
}

impl Channel {
    pub fn as_str(self) -> &'static str {
        match self {
            Channel::A => "a",
            Channel::B => "b",
            Channel::C => "c",
            Channel::D => "d",
            Channel::None => "-",
        }
    }

    /// Channel ids for a sentence: `a`, `a and c`, `a, b or d` (`conjunction` is "and" or "or").
    pub fn list(channels: &[Channel], conjunction: &str) -> String {
        let ids: Vec<&str> = channels.iter().map(|c| c.as_str()).collect();
        match ids.split_last() {
            Some((last, rest)) if !rest.is_empty() => {
                format!("{} {conjunction} {last}", rest.join(", "))
            }
            _ => ids.join(""),
        }
    }

    /// What the channel is, in two sentences, for people who have not checked anything yet.
    pub fn about(self) -> &'static str {
        match self {
            Channel::A => "Browsers open Workbench at its address. rserver serves HTTPS itself with its certificate and key, or plain HTTP behind a TLS proxy.",
            Channel::B => "rserver starts sessions and jobs through the Job Launcher at launcher-address:launcher-port. Both sides must agree on the address, the port and whether TLS is used.",
            Channel::C => "Sessions, maybe on Kubernetes pods or Slurm nodes, call back to Workbench at launcher-sessions-callback-address. It must be reachable from there and match Workbench's scheme, port and certificate.",
            Channel::D => "In a load-balanced cluster, rserver on one node forwards a user to the node that runs their session, at that node's www-host-name and Workbench's port. Over HTTPS when SSL is on, and each node checks the other's certificate.",
            Channel::None => "Syntax of every file, and the certificates and keys themselves.",
        }
    }

    /// The settings that must agree on this channel.
    pub fn settings(self) -> &'static [&'static str] {
        match self {
            Channel::A => &[
                "ssl-enabled",
                "ssl-certificate",
                "ssl-certificate-key",
                "www-port",
            ],
            Channel::B => &[
                "launcher-address",
                "launcher-port",
                "launcher-use-ssl",
                "address",
                "port",
                "enable-ssl",
            ],
            Channel::C => &[
                "launcher-sessions-callback-address",
                "ssl-enabled",
                "www-port",
                "session-ssl-enabled",
            ],
            Channel::D => &[
                "www-host-name",
                "ssl-enabled",
                "www-port",
                "verify-ssl-certs",
                "resolve-load-balancer-nodes",
            ],
            Channel::None => &[],
        }
    }

    /// The files needed to check this channel.
    pub fn needs(self) -> &'static [&'static str] {
        match self {
            Channel::A => &["rserver.conf", "the certificate and key it names"],
            Channel::B => &[
                "rserver.conf",
                "launcher.conf",
                "the Launcher's certificate and key, when it uses TLS",
            ],
            Channel::C => &[
                "rserver.conf",
                "launcher.conf (which clusters run sessions)",
                "Workbench's certificate",
            ],
            Channel::D => &[
                "each node's folder: rserver.conf, load-balancer, database.conf",
                "each node's certificate",
            ],
            Channel::None => &[],
        }
    }

    pub fn title(self) -> &'static str {
        match self {
            Channel::A => "Browser ⇄ Workbench",
            Channel::B => "Workbench ⇄ Job Launcher",
            Channel::C => "Session → Workbench (callback)",
            Channel::D => "Node ⇄ node (load-balanced cluster)",
            Channel::None => "Files, certificates and syntax",
        }
    }
}

/// A place in an input: a config line, or a PEM block.
#[derive(Clone, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Location {
    pub file: String,
    pub line: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub column: Option<u32>,
    pub block: Option<u32>,
}

impl Location {
    pub fn file(file: &str) -> Location {
        Location {
            file: file.to_string(),
            ..Location::default()
        }
    }

    pub fn line(file: &str, line: u32, column: u32) -> Location {
        Location {
            file: file.to_string(),
            line: Some(line),
            column: Some(column),
            block: None,
        }
    }

    /// `file:line` (or just `file`), as editors and terminals link it.
    pub fn display(&self) -> String {
        match (self.line, self.block) {
            (Some(l), _) => format!("{}:{}", self.file, l),
            // A DER or PKCS#12 file: its certificates, in order (the first needs no words).
            (None, Some(1)) => self.file.clone(),
            (None, Some(b)) => format!(
                "{} (its {} certificate)",
                self.file,
                super::words::ordinal(b)
            ),
            (None, None) => self.file.clone(),
        }
    }
}

/// A setting as the channel summary shows it: where it is and what it is in effect.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SettingRef {
    pub file: String,
    pub line: Option<u32>,
    pub key: String,
    pub value: String,
    /// True when the value is the documented default (the key is not in the file).
    pub default: bool,
}

/// Who prints a message of the symptom catalog (`Symptom::printed_by`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum PrintedBy {
    Browser,
    Rserver,
    Launcher,
    Session,
    Curl,
    Openssl,
    Kubernetes,
    Other,
}

impl PrintedBy {
    pub const ALL: [PrintedBy; 8] = [
        PrintedBy::Browser,
        PrintedBy::Rserver,
        PrintedBy::Launcher,
        PrintedBy::Session,
        PrintedBy::Curl,
        PrintedBy::Openssl,
        PrintedBy::Kubernetes,
        PrintedBy::Other,
    ];

    pub fn id(self) -> &'static str {
        match self {
            PrintedBy::Browser => "browser",
            PrintedBy::Rserver => "rserver",
            PrintedBy::Launcher => "launcher",
            PrintedBy::Session => "session",
            PrintedBy::Curl => "curl",
            PrintedBy::Openssl => "openssl",
            PrintedBy::Kubernetes => "kubernetes",
            PrintedBy::Other => "other",
        }
    }

    pub fn from_id(id: &str) -> Option<PrintedBy> {
        PrintedBy::ALL.into_iter().find(|p| p.id() == id)
    }

    /// Who it is, for people.
    pub fn words(self) -> &'static str {
        match self {
            PrintedBy::Browser => "a browser",
            PrintedBy::Rserver => "rserver (Workbench)",
            PrintedBy::Launcher => "the Job Launcher or a plugin",
            PrintedBy::Session => "an R or Python session",
            PrintedBy::Curl => "curl or libcurl (R's curl, httr, download.file)",
            PrintedBy::Openssl => "OpenSSL, in whatever program uses it",
            PrintedBy::Kubernetes => "Kubernetes tooling (Go)",
            PrintedBy::Other => "another program",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Channel;

    #[test]
    fn channel_lists_read_as_sentences() {
        assert_eq!(Channel::list(&[], "or"), "");
        assert_eq!(Channel::list(&[Channel::B], "or"), "b");
        assert_eq!(Channel::list(&[Channel::A, Channel::C], "and"), "a and c");
        let all = [Channel::A, Channel::B, Channel::C, Channel::D];
        assert_eq!(Channel::list(&all, "or"), "a, b, c or d");
    }
}
