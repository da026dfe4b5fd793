#![no_main]
//! The whole check over several inputs: the data is split into named files at 0xFF 0xFE markers.
use libfuzzer_sys::fuzz_target;

const NAMES: [&str; 6] = ["rserver.conf", "launcher.conf", "workbench.crt", "workbench.key", "launcher.pem", "ls.txt"];

fuzz_target!(|data: &[u8]| {
    let mut inputs = Vec::new();
    for (i, part) in data.split(|b| *b == 0xFF).enumerate().take(NAMES.len()) {
        inputs.push(wb_ssl_check::Input::new(NAMES[i], part));
    }
    let options = wb_ssl_check::CheckOptions { now_unix: Some(1_798_761_600), hostname: Some("wb.example.org".into()), ..Default::default() };
    let report = wb_ssl_check::check(&inputs, &options);
    assert_eq!(report.inputs.len(), inputs.len());
    let _ = wb_ssl_check::render::markdown(&report);
    // The fixes, applied and previewed: never a panic, whatever the files hold.
    let configs = wb_ssl_check::fix::editable_configs(&inputs, &report);
    let _ = wb_ssl_check::fix::apply_fixes(&report.findings, &configs, true);
    for f in report.findings.iter().filter_map(|f| f.fix.as_ref()) {
        for (name, text) in &configs {
            let _ = wb_ssl_check::fix::preview(name, text, f);
        }
    }
});
