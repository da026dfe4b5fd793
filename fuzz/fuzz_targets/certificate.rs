#![no_main]
//! PEM reading, DER certificate parsing, chain building with signature verification.
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = wb_ssl_check::pki::cert::parse_certificate(data);
    let text = String::from_utf8_lossy(data);
    let _ = wb_ssl_check::input::pem::read_blocks(&text, 64);
    for name in ["server.pem", "server.der"] {
        let _ = wb_ssl_check::check(&[wb_ssl_check::Input::new(name, data)], &Default::default());
    }
});
