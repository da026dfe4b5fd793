//! The rule fixtures' cases as inputs and options: tests/fixtures/rules/<rule>/<case>/ with its
//! files, `shared.txt` (files from tests/fixtures/pki) and `options.txt` (see tests/rule_fixtures.rs).

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use wb_ssl_check::{CheckOptions, Input};

pub fn fixtures_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/rules")
}

/// 2027-01-01T00:00:00Z: inside the validity of every generated certificate.
pub const DEFAULT_NOW: i64 = 1_798_761_600;

pub const CASE_FILES: [&str; 3] = ["expected.txt", "shared.txt", "options.txt"];

pub fn options() -> CheckOptions {
    CheckOptions {
        now_unix: Some(DEFAULT_NOW),
        ..Default::default()
    }
}

pub fn case_options(dir: &Path) -> CheckOptions {
    let mut o = options();
    let Ok(text) = std::fs::read_to_string(dir.join("options.txt")) else {
        return o;
    };
    for line in text.lines().filter(|l| !l.trim().is_empty()) {
        let (key, value) = line
            .split_once('=')
            .unwrap_or_else(|| panic!("{}: bad options line {line:?}", dir.display()));
        match key {
            "now" => o.now_unix = Some(wb_ssl_check::parse_time(value).expect("RFC 3339 time")),
            "hostname" => o.hostname = Some(value.to_string()),
            // The anchors browsers trust, as the page and the CLI load them (the widget does not).
            "public-roots" => {
                assert_eq!(value, "mozilla", "public-roots=mozilla");
                o.public_roots = webpki_roots::TLS_SERVER_ROOTS
                    .iter()
                    .map(|a| wb_ssl_check::pki::trust::AnchorDer {
                        subject: a.subject.as_ref().to_vec(),
                        spki: a.subject_public_key_info.as_ref().to_vec(),
                        name_constraints: a.name_constraints.as_ref().map(|n| n.as_ref().to_vec()),
                    })
                    .collect();
            }
            "role" => {
                let (name, role) = value.split_once(' ').expect("role=<name> <role>");
                o.roles.push((
                    name.to_string(),
                    wb_ssl_check::pki::Role::from_id(role).expect("known role"),
                ));
            }
            // What the CLI would have found on the server: `server-file=<path>` (missing) or
            // `server-file=<path> <mode> <owner> <group>`.
            "server-file" => {
                let f: Vec<&str> = value.split(' ').collect();
                let meta = (f.len() == 4).then(|| wb_ssl_check::listing::FileMeta {
                    path: f[0].to_string(),
                    mode: u32::from_str_radix(f[1], 8).expect("octal mode"),
                    owner: f[2].to_string(),
                    group: f[3].to_string(),
                });
                o.server_files.get_or_insert_with(Vec::new).push(
                    wb_ssl_check::listing::ServerFile {
                        path: f[0].to_string(),
                        meta,
                    },
                );
            }
            other => panic!("{}: unknown option {other}", dir.display()),
        }
    }
    o
}

pub fn load_case(dir: &Path) -> Vec<Input> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    // A subfolder is one node's or one server's folder: its files are named `node1/rserver.conf`.
    let mut named: Vec<(String, PathBuf)> = Vec::new();
    for p in files {
        let name = p.file_name().unwrap().to_string_lossy().to_string();
        if p.is_dir() {
            let mut inner: Vec<PathBuf> = std::fs::read_dir(&p)
                .unwrap()
                .map(|e| e.unwrap().path())
                .collect();
            inner.sort();
            named.extend(inner.into_iter().map(|f| {
                (
                    format!("{name}/{}", f.file_name().unwrap().to_string_lossy()),
                    f,
                )
            }));
        } else if !CASE_FILES.contains(&name.as_str()) {
            named.push((name, p));
        }
    }
    let mut inputs: Vec<Input> = named
        .into_iter()
        .map(|(name, p)| Input::new(name, std::fs::read(&p).unwrap()))
        .collect();
    if let Ok(shared) = std::fs::read_to_string(dir.join("shared.txt")) {
        let pki = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/pki");
        for line in shared.lines().map(str::trim).filter(|l| !l.is_empty()) {
            let (file, name) = line.split_once(" as ").unwrap_or((line, line));
            let bytes = std::fs::read(pki.join(file))
                .unwrap_or_else(|e| panic!("{}: {file}: {e}", dir.display()));
            inputs.push(Input::new(name, bytes));
        }
    }
    inputs
}
