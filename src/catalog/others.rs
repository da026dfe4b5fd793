//! jupyter.conf, vscode.conf, positron.conf, load-balancer, launcher plugin and profile files.
//! Sources: ../shared/notes/workbench-config.md §4.6 and §5, and the real configs in the corpus.

use super::{opt, OptionSpec, Touches, ValueType::*};

const N: Touches = Touches::None;
const A: Touches = Touches::A;
const B: Touches = Touches::B;

pub const LOG_LEVELS: &[&str] = &["off", "error", "warn", "warning", "info", "debug"];

pub const JUPYTER: &[OptionSpec] = &[
    opt("labs-enabled", Bool, "0", N, "Offer JupyterLab sessions."),
    opt(
        "notebooks-enabled",
        Bool,
        "0",
        N,
        "Offer Jupyter Notebook sessions.",
    ),
    opt(
        "jupyter-exe",
        Path,
        "/usr/local/bin/jupyter",
        N,
        "Jupyter executable.",
    ),
    opt("lab-version", Str, "auto", N, "JupyterLab version."),
    opt("notebook-version", Str, "auto", N, "Notebook version."),
    opt("lab-args", Str, "", N, "Extra JupyterLab arguments."),
    opt("notebook-args", Str, "", N, "Extra Notebook arguments."),
    opt(
        "session-clusters",
        List,
        "",
        B,
        "Clusters offered for Jupyter sessions.",
    ),
    opt(
        "default-session-cluster",
        Str,
        "",
        B,
        "Default cluster; names a [cluster] in launcher.conf.",
    ),
    opt(
        "default-session-container-image",
        Str,
        "",
        N,
        "Default container image.",
    ),
    opt(
        "session-container-images",
        List,
        "",
        N,
        "Container images offered.",
    ),
    opt(
        "session-cull-minutes",
        Int,
        "120",
        N,
        "Minutes of inactivity before culling.",
    ),
    opt(
        "session-shutdown-minutes",
        Int,
        "5",
        N,
        "Minutes before an idle server shuts down.",
    ),
    opt(
        "session-cull-connected",
        Bool,
        "0",
        N,
        "Also cull sessions with a connected browser.",
    ),
    opt(
        "session-no-profile",
        Bool,
        "0",
        N,
        "Do not run the shell profile.",
    ),
];

const EDITOR: [OptionSpec; 12] = [
    opt("enabled", Bool, "0", N, "Offer these sessions."),
    opt("exe", Path, "", N, "Editor server executable."),
    opt("version", Str, "auto", N, "Editor version."),
    opt("args", Str, "", N, "Extra editor arguments."),
    opt(
        "session-clusters",
        List,
        "",
        B,
        "Clusters offered for these sessions.",
    ),
    opt(
        "default-session-cluster",
        Str,
        "",
        B,
        "Default cluster; names a [cluster] in launcher.conf.",
    ),
    opt(
        "default-session-container-image",
        Str,
        "",
        N,
        "Default container image.",
    ),
    opt(
        "session-container-images",
        List,
        "",
        N,
        "Container images offered.",
    ),
    opt(
        "session-no-profile",
        Bool,
        "0",
        N,
        "Do not run the shell profile.",
    ),
    opt("user-data-dir", Path, "", N, "Editor user data directory."),
    opt(
        "session-timeout-kill-hours",
        Int,
        "",
        N,
        "Hours before an idle session is stopped.",
    ),
    opt(
        "extensions-dir",
        Path,
        "",
        N,
        "Shared extensions directory.",
    ),
];
pub const VSCODE: &[OptionSpec] = &EDITOR;
pub const POSITRON: &[OptionSpec] = &EDITOR;

pub const LOAD_BALANCER: &[OptionSpec] = &[
    opt(
        "balancer",
        Enum(&["sessions", "system-load", "user-hash", "custom"]),
        "sessions",
        N,
        "How new sessions are spread over nodes.",
    ),
    opt(
        "www-host-name",
        Str,
        "",
        A,
        "This node's address as other nodes reach it.",
    ),
    opt("timeout", Int, "10", N, "Seconds to wait for another node."),
    opt(
        "verify-ssl-certs",
        Bool,
        "1",
        A,
        "Verify other nodes' certificates.",
    ),
    opt(
        "diagnostics",
        Enum(&["tmp", "stderr"]),
        "",
        N,
        "Where to write balancer diagnostics.",
    ),
    opt(
        "delete-node-on-exit",
        Bool,
        "0",
        N,
        "Remove this node from the cluster when it stops.",
    ),
];

/// Options every Launcher plugin built on the plugin SDK reads.
pub const PLUGIN_COMMON: &[OptionSpec] = &[
    opt(
        "server-user",
        Str,
        "rstudio-server",
        N,
        "Account the plugin runs as.",
    ),
    opt("thread-pool-size", Int, "", N, "Plugin threads."),
    opt("enable-debug-logging", Bool, "0", N, "Verbose logging."),
    opt(
        "log-level",
        EnumAnyCase(LOG_LEVELS),
        "",
        N,
        "Logging level.",
    ),
    opt("scratch-path", Path, "", N, "Plugin working directory."),
    opt("logging-dir", Path, "", N, "Plugin log directory."),
    opt(
        "job-expiry-hours",
        Int,
        "24",
        N,
        "Hours to keep finished jobs.",
    ),
    opt(
        "heartbeat-interval-seconds",
        Int,
        "5",
        N,
        "Heartbeat interval (0 disables).",
    ),
    opt(
        "max-message-size",
        Int,
        "",
        N,
        "Largest message to the Launcher.",
    ),
    opt("rsandbox-path", Path, "", N, "Sandbox helper executable."),
    opt(
        "resource-profile-config",
        Path,
        "",
        N,
        "The plugin's resource profiles file (launcher.<plugin>.resources.conf).",
    ),
];

pub const PLUGIN_LOCAL: &[OptionSpec] = &[
    opt(
        "unprivileged",
        Bool,
        "0",
        N,
        "Run jobs without root (rootless containers).",
    ),
    opt(
        "save-unspecified-output",
        Bool,
        "1",
        N,
        "Keep job output when no output file is given.",
    ),
    opt(
        "load-balancer-preference",
        Str,
        "",
        N,
        "How the Local plugin picks a node in a load-balanced cluster.",
    ),
];

pub const PLUGIN_KUBERNETES: &[OptionSpec] = &[
    opt(
        "api-url",
        HttpUrl,
        "",
        N,
        "Kubernetes API URL, up to but not including /api.",
    ),
    opt("auth-token", Str, "", N, "Service account token."),
    opt(
        "kubernetes-namespace",
        Str,
        "rstudio",
        N,
        "Namespace for session pods.",
    ),
    opt(
        "certificate-authority",
        Str,
        "",
        N,
        "Base64 CA certificate of the API server (empty: system store).",
    ),
    opt(
        "verify-ssl-certs",
        Bool,
        "1",
        N,
        "Verify the API server's certificate.",
    ),
    opt(
        "use-templating",
        Bool,
        "0",
        N,
        "Build jobs from Helm-style templates.",
    ),
    opt(
        "profile-config",
        Path,
        "/etc/rstudio/launcher.kubernetes.profiles.conf",
        N,
        "Resource profiles file.",
    ),
    opt(
        "watch-timeout-seconds",
        Int,
        "",
        N,
        "Kubernetes watch timeout.",
    ),
    opt("fetch-limit", Int, "", N, "Objects fetched per API call."),
    opt(
        "job-ttl-seconds",
        Int,
        "",
        N,
        "Time to keep finished job objects.",
    ),
];

pub const PLUGIN_SLURM: &[OptionSpec] = &[
    opt(
        "slurm-service-user",
        Str,
        "",
        N,
        "Account that submits Slurm jobs.",
    ),
    opt(
        "slurm-bin-path",
        Path,
        "",
        N,
        "Directory of the Slurm commands.",
    ),
    opt(
        "profile-config",
        Path,
        "/etc/rstudio/launcher.slurm.profiles.conf",
        N,
        "Resource profiles file.",
    ),
    opt(
        "user-storage-path",
        Path,
        "",
        N,
        "Per-user job output directory.",
    ),
    opt(
        "enable-gres",
        Bool,
        "0",
        N,
        "Offer generic resources (GRES).",
    ),
    opt("enable-gpus", Bool, "0", N, "Offer GPUs."),
    opt("gpu-types", List, "", N, "GPU types offered."),
    opt("constraints", Str, "", N, "Slurm constraints offered."),
    opt(
        "max-output-stream-seconds",
        Int,
        "",
        N,
        "Longest output stream.",
    ),
    opt(
        "poll-frequency-seconds",
        Int,
        "",
        N,
        "How often Slurm is polled.",
    ),
    opt(
        "default-gpu-brand",
        Str,
        "",
        N,
        "GPU brand preselected for jobs (2024 and later).",
    ),
];

pub const PROFILES: &[OptionSpec] = &[
    // Text, not Int: Kubernetes takes fractional CPUs (`0.5`), and real values files write `"1.0"`
    // (aws-samples' EKS sample); an integer check would be a false error there.
    opt("default-cpus", Str, "", N, "Default CPUs."),
    opt("max-cpus", Str, "", N, "Most CPUs a job may ask for."),
    opt("default-mem-mb", Int, "", N, "Default memory in MB."),
    opt(
        "max-mem-mb",
        Int,
        "",
        N,
        "Most memory a job may ask for (-1: no limit).",
    ),
    opt("default-gpus", Int, "", N, "Default GPUs."),
    opt("max-gpus", Int, "", N, "Most GPUs a job may ask for."),
    opt("default-gpus-nvidia", Int, "", N, "Default NVIDIA GPUs."),
    opt("max-gpus-nvidia", Int, "", N, "Most NVIDIA GPUs."),
    opt("default-gpus-amd", Int, "", N, "Default AMD GPUs."),
    opt("max-gpus-amd", Int, "", N, "Most AMD GPUs."),
    opt("container-images", List, "", N, "Container images offered."),
    opt(
        "default-container-image",
        Str,
        "",
        N,
        "Default container image.",
    ),
    opt(
        "allow-unknown-images",
        Bool,
        "1",
        N,
        "Allow images not in the list.",
    ),
    opt(
        "placement-constraints",
        Str,
        "",
        N,
        "Node placement constraints.",
    ),
    opt(
        "job-json-overrides",
        Str,
        "",
        N,
        "JSON-pointer overrides of the job object.",
    ),
    opt(
        "cpu-request-ratio",
        Str,
        "",
        N,
        "CPU request as a share of the limit.",
    ),
    opt(
        "memory-request-ratio",
        Str,
        "",
        N,
        "Memory request as a share of the limit.",
    ),
    opt(
        "resource-profiles",
        List,
        "",
        N,
        "Named resource profiles offered.",
    ),
];
