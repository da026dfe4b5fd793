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

/// `1st`, `2nd`, `3rd`, `11th`, `22nd`: a position for people.
pub fn ordinal(n: u32) -> String {
    let suffix = match (n % 10, n % 100) {
        (_, 11..=13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    };
    format!("{n}{suffix}")
}

/// A thing's place among `of` of its kind, for people: "the 2nd certificate", or "the certificate"
/// when it is the only one (a PEM file's blocks are "certificates" and "keys" to an admin, never
/// "block 2").
pub fn nth(n: u32, of: u32, noun: &str) -> String {
    if of <= 1 {
        format!("the {noun}")
    } else {
        format!("the {} {noun}", ordinal(n))
    }
}

/// The first letter in upper case, for a sentence that starts with a word made elsewhere ("the 2nd
/// certificate ..."). ASCII only: Unicode case tables would cost the WebAssembly module kilobytes.
pub fn upper_first(s: &str) -> String {
    let mut w = s.to_string();
    // A first character outside ASCII is not a one-byte range: left as it is.
    if let Some(first) = w.get_mut(..1) {
        first.make_ascii_uppercase();
    }
    w
}

/// The first letter in lower case, for a sentence's own words set inside another ("In `rserver.conf`,
/// write ..."). ASCII only, as [`upper_first`].
pub fn lower_first(s: &str) -> String {
    let mut w = s.to_string();
    if let Some(first) = w.get_mut(..1) {
        first.make_ascii_lowercase();
    }
    w
}

/// Words for a Markdown document: outside `code`, the characters Markdown would read as emphasis,
/// HTML or links (`*.example.org, *.apps.example.org` in italics, `<workbench-host>` vanishing as a
/// tag) are escaped with a backslash, so the text reads as the report wrote it.
pub fn markdown_prose(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut code = false;
    for c in text.chars() {
        if c == '`' {
            code = !code;
        } else if !code && matches!(c, '*' | '_' | '<' | '>' | '[' | ']' | '\\') {
            out.push('\\');
        }
        out.push(c);
    }
    out
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
        let kept: String = text.chars().take(MAX).collect();
        // Cut inside `code`: close it, or Markdown would run the code on to the next backtick.
        let close = if kept.matches('`').count() % 2 == 1 {
            "`"
        } else {
            ""
        };
        format!("{kept}…{close}")
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

/// A file path (`/etc/rstudio/ssl/workbench.example.org.key`, `~/certs/wb.pem`, `ssl/wb.key`): made
/// of base64's characters too, but redaction hides secrets, never a path. A path has a path's shape
/// (it starts with `/`, `~/`, `./` or `../`, or ends in a file extension after a `/`) and its words
/// are words: a long run of letters and digits that mixes upper case, lower case and digits is
/// base64 (`/9j/4AAQSkZJRg...`), whatever slashes surround it. Base64's `=` padding is never in one.
pub fn looks_like_path(text: &str) -> bool {
    let extension = text
        .rsplit('/')
        .next()
        .and_then(|last| last.rsplit_once('.'))
        .is_some_and(|(stem, ext)| {
            !stem.is_empty()
                && (1..=5).contains(&ext.len())
                && ext.bytes().all(|b| b.is_ascii_alphanumeric())
        });
    let shaped = ["/", "~/", "./", "../"].iter().any(|p| text.starts_with(p))
        || (text.contains('/') && extension);
    let wordish = |run: &str| {
        let mixed = run.bytes().any(|b| b.is_ascii_uppercase())
            && run.bytes().any(|b| b.is_ascii_lowercase())
            && run.bytes().any(|b| b.is_ascii_digit());
        run.len() < 12 || (run.len() <= 40 && (!mixed || camel_case(run)))
    };
    shaped
        && !text.contains('=')
        && text
            .split(|c: char| !c.is_ascii_alphanumeric())
            .all(wordish)
}

/// Words written together (`WorkbenchServerKey2026`, `TLSCert`): every lower-case stretch is at least
/// two letters and every upper-case stretch at most four. Random base64 has lone lower-case letters
/// between capitals (`SkZJRgABAQ`) almost always.
fn camel_case(run: &str) -> bool {
    let class = |b: u8| {
        if b.is_ascii_lowercase() {
            0
        } else if b.is_ascii_uppercase() {
            1
        } else {
            2
        }
    };
    let bytes = run.as_bytes();
    let mut start = 0;
    while start < bytes.len() {
        let c = class(bytes[start]);
        let len = bytes[start..]
            .iter()
            .take_while(|&&b| class(b) == c)
            .count();
        if (c == 0 && len < 2) || (c == 1 && len > 4) {
            return false;
        }
        start += len;
    }
    true
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
    use super::{excerpt, looks_like_path, looks_secret, markdown_prose, nth, ordinal, shown_line};

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

    /// A key's path is never hidden as "<N characters of base64-like data, not shown>", however
    /// long its names, wherever it is shown: in a message, as a config value, as a line of its own.
    #[test]
    fn key_paths_are_never_redacted() {
        let paths = [
            "/etc/rstudio/ssl/workbench.example.org-2026-renewed-wildcard-certificate.key",
            "/workbench-server-certificate-key-renewed-2026.key",
            "/etc/pki/tls/private/WorkbenchServerKeyRenewed2026",
            "~/certificates/workbench.example.org/2026/workbench-server.key",
            "ssl/private/workbench.example.org-2026-renewed-certificate.key",
            "./ssl/workbench_example_org_certificate_key_file_2026.pem",
            "/etc/rstudio/ssl/server/private/keys/workbench/current/key",
        ];
        for path in paths {
            assert!(looks_like_path(path), "{path}");
            assert!(!looks_secret(path), "{path}");
            assert!(!excerpt(path).contains("not shown"), "{path}");
            for line in [
                format!("ssl-certificate-key={path}"),
                format!("certificate-key-file = {path}"),
                path.to_string(),
                format!("  {path}"),
            ] {
                assert_eq!(shown_line(&line), line, "{line}");
            }
        }
    }

    /// Real secrets are still hidden: keys, tokens and certificate bodies, with or without slashes.
    #[test]
    fn base64_secrets_are_still_redacted() {
        let secrets = [
            "MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7",
            "/9j/4AAQSkZJRgABAQAAAQABAAD/2wBDAAgGBgcGBQgHBwcJCQgKDBQNDAsLDBkSExAUHRofHh0a",
            "eyJhbGciOiJSUzI1NiIsImtpZCI6IjEyMyJ9.eyJzdWIiOiJyc3R1ZGlvIn0.c2lnbmF0dXJl",
            "/Zm9vYmFyYmF6cXV4cXV1eDEyMzQ1Njc4OTBhYmNkZWZnaGlqa2xtbm9w",
            "LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0tCk1JSUJrVENDQVRlZ0F3SUJBZ0lVSg==",
            "a2V5L3BhdGgvdGhhdC9sb29rcy9saWtl/aGVsbG8td29ybGQta2V5Cg==",
        ];
        for secret in secrets {
            assert!(looks_secret(secret), "{secret}");
            assert!(excerpt(secret).contains("not shown"), "{secret}");
            assert!(!shown_line(&format!("auth-token={secret}")).contains(&secret[..20]));
            assert!(!shown_line(secret).contains(&secret[..20]), "{secret}");
        }
    }

    #[test]
    fn positions_are_ordinals() {
        let got: Vec<String> = [1, 2, 3, 4, 11, 12, 13, 21, 22, 23, 101, 111]
            .into_iter()
            .map(ordinal)
            .collect();
        assert_eq!(
            got,
            [
                "1st", "2nd", "3rd", "4th", "11th", "12th", "13th", "21st", "22nd", "23rd",
                "101st", "111th"
            ]
        );
        assert_eq!(nth(2, 3, "certificate"), "the 2nd certificate");
        assert_eq!(nth(1, 1, "private key"), "the private key");
    }

    #[test]
    fn markdown_prose_escapes_only_outside_code() {
        assert_eq!(
            markdown_prose(
                "names *.example.org, *.apps.example.org and `*.x_y`; dial <workbench-host>"
            ),
            "names \\*.example.org, \\*.apps.example.org and `*.x_y`; dial \\<workbench-host\\>"
        );
        assert_eq!(
            markdown_prose("in the [server] section of my_ca.crt"),
            "in the \\[server\\] section of my\\_ca.crt"
        );
    }

    #[test]
    fn a_cut_inside_code_closes_it() {
        let message = format!(
            "`launcher-ssl-cert-missing` (`enable-ssl=1` turns on HTTPS, but `{}`)",
            "certificate-file".repeat(5)
        );
        let cut = excerpt(&message);
        assert!(cut.contains('…'));
        assert_eq!(cut.matches('`').count() % 2, 0, "{cut}");
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
