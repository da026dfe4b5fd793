#!/usr/bin/env bash
# Regenerates the certificates of examples/cluster (OpenSSL 3): its own root CA and one certificate per
# node, valid for 20 years so that the example stays meaningful. Node 2's certificate is deliberately
# issued for the public name only, without the node's own name (`lb-node-cert-name`).
set -euo pipefail
cd "$(dirname "$0")/cluster"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
openssl genpkey -quiet -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$tmp/ca.key"
openssl req -x509 -new -key "$tmp/ca.key" -sha256 -days 7300 -subj "/O=Example Corp/CN=Example Corp Cluster Root CA" \
    -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign" -out cluster-root-ca.crt
leaf() { # node san
    openssl genpkey -quiet -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$1/workbench.key"
    openssl req -new -key "$1/workbench.key" -subj "/CN=workbench.example.org" -out "$tmp/leaf.csr"
    printf 'basicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature\nextendedKeyUsage=serverAuth\nsubjectAltName=%s\n' "$2" > "$tmp/leaf.ext"
    openssl x509 -req -in "$tmp/leaf.csr" -CA cluster-root-ca.crt -CAkey "$tmp/ca.key" -set_serial "0x$(openssl rand -hex 8)" -sha256 -days 7300 -extfile "$tmp/leaf.ext" -out "$1/workbench.crt"
    chmod 644 "$1/workbench.key"
}
leaf node1 "DNS:workbench.example.org,DNS:node1.example.org"
leaf node2 "DNS:workbench.example.org"
