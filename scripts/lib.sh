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

# ensure_node_modules: npm packages of package.json (binaryen's wasm-opt, esbuild, playwright-core,
# axe-core, Microsoft's SARIF validator).
ensure_node_modules() {
    if ! command -v npm >/dev/null 2>&1; then
        say "npm is missing: install Node.js 20 or newer"
        exit 2
    fi
    if [ ! -x "$ROOT/node_modules/.bin/wasm-opt" ] || [ ! -d "$ROOT/node_modules/playwright-core" ] \
        || [ ! -d "$ROOT/node_modules/axe-core" ] || [ ! -d "$ROOT/node_modules/esbuild" ] \
        || [ ! -d "$ROOT/node_modules/@microsoft/sarif-multitool-linux" ] \
        || [ ! -d "$ROOT/node_modules/puppeteer-core" ] \
        || [ "$ROOT/package-lock.json" -nt "$ROOT/node_modules/.package-lock.json" ]; then
        say "installing npm packages (binaryen, esbuild, playwright-core, puppeteer-core, axe-core, sarif-multitool)"
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

# ensure_firefox: Debian's Firefox ESR, whose WebCrypto (NSS) runs Project Wycheproof's vectors through
# the page's own code (puppeteer-core drives it over WebDriver BiDi). Never a downloaded browser.
ensure_firefox() {
    if [ ! -x /usr/bin/firefox-esr ]; then
        say "installing Debian's firefox-esr"
        apt-get update -qq && apt-get install -y -qq firefox-esr
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

# ensure_release_tools: what scripts/release needs: the musl targets, musl-gcc and Debian's aarch64 cross
# compiler (ring's C code), cargo-deb and cargo-generate-rpm at pinned versions, and for its test
# qemu-user-static (to run the aarch64 binary) and rpm2cpio/cpio.
ensure_release_tools() {
    local t
    for t in x86_64-unknown-linux-musl aarch64-unknown-linux-musl; do
        if ! rustup target list --installed 2>/dev/null | grep -qx "$t"; then
            say "installing the Rust target $t"
            rustup target add "$t"
        fi
    done
    if ! command -v musl-gcc >/dev/null 2>&1 || ! command -v aarch64-linux-gnu-gcc >/dev/null 2>&1 \
        || ! command -v qemu-aarch64-static >/dev/null 2>&1 || ! command -v rpm2cpio >/dev/null 2>&1 \
        || ! command -v cpio >/dev/null 2>&1; then
        say "installing musl-tools, gcc-aarch64-linux-gnu, qemu-user-static (the aarch64 test), rpm2cpio and cpio"
        apt-get update -qq && apt-get install -y -qq musl-tools gcc-aarch64-linux-gnu qemu-user-static rpm2cpio cpio
    fi
    local deb rpm
    deb="$(build_setting tools cargo-deb)"
    rpm="$(build_setting tools cargo-generate-rpm)"
    if ! cargo deb --version 2>/dev/null | grep -q "$deb"; then
        say "installing cargo-deb $deb (cargo install; a few minutes the first time)"
        cargo install cargo-deb --version "$deb"
    fi
    if ! cargo generate-rpm --version 2>/dev/null | grep -q "$rpm"; then
        say "installing cargo-generate-rpm $rpm (cargo install; a few minutes the first time)"
        cargo install cargo-generate-rpm --version "$rpm"
    fi
}

# ensure_python_tools: the PyPI tools of requirements-tools.txt (pre-commit, MkDocs, Sphinx) in a
# virtual environment at target/pytools, installed again when the list changes.
ensure_python_tools() {
    local venv="$ROOT/target/pytools"
    if [ ! -x "$venv/bin/pip" ]; then
        if ! python3 -m venv "$venv" 2>/dev/null; then
            say "installing python3-venv"
            apt-get update -qq && apt-get install -y -qq python3-venv
            python3 -m venv "$venv"
        fi
    fi
    if [ ! -f "$venv/.installed" ] || [ "$ROOT/requirements-tools.txt" -nt "$venv/.installed" ]; then
        say "installing Python tools (pre-commit, MkDocs, Sphinx) into target/pytools"
        "$venv/bin/pip" install --quiet --disable-pip-version-check -r "$ROOT/requirements-tools.txt"
        touch "$venv/.installed"
    fi
}

# ensure_differential_reference: what tests/differential.rs compares against: python3 with
# cryptography, openssl, and pyca's cryptography-vectors unpacked into target/cryptography-vectors.
ensure_differential_reference() {
    if ! command -v openssl >/dev/null 2>&1; then
        say "installing openssl (reference names of signature algorithms)"
        apt-get update -qq && apt-get install -y -qq openssl
    fi
    if ! command -v python3 >/dev/null 2>&1; then
        say "installing python3 with cryptography (the differential test's reference)"
        apt-get update -qq && apt-get install -y -qq python3 python3-cryptography python3-pip
    elif ! python3 -c "import cryptography" 2>/dev/null; then
        say "installing Python's cryptography (the differential test's reference)"
        python3 -m pip install -q "cryptography>=42" || { apt-get update -qq && apt-get install -y -qq python3-cryptography; }
    fi
    local dir="$ROOT/target/cryptography-vectors" version="50.0.2"
    if [ ! -f "$dir/.version-$version" ]; then
        say "fetching cryptography-vectors $version (PyPI) for the differential test"
        local tmp
        tmp="$(mktemp -d)"
        python3 -m pip download -q --no-deps -d "$tmp" "cryptography-vectors==$version"
        rm -rf "$dir" && mkdir -p "$dir"
        python3 - "$tmp"/cryptography_vectors-*.whl "$dir" <<'PY'
import sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
for n in z.namelist():
    if n.startswith("cryptography_vectors/x509/"):
        z.extract(n, sys.argv[2])
PY
        rm -rf "$tmp"
        touch "$dir/.version-$version"
    fi
}
