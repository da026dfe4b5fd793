//! Archives (issue 34, item 7): a `.tar.gz`, `.tar`, `.zip` or `.gz` is read as its members given one
//! by one, its folders pair files into servers and nodes, and its limits hold against bombs. The
//! archives are made here, with the crates' writing halves, from the examples' files.
#![cfg(not(target_arch = "wasm32"))]

use std::io::Write;
use std::path::Path;
use wb_ssl_check::report::Severity;
use wb_ssl_check::{check, CheckOptions, Input, Report};

fn options() -> CheckOptions {
    CheckOptions {
        now_unix: wb_ssl_check::parse_time("2026-12-01T00:00:00Z"),
        ..Default::default()
    }
}

fn example(rel: &str) -> Vec<u8> {
    std::fs::read(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("examples")
            .join(rel),
    )
    .unwrap()
}

/// The files of an example folder, as (path under `prefix`, bytes), in name order.
fn folder(dir: &str, prefix: &str) -> Vec<(String, Vec<u8>)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("examples")
        .join(dir);
    let mut out = Vec::new();
    let mut stack = vec![root.clone()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else if !p.to_string_lossy().ends_with(".sh") {
                let rel = p
                    .strip_prefix(&root)
                    .unwrap()
                    .to_string_lossy()
                    .into_owned();
                out.push((format!("{prefix}{rel}"), std::fs::read(&p).unwrap()));
            }
        }
    }
    out.sort();
    out
}

fn tar_of(files: &[(String, Vec<u8>)]) -> Vec<u8> {
    let mut b = tar::Builder::new(Vec::new());
    for (name, data) in files {
        let mut h = tar::Header::new_gnu();
        h.set_size(data.len() as u64);
        h.set_mode(0o644);
        h.set_entry_type(tar::EntryType::Regular);
        b.append_data(&mut h, name, &data[..]).unwrap();
    }
    b.into_inner().unwrap()
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    e.write_all(bytes).unwrap();
    e.finish().unwrap()
}

fn zip_of(files: &[(String, Vec<u8>)]) -> Vec<u8> {
    let mut z = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let o = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for (name, data) in files {
        z.start_file(name.as_str(), o).unwrap();
        z.write_all(data).unwrap();
    }
    z.finish().unwrap().into_inner()
}

/// What a report says, without the names of files: its findings (rule, severity) and the channels'
/// statuses. The same deployment must get the same, given loose or in an archive.
fn verdict(r: &Report) -> (Vec<(String, Severity)>, Vec<String>) {
    let mut f: Vec<(String, Severity)> = r
        .findings
        .iter()
        .map(|f| (f.rule.clone(), f.severity))
        .collect();
    f.sort_by(|a, b| a.0.cmp(&b.0));
    let c = r
        .channels
        .iter()
        .map(|c| format!("{:?} {:?}", c.id, c.status))
        .collect();
    (f, c)
}

fn loose(files: &[(String, Vec<u8>)]) -> Vec<Input> {
    files
        .iter()
        .map(|(n, b)| Input::new(n.clone(), b.clone()))
        .collect()
}

fn kinds(r: &Report) -> Vec<(String, String)> {
    r.inputs
        .iter()
        .map(|i| (i.name.clone(), i.kind.clone()))
        .collect()
}

#[test]
fn an_archive_gets_the_verdict_of_its_files_given_one_by_one() {
    for dir in ["correct", "broken"] {
        let files = folder(dir, "rstudio/");
        let want = verdict(&check(&loose(&files), &options()));
        assert!(!want.0.is_empty() || dir == "correct");
        for (what, archive) in [
            ("rstudio.tgz", gzip(&tar_of(&files))),
            ("rstudio.tar", tar_of(&files)),
            ("rstudio.zip", zip_of(&files)),
        ] {
            let r = check(&[Input::new(what, archive)], &options());
            assert_eq!(verdict(&r), want, "{dir} as {what}");
            let k = kinds(&r);
            assert_eq!(k[0], (what.to_string(), "archive".to_string()), "{k:?}");
            assert_eq!(k.len(), files.len() + 1, "{k:?}");
            assert!(k[1..]
                .iter()
                .all(|(n, _)| n.starts_with(&format!("{what}/rstudio/"))));
        }
    }
}

#[test]
fn the_folders_of_an_archive_are_the_nodes_of_a_cluster() {
    let files = folder("cluster", "cluster/");
    let r = check(&[Input::new("cluster.zip", zip_of(&files))], &options());
    let d = r.channels.iter().find(|c| format!("{:?}", c.id) == "D");
    assert!(d.is_some(), "no channel d: {:?}", verdict(&r));
    for rule in [
        "lb-node-cert-name",
        "lb-secure-cookie-key-differs",
        "lb-database-sqlite",
    ] {
        assert!(
            r.findings.iter().any(|f| f.rule == rule),
            "{rule} missing: {:?}",
            verdict(&r)
        );
    }
    // The same nodes given as one .tar.gz each, inside a zip: archives in an archive.
    let node = |n: &str| {
        let files: Vec<_> = folder(&format!("cluster/{n}"), &format!("{n}/"))
            .into_iter()
            .collect();
        (format!("{n}.tgz"), gzip(&tar_of(&files)))
    };
    let nested = zip_of(&[
        node("node1"),
        node("node2"),
        (
            "cluster-root-ca.crt".into(),
            example("cluster/cluster-root-ca.crt"),
        ),
    ]);
    let r2 = check(&[Input::new("support.zip", nested)], &options());
    assert_eq!(verdict(&r2), verdict(&r));
}

#[test]
fn a_values_file_in_an_archive_is_read_by_the_kubernetes_reader() {
    let values = b"rstudio-workbench:\n  replicas: 2\n  ingress:\n    enabled: true\n    hosts:\n      - host: workbench.example.org\n        paths: [\"/\"]\n".to_vec();
    let r = check(
        &[Input::new(
            "helm.tgz",
            gzip(&tar_of(&[("deploy/values.yaml".into(), values)])),
        )],
        &options(),
    );
    let k = kinds(&r);
    assert!(
        k.iter()
            .any(|(n, kind)| n == "helm.tgz/deploy/values.yaml" && kind == "helm-values"),
        "{k:?}"
    );
    assert!(
        k.iter()
            .any(|(n, _)| n.ends_with("/mnt/configmap/rstudio/rserver.conf")),
        "{k:?}"
    );
    assert!(
        r.findings.iter().any(|f| f.rule == "helm-ingress-no-tls"),
        "{:?}",
        verdict(&r)
    );
}

#[test]
fn a_gzipped_log_is_read_for_its_error_messages() {
    let log = b"2026-11-30T10:00:00.000Z [rserver] ERROR system error 1 (Operation not permitted); OCCURRED AT ...\n2026-11-30T10:00:01.000Z [rserver] ERROR certificate verify failed: unable to get local issuer certificate\n";
    let r = check(&[Input::new("rserver.log.gz", gzip(log))], &options());
    let k = kinds(&r);
    assert_eq!(k[0], ("rserver.log.gz".to_string(), "archive".to_string()));
    assert_eq!(
        k[1],
        ("rserver.log.gz/rserver.log".to_string(), "text".to_string()),
        "{k:?}"
    );
}

#[test]
fn member_paths_are_names_never_places() {
    let rs = example("correct/rserver.conf");
    let files = vec![
        ("../../../etc/rstudio/rserver.conf".to_string(), rs.clone()),
        (
            "/abs/./launcher.conf".to_string(),
            example("correct/launcher.conf"),
        ),
        (
            "__MACOSX/._rserver.conf".to_string(),
            b"\0\x05\x16\x07".to_vec(),
        ),
    ];
    // zip keeps such names as given (tar's builder refuses `..`).
    let r = check(&[Input::new("evil.zip", zip_of(&files))], &options());
    let names: Vec<String> = r.inputs.iter().map(|i| i.name.clone()).collect();
    assert_eq!(
        names,
        [
            "evil.zip",
            "evil.zip/etc/rstudio/rserver.conf",
            "evil.zip/abs/launcher.conf"
        ],
    );
}

#[test]
fn links_and_special_files_are_skipped_and_said() {
    let mut b = tar::Builder::new(Vec::new());
    let mut h = tar::Header::new_gnu();
    h.set_entry_type(tar::EntryType::Symlink);
    h.set_size(0);
    b.append_link(&mut h, "rstudio/ssl.crt", "/etc/shadow")
        .unwrap();
    let data = example("correct/rserver.conf");
    let mut h = tar::Header::new_gnu();
    h.set_size(data.len() as u64);
    b.append_data(&mut h, "rstudio/rserver.conf", &data[..])
        .unwrap();
    let r = check(&[Input::new("t.tar", b.into_inner().unwrap())], &options());
    assert_eq!(r.inputs.len(), 2);
    assert!(
        r.inputs[0]
            .description
            .contains("1 skipped (`rstudio/ssl.crt`: a link (not followed))"),
        "{}",
        r.inputs[0].description
    );
}

fn finding<'a>(r: &'a Report, rule: &str) -> Option<&'a wb_ssl_check::report::Finding> {
    r.findings.iter().find(|f| f.rule == rule)
}

#[test]
fn too_many_members_stop_at_the_limit_and_the_first_are_checked() {
    let mut files: Vec<(String, Vec<u8>)> =
        vec![("a/rserver.conf".into(), example("broken/rserver.conf"))];
    files.extend((0..2_100).map(|i| (format!("b/f{i}.txt"), b"x\n".to_vec())));
    let r = check(&[Input::new("many.tgz", gzip(&tar_of(&files)))], &options());
    let f = finding(&r, "limit-exceeded").expect("limit-exceeded");
    assert!(f.message.contains("more than 2000 files"), "{}", f.message);
    assert_eq!(r.inputs.len(), 2_001);
    assert!(r
        .findings
        .iter()
        .any(|f| f.severity == Severity::Error && f.file.ends_with("a/rserver.conf")));
}

#[test]
fn archives_nested_too_deep_are_not_opened() {
    let mut inner = zip_of(&[("rserver.conf".into(), example("correct/rserver.conf"))]);
    for level in 0..4 {
        inner = zip_of(&[(format!("level{level}.zip"), inner)]);
    }
    let r = check(&[Input::new("outer.zip", inner)], &options());
    let f = finding(&r, "limit-exceeded").expect("limit-exceeded");
    assert!(
        f.message.contains("inside 3 levels of archives"),
        "{}",
        f.message
    );
    assert!(!r.inputs.iter().any(|i| i.kind == "rserver-conf"));
}

#[test]
fn the_total_out_of_archives_is_capped() {
    // Ten members of 8 MiB each that compress 4:1 (no ratio alarm): past the 64 MiB in all.
    let block: Vec<u8> = (0..8u32 << 20)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 28) as u8 + b'a')
        .collect();
    let files: Vec<(String, Vec<u8>)> = (0..10)
        .map(|i| (format!("logs/{i}.log"), block.clone()))
        .collect();
    let r = check(&[Input::new("logs.tgz", gzip(&tar_of(&files)))], &options());
    let f = finding(&r, "limit-exceeded").expect("limit-exceeded");
    assert!(f.message.contains("64 MiB"), "{}", f.message);
    assert!(
        r.inputs.len() >= 8 && r.inputs.len() <= 9,
        "{}",
        r.inputs.len()
    );
}

#[test]
fn broken_archives_never_panic_and_say_so() {
    let good = gzip(&tar_of(&folder("correct", "rstudio/")));
    let zip = zip_of(&folder("correct", "rstudio/"));
    let mut cases: Vec<(&str, Vec<u8>)> = vec![
        ("magic-only.gz", vec![0x1f, 0x8b, 0x08]),
        (
            "garbage.tgz",
            [&[0x1f, 0x8b, 0x08, 0][..], &[0xAB; 300][..]].concat(),
        ),
        ("pk-only.zip", b"PK\x03\x04".to_vec()),
        (
            "empty.zip",
            b"PK\x05\x06".iter().copied().chain([0u8; 18]).collect(),
        ),
    ];
    for cut in [10, 100, good.len() / 2, good.len() - 9] {
        cases.push(("cut.tgz", good[..cut].to_vec()));
    }
    for cut in [30, zip.len() / 2, zip.len() - 10] {
        cases.push(("cut.zip", zip[..cut].to_vec()));
    }
    // Bytes inside members' compressed data: a flip there fails inflation or the CRC.
    for (i, byte) in [120, 700, 1500].into_iter().enumerate() {
        let mut z = zip.clone();
        let at = byte.min(z.len() - 1);
        z[at] ^= 0x5A;
        cases.push((["flip1.zip", "flip2.zip", "flip3.zip"][i], z));
    }
    for (name, bytes) in cases {
        let r = check(&[Input::new(name, bytes)], &options());
        assert_eq!(r.inputs[0].kind, "archive", "{name}");
        let told = finding(&r, "input-unreadable").is_some()
            || r.inputs[0].description.contains("skipped")
            || name == "empty.zip";
        assert!(told, "{name}: {}", r.inputs[0].description);
    }
}

#[test]
fn private_keys_in_archives_stay_secret() {
    let key = example("correct/workbench.key");
    let r = check(
        &[Input::new(
            "k.zip",
            zip_of(&[("workbench.key".into(), key.clone())]),
        )],
        &options(),
    );
    let text = format!("{r:?}");
    let body: String = String::from_utf8_lossy(&key)
        .lines()
        .filter(|l| !l.starts_with("-----"))
        .collect();
    assert!(body.len() > 40);
    assert!(!text.contains(&body[..40]));
    assert_eq!(r.inputs[1].kind, "pem-bundle");
}
