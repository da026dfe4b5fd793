//! The WebAssembly shell's answers to the core's questions (`pki::signatures`): the platform's
//! WebCrypto (`crypto.subtle`), as @peculiar/x509 verifies, in the page's worker, the widget, the
//! offline file and the npm package (Node's WebCrypto). Browsers implement it with audited libraries
//! (BoringSSL in Chromium, NSS in Firefox); nothing here does cryptographic arithmetic.
//!
//! Every question goes through the same policy as the native shell's (`signatures::admissible`) before
//! the platform sees it, and ECDSA signatures reach WebCrypto as `r ‖ s` only from strict DER: a lax
//! conversion would let WebCrypto accept the BER encodings that ring and OpenSSL refuse.
//!
//! A question the platform cannot answer (no WebCrypto on a page served over plain HTTP, an algorithm
//! an old browser lacks) is left unanswered: the report then says what was not verified, and nothing
//! that depends on it is called verified.

use crate::pki::cert::Hash;
use crate::pki::key::Curve;
use crate::pki::signatures::{
    admissible, curve_bytes, ecdsa_der_to_fixed, Answers, KeyQuestion, Question, Scheme,
    SignatureQuestion,
};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

/// The platform's SubtleCrypto: `None` outside a secure context (a page over plain HTTP), where
/// browsers do not offer it.
pub fn subtle() -> Option<web_sys::SubtleCrypto> {
    let crypto = js_sys::Reflect::get(&js_sys::global(), &"crypto".into()).ok()?;
    if crypto.is_undefined() || crypto.is_null() {
        return None;
    }
    let subtle = js_sys::Reflect::get(&crypto, &"subtle".into()).ok()?;
    (!subtle.is_undefined() && !subtle.is_null()).then(|| subtle.unchecked_into())
}

/// Why nothing could be verified, for the report, when [`subtle`] is `None`.
pub const NO_WEBCRYPTO: &str = "this browser offers no WebCrypto here (pages served over plain HTTP get none; open the page over HTTPS, from localhost or as a file), so no signature was verified and no chain was judged";

fn object(fields: &[(&str, JsValue)]) -> js_sys::Object {
    let o = js_sys::Object::new();
    for (k, v) in fields {
        let _ = js_sys::Reflect::set(&o, &JsValue::from_str(k), v);
    }
    o
}

fn hash_name(h: Hash) -> &'static str {
    match h {
        Hash::Sha1 => "SHA-1",
        Hash::Sha384 => "SHA-384",
        Hash::Sha512 => "SHA-512",
        Hash::Sha256 | Hash::Md5 => "SHA-256",
    }
}

fn hash_bytes(h: Hash) -> u32 {
    match h {
        Hash::Sha1 => 20,
        Hash::Sha384 => 48,
        Hash::Sha512 => 64,
        Hash::Sha256 | Hash::Md5 => 32,
    }
}

fn curve_name(c: Curve) -> &'static str {
    match c {
        Curve::P384 => "P-384",
        _ => "P-256",
    }
}

/// An RSAPublicKey (the subjectPublicKey bits) as a SubjectPublicKeyInfo, what `importKey('spki')`
/// takes for RSA.
fn rsa_spki(rsa_public_key: &[u8]) -> Vec<u8> {
    use crate::pki::der::push_element;
    const RSA_ALGORITHM: &[u8] = &[
        0x30, 0x0d, 0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x01, 0x05, 0x00,
    ];
    let mut bits = vec![0u8];
    bits.extend_from_slice(rsa_public_key);
    let mut body = RSA_ALGORITHM.to_vec();
    push_element(&mut body, 0x03, &bits);
    let mut out = Vec::new();
    push_element(&mut out, 0x30, &body);
    out
}

async fn await_promise(p: Result<js_sys::Promise, JsValue>) -> Result<JsValue, JsValue> {
    JsFuture::from(p?).await
}

/// `Some(valid)`, or `None` when the platform could not answer (it refused the key or the algorithm).
pub async fn verify(subtle: &web_sys::SubtleCrypto, q: &SignatureQuestion) -> Option<bool> {
    if admissible(q).is_err() {
        return Some(false);
    }
    let name = |n: &str| JsValue::from_str(n);
    let (format, key_data, import, algorithm, signature) = match q.scheme {
        Scheme::RsaPkcs1(h) => (
            "spki",
            rsa_spki(&q.public_key),
            object(&[
                ("name", name("RSASSA-PKCS1-v1_5")),
                ("hash", name(hash_name(h))),
            ]),
            object(&[("name", name("RSASSA-PKCS1-v1_5"))]),
            q.signature.clone(),
        ),
        Scheme::RsaPss(h) => (
            "spki",
            rsa_spki(&q.public_key),
            object(&[("name", name("RSA-PSS")), ("hash", name(hash_name(h)))]),
            object(&[
                ("name", name("RSA-PSS")),
                ("saltLength", JsValue::from(hash_bytes(h))),
            ]),
            q.signature.clone(),
        ),
        Scheme::Ecdsa(curve, h) => (
            "raw",
            q.public_key.clone(),
            object(&[
                ("name", name("ECDSA")),
                ("namedCurve", name(curve_name(curve))),
            ]),
            object(&[("name", name("ECDSA")), ("hash", name(hash_name(h)))]),
            // Strict DER only (`admissible` has refused anything else).
            ecdsa_der_to_fixed(&q.signature, curve_bytes(curve)?)?,
        ),
        Scheme::Ed25519 => (
            "raw",
            q.public_key.clone(),
            object(&[("name", name("Ed25519"))]),
            object(&[("name", name("Ed25519"))]),
            q.signature.clone(),
        ),
    };
    let usages = js_sys::Array::of1(&name("verify"));
    let key_bytes = js_sys::Uint8Array::from(key_data.as_slice());
    let key =
        await_promise(subtle.import_key_with_object(format, &key_bytes, &import, false, &usages))
            .await
            .ok()?;
    let valid = await_promise(subtle.verify_with_object_and_js_u8_array_and_js_u8_array(
        &algorithm,
        key.unchecked_ref(),
        &js_sys::Uint8Array::from(signature.as_slice()),
        &js_sys::Uint8Array::from(q.message.as_slice()),
    ))
    .await
    .ok()?;
    valid.as_bool()
}

fn base64url(text: &str) -> Option<Vec<u8>> {
    use base64ct::Encoding;
    base64ct::Base64UrlUnpadded::decode_vec(text).ok()
}

/// The public half of a private key, by importing it into WebCrypto (extractable, in this worker) and
/// exporting its JWK's public coordinates; `None` when the platform refuses the key. The key's bytes
/// handed to WebCrypto are wiped once it has read them.
pub async fn public_key(subtle: &web_sys::SubtleCrypto, q: &KeyQuestion) -> Option<Vec<u8>> {
    let name = |n: &str| JsValue::from_str(n);
    let algorithm = match q.curve {
        Some(curve) => object(&[
            ("name", name("ECDSA")),
            ("namedCurve", name(curve_name(curve))),
        ]),
        None => object(&[("name", name("Ed25519"))]),
    };
    let secret = js_sys::Uint8Array::from(q.pkcs8.as_slice());
    let imported = subtle.import_key_with_object(
        "pkcs8",
        &secret,
        &algorithm,
        true,
        &js_sys::Array::of1(&name("sign")),
    );
    let key = await_promise(imported).await;
    secret.fill(0, 0, secret.length());
    let key: web_sys::CryptoKey = key.ok()?.unchecked_into();
    let jwk = await_promise(subtle.export_key("jwk", &key)).await.ok()?;
    let coordinate = |k: &str| {
        js_sys::Reflect::get(&jwk, &name(k))
            .ok()
            .and_then(|v| v.as_string())
            .and_then(|t| base64url(&t))
    };
    match q.curve {
        None => coordinate("x").filter(|x| x.len() == 32),
        Some(curve) => {
            let size = curve_bytes(curve)?;
            let (x, y) = (coordinate("x")?, coordinate("y")?);
            if x.len() != size || y.len() != size {
                return None;
            }
            Some([&[0x04][..], &x, &y].concat())
        }
    }
}

/// Answers every question at once (WebCrypto's calls run concurrently) into `answers`. Questions the
/// platform could not answer stay unanswered.
pub async fn answer(
    subtle: &web_sys::SubtleCrypto,
    questions: Vec<Question>,
    answers: &mut Answers,
) {
    let promises = js_sys::Array::new();
    for q in &questions {
        let subtle = subtle.clone();
        let q = q.clone();
        promises.push(&wasm_bindgen_futures::future_to_promise(async move {
            Ok(match &q {
                Question::Signature(s) => match verify(&subtle, s).await {
                    Some(valid) => JsValue::from_bool(valid),
                    None => JsValue::UNDEFINED,
                },
                Question::PublicKey(k) => match public_key(&subtle, k).await {
                    Some(bytes) => js_sys::Uint8Array::from(bytes.as_slice()).into(),
                    None => JsValue::UNDEFINED,
                },
            })
        }));
    }
    let Ok(results) = JsFuture::from(js_sys::Promise::all(&promises)).await else {
        return;
    };
    let results = js_sys::Array::from(&results);
    for (i, q) in questions.into_iter().enumerate() {
        let result = results.get(i as u32);
        match q {
            Question::Signature(s) => {
                if let Some(valid) = result.as_bool() {
                    answers.add_signature(&s, valid);
                }
            }
            Question::PublicKey(k) => {
                if let Some(bytes) = result.dyn_ref::<js_sys::Uint8Array>() {
                    answers.add_public_key(k.place.clone(), Some(bytes.to_vec()));
                }
            }
        }
    }
}

/// Checks in rounds, answering the core's questions with WebCrypto between them, until a round asks
/// nothing (or `MAX_ROUNDS`). The answers found are left in `options.answers`.
pub async fn check(inputs: &[crate::Input], options: &mut crate::CheckOptions) -> crate::Report {
    let Some(subtle) = subtle() else {
        let (mut report, questions) = crate::check_round(inputs, options);
        if !questions.is_empty() {
            report.not_checked.push(NO_WEBCRYPTO.to_string());
        }
        return report;
    };
    let mut round = 1;
    loop {
        let (report, questions) = crate::check_round(inputs, options);
        if questions.is_empty() || round == crate::MAX_ROUNDS {
            return report;
        }
        answer(&subtle, questions, &mut options.answers).await;
        round += 1;
    }
}
