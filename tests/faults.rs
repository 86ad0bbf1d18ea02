//! The fault matrix: every provider's check against every way a server can misbehave (issue
//! 11, "Lasting protection"). Each provider keeps the valid configuration of its fake, with
//! `endpoint` pointed at a [`Hostile`] server instead; one `check` of all 28 runs per fault.
//!
//! Whatever the fault, each check must end `unreachable` (never `ok`, never `rejected`: the
//! server said nothing about the keys), within `--timeout`, with bounded memory, and without
//! printing any secret, even at -vvv.

use std::time::Duration;

use crate::hostile::configs;
use crate::support::hostile::{Fault, Hostile};
use crate::support::{Sandbox, assert_no_leak, run_measured};

const TIMEOUT_SECS: u64 = 2;
/// Start-up, the retry rule's last attempt and scheduling on a loaded 2-core machine.
const SLACK: Duration = Duration::from_millis(2500);
/// Peak memory of one `check` of all providers, whatever the servers send.
const MAX_RSS_KIB: u64 = 64 * 1024;

/// Checks every provider against a server with `fault`; returns the JSON results for checks
/// particular to that fault.
async fn every_provider_is_unreachable(fault: Fault) -> serde_json::Value {
    let server = Hostile::start(fault).await;
    let sandbox = Sandbox::new();
    let mut secrets = Vec::new();
    for config in configs() {
        let mut fields = config.fields.clone();
        fields.push(("endpoint", server.endpoint.clone()));
        sandbox.set_provider(config.id, &fields);
        secrets.extend(config.secrets.iter().cloned());
    }
    let timeout = TIMEOUT_SECS.to_string();
    let run = run_measured(sandbox.command(&[
        "-vvv",
        "check",
        "--format",
        "json",
        "--timeout",
        &timeout,
    ]))
    .await;
    let out = &run.output;
    let doc = out.json();
    let results = doc["results"].as_array().expect("results");
    assert_eq!(results.len(), configs().len(), "{fault:?}: {}", out.stdout);
    let mut wrong = Vec::new();
    for result in results {
        let elapsed = result["elapsed_ms"].as_u64().unwrap_or(u64::MAX);
        if result["status"] != "unreachable" || elapsed > TIMEOUT_SECS * 1000 + 500 {
            wrong.push(format!(
                "{}: {} after {elapsed} ms: {}",
                result["provider"], result["status"], result["message"]
            ));
        }
    }
    assert!(
        wrong.is_empty(),
        "{fault:?}: not unreachable within --timeout:\n{}",
        wrong.join("\n")
    );
    assert_eq!(out.code, 3, "{fault:?}");
    assert!(
        run.elapsed < Duration::from_secs(TIMEOUT_SECS) + SLACK,
        "{fault:?}: the run took {:?}",
        run.elapsed
    );
    assert!(
        run.max_rss_kib < MAX_RSS_KIB,
        "{fault:?}: peak memory {} KiB",
        run.max_rss_kib
    );
    assert_no_leak(out, &secrets);
    eprintln!(
        "{fault:?}: {:?}, peak memory {} KiB",
        run.elapsed, run.max_rss_kib
    );
    doc
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn fault_connection_refused() {
    every_provider_is_unreachable(Fault::Refused).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn fault_server_error() {
    every_provider_is_unreachable(Fault::ServerError).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn fault_rate_limited_with_retry_after() {
    every_provider_is_unreachable(Fault::RateLimited).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn fault_server_hangs() {
    every_provider_is_unreachable(Fault::Hang).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn fault_connection_reset() {
    every_provider_is_unreachable(Fault::Reset).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn fault_untrusted_tls() {
    every_provider_is_unreachable(Fault::UntrustedTls).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn fault_huge_body_is_cut_off() {
    let doc = every_provider_is_unreachable(Fault::HugeBody {
        bytes: Some(8 * 1024 * 1024),
    })
    .await;
    for result in doc["results"].as_array().into_iter().flatten() {
        let message = result["message"].as_str().unwrap_or_default();
        assert!(
            message.contains("too large"),
            "{}: {message}",
            result["provider"]
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn fault_endless_slow_body() {
    every_provider_is_unreachable(Fault::SlowBody).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn fault_redirect_to_another_host() {
    every_provider_is_unreachable(Fault::Redirect).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn fault_captive_portal_html() {
    every_provider_is_unreachable(Fault::Html).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn fault_invalid_json() {
    every_provider_is_unreachable(Fault::InvalidJson).await;
}
