#!/usr/bin/env bash
# Native benchmarks: criterion (cargo bench), the CLI against `openssl storeutl -noout -text -certs`
# on the Debian CA bundle (whole-process time, hyperfine), and the scaling of time and peak memory
# with the number of certificates in one bundle.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v hyperfine >/dev/null || apt-get install -y -qq hyperfine
# The CLI exits 1 when the bundle has error findings (an expired root): -i keeps hyperfine going.
cargo bench --bench core -- --noplot 2>&1 | grep -E "^(check|scaling)|time:|thrpt:"
cargo build --release --quiet
bundle=/etc/ssl/certs/ca-certificates.crt
echo
hyperfine --warmup 3 --runs 20 -N -i \
    "target/release/wb-ssl-check --format json --now 2027-01-01T00:00:00Z $bundle" \
    "openssl storeutl -noout -text -certs $bundle" 2>&1 | grep -E "Time|±|faster|Benchmark"
echo
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
echo "scaling (one bundle of n certificates from the Debian bundle, in turn; CLI whole process):"
printf '%8s %14s %16s\n' certs "time (ms)" "peak RSS (MiB)"
for n in 10 100 1000 5000; do
    awk -v n="$n" 'BEGIN { RS = "-----END CERTIFICATE-----\n" } /BEGIN/ { c[k++] = $0 RS } END { for (i = 0; i < n; i++) printf "%s", c[i % k] }' "$bundle" > "$tmp/b$n.pem"
    hyperfine --warmup 2 --runs 10 -N -i --export-json "$tmp/h$n.json" "target/release/wb-ssl-check --format json --now 2027-01-01T00:00:00Z $tmp/b$n.pem" > /dev/null 2>&1
    ms="$(node -e "console.log((require('$tmp/h$n.json').results[0].mean * 1000).toFixed(1))")"
    # The CLI exits 1 when a certificate has expired: that is a result, not a failure here.
    rss="$( { /usr/bin/time -f "%M" target/release/wb-ssl-check --format json --now 2027-01-01T00:00:00Z "$tmp/b$n.pem" > /dev/null || true; } 2>&1 | tail -1)"
    printf '%8s %14s %16.1f\n' "$n" "$ms" "$(echo "$rss" | awk '{print $1 / 1024}')"
done
