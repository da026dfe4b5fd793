#![no_main]
//! Input classification by content and name (the name is the first line of the data).
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let split = data.iter().position(|b| *b == b'\n').unwrap_or(0);
    let name = String::from_utf8_lossy(&data[..split]).into_owned();
    let input = wb_ssl_check::Input::new(name, &data[split..]);
    let classified = wb_ssl_check::input::classify(&input);
    let _ = wb_ssl_check::input::kind_from_name(&classified.name);
});
