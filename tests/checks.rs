//! Every provider against the standard scenarios (trufflehog's five cases, for all):
//! valid keys pass, a wrong secret is rejected, and a 500, a hang past the timeout and a
//! refused connection are each `unreachable` within the timeout; nothing leaks at -vvv in any
//! output format.

use std::time::{Duration, Instant};

use wiremock::matchers::any;
use wiremock::{Mock, MockServer, ResponseTemplate};

use crate::fakes;
use crate::support::{Sandbox, assert_no_leak, closed_port};

/// Runs `check <id>` with the fake's valid fields but `endpoint` replaced.
async fn check_with_endpoint(
    id: &str,
    fake: &fakes::Fake,
    endpoint: &str,
    timeout: &str,
) -> crate::support::Output {
    let sandbox = Sandbox::new();
    let mut fields = fake.valid.clone();
    fields.push(("endpoint", endpoint.to_string()));
    sandbox.set_provider(id, &fields);
    sandbox.check_json(id, &["--timeout", timeout]).await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_provider_accepts_valid_keys() {
    for (id, start) in fakes::all() {
        let fake = start().await;
        let sandbox = Sandbox::new();
        sandbox.set_provider(id, &fake.valid_config());
        let out = sandbox.check_json(id, &[]).await;
        let status = out.status(id);
        assert!(
            status == "ok" || status == "warning",
            "{id}: expected ok or warning, got {status}:\n{}",
            out.all()
        );
        assert_eq!(out.code, 0, "{id}");
        assert_no_leak(&out, &fake.secrets);
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_provider_rejects_a_wrong_secret() {
    for (id, start) in fakes::all() {
        // Two providers can never end `rejected`, by design:
        // - EasyBib: the deprecated API also refuses valid keys (they are tied to an IP), so any
        //   refusal is a warning (fakes::easybib::easybib_wrong_key_is_a_warning_never_rejected);
        // - DocuSign: it answers `invalid_grant` for a wrong secret and for many unrelated causes
        //   alike, so its check never concludes `rejected` (verification.md §6); its rejected
        //   config ends `unreachable` (fakes::docusign::docusign_wrong_secret_is_unreachable_not_rejected).
        if id == "easybib" || id == "docusign" {
            continue;
        }
        let fake = start().await;
        let sandbox = Sandbox::new();
        sandbox.set_provider(id, &fake.rejected_config());
        let out = sandbox.check_json(id, &[]).await;
        assert_eq!(out.status(id), "rejected", "{id}:\n{}", out.all());
        assert_eq!(out.code, 1, "{id}");
        assert_no_leak(&out, &fake.secrets);
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_provider_is_unreachable_on_a_server_error() {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(500).set_body_string("internal error"))
        .mount(&server)
        .await;
    for (id, start) in fakes::all() {
        let fake = start().await;
        let out = check_with_endpoint(id, &fake, &server.uri(), "5").await;
        assert_eq!(out.status(id), "unreachable", "{id}:\n{}", out.all());
        assert_eq!(out.code, 3, "{id}");
        assert_no_leak(&out, &fake.secrets);
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_provider_is_unreachable_when_the_server_hangs() {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(200).set_delay(Duration::from_secs(30)))
        .mount(&server)
        .await;
    for (id, start) in fakes::all() {
        let fake = start().await;
        let started = Instant::now();
        let out = check_with_endpoint(id, &fake, &server.uri(), "1").await;
        assert_eq!(out.status(id), "unreachable", "{id}:\n{}", out.all());
        assert!(
            started.elapsed() < Duration::from_secs(5),
            "{id}: took {:?}",
            started.elapsed()
        );
        assert_eq!(out.code, 3, "{id}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_provider_is_unreachable_when_the_connection_is_refused() {
    let endpoint = format!("http://127.0.0.1:{}", closed_port());
    for (id, start) in fakes::all() {
        let fake = start().await;
        let started = Instant::now();
        let out = check_with_endpoint(id, &fake, &endpoint, "3").await;
        assert_eq!(out.status(id), "unreachable", "{id}:\n{}", out.all());
        assert!(
            started.elapsed() < Duration::from_secs(5),
            "{id}: took {:?}",
            started.elapsed()
        );
        assert_eq!(out.code, 3, "{id}");
        assert_no_leak(&out, &fake.secrets);
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn no_secret_leaks_at_any_verbosity_or_format() {
    for (id, start) in fakes::all() {
        let fake = start().await;
        for config in [fake.valid_config(), fake.rejected_config()] {
            let sandbox = Sandbox::new();
            sandbox.set_provider(id, &config);
            for format in ["text", "json", "junit", "github"] {
                let out = sandbox
                    .run_async(&["-vvv", "check", id, "--format", format])
                    .await;
                // DocuSign's rejected config ends `unreachable` (exit 3), see above.
                assert!(
                    out.code == 0 || out.code == 1 || (id == "docusign" && out.code == 3),
                    "{id} {format}: exit {}:\n{}",
                    out.code,
                    out.all()
                );
                assert_no_leak(&out, &fake.secrets);
            }
            let out = sandbox.run_async(&["config", "show"]).await;
            assert_no_leak(&out, &fake.secrets);
            let out = sandbox
                .run_async(&["config", "show", "--format", "json"])
                .await;
            assert_no_leak(&out, &fake.secrets);
        }
    }
}
