//! Finds the catalog's patterns in lines of text, fast enough for a 50 MB log.
//!
//! The pattern language is the catalog's (data/symptoms/SOURCES.md): literal text in which `*` matches
//! any run of characters within the line. A pattern is its literal pieces in order. ASCII letters
//! match in either case: the same message reaches a ticket as `SEC_ERROR_UNKNOWN_ISSUER` and
//! `sec_error_unknown_issuer` (Firefox's older pages), or retyped in lower case, and a catalog that
//! spelled every case would place only the spellings it had seen. Folding ASCII keeps byte offsets,
//! so a match's offset is the same in the line as given.
//!
//! Written by hand rather than with `regex` or `aho-corasick`: either would add tens of KiB to the
//! page's module for what is a handful of literals. Each pattern is filed under a hash of the first
//! four bytes of its first piece; a line is read once, four bytes at a time, and only the patterns
//! filed under a hash that occurs are tried there. A 64 Ki-bit table says which hashes have patterns
//! at all. (Two bytes were enough while case mattered; folded, pairs such as `co` or `er` are in
//! every word.)

/// One pattern of one family.
struct Pattern {
    family: usize,
    pieces: Vec<String>,
}

pub struct Matcher {
    patterns: Vec<Pattern>,
    /// Bit `quad(first four bytes)` is set when some pattern's first piece starts with them.
    quads: Vec<u64>,
    /// (hash of the first four bytes, pattern index), sorted by hash.
    by_quad: Vec<(u16, usize)>,
    /// Patterns whose first piece is shorter than four bytes: tried on every line.
    short: Vec<usize>,
}

/// A 16-bit hash of four bytes (Fibonacci hashing).
fn quad(bytes: &[u8]) -> u16 {
    let word = u32::from_le_bytes([bytes[0], bytes[1], bytes[2], bytes[3]]);
    (word.wrapping_mul(0x9E37_79B1) >> 16) as u16
}

impl Matcher {
    /// `families[i]` holds the patterns of family `i`.
    pub fn new(families: &[&[String]]) -> Matcher {
        let mut m = Matcher {
            patterns: Vec::new(),
            quads: vec![0; 1024],
            by_quad: Vec::new(),
            short: Vec::new(),
        };
        for (family, patterns) in families.iter().enumerate() {
            for p in patterns.iter() {
                let pieces: Vec<String> = p
                    .split('*')
                    .filter(|s| !s.is_empty())
                    .map(str::to_ascii_lowercase)
                    .collect();
                let Some(first) = pieces.first() else {
                    continue;
                };
                let index = m.patterns.len();
                if first.len() >= 4 {
                    let key = quad(first.as_bytes());
                    m.quads[key as usize >> 6] |= 1 << (key & 63);
                    m.by_quad.push((key, index));
                } else {
                    m.short.push(index);
                }
                m.patterns.push(Pattern { family, pieces });
            }
        }
        crate::base::sort_by(&mut m.by_quad, |a, b| a < b);
        m
    }

    /// The families whose patterns occur in `line`, each once, with the byte offset of the earliest
    /// match, in the order the families are found.
    pub fn families_in(&self, line: &str, out: &mut Vec<(usize, usize)>) {
        out.clear();
        let folded = line.to_ascii_lowercase();
        let line = folded.as_str();
        let bytes = line.as_bytes();
        let add = |family: usize, at: usize, out: &mut Vec<(usize, usize)>| {
            if !out.iter().any(|(f, _)| *f == family) {
                out.push((family, at));
            }
        };
        for &index in &self.short {
            let p = &self.patterns[index];
            if let Some(at) = line.find(p.pieces[0].as_str()) {
                if rest_follows(line, at + p.pieces[0].len(), &p.pieces[1..]) {
                    add(p.family, at, out);
                }
            }
        }
        if bytes.len() < 4 {
            return;
        }
        // A pattern whose first piece was found at its earliest place but whose other pieces do not
        // follow cannot match later in the line either: it is tried once per line.
        let mut tried: Vec<usize> = Vec::new();
        for i in 0..=bytes.len() - 4 {
            let key = quad(&bytes[i..]);
            if self.quads[key as usize >> 6] & (1 << (key & 63)) == 0 {
                continue;
            }
            let start = self.by_quad.partition_point(|(k, _)| *k < key);
            for &(k, index) in &self.by_quad[start..] {
                if k != key {
                    break;
                }
                if tried.contains(&index) {
                    continue;
                }
                let pattern = &self.patterns[index];
                let first = pattern.pieces[0].as_bytes();
                if !bytes[i..].starts_with(first) {
                    continue;
                }
                tried.push(index);
                if rest_follows(line, i + first.len(), &pattern.pieces[1..]) {
                    add(pattern.family, i, out);
                }
            }
        }
    }
}

/// Whether `pieces` occur in order in `line` from byte `from` on.
fn rest_follows(line: &str, mut from: usize, pieces: &[String]) -> bool {
    for piece in pieces {
        match line.get(from..).and_then(|rest| rest.find(piece.as_str())) {
            Some(at) => from += at + piece.len(),
            None => return false,
        }
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    fn matcher(families: &[&[&str]]) -> Matcher {
        let owned: Vec<Vec<String>> = families
            .iter()
            .map(|f| f.iter().map(|s| s.to_string()).collect())
            .collect();
        let refs: Vec<&[String]> = owned.iter().map(Vec::as_slice).collect();
        Matcher::new(&refs)
    }

    fn found(m: &Matcher, line: &str) -> Vec<(usize, usize)> {
        let mut out = Vec::new();
        m.families_in(line, &mut out);
        out
    }

    #[test]
    fn literal_and_wildcard_patterns() {
        let m = matcher(&[
            &["ERR_CERT_AUTHORITY_INVALID"],
            &["Failed to connect to * Connection refused"],
            &["x"],
        ]);
        assert_eq!(found(&m, "net::ERR_CERT_AUTHORITY_INVALID"), vec![(0, 5)]);
        assert_eq!(
            found(
                &m,
                "curl: (7) Failed to connect to wb port 5559: Connection refused"
            ),
            vec![(1, 10)]
        );
        // The pieces must come in order, within the line.
        assert_eq!(
            found(&m, "Connection refused; Failed to connect to wb"),
            vec![]
        );
        assert_eq!(
            found(&m, "err_cert_authority_invalid"),
            vec![(0, 0)],
            "ASCII case does not matter"
        );
        assert_eq!(
            found(&m, "Failed to connect to wb: CONNECTION REFUSED"),
            vec![(1, 0)]
        );
        // Nor does it outside ASCII: the Turkish dotted capital I is not an i.
        assert_eq!(found(&m, "ERR_CERT_AUTHORİTY_INVALID"), vec![]);
        assert_eq!(found(&m, "a x"), vec![(2, 2)], "one-byte pieces work too");
        assert_eq!(
            found(&m, "x"),
            vec![(2, 0)],
            "in a line shorter than four bytes too"
        );
        assert_eq!(
            found(&m, "ERR_CERT_AUTHORITY_INVALID"),
            vec![(0, 0)],
            "the whole line"
        );
        assert_eq!(found(&m, "ERR_"), vec![], "a prefix is not the pattern");
        assert_eq!(found(&m, ""), vec![]);
    }

    #[test]
    fn a_later_occurrence_of_the_first_piece_is_not_needed() {
        let m = matcher(&[&["to *refused"]]);
        assert_eq!(found(&m, "to x to y refused"), vec![(0, 0)]);
        assert_eq!(found(&m, "refused to x"), vec![]);
    }

    #[test]
    fn several_families_on_one_line() {
        let m = matcher(&[&["alpha"], &["beta", "gamma"]]);
        assert_eq!(found(&m, "gamma alpha beta"), vec![(1, 0), (0, 6)]);
    }
}
