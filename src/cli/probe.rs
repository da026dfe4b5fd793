//! `wb-ssl-check probe`: dials each channel's endpoint once, as the configs name it, and hands what it
//! saw to the core as observations. The core judges them with the same rules and path validator as the
//! files; nothing here decides whether something is right.
//!
//! The TLS client is rustls (with ring): no system OpenSSL to find at build time, one static binary,
//! and it accepts whatever it is served (see [`Recorder`]) so the served chain can be judged
//! afterwards, for each client, with the file checks' validator. What rustls does not speak (TLS 1.0
//! and 1.1, RSA key exchange) shows as a failed handshake; the README says so.

use crate::facts::Endpoint;
use crate::input::observation::{Failure, HttpAnswer, Observation, ObservedBy, Reach, TlsSession};
use rustls::client::danger::{HandshakeSignatureValid, ServerCertVerified, ServerCertVerifier};
use rustls::pki_types::{CertificateDer, ServerName, UnixTime};
use rustls::{DigitallySignedStruct, SignatureScheme};
use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream, ToSocketAddrs};
use std::sync::Arc;
use std::time::Duration;

/// curl's `--connect-to HOST1:PORT1:HOST2:PORT2`: dial HOST2:PORT2 for HOST1:PORT1, keeping HOST1 as
/// the name (TLS server name, `Host:`). For a server not yet in DNS, one node behind a load balancer,
/// or the tests' servers.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ConnectTo {
    pub host: String,
    pub port: u16,
    pub to_host: String,
    pub to_port: u16,
}

impl std::str::FromStr for ConnectTo {
    type Err = String;
    fn from_str(s: &str) -> Result<ConnectTo, String> {
        // Bracketed IPv6 literals may hold colons: split on the colons outside brackets.
        let mut parts = Vec::new();
        let mut depth = 0;
        let mut start = 0;
        for (i, c) in s.char_indices() {
            match c {
                '[' => depth += 1,
                ']' => depth -= 1,
                ':' if depth == 0 => {
                    parts.push(&s[start..i]);
                    start = i + 1;
                }
                _ => {}
            }
        }
        parts.push(&s[start..]);
        let bad = || {
            format!("`{s}` is not HOST:PORT:ADDRESS:PORT (e.g. wb.example.org:443:127.0.0.1:8443)")
        };
        let [host, port, to_host, to_port] = parts.as_slice() else {
            return Err(bad());
        };
        let unbracket = |h: &str| h.trim_start_matches('[').trim_end_matches(']').to_string();
        Ok(ConnectTo {
            host: unbracket(host),
            port: port.parse().map_err(|_| bad())?,
            to_host: unbracket(to_host),
            to_port: to_port.parse().map_err(|_| bad())?,
        })
    }
}

/// Accepts any certificate chain: the probe records what is served and judges it later, for each
/// client, with the path validator of the file checks. The handshake signatures are still verified, so
/// the recorded chain is one whose key the server holds.
#[derive(Debug)]
struct Recorder(Arc<rustls::crypto::CryptoProvider>);

impl ServerCertVerifier for Recorder {
    fn verify_server_cert(
        &self,
        _end_entity: &CertificateDer<'_>,
        _intermediates: &[CertificateDer<'_>],
        _server_name: &ServerName<'_>,
        _ocsp: &[u8],
        _now: UnixTime,
    ) -> Result<ServerCertVerified, rustls::Error> {
        Ok(ServerCertVerified::assertion())
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        rustls::crypto::verify_tls12_signature(
            message,
            cert,
            dss,
            &self.0.signature_verification_algorithms,
        )
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        rustls::crypto::verify_tls13_signature(
            message,
            cert,
            dss,
            &self.0.signature_verification_algorithms,
        )
    }

    fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
        self.0.signature_verification_algorithms.supported_schemes()
    }
}

fn client_config() -> Result<Arc<rustls::ClientConfig>, String> {
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let config = rustls::ClientConfig::builder_with_provider(provider.clone())
        .with_protocol_versions(rustls::ALL_VERSIONS)
        .map_err(|e| e.to_string())?
        .dangerous()
        .with_custom_certificate_verifier(Arc::new(Recorder(provider)))
        .with_no_client_auth();
    Ok(Arc::new(config))
}

/// Keeps the first bytes the server sent, so that a failed handshake can tell plain HTTP (`HTTP/1.1
/// 400`) from a real TLS failure.
struct Recording<'a> {
    stream: &'a mut TcpStream,
    head: Vec<u8>,
}

impl Read for Recording<'_> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.stream.read(buf)?;
        let room = 16usize.saturating_sub(self.head.len());
        self.head.extend_from_slice(&buf[..n.min(room)]);
        Ok(n)
    }
}

impl Write for Recording<'_> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.stream.write(buf)
    }
    fn flush(&mut self) -> std::io::Result<()> {
        self.stream.flush()
    }
}

fn timed_out(e: &std::io::Error) -> bool {
    matches!(
        e.kind(),
        std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut
    )
}

/// The status line and a few headers of an HTTP answer, read as pasted `curl -v` answers are; `None`
/// when the bytes do not start with one.
fn parse_http(bytes: &[u8]) -> Option<HttpAnswer> {
    let text = String::from_utf8_lossy(bytes);
    if !text.starts_with("HTTP/") {
        return None;
    }
    crate::input::paste::http_answer(text.split("\r\n"), "")
}

/// Sends `GET /` and reads the head of the answer (at most 16 KiB).
fn http_exchange(io: &mut impl ReadWrite, host_header: &str) -> std::io::Result<Vec<u8>> {
    let request = format!(
        "GET / HTTP/1.1\r\nHost: {host_header}\r\nUser-Agent: wb-ssl-check-probe\r\nAccept: */*\r\nConnection: close\r\n\r\n"
    );
    io.write_all(request.as_bytes())?;
    io.flush()?;
    let mut answer = Vec::new();
    let mut buf = [0u8; 4096];
    while answer.len() < 16 * 1024 && !answer.windows(4).any(|w| w == b"\r\n\r\n") {
        match io.read(&mut buf) {
            Ok(0) => break,
            Ok(n) => answer.extend_from_slice(&buf[..n]),
            Err(e) if answer.is_empty() => return Err(e),
            Err(_) => break,
        }
    }
    Ok(answer)
}

trait ReadWrite: Read + Write {}
impl<T: Read + Write> ReadWrite for T {}

/// Connects to the first address that answers, each tried once within `timeout`.
fn connect(
    host: &str,
    port: u16,
    timeout: Duration,
) -> Result<(TcpStream, SocketAddr), (Failure, String)> {
    let addrs: Vec<SocketAddr> = match (host, port).to_socket_addrs() {
        Ok(a) => a.collect(),
        Err(e) => return Err((Failure::NameNotResolved, e.to_string())),
    };
    if addrs.is_empty() {
        return Err((Failure::NameNotResolved, format!("{host} has no address")));
    }
    let mut last = (Failure::Other, String::new());
    for addr in addrs {
        match TcpStream::connect_timeout(&addr, timeout) {
            Ok(s) => return Ok((s, addr)),
            Err(e) => {
                let why = match e.kind() {
                    std::io::ErrorKind::ConnectionRefused => Failure::Refused,
                    _ if timed_out(&e) => Failure::ConnectTimedOut,
                    _ => Failure::Other,
                };
                // The failure's own words say refused or timed out; the address is what to add.
                last = match why {
                    Failure::Other => (why, format!("{addr}: {e}")),
                    _ => (why, format!("at {addr}")),
                };
            }
        }
    }
    Err(last)
}

/// Dials one endpoint once, as its client would (TLS or not), and records what happened.
pub fn observe(
    e: &Endpoint,
    dial_host: &str,
    connect_to: &[ConnectTo],
    timeout: Duration,
    http: bool,
) -> Observation {
    let mut obs = Observation {
        by: ObservedBy::Probe,
        input: None,
        channel: Some(e.channel),
        host: Some(dial_host.to_string()),
        port: Some(e.port),
        address: None,
        attempted_tls: Some(e.tls),
        reach: Reach::Failed {
            why: Failure::Other,
            detail: String::new(),
        },
        http: None,
    };
    let (to_host, to_port) = connect_to
        .iter()
        .find(|c| c.port == e.port && crate::net::same_host(&c.host, dial_host))
        .map(|c| (c.to_host.as_str(), c.to_port))
        .unwrap_or((dial_host, e.port));
    let (mut stream, addr) = match connect(to_host, to_port, timeout) {
        Ok(s) => s,
        Err((why, detail)) => {
            obs.reach = Reach::Failed { why, detail };
            return obs;
        }
    };
    obs.address = Some(addr.ip().to_string());
    let _ = stream.set_read_timeout(Some(timeout));
    let _ = stream.set_write_timeout(Some(timeout));
    let host_header = if e.port == if e.tls { 443 } else { 80 } {
        dial_host.to_string()
    } else if dial_host.contains(':') {
        format!("[{dial_host}]:{}", e.port)
    } else {
        format!("{dial_host}:{}", e.port)
    };
    if !e.tls {
        obs.reach = match http_exchange(&mut stream, &host_header) {
            Ok(bytes) if bytes.first().is_some_and(|b| (0x14..=0x17).contains(b)) => {
                Reach::TlsOnPlainHttp
            }
            Ok(bytes) => match parse_http(&bytes) {
                Some(answer) => {
                    obs.http = Some(answer);
                    Reach::PlainHttp
                }
                None if bytes.is_empty() => Reach::Failed {
                    why: Failure::NoAnswer,
                    detail: "the connection was closed without an answer to a plain HTTP request"
                        .into(),
                },
                None => Reach::Failed {
                    why: Failure::Other,
                    detail: "the answer to a plain HTTP request is not HTTP".into(),
                },
            },
            Err(err) if timed_out(&err) => Reach::Failed {
                why: Failure::NoAnswer,
                detail: format!("no answer within {} s", timeout.as_secs()),
            },
            Err(err) => Reach::Failed {
                why: Failure::Other,
                detail: err.to_string(),
            },
        };
        return obs;
    }
    let config = match client_config() {
        Ok(c) => c,
        Err(err) => {
            obs.reach = Reach::Failed {
                why: Failure::Other,
                detail: err,
            };
            return obs;
        }
    };
    // An IP address is dialled without a server name (SNI), as clients do.
    let name = ServerName::try_from(dial_host.to_string())
        .unwrap_or_else(|_| ServerName::try_from("invalid.invalid").expect("a valid DNS name"));
    let mut conn = match rustls::ClientConnection::new(config, name) {
        Ok(c) => c,
        Err(err) => {
            obs.reach = Reach::Failed {
                why: Failure::Other,
                detail: err.to_string(),
            };
            return obs;
        }
    };
    let mut recording = Recording {
        stream: &mut stream,
        head: Vec::new(),
    };
    let mut handshake = Ok(());
    while conn.is_handshaking() {
        match conn.complete_io(&mut recording) {
            Ok((0, 0)) => {
                handshake = Err(std::io::Error::new(
                    std::io::ErrorKind::UnexpectedEof,
                    "the server closed the connection during the handshake",
                ));
                break;
            }
            Ok(_) => {}
            Err(err) => {
                handshake = Err(err);
                break;
            }
        }
    }
    if let Err(err) = handshake {
        let head = recording.head;
        // A TLS record starts with its content type (0x14..0x17); text there is a plain HTTP server
        // (`HTTP/1.1 400`, or an HTML error page for a request it took for HTTP/0.9).
        let text = head.first().is_some_and(|b| !(0x14..=0x17).contains(b))
            && head
                .iter()
                .all(|b| b.is_ascii_graphic() || b.is_ascii_whitespace());
        obs.reach = if text {
            Reach::PlainHttpOnTls
        } else if timed_out(&err) && head.is_empty() {
            Reach::Failed {
                why: Failure::NoAnswer,
                detail: format!(
                    "no answer to the TLS handshake within {} s",
                    timeout.as_secs()
                ),
            }
        } else {
            Reach::Failed {
                why: Failure::Handshake,
                detail: err.to_string(),
            }
        };
        return obs;
    }
    let tls = TlsSession {
        version: conn.protocol_version().map(|v| match v {
            rustls::ProtocolVersion::TLSv1_3 => "TLSv1.3".to_string(),
            rustls::ProtocolVersion::TLSv1_2 => "TLSv1.2".to_string(),
            other => format!("{other:?}"),
        }),
        // IANA's names, as OpenSSL and curl print them for TLS 1.3 (rustls says `TLS13_…`).
        cipher: conn
            .negotiated_cipher_suite()
            .map(|s| format!("{:?}", s.suite()).replacen("TLS13_", "TLS_", 1)),
        chain: conn
            .peer_certificates()
            .unwrap_or_default()
            .iter()
            .map(|c| c.as_ref().to_vec())
            .collect(),
        ..TlsSession::default()
    };
    if http {
        let mut io = rustls::Stream::new(&mut conn, &mut stream);
        if let Ok(bytes) = http_exchange(&mut io, &host_header) {
            obs.http = parse_http(&bytes);
        }
    }
    obs.reach = Reach::Tls(tls);
    obs
}

/// Dials every endpoint of the configs once (channels that share an endpoint share the attempt) and
/// returns the observations, one per channel. `lines` receives a line per dial, for the terminal.
pub fn probe(
    endpoints: &[Endpoint],
    connect_to: &[ConnectTo],
    timeout: Duration,
    mut progress: impl FnMut(String),
) -> Vec<Observation> {
    let mut done: Vec<(String, u16, bool, Observation)> = Vec::new();
    let mut out = Vec::new();
    for e in endpoints {
        let host = e.dial.clone();
        let key = (host.to_ascii_lowercase(), e.port, e.tls);
        let seen = done
            .iter()
            .find(|(h, p, t, _)| (h.clone(), *p, *t) == key)
            .map(|(_, _, _, o)| o.clone());
        let mut o = match seen {
            Some(o) => o,
            None => {
                progress(format!(
                    "probing channel {} at {}…",
                    e.channel.as_str(),
                    e.url().replace("<workbench-host>", &host)
                ));
                let o = observe(
                    e,
                    &host,
                    connect_to,
                    timeout,
                    e.channel != crate::report::Channel::B,
                );
                done.push((key.0, key.1, key.2, o.clone()));
                o
            }
        };
        o.channel = Some(e.channel);
        out.push(o);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::ConnectTo;

    #[test]
    fn connect_to_parses_like_curl() {
        let c: ConnectTo = "wb.example.org:443:127.0.0.1:8443".parse().unwrap();
        assert_eq!(
            c,
            ConnectTo {
                host: "wb.example.org".into(),
                port: 443,
                to_host: "127.0.0.1".into(),
                to_port: 8443
            }
        );
        let v6: ConnectTo = "[::1]:443:[::1]:8443".parse().unwrap();
        assert_eq!((v6.host.as_str(), v6.to_port), ("::1", 8443));
        assert!("wb.example.org:443".parse::<ConnectTo>().is_err());
        assert!("a:x:b:1".parse::<ConnectTo>().is_err());
    }
}
