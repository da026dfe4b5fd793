#!/usr/bin/env bash
# Regenerates the example certificates (OpenSSL 3). They are valid for 20 years so that the examples
# stay meaningful; real server certificates should be renewed far more often.
set -euo pipefail
cd "$(dirname "$0")"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
openssl genpkey -quiet -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$tmp/ca.key"
openssl req -x509 -new -key "$tmp/ca.key" -sha256 -days 7300 -subj "/O=Example Corp/CN=Example Corp Root CA" \
    -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign" -out correct/example-root-ca.crt
leaf() { # out-cert out-key san cn
    openssl genpkey -quiet -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$2"
    openssl req -new -key "$2" -subj "/CN=$4" -out "$tmp/leaf.csr"
    printf 'basicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature\nextendedKeyUsage=serverAuth\nsubjectAltName=%s\n' "$3" > "$tmp/leaf.ext"
    openssl x509 -req -in "$tmp/leaf.csr" -CA correct/example-root-ca.crt -CAkey "$tmp/ca.key" -set_serial "0x$(openssl rand -hex 8)" -sha256 -days 7300 -extfile "$tmp/leaf.ext" -out "$1"
}
leaf correct/workbench.crt correct/workbench.key "DNS:workbench.example.org" workbench.example.org
leaf correct/launcher.crt correct/launcher.key "DNS:localhost,IP:127.0.0.1" localhost
# The broken example serves Workbench's certificate from the Launcher too, with a key of another pair.
cp correct/workbench.crt broken/workbench.crt
cp correct/launcher.key broken/workbench.key
chmod 644 correct/*.key broken/*.key
