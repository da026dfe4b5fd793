//! The one entry point of the core: inputs and options in, report out. No I/O, no clock.

use crate::channels;
use crate::facts::Facts;
use crate::input::{Input, InputKind};
use crate::model::{CheckOptions, Model};
use crate::report::{
    CertificateSummary, Finding, InputSummary, Location, Report, Severity, Summary, SCHEMA_VERSION,
};
use crate::rules::{Applicability, RuleImpl, Sink, Subject, Violation, ENGINE_LIMITS, REGISTRY};

/// How many rounds of questions and answers a check takes at most. Two are the rule (the first asks
/// everything the inputs need); a third when a chain's answers bring other certificates into play.
pub const MAX_ROUNDS: usize = 4;

/// Checks a set of inputs (configs, certificates, keys, listings) as one Workbench installation.
/// Natively, the core's questions are answered by ring between rounds until none is left.
#[cfg(not(target_arch = "wasm32"))]
pub fn check(inputs: &[Input], options: &CheckOptions) -> Report {
    let mut answers = options.answers.clone();
    for _ in 1..MAX_ROUNDS {
        let (report, back, questions) = round(inputs, options, answers);
        if questions.is_empty() {
            return report;
        }
        answers = back;
        crate::pki::answer_native::answer(questions, &mut answers);
    }
    round(inputs, options, answers).0
}

/// Checks a set of inputs with the answers in `options.answers` only: in WebAssembly, audited code
/// (WebCrypto) answers asynchronously, so the shell runs [`check_round`] until it asks nothing.
#[cfg(target_arch = "wasm32")]
pub fn check(inputs: &[Input], options: &CheckOptions) -> Report {
    check_round(inputs, options).0
}

/// One round of the check, with the answers in `options.answers`: the report, and the questions it
/// could not answer (signatures to verify, public keys to derive). When there are any, the report
/// is not final: answer them into `options.answers` and check again.
pub fn check_round(
    inputs: &[Input],
    options: &CheckOptions,
) -> (Report, Vec<crate::pki::signatures::Question>) {
    let (report, _, questions) = round(inputs, options, options.answers.clone());
    (report, questions)
}

fn round(
    inputs: &[Input],
    options: &CheckOptions,
    answers: crate::pki::signatures::Answers,
) -> (
    Report,
    crate::pki::signatures::Answers,
    Vec<crate::pki::signatures::Question>,
) {
    let inputs = &crate::model::with_derived_inputs(inputs, options);
    let (mut report, answers, questions) = crate::pki::signatures::with_answers(answers, || {
        let mut report = check_once(inputs, options);
        crate::plan::try_edits(&mut report, inputs, |changed| check_once(changed, options));
        crate::symptoms::attach(&mut report, inputs, options.symptom_catalog.as_deref());
        report
    });
    report.summary.nothing_checked = nothing_checked(&report);
    if !questions.is_empty() {
        report.not_checked.push(format!(
            "{} signature or key {} got no answer from the cryptographic library, so what depends on {} was not verified",
            questions.len(),
            if questions.len() == 1 { "check" } else { "checks" },
            if questions.len() == 1 { "it" } else { "them" },
        ));
    }
    (report, answers, questions)
}

/// Whether nothing among the inputs could be checked: every input is of a kind with nothing to check
/// in it (text with no known error message, a Workbench file not checked here, unrecognised,
/// unreadable or too large), and no certificate or symptom came out of them.
fn nothing_checked(report: &Report) -> bool {
    const NOTHING_TO_CHECK: [&str; 10] = [
        "text",
        // An archive's members decide, as inputs of their own.
        "archive",
        "archive-unread",
        "kubernetes-unread",
        "operator-resource",
        "helm-chart-file",
        "workbench-file",
        "unrecognized",
        "unreadable",
        "too-large",
    ];
    report.symptoms.is_empty()
        && report.certificates.is_empty()
        && report
            .inputs
            .iter()
            .all(|i| NOTHING_TO_CHECK.contains(&i.kind.as_str()))
}

/// The engine: the rules, the plan and the summaries, without trying the plan's edits.
fn check_once(inputs: &[Input], options: &CheckOptions) -> Report {
    let model = Model::build(inputs, options);
    let facts = Facts::new(&model);
    let mut findings: Vec<Finding> = Vec::new();
    let mut not_checked: Vec<String> = model.notes.clone();
    not_checked.extend(facts.notes.iter().cloned());
    // (missing input, what could not be checked), grouped per input below.
    let mut missing: Vec<(&'static str, String)> = Vec::new();
    // With several deployments the model's own note already says that cross-file checks were skipped.
    let single_deployment = model.primary().is_some();
    let mut note = |a: Applicability| {
        if let Applicability::NotChecked {
            missing: input,
            what,
        } = a
        {
            if single_deployment && !missing.contains(&(input, what.clone())) {
                missing.push((input, what));
            }
        }
    };
    for rule in REGISTRY {
        let mut sink = Sink::new(rule.meta, &mut findings);
        match rule.imp {
            RuleImpl::Input(r) => model.inputs.iter().for_each(|i| r.check(i, &mut sink)),
            RuleImpl::File(r) => {
                for file in &model.configs {
                    match r.applies(file) {
                        Applicability::Applies => r.check(file, &mut sink),
                        other => note(other),
                    }
                }
            }
            RuleImpl::Deployment(r) => {
                for d in facts.deployments() {
                    match r.applies(&d) {
                        Applicability::Applies => r.check(&d, &mut sink),
                        other => note(other),
                    }
                }
            }
            RuleImpl::Model(r) => match r.applies(&facts) {
                Applicability::Applies => r.check(&facts, &mut sink),
                other => note(other),
            },
        }
    }
    let mut inputs_missing: Vec<&str> = missing.iter().map(|(i, _)| *i).collect();
    inputs_missing.dedup();
    for input in inputs_missing {
        let whats: Vec<&str> = missing
            .iter()
            .filter(|(i, _)| *i == input)
            .map(|(_, w)| w.as_str())
            .collect();
        not_checked.push(format!(
            "{input} not provided, so these were not checked: {}",
            whats.join("; ")
        ));
    }
    for file in &model.pki {
        for (child, issuer, why) in &file.chain.unverified {
            not_checked.push(format!(
                "{}: the signature of {} by {} was not verified ({why})",
                file.name,
                file.place(*child),
                file.place(*issuer)
            ));
        }
        if file.truncated {
            not_checked.push(format!(
                "{}: only the first {} PEM blocks were read",
                file.name,
                crate::pki::MAX_BLOCKS
            ));
        }
    }
    // database.conf and the secure cookie key are read for a cluster's nodes.
    let read_for_nodes = |name: &str| {
        model.load_balancing.as_ref().is_some_and(|lb| {
            lb.nodes.iter().any(|n| {
                n.database.as_ref().is_some_and(|f| f.file == name)
                    || n.cookie_key.as_ref().is_some_and(|f| f.file == name)
            })
        })
    };
    for input in &model.inputs {
        if read_for_nodes(&input.name) {
            continue;
        }
        if let InputKind::WorkbenchFile(what) = input.kind {
            not_checked.push(format!(
                "{}: {what}, a Workbench file with nothing that bears on the three channels, not checked here",
                input.name
            ));
        }
    }
    for input in model
        .inputs
        .iter()
        .filter(|i| i.kind.id() == "kubernetes-unread")
    {
        not_checked.push(format!(
            "{}: looks like a Kubernetes input (Helm values, a helm command, objects), which this build does not read: the full page and the command line do",
            input.name
        ));
    }
    if model.configs.is_empty() {
        not_checked.push("no Workbench configuration file (rserver.conf, launcher.conf, ...) among the inputs: settings and channels were not checked".into());
    }
    let mut seen: Vec<String> = Vec::new();
    not_checked.retain(|n| {
        let new = !seen.contains(n);
        if new {
            seen.push(n.clone());
        }
        new
    });
    // (Never without the reader: said so, so that this stays out of the page's first module.)
    if let Some(kube) = model
        .kubernetes
        .as_ref()
        .filter(|_| cfg!(feature = "kubernetes"))
    {
        crate::derived::retarget(&mut findings, kube, inputs);
        not_checked.extend(kube.notes.iter().cloned());
        if let crate::input::kubernetes::Source::Values {
            chart,
            chart_from: None,
            ..
        } = &kube.source
        {
            not_checked.push(format!("Helm values: no chart version was given (a helm command's `--version`, a Chart.lock, a rendered object's `helm.sh/chart` label), so the newest known, {chart}, was assumed; findings that depend on the version say which versions they concern"));
        }
    }
    cap_repeats(&mut findings);
    crate::base::sort_by(&mut findings, |a, b| {
        (a.severity, &a.file, a.line, a.column, &a.rule, &a.message)
            < (b.severity, &b.file, b.line, b.column, &b.rule, &b.message)
    });
    // Deployments that share a file (two rserver.conf naming one certificate) see the same thing in
    // it: one finding, not one per deployment. Sorted, such twins are neighbours.
    findings.dedup();
    let plan = crate::plan::plan(&mut findings);
    let channels = channels::summarise(&facts, &findings);
    let mut chains = crate::chain_view::chain_views(&facts);
    crate::chain_view::agree_with_served(&mut chains, &channels);
    let count = |s: Severity| findings.iter().filter(|f| f.severity == s).count();
    Report {
        schema: SCHEMA_VERSION,
        tool: format!("wb-ssl-check {}", env!("CARGO_PKG_VERSION")),
        now: options.now_unix.and_then(format_time),
        hostname: options.hostname.clone(),
        summary: Summary {
            errors: count(Severity::Error),
            warnings: count(Severity::Warning),
            infos: count(Severity::Info),
            texts_unread: 0,
            kubernetes_unread: model
                .inputs
                .iter()
                .filter(|i| i.kind.id() == "kubernetes-unread")
                .count(),
            archives_unread: model
                .inputs
                .iter()
                .filter(|i| i.kind.id() == "archive-unread")
                .count(),
            nothing_checked: false,
        },
        channels,
        inputs: model
            .inputs
            .iter()
            .map(|i| InputSummary {
                name: i.name.clone(),
                kind: i.kind.id().to_string(),
                role: model
                    .pki
                    .iter()
                    .find(|p| p.name == i.name)
                    .map(|p| p.role.id().to_string()),
                description: model
                    .pki
                    .iter()
                    .find(|p| p.name == i.name)
                    .map(crate::pki::describe)
                    .unwrap_or_else(|| match i.kind {
                        // A node's database.conf and secure-cookie-key are read for the cluster's
                        // checks: said so, not "not checked here" beside the findings they give.
                        InputKind::WorkbenchFile(what) if read_for_nodes(&i.name) => format!(
                            "{what}: read for the cluster's checks, and compared between its nodes"
                        ),
                        _ => match model.kubernetes.as_ref().filter(|k| k.made(&i.name)) {
                            Some(kube) => {
                                format!("{}, made from {}", i.description, kube.made_from())
                            }
                            None => i.description.clone(),
                        },
                    }),
            })
            .collect(),
        findings,
        certificates: certificate_summaries(&model),
        chains,
        plan,
        not_checked,
        symptoms: Vec::new(),
        kubernetes: channels::kubernetes_summary(&facts),
    }
}

fn certificate_summaries(model: &Model) -> Vec<CertificateSummary> {
    let time = |t: i64| format_time(t).unwrap_or_else(|| t.to_string());
    model
        .pki
        .iter()
        .flat_map(|f| f.certificates().map(move |(i, c)| (f, i, c)))
        .map(|(f, i, c)| CertificateSummary {
            file: f.name.clone(),
            block: f.blocks[i].index,
            subject: c.subject.clone(),
            name: c.short_name(),
            issuer: c.issuer.clone(),
            serial: c.serial.clone(),
            sans: c.names(),
            not_before: time(c.not_before),
            not_after: time(c.not_after),
            key: c.public_key.describe(),
            signature: c.signature.name(),
            sha256: c.sha256.clone(),
            // Names and key identifiers only: verifying every root of a 150-certificate bundle just to
            // label its cards would cost more than the whole check. Chains use the real test.
            self_signed: c.self_issued()
                && c.authority_key_id
                    .as_ref()
                    .is_none_or(|a| Some(a) == c.subject_key_id.as_ref()),
            ca: c.is_ca(),
            key_usage: c.key_usage_names.clone(),
            extended_key_usage: c.ext_key_usage_names.clone(),
            role: f.role.id().to_string(),
        })
        .collect()
}

/// Keeps at most [`crate::limits::MAX_FINDINGS_PER_RULE_AND_FILE`] findings of one rule in one file: a
/// file with thousands of bad lines would otherwise bury everything else (and freeze the page that
/// renders them). Each cap is itself reported by `limit-exceeded`.
fn cap_repeats(findings: &mut Vec<Finding>) {
    use crate::limits::MAX_FINDINGS_PER_RULE_AND_FILE as MAX;
    // A list rather than a map, in order of first appearance (so no sort is needed for a stable
    // order): few (rule, file) pairs ever repeat, and the page pays for each map and sort it compiles.
    let mut counts: Vec<((String, String), usize)> = Vec::new();
    findings.retain(|f| {
        let n = match counts
            .iter_mut()
            .find(|((r, file), _)| *r == f.rule && *file == f.file)
        {
            Some((_, n)) => n,
            None => {
                counts.push(((f.rule.clone(), f.file.clone()), 0));
                &mut counts.last_mut().expect("just pushed").1
            }
        };
        *n += 1;
        *n <= MAX
    });
    let over: Vec<_> = counts.into_iter().filter(|(_, n)| *n > MAX).collect();
    let mut sink = Sink::new(ENGINE_LIMITS, findings);
    for ((rule, file), n) in over {
        sink.report(
            Subject::At(Location::file(&file)),
            FindingsLeftOut {
                rule,
                file,
                left_out: n - MAX,
            },
        );
    }
}

/// Findings of one rule in one file beyond [`crate::limits::MAX_FINDINGS_PER_RULE_AND_FILE`], left
/// out of the report: the engine's own finding, under [`ENGINE_LIMITS`].
struct FindingsLeftOut {
    rule: String,
    file: String,
    left_out: usize,
}

impl Violation for FindingsLeftOut {
    // The engine's, not a rule's: it picks among limit-exceeded's declared severities (Sink checks).
    type Level = Severity;
    fn level(&self) -> Severity {
        Severity::Info
    }
    fn message(&self) -> String {
        format!(
            "{} of `{}` in `{}` {} not listed (the report lists at most {} per rule and file).",
            crate::report::count(self.left_out, "more finding"),
            self.rule,
            self.file,
            if self.left_out == 1 { "is" } else { "are" },
            crate::limits::MAX_FINDINGS_PER_RULE_AND_FILE
        )
    }
    fn help(&self) -> String {
        "Fix the repeated problem, then check again to see the rest.".into()
    }
}

/// The certificate and key paths that the configs among `inputs` name, for a shell that can read them
/// (the CLI on a server). Pure: it only parses the inputs.
pub fn referenced_paths(inputs: &[Input]) -> Vec<String> {
    let configs: Vec<Input> = inputs
        .iter()
        .filter(|i| {
            !matches!(
                crate::input::classify(i).kind,
                InputKind::PemBundle | InputKind::Der | InputKind::Pkcs12
            )
        })
        .cloned()
        .collect();
    let model = Model::build(&configs, &CheckOptions::default());
    let mut paths: Vec<String> = model
        .referenced_files()
        .into_iter()
        .map(|(_, e, _)| e.value.clone())
        .collect();
    crate::base::sort(&mut paths);
    paths.dedup();
    paths
}

/// RFC 3339 text of a Unix time (UTC, whole seconds: `2027-01-01T00:00:00Z`), for years 0 to 9999.
/// The date by Howard Hinnant's `civil_from_days` (proleptic Gregorian calendar,
/// http://howardhinnant.github.io/date_algorithms.html) rather than with the `time` crate's RFC 3339
/// formatter, which cost the page 2 KB for what fits in a few lines; the tests check it against
/// that formatter over the whole range.
pub fn format_time(unix: i64) -> Option<String> {
    let (days, secs) = (unix.div_euclid(86_400), unix.rem_euclid(86_400));
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    if !(0..=9999).contains(&year) {
        return None;
    }
    Some(format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}Z",
        secs / 3600,
        secs / 60 % 60,
        secs % 60
    ))
}

/// Parses an RFC 3339 time (`2026-11-26T12:00:00Z`, `2026-11-26T13:00:00.5+01:00`) into a Unix time:
/// strict, so 30 February or a second 60 is refused rather than rolled over.
pub fn parse_time(text: &str) -> Option<i64> {
    use time::format_description::well_known::Rfc3339;
    time::OffsetDateTime::parse(text, &Rfc3339)
        .ok()
        .map(|t| t.unix_timestamp())
}

#[cfg(test)]
mod tests {
    use super::{format_time, parse_time};

    #[test]
    fn times_round_trip() {
        assert_eq!(format_time(0).as_deref(), Some("1970-01-01T00:00:00Z"));
        assert_eq!(
            format_time(1_798_761_600).as_deref(),
            Some("2027-01-01T00:00:00Z")
        );
        assert_eq!(
            format_time(951_782_400).as_deref(),
            Some("2000-02-29T00:00:00Z")
        );
        assert_eq!(parse_time("2027-01-01T00:00:00Z"), Some(1_798_761_600));
        assert_eq!(
            parse_time("2027-01-01T01:30:00.25+01:30"),
            Some(1_798_761_600)
        );
        assert_eq!(parse_time("2026-11-26T00:00:00-00:00"), Some(1_795_651_200));
        for bad in [
            "yesterday",
            "2027-13-01T00:00:00Z",
            "2027-01-01 00:00:00",
            "2027-01-01T00:00:00+0100",
            // Strict: no rolled-over dates.
            "2027-02-30T00:00:00Z",
            "2027-01-01T24:00:00Z",
        ] {
            assert_eq!(parse_time(bad), None, "{bad}");
        }
        for t in [0i64, 86_399, 1_234_567_890, 4_102_444_800] {
            assert_eq!(parse_time(&format_time(t).unwrap()), Some(t));
        }
    }

    #[test]
    fn times_format_as_the_time_crate_does() {
        use time::format_description::well_known::Rfc3339;
        let first = -62_167_219_200i64; // 0000-01-01T00:00:00Z
        let last = 253_402_300_799i64; // 9999-12-31T23:59:59Z
        assert_eq!(format_time(first).as_deref(), Some("0000-01-01T00:00:00Z"));
        assert_eq!(format_time(last).as_deref(), Some("9999-12-31T23:59:59Z"));
        assert_eq!(format_time(first - 1), None);
        assert_eq!(format_time(last + 1), None);
        assert_eq!(format_time(i64::MIN), None);
        assert_eq!(format_time(i64::MAX), None);
        // Every 0.37 days or so across the whole range, and every leap-day edge of 1600 to 2400.
        let step = (last - first) / 2_000_003;
        let leap_days = (1600..=2400).flat_map(|y| {
            let d = time::Date::from_calendar_date(y, time::Month::March, 1).unwrap();
            let t = d.midnight().assume_utc().unix_timestamp();
            [t - 86_401, t - 86_400, t - 1, t]
        });
        for t in (0..=2_000_003).map(|k| first + k * step).chain(leap_days) {
            let theirs = time::OffsetDateTime::from_unix_timestamp(t)
                .unwrap()
                .format(&Rfc3339)
                .unwrap();
            assert_eq!(format_time(t).as_deref(), Some(theirs.as_str()), "{t}");
        }
    }
}
