//! Section 4 of the rule catalog: channel c, session → Workbench through
//! `launcher-sessions-callback-address`.

pub mod callback_address_missing;
pub mod callback_address_no_scheme;
pub mod callback_cert_hostname_mismatch;
pub mod callback_localhost_remote_sessions;
pub mod callback_port_mismatch;
pub mod callback_scheme_mismatch;
pub mod callback_trust_needed;
pub mod callback_verify_disabled;
pub mod callback_wildcard_host;
pub mod session_ssl_disabled;
