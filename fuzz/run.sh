#!/usr/bin/env bash
# Runs every fuzz target for SECONDS each (default 30); exits non-zero on the first crash.
#   fuzz/run.sh 600        ten minutes each
#   JOBS=2 fuzz/run.sh 600 two targets at a time
set -euo pipefail
cd "$(dirname "$0")"
seconds="${1:-30}"
export PATH="$HOME/.cargo/bin:$PATH"
command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz --version 0.13.2 --locked
rustup toolchain list | grep -q nightly || rustup toolchain install nightly --profile minimal
./seed.sh
targets=(config_parser classify certificate private_key whole_check)
cargo +nightly fuzz build --release
run_one() {
    cargo +nightly fuzz run --release "$1" "corpus/$1" -- -max_total_time="$seconds" -rss_limit_mb=2048 -max_len=65536 -print_final_stats=1 2>&1 | tail -n 25 > "logs/$1.log"
}
mkdir -p logs
status=0
pids=()
for t in "${targets[@]}"; do
    run_one "$t" &
    pids+=("$!")
    if [ "${#pids[@]}" -ge "${JOBS:-1}" ]; then
        wait "${pids[0]}" || status=1
        pids=("${pids[@]:1}")
    fi
done
for p in "${pids[@]}"; do wait "$p" || status=1; done
for t in "${targets[@]}"; do
    runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "logs/$t.log" | grep -o '[0-9]*$' || echo "?")
    echo "fuzz $t: ${seconds}s, $runs runs, $(grep -c 'ERROR: libFuzzer\|panicked at' "logs/$t.log" || true) crash(es)"
done
exit "$status"
