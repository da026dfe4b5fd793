//! What a tool saw at one endpoint: `wb-ssl-check probe` (the CLI dials it and hands the observation
//! in through [`crate::CheckOptions::observations`]) or pasted `openssl s_client` and `curl -v` output
//! ([`super::paste`]). Matching observations to channels and judging their chains is the facts layer's.

use crate::base::Channel;

/// Who made the observation.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ObservedBy {
    /// `wb-ssl-check probe`, from the machine it ran on.
    Probe,
    /// Pasted `openssl s_client -connect … [-showcerts]` output.
    SClient,
    /// Pasted `curl -v` output.
    Curl,
}

impl ObservedBy {
    pub fn words(self) -> &'static str {
        match self {
            ObservedBy::Probe => "wb-ssl-check probe",
            ObservedBy::SClient => "openssl s_client output",
            ObservedBy::Curl => "curl -v output",
        }
    }
}

/// Why a connection failed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Failure {
    /// Nothing listens there (RST): the service is down or on another port or interface.
    Refused,
    /// No answer to the connection attempt within the time allowed (a firewall drops it, or the host
    /// is down).
    ConnectTimedOut,
    /// Connected, but the server never answered within the time allowed.
    NoAnswer,
    /// The name does not resolve.
    NameNotResolved,
    /// The TLS handshake failed (an alert, no common protocol version or cipher).
    Handshake,
    Other,
}

/// What happened when the endpoint was dialled.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Reach {
    Failed {
        why: Failure,
        /// The error as the tool gave it.
        detail: String,
    },
    /// A TLS handshake was attempted and the endpoint answered in plain HTTP.
    PlainHttpOnTls,
    /// A plain HTTP request was sent and a TLS record came back.
    TlsOnPlainHttp,
    /// A TLS session was made.
    Tls(TlsSession),
    /// A plain HTTP request was answered in plain HTTP.
    PlainHttp,
}

/// Verdict of the tool that made a pasted observation (curl's "SSL certificate verify ok.", s_client's
/// "Verify return code"). Used only when the output holds no certificate to judge ourselves.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ToolVerdict {
    pub ok: bool,
    pub text: String,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TlsSession {
    /// `TLSv1.3`, as the tool names it.
    pub version: Option<String>,
    pub cipher: Option<String>,
    /// The certificates as served (DER), in the order the server sent them.
    pub chain: Vec<Vec<u8>>,
    /// How many certificates the server sent, when the tool listed more than it printed
    /// (`s_client` without `-showcerts` prints only the first).
    pub sent: Option<usize>,
    /// The leaf's dates (Unix times) as curl prints them, when no certificate is in the output.
    pub leaf_dates: Option<(i64, i64)>,
    /// The leaf's subject as the tool printed it.
    pub leaf_subject: Option<String>,
    pub tool_verdict: Option<ToolVerdict>,
}

/// The HTTP answer to the request sent after connecting (the probe's `GET /`, curl's request).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HttpAnswer {
    pub status: u16,
    /// The status line, e.g. `HTTP/1.1 302 Found`.
    pub line: String,
    pub location: Option<String>,
    pub server: Option<String>,
}

/// One endpoint, as one tool saw it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Observation {
    pub by: ObservedBy,
    /// The pasted input it was read from; `None` for the probe.
    pub input: Option<String>,
    /// The channel the probe dialled; pasted output is matched to channels by its endpoint.
    pub channel: Option<Channel>,
    /// The host name dialled (the URL's host, the TLS server name).
    pub host: Option<String>,
    pub port: Option<u16>,
    /// The IP address connected to, when the tool says.
    pub address: Option<String>,
    /// Whether the tool dialled with TLS (`https://`, s_client) or plain HTTP; `None` when the output
    /// does not say.
    pub attempted_tls: Option<bool>,
    pub reach: Reach,
    pub http: Option<HttpAnswer>,
}

impl Observation {
    /// `host:port` as dialled, with `?` for what the output does not say.
    pub fn dialled(&self) -> String {
        let host = self.host.as_deref().unwrap_or("?");
        let host = if host.contains(':') {
            format!("[{host}]")
        } else {
            host.to_string()
        };
        match self.port {
            Some(p) => format!("{host}:{p}"),
            None => host,
        }
    }

    /// Whether the endpoint spoke TLS: `None` when the connection failed before anyone could tell.
    pub fn spoke_tls(&self) -> Option<bool> {
        match &self.reach {
            Reach::Tls(_) | Reach::TlsOnPlainHttp => Some(true),
            Reach::PlainHttp | Reach::PlainHttpOnTls => Some(false),
            Reach::Failed { .. } => None,
        }
    }

    pub fn tls(&self) -> Option<&TlsSession> {
        match &self.reach {
            Reach::Tls(t) => Some(t),
            _ => None,
        }
    }

    /// Where it came from, in words: "wb-ssl-check probe", "openssl s_client output `x.txt`".
    pub fn source(&self) -> String {
        match &self.input {
            Some(name) => format!("{} `{}`", self.by.words(), super::base_name(name)),
            None => self.by.words().to_string(),
        }
    }

    /// What happened, in a sentence fragment: "TLSv1.3, TLS_AES_256_GCM_SHA384", "connection refused".
    pub fn result_words(&self) -> String {
        match &self.reach {
            Reach::Failed { why, detail } => {
                let what = match why {
                    Failure::Refused => "connection refused",
                    Failure::ConnectTimedOut => "no answer to the connection attempt (timed out)",
                    Failure::NoAnswer => "connected, but the server never answered (timed out)",
                    Failure::NameNotResolved => "the name does not resolve",
                    Failure::Handshake => "the TLS handshake failed",
                    Failure::Other => "the connection failed",
                };
                if detail.is_empty() {
                    what.to_string()
                } else if detail.starts_with("at ") {
                    format!("{what} {}", crate::base::excerpt(detail))
                } else {
                    format!("{what}: {}", crate::base::excerpt(detail))
                }
            }
            Reach::PlainHttpOnTls => "a TLS handshake was answered in plain HTTP".into(),
            Reach::TlsOnPlainHttp => "a plain HTTP request was answered with TLS".into(),
            Reach::PlainHttp => "plain HTTP".into(),
            Reach::Tls(t) => {
                let parts: Vec<&str> = [t.version.as_deref(), t.cipher.as_deref()]
                    .into_iter()
                    .flatten()
                    .collect();
                if parts.is_empty() {
                    "TLS".into()
                } else {
                    parts.join(", ")
                }
            }
        }
    }
}
