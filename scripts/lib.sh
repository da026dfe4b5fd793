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

# ensure_cargo_tool BINARY CRATE VERSION [cargo install flags...]: installs a tool at an exact version.
ensure_cargo_tool() {
    local bin=$1 crate=$2 version=$3
    shift 3
    if ! "$bin" --version 2>/dev/null | grep -q " $version\$\| $version "; then
        say "installing $crate $version (a few minutes, once)"
        cargo install "$crate" --version "$version" "$@"
    fi
}

# ensure_node_modules: npm packages of package.json (binaryen's wasm-opt, playwright-core).
ensure_node_modules() {
    if ! command -v npm >/dev/null 2>&1; then
        say "npm is missing: install Node.js 20 or newer"
        exit 2
    fi
    if [ ! -x "$ROOT/node_modules/.bin/wasm-opt" ] || [ ! -d "$ROOT/node_modules/playwright-core" ] \
        || [ "$ROOT/package-lock.json" -nt "$ROOT/node_modules/.package-lock.json" ]; then
        say "installing npm packages (binaryen, playwright-core)"
        (cd "$ROOT" && npm ci --no-audit --no-fund)
    fi
}

# ensure_chromium: Debian's Chromium and its driver, for the browser tests. Never a downloaded browser.
ensure_chromium() {
    if [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/chromedriver ]; then
        say "installing Debian's chromium and chromium-driver"
        apt-get update -qq && apt-get install -y -qq chromium chromium-driver
    fi
}

# ensure_web_tools: everything scripts/build-web needs.
ensure_web_tools() {
    ensure_rust
    # Not --locked: its lockfile pins a crate version this registry does not serve.
    ensure_cargo_tool wasm-bindgen wasm-bindgen-cli "$(build_setting tools wasm-bindgen)"
    ensure_cargo_tool wasm-pack wasm-pack "$(build_setting tools wasm-pack)" --locked
    ensure_node_modules
}
