//! ECDSA signature verification on P-256 and P-384 (FIPS 186-5 §6.4.2, SEC 1 §4.1.4).
//!
//! Written here rather than with the `p256` and `p384` crates, for the page's size: their
//! crypto-bigint arithmetic, instantiated for both curves and constant-time throughout, was the
//! largest part of the module left after RSA's (see `modular.rs`). Only public data passes here.
//! Points are Jacobian coordinates in Montgomery form; the formulas are the Explicit-Formulas
//! Database's for a = -3 ("dbl-2001-b", "add-2007-bl"), with every special case (the point at
//! infinity, equal and opposite points) handled. Public keys are checked to lie on the curve;
//! r and s must be in [1, n-1]; the sum u1·G + u2·Q must not be the point at infinity.

use super::modular::{at_least, is_zero, limbs, to_bytes, Modulus};

/// A curve y² = x³ - 3x + b over the prime field p, with a base point G of prime order n.
pub struct Curve {
    p: Modulus,
    n: Modulus,
    /// b, Gx and Gy in Montgomery form.
    b: Vec<u32>,
    g: (Vec<u32>, Vec<u32>),
    /// The size of a coordinate or a scalar, in bytes.
    pub bytes: usize,
}

fn hex(text: &str) -> Vec<u32> {
    let bytes: Vec<u8> = (0..text.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&text[i..i + 2], 16).unwrap_or(0))
        .collect();
    limbs(&bytes)
}

impl Curve {
    fn new(p: &str, n: &str, b: &str, gx: &str, gy: &str) -> Curve {
        let p = Modulus::new(hex(p));
        let n = Modulus::new(hex(n));
        let bytes = p.limbs() * 4;
        Curve {
            b: p.to_mont(&hex(b)),
            g: (p.to_mont(&hex(gx)), p.to_mont(&hex(gy))),
            p,
            n,
            bytes,
        }
    }

    /// NIST P-256 (secp256r1), its parameters as `openssl ecparam -param_enc explicit` prints them.
    pub fn p256() -> Curve {
        Curve::new(
            "ffffffff00000001000000000000000000000000ffffffffffffffffffffffff",
            "ffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551",
            "5ac635d8aa3a93e7b3ebbd55769886bc651d06b0cc53b0f63bce3c3e27d2604b",
            "6b17d1f2e12c4247f8bce6e563a440f277037d812deb33a0f4a13945d898c296",
            "4fe342e2fe1a7f9b8ee7eb4a7c0f9e162bce33576b315ececbb6406837bf51f5",
        )
    }

    /// NIST P-384 (secp384r1).
    pub fn p384() -> Curve {
        Curve::new(
            "fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffeffffffff0000000000000000ffffffff",
            "ffffffffffffffffffffffffffffffffffffffffffffffffc7634d81f4372ddf581a0db248b0a77aecec196accc52973",
            "b3312fa7e23ee7e4988e056be3f82d19181d9c6efe8141120314088f5013875ac656398d8a2ed19d2a85c8edd3ec2aef",
            "aa87ca22be8b05378eb1c71ef320ad746e1d3b628ba79b9859f741e082542a385502f25dbf55296c3a545e3872760ab7",
            "3617de4a96262c6f5d9e98bf9292dc29f8f41dbd289a147ce9da3113b5f0b8c00a60b1ce1d7e819d7a431d7c90ea0e5f",
        )
    }

    /// x³ - 3x + b, in Montgomery form.
    fn rhs(&self, x: &[u32]) -> Vec<u32> {
        let p = &self.p;
        let x3 = p.mul(&p.mul(x, x), x);
        let three_x = p.add(&p.add(x, x), x);
        p.add(&p.sub(&x3, &three_x), &self.b)
    }

    /// A SEC1 point (uncompressed `04 x y` or compressed `02/03 x`) on this curve, in Montgomery
    /// form; `None` when it is not a point of the curve (or is the point at infinity).
    pub fn point(&self, sec1: &[u8]) -> Option<(Vec<u32>, Vec<u32>)> {
        let p = &self.p;
        let k = p.limbs();
        let coordinate = |bytes: &[u8]| {
            let mut v = limbs(bytes);
            v.resize(k, 0);
            (!at_least(&v, &p.n)).then(|| p.to_mont(&v))
        };
        let (&tag, rest) = sec1.split_first()?;
        match (tag, rest.len()) {
            (4, len) if len == 2 * self.bytes => {
                let (x, y) = (
                    coordinate(&rest[..self.bytes])?,
                    coordinate(&rest[self.bytes..])?,
                );
                (p.mul(&y, &y) == self.rhs(&x)).then_some((x, y))
            }
            (2 | 3, len) if len == self.bytes => {
                let x = coordinate(rest)?;
                let y2 = self.rhs(&x);
                // p ≡ 3 (mod 4) for both curves: a square root is y2^((p+1)/4).
                let mut exp = p.n.clone();
                let mut carry = 1u64;
                for l in exp.iter_mut() {
                    let s = u64::from(*l) + carry;
                    *l = s as u32;
                    carry = s >> 32;
                }
                let exp: Vec<u32> = (0..k)
                    .map(|i| (exp[i] >> 2) | exp.get(i + 1).map_or(0, |h| h << 30))
                    .collect();
                let y = p.pow(&y2, &exp);
                if p.mul(&y, &y) != y2 {
                    return None;
                }
                let odd = p.from_mont(&y)[0] & 1 == 1;
                let y = if odd == (tag == 3) {
                    y
                } else {
                    p.sub(&vec![0; k], &y)
                };
                Some((x, y))
            }
            _ => None,
        }
    }

    fn double(&self, (x1, y1, z1): &Point) -> Point {
        let p = &self.p;
        let delta = p.mul(z1, z1);
        let gamma = p.mul(y1, y1);
        let beta = p.mul(x1, &gamma);
        let t = p.mul(&p.sub(x1, &delta), &p.add(x1, &delta));
        let alpha = p.add(&p.add(&t, &t), &t);
        let four_beta = p.add(&p.add(&beta, &beta), &p.add(&beta, &beta));
        let x3 = p.sub(&p.mul(&alpha, &alpha), &p.add(&four_beta, &four_beta));
        let yz = p.add(y1, z1);
        let z3 = p.sub(&p.sub(&p.mul(&yz, &yz), &gamma), &delta);
        let gamma2 = p.mul(&gamma, &gamma);
        let eight_gamma2 = {
            let two = p.add(&gamma2, &gamma2);
            let four = p.add(&two, &two);
            p.add(&four, &four)
        };
        let y3 = p.sub(&p.mul(&alpha, &p.sub(&four_beta, &x3)), &eight_gamma2);
        (x3, y3, z3)
    }

    fn add(&self, a: &Point, b: &Point) -> Point {
        let p = &self.p;
        if is_zero(&a.2) {
            return b.clone();
        }
        if is_zero(&b.2) {
            return a.clone();
        }
        let (x1, y1, z1) = a;
        let (x2, y2, z2) = b;
        let z1z1 = p.mul(z1, z1);
        let z2z2 = p.mul(z2, z2);
        let u1 = p.mul(x1, &z2z2);
        let u2 = p.mul(x2, &z1z1);
        let s1 = p.mul(&p.mul(y1, z2), &z2z2);
        let s2 = p.mul(&p.mul(y2, z1), &z1z1);
        let h = p.sub(&u2, &u1);
        let s = p.sub(&s2, &s1);
        let r = p.add(&s, &s);
        if is_zero(&h) {
            return if is_zero(&r) {
                self.double(a)
            } else {
                self.infinity()
            };
        }
        let two_h = p.add(&h, &h);
        let i = p.mul(&two_h, &two_h);
        let j = p.mul(&h, &i);
        let v = p.mul(&u1, &i);
        let x3 = p.sub(&p.sub(&p.mul(&r, &r), &j), &p.add(&v, &v));
        let s1j = p.mul(&s1, &j);
        let y3 = p.sub(&p.mul(&r, &p.sub(&v, &x3)), &p.add(&s1j, &s1j));
        let z12 = p.add(z1, z2);
        let z3 = p.mul(&p.sub(&p.sub(&p.mul(&z12, &z12), &z1z1), &z2z2), &h);
        (x3, y3, z3)
    }

    fn infinity(&self) -> Point {
        let k = self.p.limbs();
        (vec![0; k], vec![0; k], vec![0; k])
    }

    /// u1·G + u2·Q (Shamir's trick), the scalars as plain numbers.
    fn combination(&self, u1: &[u32], u2: &[u32], q: &Point) -> Point {
        let one = self.p.to_mont(&[1]);
        let g: Point = (self.g.0.clone(), self.g.1.clone(), one);
        let both = self.add(&g, q);
        let mut acc = self.infinity();
        for i in (0..self.n.limbs()).rev() {
            for bit in (0..32).rev() {
                acc = self.double(&acc);
                match (u1[i] >> bit & 1, u2[i] >> bit & 1) {
                    (1, 1) => acc = self.add(&acc, &both),
                    (1, 0) => acc = self.add(&acc, &g),
                    (0, 1) => acc = self.add(&acc, q),
                    _ => {}
                }
            }
        }
        acc
    }

    /// The affine coordinates (plain numbers) of a point; `None` for the point at infinity.
    fn affine(&self, (x, y, z): &Point) -> Option<(Vec<u32>, Vec<u32>)> {
        if is_zero(z) {
            return None;
        }
        let p = &self.p;
        let z_inv = p.pow(z, &p.minus(2));
        let z_inv2 = p.mul(&z_inv, &z_inv);
        let x = p.from_mont(&p.mul(x, &z_inv2));
        let y = p.from_mont(&p.mul(y, &p.mul(&z_inv2, &z_inv)));
        Some((x, y))
    }

    fn sec1(&self, (x, y): (Vec<u32>, Vec<u32>)) -> Vec<u8> {
        let mut out = vec![4u8];
        out.extend(to_bytes(&x, self.bytes));
        out.extend(to_bytes(&y, self.bytes));
        out
    }

    /// A SEC1 point in its uncompressed form (`04 x y`), or `None` when it is not on the curve.
    pub fn uncompressed(&self, sec1: &[u8]) -> Option<Vec<u8>> {
        let (x, y) = self.point(sec1)?;
        Some(self.sec1((self.p.from_mont(&x), self.p.from_mont(&y))))
    }

    /// The public point d·G of a private scalar, uncompressed; `None` unless 1 <= d < n. The
    /// scalar's copy here is wiped after use.
    pub fn public_point(&self, secret: &[u8]) -> Option<Vec<u8>> {
        use zeroize::Zeroize;
        let k = self.n.limbs();
        let mut d = limbs(secret);
        let valid = d.len() <= k && {
            d.resize(k, 0);
            !is_zero(&d) && !at_least(&d, &self.n.n)
        };
        let point = valid.then(|| {
            let one = self.p.to_mont(&[1]);
            let g: Point = (self.g.0.clone(), self.g.1.clone(), one);
            self.combination(&d, &vec![0; k], &g)
        });
        d.zeroize();
        Some(self.sec1(self.affine(&point?)?))
    }

    /// Verifies a signature (r, s as big-endian bytes) of a digest by the public key `q`.
    pub fn verify(&self, q: &(Vec<u32>, Vec<u32>), digest: &[u8], r: &[u8], s: &[u8]) -> bool {
        let n = &self.n;
        let k = n.limbs();
        let scalar = |bytes: &[u8]| {
            let mut v = limbs(bytes);
            if v.len() > k {
                return None;
            }
            v.resize(k, 0);
            (!is_zero(&v) && !at_least(&v, &n.n)).then_some(v)
        };
        let (Some(r), Some(s)) = (scalar(r), scalar(s)) else {
            return false;
        };
        // e: the leftmost bits of the digest, as many as n has (both curves' n fill whole bytes),
        // reduced modulo n (e < 2n).
        let mut e = limbs(&digest[..digest.len().min(self.bytes)]);
        e.resize(k, 0);
        if at_least(&e, &n.n) {
            e = n.sub(&e, &n.n);
        }
        let w = n.pow(&n.to_mont(&s), &n.minus(2));
        let u1 = n.from_mont(&n.mul(&n.to_mont(&e), &w));
        let u2 = n.from_mont(&n.mul(&n.to_mont(&r), &w));
        let one = self.p.to_mont(&[1]);
        let point = self.combination(&u1, &u2, &(q.0.clone(), q.1.clone(), one));
        // The point at infinity fails; else its x, compared with r modulo n (x < p < 2n).
        let Some((x, _)) = self.affine(&point) else {
            return false;
        };
        let v = if at_least(&x, &n.n) {
            n.sub(&x, &n.n)
        } else {
            x
        };
        v == r
    }
}

type Point = (Vec<u32>, Vec<u32>, Vec<u32>);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_base_points_are_on_their_curves_and_of_order_n() {
        for curve in [Curve::p256(), Curve::p384()] {
            let g = &curve.g;
            assert_eq!(
                curve.p.mul(&g.1, &g.1),
                curve.rhs(&g.0),
                "G is on the curve"
            );
            // n·G is the point at infinity; (n-1)·G is -G.
            let one = curve.p.to_mont(&[1]);
            let g3: Point = (g.0.clone(), g.1.clone(), one);
            let zero = vec![0; curve.n.limbs()];
            let n_g = curve.combination(&curve.n.n, &zero, &g3);
            assert!(is_zero(&n_g.2));
            let minus = curve.combination(&curve.n.minus(1), &zero, &g3);
            let z2 = curve.p.mul(&minus.2, &minus.2);
            let z2_inv = curve.p.pow(&z2, &curve.p.minus(2));
            assert_eq!(curve.p.mul(&minus.0, &z2_inv), g.0);
        }
    }

    #[test]
    fn compressed_and_uncompressed_points_agree() {
        let curve = Curve::p256();
        let x = to_bytes(&curve.p.from_mont(&curve.g.0), 32);
        let y = to_bytes(&curve.p.from_mont(&curve.g.1), 32);
        let full = [&[4u8][..], &x, &y].concat();
        let odd = y[31] & 1 == 1;
        let compressed = [&[if odd { 3u8 } else { 2 }][..], &x].concat();
        assert_eq!(curve.point(&full), curve.point(&compressed));
        assert!(curve.point(&full).is_some());
        let wrong = [&[if odd { 2u8 } else { 3 }][..], &x].concat();
        assert_ne!(curve.point(&wrong), curve.point(&full));
        let mut off = full.clone();
        off[64] ^= 1;
        assert!(curve.point(&off).is_none(), "not on the curve");
        assert!(curve.point(&[0]).is_none());
        // 1·G is G; 0 and n are no private scalars.
        let mut one = [0u8; 32];
        one[31] = 1;
        assert_eq!(curve.public_point(&one), Some(full.clone()));
        assert_eq!(curve.uncompressed(&compressed), Some(full));
        assert!(curve.public_point(&[0u8; 32]).is_none());
        assert!(curve.public_point(&to_bytes(&curve.n.n, 32)).is_none());
    }
}
