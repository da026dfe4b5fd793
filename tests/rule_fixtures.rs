//! Every rule has fixtures that make it fire and fixtures that must stay silent, under
//! tests/fixtures/rules/<rule>/{fire-*,silent-*}/. A fire case lists every finding of its rule that it
//! must produce in expected.txt, one per line: `severity file:line channel` (`-` when the finding has
//! no line, `-` as the channel of a finding on no channel), then the values the finding must state,
//! each after ` | `: a value is found in the message, or in the help when written `help:value`. So a
//! finding that moves, changes channel or loses a fact from its words fails its case. Each
//! expected.txt was written by hand from the rule's specification and the case's files, not copied
//! from output.
//! A case may also hold `shared.txt` (certificate and key files taken from tests/fixtures/pki, one
//! `file` or `file as name` per line, made by tests/fixtures/pki/make.sh) and `options.txt`
//! (`now=<RFC 3339>`, `public-roots=mozilla` (the anchors browsers trust, as the page and CLI load them), `hostname=<host>`, `role=<input name> <role>`, `server-file=<path> [<mode> <owner>
//! <group>]` for what the CLI found on the server).

mod report_log;

mod fix_common;

mod rule_cases;

use report_log::check;
use rule_cases::{case_options, fixtures_dir, load_case, options};
use std::collections::BTreeMap;
use std::path::PathBuf;
use wb_ssl_check::rules::REGISTRY;
use wb_ssl_check::{Input, Report};

/// Rules whose firing input cannot be a committed file; each has its own test below.
const GENERATED_FIRE: [&str; 2] = ["input-too-large", "input-unreadable"];

/// The findings of one rule as `severity file:line channel`, each with its message and help, sorted.
fn findings_of(report: &Report, rule: &str) -> Vec<(String, String, String)> {
    let mut got: Vec<(String, String, String)> = report
        .findings
        .iter()
        .filter(|f| f.rule == rule)
        .map(|f| {
            (
                format!(
                    "{} {}:{} {}",
                    f.severity.as_str(),
                    f.file,
                    f.line.map(|l| l.to_string()).unwrap_or_else(|| "-".into()),
                    f.channel.as_str()
                ),
                f.message.clone(),
                f.help.clone(),
            )
        })
        .collect();
    got.sort();
    got
}

/// Compares a fire case's findings with its expected.txt: the same places, severities and channels,
/// and for each expected line a finding there whose words state every value listed.
fn compare_expected(text: &str, got: &[(String, String, String)]) -> Result<(), String> {
    let mut want: Vec<(String, Vec<String>)> = text
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            let mut parts = l.split(" | ");
            let key = parts.next().unwrap_or_default().trim().to_string();
            (key, parts.map(|v| v.trim().to_string()).collect())
        })
        .collect();
    if want.is_empty() {
        return Err("expected.txt lists no finding".into());
    }
    want.sort();
    let want_keys: Vec<&str> = want.iter().map(|(k, _)| k.as_str()).collect();
    let got_keys: Vec<&str> = got.iter().map(|(k, _, _)| k.as_str()).collect();
    if want_keys != got_keys {
        return Err(format!("want {want_keys:?}\n   got {got_keys:?}"));
    }
    // Each expected line claims its own finding (lines with one key may list different values).
    let mut free: Vec<bool> = vec![true; got.len()];
    for (key, values) in &want {
        let states = |(_, message, help): &(String, String, String)| {
            values.iter().all(|v| match v.strip_prefix("help:") {
                Some(h) => help.contains(h),
                None => message.contains(v.as_str()),
            })
        };
        let found = got
            .iter()
            .enumerate()
            .position(|(i, g)| free[i] && g.0 == *key && states(g));
        match found {
            Some(i) => free[i] = false,
            None => {
                let words: Vec<&str> = got
                    .iter()
                    .filter(|g| g.0 == *key)
                    .map(|g| g.1.as_str())
                    .collect();
                return Err(format!(
                    "no finding at `{key}` states all of {values:?}; its messages: {words:?}"
                ));
            }
        }
    }
    Ok(())
}

#[test]
fn every_rule_has_firing_and_silent_fixtures() {
    let mut missing = Vec::new();
    for rule in REGISTRY {
        let dir = fixtures_dir().join(rule.meta.name);
        let cases: Vec<String> = std::fs::read_dir(&dir)
            .map(|rd| {
                rd.map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
                    .collect()
            })
            .unwrap_or_default();
        if !cases.iter().any(|c| c.starts_with("fire")) && !GENERATED_FIRE.contains(&rule.meta.name)
        {
            missing.push(format!("{}: no fire-* case", rule.meta.name));
        }
        if !cases.iter().any(|c| c.starts_with("silent")) {
            missing.push(format!("{}: no silent-* case", rule.meta.name));
        }
    }
    assert!(
        missing.is_empty(),
        "missing fixtures:\n{}",
        missing.join("\n")
    );
}

#[test]
fn fixture_folders_name_registered_rules() {
    for entry in std::fs::read_dir(fixtures_dir()).unwrap() {
        let name = entry.unwrap().file_name().to_string_lossy().into_owned();
        assert!(
            REGISTRY.iter().any(|r| r.meta.name == name),
            "tests/fixtures/rules/{name} names no registered rule"
        );
    }
}

#[test]
fn fixtures_fire_exactly_as_expected_and_silent_ones_stay_silent() {
    let mut failures = BTreeMap::new();
    let mut cases = 0;
    for rule in REGISTRY {
        let Ok(rd) = std::fs::read_dir(fixtures_dir().join(rule.meta.name)) else {
            continue;
        };
        let mut dirs: Vec<PathBuf> = rd.map(|e| e.unwrap().path()).collect();
        dirs.sort();
        for dir in dirs {
            cases += 1;
            let case = format!(
                "{}/{}",
                rule.meta.name,
                dir.file_name().unwrap().to_string_lossy()
            );
            let report = check(&load_case(&dir), &case_options(&dir));
            let got = findings_of(&report, rule.meta.name);
            if case.contains("/fire") {
                let text = std::fs::read_to_string(dir.join("expected.txt"))
                    .unwrap_or_else(|_| panic!("{case}: expected.txt missing"));
                if let Err(why) = compare_expected(&text, &got) {
                    failures.insert(case, why);
                }
            } else if !got.is_empty() {
                let keys: Vec<&String> = got.iter().map(|g| &g.0).collect();
                failures.insert(case, format!("must stay silent, got {keys:?}"));
            }
        }
    }
    assert!(cases > 150, "only {cases} fixture cases found");
    let text: Vec<String> = failures.iter().map(|(c, f)| format!("{c}: {f}")).collect();
    assert!(
        failures.is_empty(),
        "{} fixture case(s) failed:\n{}",
        failures.len(),
        text.join("\n")
    );
}

/// A rule's declared fix availability (`--list-rules`, SARIF, docs/rules.md) holds on its fire
/// fixtures: `always` means every finding carries an edit, `sometimes` at least one, `none` none.
#[test]
fn declared_fix_availability_holds_on_the_fixtures() {
    use wb_ssl_check::rules::FixAvailability;
    let mut failures = Vec::new();
    for rule in REGISTRY {
        let Ok(rd) = std::fs::read_dir(fixtures_dir().join(rule.meta.name)) else {
            continue;
        };
        let (mut with_fix, mut without) = (0, 0);
        for dir in rd.map(|e| e.unwrap().path()) {
            let report = check(&load_case(&dir), &case_options(&dir));
            for f in report.findings.iter().filter(|f| f.rule == rule.meta.name) {
                if f.fix.is_some() {
                    with_fix += 1;
                } else {
                    without += 1;
                }
            }
        }
        let holds = match rule.meta.fix {
            FixAvailability::None => with_fix == 0,
            FixAvailability::Sometimes => with_fix > 0,
            FixAvailability::Always => without == 0 && with_fix > 0,
        };
        if !holds {
            failures.push(format!(
                "{} declares fix {} but its fixtures gave {with_fix} finding(s) with an edit and {without} without",
                rule.meta.name,
                rule.meta.fix.as_str()
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn input_too_large_fires_and_other_inputs_are_still_checked() {
    let huge = vec![b'a'; wb_ssl_check::input::MAX_INPUT_BYTES + 1];
    let inputs = vec![
        Input::new("core.dump", huge),
        Input::new("rserver.conf", "ssl-enabled=1\n"),
    ];
    let report = check(&inputs, &options());
    let found = findings_of(&report, "input-too-large");
    assert_eq!(
        found.iter().map(|f| f.0.as_str()).collect::<Vec<_>>(),
        vec!["warning core.dump:- -"]
    );
    assert!(found[0].1.contains("core.dump"), "{}", found[0].1);
    assert_eq!(
        findings_of(&report, "ssl-cert-missing").len(),
        2,
        "rserver.conf must still be checked"
    );
}

#[test]
fn input_unreadable_fires_and_other_inputs_are_still_checked() {
    let inputs = vec![
        Input::unreadable(
            "/etc/rstudio/launcher.conf",
            "Permission denied (os error 13)",
        ),
        Input::new("rserver.conf", "ssl-enabled=1\n"),
    ];
    let report = check(&inputs, &options());
    assert_eq!(
        findings_of(&report, "input-unreadable")
            .iter()
            .map(|f| f.0.as_str())
            .collect::<Vec<_>>(),
        vec!["warning /etc/rstudio/launcher.conf:- -"]
    );
    assert!(report
        .findings
        .iter()
        .any(|f| f.rule == "input-unreadable" && f.message.contains("Permission denied")));
    assert_eq!(findings_of(&report, "ssl-cert-missing").len(), 2);
}

/// Every fire and silent case, with its fixes applied: see tests/fix_common. The rules that must
/// offer a safe fix on their fire cases are listed, so that a fix that stops being produced fails.
#[test]
fn fixes_on_every_fixture_remove_their_findings_and_settle() {
    let mut problems = Vec::new();
    let mut fixed = Vec::new();
    for rule in REGISTRY {
        let Ok(rd) = std::fs::read_dir(fixtures_dir().join(rule.meta.name)) else {
            continue;
        };
        let mut cases: Vec<PathBuf> = rd.map(|e| e.unwrap().path()).collect();
        cases.sort();
        for dir in cases {
            let label = format!(
                "{}/{}",
                rule.meta.name,
                dir.file_name().unwrap().to_string_lossy()
            );
            problems.extend(fix_common::check_fixes(
                &label,
                &load_case(&dir),
                &case_options(&dir),
                &mut fixed,
            ));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    for rule in [
        "quoted-value",
        "unknown-option",
        "duplicate-option",
        "launcher-address-has-scheme",
        "callback-verify-disabled",
    ] {
        assert!(
            fixed.iter().any(|r| r == rule),
            "no safe fix of {rule} was applied on its fixtures: {fixed:?}"
        );
    }
}
