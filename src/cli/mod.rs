//! The native command-line shell around the core: reads files and directories, passes the clock,
//! prints the report in the chosen format and maps it to an exit status.

mod fixes;
mod human;
mod probe;
mod sarif;
mod server;

use crate::input::Input;
use crate::{check, parse_time, render, rules, CheckOptions};
use clap::{Parser, Subcommand, ValueEnum};
use std::io::{IsTerminal, Read, Write};
use std::path::{Path, PathBuf};

#[derive(Clone, Copy, Debug, ValueEnum)]
enum Format {
    Human,
    Json,
    Sarif,
    Markdown,
}

/// Checks Posit Workbench SSL and Job Launcher configuration: rserver.conf, launcher.conf and the
/// certificates and keys they use.
#[derive(Parser, Debug)]
#[command(
    name = "wb-ssl-check",
    version,
    after_help = "Exit status: 0 no error findings, 1 error findings, 2 usage or I/O problem, 3 nothing among the inputs could be checked.\nWith --diff: 0 nothing to fix, 1 a diff was printed, 2 usage or I/O problem.\nWith --fix: as without it, for what is left after fixing; 2 also when a file changed while it was being fixed.\nExample: wb-ssl-check /etc/rstudio\nOn the server, `wb-ssl-check probe /etc/rstudio` also dials the three channels (see `wb-ssl-check probe --help`).",
    args_conflicts_with_subcommands = true,
    subcommand_negates_reqs = true
)]
struct Args {
    #[command(subcommand)]
    command: Option<Command>,
    /// Files or directories to check (a directory: its files, e.g. /etc/rstudio)
    #[arg(required_unless_present_any = ["explain", "list_rules", "rule_docs", "rule_docs_json", "export_public_roots", "export_chart_defaults", "write_man_and_completions"])]
    paths: Vec<PathBuf>,
    #[command(flatten)]
    check: CheckArgs,
    /// Print the fixes of config files as a unified diff, and change nothing (safe fixes only, unless
    /// --unsafe-fixes)
    #[arg(long)]
    diff: bool,
    /// Apply the fixes to the config files in place (never to certificates or keys), keeping a backup
    /// of each changed file (FILE.wb-ssl-check.bak), then check again and report what is left
    #[arg(long, conflicts_with = "diff")]
    fix: bool,
    /// With --diff or --fix: also the fixes that need review (which side of a mismatch to change, a
    /// host name chosen for you, verification turned back on)
    #[arg(long)]
    unsafe_fixes: bool,
    /// Print a rule's documentation and exit
    #[arg(long, value_name = "RULE")]
    explain: Option<String>,
    /// List every rule with severity, channel and summary
    #[arg(long)]
    list_rules: bool,
    /// Print the documentation of every rule as Markdown (docs/rules.md)
    #[arg(long, hide = true)]
    rule_docs: bool,
    /// Print every rule's documentation as JSON {rule: markdown} (the page's rule-docs.js)
    #[arg(long, hide = true)]
    rule_docs_json: bool,
    /// Write Mozilla's root program, as compiled in, to FILE (the page's public-roots.bin)
    #[arg(long, hide = true, value_name = "FILE")]
    export_public_roots: Option<PathBuf>,
    /// Write the Helm chart's defaults by version (chart-defaults.json, for the page) into FILE
    #[arg(long, hide = true, value_name = "FILE")]
    export_chart_defaults: Option<PathBuf>,
    /// Write the man pages (man1/) and shell completions (bash, zsh, fish) into DIR (the packages')
    #[arg(long, hide = true, value_name = "DIR")]
    write_man_and_completions: Option<PathBuf>,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Check the files, then dial each channel's endpoint as the configs name it (Workbench's address,
    /// the Launcher, the callback URL), once each, and judge what the running services serve. Run it
    /// on the Workbench server: that is where rserver dials the Launcher from.
    #[command(
        after_help = "Exit status: 0 no error findings, 1 error findings (including what was observed), 2 usage or I/O problem, 3 nothing among the inputs could be checked.\nExample: wb-ssl-check probe /etc/rstudio --hostname workbench.example.org"
    )]
    Probe(ProbeArgs),
}

/// The options of a check, with or without probing.
#[derive(clap::Args, Debug)]
struct CheckArgs {
    /// Output format
    #[arg(long, value_enum, default_value_t = Format::Human)]
    format: Format,
    /// Evaluation time as RFC 3339, e.g. 2026-11-26T12:00:00Z (default: now)
    #[arg(long)]
    now: Option<String>,
    /// The public host name users type in the browser (probe dials channel a there)
    #[arg(long)]
    hostname: Option<String>,
    /// A CA certificate file that clients trust (repeatable); chains ending there need no extra trust
    #[arg(long, value_name = "FILE")]
    trusted_ca: Vec<PathBuf>,
}

#[derive(clap::Args, Debug)]
struct ProbeArgs {
    /// Files or directories to check and probe (a directory: its files, e.g. /etc/rstudio)
    #[arg(required = true)]
    paths: Vec<PathBuf>,
    #[command(flatten)]
    check: CheckArgs,
    /// Dial ADDRESS:PORT2 for HOST:PORT, keeping HOST as the TLS server name, like curl's
    /// --connect-to (repeatable): a server not yet in DNS, one node behind a load balancer
    #[arg(long, value_name = "HOST:PORT:ADDRESS:PORT2")]
    connect_to: Vec<probe::ConnectTo>,
    /// Seconds allowed for each connection, handshake and answer
    #[arg(long, value_name = "SECONDS", default_value_t = 5, value_parser = clap::value_parser!(u64).range(1..=60))]
    timeout: u64,
}

/// Mozilla's root program (webpki-roots): the anchors browsers trust.
fn public_roots() -> Vec<crate::pki::trust::AnchorDer> {
    webpki_roots::TLS_SERVER_ROOTS
        .iter()
        .map(|a| crate::pki::trust::AnchorDer {
            subject: a.subject.as_ref().to_vec(),
            spki: a.subject_public_key_info.as_ref().to_vec(),
            name_constraints: a.name_constraints.as_ref().map(|n| n.as_ref().to_vec()),
        })
        .collect()
}

/// The system trust store of this machine (Debian/Ubuntu, then RHEL/SUSE locations): what rserver's
/// OpenSSL and the sessions' libcurl trust on a server.
fn system_roots() -> Vec<crate::pki::trust::AnchorDer> {
    const STORES: &[&str] = &[
        "/etc/ssl/certs/ca-certificates.crt",
        "/etc/pki/tls/certs/ca-bundle.crt",
        "/etc/pki/ca-trust/extracted/pem/tls-ca-bundle.pem",
        "/etc/ssl/ca-bundle.pem",
    ];
    let Some(bytes) = STORES.iter().find_map(|p| read_capped(Path::new(p)).ok()) else {
        return Vec::new();
    };
    let (text, _) = crate::input::decode(&bytes);
    let (blocks, _) = crate::input::pem::read_blocks(&text, crate::limits::MAX_PEM_BLOCKS);
    blocks
        .iter()
        .filter(|b| b.label.contains("CERTIFICATE"))
        .filter_map(|b| b.body.as_ref().ok())
        .filter_map(|der| crate::pki::trust::AnchorDer::from_certificate(der))
        .collect()
}

pub fn run() -> i32 {
    let args = match Args::try_parse() {
        Ok(a) => a,
        Err(e) => {
            let _ = e.print();
            return if e.use_stderr() { 2 } else { 0 };
        }
    };
    let mut stdout = std::io::stdout().lock();
    let color = std::io::stdout().is_terminal()
        && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty());
    if let Some(name) = &args.explain {
        return match rules::find(name) {
            Some(rule) => {
                let _ = write!(stdout, "{}", render::rule_explanation(rule));
                0
            }
            None => {
                eprintln!(
                    "wb-ssl-check: no rule named `{name}`; `wb-ssl-check --list-rules` lists them"
                );
                2
            }
        };
    }
    if args.list_rules {
        let _ = write!(stdout, "{}", human::rule_list(color));
        return 0;
    }
    if args.rule_docs_json {
        let docs: std::collections::BTreeMap<&str, String> = rules::REGISTRY
            .iter()
            .map(|r| {
                (
                    r.meta.name,
                    format!(
                        "Severity: {} · Channel: {} · Fix: {}\n\n{}",
                        r.meta.severity_text(),
                        r.meta.channel_words(),
                        r.meta.fix.as_str(),
                        r.meta.docs()
                    ),
                )
            })
            .collect();
        let _ = writeln!(
            stdout,
            "{}",
            serde_json::to_string(&docs).unwrap_or_default()
        );
        return 0;
    }
    if let Some(dir) = &args.write_man_and_completions {
        return match write_man_and_completions(dir) {
            Ok(()) => 0,
            Err(e) => {
                eprintln!("wb-ssl-check: {}: {e}", dir.display());
                2
            }
        };
    }
    if let Some(path) = &args.export_public_roots {
        let bytes = crate::pki::trust::encode_anchors(&public_roots());
        return match std::fs::write(path, bytes) {
            Ok(()) => 0,
            Err(e) => {
                eprintln!("wb-ssl-check: {}: {e}", path.display());
                2
            }
        };
    }
    if let Some(path) = &args.export_chart_defaults {
        // { "0.22.0": "<values.yaml>", ... }: the page's worker reads it as the CLI's compiled-in table.
        let table = crate::input::kubernetes::chart::ChartDefaults::compiled_in();
        let json: serde_json::Map<String, serde_json::Value> = table
            .versions
            .iter()
            .map(|(v, text)| (v.to_string(), serde_json::Value::String(text.clone())))
            .collect();
        return match std::fs::write(path, serde_json::Value::Object(json).to_string()) {
            Ok(()) => 0,
            Err(e) => {
                eprintln!("wb-ssl-check: {}: {e}", path.display());
                2
            }
        };
    }
    if args.rule_docs {
        let _ = write!(stdout, "{}", render::rule_docs_markdown());
        return 0;
    }
    if let Some(Command::Probe(p)) = args.command {
        return run_probe(p, color, &mut stdout);
    }
    let Some((inputs, options)) = gather(&args.paths, &args.check) else {
        return 2;
    };
    let report = check(&inputs, &options);
    if args.diff {
        return fixes::diff(&inputs, &report, &options, args.unsafe_fixes, &mut stdout);
    }
    let (report, fix_failed) = if args.fix {
        match fixes::fix(&inputs, report, &options, args.unsafe_fixes) {
            Ok(report) => (report, false),
            Err(failed) => {
                let (report, e) = *failed;
                eprintln!("wb-ssl-check: --fix: {e}");
                (report, true)
            }
        }
    } else {
        (report, false)
    };
    if !print(&report, args.check.format, color, &mut stdout) {
        return 2;
    }
    exit_status(&report, &inputs, fix_failed)
}

fn print(report: &crate::Report, format: Format, color: bool, out: &mut impl Write) -> bool {
    let text = match format {
        Format::Human => human::report(report, color),
        Format::Json => serde_json::to_string_pretty(report).unwrap_or_default() + "\n",
        Format::Sarif => sarif::sarif(report) + "\n",
        Format::Markdown => render::markdown(report),
    };
    out.write_all(text.as_bytes())
        .and_then(|_| out.flush())
        .is_ok()
}

fn exit_status(report: &crate::Report, inputs: &[Input], failed: bool) -> i32 {
    if failed || inputs.iter().any(|i| i.read_error.is_some()) {
        2
    } else if report.has_errors() {
        1
    } else if report.summary.nothing_checked {
        // Nothing could be checked: never the status of a clean check.
        3
    } else {
        0
    }
}

/// Reads the inputs and builds the options of a check; `None` (after saying why on stderr) on a usage
/// or I/O problem.
fn gather(paths: &[PathBuf], check: &CheckArgs) -> Option<(Vec<Input>, CheckOptions)> {
    let CheckArgs {
        now,
        hostname,
        trusted_ca,
        ..
    } = check;
    let now_unix = match now {
        Some(text) => match parse_time(text) {
            Some(t) => t,
            None => {
                eprintln!("wb-ssl-check: --now {text:?} is not an RFC 3339 time (e.g. 2026-11-26T12:00:00Z)");
                return None;
            }
        },
        None => std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_secs() as i64)
            .unwrap_or(0),
    };
    let mut inputs = Vec::new();
    for path in paths.iter().chain(trusted_ca) {
        if let Err(e) = collect(path, &mut inputs) {
            eprintln!("wb-ssl-check: {}: {e}", path.display());
            return None;
        }
    }
    // A CA given with --trusted-ca from a folder that is also checked is one input, not two.
    let mut seen = std::collections::HashSet::new();
    inputs.retain(|i| seen.insert(i.name.clone()));
    let roles = trusted_ca
        .iter()
        .map(|p| (p.display().to_string(), crate::pki::Role::TrustedCa))
        .collect();
    let server_files = server::follow_referenced_files(&mut inputs);
    // The folder part of the inputs read from each directory argument, as the model sees it.
    let whole_folders = paths
        .iter()
        .filter(|p| p.is_dir())
        .map(|p| {
            let name = p.join("x").display().to_string();
            crate::model::folder_of(&name).to_string()
        })
        .collect();
    let options = CheckOptions {
        now_unix: Some(now_unix),
        hostname: hostname.clone(),
        roles,
        // On the server, rserver and the sessions trust the system store too.
        system_roots: if server_files.is_some() {
            system_roots()
        } else {
            Vec::new()
        },
        server_files,
        public_roots: public_roots(),
        observations: Vec::new(),
        whole_folders,
        symptom_catalog: Some(crate::symptoms::builtin()),
        answers: Default::default(),
        chart_defaults: None,
    };
    Some((inputs, options))
}

/// `wb-ssl-check probe`: the endpoints come from the configs (through the core's model), the dialling
/// is done here, and the observations go back into the same check.
fn run_probe(p: ProbeArgs, color: bool, stdout: &mut impl Write) -> i32 {
    let Some((inputs, mut options)) = gather(&p.paths, &p.check) else {
        return 2;
    };
    // Probing runs on the server, whose system store rserver and the sessions use, even when the
    // files were given one by one.
    if options.system_roots.is_empty() {
        options.system_roots = system_roots();
    }
    let endpoints = match crate::facts::planned_endpoints(&inputs, &options) {
        Ok(e) => e,
        Err(why) => {
            eprintln!("wb-ssl-check probe: {why}");
            return 2;
        }
    };
    let quiet = !std::io::stderr().is_terminal();
    options.observations = probe::probe(
        &endpoints,
        &p.connect_to,
        std::time::Duration::from_secs(p.timeout),
        |line| {
            if !quiet {
                eprintln!("{line}");
            }
        },
    );
    let report = check(&inputs, &options);
    if !print(&report, p.check.format, color, stdout) {
        return 2;
    }
    exit_status(&report, &inputs, false)
}

/// Adds a file, or the files of a directory (not its subdirectories), to the inputs. Unreadable files
/// inside a directory become inputs with a read error, so they are reported and the rest is checked;
/// a path named on the command line that cannot be opened at all is an error.
fn collect(path: &Path, inputs: &mut Vec<Input>) -> std::io::Result<()> {
    let meta = std::fs::metadata(path)?;
    if !meta.is_dir() {
        inputs.push(Input::new(path.display().to_string(), read_capped(path)?));
        return Ok(());
    }
    let mut entries: Vec<PathBuf> = std::fs::read_dir(path)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    entries.sort();
    for entry in entries {
        let name = entry.display().to_string();
        // Our own backups (`--fix`) are the files as they were, not part of the server.
        if name.ends_with(fixes::BACKUP_SUFFIX) || name.ends_with(fixes::TEMP_SUFFIX) {
            continue;
        }
        match std::fs::metadata(&entry) {
            Ok(m) if m.is_dir() => continue,
            Ok(m) if !m.is_file() => inputs.push(Input::unreadable(name, "not a regular file")),
            Ok(_) => match read_capped(&entry) {
                Ok(bytes) => inputs.push(Input::new(name, bytes)),
                Err(e) => inputs.push(Input::unreadable(name, e.to_string())),
            },
            Err(e) => inputs.push(Input::unreadable(name, e.to_string())),
        }
    }
    Ok(())
}

/// Reads at most one byte more than the core accepts, so a huge file is reported, not loaded.
pub(crate) fn read_capped(path: &Path) -> std::io::Result<Vec<u8>> {
    let mut bytes = Vec::new();
    std::fs::File::open(path)?
        .take(crate::limits::MAX_TEXT_BYTES as u64 + 1)
        .read_to_end(&mut bytes)?;
    Ok(bytes)
}

/// The man pages (`wb-ssl-check.1`, `wb-ssl-check-probe.1`) and the bash, zsh and fish completions, from
/// clap's description of the command line.
fn write_man_and_completions(dir: &Path) -> std::io::Result<()> {
    use clap::CommandFactory;
    let man = dir.join("man1");
    let completions = dir.join("completions");
    std::fs::create_dir_all(&man)?;
    std::fs::create_dir_all(&completions)?;
    let mut cmd = Args::command();
    cmd.build();
    let mut page = Vec::new();
    clap_mangen::Man::new(cmd.clone()).render(&mut page)?;
    std::fs::write(man.join("wb-ssl-check.1"), page)?;
    for sub in cmd.get_subcommands().filter(|s| s.get_name() != "help") {
        // clap takes a `&'static str` name (without its `string` feature): this runs once and exits.
        let name: &'static str =
            Box::leak(format!("wb-ssl-check-{}", sub.get_name()).into_boxed_str());
        let mut page = Vec::new();
        clap_mangen::Man::new(sub.clone().name(name)).render(&mut page)?;
        std::fs::write(man.join(format!("{name}.1")), page)?;
    }
    use clap_complete::Shell;
    for shell in [Shell::Bash, Shell::Zsh, Shell::Fish] {
        clap_complete::generate_to(shell, &mut cmd, "wb-ssl-check", &completions)?;
    }
    Ok(())
}
