//! The digests signatures are made over: one compiled copy for every verifier (webpki's algorithms in
//! `sigalgs.rs`, each chain link in `verify.rs`, RSA's encodings in `rsa.rs`).

use sha2::Digest;

/// The digest of `data` (empty for MD5, which is never verified).
pub fn digest(h: super::cert::Hash, data: &[u8]) -> Vec<u8> {
    use super::cert::Hash;
    match h {
        Hash::Sha1 => sha1::Sha1::digest(data).to_vec(),
        Hash::Sha256 => sha2::Sha256::digest(data).to_vec(),
        Hash::Sha384 => sha2::Sha384::digest(data).to_vec(),
        Hash::Sha512 => sha2::Sha512::digest(data).to_vec(),
        Hash::Md5 => Vec::new(),
    }
}
