//! The few DER structures of key files (SubjectPublicKeyInfo, PKCS#1, SEC1, PKCS#8), read with
//! asn1-rs's `Any`, which x509-parser already brings into the module.
//!
//! Why not RustCrypto's `der`/`pkcs8`/`spki`/`sec1` crates, which decode these types for us: they were
//! a third ASN.1 reader in the page (beside asn1-rs and webpki's `untrusted`), about 15 KiB of its
//! gzipped weight, to read five structures of two or three fields each.

use x509_parser::asn1_rs::{self, Any, Class, FromDer, Tag};

/// One DER element; `None` unless it spans exactly `der`.
pub fn whole(der: &[u8]) -> Option<Any<'_>> {
    match Any::from_der(der) {
        Ok((&[], any)) => Some(any),
        _ => None,
    }
}

/// The elements inside a constructed element (a SEQUENCE, or an explicit context tag), in order.
pub fn elements<'a>(any: &Any<'a>) -> Option<Vec<Any<'a>>> {
    if !any.header.constructed() {
        return None;
    }
    let mut rest = any.data;
    let mut out = Vec::new();
    while !rest.is_empty() {
        let (tail, element) = Any::from_der(rest).ok()?;
        out.push(element);
        rest = tail;
    }
    Some(out)
}

/// The elements of `der`, which must be one SEQUENCE.
pub fn sequence(der: &[u8]) -> Option<Vec<Any<'_>>> {
    let any = whole(der).filter(|a| is(a, Tag::Sequence))?;
    elements(&any)
}

/// Whether an element is a universal one of this tag.
pub fn is(any: &Any, tag: Tag) -> bool {
    any.header.class() == Class::Universal && any.header.tag() == tag
}

/// A context-specific element `[n]`.
pub fn is_context(any: &Any, n: u32) -> bool {
    any.header.class() == Class::ContextSpecific && any.header.tag() == Tag(n)
}

/// A non-negative INTEGER's magnitude, big-endian without leading zeros; `None` when it is not a
/// minimally encoded, non-negative INTEGER.
pub fn unsigned(any: &Any) -> Option<Vec<u8>> {
    if !is(any, Tag::Integer) {
        return None;
    }
    let d = any.data;
    let first = *d.first()?;
    if first & 0x80 != 0 || (first == 0 && d.len() > 1 && d[1] & 0x80 == 0) {
        return None;
    }
    let start = d.iter().position(|b| *b != 0).unwrap_or(d.len());
    Some(d[start..].to_vec())
}

/// An OBJECT IDENTIFIER in dotted form.
pub fn oid(any: &Any) -> Option<String> {
    is(any, Tag::Oid)
        .then(|| asn1_rs::Oid::new(std::borrow::Cow::Borrowed(any.data)).to_id_string())
}

/// A BIT STRING's bits (whole bytes; the count of unused bits must be 0).
pub fn bits<'a>(any: &Any<'a>) -> Option<&'a [u8]> {
    match any.data.split_first() {
        Some((0, rest)) => Some(rest),
        _ => None,
    }
}

/// An RSA public key's modulus and exponent (PKCS#1 `RSAPublicKey`).
pub fn rsa_public(der: &[u8]) -> Option<(Vec<u8>, Vec<u8>)> {
    match sequence(der)?.as_slice() {
        [n, e] => Some((unsigned(n)?, unsigned(e)?)),
        _ => None,
    }
}

/// Appends one DER element: `tag`, the length of `contents` (short or long form), `contents`.
pub fn push_element(out: &mut Vec<u8>, tag: u8, contents: &[u8]) {
    out.push(tag);
    let len = contents.len();
    if len < 0x80 {
        out.push(len as u8);
    } else {
        let bytes = len.to_be_bytes();
        let skip = bytes
            .iter()
            .position(|b| *b != 0)
            .unwrap_or(bytes.len() - 1);
        out.push(0x80 | (bytes.len() - skip) as u8);
        out.extend_from_slice(&bytes[skip..]);
    }
    out.extend_from_slice(contents);
}

// The few structures of a certificate that signature questions need, read without x509-parser (they
// are read for every certificate a path search may try, anchors' certificates included).

/// The parts of a certificate (DER) that a signature check over it needs: its signed TBS (whole),
/// its signature algorithm (AlgorithmIdentifier contents), its signature, and its issuer name
/// (contents, as webpki compares names).
pub struct SignedParts<'a> {
    pub tbs: &'a [u8],
    pub signature_alg: &'a [u8],
    pub signature: &'a [u8],
    pub issuer: &'a [u8],
}

/// (tag, contents, the whole element, what follows it).
pub type Element<'a> = (u8, &'a [u8], &'a [u8], &'a [u8]);

/// One DER element at the start of `der`.
pub fn tlv(der: &[u8]) -> Option<Element<'_>> {
    let (len, used) = crate::limits::der_length(der, 1)?;
    let tag = *der.first()?;
    let start = 1 + used;
    let end = start.checked_add(len)?;
    let contents = der.get(start..end)?;
    Some((tag, contents, &der[..end], &der[end..]))
}

/// A certificate's TBSCertificate, whole, and its fields after the optional `[0]` version (serial,
/// signature, issuer, validity, subject, subjectPublicKeyInfo, ...), with what follows the TBS.
fn tbs(cert_der: &[u8]) -> Option<(&[u8], &[u8], &[u8])> {
    let (0x30, body, _, _) = tlv(cert_der)? else {
        return None;
    };
    let (0x30, tbs_body, whole, after) = tlv(body)? else {
        return None;
    };
    let (tag, _, _, after_version) = tlv(tbs_body)?;
    let fields = if tag == 0xa0 { after_version } else { tbs_body };
    Some((whole, fields, after))
}

/// The `n`th of `fields` (0: the first).
fn nth(mut fields: &[u8], n: usize) -> Option<Element<'_>> {
    for _ in 0..n {
        fields = tlv(fields)?.3;
    }
    tlv(fields)
}

pub fn signed_parts(cert_der: &[u8]) -> Option<SignedParts<'_>> {
    let (tbs, fields, rest) = tbs(cert_der)?;
    let (0x30, signature_alg, _, rest) = tlv(rest)? else {
        return None;
    };
    let (0x03, bits, _, _) = tlv(rest)? else {
        return None;
    };
    let (0, signature) = bits.split_first().map(|(u, s)| (*u, s))? else {
        return None;
    };
    let (0x30, issuer, _, _) = nth(fields, 2)? else {
        return None;
    };
    Some(SignedParts {
        tbs,
        signature_alg,
        signature,
        issuer,
    })
}

/// A SubjectPublicKeyInfo's contents (as webpki keeps it) split into its algorithm (contents) and
/// its key bits.
pub fn spki_parts(spki_contents: &[u8]) -> Option<(&[u8], &[u8])> {
    let (0x30, alg, _, rest) = tlv(spki_contents)? else {
        return None;
    };
    let (0x03, bits, _, _) = tlv(rest)? else {
        return None;
    };
    match bits.split_first() {
        Some((0, key)) => Some((alg, key)),
        _ => None,
    }
}

/// A certificate's subject and SubjectPublicKeyInfo, both as contents (webpki's form).
pub fn subject_and_spki(cert_der: &[u8]) -> Option<(&[u8], &[u8])> {
    let (_, fields, _) = tbs(cert_der)?;
    let (0x30, subject, _, rest) = nth(fields, 4)? else {
        return None;
    };
    let (0x30, spki, _, _) = tlv(rest)? else {
        return None;
    };
    Some((subject, spki))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn integers_must_be_minimal_and_non_negative() {
        let int = |bytes: &[u8]| {
            let mut der = vec![0x02, bytes.len() as u8];
            der.extend(bytes);
            whole(&der).and_then(|a| unsigned(&a))
        };
        assert_eq!(int(&[0x00, 0x80]), Some(vec![0x80]));
        assert_eq!(int(&[0x05]), Some(vec![0x05]));
        assert_eq!(int(&[0x00]), Some(vec![]));
        assert_eq!(int(&[0x00, 0x05]), None, "a superfluous leading zero");
        assert_eq!(int(&[0x80]), None, "negative");
        assert_eq!(int(&[]), None);
    }

    #[test]
    fn elements_are_written_with_minimal_lengths() {
        let mut out = Vec::new();
        push_element(&mut out, 0x04, &[7; 3]);
        assert_eq!(out, [0x04, 3, 7, 7, 7]);
        let mut long = Vec::new();
        push_element(&mut long, 0x30, &[0; 300]);
        assert_eq!(&long[..4], &[0x30, 0x82, 0x01, 0x2c]);
        assert_eq!(whole(&long).map(|a| a.data.len()), Some(300));
    }

    /// The hand-read parts of a certificate are x509-parser's: the TBS, the signature, the issuer
    /// and subject names (contents) and the key, for v3 fixtures and the DER one.
    #[test]
    fn certificate_parts_agree_with_x509_parser() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/pki");
        for name in [
            "wb.crt",
            "ca.crt",
            "ec-leaf.crt",
            "pss-leaf.crt",
            "ed25519.crt",
        ] {
            let text = std::fs::read_to_string(dir.join(name)).unwrap();
            let der = crate::input::pem::read_blocks(&text, 4)
                .0
                .remove(0)
                .body
                .clone()
                .unwrap();
            let cert = super::super::cert::parse_certificate(&der).unwrap();
            let contents = |tlv_bytes: &[u8]| whole(tlv_bytes).unwrap().data.to_vec();
            let parts = signed_parts(&der).unwrap();
            assert_eq!(parts.tbs, cert.tbs.as_slice(), "{name}");
            assert_eq!(parts.signature, cert.signature_value.as_slice(), "{name}");
            assert_eq!(
                parts.issuer,
                contents(&cert.issuer_raw).as_slice(),
                "{name}"
            );
            let (subject, spki) = subject_and_spki(&der).unwrap();
            assert_eq!(subject, contents(&cert.subject_raw).as_slice(), "{name}");
            assert_eq!(spki, contents(&cert.spki_der).as_slice(), "{name}");
            assert_eq!(
                spki_parts(spki).unwrap().1,
                cert.spki_bits.as_slice(),
                "{name}"
            );
        }
        let der = std::fs::read(dir.join("wb.der")).unwrap();
        assert!(signed_parts(&der).is_some() && subject_and_spki(&der).is_some());
        assert!(signed_parts(&der[..der.len() - 1]).is_none(), "truncated");
    }
}
