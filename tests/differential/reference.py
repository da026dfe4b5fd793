"""Reference facts for the differential test (tests/differential.rs): what Python's `cryptography`
says about every certificate in the given files, in the shape of wb-ssl-check's report (the signature
algorithm's name is OpenSSL's, from `openssl x509 -text`, since the report uses OpenSSL's names).

Usage: python3 reference.py FILE... > reference.json

For each file: a list of {"block": n, ...facts} for the certificates `cryptography` loads, where n is
the 1-based position of the PEM block in the file (1 for DER), and {"block": n, "rejected": reason}
for those it refuses. Files with no certificate block are left out.
"""

import ipaddress
import json
import re
import subprocess
import sys
import warnings

from cryptography import x509
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import dsa, ec, ed448, ed25519, rsa
from cryptography.hazmat.primitives.serialization import Encoding

# The attribute names wb-ssl-check prints (OpenSSL's short names).
ATTRIBUTE = {
    "2.5.4.3": "CN", "2.5.4.6": "C", "2.5.4.7": "L", "2.5.4.8": "ST", "2.5.4.9": "street",
    "2.5.4.10": "O", "2.5.4.11": "OU", "2.5.4.5": "serialNumber", "2.5.4.4": "SN", "2.5.4.42": "GN",
    "2.5.4.12": "title", "2.5.4.17": "postalCode", "2.5.4.97": "organizationIdentifier",
    "1.2.840.113549.1.9.1": "emailAddress", "0.9.2342.19200300.100.1.25": "DC",
    "0.9.2342.19200300.100.1.1": "UID",
}
CURVE = {"secp256r1": "P-256", "secp384r1": "P-384", "secp521r1": "P-521", "secp256k1": "secp256k1"}
EKU = {
    "1.3.6.1.5.5.7.3.1": "serverAuth", "1.3.6.1.5.5.7.3.2": "clientAuth", "1.3.6.1.5.5.7.3.3": "codeSigning",
    "1.3.6.1.5.5.7.3.4": "emailProtection", "1.3.6.1.5.5.7.3.8": "timeStamping",
    "1.3.6.1.5.5.7.3.9": "OCSPSigning", "2.5.29.37.0": "anyExtendedKeyUsage",
}
PEM = re.compile(rb"-----BEGIN ([A-Z0-9 ]+)-----(.*?)-----END \1-----", re.S)


def name(n):
    rdns = []
    for rdn in n.rdns:
        parts = []
        for a in rdn:
            value = a.value if isinstance(a.value, str) else "#" + a.value.hex().upper()
            parts.append(f"{ATTRIBUTE.get(a.oid.dotted_string, a.oid.dotted_string)}={value}")
        rdns.append(" + ".join(parts))
    return ", ".join(rdns)


def serial_hex(cert):
    n = cert.serial_number
    length = max(1, (n.bit_length() + 8) // 8)
    raw = n.to_bytes(length, "big", signed=True)
    # DER INTEGERs are minimal: drop a redundant leading byte.
    while len(raw) > 1 and ((raw[0] == 0 and raw[1] < 0x80) or (raw[0] == 0xFF and raw[1] >= 0x80)):
        raw = raw[1:]
    return ":".join(f"{b:02x}" for b in raw)


def key(cert):
    k = cert.public_key()
    if isinstance(k, rsa.RSAPublicKey):
        # An id-RSASSA-PSS key: OpenSSL calls it RSA-PSS; cryptography loads it as RSA.
        pss = cert.public_key_algorithm_oid.dotted_string == "1.2.840.113549.1.1.10"
        return f"{'RSA-PSS' if pss else 'RSA'} {k.key_size}"
    if isinstance(k, ec.EllipticCurvePublicKey):
        return f"EC {CURVE.get(k.curve.name, k.curve.name)}"
    if isinstance(k, ed25519.Ed25519PublicKey):
        return "Ed25519"
    if isinstance(k, ed448.Ed448PublicKey):
        return "Ed448"
    if isinstance(k, dsa.DSAPublicKey):
        return f"DSA {k.key_size}"
    return type(k).__name__


def ext(cert, cls):
    try:
        return cert.extensions.get_extension_for_class(cls).value
    except x509.ExtensionNotFound:
        return None


def key_usage(ku):
    if ku is None:
        return []
    names = [
        ("digital_signature", "digitalSignature"), ("content_commitment", "nonRepudiation"),
        ("key_encipherment", "keyEncipherment"), ("data_encipherment", "dataEncipherment"),
        ("key_agreement", "keyAgreement"), ("key_cert_sign", "keyCertSign"), ("crl_sign", "cRLSign"),
    ]
    out = [n for attr, n in names if getattr(ku, attr)]
    if ku.key_agreement:
        out += [n for attr, n in [("encipher_only", "encipherOnly"), ("decipher_only", "decipherOnly")] if getattr(ku, attr)]
    return out


def openssl_signature_name(der):
    """The signature algorithm as `openssl x509 -text` names it (OpenSSL's names are the report's)."""
    out = subprocess.run(["openssl", "x509", "-inform", "DER", "-noout", "-text"], input=der, capture_output=True).stdout
    # OpenSSL prints the TBS's algorithm first and the outer signatureAlgorithm last: the outer one is
    # the signature's (and what cryptography's signature_algorithm_oid is).
    m = re.findall(rb"Signature Algorithm: *(.+)", out)
    return m[-1].decode().strip() if m else None


def facts(cert):
    san = ext(cert, x509.SubjectAlternativeName)
    sans = []
    if san is not None:
        sans = list(san.get_values_for_type(x509.DNSName))
        sans += [f"IP:{ip}" for ip in san.get_values_for_type(x509.IPAddress) if not isinstance(ip, (ipaddress.IPv4Network, ipaddress.IPv6Network))]
    bc = ext(cert, x509.BasicConstraints)
    eku = ext(cert, x509.ExtendedKeyUsage)
    return {
        "subject": name(cert.subject),
        "issuer": name(cert.issuer),
        "serial": serial_hex(cert),
        "sans": sans,
        "not_before": cert.not_valid_before_utc.strftime("%Y-%m-%dT%H:%M:%SZ"),
        "not_after": cert.not_valid_after_utc.strftime("%Y-%m-%dT%H:%M:%SZ"),
        "key": key(cert),
        "signature_oid": cert.signature_algorithm_oid.dotted_string,
        "signature": openssl_signature_name(cert.public_bytes(Encoding.DER)),
        "sha256": ":".join(f"{b:02x}" for b in cert.fingerprint(hashes.SHA256())),
        "ca": bool(bc and bc.ca),
        "key_usage": key_usage(ext(cert, x509.KeyUsage)),
        "extended_key_usage": [EKU.get(o.dotted_string, o.dotted_string) for o in eku] if eku is not None else [],
    }


def certificates(data):
    """(block, DER) of each certificate block: PEM blocks by position, else the file as DER."""
    blocks = list(PEM.finditer(data))
    if blocks:
        for i, m in enumerate(blocks, 1):
            if m.group(1) in (b"CERTIFICATE", b"X509 CERTIFICATE", b"TRUSTED CERTIFICATE"):
                yield i, m
        return
    if data[:1] == b"\x30":
        yield 1, data


def main(paths):
    # cryptography warns about what it still loads (negative serials, ...); the facts are what count.
    warnings.simplefilter("ignore")
    out = {}
    for path in paths:
        data = open(path, "rb").read()
        entries = []
        for block, item in certificates(data):
            try:
                if isinstance(item, bytes):
                    cert = x509.load_der_x509_certificate(item)
                else:
                    cert = x509.load_pem_x509_certificate(item.group(0))
                entry = {"block": block, **facts(cert)}
            except Exception as e:  # noqa: BLE001 - every refusal is reported, with its reason
                entry = {"block": block, "rejected": f"{type(e).__name__}: {e}"}
            entries.append(entry)
        if entries:
            out[path] = entries
    json.dump(out, sys.stdout, indent=0, sort_keys=True)


if __name__ == "__main__":
    main(sys.argv[1:])
