//! launcher.conf options: `[server]` and `[cluster]`. Sources: ../shared/notes/workbench-config.md §3.

use super::{cluster, server, OptionSpec, Touches, ValueType::*};

const N: Touches = Touches::None;
const B: Touches = Touches::B;

/// The cluster types Posit ships. Others need `exe`.
pub const CLUSTER_TYPES: &[&str] = &["Local", "Kubernetes", "Slurm"];

pub const OPTIONS: &[OptionSpec] = &[
    server(
        "address",
        Str,
        "localhost",
        B,
        "Address the Launcher listens on: IP, host name or unix socket path.",
    ),
    server(
        "port",
        Port,
        "5559",
        B,
        "Port the Launcher listens on; rserver's `launcher-port` must match.",
    ),
    server(
        "enable-ssl",
        Bool,
        "0",
        B,
        "Serve HTTPS; rserver's `launcher-use-ssl` must match.",
    ),
    server(
        "certificate-file",
        Path,
        "",
        B,
        "Certificate chain the Launcher presents; readable by server-user.",
    ),
    server(
        "certificate-key-file",
        Path,
        "",
        B,
        "Private key of the Launcher certificate; readable by server-user.",
    ),
    server(
        "server-user",
        Str,
        "rstudio-server",
        B,
        "Account the Launcher runs as.",
    ),
    server(
        "authorization-enabled",
        Bool,
        "1",
        B,
        "Enforce per-user job authorisation.",
    ),
    server(
        "admin-group",
        Str,
        "",
        B,
        "Group that may control every user's jobs: the group of rserver's server-user.",
    ),
    server(
        "thread-pool-size",
        Int,
        "",
        N,
        "Launcher threads (default: CPUs x 2).",
    ),
    server(
        "request-timeout-seconds",
        Int,
        "120",
        N,
        "Time a plugin has to answer a request.",
    ),
    server(
        "bootstrap-timeout-seconds",
        Int,
        "120",
        N,
        "Time a plugin has to start.",
    ),
    server("enable-debug-logging", Bool, "0", N, "Verbose logging."),
    // Seen in Posit's own configs: the Workbench operator's launcher.conf model (posit-dev/team-operator)
    // and a Posit solutions-engineering HPC install script.
    server(
        "unprivileged",
        Bool,
        "0",
        N,
        "Run the Launcher without root (containers without privileges).",
    ),
    server(
        "enable-cgroups",
        Bool,
        "0",
        N,
        "Put Local sessions into cgroups.",
    ),
    server(
        "secure-cookie-key-file",
        Path,
        "",
        B,
        "Shared secret that authenticates rserver's requests.",
    ),
    server(
        "scratch-path",
        Path,
        "/var/lib/rstudio-launcher",
        N,
        "Working directory handed to plugins.",
    ),
    server(
        "logging-dir",
        Path,
        "/var/log/rstudio/launcher",
        N,
        "Log directory handed to plugins.",
    ),
    server(
        "job-expiry-hours",
        Int,
        "24",
        N,
        "Hours to keep finished jobs.",
    ),
    server(
        "heartbeat-interval-seconds",
        Int,
        "5",
        N,
        "Plugin heartbeat interval (0 disables).",
    ),
    server(
        "max-message-size",
        Int,
        "5242880",
        N,
        "Largest message between the Launcher and plugins.",
    ),
    cluster(
        "name",
        Str,
        "Cluster name users see; rserver, jupyter.conf and vscode.conf refer to it.",
    ),
    cluster(
        "type",
        Str,
        "Plugin type: Local, Kubernetes or Slurm (or a custom plugin with `exe`).",
    ),
    cluster("exe", Path, "Plugin executable."),
    cluster(
        "config-file",
        Path,
        "Plugin configuration file (default /etc/rstudio/launcher.<type>.conf).",
    ),
    cluster(
        "allowed-groups",
        List,
        "Groups allowed to use this cluster (empty: everyone).",
    ),
];
