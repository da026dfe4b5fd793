//! On a Workbench server, the CLI reads the certificate and key files the configs name and the real
//! ownership and modes of every file it checks.

use crate::input::{base_name, Input};
use crate::listing::{FileMeta, ServerFile};
use std::collections::HashMap;
use std::path::Path;

/// `uid → name` from a passwd-format file (or gid → name from a group file). Read directly: a libc
/// binding for getpwuid would be the only unsafe code in the project, for two small text files.
fn names(path: &str) -> HashMap<u32, String> {
    std::fs::read_to_string(path)
        .unwrap_or_default()
        .lines()
        .filter_map(|l| {
            let f: Vec<&str> = l.split(':').collect();
            Some((f.get(2)?.parse().ok()?, f.first()?.to_string()))
        })
        .collect()
}

#[cfg(unix)]
fn meta_of(
    path: &str,
    users: &HashMap<u32, String>,
    groups: &HashMap<u32, String>,
) -> Option<FileMeta> {
    use std::os::unix::fs::MetadataExt;
    let m = std::fs::metadata(path).ok()?;
    Some(FileMeta {
        path: path.to_string(),
        mode: m.mode() & 0o7777,
        owner: users
            .get(&m.uid())
            .cloned()
            .unwrap_or_else(|| m.uid().to_string()),
        group: groups
            .get(&m.gid())
            .cloned()
            .unwrap_or_else(|| m.gid().to_string()),
    })
}

#[cfg(not(unix))]
fn meta_of(_: &str, _: &HashMap<u32, String>, _: &HashMap<u32, String>) -> Option<FileMeta> {
    None
}

/// Reads the files the configs name (adding them to the inputs) and collects real metadata.
///
/// The checker is taken to run on the Workbench server when at least one named absolute path exists
/// here, or when a config was read from `/etc/rstudio`. Then a named file that is missing is reported as
/// missing (an error); elsewhere (configs copied to a laptop) it is only "not provided".
pub fn follow_referenced_files(inputs: &mut Vec<Input>) -> Option<Vec<ServerFile>> {
    let referenced: Vec<String> = crate::referenced_paths(inputs)
        .into_iter()
        .filter(|p| p.starts_with('/'))
        .collect();
    let from_etc = inputs
        .iter()
        .any(|i| std::fs::canonicalize(&i.name).is_ok_and(|p| p.starts_with("/etc/rstudio")));
    let any_exists = referenced.iter().any(|p| Path::new(p).exists());
    if !from_etc && !any_exists {
        return None;
    }
    let (users, groups) = (names("/etc/passwd"), names("/etc/group"));
    let mut files = Vec::new();
    for path in &referenced {
        let already = inputs
            .iter()
            .any(|i| i.name == *path || base_name(&i.name) == base_name(path));
        if !already && Path::new(path).is_file() {
            match super::read_capped(Path::new(path)) {
                Ok(bytes) => inputs.push(Input::new(path.clone(), bytes)),
                Err(e) => inputs.push(Input::unreadable(path.clone(), e.to_string())),
            }
        }
        files.push(ServerFile {
            path: path.clone(),
            meta: meta_of(path, &users, &groups),
        });
    }
    for input in inputs.iter().filter(|i| !referenced.contains(&i.name)) {
        if let Some(meta) = meta_of(&input.name, &users, &groups) {
            files.push(ServerFile {
                path: input.name.clone(),
                meta: Some(meta),
            });
        }
    }
    Some(files)
}
