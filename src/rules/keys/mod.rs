//! Section 6 of the rule catalog: private keys.

pub mod cert_key_mismatch;
pub mod key_encrypted;
pub mod key_in_cert_file;
pub mod key_unparsable;
