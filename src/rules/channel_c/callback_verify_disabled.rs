use crate::config::ConfigFile;
use crate::facts::DeploymentFacts;
use crate::input::config_lines::Entry;
use crate::report::{Fix, FixSafety};
use crate::rules::{
    declare_rule, needs_rserver, Applicability, DeploymentRule, Sink, Subject, Violation,
};

declare_rule! {
    /// ## What it checks
    /// `launcher-sessions-callback-verify-ssl-certs=0` in rserver.conf: a warning with an `https://`
    /// callback, and only an info with an `http://` one, where the setting has no effect.
    ///
    /// ## Why it breaks Workbench
    /// Sessions then accept any certificate when they call back to Workbench, so the callback is
    /// encrypted but not authenticated: anyone who can intercept traffic from the session hosts can pose
    /// as Workbench. Posit intends the setting for testing only; it usually hides a session image or
    /// compute node that does not trust Workbench's CA.
    ///
    /// ## How to fix
    /// Make the session hosts or images trust the CA that issued Workbench's certificate (RHEL: copy it to
    /// `/etc/pki/ca-trust/source/anchors/` and run `update-ca-trust`; Debian/Ubuntu: copy it to
    /// `/usr/local/share/ca-certificates/<name>.crt` and run `update-ca-certificates`), make sure the
    /// certificate names the callback host, then remove the line.
    ///
    /// ## References
    /// - Posit Workbench Admin Guide: Job Launcher "Configuration", SSL considerations.
    pub struct CallbackVerifyDisabled {
        name: "callback-verify-disabled",
        severity: Warning | Info,
        severity_when: "info when the callback is plain http, where the setting has no effect",
        channel: C,
        summary: "launcher-sessions-callback-verify-ssl-certs=0: sessions do not verify Workbench",
        fix: Always,
    }
}

impl DeploymentRule for CallbackVerifyDisabled {
    fn applies(&self, d: &DeploymentFacts) -> Applicability {
        match d.rserver() {
            Some(r)
                if r.explicit("launcher-sessions-callback-verify-ssl-certs")
                    .is_some()
                    && !r.flag("launcher-sessions-callback-verify-ssl-certs") =>
            {
                Applicability::Applies
            }
            Some(_) => Applicability::Skip,
            None => needs_rserver(d, "callback certificate verification"),
        }
    }

    fn check(&self, d: &DeploymentFacts, out: &mut Sink) {
        let Some(r) = d.rserver() else { return };
        let plain = crate::rules::callback(d)
            .and_then(|cb| cb.url.ok())
            .is_some_and(|u| u.scheme == "http");
        out.report(
            Subject::At(
                r.get("launcher-sessions-callback-verify-ssl-certs")
                    .location(),
            ),
            VerifyOff {
                plain,
                file: r.file,
                entry: r.explicit("launcher-sessions-callback-verify-ssl-certs"),
            },
        );
    }
}

/// Callback certificate verification turned off.
struct VerifyOff<'a> {
    /// Whether the callback is plain http, where the setting has no effect.
    plain: bool,
    file: &'a ConfigFile,
    /// The line that turns it off.
    entry: Option<&'a Entry>,
}

impl Violation for VerifyOff<'_> {
    type Level = Level;
    fn level(&self) -> Level {
        if self.plain {
            Level::Info
        } else {
            Level::Warning
        }
    }
    fn message(&self) -> String {
        if self.plain {
            "`launcher-sessions-callback-verify-ssl-certs=0` has no effect: the callback address is plain http, so there is no certificate to verify.".into()
        } else {
            "`launcher-sessions-callback-verify-ssl-certs=0`: sessions accept any certificate when calling back, so they cannot tell Workbench from an impostor.".into()
        }
    }
    fn help(&self) -> String {
        if self.plain {
            "Remove the line; if you switch the callback to https, make session hosts trust Workbench's CA instead of turning verification off.".into()
        } else {
            "Make session hosts/images trust Workbench's CA, then remove this line (keep it only for testing).".into()
        }
    }
    fn fix(&self) -> Option<Fix> {
        // With a plain http callback it has no effect today: removing it changes nothing.
        let safety = if self.plain {
            FixSafety::Safe
        } else {
            FixSafety::NeedsReview
        };
        let fix = crate::edits::fix(
            "Delete `launcher-sessions-callback-verify-ssl-certs=0`",
            safety,
            vec![crate::edits::delete_entry(self.file, self.entry?)],
        );
        // With a plain http callback the line guards nothing.
        if self.plain {
            fix
        } else {
            fix.map(|f| f.guarding(crate::report::Channel::C))
        }
    }
}
