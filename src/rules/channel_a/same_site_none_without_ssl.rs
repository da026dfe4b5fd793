use crate::facts::DeploymentFacts;
use crate::rules::{
    declare_rule, needs_rserver, Applicability, DeploymentRule, Sink, Subject, Violation,
};

declare_rule! {
    /// ## What it checks
    /// `www-same-site=none` in rserver.conf while `ssl-enabled` is off, unless
    /// `auth-cookies-force-secure=1` says that a TLS proxy in front makes the cookies secure.
    ///
    /// ## Why it breaks Workbench
    /// Browsers only accept `SameSite=None` cookies that are also `Secure`, which needs HTTPS. Without it
    /// the sign-in cookie is dropped and users loop back to the sign-in page, typically when Workbench is
    /// embedded in an iframe.
    ///
    /// ## How to fix
    /// Turn on SSL (`ssl-enabled=1`), or, behind a TLS proxy, set `auth-cookies-force-secure=1`.
    /// If Workbench is not embedded in another site, remove `www-same-site=none` (or use `lax`).
    ///
    /// ## References
    /// - Posit Workbench Admin Guide: Access and Security, "Cookies" (SameSite).
    pub struct SameSiteNoneWithoutSsl {
        name: "same-site-none-without-ssl",
        severity: Warning,
        channel: A,
        summary: "www-same-site=none without SSL: browsers drop the cookies",
    }
}

impl DeploymentRule for SameSiteNoneWithoutSsl {
    fn applies(&self, d: &DeploymentFacts) -> Applicability {
        match d.rserver() {
            Some(r)
                if r.value("www-same-site") == Some("none")
                    && !r.flag("ssl-enabled")
                    && !r.flag("auth-cookies-force-secure") =>
            {
                Applicability::Applies
            }
            Some(_) => Applicability::Skip,
            None => needs_rserver(d, "cookie settings"),
        }
    }

    fn check(&self, d: &DeploymentFacts, out: &mut Sink) {
        let Some(r) = d.rserver() else { return };
        out.report(
            Subject::At(r.get("www-same-site").location()),
            SameSiteNoneOverHttp,
        );
    }
}

/// `www-same-site=none` while the cookies cannot be secure.
struct SameSiteNoneOverHttp;

impl Violation for SameSiteNoneOverHttp {
    type Level = Level;
    fn level(&self) -> Level {
        Level::Warning
    }
    fn message(&self) -> String {
        "`www-same-site=none` needs secure (HTTPS) cookies, but SSL is off: browsers will drop the sign-in cookie.".into()
    }
    fn help(&self) -> String {
        "Set `ssl-enabled=1`, or `auth-cookies-force-secure=1` behind a TLS proxy; or remove `www-same-site=none`.".into()
    }
}
