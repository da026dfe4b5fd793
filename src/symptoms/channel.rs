//! Which channel a message is about, decided only from what the text and the files say.
//!
//! Many messages alone cannot tell: `unable to get local issuer certificate` from an R session is
//! channel c when the session called Workbench's callback address, and no channel at all when it
//! downloaded a package from CRAN. The host and port the message (or a line near it) names decide,
//! compared with the endpoints the given files define; then who printed it and what the lines
//! around it are about. When nothing decides, the channel stays open, with the candidates and what
//! would decide it: a guess here would send the support engineer to the wrong file.

use super::PrintedBy;
use crate::base::Channel;
use crate::net;
use crate::report::Report;

/// A host (and port) named in a line of text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Address {
    pub host: String,
    pub port: Option<u16>,
}

impl Address {
    pub fn shown(&self) -> String {
        match self.port {
            Some(p) if self.host.contains(':') => format!("[{}]:{p}", self.host),
            Some(p) => format!("{}:{p}", self.host),
            None => self.host.clone(),
        }
    }
}

/// The endpoints the report's channels name: (channel, host, port), the nodes' included.
pub struct Endpoints {
    list: Vec<(Channel, Address)>,
    /// Whether every channel's endpoint is known (no placeholder host): only then can a host that is
    /// none of them be said to be outside Workbench.
    complete: bool,
    /// Whether Workbench's own config files (rserver.conf, launcher.conf) are among the inputs.
    workbench_files: bool,
    /// The ports browsers reach Workbench on, by the given files, whatever its host.
    browser_ports: Vec<u16>,
}

impl Endpoints {
    pub fn of(report: &Report) -> Endpoints {
        let mut list = Vec::new();
        let mut browser_ports = Vec::new();
        let mut complete = !report.channels.is_empty();
        for c in &report.channels {
            let urls = c
                .endpoint
                .iter()
                .chain(c.nodes.iter().filter_map(|n| n.endpoint.as_ref()));
            let mut any = false;
            for url in urls {
                if let Ok(u) = net::parse_http_url(url) {
                    if c.id == Channel::A {
                        browser_ports.push(u.port());
                    }
                    if !u.host.starts_with('<') {
                        any = true;
                        list.push((
                            c.id,
                            Address {
                                port: Some(u.port()),
                                host: u.host,
                            },
                        ));
                    }
                }
            }
            complete &= any;
        }
        let workbench_files = report
            .inputs
            .iter()
            .any(|i| i.kind == "rserver-conf" || i.kind == "launcher-conf");
        Endpoints {
            list,
            complete,
            workbench_files,
            browser_ports,
        }
    }

    /// The channels (in order) whose endpoint is `address`.
    fn channels_of(&self, address: &Address) -> Vec<Channel> {
        ALL.into_iter()
            .filter(|c| {
                self.list.iter().any(|(on, e)| {
                    on == c
                        && net::same_host(&e.host, &address.host)
                        && (address.port.is_none() || address.port == e.port)
                })
            })
            .collect()
    }
}

/// The channel of one message, or why it stays open.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Decision {
    pub channel: Option<Channel>,
    /// With no channel: the channels it may still be. Empty when it is none of Workbench's.
    pub candidates: Vec<Channel>,
    /// How it was decided, or what would decide it.
    pub why: String,
    /// The host (and port) the decision rests on, when one was named.
    pub address: Option<Address>,
}

const ALL: [Channel; 4] = [Channel::A, Channel::B, Channel::C, Channel::D];

/// Hosts that are never one of Workbench's endpoints: package repositories, code hosting, container
/// registries. A message about them is about the session's or the server's internet access.
fn outside_host(host: &str) -> Option<&'static str> {
    let h = host.trim_end_matches('.').to_ascii_lowercase();
    let under = |domain: &str| h == domain || h.ends_with(&format!(".{domain}"));
    const REPOSITORIES: [&str; 16] = [
        "r-project.org",
        "rstudio.com",
        "posit.co",
        "p3m.dev",
        "bioconductor.org",
        "r-universe.dev",
        "pypi.org",
        "pythonhosted.org",
        "anaconda.org",
        "anaconda.com",
        "conda.io",
        "npmjs.org",
        "cran.rstudio.org",
        "rstudio.org",
        "rstudioservices.com",
        "shinyapps.io",
    ];
    const CODE: [&str; 6] = [
        "github.com",
        "githubusercontent.com",
        "gitlab.com",
        "bitbucket.org",
        "docker.io",
        "quay.io",
    ];
    if REPOSITORIES.iter().any(|d| under(d)) {
        Some("a package repository or Posit's own site")
    } else if CODE.iter().any(|d| under(d)) {
        Some("a code or container host")
    } else if under("kubernetes.default") || h == "kubernetes" {
        Some("the Kubernetes API")
    } else {
        None
    }
}

/// Hosts that tools cite in their messages as further reading (`More details here:
/// https://curl.se/docs/sslcerts.html`): never the host the message is about.
fn documentation_host(host: &str) -> bool {
    let h = host.trim_end_matches('.').to_ascii_lowercase();
    [
        "curl.se",
        "curl.haxx.se",
        "www.openssl.org",
        "docs.python.org",
        "docs.posit.co",
        "support.posit.co",
        "go.dev",
        "kubernetes.io",
    ]
    .contains(&h.as_str())
}

/// Characters that end a host or URL in running text.
fn is_separator(c: char) -> bool {
    c.is_whitespace() || "\"'`<>()[]{},;|\\".contains(c)
}

/// A host name or IP address as written in a log: letters, digits, `-`, `.`, `_`, and a letter
/// somewhere (so `12:30` is no host) unless it is an IP. Source files (`_ssl.c:1123`, `tls.go:123`)
/// look like host:port and are not.
fn host_like(host: &str) -> bool {
    if net::is_ip(host) {
        return true;
    }
    const SOURCE_EXTENSIONS: [&str; 12] = [
        "c", "cc", "cpp", "h", "hpp", "py", "go", "java", "js", "ts", "rb", "r",
    ];
    !host.is_empty()
        && !host.starts_with(['.', '-'])
        && !host.ends_with(['.', '-'])
        && host.bytes().any(|b| b.is_ascii_alphabetic())
        && host
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"-._".contains(&b))
        && !host
            .rsplit_once('.')
            .is_some_and(|(_, ext)| SOURCE_EXTENSIONS.contains(&ext.to_ascii_lowercase().as_str()))
}

fn port_of(text: &str) -> Option<u16> {
    let digits: String = text.chars().take_while(char::is_ascii_digit).collect();
    digits.parse().ok().filter(|p| *p > 0)
}

/// The hosts a line names, in order: URLs (`https://wb.example.org:8787/`), `host:port`, curl's
/// `to wb.example.org port 5559`, Python's `host='wb', port=8787`.
pub fn addresses(line: &str) -> Vec<Address> {
    let mut out: Vec<Address> = Vec::new();
    let mut push = |a: Address| {
        if !out.contains(&a) && !documentation_host(&a.host) {
            out.push(a);
        }
    };
    // IPv6 in brackets, `[::1]:8787`: brackets end tokens below, so read first.
    for (i, _) in line.match_indices('[') {
        let rest = &line[i + 1..];
        let Some(end) = rest.find(']') else { continue };
        let inside = &rest[..end];
        // OpenSSH brackets IPv4 addresses too: `bind [127.0.0.1]:8787: Address already in use`.
        if net::is_ip(inside) && (inside.contains(':') || rest[end + 1..].starts_with(':')) {
            let port = rest[end + 1..].strip_prefix(':').and_then(port_of);
            push(Address {
                host: inside.to_string(),
                port,
            });
        }
    }
    let tokens: Vec<&str> = line.split(is_separator).filter(|t| !t.is_empty()).collect();
    // The caller's own address (`client: 127.0.0.1:51874`, `from 10.0.0.7`) is not the one it called.
    let callers_side = |i: usize| {
        i.checked_sub(1)
            .and_then(|j| tokens.get(j))
            .map(|t| t.trim_end_matches(':').to_ascii_lowercase())
            .is_some_and(|t| t == "client" || t == "from")
    };
    for (i, raw) in tokens.iter().enumerate() {
        if callers_side(i) {
            continue;
        }
        // rserver's `[host: 127.0.0.1, port: 5559]`.
        if raw.eq_ignore_ascii_case("host:") {
            let host = tokens.get(i + 1).copied().unwrap_or("");
            let port = tokens[i + 1..]
                .windows(2)
                .take(3)
                .find(|w| w[0].eq_ignore_ascii_case("port:"))
                .and_then(|w| port_of(w[1]));
            if host_like(host) {
                push(Address {
                    host: host.to_string(),
                    port,
                });
            }
            continue;
        }
        let token = raw.trim_end_matches(['.', ':', '!', '?']);
        if let Some((scheme, rest)) = token.split_once("://") {
            let scheme = scheme.to_ascii_lowercase();
            let scheme = scheme
                .rsplit(|c: char| !c.is_ascii_alphabetic())
                .next()
                .unwrap_or("");
            if !["http", "https", "ws", "wss", "tcp"].contains(&scheme) {
                continue;
            }
            let authority = rest.split(['/', '?', '#']).next().unwrap_or(rest);
            let authority = authority.rsplit('@').next().unwrap_or(authority);
            let (host, port) = net::split_host_port(authority);
            if host_like(host) {
                let port = match port {
                    Some(p) => port_of(p),
                    None if scheme.starts_with("http") => Some(net::default_port(scheme)),
                    None if scheme == "wss" => Some(443),
                    None if scheme == "ws" => Some(80),
                    None => None,
                };
                push(Address {
                    host: host.to_string(),
                    port,
                });
            }
            continue;
        }
        // Python: host='wb.example.org', port=8787
        if let Some(host) = token.strip_prefix("host=") {
            let host = if host.is_empty() {
                tokens.get(i + 1).copied().unwrap_or("")
            } else {
                host
            };
            let port = tokens[i + 1..]
                .iter()
                .take(4)
                .find_map(|t| t.strip_prefix("port=").and_then(port_of));
            if host_like(host) {
                push(Address {
                    host: host.to_string(),
                    port,
                });
            }
            continue;
        }
        // curl: "Failed to connect to wb.example.org port 5559", "Connected to wb (10.0.0.5) port 443"
        if token == "port" {
            // The word before `port`, or before its `(ip)`: the name people use. A plain word
            // (`listening on port 8787`) is no host unless curl's `to` introduces it.
            let word = |j: usize| tokens.get(j).map(|t| t.trim_end_matches(':'));
            let near = i.checked_sub(1).and_then(word);
            let far = i.checked_sub(2).and_then(word);
            let (host, before) = match (near, far) {
                (Some(n), Some(f)) if net::is_ip(n) && host_like(f) && f != "to" => {
                    (f, i.checked_sub(3).and_then(word))
                }
                (Some(n), f) => (n, f),
                _ => continue,
            };
            let named = host.contains('.')
                || net::is_ip(host)
                || host == "localhost"
                || matches!(before, Some("to" | "host"));
            if let (true, true, Some(port)) = (
                host_like(host),
                named,
                tokens.get(i + 1).and_then(|t| port_of(t)),
            ) {
                push(Address {
                    host: host.to_string(),
                    port: Some(port),
                });
            }
            continue;
        }
        let (host, port) = net::split_host_port(token);
        let port = port
            .filter(|p| p.len() <= 5 && p.bytes().all(|b| b.is_ascii_digit()))
            .and_then(port_of);
        // A single word before a small number is a label (`verify return:1`), not a host; a
        // single-label host is believed with a service's port (`launcher:5559`).
        let believable = |host: &str, port: u16| {
            host.contains('.') || net::is_ip(host) || host == "localhost" || port >= 1024
        };
        if let (true, Some(port)) = (host_like(host), port.filter(|p| believable(host, *p))) {
            push(Address {
                host: host.to_string(),
                port: Some(port),
            });
        }
    }
    out
}

/// Who printed a line, when the line says so itself. First the program's own tag, as rserver, the
/// Launcher and rsession log (`[rserver] ERROR ...`, journald's `rserver[1234]: ...`): the program
/// that logged the message is the one that saw it, even when it quotes libcurl (`[rserver] ERROR curl:
/// (7) ...`). Else curl's own words: NSS's and OpenSSL's texts are printed by curl as well as by
/// browsers and servers (`curl: (35) Cannot communicate securely with peer`).
pub fn printer_in(line: &str) -> Option<PrintedBy> {
    let lower = line.to_ascii_lowercase();
    const TAGS: &[(&str, PrintedBy)] = &[
        ("rstudio-launcher", PrintedBy::Launcher),
        ("rstudio-kubernetes-launcher", PrintedBy::Launcher),
        ("rstudio-local-launcher", PrintedBy::Launcher),
        ("rstudio-slurm-launcher", PrintedBy::Launcher),
        ("rserver", PrintedBy::Rserver),
        ("rstudio-server", PrintedBy::Rserver),
        ("rsession", PrintedBy::Session),
    ];
    // `[name]`, `[name-user]` (rsession's log names its user) or `name[pid]:`, before the message.
    let tagged = |name: &str| {
        lower.contains(&format!("[{name}]"))
            || lower.contains(&format!("[{name}-"))
            || lower
                .match_indices(&format!("{name}["))
                .any(|(i, _)| i == 0 || lower.as_bytes()[i - 1] == b' ')
    };
    if let Some((_, p)) = TAGS.iter().find(|(name, _)| tagged(name)) {
        return Some(*p);
    }
    (lower.contains("curl: (") || lower.contains("curl error") || lower.contains("curl::"))
        .then_some(PrintedBy::Curl)
}

/// Words that mark RStudio Desktop's own logs and dialogs, each seen in Desktop's reports in
/// rstudio/rstudio: its program tag (`[rdesktop] ERROR`, #3062), its log folder on Windows
/// (`AppData/Local/RStudio`, with either slash, #14653, #12969; `RStudio-Desktop\\log`, #7772), the
/// macOS bundle (`RStudio.app/Contents/`, #13395), the Linux install folder (`/usr/lib/rstudio/`,
/// #2362; the slash keeps the server's `/usr/lib/rstudio-server/` out) and its code's namespace.
/// Desktop runs the IDE and its R session on one computer, talking over loopback: none of
/// Workbench's channels, though its errors read like a browser's (`ERR_CONNECTION_REFUSED` on
/// `127.0.0.1:<port>`) or rserver's. Only what Desktop itself writes is a marker: a ticket's prose
/// ("it works in RStudio Desktop") is not.
const DESKTOP_MARKERS: [&str; 7] = [
    "[rdesktop]",
    "RStudio-Desktop",
    "rstudio::desktop::",
    "RStudio.app/Contents/",
    "AppData\\Local\\RStudio",
    "AppData/Local/RStudio",
    "/usr/lib/rstudio/",
];

/// The Desktop marker a text holds, if any: one of the words above, or Desktop's user agent
/// (`RStudio/2023.12.0+369 Chrome/116.0 Electron/26.2.4`, #14653), which a browser on Workbench
/// never sends.
pub fn desktop_marker(text: &str) -> Option<&'static str> {
    DESKTOP_MARKERS
        .into_iter()
        .find(|m| text.contains(m))
        .or_else(|| {
            (text.contains(" Electron/") && text.contains("RStudio/"))
                .then_some("RStudio/… Electron/")
        })
}

/// The decision for any message of a text that RStudio Desktop printed.
pub fn on_desktop(marker: &str, address: Option<Address>) -> Decision {
    open(
        Vec::new(),
        format!("the text is RStudio Desktop's (`{marker}`): the desktop IDE and its R session talk on one computer, which is none of Workbench's channels"),
        address,
    )
}

/// Words that place a line (or its neighbours) on a channel when no host does.
fn channel_by_words(text: &str, printed_by: PrintedBy, input: &str) -> Option<(Channel, String)> {
    let lower = text.to_ascii_lowercase();
    let input = input.to_ascii_lowercase();
    for word in [
        "rs_server_url",
        "rs_server_address",
        "rserver-url",
        "sessions-callback",
    ] {
        if lower.contains(word) {
            return Some((
                Channel::C,
                format!("the text names `{word}`, the address sessions call Workbench back at"),
            ));
        }
    }
    let about_connecting = [
        "connect",
        "ssl",
        "tls",
        "certificate",
        "refused",
        "timed out",
        "timeout",
        "handshake",
        "x509",
        "verify",
    ]
    .iter()
    .any(|w| lower.contains(w));
    for word in [
        "remote node",
        "load_balancing",
        "load-balancing",
        "other node",
    ] {
        if about_connecting && lower.contains(word) {
            return Some((
                Channel::D,
                format!("the text is about another node of a load-balanced cluster (`{word}`)"),
            ));
        }
    }
    // rserver's own requests to another node of its cluster go to the load balancer's endpoints
    // (`/load-balancer/distributed_events`, ...), and its errors name the request's URI.
    if lower.contains("uri: /load-balancer/") {
        return Some((
            Channel::D,
            "the failed request went to `/load-balancer/…`, the endpoints the nodes of a load-balanced cluster call on each other".into(),
        ));
    }
    let by_rserver = matches!(printed_by, PrintedBy::Rserver)
        || input.contains("rserver")
        || lower.contains("rserver")
        || lower.contains("rstudio-server");
    if by_rserver && about_connecting && !input.contains("launcher") && lower.contains("launcher") {
        return Some((
            Channel::B,
            "rserver printed it about the Launcher: the connection from rserver to the Job Launcher"
                .into(),
        ));
    }
    None
}

fn decided(channel: Channel, why: String, address: Option<Address>) -> Decision {
    Decision {
        channel: Some(channel),
        candidates: Vec::new(),
        why,
        address,
    }
}

fn open(candidates: Vec<Channel>, why: String, address: Option<Address>) -> Decision {
    Decision {
        channel: None,
        candidates,
        why,
        address,
    }
}

/// The decision for a message of a family with a fixed channel, printed by its own program (the
/// browsers' pages are not among them: their words are any website's, see `fronted`). One
/// exception, for the IDE's messages in a browser: about a loopback address on a port that is
/// neither rserver's default (8787) nor an endpoint of the given files, the IDE is RStudio
/// Desktop's or a local one as often as a tunnel to Workbench, so the channel stays open.
pub fn fixed(
    printed_by: PrintedBy,
    channel: Channel,
    context: &[&str],
    endpoints: &Endpoints,
) -> Decision {
    let line = context.first().copied().unwrap_or_default();
    // Chromium's page names the host alone (`127.0.0.1 refused to connect`); the URL the user
    // typed, in the lines around it, may give its port.
    let address = addresses(line).into_iter().next().or_else(|| {
        line.split(is_separator)
            .map(|t| t.trim_end_matches(['.', ':']))
            .find(|t| net::is_loopback(t) && (net::is_ip(t) || *t == "localhost"))
            .map(|t| Address {
                host: t.to_string(),
                port: None,
            })
    });
    let near = context.get(1..).unwrap_or_default();
    let address = match address {
        Some(a) if a.port.is_none() => Some(
            near.iter()
                .flat_map(|l| addresses(l))
                .find(|n| n.port.is_some() && n.host.eq_ignore_ascii_case(&a.host))
                .unwrap_or(a),
        ),
        Some(a) => Some(a),
        // A browser's error code on a line of its own: the page's address is in the lines around
        // it (`An error occurred during a connection to localhost:3000.`).
        None if printed_by == PrintedBy::Browser => near.iter().flat_map(|l| addresses(l)).next(),
        None => None,
    };
    if let Some(a) = &address {
        let browser = printed_by == PrintedBy::Browser && endpoints.channels_of(a).is_empty();
        if browser && net::is_loopback(&a.host) && a.port != Some(8787) {
            return open(
                vec![channel],
                format!("a browser on the user's own computer ({}): RStudio Desktop's own session or a local app as often as a tunnel to Workbench; Workbench's address (rserver's port, 8787 by default, or the given files' endpoints) would decide", a.shown()),
                address,
            );
        }
        // Browsers reach Workbench on 443 or 80 (through a proxy) or on rserver's 8787; another
        // port named in the page (JupyterHub's 8000, Jupyter's 8888, Shiny's 3838) is another
        // application's as often as a Workbench moved off its default.
        if browser
            && a.port.is_some_and(|p| {
                !matches!(p, 80 | 443 | 8787) && !endpoints.browser_ports.contains(&p)
            })
        {
            return open(
                vec![channel],
                format!("a browser's error about {}, a port Workbench does not use by default (443 or 80 behind a proxy, 8787 for rserver): another application's as often as Workbench's; Workbench's rserver.conf (www-port) would decide", a.shown()),
                address,
            );
        }
    }
    decided(
        channel,
        format!(
            "{} prints this message only about channel {}",
            printed_by.words(),
            channel.as_str()
        ),
        address,
    )
}

/// Words that say Workbench is what a proxy fronts: its programs, and the paths only its pages
/// use (the sign-in page, the IDE's event stream and RPCs).
const WORKBENCH_WORDS: [&str; 7] = [
    "rstudio",
    "rserver",
    "rsession",
    "workbench",
    "/auth-sign-in",
    "/events/get_events",
    "/rpc/",
];

/// The Workbench word a text names, if any (case-insensitive), outside the URLs and host names of
/// Posit's public sites, package repositories and code hosts: `shiny.rstudio.com` or
/// `github.com/rstudio/rstudio` in a pasted text is no sign that Workbench is behind a proxy. Or
/// `8787`, rserver's default port, as a word of its own.
pub fn names_workbench(text: &str) -> Option<&'static str> {
    // No word spans a separator, so each token is read alone, and only a token with a word is
    // looked at as a host (a log may be 64 MB).
    text.to_ascii_lowercase()
        .split(is_separator)
        .find_map(|token| {
            // rserver's port as a word of its own (`-p 8787:8787`, `port 8787`, Chrome's "Search
            // Google for 192 168 99 100 8787"), as an address's port shows it in `fronted`.
            let last = token.rsplit(':').next().unwrap_or(token);
            if last.trim_matches(|c: char| !c.is_ascii_alphanumeric()) == "8787" {
                return Some("8787");
            }
            let word = WORKBENCH_WORDS.into_iter().find(|w| token.contains(w))?;
            let host = token.split_once("://").map_or(token, |(_, rest)| rest);
            let host = host.split(['/', ':']).next().unwrap_or(host);
            outside_host(host).is_none().then_some(word)
        })
}

/// The decision for a message any application's page or proxy prints (nginx's `upstream
/// prematurely closed`, HAProxy's `No server is available`, a browser's certificate or connection
/// error page, Chrome's mixed-content block): the same words come from any application, so the
/// family's channel holds only when the text (the line and the lines around it) shows Workbench
/// behind the proxy or on the page: rserver's port 8787 or an endpoint of the given files, a
/// Workbench program or path named anywhere in the text, or Workbench's own files given with it.
/// Else the channel stays open. A browser's page is no exception: the public reports of Chrome's
/// and Firefox's pages are about every kind of website, and a wrong channel sends the engineer to
/// the wrong file, where an open one asks for the file that decides.
pub fn fronted(
    channel: Channel,
    printed_by: PrintedBy,
    context: &[&str],
    whole_text_names: Option<&'static str>,
    endpoints: &Endpoints,
) -> Decision {
    let (what, behind) = match printed_by {
        PrintedBy::Browser => (
            "a browser's message about the page it shows",
            "the page is Workbench's",
        ),
        _ => (
            "a proxy's error about what it fronts",
            "Workbench is behind the proxy",
        ),
    };
    let on = channel.as_str();
    let found: Vec<Address> = context.iter().flat_map(|l| addresses(l)).collect();
    let address = found.first().cloned();
    // Another channel's endpoint (the Launcher's, in a ticket's next paragraph) is another story.
    if let Some(a) = found
        .iter()
        .find(|a| a.port == Some(8787) || endpoints.channels_of(a).contains(&channel))
    {
        return decided(
            channel,
            format!(
                "{what}, at {}: rserver's port or an endpoint of the given files, so channel {on}",
                a.shown()
            ),
            Some(a.clone()),
        );
    }
    if let Some(word) = whole_text_names {
        return decided(
            channel,
            format!("{what}, and the text names `{word}`: {behind}, so channel {on}"),
            address,
        );
    }
    if endpoints.workbench_files {
        return decided(
            channel,
            format!("{what}, pasted with Workbench's own files: {behind}, so channel {on}"),
            address,
        );
    }
    open(
        vec![channel],
        format!("{what}: channel {on} when {behind} (rserver's port, 8787 by default, a Workbench URL or log in the text), which nothing here shows"),
        address,
    )
}

/// Decides the channel of a message of a family whose channel depends on context. `context` is the
/// matched line first, then the lines around it, nearest first.
pub fn decide(
    printed_by: PrintedBy,
    context: &[&str],
    input: &str,
    endpoints: &Endpoints,
) -> Decision {
    let found = context
        .iter()
        .map(|line| addresses(line))
        .find(|a| !a.is_empty())
        .unwrap_or_default();
    for address in &found {
        let on = endpoints.channels_of(address);
        let named = Some(address.clone());
        let shown = address.shown();
        // One host may serve several channels (the callback is the public URL): who called it
        // decides.
        let by = match printed_by {
            PrintedBy::Browser => Channel::A,
            PrintedBy::Session => Channel::C,
            _ => Channel::None,
        };
        match on.as_slice() {
            [] => continue,
            [only] => {
                return decided(
                    *only,
                    format!(
                        "it names {shown}, the endpoint of channel {} in the given files",
                        only.as_str()
                    ),
                    named,
                )
            }
            several if several.contains(&by) => {
                return decided(
                    by,
                    format!(
                        "it names {shown}, which serves channels {}; {} printed it, so channel {}",
                        Channel::list(several, "and"),
                        printed_by.words(),
                        by.as_str()
                    ),
                    named,
                )
            }
            several => {
                return open(
                    several.to_vec(),
                    format!(
                        "it names {shown}, which serves channels {}: who dialled it decides (a browser: a; an R or Python session calling back: c; rserver on another node: d), as the lines around the message or the program that printed it would show",
                        Channel::list(several, "and")
                    ),
                    named,
                )
            }
        }
    }
    let address = found.first().cloned();
    if let Some(first) = &address {
        let shown = first.shown();
        let outside = found.iter().find_map(|a| {
            outside_host(&a.host)
                .or((a.port == Some(6443)).then_some("the Kubernetes API's port"))
                .map(|what| (a, what))
        });
        if let Some((a, what)) = outside {
            return open(
                Vec::new(),
                format!(
                    "it names {}, {what}: not one of Workbench's channels",
                    a.shown()
                ),
                Some(a.clone()),
            );
        }
        if endpoints.complete {
            // Another name for Workbench (a proxy, a load balancer, an alias) is reached by browsers
            // and by sessions calling back alike.
            let mut candidates = vec![Channel::A];
            if printed_by != PrintedBy::Browser {
                candidates.push(Channel::C);
            }
            return open(
                candidates,
                format!("it names {shown}, none of the endpoints the given files define: not a Workbench channel, unless that is another name for Workbench (a proxy or load balancer in front of it)"),
                address,
            );
        }
        // curl's command-line tool (its `curl: (N)` prefix; R's and Python's libcurl print the
        // message alone) run on the server against rserver's own port: a person or a health check
        // testing what browsers reach. Sessions calling back and other nodes do not use the tool.
        let curl_tool = context
            .first()
            .is_some_and(|l| l.trim_start().starts_with("curl: ("));
        if curl_tool && first.port == Some(8787) && net::is_loopback(&first.host) {
            return decided(
                Channel::A,
                format!("curl's command-line tool called {shown}, rserver's own port (www-port) on the server itself: a test of what browsers reach, channel a"),
                address,
            );
        }
        if first.port == Some(8787) && printed_by == PrintedBy::Kubernetes {
            return decided(
                Channel::A,
                format!("a Go program (an ingress, a proxy or a tunnel in front of Workbench) dialled {shown}: 8787 is Workbench's own port, so this is the proxy's side of channel a"),
                address,
            );
        }
        // A proxy or an SSH tunnel (the programs `other` stands for) forwards browsers to rserver's
        // own port; a session calling 8787 back is channel c, and rserver or the Launcher name it
        // for other reasons, so only these two printers decide.
        if first.port == Some(8787) && matches!(printed_by, PrintedBy::Other | PrintedBy::Browser) {
            return decided(
                Channel::A,
                format!("{} names {shown}: 8787 is rserver's own port (www-port), which browsers reach directly or through this proxy or tunnel: channel a", printed_by.words()),
                address,
            );
        }
        if first.port == Some(5559) && printed_by != PrintedBy::Browser {
            return decided(
                Channel::B,
                format!("it names {shown}: 5559 is the Job Launcher's port (rserver.conf launcher-port)"),
                address,
            );
        }
    }
    for line in context {
        if let Some((channel, why)) = channel_by_words(line, printed_by, input) {
            return decided(channel, why, address);
        }
    }
    let candidates = match printed_by {
        PrintedBy::Browser => vec![Channel::A],
        PrintedBy::Launcher => vec![Channel::B],
        PrintedBy::Rserver => vec![Channel::A, Channel::B, Channel::D],
        PrintedBy::Session => vec![Channel::C],
        PrintedBy::Kubernetes => Vec::new(),
        _ => ALL.to_vec(),
    };
    let what = match &address {
        Some(a) => format!(
            "it names {}, which no given file names as an endpoint",
            a.shown()
        ),
        None => "it names no host".to_string(),
    };
    let why = if candidates.is_empty() {
        format!("{what}; Kubernetes tooling prints it about the cluster itself (its API, a probe of a pod), not about a Workbench channel unless it names rserver's port 8787")
    } else {
        format!("{what}: the URL it called (in the lines around it) and the given rserver.conf and launcher.conf would decide; it may also be none of Workbench's channels (a package download, a licence server)")
    };
    open(candidates, why, address)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hosts(line: &str) -> Vec<String> {
        addresses(line).iter().map(Address::shown).collect()
    }

    #[test]
    fn hosts_in_the_wordings_of_real_tools() {
        assert_eq!(
            hosts("curl: (7) Failed to connect to wb.example.org port 5559: Connection refused"),
            ["wb.example.org:5559"]
        );
        assert_eq!(
            hosts("* Connected to workbench (10.0.0.5) port 8787 (#0)"),
            ["workbench:8787"]
        );
        assert_eq!(
            hosts("Get \"https://launcher.svc:5559/jobs\": x509: certificate signed by unknown authority"),
            ["launcher.svc:5559"]
        );
        assert_eq!(
            hosts("HTTPSConnectionPool(host='wb.example.org', port=8443): Max retries exceeded"),
            ["wb.example.org:8443"]
        );
        assert_eq!(
            hosts("dial tcp 10.1.2.3:5559: connect: connection refused"),
            ["10.1.2.3:5559"]
        );
        assert_eq!(
            hosts("URL 'https://cran.r-project.org/src/contrib/PACKAGES'"),
            ["cran.r-project.org:443"]
        );
    }

    #[test]
    fn times_and_source_files_are_no_hosts() {
        assert!(
            hosts("2024-01-02T10:22:33 ERROR certificate verify failed (_ssl.c:1123)").is_empty()
        );
        assert!(hosts("at 12:30 the session stopped (tls.go:456)").is_empty());
        assert!(hosts("depth=0 CN = wb\nverify return:1").is_empty());
        assert_eq!(
            hosts("dial tcp launcher:5559: i/o timeout"),
            ["launcher:5559"]
        );
    }

    fn endpoints(list: &[(Channel, &str, u16)], complete: bool) -> Endpoints {
        Endpoints {
            list: list
                .iter()
                .map(|(c, h, p)| {
                    (
                        *c,
                        Address {
                            host: h.to_string(),
                            port: Some(*p),
                        },
                    )
                })
                .collect(),
            complete,
            workbench_files: complete,
            browser_ports: list
                .iter()
                .filter(|(c, _, _)| *c == Channel::A)
                .map(|(_, _, p)| *p)
                .collect(),
        }
    }

    #[test]
    fn the_files_endpoints_decide() {
        let e = endpoints(
            &[
                (Channel::A, "wb.example.org", 443),
                (Channel::B, "launcher.internal", 5559),
                (Channel::C, "wb.example.org", 443),
            ],
            true,
        );
        let d = decide(
            PrintedBy::Openssl,
            &["Failed to connect to launcher.internal port 5559: unable to get local issuer certificate"],
            "ticket.txt",
            &e,
        );
        assert_eq!(d.channel, Some(Channel::B));
        // The public host is both a and c: who called it decides, and nobody named stays open.
        let line = [
            "curl: (60) SSL certificate problem: unable to get local issuer certificate",
            "* Connected to wb.example.org (10.0.0.1) port 443",
        ];
        assert_eq!(
            decide(PrintedBy::Session, &line, "t", &e).channel,
            Some(Channel::C)
        );
        let open = decide(PrintedBy::Curl, &line, "t", &e);
        assert_eq!(
            (open.channel, open.candidates),
            (None, vec![Channel::A, Channel::C])
        );
        // CRAN is no channel, whatever printed it.
        let cran = decide(PrintedBy::Session, &["URL 'https://cloud.r-project.org/src/contrib/PACKAGES': status was 'SSL certificate problem'"], "t", &e);
        assert_eq!((cran.channel, cran.candidates.is_empty()), (None, true));
    }

    #[test]
    fn without_files_only_strong_signs_decide() {
        let none = endpoints(&[], false);
        assert_eq!(
            decide(
                PrintedBy::Curl,
                &["Failed to connect to 10.0.0.9 port 5559"],
                "t",
                &none
            )
            .channel,
            Some(Channel::B)
        );
        let open = decide(
            PrintedBy::Openssl,
            &["unable to get local issuer certificate"],
            "t",
            &none,
        );
        assert_eq!(open.channel, None);
        assert_eq!(open.candidates.len(), 4);
        assert_eq!(
            decide(
                PrintedBy::Openssl,
                &["ERROR Could not connect to launcher: certificate verify failed"],
                "rserver.log",
                &none
            )
            .channel,
            Some(Channel::B)
        );
        assert_eq!(
            decide(
                PrintedBy::Session,
                &["error calling RS_SERVER_URL: self-signed certificate"],
                "t",
                &none
            )
            .channel,
            Some(Channel::C)
        );
    }
}
