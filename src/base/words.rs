//! Wording and redaction helpers every layer uses for people: counts with their noun, excerpts that
//! never quote a secret, config lines as they may be shown.

/// `1 error`, `3 errors`: a count with its noun, for people (no "error(s)").
pub fn count(n: usize, noun: &str) -> String {
    match (n, noun) {
        (1, _) => format!("1 {noun}"),
        (_, "entry") => format!("{n} entries"),
        (_, "fix") => format!("{n} fixes"),
        _ => format!("{n} {noun}s"),
    }
}

/// Shortens a value for a message: long lines (a 100 kB value) must not flood the report. A long run
/// of base64 (a key pasted into the wrong file, an `auth-token`) is never quoted: it may be a secret.
pub fn excerpt(text: &str) -> String {
    const MAX: usize = 80;
    if looks_secret(text) {
        format!("<{} characters of base64-like data, not shown>", text.len())
    } else if text.chars().count() <= MAX {
        text.to_string()
    } else {
        format!("{}…", text.chars().take(MAX).collect::<String>())
    }
}

/// A long run of base64-like characters: a key, a token or a certificate body, never quoted.
pub fn looks_secret(text: &str) -> bool {
    text.len() >= 40
        && text
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"+/=-_.".contains(&b))
        && !looks_like_path(text)
}

/// An absolute path (`/etc/rstudio/ssl/workbench.example.org.key`): made of base64's characters too,
/// but redaction hides secrets, never a path. A path has several short segments; a base64 run that
/// happens to start with `/` has long ones, and usually `+` or `=` too.
fn looks_like_path(text: &str) -> bool {
    (text.starts_with('/') || text.starts_with("~/"))
        && text.matches('/').count() >= 2
        && !text.contains(['+', '='])
        && text.split('/').all(|segment| segment.len() <= 40)
}

/// A config line as the page may show it around a finding: a value (or a whole line) that looks like
/// a key, a token or base64 of a certificate (`auth-token=`, `certificate-authority=`) is replaced by
/// its length, like [`excerpt`] does in messages.
pub fn shown_line(line: &str) -> String {
    if let Some((key, value)) = line.split_once('=') {
        let is_option = !key.trim().is_empty()
            && key
                .trim()
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
        if is_option {
            // The value decides; the line as a whole is made of base64's characters as soon as
            // the value is (`key=`, dashes), which would hide every path.
            return if looks_secret(value.trim()) {
                format!("{key}={}", excerpt(value.trim()))
            } else {
                line.to_string()
            };
        }
    }
    let trimmed = line.trim();
    if looks_secret(trimmed) {
        excerpt(trimmed)
    } else {
        line.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::{excerpt, shown_line};

    #[test]
    fn paths_are_shown_even_when_long() {
        let path = "/etc/rstudio/ssl/workbench.example.org-2026-renewed.key";
        assert_eq!(excerpt(path), path);
        assert_eq!(
            shown_line(&format!("ssl-certificate-key={path}")),
            format!("ssl-certificate-key={path}")
        );
        // A base64 body that starts with a slash is still not quoted.
        let jpeg = "/9j/4AAQSkZJRgABAQAAAQABAAD/2wBDAAgGBgcGBQgHBwcJCQgKDBQNDAsLDBkSExAUHRofHh0a";
        assert!(!excerpt(jpeg).contains("4AAQ"));
    }

    #[test]
    fn excerpts_are_short_and_never_quote_base64_runs() {
        assert_eq!(
            excerpt("/etc/rstudio/ssl/workbench.crt"),
            "/etc/rstudio/ssl/workbench.crt"
        );
        assert!(excerpt(&"a b".repeat(100)).ends_with('…'));
        let token = "eyJhbGciOiJSUzI1NiIsImtpZCI6IjEyMyJ9.eyJzdWIiOiJyc3R1ZGlvIn0.c2lnbmF0dXJl";
        assert_eq!(
            excerpt(token),
            format!(
                "<{} characters of base64-like data, not shown>",
                token.len()
            )
        );
        assert!(!excerpt("MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7").contains("MIIE"));
        assert_eq!(
            shown_line("api-url=https://k8s.example.org:6443"),
            "api-url=https://k8s.example.org:6443"
        );
        assert_eq!(
            shown_line(&format!("auth-token={token}")),
            format!(
                "auth-token=<{} characters of base64-like data, not shown>",
                token.len()
            )
        );
        assert!(
            !shown_line("MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7").contains("MIIE")
        );
    }
}
