//! A small, lenient X.509 certificate reader on top of DER TLVs.
//!
//! Written here instead of using x509-parser: that crate and the stack it brings (nom, der-parser,
//! asn1-rs, oid-registry) cost about 60 KB gzipped in the WebAssembly module, a quarter of the page's
//! size budget, for the dozen fields we read. It is also deliberately lenient where real certificates
//! are sloppy (string types, odd characters), and strict only where the structure itself is wrong.
//! It never recurses on input-controlled depth: the schema fixes every level.

use std::net::IpAddr;

/// One DER element: its tag, its content, and its whole encoding.
#[derive(Clone, Copy, Debug)]
pub struct Tlv<'a> {
    pub tag: u8,
    pub value: &'a [u8],
    pub raw: &'a [u8],
}

/// Reads one element from the front of `input`; returns it and what follows.
pub fn read(input: &[u8]) -> Result<(Tlv<'_>, &[u8]), &'static str> {
    let tag = *input.first().ok_or("unexpected end of data")?;
    if tag & 0x1f == 0x1f {
        return Err("multi-byte tags are not used in certificates");
    }
    let first = *input.get(1).ok_or("missing length")?;
    let (len, header) = if first < 0x80 {
        (first as usize, 2)
    } else {
        let n = (first & 0x7f) as usize;
        if n == 0 {
            return Err("indefinite length (BER, not DER)");
        }
        if n > 4 {
            return Err("length too large");
        }
        let bytes = input.get(2..2 + n).ok_or("truncated length")?;
        (
            bytes.iter().fold(0usize, |a, b| (a << 8) | *b as usize),
            2 + n,
        )
    };
    let end = header.checked_add(len).ok_or("length overflow")?;
    let raw = input.get(..end).ok_or("truncated content")?;
    Ok((
        Tlv {
            tag,
            value: &raw[header..],
            raw,
        },
        &input[end..],
    ))
}

/// Reads an element that must have `tag`.
fn expect<'a>(input: &'a [u8], tag: u8, what: &'static str) -> Result<(Tlv<'a>, &'a [u8]), String> {
    let (t, rest) = read(input).map_err(|e| format!("{what}: {e}"))?;
    if t.tag != tag {
        return Err(format!("{what}: unexpected tag 0x{:02x}", t.tag));
    }
    Ok((t, rest))
}

/// The elements inside a constructed value, stopping at the first malformed one.
pub fn children(value: &[u8]) -> impl Iterator<Item = Tlv<'_>> {
    let mut rest = value;
    std::iter::from_fn(move || {
        if rest.is_empty() {
            return None;
        }
        let (t, r) = read(rest).ok()?;
        rest = r;
        Some(t)
    })
}

/// Dotted text of an OBJECT IDENTIFIER's content.
pub fn oid_text(value: &[u8]) -> String {
    let mut arcs: Vec<u64> = Vec::new();
    let mut acc: u64 = 0;
    for &b in value {
        acc = (acc << 7) | (b & 0x7f) as u64;
        if b & 0x80 == 0 {
            if arcs.is_empty() {
                let first = (acc / 40).min(2);
                arcs.push(first);
                arcs.push(acc - first * 40);
            } else {
                arcs.push(acc);
            }
            acc = 0;
        }
        if acc > u64::MAX >> 8 {
            return "invalid-oid".into();
        }
    }
    arcs.iter()
        .map(u64::to_string)
        .collect::<Vec<_>>()
        .join(".")
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// UTCTime or GeneralizedTime as seconds since the epoch.
fn time(t: &Tlv) -> Result<i64, String> {
    let s = std::str::from_utf8(t.value).map_err(|_| "time is not text".to_string())?;
    let digits = |a: usize, b: usize| {
        s.get(a..b)
            .and_then(|x| x.parse::<i64>().ok())
            .ok_or_else(|| format!("bad time `{s}`"))
    };
    let (year, rest) = match t.tag {
        0x17 => {
            let yy = digits(0, 2)?;
            (if yy < 50 { 2000 + yy } else { 1900 + yy }, 2)
        }
        0x18 => (digits(0, 4)?, 4),
        other => return Err(format!("unexpected time tag 0x{other:02x}")),
    };
    let (mo, d, h, mi) = (
        digits(rest, rest + 2)?,
        digits(rest + 2, rest + 4)?,
        digits(rest + 4, rest + 6)?,
        digits(rest + 6, rest + 8)?,
    );
    let sec = digits(rest + 8, rest + 10).unwrap_or(0);
    if !(1..=12).contains(&mo) || !(1..=31).contains(&d) || h > 23 || mi > 59 || sec > 60 {
        return Err(format!("bad time `{s}`"));
    }
    Ok(days_from_civil(year, mo, d) * 86_400 + h * 3600 + mi * 60 + sec)
}

/// The text of a directory string of any of the types certificates use.
fn string_value(t: &Tlv) -> String {
    match t.tag {
        // BMPString: UTF-16BE.
        0x1e => char::decode_utf16(
            t.value
                .chunks(2)
                .map(|c| u16::from_be_bytes([c[0], *c.get(1).unwrap_or(&0)])),
        )
        .map(|r| r.unwrap_or('\u{fffd}'))
        .collect(),
        // UniversalString: UTF-32BE.
        0x1c => t
            .value
            .chunks(4)
            .map(|c| {
                char::from_u32(c.iter().fold(0u32, |a, b| (a << 8) | *b as u32))
                    .unwrap_or('\u{fffd}')
            })
            .collect(),
        // T61String: treated as Latin-1, as browsers do.
        0x14 => t.value.iter().map(|&b| b as char).collect(),
        _ => String::from_utf8_lossy(t.value).into_owned(),
    }
}

fn attribute_name(oid: &str) -> &str {
    match oid {
        "2.5.4.3" => "CN",
        "2.5.4.6" => "C",
        "2.5.4.7" => "L",
        "2.5.4.8" => "ST",
        "2.5.4.9" => "street",
        "2.5.4.10" => "O",
        "2.5.4.11" => "OU",
        "2.5.4.5" => "serialNumber",
        "2.5.4.4" => "SN",
        "2.5.4.42" => "GN",
        "2.5.4.12" => "title",
        "2.5.4.17" => "postalCode",
        "2.5.4.97" => "organizationIdentifier",
        "1.2.840.113549.1.9.1" => "emailAddress",
        "0.9.2342.19200300.100.1.25" => "DC",
        "0.9.2342.19200300.100.1.1" => "UID",
        other => other,
    }
}

/// A Name as text ("C=US, O=Example, CN=host"), and its common names.
fn name(t: &Tlv) -> (String, Vec<String>) {
    let mut parts = Vec::new();
    let mut common_names = Vec::new();
    for rdn in children(t.value) {
        let mut set = Vec::new();
        for atv in children(rdn.value) {
            let mut fields = children(atv.value);
            let (Some(oid), Some(value)) = (fields.next(), fields.next()) else {
                continue;
            };
            let oid = oid_text(oid.value);
            let text = string_value(&value);
            if oid == "2.5.4.3" {
                common_names.push(text.clone());
            }
            set.push(format!("{}={text}", attribute_name(&oid)));
        }
        parts.push(set.join(" + "));
    }
    (parts.join(", "), common_names)
}

/// The fields of a certificate the rules read. Byte slices borrow from the input.
#[derive(Debug)]
pub struct Parsed<'a> {
    /// The certificate's own encoding, without any bytes that followed it.
    pub der: &'a [u8],
    pub serial: &'a [u8],
    pub signature_oid: String,
    pub issuer: String,
    pub issuer_raw: &'a [u8],
    pub subject: String,
    pub subject_raw: &'a [u8],
    pub common_names: Vec<String>,
    pub not_before: i64,
    pub not_after: i64,
    pub spki_raw: &'a [u8],
    pub tbs_raw: &'a [u8],
    pub signature: &'a [u8],
    pub has_san: bool,
    pub dns_sans: Vec<String>,
    pub ip_sans: Vec<IpAddr>,
    pub basic_ca: Option<bool>,
    pub key_usage: Option<(bool, bool, bool)>,
    pub ext_key_usage: Option<(bool, bool)>,
    pub subject_key_id: Option<&'a [u8]>,
    pub authority_key_id: Option<&'a [u8]>,
}

fn extensions<'a>(p: &mut Parsed<'a>, value: &'a [u8]) -> Result<(), String> {
    let (list, _) = expect(value, 0x30, "extensions")?;
    for ext in children(list.value) {
        let mut fields = children(ext.value).peekable();
        let Some(oid) = fields.next() else { continue };
        if fields.peek().is_some_and(|t| t.tag == 0x01) {
            fields.next(); // critical
        }
        let Some(octets) = fields.next().filter(|t| t.tag == 0x04) else {
            continue;
        };
        let inner = octets.value;
        match oid_text(oid.value).as_str() {
            "2.5.29.17" => {
                p.has_san = true;
                if let Ok((seq, _)) = read(inner) {
                    for gn in children(seq.value) {
                        match gn.tag {
                            0x82 => p
                                .dns_sans
                                .push(String::from_utf8_lossy(gn.value).into_owned()),
                            0x87 => match gn.value.len() {
                                4 => p.ip_sans.push(IpAddr::from(
                                    <[u8; 4]>::try_from(gn.value).unwrap_or_default(),
                                )),
                                16 => p.ip_sans.push(IpAddr::from(
                                    <[u8; 16]>::try_from(gn.value).unwrap_or_default(),
                                )),
                                _ => {}
                            },
                            _ => {}
                        }
                    }
                }
            }
            "2.5.29.19" => {
                let ca = read(inner)
                    .ok()
                    .and_then(|(seq, _)| children(seq.value).next())
                    .is_some_and(|t| t.tag == 0x01 && t.value.first().is_some_and(|b| *b != 0));
                p.basic_ca = Some(ca);
            }
            "2.5.29.15" => {
                if let Ok((bits, _)) = read(inner) {
                    let b0 = bits.value.get(1).copied().unwrap_or(0);
                    p.key_usage = Some((b0 & 0x80 != 0, b0 & 0x20 != 0, b0 & 0x04 != 0));
                }
            }
            "2.5.29.37" => {
                if let Ok((seq, _)) = read(inner) {
                    let oids: Vec<String> =
                        children(seq.value).map(|t| oid_text(t.value)).collect();
                    p.ext_key_usage = Some((
                        oids.iter().any(|o| o == "1.3.6.1.5.5.7.3.1"),
                        oids.iter().any(|o| o == "2.5.29.37.0"),
                    ));
                }
            }
            "2.5.29.14" => p.subject_key_id = read(inner).ok().map(|(t, _)| t.value),
            "2.5.29.35" => {
                p.authority_key_id = read(inner)
                    .ok()
                    .and_then(|(seq, _)| children(seq.value).find(|t| t.tag == 0x80))
                    .map(|t| t.value)
            }
            _ => {}
        }
    }
    Ok(())
}

/// Parses a DER certificate.
pub fn parse(der: &[u8]) -> Result<Parsed<'_>, String> {
    let (cert, _) = expect(der, 0x30, "certificate")?;
    let (tbs, rest) = expect(cert.value, 0x30, "tbsCertificate")?;
    let (alg, rest) = expect(rest, 0x30, "signatureAlgorithm")?;
    let (sig, _) = expect(rest, 0x03, "signatureValue")?;
    let signature_oid = children(alg.value)
        .next()
        .filter(|t| t.tag == 0x06)
        .map(|t| oid_text(t.value))
        .ok_or("signatureAlgorithm: no OID")?;
    let mut body = tbs.value;
    // [0] version: present in v2/v3 certificates; nothing reads the number.
    if body.first() == Some(&0xa0) {
        let (v, rest) = read(body).map_err(|e| format!("version: {e}"))?;
        expect(v.value, 0x02, "version")?;
        body = rest;
    }
    let (serial, body) = expect(body, 0x02, "serialNumber")?;
    let (_, body) = expect(body, 0x30, "signature")?;
    let (issuer, body) = expect(body, 0x30, "issuer")?;
    let (validity, body) = expect(body, 0x30, "validity")?;
    let (subject, body) = expect(body, 0x30, "subject")?;
    let (spki, mut body) = expect(body, 0x30, "subjectPublicKeyInfo")?;
    let mut times = children(validity.value);
    let (nb, na) = (
        times.next().ok_or("validity: no notBefore")?,
        times.next().ok_or("validity: no notAfter")?,
    );
    let (issuer_text, _) = name(&issuer);
    let (subject_text, common_names) = name(&subject);
    let mut p = Parsed {
        der: cert.raw,
        serial: serial.value,
        signature_oid,
        issuer: issuer_text,
        issuer_raw: issuer.raw,
        subject: subject_text,
        subject_raw: subject.raw,
        common_names,
        not_before: time(&nb)?,
        not_after: time(&na)?,
        spki_raw: spki.raw,
        tbs_raw: tbs.raw,
        signature: sig.value.get(1..).unwrap_or_default(),
        has_san: false,
        dns_sans: Vec::new(),
        ip_sans: Vec::new(),
        basic_ca: None,
        key_usage: None,
        ext_key_usage: None,
        subject_key_id: None,
        authority_key_id: None,
    };
    while !body.is_empty() {
        let (t, rest) = read(body).map_err(|e| format!("tbsCertificate: {e}"))?;
        if t.tag == 0xa3 {
            extensions(&mut p, t.value)?;
        }
        body = rest;
    }
    Ok(p)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn oids_times_and_lengths() {
        assert_eq!(oid_text(&[0x55, 0x04, 0x03]), "2.5.4.3");
        assert_eq!(
            oid_text(&[0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x0b]),
            "1.2.840.113549.1.1.11"
        );
        assert_eq!(days_from_civil(1970, 1, 1), 0);
        assert_eq!(days_from_civil(2000, 3, 1), 11_017);
        let utc = Tlv {
            tag: 0x17,
            value: b"261126060000Z",
            raw: &[],
        };
        assert_eq!(time(&utc), Ok(1_795_672_800));
        let gen = Tlv {
            tag: 0x18,
            value: b"20500101000000Z",
            raw: &[],
        };
        assert_eq!(time(&gen), Ok(2_524_608_000));
        assert!(read(&[0x30, 0x80]).is_err());
        assert!(read(&[0x30, 0x85, 1, 1, 1, 1, 1]).is_err());
        assert!(read(&[0x30, 0x05, 0x00]).is_err());
    }
}
