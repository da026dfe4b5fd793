//! Every limit the checker applies, in one place. Each one, when exceeded, gives a finding that names
//! it (`input-too-large` or `limit-exceeded`), and everything under it is still checked. They keep the
//! page responsive on hostile or mistaken input; real Workbench files are far below all of them.

/// One input larger than this is not parsed (a CA bundle is about 220 kB).
pub const MAX_INPUT_BYTES: usize = 16 * 1024 * 1024;
/// A log or pasted ticket text larger than this is not read for error messages (a busy rserver.log
/// over a week is tens of MB). Only such text may be larger than [`MAX_INPUT_BYTES`].
pub const MAX_TEXT_BYTES: usize = 64 * 1024 * 1024;
/// All inputs together: the ones past this are not parsed.
pub const MAX_TOTAL_BYTES: usize = 64 * 1024 * 1024;
/// PEM blocks read from one input (a system CA bundle has about 150).
pub const MAX_PEM_BLOCKS: usize = 10_000;
/// A config line longer than this is not parsed (option lines are a few hundred bytes at most).
pub const MAX_LINE_BYTES: usize = 64 * 1024;
/// Nesting of DER structures in a certificate (real ones nest fewer than ten levels).
pub const MAX_DER_DEPTH: usize = 32;
/// Findings of one rule in one file that the report lists.
pub const MAX_FINDINGS_PER_RULE_AND_FILE: usize = 50;

/// Reads a DER (or BER definite) length at `at`: (length, bytes the length field takes). The one
/// hand-written DER reader of the project, kept on purpose: the depth limit and the file-type sniffing
/// must look at input that strict DER decoders (der, asn1-rs) refuse before reading it, such as
/// non-minimal lengths built to nest deeply.
pub fn der_length(bytes: &[u8], at: usize) -> Option<(usize, usize)> {
    let first = *bytes.get(at)?;
    if first < 0x80 {
        return Some((first as usize, 1));
    }
    let n = (first & 0x7f) as usize;
    if n == 0 || n > 4 {
        return None;
    }
    let mut len = 0usize;
    for i in 0..n {
        len = (len << 8) | *bytes.get(at + 1 + i)? as usize;
    }
    Some((len, n + 1))
}

/// The nesting depth of a DER encoding, counted without recursion and stopping at `limit + 1`.
pub fn der_depth(bytes: &[u8], limit: usize) -> usize {
    // A stack of the end offsets of the constructed values we are inside.
    let mut ends: Vec<usize> = Vec::new();
    let mut at = 0usize;
    let mut deepest = 0usize;
    while at < bytes.len() {
        while ends.last().is_some_and(|&e| at >= e) {
            ends.pop();
        }
        let tag = bytes[at];
        let Some((len, used)) = der_length(bytes, at + 1) else {
            break;
        };
        let start = at + 1 + used;
        if tag & 0x20 != 0 {
            ends.push(start.saturating_add(len));
            deepest = deepest.max(ends.len());
            if deepest > limit {
                return deepest;
            }
            at = start;
        } else {
            at = start.saturating_add(len);
        }
    }
    deepest
}

#[cfg(test)]
mod tests {
    use super::der_depth;

    #[test]
    fn measures_der_nesting() {
        assert_eq!(der_depth(&[0x30, 0x03, 0x02, 0x01, 0x05], 32), 1);
        assert_eq!(der_depth(&[0x30, 0x04, 0x30, 0x02, 0x05, 0x00], 32), 2);
        let mut deep = Vec::new();
        for i in 0..100usize {
            deep.extend([0x30, 0x84]);
            deep.extend(((99 - i) as u32 * 6).to_be_bytes());
        }
        assert_eq!(der_depth(&deep, 32), 33);
    }
}
