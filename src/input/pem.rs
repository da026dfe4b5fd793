//! A tolerant PEM reader.
//!
//! Written here instead of using x509-parser's or the `pem` crate's reader: those stop at the first
//! malformed block or require BEGIN lines at column 0 and strict base64, while admins paste bundles
//! with CRLF, leading blanks, trailing spaces, OpenSSL "Bag Attributes" and prose between blocks, and
//! we must report each bad block and still read the others.

/// One `-----BEGIN X-----` ... `-----END X-----` block.
#[derive(Clone, Debug)]
pub struct PemBlock {
    /// 1-based position of the block in its file.
    pub index: u32,
    /// 1-based line of the BEGIN line.
    pub line: u32,
    pub label: String,
    /// RFC 1421 headers such as `Proc-Type: 4,ENCRYPTED` (legacy encrypted keys).
    pub headers: Vec<(String, String)>,
    /// The decoded body, or why it could not be decoded.
    pub body: Result<Vec<u8>, PemProblem>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PemProblem {
    /// A BEGIN line with no matching END line.
    NoEnd,
    /// The END label differs from the BEGIN label.
    MismatchedEnd(String),
    /// The body is not valid base64 (truncated, or garbage inside).
    BadBase64,
    Empty,
}

impl PemProblem {
    pub fn describe(&self) -> String {
        match self {
            PemProblem::NoEnd => {
                "it has a BEGIN line but no END line (the file is truncated)".into()
            }
            PemProblem::MismatchedEnd(end) => {
                format!("its END line says `{end}`, not the BEGIN label")
            }
            PemProblem::BadBase64 => {
                "its body is not valid base64 (truncated or damaged when copied)".into()
            }
            PemProblem::Empty => "it is empty".into(),
        }
    }
}

impl Drop for PemBlock {
    fn drop(&mut self) {
        // Key blocks hold secrets; wipe the decoded bytes.
        if let Ok(body) = &mut self.body {
            zeroize::Zeroize::zeroize(body);
        }
    }
}

fn marker<'a>(line: &'a str, kind: &str) -> Option<&'a str> {
    let t = line.trim();
    let rest = t
        .strip_prefix("-----")?
        .strip_prefix(kind)?
        .strip_prefix(' ')?;
    Some(rest.strip_suffix("-----")?.trim())
}

/// Reads every PEM block of a text, in order. Text outside blocks is ignored. At most `max_blocks`
/// blocks are returned; the second value says whether more were left unread.
pub fn read_blocks(text: &str, max_blocks: usize) -> (Vec<PemBlock>, bool) {
    let mut blocks = Vec::new();
    let mut lines = text.lines().enumerate().peekable();
    while let Some((no, line)) = lines.next() {
        let Some(label) = marker(line, "BEGIN") else {
            continue;
        };
        if blocks.len() == max_blocks {
            return (blocks, true);
        }
        let label = label.to_string();
        let mut headers = Vec::new();
        let mut body = String::new();
        let mut end: Option<String> = None;
        let mut in_headers = true;
        while let Some((_, l)) = lines.peek() {
            let l = *l;
            if marker(l, "BEGIN").is_some() {
                break; // a new block starts: this one has no END
            }
            lines.next();
            if let Some(e) = marker(l, "END") {
                end = Some(e.to_string());
                break;
            }
            let t = l.trim();
            if in_headers {
                if let Some((k, v)) = t.split_once(':') {
                    if !k.contains(' ') && !k.is_empty() {
                        headers.push((k.to_string(), v.trim().to_string()));
                        continue;
                    }
                }
                in_headers = false;
            }
            body.push_str(t);
        }
        let decoded = match end {
            None => Err(PemProblem::NoEnd),
            Some(e) if e != label => Err(PemProblem::MismatchedEnd(e)),
            Some(_) if body.is_empty() => Err(PemProblem::Empty),
            Some(_) => decode_base64(&body),
        };
        zeroize::Zeroize::zeroize(&mut body);
        blocks.push(PemBlock {
            index: u32::try_from(blocks.len() + 1).unwrap_or(u32::MAX),
            line: u32::try_from(no + 1).unwrap_or(u32::MAX),
            label,
            headers,
            body: decoded,
        });
    }
    (blocks, false)
}

/// Standard base64 (RFC 4648), padding optional (base64ct: constant-time, so key bodies are not
/// decoded with secret-dependent branches).
pub(crate) fn decode_base64(body: &str) -> Result<Vec<u8>, PemProblem> {
    use base64ct::Encoding;
    let data = body.trim_end_matches('=');
    if body.len() - data.len() > 2 {
        return Err(PemProblem::BadBase64);
    }
    base64ct::Base64Unpadded::decode_vec(data).map_err(|_| PemProblem::BadBase64)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_blocks_with_noise_around_them() {
        let text = "Bag Attributes\r\n    localKeyID: 01\r\nsubject=/CN=x\r\n  -----BEGIN CERTIFICATE-----  \r\nAAEC\r\nAw==\r\n-----END CERTIFICATE-----\r\nprose\n-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\nDEK-Info: DES-EDE3-CBC,00\n\nAAEC\n-----END RSA PRIVATE KEY-----\n";
        let (blocks, more) = read_blocks(text, 10);
        assert!(!more);
        assert_eq!(blocks.len(), 2);
        assert_eq!(
            (blocks[0].index, blocks[0].line, blocks[0].label.as_str()),
            (1, 4, "CERTIFICATE")
        );
        assert_eq!(blocks[0].body.as_deref().unwrap(), &[0, 1, 2, 3]);
        assert_eq!(
            blocks[1].headers[0],
            ("Proc-Type".to_string(), "4,ENCRYPTED".to_string())
        );
        assert!(blocks[1].body.is_ok());
    }

    #[test]
    fn reports_broken_blocks_and_keeps_reading() {
        let text = "-----BEGIN CERTIFICATE-----\nAAE!!\n-----END CERTIFICATE-----\n-----BEGIN CERTIFICATE-----\nAAEC\n-----BEGIN PUBLIC KEY-----\nAAEC\n-----END CERTIFICATE-----\n";
        let (blocks, _) = read_blocks(text, 10);
        assert_eq!(blocks.len(), 3);
        assert_eq!(blocks[0].body, Err(PemProblem::BadBase64));
        assert_eq!(blocks[1].body, Err(PemProblem::NoEnd));
        assert_eq!(
            blocks[2].body,
            Err(PemProblem::MismatchedEnd("CERTIFICATE".into()))
        );
    }

    #[test]
    fn base64_decodes_with_and_without_padding() {
        assert_eq!(decode_base64("TWFu"), Ok(b"Man".to_vec()));
        assert_eq!(decode_base64("TWE="), Ok(b"Ma".to_vec()));
        assert_eq!(decode_base64("TWE"), Ok(b"Ma".to_vec()));
        assert_eq!(decode_base64("TQ=="), Ok(b"M".to_vec()));
        assert_eq!(decode_base64("T"), Err(PemProblem::BadBase64));
        assert_eq!(decode_base64("TW!u"), Err(PemProblem::BadBase64));
        assert_eq!(decode_base64("TQ==="), Err(PemProblem::BadBase64));
        assert_eq!(decode_base64("+/+/"), Ok(vec![0xfb, 0xff, 0xbf]));
    }

    #[test]
    fn caps_the_number_of_blocks() {
        let one = "-----BEGIN CERTIFICATE-----\nAAEC\n-----END CERTIFICATE-----\n";
        let (blocks, more) = read_blocks(&one.repeat(5), 3);
        assert_eq!((blocks.len(), more), (3, true));
    }
}
