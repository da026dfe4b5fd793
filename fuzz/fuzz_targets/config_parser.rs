#![no_main]
//! The boost-compatible config parser, then the whole check on the text as rserver.conf and launcher.conf.
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let (text, _) = wb_ssl_check::input::decode(data);
    let parsed = wb_ssl_check::input::config_lines::parse(&text);
    assert!(parsed.line_count as usize <= text.len() + 1);
    for name in ["rserver.conf", "launcher.conf"] {
        let _ = wb_ssl_check::check(&[wb_ssl_check::Input::new(name, data)], &Default::default());
    }
});
