#![no_main]
//! Private and public key parsing for every label, and the public-key comparison. Run with the native
//! shell's answers, so that a key without its public half also goes through its derivation.
use libfuzzer_sys::fuzz_target;
use wb_ssl_check::pki::answer_native::answered;
use wb_ssl_check::pki::key;
use wb_ssl_check::pki::signatures::KeyPlace;

fuzz_target!(|data: &[u8]| {
    let place = KeyPlace { input: "fuzz.key".into(), block: 1 };
    answered(|| {
        for label in ["PRIVATE KEY", "RSA PRIVATE KEY", "EC PRIVATE KEY", "ENCRYPTED PRIVATE KEY", "PUBLIC KEY", "RSA PUBLIC KEY"] {
            let _ = key::parse_key(label, data, false, &place);
        }
        if let Some(pk) = key::parse_der_private_key(data, &place) {
            let _ = pk.same_key(&pk);
            let _ = pk.describe();
        }
    });
    let _ = key::from_spki(data);
});
