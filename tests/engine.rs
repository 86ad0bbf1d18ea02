//! The check engine, through the binary: the retry rule, what never counts as `rejected`,
//! proxies, concurrency, and every output format.

use std::time::{Duration, Instant};

use wiremock::matchers::{any, method};
use wiremock::{Mock, MockServer, ResponseTemplate};

use crate::fakes::telegram::{TOKEN, USERNAME};
use crate::support::{Sandbox, assert_no_leak};

fn get_me_ok() -> ResponseTemplate {
    ResponseTemplate::new(200).set_body_json(serde_json::json!({
        "ok": true,
        "result": {"id": 7712345678_i64, "is_bot": true, "first_name": "Portal", "username": USERNAME}
    }))
}

/// The `getMe` requests among `requests`: the Telegram check also reads `getWebhookInfo` at the
/// same time, and the retry rule is counted per request.
fn get_me_count(requests: &[wiremock::Request]) -> usize {
    requests
        .iter()
        .filter(|r| r.url.path().ends_with("/getMe"))
        .count()
}

fn telegram_at(endpoint: &str) -> Sandbox {
    let sandbox = Sandbox::new();
    sandbox.set_provider(
        "telegram",
        &[
            ("bot_token", TOKEN.into()),
            ("bot_name", USERNAME.into()),
            ("endpoint", endpoint.into()),
        ],
    );
    sandbox
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn engine_retries_a_503_once() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(wiremock::matchers::path_regex("/getMe$"))
        .respond_with(ResponseTemplate::new(503))
        .up_to_n_times(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .respond_with(get_me_ok())
        .mount(&server)
        .await;
    let out = telegram_at(&server.uri()).check_json("telegram", &[]).await;
    assert_eq!(out.status("telegram"), "ok", "{}", out.all());
    assert_eq!(get_me_count(&server.received_requests().await.unwrap()), 2);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn engine_retries_a_429_after_its_retry_after() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(429).insert_header("Retry-After", "1"))
        .up_to_n_times(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .respond_with(get_me_ok())
        .mount(&server)
        .await;
    let started = Instant::now();
    let out = telegram_at(&server.uri()).check_json("telegram", &[]).await;
    assert_eq!(out.status("telegram"), "ok", "{}", out.all());
    assert!(
        started.elapsed() >= Duration::from_secs(1),
        "Retry-After was not honoured"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn engine_never_retries_more_than_once_and_a_429_is_unreachable() {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(429).insert_header("Retry-After", "0"))
        .mount(&server)
        .await;
    let out = telegram_at(&server.uri()).check_json("telegram", &[]).await;
    assert_eq!(out.status("telegram"), "unreachable", "{}", out.all());
    assert_eq!(out.code, 3);
    assert_eq!(
        get_me_count(&server.received_requests().await.unwrap()),
        2,
        "one try and one retry, no more"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn engine_a_429_longer_than_the_timeout_is_not_waited_for() {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(429).insert_header("Retry-After", "120"))
        .mount(&server)
        .await;
    let started = Instant::now();
    let out = telegram_at(&server.uri())
        .check_json("telegram", &["--timeout", "2"])
        .await;
    assert_eq!(out.status("telegram"), "unreachable");
    assert!(started.elapsed() < Duration::from_secs(2));
    assert_eq!(get_me_count(&server.received_requests().await.unwrap()), 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn engine_an_unparsable_body_is_unreachable_not_rejected() {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(200).set_body_string("<html>captive portal</html>"))
        .mount(&server)
        .await;
    let out = telegram_at(&server.uri()).check_json("telegram", &[]).await;
    assert_eq!(out.status("telegram"), "unreachable", "{}", out.all());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn engine_honours_http_proxy() {
    // The proxy answers as Telegram would; the endpoint itself does not exist.
    let proxy = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(get_me_ok())
        .mount(&proxy)
        .await;
    let sandbox = telegram_at("http://localhost:9");
    let mut cmd = sandbox.command(&["check", "telegram", "--format", "json"]);
    cmd.env("HTTP_PROXY", proxy.uri())
        .env("http_proxy", proxy.uri());
    let out = tokio::task::spawn_blocking(move || cmd.output().unwrap())
        .await
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("\"status\": \"ok\""), "{stdout}");
    let seen = proxy.received_requests().await.unwrap();
    assert_eq!(get_me_count(&seen), 1);
    assert!(
        seen.iter().all(|r| r.url.path().contains("/bot")),
        "{seen:?}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn engine_junit_and_github_formats() {
    let fake = crate::fakes::telegram::start().await;
    let sandbox = Sandbox::new();
    sandbox.set_provider("telegram", &fake.rejected_config());
    let junit = sandbox.run_async(&["check", "--format", "junit"]).await;
    assert_eq!(junit.code, 1);
    assert!(junit.stdout.starts_with("<?xml"), "{}", junit.stdout);
    assert!(
        junit
            .stdout
            .contains("<testcase classname=\"integrate.telegram\" name=\"telegram\""),
        "{}",
        junit.stdout
    );
    assert!(
        junit.stdout.contains("<failure message=") && junit.stdout.contains("type=\"rejected\""),
        "{}",
        junit.stdout
    );
    assert!(
        junit.stdout.contains("tests=\"1\"") && junit.stdout.contains("failures=\"1\""),
        "{}",
        junit.stdout
    );
    let github = sandbox.run_async(&["check", "--format", "github"]).await;
    assert_eq!(github.code, 1);
    assert!(
        github
            .stdout
            .starts_with("::error title=integrate check telegram::rejected"),
        "{}",
        github.stdout
    );
    assert_no_leak(&junit, &fake.secrets);
    assert_no_leak(&github, &fake.secrets);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn engine_text_output_when_not_a_terminal_is_plain_lines_and_a_summary() {
    let fake = crate::fakes::telegram::start().await;
    let sandbox = Sandbox::new();
    sandbox.set_provider("telegram", &fake.valid_config());
    let out = sandbox.run_async(&["check"]).await;
    assert_eq!(out.code, 0, "{}", out.all());
    assert!(
        !out.stdout.contains('\u{1b}'),
        "no colour codes when not a terminal: {:?}",
        out.stdout
    );
    assert!(
        out.stdout.contains("telegram") && out.stdout.contains(" ok "),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout.trim_end().ends_with("1 provider checked: 1 ok"),
        "{}",
        out.stdout
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn engine_json_counts_every_status() {
    let fake = crate::fakes::telegram::start().await;
    let sandbox = Sandbox::new();
    sandbox.set_provider("telegram", &fake.valid_config());
    let doc = sandbox.check_json("telegram", &[]).await.json();
    assert_eq!(doc["version"], 1);
    for status in [
        "ok",
        "warning",
        "rejected",
        "misconfigured",
        "unreachable",
        "skipped",
    ] {
        assert!(
            doc["counts"][status].is_u64(),
            "counts.{status} missing: {doc}"
        );
    }
    let result = &doc["results"][0];
    for key in [
        "provider",
        "status",
        "message",
        "facts",
        "advice",
        "elapsed_ms",
    ] {
        assert!(result.get(key).is_some(), "{key} missing: {result}");
    }
}
