#!/usr/bin/env bash
# Native benchmarks: criterion (cargo bench), the CLI against `openssl storeutl -noout -text -certs`
# on the Debian CA bundle (whole-process time, hyperfine), and the scaling of time and peak memory
# with the number of certificates in one bundle.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v hyperfine >/dev/null || apt-get install -y -qq hyperfine
cargo bench --bench core -- --noplot 2>&1 | grep -E "^(check|scaling)|time:|thrpt:"
cargo build --release --quiet
bundle=/etc/ssl/certs/ca-certificates.crt
echo
hyperfine --warmup 3 --runs 20 -N \
    "target/release/wb-ssl-check --format json --now 2027-01-01T00:00:00Z $bundle" \
    "openssl storeutl -noout -text -certs $bundle" 2>&1 | grep -E "Time|±|faster|Benchmark"
echo
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
echo "scaling (one bundle of n certificates from the Debian bundle, in turn; CLI whole process):"
printf '%8s %12s %14s\n' certs "time (ms)" "peak RSS (MiB)"
for n in 10 100 1000 5000; do
    awk -v n="$n" 'BEGIN { RS = "-----END CERTIFICATE-----\n" } /BEGIN/ { c[k++] = $0 RS } END { for (i = 0; i < n; i++) printf "%s", c[i % k] }' "$bundle" > "$tmp/b$n.pem"
    best=""
    for _ in 1 2 3; do
        out=$( { /usr/bin/time -f "%e %M" target/release/wb-ssl-check --format json --now 2027-01-01T00:00:00Z "$tmp/b$n.pem" > /dev/null; } 2>&1 | tail -1)
        [ -z "$best" ] && best="$out"
        [ "$(echo "$out" | cut -d' ' -f1)" \< "$(echo "$best" | cut -d' ' -f1)" ] && best="$out"
    done
    printf '%8s %12.0f %14.1f\n' "$n" "$(echo "$best" | awk '{print $1 * 1000}')" "$(echo "$best" | awk '{print $2 / 1024}')"
done
