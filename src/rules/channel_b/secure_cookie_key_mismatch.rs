use crate::config::Setting;
use crate::facts::DeploymentFacts;
use crate::report::Location;
use crate::rules::{
    declare_rule, needs_both, Applicability, DeploymentRule, Sink, Subject, Violation,
};

declare_rule! {
    /// ## What it checks
    /// `secure-cookie-key-file` is set to the same path in rserver.conf and in launcher.conf's `[server]`,
    /// or in neither (then both look in the default places: `/etc/rstudio/secure-cookie-key`, else the key
    /// rserver generates under `/var/lib/rstudio-server`). `secure-cookie-key-file=/etc/rstudio/secure-cookie-key`
    /// on one side only is the default written out, and a path with an unexpanded `$VARIABLE` (an install
    /// script's template) cannot be compared: both are silent.
    ///
    /// ## Why it breaks Workbench
    /// rserver signs its requests to the Launcher with the secure cookie key, and the Launcher checks them
    /// with its own copy. If only one side points at a custom key file, the two keys differ and the
    /// Launcher rejects every request from rserver: sessions and jobs fail with authorisation errors.
    ///
    /// ## How to fix
    /// Set the same line in both files, e.g. `secure-cookie-key-file=/etc/rstudio/secure-cookie-key` in
    /// rserver.conf and under `[server]` in launcher.conf (the file mode 0600, owned by root). When the
    /// Launcher runs on another host, copy the same file there.
    ///
    /// ## References
    /// - Posit Workbench Admin Guide: Job Launcher "Configuration" (secure-cookie-key); Load Balancing.
    pub struct SecureCookieKeyMismatch {
        name: "secure-cookie-key-mismatch",
        severity: Warning,
        channel: B,
        summary: "rserver and the Launcher read different secure-cookie-key files",
    }
}

impl DeploymentRule for SecureCookieKeyMismatch {
    fn applies(&self, d: &DeploymentFacts) -> Applicability {
        needs_both(
            d,
            "whether rserver and the Launcher share the secure-cookie-key",
        )
    }

    fn check(&self, d: &DeploymentFacts, out: &mut Sink) {
        let (Some(r), Some(l)) = (d.rserver(), d.launcher()) else {
            return;
        };
        let client = r.get("secure-cookie-key-file");
        let server = l.server.get("secure-cookie-key-file");
        // The documented default location, written out, is the default; a value with an unexpanded
        // variable (`${CONFIG_DIR}/secure-cookie-key`, from an install script) cannot be compared.
        const DEFAULT: &str = "/etc/rstudio/secure-cookie-key";
        let effective = |s: &crate::config::Setting| {
            if s.is_default() {
                DEFAULT.to_string()
            } else {
                s.value.clone()
            }
        };
        if effective(&client) == effective(&server)
            || client.value.contains('$')
            || server.value.contains('$')
        {
            return;
        }
        let at = if client.is_default() {
            server.location()
        } else {
            client.location()
        };
        out.report(Subject::At(at), DifferentKeys { client, server });
    }
}

/// The secure-cookie-key-file settings of rserver and the Launcher, which name different files.
struct DifferentKeys<'a> {
    client: Setting<'a>,
    server: Setting<'a>,
}

impl DifferentKeys<'_> {
    /// The side the finding is not at: the Launcher's, unless rserver's is the default.
    fn other(&self) -> &Setting<'_> {
        if self.client.is_default() {
            &self.client
        } else {
            &self.server
        }
    }
}

impl Violation for DifferentKeys<'_> {
    type Level = Level;
    fn level(&self) -> Level {
        Level::Warning
    }
    fn message(&self) -> String {
        format!(
            "rserver reads the secure cookie key from {}, the Launcher from {}: the Launcher will reject rserver's signed requests.",
            describe_key(&self.client),
            describe_key(&self.server)
        )
    }
    fn help(&self) -> String {
        let path = if self.client.is_default() {
            &self.server.value
        } else {
            &self.client.value
        };
        format!("Set `secure-cookie-key-file={path}` in both rserver.conf and launcher.conf's [server].")
    }
    fn related(&self) -> Vec<Location> {
        let other = self.other();
        if other.is_default() {
            Vec::new()
        } else {
            vec![other.location()]
        }
    }
}

fn describe_key(s: &crate::config::Setting) -> String {
    if s.is_default() {
        format!("the default location (`{}` not set in {})", s.key, s.file)
    } else {
        s.describe()
    }
}
