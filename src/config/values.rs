//! What a value is, before any rule judges it: whether it still holds a template's placeholder, and
//! whether it fits its option's type. One implementation each, so that `placeholder-value` and
//! `invalid-value` never report one line twice and the plugin rules never judge a placeholder's
//! content (`certificate-authority=cert` is a placeholder, not damaged base64).

use crate::catalog::{self, ValueType};

/// Words that stand for a value when they are the whole value (`api-url=url`,
/// `auth-token=token`): left from a template or a guide, never a real URL, token or certificate.
const STAND_IN_WORDS: [&str; 13] = [
    "url",
    "token",
    "cert",
    "certificate",
    "host",
    "hostname",
    "password",
    "secret",
    "path",
    "value",
    "placeholder",
    "tbd",
    "example",
];

/// The placeholder in a value, if any: `<host>`, `your_domain…`, `changeme`, `XXX`, `TODO`, or a
/// whole value that is a word standing for a value.
pub fn placeholder_in(value: &str) -> Option<String> {
    if let (Some(start), Some(end)) = (value.find('<'), value.rfind('>')) {
        if start < end
            && end - start > 1
            // ASCII: placeholders in Posit's guides and templates are; `char::is_alphanumeric` would
            // bring Unicode's tables into the page (2 KiB gzipped).
            && value[start + 1..end]
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "-_ .".contains(c))
        {
            return Some(value[start..=end].to_string());
        }
    }
    let lower = value.to_ascii_lowercase();
    if STAND_IN_WORDS.contains(&lower.as_str()) {
        return Some(value.to_string());
    }
    // `your_domain_name`, `your-server`, `your_port`: the word after "your" is kept (`your_domain`).
    for prefix in ["your_", "your-"] {
        if let Some(i) = lower.find(prefix) {
            let rest = &lower[i + prefix.len()..];
            let len = rest
                .find(|c: char| !c.is_ascii_alphanumeric())
                .unwrap_or(rest.len());
            if len > 0 {
                return Some(value[i..i + prefix.len() + len].to_string());
            }
        }
    }
    for word in [
        "yourdomain",
        "changeme",
        "change_me",
        "replace_me",
        "replace-me",
    ] {
        if let Some(i) = lower.find(word) {
            return Some(value[i..i + word.len()].to_string());
        }
    }
    value
        .split(|c: char| !c.is_ascii_alphanumeric())
        .find(|t| (t.len() >= 3 && t.chars().all(|c| c == 'X')) || *t == "TODO" || *t == "FIXME")
        .map(str::to_string)
}

/// How a value misses its option's type, in words after "the value" ("is not a boolean"); `None`
/// when it fits.
pub fn type_problem(ty: ValueType, value: &str) -> Option<String> {
    match ty {
        ValueType::Bool if catalog::parse_bool(value).is_none() => Some("is not a boolean".into()),
        ValueType::Int if value.parse::<i64>().is_err() => Some("is not an integer".into()),
        ValueType::Port => match value.parse::<u32>() {
            Ok(p) if (1..=65535).contains(&p) => None,
            Ok(_) => Some("is outside 1-65535".into()),
            Err(_) => Some("is not a port number".into()),
        },
        ValueType::Enum(allowed) if !allowed.contains(&value) => Some(
            match allowed.iter().find(|a| a.eq_ignore_ascii_case(value)) {
                Some(a) => format!("must be written `{a}` (values are case-sensitive)"),
                None => "is not an accepted value".into(),
            },
        ),
        ValueType::EnumAnyCase(allowed)
            if !allowed.iter().any(|a| a.eq_ignore_ascii_case(value)) =>
        {
            Some("is not an accepted value".into())
        }
        ValueType::HttpUrl if crate::net::parse_http_url(value).is_err() => {
            Some("is not an http:// or https:// URL".into())
        }
        _ => None,
    }
}

/// How an entry's value misses its option's type, with the type: `None` for an empty value, an
/// option the catalog does not know, or a value that fits.
pub fn entry_problem(
    file: &super::ConfigFile,
    e: &crate::input::config_lines::Entry,
) -> Option<(ValueType, String)> {
    if e.value.is_empty() || (file.kind == catalog::ConfigKind::Rserver && e.section.is_some()) {
        return None;
    }
    let spec = catalog::lookup_in(file.kind, file.scope_of(e), &e.key)?;
    type_problem(spec.ty, &e.value).map(|p| (spec.ty, p))
}

#[cfg(test)]
mod tests {
    use super::placeholder_in;

    #[test]
    fn finds_placeholders() {
        assert_eq!(placeholder_in("http://XXX:8787").as_deref(), Some("XXX"));
        assert_eq!(
            placeholder_in("/var/certs/your_domain_name.crt").as_deref(),
            Some("your_domain")
        );
        assert_eq!(
            placeholder_in("https://<host>:8787").as_deref(),
            Some("<host>")
        );
        assert_eq!(placeholder_in("url").as_deref(), Some("url"));
        assert_eq!(placeholder_in("Token").as_deref(), Some("Token"));
        assert_eq!(placeholder_in("http://wb.example.org:8787"), None);
        assert_eq!(
            placeholder_in("rstudio/r-session-complete:ubuntu2204"),
            None
        );
        assert_eq!(placeholder_in("/opt/xxx/bin"), None);
        // A word inside a real value is not a stand-in.
        assert_eq!(placeholder_in("/etc/rstudio/cert.pem"), None);
        assert_eq!(placeholder_in("localhost"), None);
    }
}
