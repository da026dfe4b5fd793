//! Distinguished names as text, as OpenSSL prints them ("C=US, O=Example, CN=host"): read by the
//! certificate reader and by the profile checks (a nameConstraints DirName), so below both.

/// The display name of an RDN attribute, as OpenSSL prints it.
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

/// The text of a directory string of any type certificates use. x509-parser decodes only the
/// UTF-8-compatible types; BMPString (UTF-16), UniversalString (UTF-32) and T61String (read as Latin-1,
/// as browsers do) are decoded here. A value that is not a string is shown as `#` and its hex, as
/// OpenSSL does, so nothing is dropped.
fn attribute_text(v: &x509_parser::x509::AttributeTypeAndValue<'_>) -> String {
    use x509_parser::der_parser::asn1_rs::Tag;
    let any = v.attr_value();
    let data = any.data;
    match any.tag() {
        Tag::BmpString => char::decode_utf16(
            data.chunks(2)
                .map(|c| u16::from_be_bytes([c[0], *c.get(1).unwrap_or(&0)])),
        )
        .map(|r| r.unwrap_or('\u{fffd}'))
        .collect(),
        Tag::UniversalString => data
            .chunks(4)
            .map(|c| {
                char::from_u32(c.iter().fold(0u32, |a, b| (a << 8) | *b as u32))
                    .unwrap_or('\u{fffd}')
            })
            .collect(),
        Tag::T61String => data.iter().map(|&b| b as char).collect(),
        Tag::Utf8String
        | Tag::PrintableString
        | Tag::Ia5String
        | Tag::NumericString
        | Tag::VisibleString => String::from_utf8_lossy(data).into_owned(),
        _ => format!(
            "#{}",
            data.iter().map(|b| format!("{b:02X}")).collect::<String>()
        ),
    }
}

/// A Name as text ("C=US, O=Example, CN=host"), and its common names.
pub fn name_text(name: &x509_parser::x509::X509Name<'_>) -> (String, Vec<String>) {
    let mut parts = Vec::new();
    let mut common_names = Vec::new();
    for rdn in name.iter() {
        let set: Vec<String> = rdn
            .iter()
            .map(|atv| {
                let oid = atv.attr_type().to_id_string();
                let text = attribute_text(atv);
                if oid == "2.5.4.3" {
                    common_names.push(text.clone());
                }
                format!("{}={text}", attribute_name(&oid))
            })
            .collect();
        parts.push(set.join(" + "));
    }
    (parts.join(", "), common_names)
}
