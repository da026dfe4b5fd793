//! Section 3 of the rule catalog: channel b, Workbench ⇄ Job Launcher (rserver.conf + launcher.conf).

pub mod admin_group_mismatch;
pub mod kubernetes_api_not_https;
pub mod kubernetes_ca_invalid;
pub mod launcher_address_has_scheme;
pub mod launcher_address_mismatch;
pub mod launcher_address_missing;
pub mod launcher_cert_hostname_mismatch;
pub mod launcher_cert_same_as_server;
pub mod launcher_keypair_mismatch;
pub mod launcher_pem_used_as_cert;
pub mod launcher_port_mismatch;
pub mod launcher_ssl_cert_missing;
pub mod launcher_ssl_mismatch;
pub mod launcher_ssl_on_socket;
pub mod launcher_verify_disabled;
pub mod secure_cookie_key_mismatch;
