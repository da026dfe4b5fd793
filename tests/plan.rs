//! The plan on the deliberately broken example: its order, one value per line, a safeguard that waits.

mod fix_common;
mod report_log;

use wb_ssl_check::report::{Severity, StepKind};
use wb_ssl_check::{check, parse_time, CheckOptions, Input};

fn example(name: &str) -> Vec<Input> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("examples")
        .join(name);
    let mut inputs: Vec<Input> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| {
            let p = e.unwrap().path();
            Input::new(
                p.file_name().unwrap().to_string_lossy().to_string(),
                std::fs::read(&p).unwrap(),
            )
        })
        .collect();
    inputs.sort_by(|a, b| a.name.cmp(&b.name));
    inputs
}

fn options() -> CheckOptions {
    CheckOptions {
        now_unix: parse_time("2026-12-01T00:00:00Z"),
        ..Default::default()
    }
}

fn broken() -> wb_ssl_check::Report {
    check(&example("broken"), &options())
}

/// The whole plan applied to both examples: no error it claimed to resolve remains, none is added,
/// no two steps edit one line, and fixing settles.
#[test]
fn applying_the_plan_to_the_examples_keeps_its_promises() {
    let mut fixed = Vec::new();
    let mut problems = Vec::new();
    for name in ["broken", "correct"] {
        problems.extend(fix_common::check_fixes(
            name,
            &example(name),
            &options(),
            &mut fixed,
        ));
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    assert!(
        fixed.iter().any(|r| r == "launcher-address-has-scheme"),
        "{fixed:?}"
    );
}

#[test]
fn the_broken_example_starts_with_the_key_rserver_cannot_start_with_then_the_callback_line() {
    let r = broken();
    let first = &r.plan[0];
    assert_eq!(first.rules, ["cert-key-mismatch"]);
    assert!(first.service_fails_to_start);
    let second = &r.plan[1];
    assert_eq!(second.kind, StepKind::Edit);
    let mut rules = second.rules.clone();
    rules.sort();
    assert_eq!(
        rules,
        [
            "callback-cert-hostname-mismatch",
            "callback-localhost-remote-sessions",
            "callback-port-mismatch",
            "callback-scheme-mismatch"
        ]
    );
    let edits = &second.fix.as_ref().unwrap().edits;
    assert_eq!(edits.len(), 1);
    assert_eq!(edits[0].text, "https://workbench.example.org");
    // After what stops a service, steps come by the errors they clear, most first.
    let errors: Vec<usize> = r.plan[1..]
        .iter()
        .filter(|s| s.waits_for.is_empty())
        .map(|s| s.summary.errors)
        .collect();
    assert!(errors.windows(2).all(|w| w[0] >= w[1]), "{errors:?}");
    // Each finding is resolved by exactly one step, which it names.
    for (i, f) in r.findings.iter().enumerate() {
        let steps: Vec<u32> = r
            .plan
            .iter()
            .filter(|s| s.resolves.contains(&i))
            .map(|s| s.number)
            .collect();
        assert_eq!(steps.len(), 1, "{} in steps {steps:?}", f.rule);
        assert_eq!(f.step, Some(steps[0]));
    }
    // The channels each clear once, and b (four errors on it) only after all of them.
    let unblocked: Vec<String> = r
        .plan
        .iter()
        .flat_map(|s| s.unblocks.iter().map(|c| c.as_str().to_string()))
        .collect();
    let mut sorted = unblocked.clone();
    sorted.sort();
    assert_eq!(sorted, ["a", "b", "c"]);
}

#[test]
fn every_finding_about_one_line_proposes_the_same_value() {
    let r = broken();
    let mut by_line: Vec<((String, u32), String)> = Vec::new();
    for f in &r.findings {
        for e in f.fix.iter().flat_map(|x| x.edits.iter()) {
            let key = (e.file.clone(), e.line);
            match by_line.iter().find(|(k, _)| *k == key) {
                Some((_, text)) => assert_eq!(*text, e.text, "two values for {key:?}"),
                None => by_line.push((key, e.text.clone())),
            }
        }
    }
    assert!(!by_line.is_empty());
}

#[test]
fn verification_stays_off_until_the_launcher_certificate_names_the_host() {
    let r = broken();
    let verify = r
        .plan
        .iter()
        .find(|s| s.rules.iter().any(|x| x == "launcher-verify-disabled"))
        .unwrap();
    let cert = r
        .plan
        .iter()
        .find(|s| {
            s.rules
                .iter()
                .any(|x| x == "launcher-cert-hostname-mismatch")
        })
        .unwrap();
    assert_eq!(verify.waits_for, [cert.number]);
    assert!(verify.number > cert.number);
    // Why, in words (the rule's summary), not by rule id.
    assert!(
        verify
            .waits_because
            .contains("the Launcher certificate does not cover launcher-address"),
        "{}",
        verify.waits_because
    );
    assert!(
        !verify.waits_because.contains('`'),
        "{}",
        verify.waits_because
    );
    // Its finding carries no edit while it waits, so `--fix` and the page leave the line alone.
    let f = r
        .findings
        .iter()
        .find(|f| f.rule == "launcher-verify-disabled")
        .unwrap();
    assert!(f.fix.is_none());
    assert_eq!(f.severity, Severity::Warning);
}

/// `plaintext-http` and `callback-port-mismatch` read one callback line alike: both guess a proxy or
/// load balancer in front (info), or neither does.
#[test]
fn the_callback_line_is_read_alike_by_plaintext_http_and_callback_port_mismatch() {
    let cases = [
        // The documented pattern: the callback is the URL users type, a load balancer's.
        "load-balancing-enabled=1\nlauncher-sessions-callback-address=http://elb.example.org\n",
        "launcher-sessions-callback-address=http://wb.example.org\n",
        "load-balancing-enabled=1\nlauncher-sessions-callback-address=http://elb.example.org:8080\n",
        // An explicit other port: the usual mistake, no guess.
        "launcher-sessions-callback-address=http://wb.example.org:8080\n",
        "launcher-sessions-callback-address=http://127.0.0.1:80\n",
    ];
    for rserver in cases {
        let conf = format!("launcher-sessions-enabled=1\nlauncher-address=127.0.0.1\n{rserver}");
        let r = check(
            &[Input::new("rserver.conf", conf.as_bytes().to_vec())],
            &CheckOptions::default(),
        );
        let level = |rule: &str| {
            r.findings
                .iter()
                .find(|f| f.rule == rule)
                .map(|f| f.severity)
                .unwrap_or_else(|| panic!("{rule} did not fire on {rserver:?}: {:?}", r.rules()))
        };
        assert_eq!(
            level("plaintext-http") == Severity::Info,
            level("callback-port-mismatch") == Severity::Info,
            "{rserver:?}"
        );
    }
}

/// One value per setting across the plan's steps, for every subset of the example's files (the issue
/// found three steps setting `launcher-sessions-callback-address` three ways with only rserver.conf
/// and launcher.conf). Every `key=value` a step's action quotes counts, in edits and in words; one step
/// may offer alternatives, but two steps never set one setting to different values.
#[test]
fn every_subset_of_the_example_gets_one_value_per_setting() {
    let all = example("broken");
    assert_eq!(all.len(), 5);
    for mask in 1u32..(1 << all.len()) {
        let subset: Vec<Input> = all
            .iter()
            .enumerate()
            .filter(|(i, _)| mask & (1 << i) != 0)
            .map(|(_, x)| x.clone())
            .collect();
        let names: Vec<&str> = subset.iter().map(|x| x.name.as_str()).collect();
        let report = check(&subset, &options());
        // setting -> (step, the values that step quotes for it)
        let mut seen: std::collections::BTreeMap<String, Vec<(u32, Vec<String>)>> =
            Default::default();
        for step in &report.plan {
            let mut here: std::collections::BTreeMap<String, Vec<String>> = Default::default();
            for span in step.action.split('`').skip(1).step_by(2) {
                let Some((key, value)) = span.split_once('=') else {
                    continue;
                };
                let plain = !key.is_empty()
                    && key
                        .bytes()
                        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
                if plain && !span.contains(' ') {
                    here.entry(key.to_string())
                        .or_default()
                        .push(value.to_string());
                }
            }
            for (key, values) in here {
                seen.entry(key).or_default().push((step.number, values));
            }
        }
        if names.contains(&"rserver.conf") && names.contains(&"launcher.conf") {
            // The settings the example gets wrong are among those the steps set.
            assert!(seen.contains_key("launcher-address"), "{names:?}: {seen:?}");
        }
        for (key, steps) in &seen {
            for (i, (a, va)) in steps.iter().enumerate() {
                for (b, vb) in &steps[i + 1..] {
                    assert!(
                        va.iter().any(|v| vb.contains(v)),
                        "{names:?}: steps {a} and {b} set `{key}` to {va:?} and {vb:?}"
                    );
                }
            }
        }
    }
}
