//! Pasted diagnostics: the output of `openssl s_client -connect host:port [-showcerts]` and of
//! `curl -v URL`, as support engineers ask for them, read into an [`Observation`].
//!
//! Hand-written: these are free-form logs of two tools (several OpenSSL and curl versions), not a
//! format any crate parses. Every line is read on its own, so a partial or mangled paste still gives
//! what it holds, and what it lacks is simply not known.

use super::observation::{
    Failure, HttpAnswer, Observation, ObservedBy, Reach, TlsSession, ToolVerdict,
};

/// Whether the text is `openssl s_client` output (any version), by the lines only it prints. Its
/// command line alone does not count: a config's comment may quote it.
pub fn is_s_client(text: &str) -> bool {
    let has = |needle: &str| text.lines().any(|l| l.trim_start().starts_with(needle));
    has("CONNECTED(")
        || (has("Certificate chain") && has("Server certificate"))
        || has("Verify return code:")
        || has("connect:errno=")
}

/// Whether the text is `curl -v` output: its `* ` info lines about connecting. curl's progress meter
/// may share a line with them on a terminal; a `#` comment never counts. curl's error line alone
/// (`curl: (7) Failed to connect to ...`) is error text, read for symptoms, not a capture of what a
/// server serves: without the info lines it says nothing of what was served.
pub fn is_curl(text: &str) -> bool {
    text.lines().any(|l| {
        let l = l.trim_start_matches(|c: char| c.is_ascii_digit() || " \t-:.%".contains(c));
        l.starts_with("*   Trying ")
            || l.starts_with("* Connected to ")
            || l.starts_with("* SSL connection using ")
            || l.starts_with("* Could not resolve host")
            || l.starts_with("* Failed to connect to ")
    })
}

/// The certificates among PEM blocks of the text, in order, consecutive duplicates dropped.
fn certificates(text: &str) -> Vec<Vec<u8>> {
    let (blocks, _) = super::pem::read_blocks(text, crate::limits::MAX_PEM_BLOCKS);
    let mut out: Vec<Vec<u8>> = Vec::new();
    for b in blocks {
        if b.label != "CERTIFICATE" {
            continue;
        }
        if let Ok(der) = &b.body {
            if out.last() != Some(der) {
                out.push(der.clone());
            }
        }
    }
    out
}

/// `host:port` (or `[v6]:port`) into its parts.
fn host_port(text: &str) -> (Option<String>, Option<u16>) {
    let (host, port) = crate::net::split_host_port(text.trim());
    let host = host.trim_start_matches('[').trim_end_matches(']');
    (
        (!host.is_empty()).then(|| host.to_string()),
        port.and_then(|p| p.parse().ok()),
    )
}

/// The value after `flag` on a command line (`-connect host:443`).
fn flag_value<'a>(line: &'a str, flag: &str) -> Option<&'a str> {
    let mut words = line.split_whitespace();
    words.find(|w| *w == flag)?;
    words.next()
}

/// An HTTP status line (`HTTP/1.1 302 Found`) and the headers after it, from lines with `prefix`
/// (`< ` for curl, nothing for s_client).
pub(crate) fn http_answer<'a>(
    lines: impl Iterator<Item = &'a str>,
    prefix: &str,
) -> Option<HttpAnswer> {
    let mut answer: Option<HttpAnswer> = None;
    for line in lines {
        let Some(l) = line.trim_end().strip_prefix(prefix) else {
            continue;
        };
        if answer.is_none() {
            if l.starts_with("HTTP/") {
                let status = l.split_whitespace().nth(1).and_then(|s| s.parse().ok())?;
                answer = Some(HttpAnswer {
                    status,
                    line: l.to_string(),
                    location: None,
                    server: None,
                });
            }
            continue;
        }
        let a = answer.as_mut()?;
        if l.is_empty() {
            break;
        }
        if let Some((name, value)) = l.split_once(':') {
            match name.trim().to_ascii_lowercase().as_str() {
                "location" => a.location = Some(value.trim().to_string()),
                "server" => a.server = Some(value.trim().to_string()),
                _ => {}
            }
        }
    }
    answer
}

/// A date as OpenSSL prints it: `Nov 26 06:33:39 2026 GMT` (the day may be space-padded).
pub fn openssl_date(text: &str) -> Option<i64> {
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let mut w = text.split_whitespace();
    let name = w.next()?;
    let month = MONTHS.iter().position(|m| *m == name)? as u8 + 1;
    let day: u8 = w.next()?.parse().ok()?;
    let mut hms = w.next()?.split(':').map(|p| p.parse::<u8>().ok());
    let (h, m, s) = (hms.next()??, hms.next()??, hms.next()??);
    let year: i32 = w.next()?.parse().ok()?;
    let date =
        time::Date::from_calendar_date(year, time::Month::try_from(month).ok()?, day).ok()?;
    let t = time::Time::from_hms(h, m, s).ok()?;
    Some(
        time::PrimitiveDateTime::new(date, t)
            .assume_utc()
            .unix_timestamp(),
    )
}

/// An observation read from a pasted output, before its lines say anything.
fn pasted(by: ObservedBy, name: &str) -> Observation {
    Observation {
        by,
        input: Some(name.to_string()),
        channel: None,
        host: None,
        port: None,
        address: None,
        attempted_tls: None,
        reach: Reach::Failed {
            why: Failure::Other,
            detail: String::new(),
        },
        http: None,
    }
}

/// Reads `openssl s_client` output.
pub fn s_client(name: &str, text: &str) -> Observation {
    let lines: Vec<&str> = text.lines().map(str::trim_end).collect();
    let mut obs = pasted(ObservedBy::SClient, name);
    obs.attempted_tls = Some(true);
    let mut server_name = None;
    let mut connected = false;
    let mut sent = 0usize;
    let mut tls = TlsSession::default();
    let mut error: Option<(Failure, String)> = None;
    let mut plain_http = false;
    let mut no_peer = false;
    // Anything s_client prints once the server answered the handshake (or refused it).
    let mut answered = false;
    for raw in &lines {
        let l = raw.trim_start_matches(['$', '#', ' ']);
        if l.contains("s_client") {
            if let Some(target) = flag_value(l, "-connect") {
                (obs.host, obs.port) = host_port(target);
            }
            server_name = flag_value(l, "-servername").map(str::to_string);
        } else if let Some(rest) = l.strip_prefix("Connecting to ") {
            obs.address = Some(rest.trim().to_string());
        } else if l.starts_with("CONNECTED(") {
            connected = true;
        } else if let Some(rest) = l.strip_prefix("New, ") {
            // `New, TLSv1.3, Cipher is TLS_AES_256_GCM_SHA384`; `New, (NONE), Cipher is (NONE)`.
            let (version, cipher) = rest.split_once(", Cipher is ").unwrap_or((rest, ""));
            // OpenSSL 1.0 and LibreSSL print `TLSv1/SSLv3` here; `Protocol  :` below says which.
            if version != "(NONE)" && version != "TLSv1/SSLv3" {
                tls.version = Some(version.trim().to_string());
            }
            if !cipher.is_empty() && cipher != "(NONE)" {
                tls.cipher = Some(cipher.trim().to_string());
            }
        } else if let Some(v) = l.trim_start().strip_prefix("Protocol  :") {
            tls.version.get_or_insert_with(|| v.trim().to_string());
        } else if let Some(v) = l.trim_start().strip_prefix("Cipher    :") {
            if v.trim() != "0000" {
                tls.cipher.get_or_insert_with(|| v.trim().to_string());
            }
        } else if let Some(v) = l.strip_prefix("Verify return code: ") {
            tls.tool_verdict = Some(ToolVerdict {
                ok: v.starts_with("0 "),
                text: format!("Verify return code: {v}"),
            });
        } else if let Some(subject) = l.strip_prefix("subject=") {
            tls.leaf_subject.get_or_insert_with(|| subject.to_string());
        } else if l.starts_with("no peer certificate available") {
            no_peer = true;
        }
        if l == "---" || l.starts_with("depth=") || l.starts_with("SSL handshake has read") {
            answered = true;
        }
        // ` 0 s:CN = wb.example.org`: one line per certificate the server sent.
        let t = raw.trim_start();
        if let Some((n, rest)) = t.split_once(' ') {
            if n.parse::<usize>().is_ok() && rest.starts_with("s:") {
                sent += 1;
            }
        }
        let lower = l.to_ascii_lowercase();
        if lower.contains("wrong version number")
            || lower.contains("packet length too long")
            || lower.contains("http request")
        {
            plain_http = true;
        } else if error.is_none() {
            error = if lower.contains("connection refused") || lower.contains("errno=111") {
                Some((Failure::Refused, l.to_string()))
            } else if lower.contains("timed out") || lower.contains("errno=110") {
                Some((Failure::ConnectTimedOut, l.to_string()))
            } else if lower.contains("name or service not known")
                || lower.contains("nodename nor servname")
                || lower.contains("no address associated")
                || lower.contains("temporary failure in name resolution")
            {
                Some((Failure::NameNotResolved, l.to_string()))
            } else if lower.contains(":error:") && lower.contains("ssl") {
                Some((Failure::Handshake, l.to_string()))
            } else {
                None
            };
        }
    }
    if let Some(n) = server_name {
        obs.host = Some(n);
    }
    if obs.host.is_none() {
        obs.host = obs.address.clone();
    }
    tls.chain = certificates(text);
    tls.sent = (sent > tls.chain.len()).then_some(sent);
    obs.http = http_answer(lines.iter().copied(), "");
    obs.reach = if plain_http {
        Reach::PlainHttpOnTls
    } else if !tls.chain.is_empty() || (tls.version.is_some() && tls.cipher.is_some()) {
        Reach::Tls(tls)
    } else if let Some((why, detail)) = error {
        let why = if connected && why != Failure::Handshake {
            Failure::Handshake
        } else {
            why
        };
        Reach::Failed { why, detail }
    } else if connected && !answered {
        Reach::Failed {
            why: Failure::NoAnswer,
            detail: "the output stops after CONNECTED: the server never answered the TLS handshake"
                .into(),
        }
    } else if connected || no_peer {
        Reach::Failed {
            why: Failure::Handshake,
            detail: if no_peer {
                "no peer certificate available".into()
            } else {
                String::new()
            },
        }
    } else {
        Reach::Failed {
            why: Failure::Other,
            detail: "the output does not show a connection".into(),
        }
    };
    obs
}

/// Reads `curl -v` output.
pub fn curl(name: &str, text: &str) -> Observation {
    let lines: Vec<&str> = text.lines().map(str::trim_end).collect();
    let mut obs = pasted(ObservedBy::Curl, name);
    let mut scheme: Option<String> = None;
    let mut connected = false;
    let mut tls_seen = false;
    let mut tls = TlsSession::default();
    let mut start = None;
    let mut expire = None;
    let mut error: Option<(Failure, String)> = None;
    let mut http09 = false;
    let mut wrong_version = false;
    for raw in &lines {
        // curl interleaves its progress meter with the `*` lines on a terminal: keep what follows it.
        let l = match raw.find("* ") {
            Some(i) if !raw.starts_with("> ") && !raw.starts_with("< ") => &raw[i..],
            _ => raw,
        };
        if l.contains("curl ") || l.starts_with("curl") {
            if let Some(url) = l
                .split_whitespace()
                .find(|w| w.starts_with("http://") || w.starts_with("https://"))
            {
                let url = url.trim_matches(|c| c == '\'' || c == '"');
                if let Ok(u) = crate::net::parse_http_url(url) {
                    obs.port = Some(u.port());
                    obs.host = Some(u.host.clone());
                    scheme = Some(u.scheme);
                }
            }
        }
        if let Some(rest) = l.strip_prefix("*   Trying ") {
            let target = rest.trim_end_matches("...");
            let (addr, port) = host_port(target);
            obs.address = addr.or(obs.address.take());
            obs.port = port.or(obs.port);
        } else if let Some(rest) = l.strip_prefix("* Connected to ") {
            // `* Connected to wb.example.org (127.0.0.1) port 443 (#0)`
            connected = true;
            let mut w = rest.split_whitespace();
            if let Some(h) = w.next() {
                obs.host = Some(h.to_string());
            }
            if let Some(a) = w.next() {
                obs.address = Some(a.trim_matches(|c| c == '(' || c == ')').to_string());
            }
            if let (Some("port"), Some(p)) = (w.next(), w.next()) {
                obs.port = p.parse().ok().or(obs.port);
            }
        } else if let Some(rest) = l.strip_prefix("* SSL connection using ") {
            tls_seen = true;
            // `TLSv1.3 / TLS_AES_256_GCM_SHA384`, and since curl 8.5 `/ X25519 / RSASSA-PSS` after it.
            let mut parts = rest.split(" / ").map(str::trim);
            tls.version = parts.next().map(str::to_string);
            tls.cipher = parts.next().filter(|c| !c.is_empty()).map(str::to_string);
        } else if let Some(rest) = l.strip_prefix("*  subject: ") {
            tls.leaf_subject = Some(rest.to_string());
        } else if let Some(rest) = l.strip_prefix("*  start date: ") {
            start = openssl_date(rest);
        } else if let Some(rest) = l.strip_prefix("*  expire date: ") {
            expire = openssl_date(rest);
        } else if l.contains("SSL certificate verify ok")
            || l.contains("SSL certificate verified via")
        {
            tls.tool_verdict = Some(ToolVerdict {
                ok: true,
                text: "curl: SSL certificate verify ok".into(),
            });
        } else if l.contains("SSL certificate problem:")
            || l.contains("SSL certificate verify result:")
            || l.contains("subjectAltName does not match")
            || l.contains("no alternative certificate subject name matches")
        {
            let text = l.trim_start_matches(['*', ' ']).to_string();
            if tls.tool_verdict.as_ref().is_none_or(|v| v.ok) {
                tls.tool_verdict = Some(ToolVerdict {
                    ok: false,
                    text: format!("curl: {}", text.trim_start_matches("curl: ")),
                });
            }
        } else if l.starts_with("* TLSv") || l.starts_with("* ALPN") {
            tls_seen = true;
        } else if let Some(h) = l.strip_prefix("* Could not resolve host: ") {
            obs.host.get_or_insert_with(|| h.trim().to_string());
            error = Some((Failure::NameNotResolved, l[2..].to_string()));
        } else if let Some(h) = l.strip_prefix("> Host: ") {
            let (host, port) = host_port(h);
            obs.host.get_or_insert_with(|| host.unwrap_or_default());
            obs.port = obs.port.or(port);
        }
        let lower = l.to_ascii_lowercase();
        if lower.contains("wrong version number") || lower.contains("packet length too long") {
            wrong_version = true;
        }
        if lower.contains("http/0.9") {
            http09 = true;
        }
        if error.is_none()
            && (l.starts_with("curl: (")
                || l.starts_with("* connect to ")
                || l.starts_with("* Failed"))
        {
            let code = l
                .strip_prefix("curl: (")
                .and_then(|r| r.split_once(')'))
                .and_then(|(n, _)| n.parse::<u32>().ok());
            error = if lower.contains("refused") || code == Some(7) && lower.contains("refused") {
                Some((Failure::Refused, l.to_string()))
            } else if lower.contains("timed out") || lower.contains("timeout") || code == Some(28) {
                Some((
                    if connected {
                        Failure::NoAnswer
                    } else {
                        Failure::ConnectTimedOut
                    },
                    l.to_string(),
                ))
            } else if code == Some(6) {
                Some((Failure::NameNotResolved, l.to_string()))
            } else if code == Some(35) {
                Some((Failure::Handshake, l.to_string()))
            } else if code == Some(60) || code == Some(51) {
                None
            } else if l.starts_with("curl: (") {
                Some((Failure::Other, l.to_string()))
            } else {
                None
            };
        }
    }
    if let (Some(s), Some(e)) = (start, expire) {
        tls.leaf_dates = Some((s, e));
    }
    tls.chain = certificates(text);
    obs.http = http_answer(lines.iter().copied(), "< ");
    let tried_tls = tls_seen || scheme.as_deref() == Some("https");
    obs.attempted_tls = if tried_tls {
        Some(true)
    } else if scheme.is_some() || connected {
        Some(false)
    } else {
        None
    };
    obs.reach = if wrong_version && tried_tls {
        Reach::PlainHttpOnTls
    } else if http09 && !tried_tls {
        Reach::TlsOnPlainHttp
    } else if tls_seen && (tls.version.is_some() || tls.tool_verdict.is_some()) {
        Reach::Tls(tls)
    } else if let Some((why, detail)) = error {
        Reach::Failed { why, detail }
    } else if obs.http.is_some() && !tried_tls {
        Reach::PlainHttp
    } else {
        Reach::Failed {
            why: Failure::Other,
            detail: "the output does not show a connection".into(),
        }
    };
    obs
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn openssl_dates() {
        assert_eq!(
            openssl_date("Jan  1 00:00:00 2027 GMT"),
            Some(1_798_761_600)
        );
        assert_eq!(
            openssl_date("Jan 01 00:00:00 2027 GMT"),
            Some(1_798_761_600)
        );
        assert_eq!(
            openssl_date("Nov 26 06:33:39 2026 GMT"),
            Some(1_795_674_819)
        );
        assert_eq!(openssl_date("Feb 30 00:00:00 2027 GMT"), None);
        assert_eq!(openssl_date("garbage"), None);
    }

    #[test]
    fn comments_quoting_the_tools_are_not_their_output() {
        let conf = "# check with: openssl s_client -connect wb.example.org:443 -showcerts\n# curl: (60) SSL certificate problem, see the admin guide\nssl-enabled=1\n";
        assert!(!is_s_client(conf));
        assert!(!is_curl(conf));
    }

    #[test]
    fn other_versions_of_the_tools() {
        // OpenSSL 1.0.2 / LibreSSL: `TLSv1/SSLv3` on the `New,` line, the protocol in the session.
        let old = "CONNECTED(00000003)\n---\nCertificate chain\n 0 s:/CN=wb.example.org\n   i:/CN=CA\n---\nServer certificate\nsubject=/CN=wb.example.org\n---\nNew, TLSv1/SSLv3, Cipher is ECDHE-RSA-AES256-GCM-SHA384\nSSL-Session:\n    Protocol  : TLSv1.2\n    Cipher    : ECDHE-RSA-AES256-GCM-SHA384\n";
        let t = s_client("x", old).tls().cloned().expect("TLS");
        assert_eq!(t.version.as_deref(), Some("TLSv1.2"));
        assert_eq!(t.sent, Some(1));
        // curl 8.5+: the group and signature after the cipher; `Connected to` without `(#0)`.
        let new = "* Host wb.example.org:443 was resolved.\n*   Trying 192.0.2.10:443...\n* Connected to wb.example.org (192.0.2.10) port 443\n* SSL connection using TLSv1.3 / TLS_AES_256_GCM_SHA384 / X25519 / RSASSA-PSS\n*  SSL certificate verify ok.\n< HTTP/1.1 302 Found\n< Location: /auth-sign-in\n";
        assert!(is_curl(new));
        let o = curl("x", new);
        assert_eq!(
            (o.host.as_deref(), o.port),
            (Some("wb.example.org"), Some(443))
        );
        let t = o.tls().expect("TLS");
        assert_eq!(t.cipher.as_deref(), Some("TLS_AES_256_GCM_SHA384"));
        assert_eq!(
            o.http.as_ref().unwrap().location.as_deref(),
            Some("/auth-sign-in")
        );
    }

    #[test]
    fn curl_failures() {
        let refused = "*   Trying 127.0.0.1:5559...\n* connect to 127.0.0.1 port 5559 failed: Connection refused\n* Failed to connect to localhost port 5559 after 0 ms: Couldn't connect to server\ncurl: (7) Failed to connect to localhost port 5559 after 0 ms: Couldn't connect to server\n";
        assert!(is_curl(refused));
        let o = curl("x", refused);
        assert_eq!(o.port, Some(5559));
        assert!(matches!(
            o.reach,
            Reach::Failed {
                why: Failure::Refused,
                ..
            }
        ));
        let dns = "* Could not resolve host: wb.internal\ncurl: (6) Could not resolve host: wb.internal\n";
        let o = curl("x", dns);
        assert_eq!(o.host.as_deref(), Some("wb.internal"));
        assert!(matches!(
            o.reach,
            Reach::Failed {
                why: Failure::NameNotResolved,
                ..
            }
        ));
    }

    #[test]
    fn s_client_refused_and_partial() {
        let refused = "$ openssl s_client -connect localhost:5559\n40D7B1F7:error:8000006F:system library:BIO_connect:Connection refused:../crypto/bio/bio_sock2.c:114:calling connect()\nconnect:errno=111\n";
        assert!(is_s_client(refused));
        let o = s_client("x", refused);
        assert_eq!((o.host.as_deref(), o.port), (Some("localhost"), Some(5559)));
        assert!(matches!(
            o.reach,
            Reach::Failed {
                why: Failure::Refused,
                ..
            }
        ));
        // Only the chain listing and the leaf (no -showcerts): two sent, one printed.
        let partial = "CONNECTED(00000003)\n---\nCertificate chain\n 0 s:CN = a\n   i:CN = b\n 1 s:CN = b\n   i:CN = c\n---\nServer certificate\nsubject=CN = a\n---\nNew, TLSv1.2, Cipher is ECDHE-RSA-AES256-GCM-SHA384\n";
        let o = s_client("x", partial);
        let t = o.tls().expect("a TLS session");
        assert_eq!(t.version.as_deref(), Some("TLSv1.2"));
        assert_eq!(t.sent, Some(2));
        assert!(t.chain.is_empty());
    }
}
