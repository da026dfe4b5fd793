//! The WebAssembly shell: a thin wasm-bindgen layer over the core for the page, the widget and the
//! offline file. One request object in (`{ inputs: [{ name, bytes }], now, hostname, roles,
//! publicRoots }`), the report out as a JavaScript object (serde-wasm-bindgen) with the same shape as
//! the CLI's `--format json`; bad requests are `Error`s. The rules' documentation is not in
//! the module: the page loads rule-docs.js.

use crate::pki::Role;
use crate::{render, CheckOptions, Input, Report};
use serde::Serialize;
use wasm_bindgen::prelude::*;

#[wasm_bindgen(typescript_custom_section)]
const TS_TYPES: &'static str = include_str!("wasm.d.ts");

#[wasm_bindgen(start)]
fn start() {
    // A panic becomes a readable console message; the JS side turns the trap into an error message
    // and starts a fresh instance.
    console_error_panic_hook::set_once();
}

const REQUEST_FIELDS: [&str; 7] = [
    "inputs",
    "now",
    "hostname",
    "roles",
    "publicRoots",
    "symptomCatalog",
    "chartDefaults",
];

fn bad(what: &str) -> JsError {
    JsError::new(&format!("bad check request: {what}"))
}

/// A property of the request, `None` when it is absent (`undefined` or `null`).
fn field(object: &js_sys::Object, key: &str) -> Result<Option<JsValue>, JsError> {
    let v = js_sys::Reflect::get(object, &JsValue::from_str(key)).map_err(|_| bad(key))?;
    Ok((!v.is_undefined() && !v.is_null()).then_some(v))
}

fn bytes(v: &JsValue, what: &str) -> Result<Vec<u8>, JsError> {
    v.dyn_ref::<js_sys::Uint8Array>()
        .map(js_sys::Uint8Array::to_vec)
        .ok_or_else(|| bad(&format!("{what} must be a Uint8Array")))
}

/// Reads the request (`CheckRequest` in wasm.d.ts) into the core's inputs and options. Read by hand
/// with js-sys rather than deserialised with serde: serde's error machinery (with float formatting)
/// would cost the module about 20 KiB. serde-wasm-bindgen does the other direction, the report.
/// How an input's `bytes` become bytes: a Uint8Array for the `check` API; the worker also reads
/// `Blob`s and `File`s (with FileReaderSync, off the page's main thread).
type ContentReader<'a> = &'a dyn Fn(&JsValue) -> Result<Vec<u8>, JsError>;

fn uint8array_content(v: &JsValue) -> Result<Vec<u8>, JsError> {
    bytes(v, "an input's `bytes`")
}

fn read_request(
    request: &JsValue,
    content: ContentReader<'_>,
) -> Result<(Vec<Input>, CheckOptions), JsError> {
    let object = request
        .dyn_ref::<js_sys::Object>()
        .filter(|_| !request.is_function() && !js_sys::Array::is_array(request))
        .ok_or_else(|| bad("expected an object { inputs, now, hostname, roles, publicRoots }"))?;
    // A misspelt field (`nowMs`) would silently drop the clock: unknown fields are refused.
    for key in js_sys::Object::keys(object)
        .iter()
        .filter_map(|k| k.as_string())
    {
        if !REQUEST_FIELDS.contains(&key.as_str()) {
            return Err(bad(&format!(
                "unknown field `{key}` (expected one of {})",
                REQUEST_FIELDS.join(", ")
            )));
        }
    }
    let list = field(object, "inputs")?.ok_or_else(|| bad("`inputs` is missing"))?;
    if !js_sys::Array::is_array(&list) {
        return Err(bad("`inputs` must be an array of { name, bytes }"));
    }
    let mut inputs = Vec::new();
    for item in js_sys::Array::from(&list).iter() {
        let item = item
            .dyn_into::<js_sys::Object>()
            .map_err(|_| bad("each input must be an object { name, bytes }"))?;
        let name = field(&item, "name")?
            .and_then(|n| n.as_string())
            .ok_or_else(|| bad("an input's `name` must be a string"))?;
        let data = field(&item, "bytes")?.ok_or_else(|| bad("an input has no `bytes`"))?;
        inputs.push(Input::new(name, content(&data)?));
    }
    let now_unix = match field(object, "now")? {
        None => None,
        Some(v) => match v.as_f64() {
            Some(ms) if ms.is_finite() => Some((ms / 1000.0).floor() as i64),
            _ => return Err(bad("`now` must be a finite number of milliseconds")),
        },
    };
    let hostname = match field(object, "hostname")? {
        None => None,
        Some(v) => Some(
            v.as_string()
                .ok_or_else(|| bad("`hostname` must be a string"))?,
        ),
    };
    let mut roles = Vec::new();
    if let Some(map) = field(object, "roles")? {
        let map = map
            .dyn_into::<js_sys::Object>()
            .map_err(|_| bad("`roles` must be an object { inputName: role }"))?;
        for entry in js_sys::Object::entries(&map).iter() {
            let pair = js_sys::Array::from(&entry);
            let (name, id) = (pair.get(0).as_string(), pair.get(1).as_string());
            let (Some(name), Some(id)) = (name, id) else {
                return Err(bad("`roles` values must be role names"));
            };
            let role =
                Role::from_id(&id).ok_or_else(|| JsError::new(&format!("unknown role `{id}`")))?;
            roles.push((name, role));
        }
    }
    let public_roots = match field(object, "publicRoots")? {
        None => Vec::new(),
        Some(v) => crate::pki::trust::decode_anchors(&bytes(&v, "`publicRoots`")?)
            .ok_or_else(|| bad("`publicRoots` is not a public-roots.bin file"))?,
    };
    let symptom_catalog = match field(object, "symptomCatalog")? {
        None => None,
        Some(v) => Some(std::sync::Arc::new(read_catalog(&v)?)),
    };
    let chart_defaults = match field(object, "chartDefaults")? {
        None => None,
        Some(v) => Some(std::sync::Arc::new(read_chart_defaults(&v).ok_or_else(|| {
            bad("`chartDefaults` must be chart-defaults.json's object { version: values.yaml text }")
        })?)),
    };
    let options = CheckOptions {
        now_unix,
        hostname: hostname.filter(|h| !h.trim().is_empty()),
        roles,
        server_files: None,
        public_roots,
        system_roots: Vec::new(),
        // The page never dials anything: what was served comes from pasted s_client or curl output.
        observations: Vec::new(),
        // A dropped folder may hold only some of a server's files: a file not among them is "not
        // given", never "missing on the server".
        whole_folders: Vec::new(),
        symptom_catalog,
        answers: Default::default(),
        chart_defaults,
    };
    Ok((inputs, options))
}

/// Reads chart-defaults.json (parsed by JavaScript): `{ "0.22.0": "<the chart's values.yaml>", ... }`.
fn read_chart_defaults(v: &JsValue) -> Option<crate::input::kubernetes::chart::ChartDefaults> {
    use crate::input::kubernetes::chart::{ChartDefaults, Version};
    let object = v.dyn_ref::<js_sys::Object>()?;
    let mut versions = Vec::new();
    for entry in js_sys::Object::entries(object).iter() {
        let pair = js_sys::Array::from(&entry);
        let version = Version::parse(&pair.get(0).as_string()?)?;
        versions.push((version, pair.get(1).as_string()?));
    }
    Some(ChartDefaults { versions })
}

/// Reads symptoms.json (parsed by JavaScript) into the core's catalog, by hand like the request, and
/// for the same reason: serde's deserialiser would cost the module more than the whole reader.
fn read_catalog(v: &JsValue) -> Result<crate::symptoms::Catalog, JsError> {
    use crate::symptoms::{Catalog, Cause, Family, PrintedBy};
    let get = |o: &JsValue, k: &str| {
        js_sys::Reflect::get(o, &JsValue::from_str(k)).unwrap_or(JsValue::UNDEFINED)
    };
    let strings = |v: JsValue| -> Option<Vec<String>> {
        js_sys::Array::is_array(&v).then(|| {
            js_sys::Array::from(&v)
                .iter()
                .filter_map(|s| s.as_string())
                .collect()
        })
    };
    if !js_sys::Array::is_array(v) {
        return Err(bad(
            "`symptomCatalog` must be symptoms.json's array of families",
        ));
    }
    let mut families = Vec::new();
    for (i, e) in js_sys::Array::from(v).iter().enumerate() {
        let text = |k: &str| get(&e, k).as_string();
        let family = (|| {
            let causes = get(&e, "causes");
            if !js_sys::Array::is_array(&causes) {
                return None;
            }
            Some(Family {
                id: text("id")?,
                printed_by: PrintedBy::from_id(&text("printed_by")?)?,
                patterns: strings(get(&e, "patterns"))?,
                channel: match get(&e, "channel").as_string().as_deref() {
                    None => None,
                    Some("a") => Some(crate::base::Channel::A),
                    Some("b") => Some(crate::base::Channel::B),
                    Some("c") => Some(crate::base::Channel::C),
                    Some("d") => Some(crate::base::Channel::D),
                    Some(_) => return None,
                },
                any_application: get(&e, "any_application").as_bool().unwrap_or(false),
                meaning: text("meaning")?,
                causes: js_sys::Array::from(&causes)
                    .iter()
                    .map(|c| {
                        Some(Cause {
                            text: get(&c, "text").as_string()?,
                            rules: strings(get(&c, "rules")).unwrap_or_default(),
                        })
                    })
                    .collect::<Option<Vec<_>>>()?,
            })
        })();
        families.push(family.ok_or_else(|| {
            bad(&format!(
                "`symptomCatalog`[{i}] is not a family of symptoms.json"
            ))
        })?);
    }
    Ok(Catalog::new(families))
}

async fn run(request: JsValue) -> Result<Report, JsError> {
    let (inputs, mut options) = read_request(&request, &uint8array_content)?;
    Ok(crate::webcrypto::check(&inputs, &mut options).await)
}

/// Checks the inputs and resolves to the report as an object (the `Report` type of wasm.d.ts), the
/// same as the CLI's `--format json`. Asynchronous: signatures are verified by the platform's
/// WebCrypto between the check's rounds.
#[wasm_bindgen(unchecked_return_type = "Report")]
pub async fn check(
    #[wasm_bindgen(unchecked_param_type = "CheckRequest")] request: JsValue,
) -> Result<JsValue, JsError> {
    report_value(&run(request).await?)
}

/// The words for the report's ids (`Metadata` in wasm.d.ts): channel titles, status words, role and
/// input-kind labels, severities, chain and fix words, and the limits the page shows results by, so
/// that a page shows what the core calls things instead of repeating it.
#[wasm_bindgen(unchecked_return_type = "Metadata")]
pub fn metadata() -> Result<JsValue, JsError> {
    crate::metadata::metadata()
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|e| JsError::new(&e.to_string()))
}

/// The same check, as Markdown for a support ticket ("Copy report").
#[wasm_bindgen(js_name = checkMarkdown)]
pub async fn check_markdown(
    #[wasm_bindgen(unchecked_param_type = "CheckRequest")] request: JsValue,
) -> Result<String, JsError> {
    Ok(render::markdown(&run(request).await?))
}

#[wasm_bindgen]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_string()
}

/// Panics on purpose, so that tests can prove that the page survives a panic in the core. Only in the
/// test build (`--features test-hooks`).
#[cfg(feature = "test-hooks")]
#[wasm_bindgen(js_name = panicForTests)]
pub fn panic_for_tests() {
    panic!("wb-ssl-check: deliberate panic for tests");
}

// ---------------------------------------------------------------------------------------------
// The Web Worker's loop. worker.js instantiates the module with the Module the page compiled and
// calls `workerMain`, which takes over the worker's messages. The page posts its `File`s and `Blob`s
// as they are: they are read here with FileReaderSync, so file contents never pass through the
// page's main thread (a 100 MB drop does not stall it).

/// What the worker keeps between messages: the last check (for "Copy report", a config line, a fix's
/// lines and the fixed files), and the public roots once loaded.
#[derive(Default)]
struct WorkerState {
    last: Option<LastCheck>,
    public_roots: Option<Vec<crate::pki::trust::AnchorDer>>,
    symptom_catalog: Option<std::sync::Arc<crate::symptoms::Catalog>>,
    chart_defaults: Option<std::sync::Arc<crate::input::kubernetes::chart::ChartDefaults>>,
    /// What WebCrypto said of signatures in earlier checks (public data only), so that checking the
    /// same certificates again asks nothing.
    signatures: crate::pki::signatures::Answers,
}

/// The signature answers kept between checks, at most: a few CA bundles' worth.
const KEPT_SIGNATURE_ANSWERS: usize = 20_000;

/// The inputs and options of the check on the page's screen, and its report: the findings' indices
/// the page sends back are indices into this report.
struct LastCheck {
    inputs: Vec<Input>,
    options: CheckOptions,
    report: Report,
}

impl WorkerState {
    fn last(&self) -> Result<&LastCheck, JsError> {
        self.last
            .as_ref()
            .ok_or_else(|| JsError::new("nothing was checked yet"))
    }
}

/// Reads a `Blob`/`File` (or a Uint8Array) synchronously, as a worker may. Of a larger file, only one
/// byte more than the core's limit is read: enough for it to say the input is too large.
fn blob_content(v: &JsValue) -> Result<Vec<u8>, JsError> {
    if let Some(array) = v.dyn_ref::<js_sys::Uint8Array>() {
        return Ok(array.to_vec());
    }
    let blob = v
        .dyn_ref::<web_sys::Blob>()
        .ok_or_else(|| bad("an input's `bytes` must be a Blob, a File or a Uint8Array"))?;
    let head = blob
        .slice_with_f64_and_f64(0.0, (crate::limits::MAX_TEXT_BYTES + 1) as f64)
        .map_err(|_| JsError::new("a file could not be read"))?;
    let reader =
        web_sys::FileReaderSync::new().map_err(|_| bad("FileReaderSync is not available"))?;
    let buffer = reader.read_as_array_buffer(&head).map_err(|_| {
        JsError::new("a file could not be read (it may have been moved or deleted)")
    })?;
    Ok(js_sys::Uint8Array::new(&buffer).to_vec())
}

/// The body of `url`, fetched with a synchronous request (allowed in workers; the page's CSP allows
/// its own files only); the error says what went wrong, in a few words.
fn get_sync(url: &str) -> Result<Vec<u8>, String> {
    let xhr = web_sys::XmlHttpRequest::new().map_err(|_| "no XMLHttpRequest".to_string())?;
    xhr.open_with_async("GET", url, false)
        .map_err(|_| "bad URL".to_string())?;
    xhr.set_response_type(web_sys::XmlHttpRequestResponseType::Arraybuffer);
    xhr.send().map_err(|_| "request failed".to_string())?;
    match xhr.status().unwrap_or(0) {
        200 => {}
        status => return Err(format!("status {status}")),
    }
    let body = xhr.response().map_err(|_| "no body".to_string())?;
    Ok(js_sys::Uint8Array::new(&body).to_vec())
}

/// Loads symptoms.json, the first time a text input needs it. An error is a sentence for the report:
/// a host that did not copy symptoms.json beside the widget still gets its check.
fn load_symptom_catalog(url: &str) -> Result<crate::symptoms::Catalog, String> {
    let fail = |what: &str| format!("the symptom catalog {url} could not be loaded: {what}");
    let body = get_sync(url).map_err(|e| fail(&e))?;
    let text = String::from_utf8(body).map_err(|_| fail("not UTF-8"))?;
    let parsed = js_sys::JSON::parse(&text).map_err(|_| fail("not JSON"))?;
    read_catalog(&parsed).map_err(|_| fail("not symptoms.json"))
}

/// Loads public-roots.bin, when a chain needs browsers' roots.
fn load_public_roots(url: &str) -> Result<Vec<crate::pki::trust::AnchorDer>, JsError> {
    let fail = |what: &str| JsError::new(&format!("cannot load {url}: {what}"));
    let body = get_sync(url).map_err(|e| fail(&e))?;
    crate::pki::trust::decode_anchors(&body).ok_or_else(|| fail("not a public-roots.bin file"))
}

fn report_value(report: &Report) -> Result<JsValue, JsError> {
    report
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|e| JsError::new(&e.to_string()))
}

/// The answer to the worker's `check`: the report (the same as the `check` API's) and, for the top of
/// the page, its verdict in one line.
fn checked_value(report: &Report) -> Result<JsValue, JsError> {
    let answer = js_sys::Object::new();
    let verdict = crate::metadata::verdict(report)
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|e| JsError::new(&e.to_string()))?;
    let _ = js_sys::Reflect::set(&answer, &"report".into(), &report_value(report)?);
    let _ = js_sys::Reflect::set(&answer, &"verdict".into(), &verdict);
    Ok(answer.into())
}

/// The worker's `check`: the report (the same as the `check` API's) with, for the top of the page,
/// its verdict in one line. The symptom catalog and the public roots are loaded when first needed.
async fn worker_check(state: &mut WorkerState, args: &js_sys::Array) -> Result<JsValue, JsError> {
    let (inputs, mut options) = read_request(&args.get(0), &blob_content)?;
    let roots_url = args.get(1).as_string();
    let symptoms_url = args.get(2).as_string();
    let chart_defaults_url = args.get(3).as_string();
    if options.chart_defaults.is_none() {
        options.chart_defaults = state.chart_defaults.clone();
    }
    if let Some(roots) = &state.public_roots {
        options.public_roots = roots.clone();
    }
    if options.symptom_catalog.is_none() {
        options.symptom_catalog = state.symptom_catalog.clone();
    }
    options.answers = std::mem::take(&mut state.signatures);
    let mut report = crate::webcrypto::check(&inputs, &mut options).await;
    // Pasted text or a log: the symptom catalog is loaded once, when first needed.
    if let (Some(url), true) = (&symptoms_url, report.summary.texts_unread > 0) {
        match load_symptom_catalog(url) {
            Ok(catalog) => {
                let catalog = std::sync::Arc::new(catalog);
                options.symptom_catalog = Some(catalog.clone());
                state.symptom_catalog = Some(catalog);
                report = crate::webcrypto::check(&inputs, &mut options).await;
            }
            Err(why) => report.not_checked.push(why),
        }
    }
    // Helm values (or a helm command): the chart's defaults are loaded once, when first needed.
    let values_given = report
        .inputs
        .iter()
        .any(|i| i.kind == "helm-values" || i.kind == "helm-command");
    if let (Some(url), true, None) = (&chart_defaults_url, values_given, &options.chart_defaults) {
        let loaded = get_sync(url)
            .ok()
            .and_then(|body| String::from_utf8(body).ok())
            .and_then(|text| js_sys::JSON::parse(&text).ok())
            .and_then(|v| read_chart_defaults(&v));
        match loaded {
            Some(table) => {
                let table = std::sync::Arc::new(table);
                options.chart_defaults = Some(table.clone());
                state.chart_defaults = Some(table);
                report = crate::webcrypto::check(&inputs, &mut options).await;
            }
            None => report.not_checked.push(format!(
                "the Helm chart's defaults {url} could not be loaded"
            )),
        }
    }
    let channel_a = report
        .channels
        .iter()
        .find(|c| c.id == crate::report::Channel::A);
    // Chains that browsers may trust through a public root are "trust unknown" without the
    // roots, and whether a broken channel's CA is a private one (`browser-trust-needed`) needs
    // them too: load them once when channel a serves a certificate not yet verified (the page only;
    // the widget and the offline file pass no URL).
    if let (Some(url), None, Some(a)) = (&roots_url, &state.public_roots, channel_a) {
        if a.certificate.is_some() && a.status != crate::report::ChannelStatus::Verified {
            let roots = load_public_roots(url)?;
            options.public_roots = roots.clone();
            state.public_roots = Some(roots);
            report = crate::webcrypto::check(&inputs, &mut options).await;
        }
    }
    let value = checked_value(&report)?;
    state.signatures = if options.answers.signature_count() > KEPT_SIGNATURE_ANSWERS {
        Default::default()
    } else {
        options.answers.clone().without_public_keys()
    };
    state.last = Some(LastCheck {
        inputs,
        options,
        report,
    });
    Ok(value)
}

/// One operation of the worker protocol: `check(request, rootsUrl, symptomsUrl)` (answers
/// `{ report, verdict }`), `markdown()`, `lines(name, from, to)`, `fixPreview(findingIndex)`,
/// `fixed(unsafeFixes)`, `version()`, `metadata()` (and, in the test build, `panic()`, `hang()` and
/// `verifySignature(scheme, publicKey, message, signature)`).
async fn worker_op(
    state: &mut WorkerState,
    op: &str,
    args: &js_sys::Array,
) -> Result<JsValue, JsError> {
    match op {
        "check" => worker_check(state, args).await,
        "markdown" => Ok(render::markdown(&state.last()?.report).into()),
        "lines" => {
            // A few lines of a config file around a finding. Only configs: never a key's content.
            let name = args.get(0).as_string().unwrap_or_default();
            let from = args.get(1).as_f64().unwrap_or(1.0).max(1.0) as usize;
            let to = args.get(2).as_f64().unwrap_or(1.0).max(1.0) as usize;
            let last = state.last()?;
            let input = last
                .inputs
                .iter()
                .find(|i| i.name == name)
                .ok_or_else(|| JsError::new("no such input"))?;
            let config = last
                .report
                .inputs
                .iter()
                .any(|i| i.name == name && crate::fix::is_config_kind(&i.kind));
            if !config {
                return Ok(JsValue::NULL);
            }
            let (text, _) = crate::input::decode(&input.bytes);
            let lines = js_sys::Array::new();
            for line in text
                .lines()
                .skip(from - 1)
                .take(to.saturating_sub(from) + 1)
            {
                lines.push(&JsValue::from_str(&crate::base::shown_line(line)));
            }
            Ok(lines.into())
        }
        "fixPreview" => {
            // The lines that one finding's fix changes, before and after, per file it edits.
            let index = args.get(0).as_f64().unwrap_or(-1.0);
            let LastCheck { inputs, report, .. } = state.last()?;
            let fix = (index >= 0.0)
                .then(|| report.findings.get(index as usize))
                .flatten()
                .and_then(|f| f.fix.as_ref())
                .ok_or_else(|| JsError::new("that finding has no fix"))?;
            let configs = crate::fix::editable_configs(inputs, report);
            let previews: Vec<crate::fix::Preview> = configs
                .iter()
                .filter_map(|(name, text)| crate::fix::preview(name, text, fix))
                .collect();
            previews
                .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
                .map_err(|e| JsError::new(&e.to_string()))
        }
        "fixed" => {
            // The config files with every safe fix (or, with `true`, every fix) applied, checked again
            // until nothing changes: [{ name, text }]. Config files only: never a certificate or key.
            let unsafe_fixes = args.get(0).as_bool().unwrap_or(false);
            let last = state.last()?;
            let (files, _, _) =
                crate::fix::fix_rounds(&last.inputs, &last.report, &last.options, unsafe_fixes);
            let out = js_sys::Array::new();
            for f in files {
                let o = js_sys::Object::new();
                let _ = js_sys::Reflect::set(&o, &"name".into(), &f.name.into());
                let _ = js_sys::Reflect::set(&o, &"text".into(), &f.after.into());
                out.push(&o);
            }
            Ok(out.into())
        }
        "version" => Ok(version().into()),
        "metadata" => metadata(),
        #[cfg(feature = "test-hooks")]
        "panic" => panic!("wb-ssl-check: deliberate panic for tests"),
        #[cfg(feature = "test-hooks")]
        "hang" => loop {
            std::hint::spin_loop();
        },
        // The page's own WebCrypto path, for Project Wycheproof's vectors
        // (tests/e2e/wycheproof.test.mjs): `[[scheme, publicKey, message, signature], ...]` in, one
        // `true`, `false` or `undefined` (the platform could not answer) per vector out.
        #[cfg(feature = "test-hooks")]
        "verifySignatures" => {
            let subtle = crate::webcrypto::subtle().ok_or_else(|| JsError::new("no WebCrypto"))?;
            let out = js_sys::Array::new();
            for v in js_sys::Array::from(&args.get(0)).iter() {
                let v = js_sys::Array::from(&v);
                let scheme = test_scheme(&v.get(0).as_string().unwrap_or_default())
                    .ok_or_else(|| JsError::new("unknown scheme"))?;
                let question = crate::pki::signatures::SignatureQuestion {
                    scheme,
                    public_key: bytes(&v.get(1), "a public key")?,
                    message: bytes(&v.get(2), "a message")?,
                    signature: bytes(&v.get(3), "a signature")?,
                };
                out.push(&match crate::webcrypto::verify(&subtle, &question).await {
                    Some(valid) => valid.into(),
                    None => JsValue::UNDEFINED,
                });
            }
            Ok(out.into())
        }
        other => Err(JsError::new(&format!("unknown operation {other}"))),
    }
}

/// A scheme by the name the Wycheproof test gives it: `ecdsa-p256-sha256`, `rsa-pkcs1-sha384`,
/// `rsa-pss-sha512`, `ed25519`.
#[cfg(feature = "test-hooks")]
fn test_scheme(name: &str) -> Option<crate::pki::signatures::Scheme> {
    use crate::pki::cert::Hash;
    use crate::pki::key::Curve;
    use crate::pki::signatures::Scheme;
    let hash = |h: &str| match h {
        "sha1" => Some(Hash::Sha1),
        "sha256" => Some(Hash::Sha256),
        "sha384" => Some(Hash::Sha384),
        "sha512" => Some(Hash::Sha512),
        _ => None,
    };
    let parts: Vec<&str> = name.split('-').collect();
    Some(match parts.as_slice() {
        ["ed25519"] => Scheme::Ed25519,
        ["ecdsa", "p256", h] => Scheme::Ecdsa(Curve::P256, hash(h)?),
        ["ecdsa", "p384", h] => Scheme::Ecdsa(Curve::P384, hash(h)?),
        ["rsa", "pkcs1", h] => Scheme::RsaPkcs1(hash(h)?),
        ["rsa", "pss", h] => Scheme::RsaPss(hash(h)?),
        _ => return None,
    })
}

/// Answers one message: `{ id, result }` or `{ id, error }`.
async fn answer_message(state: &mut WorkerState, data: &JsValue) -> js_sys::Object {
    let get =
        |k: &str| js_sys::Reflect::get(data, &JsValue::from_str(k)).unwrap_or(JsValue::UNDEFINED);
    let id = get("id");
    let op = get("op").as_string().unwrap_or_default();
    let args = js_sys::Array::from(&get("args"));
    let answer = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&answer, &"id".into(), &id);
    match worker_op(state, &op, &args).await {
        Ok(result) => {
            let _ = js_sys::Reflect::set(&answer, &"result".into(), &result);
        }
        Err(e) => {
            let message = js_sys::Reflect::get(&JsValue::from(e), &"message".into())
                .ok()
                .and_then(|m| m.as_string())
                .unwrap_or_else(|| "the check failed".into());
            let _ = js_sys::Reflect::set(&answer, &"error".into(), &message.into());
        }
    }
    answer
}

/// Takes over the worker's messages: `{ id, op, args }` in, `{ id, result }` or `{ id, error }` out,
/// one message at a time and in order (a check awaits WebCrypto; the messages that come meanwhile
/// wait their turn). A panic traps the instance and surfaces as the worker's `error` event
/// (wasm-bindgen-futures runs tasks in microtasks, whose uncaught exceptions the worker reports; the
/// e2e panic tests hold it to that); the page then starts a new worker.
#[wasm_bindgen(js_name = workerMain)]
pub fn worker_main() -> Result<(), JsError> {
    use std::cell::RefCell;
    use std::collections::VecDeque;
    use std::rc::Rc;
    let scope: web_sys::DedicatedWorkerGlobalScope = js_sys::global()
        .dyn_into()
        .map_err(|_| JsError::new("workerMain runs in a dedicated worker only"))?;
    let state = Rc::new(RefCell::new(WorkerState::default()));
    let queue: Rc<RefCell<VecDeque<JsValue>>> = Rc::default();
    let busy = Rc::new(std::cell::Cell::new(false));
    let handler =
        Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |event: web_sys::MessageEvent| {
            queue.borrow_mut().push_back(event.data());
            if busy.replace(true) {
                return;
            }
            let (queue, busy, state, reply_to) =
                (queue.clone(), busy.clone(), state.clone(), scope.clone());
            wasm_bindgen_futures::spawn_local(async move {
                loop {
                    let next = queue.borrow_mut().pop_front();
                    let Some(data) = next else { break };
                    // The state is taken out while an operation runs: only this task touches it.
                    let mut s = std::mem::take(&mut *state.borrow_mut());
                    let answer = answer_message(&mut s, &data).await;
                    *state.borrow_mut() = s;
                    let _ = reply_to.post_message(&answer);
                }
                busy.set(false);
            });
        });
    let scope: web_sys::DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    scope.set_onmessage(Some(handler.as_ref().unchecked_ref()));
    // The handler lives as long as the worker.
    handler.forget();
    Ok(())
}
