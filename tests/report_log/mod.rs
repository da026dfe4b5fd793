//! The core's `check`, recording every report it returns when `WB_REPORT_LOG` names a file: one line per
//! report, `<input names> <digest of inputs and options>\t<the report as JSON>`. `scripts/report-diff`
//! runs the native tests twice (two commits) and compares the sorted logs, so a refactor of the core
//! can show that every fixture, the real corpus, the conformance and differential inputs and the
//! examples give the same reports as before. Without the variable it is `check` and nothing more.

#![allow(dead_code)]

use std::hash::{DefaultHasher, Hash, Hasher};
use std::io::Write;
use std::sync::Mutex;
use wb_ssl_check::{CheckOptions, Input, Report};

static LOG: Mutex<()> = Mutex::new(());

pub fn check(inputs: &[Input], options: &CheckOptions) -> Report {
    let report = wb_ssl_check::check(inputs, options);
    if let Some(path) = std::env::var_os("WB_REPORT_LOG") {
        let mut h = DefaultHasher::new();
        for i in inputs {
            i.name.hash(&mut h);
            i.bytes.hash(&mut h);
        }
        format!(
            "{:?} {:?} {:?} {} {} {} {}",
            options.now_unix,
            options.hostname,
            options.roles,
            options.public_roots.len(),
            options.system_roots.len(),
            options.observations.len(),
            options.server_files.as_ref().map_or(0, |s| s.len())
        )
        .hash(&mut h);
        let names: Vec<&str> = inputs.iter().map(|i| i.name.as_str()).collect();
        let line = format!(
            "{} {:016x}\t{}\n",
            names.join(","),
            h.finish(),
            serde_json::to_string(&report).expect("a report serialises")
        );
        let _guard = LOG.lock().unwrap_or_else(|e| e.into_inner());
        std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(path)
            .and_then(|mut f| f.write_all(line.as_bytes()))
            .expect("WB_REPORT_LOG is writable");
    }
    report
}
