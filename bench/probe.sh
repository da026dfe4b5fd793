#!/usr/bin/env bash
# `wb-ssl-check probe` end to end (whole process, hyperfine) on examples/correct, against
# `openssl s_server` instances started here on 127.0.0.1 with the example certificates: every channel
# reachable; then with the Launcher's port closed (refused at once); then with a server that accepts
# and never answers (bounded by --timeout).
set -euo pipefail
cd "$(dirname "$0")/.."
command -v hyperfine >/dev/null || apt-get install -y -qq hyperfine
cargo build --release --quiet
pids=()
trap 'for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done' EXIT
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
wb=$(free_port); launcher=$(free_port); closed=$(free_port); silent=$(free_port)
openssl s_server -accept "127.0.0.1:$wb" -cert examples/correct/workbench.crt -key examples/correct/workbench.key -www -quiet >/dev/null 2>&1 &
pids+=($!)
openssl s_server -accept "127.0.0.1:$launcher" -cert examples/correct/launcher.crt -key examples/correct/launcher.key -www -quiet >/dev/null 2>&1 &
pids+=($!)
python3 -c '
import socket, sys
s = socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.bind(("127.0.0.1", int(sys.argv[1]))); s.listen(64); held = []
while True:
    c, _ = s.accept(); held.append(c)
' "$silent" &
pids+=($!)
sleep 1
probe="target/release/wb-ssl-check probe examples/correct --trusted-ca examples/correct/example-root-ca.crt --format json --timeout 1 --connect-to workbench.example.org:443:127.0.0.1:$wb"
hyperfine --warmup 2 --runs 15 -N -i \
    -n "probe, every channel reachable" "$probe --connect-to localhost:5559:127.0.0.1:$launcher" \
    -n "probe, the Launcher's port closed" "$probe --connect-to localhost:5559:127.0.0.1:$closed" \
    -n "probe, the Launcher never answers (--timeout 1)" "$probe --connect-to localhost:5559:127.0.0.1:$silent" \
    2>&1 | grep -E "Time|±|Benchmark"
