#![no_main]
//! Private and public key parsing for every label, and the public-key comparison.
use libfuzzer_sys::fuzz_target;
use wb_ssl_check::pki::key;

fuzz_target!(|data: &[u8]| {
    for label in ["PRIVATE KEY", "RSA PRIVATE KEY", "EC PRIVATE KEY", "ENCRYPTED PRIVATE KEY", "PUBLIC KEY", "RSA PUBLIC KEY"] {
        let _ = key::parse_key(label, data, false);
    }
    if let Some(pk) = key::parse_der_private_key(data) {
        let _ = pk.same_key(&pk);
        let _ = pk.describe();
    }
    let _ = key::from_spki(data);
});
