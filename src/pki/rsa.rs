//! RSA signature verification (RFC 8017): PKCS#1 v1.5 and PSS, on public data only.
//!
//! Written here rather than with the `rsa` crate: that crate's arithmetic (crypto-bigint's heap
//! integers, generic over every size) cost the page's module 22 KiB gzipped, the largest single item
//! we could remove, while verifying needs one modular exponentiation by a small public exponent.
//! Nothing secret passes through here (public keys, signatures and digests of certificates), so
//! constant-time arithmetic, which is most of what that crate provides, is not needed. The
//! arithmetic is `modular.rs`'s; the encodings are checked byte for byte as RFC 8017 §8.2.2 and
//! §9.1.2 say. The chain tests (x509-limbo, the
//! differential test against pyca/cryptography, the fixtures) exercise both schemes.

use super::cert::Hash;

/// An RSA public key: the modulus as little-endian 32-bit limbs, and the public exponent.
pub struct PublicKey {
    n: Vec<u32>,
    e: u64,
    /// The modulus's size in bits and in bytes.
    bits: usize,
    len: usize,
}

use super::modular::{at_least, limbs, to_bytes, Modulus};

impl PublicKey {
    /// From the modulus and exponent as big-endian bytes (PKCS#1's INTEGERs). `None` for a modulus
    /// that is even, under 512 or over 16384 bits, or an exponent that is even, under 3 or over 2^33 - 1 (the
    /// bounds ring and the `rsa` crate enforce).
    pub fn new(n: &[u8], e: &[u8]) -> Option<PublicKey> {
        let n = limbs(n);
        let top = *n.last()?;
        let bits = (n.len() - 1) * 32 + (32 - top.leading_zeros() as usize);
        let e = limbs(e);
        let e = match e.as_slice() {
            [lo] => u64::from(*lo),
            [lo, hi] => u64::from(*lo) | (u64::from(*hi) << 32),
            _ => return None,
        };
        if n[0] & 1 == 0
            || !(512..=16384).contains(&bits)
            || e < 3
            || e & 1 == 0
            || e > (1 << 33) - 1
        {
            return None;
        }
        Some(PublicKey {
            n,
            e,
            bits,
            len: bits.div_ceil(8),
        })
    }

    /// From PKCS#1's `RSAPublicKey` DER (an SPKI's key bits).
    pub fn from_pkcs1(der: &[u8]) -> Option<PublicKey> {
        let (n, e) = super::der::rsa_public(der)?;
        PublicKey::new(&n, &e)
    }

    pub fn bits(&self) -> usize {
        self.bits
    }

    /// s^e mod n as `len` big-endian bytes (RSAVP1), or `None` when the signature is not `len` bytes
    /// or not below n.
    fn public_op(&self, signature: &[u8]) -> Option<Vec<u8>> {
        if signature.len() != self.len {
            return None;
        }
        let mut s = limbs(signature);
        s.resize(self.n.len(), 0);
        if at_least(&s, &self.n) {
            return None;
        }
        let m = Modulus::new(self.n.clone());
        let e = [self.e as u32, (self.e >> 32) as u32];
        let power = m.pow(&m.to_mont(&s), &e);
        Some(to_bytes(&m.from_mont(&power), self.len))
    }
}

/// The DER DigestInfo prefix of each hash (RFC 8017 §9.2, note 1).
fn digest_info(hash: Hash) -> Option<&'static [u8]> {
    Some(match hash {
        Hash::Sha1 => &[
            0x30, 0x21, 0x30, 0x09, 0x06, 0x05, 0x2b, 0x0e, 0x03, 0x02, 0x1a, 0x05, 0x00, 0x04,
            0x14,
        ],
        Hash::Sha256 => &[
            0x30, 0x31, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02,
            0x01, 0x05, 0x00, 0x04, 0x20,
        ],
        Hash::Sha384 => &[
            0x30, 0x41, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02,
            0x02, 0x05, 0x00, 0x04, 0x30,
        ],
        Hash::Sha512 => &[
            0x30, 0x51, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02,
            0x03, 0x05, 0x00, 0x04, 0x40,
        ],
        Hash::Md5 => return None,
    })
}

/// RSASSA-PKCS1-v1_5 verification of a digest (RFC 8017 §8.2.2): the encoded message is rebuilt and
/// compared whole.
pub fn verify_pkcs1(key: &PublicKey, hash: Hash, digest: &[u8], signature: &[u8]) -> bool {
    let (Some(prefix), Some(em)) = (digest_info(hash), key.public_op(signature)) else {
        return false;
    };
    let t_len = prefix.len() + digest.len();
    if key.len < t_len + 11 {
        return false;
    }
    let mut expected = vec![0xffu8; key.len];
    expected[0] = 0;
    expected[1] = 1;
    expected[key.len - t_len - 1] = 0;
    expected[key.len - t_len..key.len - digest.len()].copy_from_slice(prefix);
    expected[key.len - digest.len()..].copy_from_slice(digest);
    em == expected
}

/// MGF1 with `hash` (RFC 8017 §B.2.1).
fn mgf1(hash: Hash, seed: &[u8], len: usize) -> Vec<u8> {
    let mut out = Vec::with_capacity(len);
    let mut counter = 0u32;
    while out.len() < len {
        let mut block = seed.to_vec();
        block.extend_from_slice(&counter.to_be_bytes());
        out.extend(super::hash::digest(hash, &block));
        counter += 1;
    }
    out.truncate(len);
    out
}

/// RSASSA-PSS verification (RFC 8017 §9.1.2) with MGF1 over the same hash and a salt as long as the
/// digest, as webpki's (and ring's) RSA-PSS algorithms define them.
pub fn verify_pss(key: &PublicKey, hash: Hash, message: &[u8], signature: &[u8]) -> bool {
    let Some(em) = key.public_op(signature) else {
        return false;
    };
    let m_hash = super::hash::digest(hash, message);
    let h_len = m_hash.len();
    let s_len = h_len;
    let em_bits = key.bits - 1;
    let em_len = em_bits.div_ceil(8);
    // I2OSP(m, emLen): with emBits a multiple of 8, the first byte of the modulus-length output is 0.
    let em = match key.len - em_len {
        0 => &em[..],
        _ if em[0] == 0 => &em[1..],
        _ => return false,
    };
    if h_len == 0 || em_len < h_len + s_len + 2 || em[em_len - 1] != 0xbc {
        return false;
    }
    let (masked_db, h) = em[..em_len - 1].split_at(em_len - h_len - 1);
    let unused_bits = 8 * em_len - em_bits;
    let top_mask = 0xffu8 >> unused_bits;
    if masked_db[0] & !top_mask != 0 {
        return false;
    }
    let mut db: Vec<u8> = masked_db
        .iter()
        .zip(mgf1(hash, h, masked_db.len()))
        .map(|(a, b)| a ^ b)
        .collect();
    db[0] &= top_mask;
    let ps_len = em_len - h_len - s_len - 2;
    if db[..ps_len].iter().any(|b| *b != 0) || db[ps_len] != 1 {
        return false;
    }
    let salt = &db[ps_len + 1..];
    let mut m_prime = vec![0u8; 8];
    m_prime.extend_from_slice(&m_hash);
    m_prime.extend_from_slice(salt);
    super::hash::digest(hash, &m_prime) == h
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_public_operation_is_modular_exponentiation() {
        // n = 0xF...F (512 bits, odd) and e = 3: s^3 mod n for a small s is s^3 itself.
        let n = [0xffu8; 64];
        let key = PublicKey::new(&n, &[3]).unwrap();
        let mut s = [0u8; 64];
        s[63] = 7;
        let m = key.public_op(&s).unwrap();
        assert_eq!(&m[60..], &[0, 0, 1, 87]); // 343
        assert!(m[..60].iter().all(|b| *b == 0));
        // A signature not below n, or of the wrong length, is refused.
        assert!(key.public_op(&n).is_none());
        assert!(key.public_op(&s[1..]).is_none());
    }

    #[test]
    fn keys_out_of_bounds_are_refused() {
        let n = [0xffu8; 256];
        assert!(PublicKey::new(&n, &[1, 0, 1]).is_some());
        assert!(PublicKey::new(&n, &[2]).is_none(), "even exponent");
        assert!(PublicKey::new(&n, &[1]).is_none(), "exponent 1");
        let mut even = n;
        even[255] = 0xfe;
        assert!(PublicKey::new(&even, &[3]).is_none(), "even modulus");
        assert!(
            PublicKey::new(&[0xff; 32], &[3]).is_none(),
            "256-bit modulus"
        );
    }

    /// Signatures made by OpenSSL (tests/fixtures/pki/rsa-sig): every scheme and hash verifies, and
    /// a changed message, signature or scheme does not.
    #[test]
    fn openssl_signatures_verify_and_tampering_is_caught() {
        let dir =
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/pki/rsa-sig");
        let read = |name: &str| std::fs::read(dir.join(name)).unwrap();
        let message = read("msg.txt");
        for bits in [2048, 2049] {
            let key = PublicKey::from_pkcs1(&read(&format!("pub{bits}.der"))).unwrap();
            assert_eq!(key.bits(), bits);
            for (name, hash) in [
                ("sha256", Hash::Sha256),
                ("sha384", Hash::Sha384),
                ("sha512", Hash::Sha512),
            ] {
                let digest = crate::pki::hash::digest(hash, &message);
                let pkcs1 = read(&format!("pkcs1-{name}-{bits}.sig"));
                let pss = read(&format!("pss-{name}-{bits}.sig"));
                assert!(
                    verify_pkcs1(&key, hash, &digest, &pkcs1),
                    "pkcs1 {name} {bits}"
                );
                assert!(verify_pss(&key, hash, &message, &pss), "pss {name} {bits}");
                // The other scheme, another hash, another message, a changed signature: refused.
                assert!(!verify_pkcs1(&key, hash, &digest, &pss));
                assert!(!verify_pss(&key, hash, &message, &pkcs1));
                assert!(!verify_pss(&key, Hash::Sha1, &message, &pss));
                assert!(!verify_pss(&key, hash, b"another message", &pss));
                let mut changed = pss.clone();
                changed[10] ^= 1;
                assert!(!verify_pss(&key, hash, &message, &changed));
                let mut changed = pkcs1.clone();
                changed[100] ^= 0x80;
                assert!(!verify_pkcs1(&key, hash, &digest, &changed));
            }
        }
    }
}
