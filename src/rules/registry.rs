//! Every rule, in catalog order: the whole catalog on one screen. A rule is its file under
//! `src/rules/<group>/`; adding one means one line here.

macro_rules! registry {
    ($($kind:ident $path:path),* $(,)?) => {
        /// Every rule, in catalog order.
        pub static REGISTRY: &[Registered] = &[
            $(Registered { meta: &<$path>::META, imp: RuleImpl::$kind(&$path) }),*
        ];
    };
}

use super::certificates::*;
use super::channel_a::*;
use super::channel_b::*;
use super::channel_c::*;
use super::cluster::*;
use super::files::*;
use super::keys::*;
use super::kubernetes::*;
use super::served::*;
use super::syntax::*;
use super::{Registered, RuleImpl, RuleMeta};

registry! {
    // 1. Inputs, syntax and options
    Input file_unrecognized::FileUnrecognized,
    Input input_too_large::InputTooLarge,
    Input input_unreadable::InputUnreadable,
    Model limit_exceeded::LimitExceeded,
    Input unsupported_encoding::UnsupportedEncoding,
    File unparsable_line::UnparsableLine,
    File unknown_option::UnknownOption,
    Model option_in_wrong_file::OptionInWrongFile,
    File duplicate_option::DuplicateOption,
    File invalid_value::InvalidValue,
    File empty_value::EmptyValue,
    File quoted_value::QuotedValue,
    File value_truncated_by_comment::ValueTruncatedByComment,
    File unexpanded_variable::UnexpandedVariable,
    File placeholder_value::PlaceholderValue,
    File section_in_rserver_conf::SectionInRserverConf,
    File option_outside_section::OptionOutsideSection,
    File missing_section::MissingSection,
    File cluster_incomplete::ClusterIncomplete,
    File unknown_cluster_type::UnknownClusterType,
    Deployment unknown_cluster_reference::UnknownClusterReference,
    // 2. Channel a: browser ⇄ Workbench
    Deployment ssl_cert_missing::SslCertMissing,
    Deployment ssl_settings_ignored::SslSettingsIgnored,
    Deployment plaintext_http::PlaintextHttp,
    Deployment deprecated_tls_protocol::DeprecatedTlsProtocol,
    Deployment browser_trust_needed::BrowserTrustNeeded,
    Deployment same_site_none_without_ssl::SameSiteNoneWithoutSsl,
    // 3. Channel b: Workbench ⇄ Launcher
    Deployment launcher_address_missing::LauncherAddressMissing,
    Deployment launcher_address_has_scheme::LauncherAddressHasScheme,
    Deployment launcher_port_mismatch::LauncherPortMismatch,
    Deployment launcher_ssl_mismatch::LauncherSslMismatch,
    Deployment launcher_address_mismatch::LauncherAddressMismatch,
    Deployment launcher_ssl_on_socket::LauncherSslOnSocket,
    Deployment launcher_ssl_cert_missing::LauncherSslCertMissing,
    Deployment launcher_verify_disabled::LauncherVerifyDisabled,
    Deployment launcher_cert_hostname_mismatch::LauncherCertHostnameMismatch,
    Deployment launcher_cert_same_as_server::LauncherCertSameAsServer,
    Deployment launcher_pem_used_as_cert::LauncherPemUsedAsCert,
    Model launcher_keypair_mismatch::LauncherKeypairMismatch,
    Deployment admin_group_mismatch::AdminGroupMismatch,
    Deployment secure_cookie_key_mismatch::SecureCookieKeyMismatch,
    File kubernetes_api_not_https::KubernetesApiNotHttps,
    Deployment kubernetes_ca_invalid::KubernetesCaInvalid,
    // 4. Channel c: session → Workbench callback
    Deployment callback_address_missing::CallbackAddressMissing,
    Deployment callback_address_no_scheme::CallbackAddressNoScheme,
    Deployment callback_scheme_mismatch::CallbackSchemeMismatch,
    Deployment callback_port_mismatch::CallbackPortMismatch,
    Deployment callback_localhost_remote_sessions::CallbackLocalhostRemoteSessions,
    Deployment callback_wildcard_host::CallbackWildcardHost,
    Deployment callback_cert_hostname_mismatch::CallbackCertHostnameMismatch,
    Deployment callback_verify_disabled::CallbackVerifyDisabled,
    Deployment callback_trust_needed::CallbackTrustNeeded,
    Deployment session_ssl_disabled::SessionSslDisabled,
    // 5. Certificates
    Model cert_unparsable::CertUnparsable,
    Model not_pem::NotPem,
    Model wrong_pem_type::WrongPemType,
    Model cert_expired::CertExpired,
    Model cert_not_yet_valid::CertNotYetValid,
    Model cert_expires_soon::CertExpiresSoon,
    Deployment cert_hostname_mismatch::CertHostnameMismatch,
    Model cert_cn_only::CertCnOnly,
    Model cert_self_signed::CertSelfSigned,
    Model chain_order::ChainOrder,
    Model chain_incomplete::ChainIncomplete,
    Model chain_signature_invalid::ChainSignatureInvalid,
    Model chain_extra_cert::ChainExtraCert,
    Model cert_weak_key::CertWeakKey,
    Model cert_weak_signature::CertWeakSignature,
    Model cert_not_server_auth::CertNotServerAuth,
    Model cert_is_ca::CertIsCa,
    Model chain_issuer_not_ca::ChainIssuerNotCa,
    Model chain_name_constraints::ChainNameConstraints,
    Model chain_path_length::ChainPathLength,
    Model cert_unknown_critical_extension::CertUnknownCriticalExtension,
    Model cert_strict_profile::CertStrictProfile,
    Model chain_rejected::ChainRejected,
    Model cert_profile::CertProfile,
    // 6. Private keys
    Model key_unparsable::KeyUnparsable,
    Model key_encrypted::KeyEncrypted,
    Model cert_key_mismatch::CertKeyMismatch,
    Model key_in_cert_file::KeyInCertFile,
    // 7. Files and permissions
    Model referenced_file_not_provided::ReferencedFileNotProvided,
    Model file_permissions_too_open::FilePermissionsTooOpen,
    Model launcher_file_unreadable::LauncherFileUnreadable,
    // 8. What the running services serve (probe, pasted s_client and curl output)
    Model served_unreachable::ServedUnreachable,
    Model served_protocol_mismatch::ServedProtocolMismatch,
    Model served_cert_differs::ServedCertDiffers,
    Model served_chain_incomplete::ServedChainIncomplete,
    Model served_chain_rejected::ServedChainRejected,
    Model served_http_error::ServedHttpError,
    // 9. Load-balanced clusters (several nodes of one Workbench)
    Model lb_config_differs::LbConfigDiffers,
    Model lb_secure_cookie_key_differs::LbSecureCookieKeyDiffers,
    Model lb_node_cert_name::LbNodeCertName,
    File lb_verify_disabled::LbVerifyDisabled,
    Model lb_database_sqlite::LbDatabaseSqlite,
    Model database_sslmode_weak::DatabaseSslmodeWeak,
    // 10. Kubernetes installs (Helm values, rendered objects, team-operator resources)
    Model helm_invalid_yaml::HelmInvalidYaml,
    Model helm_unknown_values_key::HelmUnknownValuesKey,
    Model helm_old_schema_key::HelmOldSchemaKey,
    Model helm_secret_in_values::HelmSecretInValues,
    Model helm_ingress_no_tls::HelmIngressNoTls,
    Model helm_service_exposes_http::HelmServiceExposesHttp,
    Model helm_secure_sticky_cookie_over_http::HelmSecureStickyCookieOverHttp,
    Model helm_test_user::HelmTestUser,
    Model helm_lb_without_shared_storage::HelmLbWithoutSharedStorage,
    Model helm_lb_without_postgres::HelmLbWithoutPostgres,
    Model helm_lb_file_shadowed::HelmLbFileShadowed,
    Model helm_lb_oidc_without_affinity::HelmLbOidcWithoutAffinity,
    Model helm_probe_http_while_ssl::HelmProbeHttpWhileSsl,
    Model helm_xdg_dirs_hide_config::HelmXdgDirsHideConfig,
    Model operator_lb_pod_names::OperatorLbPodNames,
    Model operator_auth_type_unknown::OperatorAuthTypeUnknown,
}

/// The rule under which the engine reports its own limits (the findings it left out of a report).
/// The engine reads only this metadata, never the rule's code.
pub static ENGINE_LIMITS: &RuleMeta = &limit_exceeded::LimitExceeded::META;
