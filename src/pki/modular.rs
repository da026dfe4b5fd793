//! Arithmetic modulo an odd number, for verifying RSA and ECDSA signatures (`rsa.rs`, `ecdsa.rs`).
//!
//! Written here rather than taken from crypto-bigint (through the `rsa`, `p256` and `p384` crates):
//! that crate, generic over every size and constant-time throughout, was the largest part of the
//! page's module, while verification works on public data only (keys, signatures and digests of
//! certificates) and needs one small set of operations. Numbers are little-endian 32-bit limbs;
//! products use Montgomery multiplication (CIOS, as in the Handbook of Applied Cryptography 14.36).

/// Limbs, least significant first, from big-endian bytes (leading zeros dropped).
pub fn limbs(be: &[u8]) -> Vec<u32> {
    let be = &be[be.iter().take_while(|b| **b == 0).count()..];
    be.rchunks(4)
        .map(|chunk| chunk.iter().fold(0u32, |acc, b| (acc << 8) | u32::from(*b)))
        .collect()
}

/// `len` big-endian bytes of a number (its high limbs beyond them must be zero).
pub fn to_bytes(limbs: &[u32], len: usize) -> Vec<u8> {
    let mut out = vec![0u8; len];
    for (i, byte) in out.iter_mut().rev().enumerate() {
        *byte = limbs.get(i / 4).map_or(0, |l| (l >> (8 * (i % 4))) as u8);
    }
    out
}

/// `a >= b`, for numbers of the same limb count.
pub fn at_least(a: &[u32], b: &[u32]) -> bool {
    for (x, y) in a.iter().rev().zip(b.iter().rev()) {
        if x != y {
            return x > y;
        }
    }
    true
}

pub fn is_zero(a: &[u32]) -> bool {
    a.iter().all(|l| *l == 0)
}

/// `a -= b` for numbers of the same limb count; returns the borrow out.
fn subtract(a: &mut [u32], b: &[u32]) -> bool {
    let mut borrow = false;
    for (x, y) in a.iter_mut().zip(b) {
        let (d, b1) = x.overflowing_sub(*y);
        let (d, b2) = d.overflowing_sub(u32::from(borrow));
        *x = d;
        borrow = b1 || b2;
    }
    borrow
}

/// `a += b` for numbers of the same limb count; returns the carry out.
fn add(a: &mut [u32], b: &[u32]) -> bool {
    let mut carry = false;
    for (x, y) in a.iter_mut().zip(b) {
        let (s, c1) = x.overflowing_add(*y);
        let (s, c2) = s.overflowing_add(u32::from(carry));
        *x = s;
        carry = c1 || c2;
    }
    carry
}

/// An odd modulus with what Montgomery multiplication needs.
pub struct Modulus {
    pub n: Vec<u32>,
    /// -n⁻¹ mod 2³².
    n0: u32,
    /// R² mod n, R = 2^(32·limbs).
    rr: Vec<u32>,
}

impl Modulus {
    /// `n` must be odd and its top limb non-zero.
    pub fn new(n: Vec<u32>) -> Modulus {
        let k = n.len();
        // n⁻¹ mod 2³² by Newton's iteration (each step doubles the correct bits).
        let mut inv = 1u32;
        for _ in 0..5 {
            inv = inv.wrapping_mul(2u32.wrapping_sub(n[0].wrapping_mul(inv)));
        }
        let double = |x: &mut Vec<u32>| {
            let mut carry = 0u32;
            for limb in x.iter_mut() {
                let next = *limb >> 31;
                *limb = (*limb << 1) | carry;
                carry = next;
            }
            if carry != 0 || at_least(x, &n) {
                subtract(x, &n);
            }
        };
        // R mod n: R - n when n's top bit is set (R - n < n then), else 1 doubled 32·k times.
        let mut x = vec![0u32; k];
        if n[k - 1] >> 31 == 1 {
            subtract(&mut x, &n);
        } else {
            x[0] = 1;
            for _ in 0..32 * k {
                double(&mut x);
            }
        }
        // R² mod n: with 32·k = s·2^j (s odd), R·2^s mod n squared j times in Montgomery form
        // (each squaring doubles the power of two: R·2^e -> R·2^2e).
        let j = (32 * k).trailing_zeros();
        for _ in 0..(32 * k) >> j {
            double(&mut x);
        }
        let mut m = Modulus {
            n: n.clone(),
            n0: inv.wrapping_neg(),
            rr: Vec::new(),
        };
        for _ in 0..j {
            x = m.mul(&x, &x);
        }
        m.rr = x;
        m
    }

    pub fn limbs(&self) -> usize {
        self.n.len()
    }

    /// a·b·R⁻¹ mod n, for a, b < n with the modulus's limb count.
    pub fn mul(&self, a: &[u32], b: &[u32]) -> Vec<u32> {
        let k = self.n.len();
        let mut t = vec![0u32; k + 2];
        for &bi in b {
            let mut carry = 0u64;
            for j in 0..k {
                let s = u64::from(t[j]) + u64::from(a[j]) * u64::from(bi) + carry;
                t[j] = s as u32;
                carry = s >> 32;
            }
            let s = u64::from(t[k]) + carry;
            t[k] = s as u32;
            t[k + 1] = (s >> 32) as u32;
            let m = t[0].wrapping_mul(self.n0);
            let mut carry = (u64::from(t[0]) + u64::from(m) * u64::from(self.n[0])) >> 32;
            for j in 1..k {
                let s = u64::from(t[j]) + u64::from(m) * u64::from(self.n[j]) + carry;
                t[j - 1] = s as u32;
                carry = s >> 32;
            }
            let s = u64::from(t[k]) + carry;
            t[k - 1] = s as u32;
            t[k] = t[k + 1] + (s >> 32) as u32;
            t[k + 1] = 0;
        }
        // t < 2n: one subtraction at most.
        let high = t[k] != 0;
        t.truncate(k);
        if high || at_least(&t, &self.n) {
            subtract(&mut t, &self.n);
        }
        t
    }

    /// A number below n into Montgomery form (a·R mod n).
    pub fn to_mont(&self, a: &[u32]) -> Vec<u32> {
        let mut a = a.to_vec();
        a.resize(self.n.len(), 0);
        self.mul(&a, &self.rr)
    }

    /// Out of Montgomery form.
    pub fn from_mont(&self, a: &[u32]) -> Vec<u32> {
        let mut one = vec![0u32; self.n.len()];
        one[0] = 1;
        self.mul(a, &one)
    }

    /// (a + b) mod n, for a, b < n.
    pub fn add(&self, a: &[u32], b: &[u32]) -> Vec<u32> {
        let mut s = a.to_vec();
        if add(&mut s, b) || at_least(&s, &self.n) {
            subtract(&mut s, &self.n);
        }
        s
    }

    /// (a - b) mod n, for a, b < n.
    pub fn sub(&self, a: &[u32], b: &[u32]) -> Vec<u32> {
        let mut d = a.to_vec();
        if subtract(&mut d, b) {
            add(&mut d, &self.n);
        }
        d
    }

    /// base^exp in Montgomery form (base in Montgomery form, exp a plain number).
    pub fn pow(&self, base: &[u32], exp: &[u32]) -> Vec<u32> {
        let mut acc = self.to_mont(&[1]);
        for limb in exp.iter().rev() {
            for bit in (0..32).rev() {
                acc = self.mul(&acc, &acc);
                if limb >> bit & 1 == 1 {
                    acc = self.mul(&acc, base);
                }
            }
        }
        acc
    }

    /// n minus a small number, as an exponent (n - 2 for inverses modulo a prime).
    pub fn minus(&self, small: u32) -> Vec<u32> {
        let mut out = self.n.clone();
        let mut s = vec![0u32; out.len()];
        s[0] = small;
        subtract(&mut out, &s);
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn limbs_and_bytes() {
        assert_eq!(limbs(&[0, 0, 1, 2, 3, 4, 5]), vec![0x0203_0405, 0x01]);
        assert_eq!(to_bytes(&[0x0203_0405, 0x01], 6), vec![0, 1, 2, 3, 4, 5]);
        assert!(
            at_least(&[1, 2], &[1, 2]) && at_least(&[0, 3], &[9, 2]) && !at_least(&[9, 1], &[0, 2])
        );
    }

    #[test]
    fn arithmetic_modulo_a_prime() {
        // p = 2^61 - 1 (prime), in two limbs.
        let p = Modulus::new(vec![u32::MAX, 0x1fff_ffff]);
        let (x, y) = (0x0fff_ffff_ffff_fffbu64, 0x1234_5678_9abc_def1u64);
        let split = |v: u64| [v as u32, (v >> 32) as u32];
        let a = p.to_mont(&split(x));
        let b = p.to_mont(&split(y));
        // x·y mod p (the product is far above p), and back out of Montgomery form.
        let product = p.from_mont(&p.mul(&a, &b));
        let expected = (u128::from(x) * u128::from(y)) % ((1u128 << 61) - 1);
        assert_eq!(product, vec![expected as u32, (expected >> 32) as u32]);
        // Fermat: a^(p-1) = 1, and a · a^(p-2) = 1.
        assert_eq!(p.from_mont(&p.pow(&a, &p.minus(1))), vec![1, 0]);
        let inverse = p.pow(&a, &p.minus(2));
        assert_eq!(p.from_mont(&p.mul(&a, &inverse)), vec![1, 0]);
        assert_eq!(p.sub(&[1, 0], &[2, 0]), vec![u32::MAX - 1, 0x1fff_ffff]);
        assert_eq!(p.add(&[u32::MAX - 1, 0x1fff_ffff], &[2, 0]), vec![1, 0]);
    }
}
