//! The names shared by certificates, keys and signatures, below all three: a signature's hash and a
//! key's curve.

/// The hash a signature algorithm uses.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Hash {
    Md5,
    Sha1,
    Sha256,
    Sha384,
    Sha512,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Curve {
    P192,
    P224,
    P256,
    P384,
    P521,
    Secp256k1,
}

impl Curve {
    pub fn from_oid(oid: &str) -> Option<Curve> {
        Some(match oid {
            "1.2.840.10045.3.1.1" => Curve::P192,
            "1.3.132.0.33" => Curve::P224,
            "1.2.840.10045.3.1.7" => Curve::P256,
            "1.3.132.0.34" => Curve::P384,
            "1.3.132.0.35" => Curve::P521,
            "1.3.132.0.10" => Curve::Secp256k1,
            _ => return None,
        })
    }
    pub fn name(self) -> &'static str {
        match self {
            Curve::P192 => "P-192",
            Curve::P224 => "P-224",
            Curve::P256 => "P-256",
            Curve::P384 => "P-384",
            Curve::P521 => "P-521",
            Curve::Secp256k1 => "secp256k1",
        }
    }
    pub fn bits(self) -> u32 {
        match self {
            Curve::P192 => 192,
            Curve::P224 => 224,
            Curve::P256 | Curve::Secp256k1 => 256,
            Curve::P384 => 384,
            Curve::P521 => 521,
        }
    }
}
