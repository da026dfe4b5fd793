//! File ownership and permissions: from a pasted `ls -l` or `stat` listing (the page), or from the
//! server itself (the CLI reads real metadata and passes it in [`crate::CheckOptions::server_files`]).

use serde::{Deserialize, Serialize};

/// Owner, group and permission bits of one file.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FileMeta {
    /// The name or path as listed.
    pub path: String,
    /// Permission bits, e.g. 0o600.
    pub mode: u32,
    pub owner: String,
    pub group: String,
}

impl FileMeta {
    pub fn mode_text(&self) -> String {
        format!("{:03o}", self.mode & 0o777)
    }
    pub fn others_read(&self) -> bool {
        self.mode & 0o004 != 0
    }
    pub fn group_read(&self) -> bool {
        self.mode & 0o040 != 0
    }
    pub fn owner_read(&self) -> bool {
        self.mode & 0o400 != 0
    }
    /// Whether `user` (whose primary group is `group`) can read the file.
    pub fn readable_by(&self, user: &str, group: &str) -> bool {
        user == "root"
            || (self.owner == user && self.owner_read())
            || (self.group == group && self.group_read())
            || self.others_read()
    }
}

/// What the CLI found on the server for a path a config names.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ServerFile {
    pub path: String,
    /// `None` when the path does not exist (or cannot be examined).
    pub meta: Option<FileMeta>,
}

fn parse_mode(perms: &str) -> Option<u32> {
    let chars: Vec<char> = perms.chars().collect();
    if chars.len() < 10 {
        return None;
    }
    let mut mode = 0;
    for (i, c) in chars[1..10].iter().enumerate() {
        let bit = 1 << (8 - i);
        match (i % 3, c) {
            (_, '-') => {}
            (0, 'r') | (1, 'w') | (2, 'x' | 's' | 't') => mode |= bit,
            (2, 'S' | 'T') => {}
            _ => return None,
        }
    }
    Some(mode)
}

/// Parses `ls -l` lines (`-rw------- 1 root root 1704 Jan  1 10:00 /etc/rstudio/launcher.pem`) and
/// `stat` blocks (`File: ...` then `Access: (0600/-rw-------)  Uid: (0/ root)  Gid: (0/ root)`).
/// Lines that are neither are ignored.
pub fn parse(text: &str) -> Vec<FileMeta> {
    let mut out = Vec::new();
    let mut stat_path: Option<String> = None;
    for line in text.lines() {
        let t = line.trim();
        if let Some(path) = t.strip_prefix("File:") {
            stat_path = Some(
                path.trim()
                    .trim_matches(|c| c == '\'' || c == '"' || c == '‘' || c == '’')
                    .to_string(),
            );
            continue;
        }
        if let (Some(access), Some(path)) = (t.strip_prefix("Access: ("), stat_path.as_ref()) {
            let perms = access.split(['/', ')']).nth(1).unwrap_or("");
            let field = |name: &str| {
                t.split(name)
                    .nth(1)
                    .and_then(|r| r.split(')').next())
                    .and_then(|r| r.split('/').nth(1))
                    .map(|s| s.trim().to_string())
            };
            if let (Some(mode), Some(owner), Some(group)) =
                (parse_mode(perms), field("Uid: ("), field("Gid: ("))
            {
                out.push(FileMeta {
                    path: path.clone(),
                    mode,
                    owner,
                    group,
                });
            }
            stat_path = None;
            continue;
        }
        let fields: Vec<&str> = t.split_whitespace().collect();
        if fields.len() < 9 || !fields[0].starts_with(['-', 'l']) {
            continue;
        }
        let Some(mode) = parse_mode(fields[0]) else {
            continue;
        };
        // The name is everything after the time column (it may hold spaces); drop a symlink's target.
        let name = fields[8..].join(" ");
        let name = name.split(" -> ").next().unwrap_or(&name).to_string();
        out.push(FileMeta {
            path: name,
            mode,
            owner: fields[2].to_string(),
            group: fields[3].to_string(),
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_ls_and_stat() {
        let text = "total 12\n-rw-r----- 1 root rstudio-server 1704 Jan  1 10:00 /etc/rstudio/launcher.pem\n-r-------- 1 rstudio-server rstudio-server 1 Nov 26 2026 my key.pem\nlrwxrwxrwx 1 root root 9 Jan 1 10:00 x.crt -> /y/x.crt\n  File: /etc/rstudio/ssl/wb.key\n  Size: 1704  Blocks: 8\nAccess: (0644/-rw-r--r--)  Uid: (    0/    root)   Gid: (    0/    root)\n";
        let m = parse(text);
        assert_eq!(m.len(), 4);
        assert_eq!(
            (m[0].path.as_str(), m[0].mode, m[0].group.as_str()),
            ("/etc/rstudio/launcher.pem", 0o640, "rstudio-server")
        );
        assert_eq!((m[1].path.as_str(), m[1].mode), ("my key.pem", 0o400));
        assert_eq!(m[2].path, "x.crt");
        assert_eq!(
            (m[3].path.as_str(), m[3].mode, m[3].owner.as_str()),
            ("/etc/rstudio/ssl/wb.key", 0o644, "root")
        );
        assert!(m[3].others_read() && m[0].group_read() && !m[0].others_read());
        assert!(
            m[0].readable_by("rstudio-server", "rstudio-server")
                && !m[1].readable_by("nobody", "nogroup")
        );
    }
}
