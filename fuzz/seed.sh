#!/usr/bin/env bash
# Seeds each fuzz target's corpus from the tests and the real corpus (../shared/corpus/real).
set -euo pipefail
cd "$(dirname "$0")"
real="${WB_CORPUS_DIR:-../../shared/corpus/real}"
for t in config_parser classify certificate private_key whole_check; do mkdir -p "corpus/$t"; done
n=0
while IFS= read -r -d '' f; do
    n=$((n + 1))
    case "$f" in
        *.conf|*load-balancer*|*rserver*|*launcher*) cp "$f" "corpus/config_parser/seed-$n" ;;
    esac
    cp "$f" "corpus/classify/seed-$n"
    cp "$f" "corpus/whole_check/seed-$n"
done < <(find "$real" ../tests/fixtures ../examples -type f -size -200k ! -name '*.sh' ! -name '*.md' -print0)
for f in ../tests/fixtures/pki/*.crt ../tests/fixtures/pki/*.pem ../tests/fixtures/pki/*.der "$real"/*/*.pem "$real"/*/*.crt; do
    n=$((n + 1)); cp "$f" "corpus/certificate/seed-$n"
done
for f in ../tests/fixtures/pki/*.key ../tests/fixtures/pki/*.pub; do
    n=$((n + 1)); sed '/-----/d' "$f" | base64 -d > "corpus/private_key/seed-$n" 2>/dev/null || true
done
echo "seeded $n files"
