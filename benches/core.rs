//! `cargo bench`: the core's full check on (a) a typical Workbench input set (two configs, two chains,
//! two keys), (b) the same with pasted `openssl s_client -showcerts` and `curl -v` output (what is
//! served, matched and judged), (c) the Debian CA bundle, and on bundles of 10 to 5,000 certificates
//! (scaling).

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use std::path::Path;
use wb_ssl_check::{check, CheckOptions, Input};

fn file(rel: &str) -> Vec<u8> {
    std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join(rel)).unwrap()
}

fn typical() -> Vec<Input> {
    let mut chain = file("examples/correct/workbench.crt");
    chain.extend(file("examples/correct/example-root-ca.crt"));
    vec![
        Input::new("rserver.conf", file("examples/correct/rserver.conf")),
        Input::new("launcher.conf", file("examples/correct/launcher.conf")),
        Input::new("workbench.crt", chain),
        Input::new("workbench.key", file("examples/correct/workbench.key")),
        Input::new("launcher.crt", file("examples/correct/launcher.crt")),
        Input::new("launcher.key", file("examples/correct/launcher.key")),
    ]
}

/// `n` certificates taken in turn from the Debian bundle.
fn bundle_of(n: usize) -> Vec<u8> {
    let text = std::fs::read_to_string("/etc/ssl/certs/ca-certificates.crt").unwrap();
    let blocks: Vec<&str> = text
        .split_inclusive("-----END CERTIFICATE-----\n")
        .filter(|b| b.contains("BEGIN"))
        .collect();
    (0..n)
        .map(|i| blocks[i % blocks.len()])
        .collect::<String>()
        .into_bytes()
}

fn benches(c: &mut Criterion) {
    let options = CheckOptions {
        now_unix: Some(1_798_761_600),
        ..Default::default()
    };
    let typical = typical();
    c.bench_function("check typical input set", |b| {
        b.iter(|| check(&typical, &options))
    });
    // The deployment the captures were made against, with what it served.
    let mut served: Vec<Input> = [
        "tests/fixtures/served/deployment/rserver.conf",
        "tests/fixtures/served/deployment/launcher.conf",
        "tests/fixtures/pki/wb-fullchain.pem",
        "tests/fixtures/pki/wb.key",
        "tests/fixtures/pki/launcher-fullchain.pem",
        "tests/fixtures/pki/launcher-ec.key",
        "tests/fixtures/served/captures/s_client-right.txt",
        "tests/fixtures/served/captures/s_client-launcher-right.txt",
        "tests/fixtures/served/captures/curl-right.txt",
    ]
    .iter()
    .map(|f| Input::new(*f, file(f)))
    .collect();
    served.push(Input::new("ca.crt", file("tests/fixtures/pki/ca.crt")));
    c.bench_function(
        "check typical input set with pasted s_client and curl output",
        |b| b.iter(|| check(&served, &options)),
    );
    let debian = vec![Input::new(
        "ca-certificates.crt",
        std::fs::read("/etc/ssl/certs/ca-certificates.crt").unwrap(),
    )];
    c.bench_function("check Debian CA bundle", |b| {
        b.iter(|| check(&debian, &options))
    });
    let mut group = c.benchmark_group("scaling");
    group.sample_size(10);
    for n in [10usize, 100, 1000, 5000] {
        let input = vec![Input::new("bundle.pem", bundle_of(n))];
        group.throughput(Throughput::Elements(n as u64));
        group.bench_with_input(BenchmarkId::new("certificates", n), &input, |b, input| {
            b.iter(|| check(input, &options))
        });
    }
    group.finish();
    // Symptoms: a 10 MB rserver.log of ordinary lines with a known error every 1000 lines, read with
    // the catalog (bytes per second: how long a week's log takes).
    let catalog = std::sync::Arc::new(wb_ssl_check::symptoms::Catalog::new(
        serde_json::from_str(include_str!("../data/symptoms/catalog.json")).unwrap(),
    ));
    let with_catalog = CheckOptions {
        symptom_catalog: Some(catalog),
        ..options.clone()
    };
    let mut log = String::new();
    let mut n = 0;
    while log.len() < 10_000_000 {
        n += 1;
        if n % 1000 == 0 {
            log.push_str(&format!("2026-11-30T10:00:{:02}Z [rserver] ERROR curl: (60) SSL certificate problem: unable to get local issuer certificate [host{}.example.org:8787]\n", n % 60, n % 7));
        } else {
            log.push_str(&format!("2026-11-30T10:00:{:02}Z [rserver] INFO Session {n} for user alice started on node-3 (cluster Kubernetes, image r-session:4.4)\n", n % 60));
        }
    }
    let logs = vec![Input::new("rserver.log", log.into_bytes())];
    let mut group = c.benchmark_group("symptoms");
    group.sample_size(10);
    group.throughput(Throughput::Bytes(logs[0].bytes.len() as u64));
    group.bench_function("10 MB rserver.log", |b| {
        b.iter(|| check(&logs, &with_catalog))
    });
    group.finish();
}

criterion_group!(core, benches);
criterion_main!(core);
