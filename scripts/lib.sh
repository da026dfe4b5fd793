#!/usr/bin/env bash
# Shared helpers for the project scripts. Source it; do not run it.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export PATH="$HOME/.cargo/bin:$PATH"

say() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }

# build_setting SECTION KEY: a string value from wasm-pack.toml (our build file; wasm-pack ignores it).
build_setting() {
    awk -v section="[$1]" -v key="$2" '
        /^\[/ { in_section = ($0 == section) }
        in_section && $1 == key && $2 == "=" { sub(/^[^=]*= *"?/, ""); sub(/"? *(#.*)?$/, ""); print; exit }
    ' "$ROOT/wasm-pack.toml"
}

# ensure_rust: cargo and the wasm32 target; installs only what is missing.
ensure_rust() {
    if ! command -v cargo >/dev/null 2>&1; then
        say "cargo is missing: install Rust with rustup first (https://rustup.rs)"
        exit 2
    fi
    local target
    target="$(build_setting wasm target)"
    if ! rustup target list --installed 2>/dev/null | grep -qx "$target"; then
        say "installing the Rust target $target"
        rustup target add "$target"
    fi
}

# ensure_ca_bundle: the Debian CA bundle the tests parse (package ca-certificates).
ensure_ca_bundle() {
    if [ ! -f /etc/ssl/certs/ca-certificates.crt ]; then
        say "installing ca-certificates (the tests parse its CA bundle)"
        apt-get update -qq && apt-get install -y -qq ca-certificates
    fi
}
