//! The CLI shell: formats, exit codes, directories with unreadable entries, --explain, --list-rules.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use wb_ssl_check::rules::REGISTRY;

fn bin() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_wb-ssl-check"));
    c.env_remove("NO_COLOR");
    c
}

fn fixture(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/rules")
        .join(rel)
}

fn run(args: &[&str]) -> Output {
    bin().args(args).output().unwrap()
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).unwrap()
}

const NOW: &str = "--now=2026-11-26T00:00:00Z";

#[test]
fn exit_status_follows_findings() {
    let clean = fixture("launcher-ssl-mismatch/silent");
    let broken = fixture("launcher-port-mismatch/fire");
    assert_eq!(run(&[NOW, clean.to_str().unwrap()]).status.code(), Some(0));
    assert_eq!(run(&[NOW, broken.to_str().unwrap()]).status.code(), Some(1));
    assert_eq!(
        run(&[NOW, "/nonexistent/rserver.conf"]).status.code(),
        Some(2)
    );
    assert_eq!(
        run(&["--now=yesterday", clean.to_str().unwrap()])
            .status
            .code(),
        Some(2)
    );
    assert_eq!(run(&[]).status.code(), Some(2), "no path is a usage error");
}

#[test]
fn json_has_the_documented_shape() {
    let o = run(&[
        NOW,
        "--format",
        "json",
        "--hostname",
        "wb.example.org",
        fixture("launcher-port-mismatch/fire").to_str().unwrap(),
    ]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["schema"], 1);
    assert_eq!(v["now"], "2026-11-26T00:00:00Z");
    assert_eq!(v["hostname"], "wb.example.org");
    assert_eq!(v["summary"]["errors"], 1);
    assert_eq!(v["channels"].as_array().unwrap().len(), 3);
    assert_eq!(v["channels"][0]["endpoint"], "http://wb.example.org:8787");
    let f = &v["findings"][0];
    for key in [
        "rule", "severity", "channel", "file", "line", "block", "message", "help", "related",
    ] {
        assert!(f.get(key).is_some(), "finding lacks {key}: {f}");
    }
    assert_eq!(f["rule"], "launcher-port-mismatch");
    assert_eq!(f["channel"], "b");
    assert!(v["inputs"]
        .as_array()
        .unwrap()
        .iter()
        .any(|i| i["kind"] == "launcher-conf"));
    assert!(v["certificates"].is_array() && v["not_checked"].is_array());
}

#[test]
fn sarif_is_2_1_0_with_rules_and_line_numbers() {
    let o = run(&[
        NOW,
        "--format",
        "sarif",
        fixture("duplicate-option/fire").to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["version"], "2.1.0");
    let run = &v["runs"][0];
    assert_eq!(
        run["tool"]["driver"]["rules"].as_array().unwrap().len(),
        REGISTRY.len()
    );
    let results = run["results"].as_array().unwrap();
    let dup: Vec<_> = results
        .iter()
        .filter(|r| r["ruleId"] == "duplicate-option")
        .collect();
    assert_eq!(dup.len(), 2);
    assert!(dup.iter().any(|r| r["level"] == "error"
        && r["locations"][0]["physicalLocation"]["region"]["startLine"] == 3));
    let index = dup[0]["ruleIndex"].as_u64().unwrap() as usize;
    assert_eq!(
        run["tool"]["driver"]["rules"][index]["id"],
        "duplicate-option"
    );
    assert!(run["tool"]["driver"]["rules"][index]["help"]["text"]
        .as_str()
        .unwrap()
        .contains("How to fix"));
    // duplicate-option emits errors in rserver.conf and warnings elsewhere: SARIF declares both, with
    // the reason, and every result's level is one the rule declares.
    let rule = &run["tool"]["driver"]["rules"][index];
    assert_eq!(
        rule["properties"]["levels"],
        serde_json::json!(["error", "warning"])
    );
    assert!(rule["properties"]["severityWhen"]
        .as_str()
        .unwrap()
        .contains("rserver.conf"));
    for r in results {
        let i = r["ruleIndex"].as_u64().unwrap() as usize;
        let levels = run["tool"]["driver"]["rules"][i]["properties"]["levels"]
            .as_array()
            .unwrap();
        assert!(
            levels.contains(&r["level"]),
            "{} at {}",
            r["ruleId"],
            r["level"]
        );
    }
}

#[test]
fn markdown_and_human_formats() {
    let dir = fixture("callback-scheme-mismatch/fire-http-with-ssl");
    let md = stdout(&run(&[NOW, "--format", "markdown", dir.to_str().unwrap()]));
    assert!(
        md.contains("## wb-ssl-check report")
            && md.contains("### Findings")
            && md.contains("`callback-scheme-mismatch`"),
        "{md}"
    );
    let human = stdout(&run(&[NOW, dir.to_str().unwrap()]));
    assert!(
        human.contains("error[callback-scheme-mismatch]") && human.contains("fix:"),
        "{human}"
    );
    assert!(
        !human.contains('\x1b'),
        "no colour when stdout is not a terminal"
    );
}

#[test]
fn list_rules_and_explain_cover_every_rule() {
    let list = stdout(&run(&["--list-rules"]));
    for rule in REGISTRY {
        assert!(
            list.lines().any(|l| l.starts_with(rule.meta.name)),
            "{} missing from --list-rules",
            rule.meta.name
        );
        let o = run(&["--explain", rule.meta.name]);
        assert_eq!(o.status.code(), Some(0));
        let text = stdout(&o);
        for heading in [
            "## What it checks",
            "## Why it breaks Workbench",
            "## How to fix",
            "## References",
        ] {
            assert!(
                text.contains(heading),
                "--explain {} lacks {heading}",
                rule.meta.name
            );
        }
    }
    assert_eq!(run(&["--explain", "no-such-rule"]).status.code(), Some(2));
}

#[test]
fn directory_with_unreadable_entry_reports_it_and_checks_the_rest() {
    let dir = std::env::temp_dir().join(format!("wb-ssl-check-cli-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("subdir")).unwrap();
    std::fs::write(dir.join("rserver.conf"), "ssl-enabled=1\n").unwrap();
    #[cfg(unix)]
    std::os::unix::fs::symlink(dir.join("missing.crt"), dir.join("server.crt")).unwrap();
    let o = run(&[NOW, "--format", "json", dir.to_str().unwrap()]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let rules: Vec<&str> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["rule"].as_str().unwrap())
        .collect();
    assert!(rules.contains(&"ssl-cert-missing"), "{rules:?}");
    #[cfg(unix)]
    {
        assert!(rules.contains(&"input-unreadable"), "{rules:?}");
        assert_eq!(
            o.status.code(),
            Some(2),
            "an unreadable file is an I/O problem"
        );
    }
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn rule_docs_page_is_generated_from_the_code() {
    let generated = stdout(&run(&["--rule-docs"]));
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/rules.md");
    if std::env::var_os("UPDATE_RULE_DOCS").is_some() {
        std::fs::write(&path, &generated).unwrap();
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == generated,
        "docs/rules.md is stale: run `UPDATE_RULE_DOCS=1 cargo test --test cli rule_docs`"
    );
}

#[test]
fn bundled_examples_behave_as_the_readme_says() {
    let examples = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples");
    let broken = run(&[
        "--format",
        "json",
        examples.join("broken").to_str().unwrap(),
    ]);
    assert_eq!(broken.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_slice(&broken.stdout).unwrap();
    assert_eq!(
        (
            v["summary"]["errors"].as_u64(),
            v["summary"]["warnings"].as_u64()
        ),
        (Some(8), Some(5))
    );
    // Its certificate comes straight from the private "Example Corp Root CA": the plan tells the
    // users' machines and the session hosts to trust that CA, and never to append an intermediate
    // that does not exist.
    let steps = v["plan"].as_array().unwrap();
    let trust = steps
        .iter()
        .find(|s| {
            s["rules"]
                .as_array()
                .unwrap()
                .iter()
                .any(|r| r == "browser-trust-needed")
        })
        .expect("a plan step for the browsers' trust");
    let action = trust["action"].as_str().unwrap();
    assert!(
        action.contains("users' machines") && action.contains("Example Corp Root CA"),
        "{action}"
    );
    assert!(
        steps
            .iter()
            .all(|s| !s["action"].as_str().unwrap().contains("intermediate")),
        "{steps:#?}"
    );
    for ch in ["a", "b", "c"] {
        assert!(
            v["findings"]
                .as_array()
                .unwrap()
                .iter()
                .any(|f| f["channel"] == ch),
            "no finding on channel {ch}"
        );
    }
    // Its ticket.txt: one known message per channel, each explained by the example's findings (the
    // CLI reads text with the catalog it compiles in).
    let symptoms = v["symptoms"].as_array().unwrap();
    let channels: Vec<&str> = symptoms
        .iter()
        .map(|s| s["channel"].as_str().unwrap_or("-"))
        .collect();
    assert_eq!(channels, ["a", "b", "c"]);
    assert!(symptoms
        .iter()
        .all(|s| !s["confirmed_by"].as_array().unwrap().is_empty()));
    // The correct example: nothing but the advice to trust its private root CA on the users' machines
    // and the session hosts (one plan step); all three channels verified once that root is marked
    // trusted. (It runs with the real clock: its
    // certificates are valid to 2046.)
    let correct = run(&[
        "--format",
        "json",
        examples.join("correct").to_str().unwrap(),
    ]);
    assert_eq!(correct.status.code(), Some(0));
    let v: serde_json::Value = serde_json::from_slice(&correct.stdout).unwrap();
    let rules: Vec<&str> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["rule"].as_str().unwrap())
        .collect();
    assert_eq!(rules, ["browser-trust-needed", "callback-trust-needed"]);
    let steps = v["plan"].as_array().unwrap();
    assert_eq!(steps.len(), 1, "{steps:?}");
    let action = steps[0]["action"].as_str().unwrap();
    assert!(
        action.contains("users' machines") && action.contains("session images"),
        "{action}"
    );
    let statuses: Vec<&str> = v["channels"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["status"].as_str().unwrap())
        .collect();
    // Its root CA is private: until the user says clients trust it, whether they connect is unknown.
    assert_eq!(
        statuses,
        ["trust-unknown", "trust-unknown", "trust-unknown"]
    );
    let trusted = run(&[
        "--format",
        "json",
        examples.join("correct").to_str().unwrap(),
        "--trusted-ca",
        examples
            .join("correct/example-root-ca.crt")
            .to_str()
            .unwrap(),
    ]);
    assert_eq!(trusted.status.code(), Some(0));
    let v: serde_json::Value = serde_json::from_slice(&trusted.stdout).unwrap();
    assert_eq!(v["findings"].as_array().map(Vec::len), Some(0));
    let statuses: Vec<&str> = v["channels"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["status"].as_str().unwrap())
        .collect();
    assert_eq!(statuses, ["verified", "verified", "verified"]);
}

#[test]
fn readme_example_output_is_what_the_tool_prints() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let readme = std::fs::read_to_string(root.join("README.md")).unwrap();
    let start_marker = "$ wb-ssl-check docker-products --now 2026-11-26T00:00:00Z\n";
    let start = readme.find(start_marker).expect("README example block") + start_marker.len();
    let end = start + readme[start..].find("\n```").unwrap();
    let corpus = std::env::var_os("WB_CORPUS_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| root.join("../shared/corpus/real"));
    let o = bin()
        .current_dir(&corpus)
        .args(["docker-products", NOW])
        .output()
        .unwrap();
    assert_eq!(
        stdout(&o).trim_end(),
        &readme[start..end],
        "README example is stale: paste the new output"
    );
}

#[test]
#[cfg(unix)]
fn on_the_server_named_files_are_read_and_their_modes_checked() {
    use std::os::unix::fs::PermissionsExt;
    let dir = std::env::temp_dir().join(format!("wb-ssl-check-server-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("ssl")).unwrap();
    let pki = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/pki");
    let cert = dir.join("ssl/workbench.crt");
    let key = dir.join("ssl/workbench.key");
    std::fs::copy(pki.join("wb-fullchain.pem"), &cert).unwrap();
    std::fs::copy(pki.join("launcher-ec.key"), &key).unwrap();
    std::fs::set_permissions(&key, std::fs::Permissions::from_mode(0o644)).unwrap();
    let missing = dir.join("launcher.key");
    std::fs::write(
        dir.join("rserver.conf"),
        format!(
            "ssl-enabled=1\nssl-certificate={}\nssl-certificate-key={}\n",
            cert.display(),
            key.display()
        ),
    )
    .unwrap();
    std::fs::write(
        dir.join("launcher.conf"),
        format!("[server]\naddress=localhost\nenable-ssl=1\ncertificate-file={}\ncertificate-key-file={}\n[cluster]\nname=Local\ntype=Local\n", cert.display(), missing.display()),
    )
    .unwrap();
    // Only the configs are named: the certificate and key are followed from their settings.
    let o = run(&[
        "--now=2027-01-01T00:00:00Z",
        "--format",
        "json",
        dir.join("rserver.conf").to_str().unwrap(),
        dir.join("launcher.conf").to_str().unwrap(),
    ]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let findings = v["findings"].as_array().unwrap();
    let has = |rule: &str, sev: &str| {
        findings
            .iter()
            .any(|f| f["rule"] == rule && f["severity"] == sev)
    };
    assert!(
        has("cert-key-mismatch", "error"),
        "the followed key is compared: {findings:?}"
    );
    assert!(
        has("file-permissions-too-open", "error"),
        "the key's real mode 644 is checked"
    );
    assert!(
        has("referenced-file-not-provided", "error"),
        "the missing Launcher key is an error on the server"
    );
    assert_eq!(v["certificates"].as_array().unwrap().len(), 2);
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn trusted_ca_option_gives_the_trusted_ca_role() {
    let pki = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/pki");
    let o = run(&[
        "--now=2027-01-01T00:00:00Z",
        "--format=json",
        pki.join("wb-fullchain.pem").to_str().unwrap(),
        "--trusted-ca",
        pki.join("ca.crt").to_str().unwrap(),
    ]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let roles: Vec<(&str, &str)> = v["inputs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| (i["name"].as_str().unwrap(), i["role"].as_str().unwrap()))
        .collect();
    assert!(
        roles
            .iter()
            .any(|(n, r)| n.ends_with("/ca.crt") && *r == "trusted-ca"),
        "{roles:?}"
    );
    assert!(
        roles
            .iter()
            .any(|(n, r)| n.ends_with("/wb-fullchain.pem") && *r == "certificate"),
        "{roles:?}"
    );
}

#[test]
fn readme_states_the_number_of_rules() {
    let readme =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md")).unwrap();
    assert!(
        readme.contains(&format!("{} rules, one file each", REGISTRY.len())),
        "README's rule count is stale"
    );
}

#[test]
fn key_material_pasted_into_a_config_is_never_quoted() {
    let dir = fixture("unparsable-line/fire-base64-not-quoted");
    let key_lines: Vec<String> = std::fs::read_to_string(dir.join("rserver.conf"))
        .unwrap()
        .lines()
        .skip(1)
        .map(str::to_string)
        .collect();
    for format in ["json", "human", "markdown", "sarif"] {
        let text = stdout(&run(&[NOW, "--format", format, dir.to_str().unwrap()]));
        for l in &key_lines {
            assert!(
                !text.contains(&l[..30]),
                "{format} output quotes key material"
            );
        }
    }
}

/// A copy of examples/broken in a fresh temporary folder.
fn broken_copy(tag: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("wb-ssl-check-{tag}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let examples = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/broken");
    for e in std::fs::read_dir(&examples).unwrap() {
        let p = e.unwrap().path();
        std::fs::copy(&p, dir.join(p.file_name().unwrap())).unwrap();
    }
    dir
}

#[test]
fn diff_shows_the_fixes_and_changes_nothing() {
    let dir = broken_copy("diff");
    let before = std::fs::read_to_string(dir.join("rserver.conf")).unwrap();
    let safe = run(&[NOW, "--diff", dir.to_str().unwrap()]);
    assert_eq!(safe.status.code(), Some(1), "a diff was printed");
    let text = stdout(&safe);
    assert!(
        text.contains("-launcher-address=https://localhost:5559\n+launcher-address=localhost\n"),
        "{text}"
    );
    assert!(
        !text.contains("+launcher-port=5558"),
        "needs review: only with --unsafe-fixes\n{text}"
    );
    let all = stdout(&run(&[
        NOW,
        "--diff",
        "--unsafe-fixes",
        dir.to_str().unwrap(),
    ]));
    assert!(all.contains("+launcher-port=5558"), "{all}");
    // The plan's one value for the callback line, from the four findings about it.
    assert!(
        all.contains("+launcher-sessions-callback-address=https://workbench.example.org\n"),
        "{all}"
    );
    assert_eq!(
        all.matches("+launcher-sessions-callback-address").count(),
        1,
        "{all}"
    );
    // Verification stays off while the Launcher's certificate does not name the host rserver dials.
    assert!(!all.contains("-launcher-verify-ssl-certs=0"), "{all}");
    assert_eq!(
        std::fs::read_to_string(dir.join("rserver.conf")).unwrap(),
        before
    );
    // Nothing to fix: exit 0.
    let clean = fixture("launcher-ssl-mismatch/silent");
    assert_eq!(
        run(&[NOW, "--diff", clean.to_str().unwrap()]).status.code(),
        Some(0)
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[cfg(unix)]
#[test]
fn fix_writes_config_files_in_place_with_a_backup_and_their_mode_and_reports_what_is_left() {
    use std::os::unix::fs::PermissionsExt;
    let dir = broken_copy("fix");
    let conf = dir.join("rserver.conf");
    std::fs::set_permissions(&conf, std::fs::Permissions::from_mode(0o640)).unwrap();
    let before = std::fs::read_to_string(&conf).unwrap();
    let key_before = std::fs::read(dir.join("workbench.key")).unwrap();
    let o = run(&[
        NOW,
        "--fix",
        "--unsafe-fixes",
        "--format",
        "json",
        dir.to_str().unwrap(),
    ]);
    let after = std::fs::read_to_string(&conf).unwrap();
    assert_ne!(after, before);
    assert!(
        after.contains("launcher-port=5558\n") && after.contains("launcher-address=localhost\n"),
        "{after}"
    );
    assert_eq!(
        std::fs::read_to_string(dir.join("rserver.conf.wb-ssl-check.bak")).unwrap(),
        before
    );
    assert_eq!(
        std::fs::metadata(&conf).unwrap().permissions().mode() & 0o777,
        0o640
    );
    assert_eq!(
        std::fs::read(dir.join("workbench.key")).unwrap(),
        key_before,
        "keys are never edited"
    );
    assert!(!dir.join("rserver.conf.wb-ssl-check.tmp").exists());
    // The report is of the files as they are now: the fixed findings are gone, the ones that need a
    // certificate (the key that does not match) remain, and so does the exit status for them.
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let rules: Vec<&str> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["rule"].as_str().unwrap())
        .collect();
    for gone in [
        "launcher-port-mismatch",
        "launcher-address-has-scheme",
        "callback-scheme-mismatch",
        "callback-cert-hostname-mismatch",
    ] {
        assert!(!rules.contains(&gone), "{gone} in {rules:?}");
    }
    assert!(rules.contains(&"cert-key-mismatch"), "{rules:?}");
    // The safeguard stays while what it guards is open (the Launcher's certificate).
    assert!(
        rules.contains(&"launcher-verify-disabled")
            && rules.contains(&"launcher-cert-hostname-mismatch"),
        "{rules:?}"
    );
    assert!(after.contains("launcher-verify-ssl-certs=0"), "{after}");
    assert_eq!(o.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&o.stderr).contains("applied"),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    // A second run finds nothing more to fix and writes nothing; the backup is not read as a config.
    let again = run(&[
        NOW,
        "--fix",
        "--unsafe-fixes",
        "--format",
        "json",
        dir.to_str().unwrap(),
    ]);
    assert!(!String::from_utf8_lossy(&again.stdout).contains(".wb-ssl-check.bak"));
    assert!(String::from_utf8_lossy(&again.stderr).contains("no fixes to apply"));
    assert_eq!(std::fs::read_to_string(&conf).unwrap(), after);
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn sarif_results_carry_their_fixes_as_artifact_changes() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/broken");
    let o = run(&[NOW, "--format", "sarif", dir.to_str().unwrap()]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let results = v["runs"][0]["results"].as_array().unwrap();
    let scheme = results
        .iter()
        .find(|r| r["ruleId"] == "launcher-address-has-scheme")
        .expect("the finding");
    let change = &scheme["fixes"][0]["artifactChanges"][0];
    assert!(change["artifactLocation"]["uri"]
        .as_str()
        .unwrap()
        .ends_with("rserver.conf"));
    let r = &change["replacements"][0];
    // `launcher-address=https://localhost:5559` on line 8: the value starts at column 18.
    assert_eq!(r["deletedRegion"]["startLine"], 8);
    assert_eq!(r["deletedRegion"]["startColumn"], 18);
    assert_eq!(
        r["deletedRegion"]["endColumn"],
        18 + "https://localhost:5559".len()
    );
    assert_eq!(r["insertedContent"]["text"], "localhost");
    assert_eq!(scheme["fixes"][0]["properties"]["safety"], "safe");
    // A finding whose fix is a certificate (the key that does not match) has none.
    let key = results
        .iter()
        .find(|r| r["ruleId"] == "cert-key-mismatch")
        .unwrap();
    assert!(key.get("fixes").is_none());
}

/// Folders given as arguments are read whole: a node without database.conf there uses SQLite, which
/// a cluster cannot share. The same files named one by one leave it "not checked" (the file may live
/// elsewhere: a secret, an image).
#[test]
fn a_node_folder_read_whole_without_database_conf_is_sqlite() {
    let dir = std::env::temp_dir().join(format!("wb-cluster-{}", std::process::id()));
    for (node, host) in [
        ("node1", "node1.example.org"),
        ("node2", "node2.example.org"),
    ] {
        let d = dir.join(node);
        std::fs::create_dir_all(&d).unwrap();
        std::fs::write(d.join("rserver.conf"), "www-port=8787\n").unwrap();
        std::fs::write(d.join("load-balancer"), format!("www-host-name={host}\n")).unwrap();
    }
    let (n1, n2) = (dir.join("node1"), dir.join("node2"));
    let json = |args: &[&str]| stdout(&run(args));
    let whole = json(&[
        NOW,
        "--format=json",
        n1.to_str().unwrap(),
        n2.to_str().unwrap(),
    ]);
    assert_eq!(
        whole.matches("\"rule\": \"lb-database-sqlite\"").count(),
        2,
        "{whole}"
    );
    let files = [
        n1.join("rserver.conf"),
        n1.join("load-balancer"),
        n2.join("rserver.conf"),
        n2.join("load-balancer"),
    ];
    let mut args = vec![NOW, "--format=json"];
    args.extend(files.iter().map(|f| f.to_str().unwrap()));
    let named = json(&args);
    assert!(
        !named.contains("\"rule\": \"lb-database-sqlite\""),
        "{named}"
    );
    assert!(named.contains("database.conf not provided"), "{named}");
    std::fs::remove_dir_all(&dir).unwrap();
}

/// Inputs with nothing checkable in them (a shopping list, another chart's values) never get a success:
/// exit status 3, "Nothing here could be checked" in every format, `summary.nothing_checked` in
/// JSON, and a notification in SARIF. One checkable file among them is a check again.
#[test]
fn nothing_checkable_is_never_a_success() {
    let list = fixture("../nothing-checkable/shopping-list.txt");
    let values = fixture("../nothing-checkable/values.yaml");
    let (list, values) = (list.to_str().unwrap(), values.to_str().unwrap());
    for args in [vec![NOW, list], vec![NOW, list, values]] {
        let human = run(&args);
        assert_eq!(human.status.code(), Some(3), "{args:?}");
        assert!(
            stdout(&human).contains("Nothing here could be checked."),
            "{}",
            stdout(&human)
        );
        let json: serde_json::Value =
            serde_json::from_str(&stdout(&run(&[&args[..], &["--format", "json"]].concat())))
                .unwrap();
        assert_eq!(json["summary"]["nothing_checked"], true);
        let md = stdout(&run(&[&args[..], &["--format", "markdown"]].concat()));
        assert!(md.contains("**Nothing here could be checked.**"), "{md}");
        let sarif: serde_json::Value =
            serde_json::from_str(&stdout(&run(&[&args[..], &["--format", "sarif"]].concat())))
                .unwrap();
        let note = &sarif["runs"][0]["invocations"][0]["toolExecutionNotifications"][0];
        assert!(note["message"]["text"]
            .as_str()
            .unwrap()
            .starts_with("Nothing here could be checked."));
        assert_eq!(sarif["runs"][0]["properties"]["nothingChecked"], true);
    }
    // A certificate beside them: something was checked, and nothing says otherwise.
    let cert = fixture("../pki/ec-leaf.crt");
    let out = run(&[NOW, list, cert.to_str().unwrap(), "--format", "json"]);
    // (Its root is not given: exit 1 for that error, never 3.)
    assert_eq!(out.status.code(), Some(1));
    let json: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert!(
        json["summary"].get("nothing_checked").is_none(),
        "{}",
        json["summary"]
    );
    let sarif: serde_json::Value = serde_json::from_str(&stdout(&run(&[
        NOW,
        cert.to_str().unwrap(),
        "--format",
        "sarif",
    ])))
    .unwrap();
    assert_eq!(
        sarif["runs"][0]["invocations"][0]["toolExecutionNotifications"],
        serde_json::json!([])
    );
}
