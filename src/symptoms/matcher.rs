//! Finds the catalog's patterns in lines of text, fast enough for a 50 MB log.
//!
//! The pattern language is the catalog's (data/symptoms/SOURCES.md): literal, case-sensitive text in
//! which `*` matches any run of characters within the line. A pattern is its literal pieces in order.
//!
//! Written by hand rather than with `regex` or `aho-corasick`: either would add tens of KiB to the
//! page's module for what is a handful of literals. Each pattern is filed under the first two bytes of
//! its first piece; a line is read once, byte pair by byte pair, and only the patterns filed under a
//! pair that occurs are tried there. A 64 Ki-bit table says which pairs have patterns at all.

/// One pattern of one family.
struct Pattern {
    family: usize,
    pieces: Vec<String>,
}

pub struct Matcher {
    patterns: Vec<Pattern>,
    /// Bit `(b0 << 8) | b1` is set when some pattern's first piece starts with the bytes b0 b1.
    pairs: Vec<u64>,
    /// (byte pair, pattern index), sorted by pair.
    by_pair: Vec<(u16, usize)>,
    /// Patterns whose first piece is one byte long: tried on every line.
    short: Vec<usize>,
}

impl Matcher {
    /// `families[i]` holds the patterns of family `i`.
    pub fn new(families: &[&[String]]) -> Matcher {
        let mut m = Matcher {
            patterns: Vec::new(),
            pairs: vec![0; 1024],
            by_pair: Vec::new(),
            short: Vec::new(),
        };
        for (family, patterns) in families.iter().enumerate() {
            for p in patterns.iter() {
                let pieces: Vec<String> = p
                    .split('*')
                    .filter(|s| !s.is_empty())
                    .map(str::to_string)
                    .collect();
                let Some(first) = pieces.first() else {
                    continue;
                };
                let index = m.patterns.len();
                match first.as_bytes() {
                    [a, b, ..] => {
                        let pair = u16::from_be_bytes([*a, *b]);
                        m.pairs[pair as usize >> 6] |= 1 << (pair & 63);
                        m.by_pair.push((pair, index));
                    }
                    _ => m.short.push(index),
                }
                m.patterns.push(Pattern { family, pieces });
            }
        }
        crate::base::sort_by(&mut m.by_pair, |a, b| a < b);
        m
    }

    /// The families whose patterns occur in `line`, each once, with the byte offset of the earliest
    /// match, in the order the families are found.
    pub fn families_in(&self, line: &str, out: &mut Vec<(usize, usize)>) {
        out.clear();
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
        if bytes.len() < 2 {
            return;
        }
        // A pattern whose first piece was found at its earliest place but whose other pieces do not
        // follow cannot match later in the line either: it is tried once per line.
        let mut tried: Vec<usize> = Vec::new();
        for i in 0..bytes.len() - 1 {
            let pair = u16::from_be_bytes([bytes[i], bytes[i + 1]]);
            if self.pairs[pair as usize >> 6] & (1 << (pair & 63)) == 0 {
                continue;
            }
            let start = self.by_pair.partition_point(|(p, _)| *p < pair);
            for &(p, index) in &self.by_pair[start..] {
                if p != pair {
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
            vec![],
            "case matters"
        );
        assert_eq!(found(&m, "a x"), vec![(2, 2)], "one-byte pieces work too");
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
