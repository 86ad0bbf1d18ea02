//! `integrate check --format prometheus` and `--output FILE`: the textfile a node_exporter
//! collector reads. The output is parsed with a real exposition-format parser
//! (`prometheus-parse`) over a run where every status occurs once, and checked value by value;
//! `--output` is checked for every format, for atomic replacement while a reader polls, and
//! for leaving the old file alone when the run fails before any check.

use std::collections::HashMap;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{SystemTime, UNIX_EPOCH};

use prometheus_parse::{Sample, Scrape, Value};

use crate::fakes;
use crate::support::{Output, Sandbox, assert_no_leak, closed_port};

/// Each provider and the status its configuration below produces.
const EXPECTED: [(&str, &str); 6] = [
    ("telegram", "ok"),
    ("easybib", "warning"),
    ("zotero", "rejected"),
    ("bitly", "misconfigured"),
    ("clickatell", "unreachable"),
    ("mendeley", "skipped"),
];

const STATUSES: [&str; 6] = [
    "ok",
    "warning",
    "rejected",
    "misconfigured",
    "unreachable",
    "skipped",
];

/// Configures one provider per status, against local fakes (and a closed port). Returns the
/// fakes (to keep them serving) and every secret configured.
async fn every_status(sandbox: &Sandbox) -> (Vec<fakes::Fake>, Vec<String>) {
    let telegram = fakes::telegram::start().await;
    sandbox.set_provider("telegram", &telegram.valid_config());
    // EasyBib's API is deprecated: a working key is a warning.
    let easybib = fakes::easybib::start().await;
    sandbox.set_provider("easybib", &easybib.valid_config());
    let zotero = fakes::zotero::start().await;
    sandbox.set_provider("zotero", &zotero.rejected_config());
    // A Bitly token over its link quota: the portal would answer "Bad keys".
    let bitly = fakes::bitly::start().await;
    sandbox.set_provider(
        "bitly",
        &[
            ("access_token", fakes::bitly::LIMITED_TOKEN.into()),
            ("endpoint", bitly.endpoint.clone()),
        ],
    );
    let clickatell = fakes::clickatell::start().await;
    let mut unreachable = clickatell.valid.clone();
    unreachable.push(("endpoint", format!("http://127.0.0.1:{}", closed_port())));
    sandbox.set_provider("clickatell", &unreachable);
    // Mendeley's id alone cannot be verified live.
    let mendeley = fakes::mendeley::start().await;
    sandbox.set_provider(
        "mendeley",
        &[
            ("client_id", fakes::mendeley::APP_ID.into()),
            ("endpoint", mendeley.endpoint.clone()),
        ],
    );
    let mut secrets: Vec<String> = [&telegram, &easybib, &zotero, &bitly, &clickatell, &mendeley]
        .iter()
        .flat_map(|f| f.secrets.clone())
        .collect();
    secrets.push(fakes::bitly::LIMITED_TOKEN.into());
    (
        vec![telegram, easybib, zotero, bitly, clickatell, mendeley],
        secrets,
    )
}

fn parse(text: &str) -> Scrape {
    Scrape::parse(text.lines().map(|l| Ok(l.to_string()))).expect("the exposition parses")
}

fn gauge(sample: &Sample) -> f64 {
    match sample.value {
        Value::Gauge(v) => v,
        ref other => panic!("{} is not a gauge: {other:?}", sample.metric),
    }
}

/// The gauge values of `metric`, by the values of `labels`.
fn series(scrape: &Scrape, metric: &str, labels: &[&str]) -> HashMap<Vec<String>, f64> {
    scrape
        .samples
        .iter()
        .filter(|s| s.metric == metric)
        .map(|s| {
            let key = labels
                .iter()
                .map(|l| s.labels.get(l).unwrap_or_default().to_string())
                .collect();
            (key, gauge(s))
        })
        .collect()
}

fn now() -> f64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_secs_f64()
}

#[tokio::test]
async fn prometheus_every_status_is_exported_value_by_value() {
    let sandbox = Sandbox::new();
    let (_fakes, secrets) = every_status(&sandbox).await;
    let before = now();
    let out = sandbox
        .run_async(&["check", "--format", "prometheus", "--timeout", "5"])
        .await;
    let after = now();
    // A rejected and a misconfigured key: the exit code stays the check's.
    assert_eq!(out.code, 1, "{}", out.all());
    assert_no_leak(&out, &secrets);
    let scrape = parse(&out.stdout);

    for metric in [
        "integrate_check_status",
        "integrate_check_ok",
        "integrate_check_duration_seconds",
        "integrate_check_last_run_timestamp_seconds",
    ] {
        assert!(
            scrape.docs.get(metric).is_some_and(|h| !h.is_empty()),
            "no HELP for {metric}:\n{}",
            out.stdout
        );
        assert!(
            out.stdout.contains(&format!("# TYPE {metric} gauge\n")),
            "no TYPE for {metric}:\n{}",
            out.stdout
        );
    }

    let status = series(&scrape, "integrate_check_status", &["provider", "status"]);
    assert_eq!(status.len(), EXPECTED.len() * STATUSES.len(), "{status:?}");
    for (provider, current) in EXPECTED {
        for s in STATUSES {
            let want = if s == current { 1.0 } else { 0.0 };
            assert_eq!(
                status.get(&vec![provider.to_string(), s.to_string()]),
                Some(&want),
                "integrate_check_status{{provider={provider},status={s}}}:\n{}",
                out.all()
            );
        }
    }

    let ok = series(&scrape, "integrate_check_ok", &["provider"]);
    assert_eq!(ok.len(), EXPECTED.len());
    for (provider, current) in EXPECTED {
        // ok, warning and skipped do not fail the run (exit codes); the rest do.
        let want = if matches!(current, "ok" | "warning" | "skipped") {
            1.0
        } else {
            0.0
        };
        assert_eq!(ok[&vec![provider.to_string()]], want, "{provider}");
    }

    let duration = series(&scrape, "integrate_check_duration_seconds", &["provider"]);
    assert_eq!(duration.len(), EXPECTED.len());
    for (provider, _) in EXPECTED {
        let d = duration[&vec![provider.to_string()]];
        assert!((0.0..=after - before).contains(&d), "{provider}: {d}");
    }

    let last_run = series(&scrape, "integrate_check_last_run_timestamp_seconds", &[]);
    let t = last_run[&Vec::<String>::new()];
    assert!((before..=after).contains(&t), "{before} <= {t} <= {after}");
    // Nothing else is exported, so a typo in a name cannot hide.
    let names: std::collections::BTreeSet<&str> =
        scrape.samples.iter().map(|s| s.metric.as_str()).collect();
    assert_eq!(names.len(), 4, "{names:?}");
}

#[tokio::test]
async fn prometheus_output_file_is_complete_for_a_reader_polling_it() {
    let sandbox = Sandbox::new();
    let (_fakes, secrets) = every_status(&sandbox).await;
    let path = sandbox.dir.path().join("textfile/integrate.prom");
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    let done = Arc::new(AtomicBool::new(false));
    let reader = {
        let (path, done) = (path.clone(), done.clone());
        std::thread::spawn(move || {
            // Each run writes one document: only the distinct contents are kept.
            let mut seen = std::collections::HashSet::new();
            while !done.load(Ordering::Relaxed) {
                if let Ok(text) = std::fs::read_to_string(&path) {
                    seen.insert(text);
                }
                // Polls as fast as it can without starving the runs it watches.
                std::thread::yield_now();
            }
            seen
        })
    };
    let file = path.to_str().unwrap();
    for _ in 0..5 {
        let out = sandbox
            .run_async(&["check", "--format", "prometheus", "--output", file])
            .await;
        assert_eq!(out.code, 1, "{}", out.all());
        assert!(out.stdout.is_empty(), "{}", out.stdout);
        assert_no_leak(&out, &secrets);
    }
    done.store(true, Ordering::Relaxed);
    let seen = reader.join().unwrap();
    assert!(!seen.is_empty());
    for text in &seen {
        // A complete document: every provider's series, and the trailing timestamp.
        let scrape = parse(text);
        assert_eq!(
            scrape.samples.len(),
            6 * 6 + 6 + 6 + 1,
            "partial read:\n{text}"
        );
        assert!(text.ends_with('\n'), "{text}");
    }
    let written = std::fs::read_to_string(&path).unwrap();
    assert!(!secrets.iter().any(|s| written.contains(s.as_str())));
    let entries: Vec<_> = std::fs::read_dir(path.parent().unwrap())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(entries, ["integrate.prom"], "a temporary file was left");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        // node_exporter runs as another user: the file must be readable by others.
        let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode & 0o644, 0o644, "mode {mode:o}");
    }
}

async fn to_file(sandbox: &Sandbox, format: &str, name: &str) -> (Output, String) {
    let path = sandbox.dir.path().join(name);
    let out = sandbox
        .run_async(&[
            "check",
            "--format",
            format,
            "--timeout",
            "5",
            "-o",
            path.to_str().unwrap(),
        ])
        .await;
    assert!(out.stdout.is_empty(), "{format}: {}", out.stdout);
    let text = std::fs::read_to_string(&path).unwrap_or_default();
    (out, text)
}

#[tokio::test]
async fn output_file_works_for_every_check_format() {
    let sandbox = Sandbox::new();
    let (_fakes, secrets) = every_status(&sandbox).await;

    let (out, json) = to_file(&sandbox, "json", "check.json").await;
    assert_eq!(out.code, 1, "{}", out.all());
    let doc = Output::written(&["check"], json.clone()).json();
    assert_eq!(doc["results"].as_array().unwrap().len(), 6);
    assert_eq!(doc["counts"]["skipped"], 1);

    let (_, junit) = to_file(&sandbox, "junit", "check.xml").await;
    assert!(junit.starts_with("<?xml"), "{junit}");
    assert_eq!(junit.matches("<testcase ").count(), 6, "{junit}");

    let (_, github) = to_file(&sandbox, "github", "check.txt").await;
    assert!(
        github.contains("::error title=integrate check zotero::"),
        "{github}"
    );

    let (_, text) = to_file(&sandbox, "text", "check.log").await;
    assert!(text.contains("6 providers checked"), "{text}");
    assert!(!text.contains('\u{1b}'), "colour codes in a file: {text:?}");

    for doc in [json, junit, github, text] {
        assert_no_leak(&Output::written(&["check"], doc), &secrets);
    }
}

#[tokio::test]
async fn output_file_is_left_alone_when_nothing_was_checked() {
    let sandbox = Sandbox::new();
    let telegram = fakes::telegram::start().await;
    sandbox.set_provider("telegram", &telegram.valid_config());
    let path = sandbox.dir.path().join("integrate.prom");
    std::fs::write(&path, "previous run\n").unwrap();
    // A bad --timeout is a usage error before any check: the previous file stays.
    let out = sandbox.run(&[
        "check",
        "--format",
        "prometheus",
        "--timeout",
        "0",
        "-o",
        path.to_str().unwrap(),
    ]);
    assert_eq!(out.code, 2, "{}", out.all());
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "previous run\n");
    // A directory that does not exist is named in the error.
    let missing = sandbox.dir.path().join("no/such/dir/integrate.prom");
    let out = sandbox
        .run_async(&[
            "check",
            "--format",
            "prometheus",
            "-o",
            missing.to_str().unwrap(),
        ])
        .await;
    assert_eq!(out.code, 2, "{}", out.all());
    assert!(out.stderr.contains("no/such/dir"), "{}", out.stderr);
}
