//! Section 2 of the rule catalog: channel a, browser ⇄ Workbench (rserver.conf).

pub mod browser_trust_needed;
pub mod deprecated_tls_protocol;
pub mod plaintext_http;
pub mod same_site_none_without_ssl;
pub mod ssl_cert_missing;
pub mod ssl_settings_ignored;
