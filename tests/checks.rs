//! Every provider against the standard scenarios (trufflehog's five cases, for all):
//! valid keys pass, a wrong secret is rejected, nothing leaks at -vvv in any output format.
//! A 500, a hang past the timeout, a refused connection and the other ways a server fails are
//! in the fault matrix (`tests/faults.rs`), all providers of a scenario in one run.

use integrate::catalog;
use integrate::check::Status;

use crate::fakes;
use crate::support::{Sandbox, assert_no_leak};

/// What a wrong secret ends as: `rejected`, unless the provider's file says why it cannot be
/// (`[quirks] wrong_secret`, e.g. an API that answers alike for a wrong key and other causes).
fn wrong_secret_status(id: &str) -> Status {
    let provider = catalog::find(id).expect("every fake has a catalog entry");
    provider
        .quirks
        .wrong_secret
        .as_ref()
        .map_or(Status::Rejected, |quirk| quirk.status)
}

/// The exit code of a run whose one check ended `status` (spec, "Exit codes").
fn exit_code(status: Status) -> i32 {
    match status {
        Status::Rejected | Status::Misconfigured => 1,
        Status::Unreachable => 3,
        Status::Ok | Status::Warning | Status::Skipped => 0,
    }
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
        // A provider that can never conclude `rejected` says so, and why, in its file
        // (EasyBib: a warning; DocuSign: unreachable); it is held to what it says.
        let expected = wrong_secret_status(id);
        let fake = start().await;
        let sandbox = Sandbox::new();
        sandbox.set_provider(id, &fake.rejected_config());
        let out = sandbox.check_json(id, &[]).await;
        assert_eq!(out.status(id), expected.as_str(), "{id}:\n{}", out.all());
        assert_eq!(out.code, exit_code(expected), "{id}");
        assert_no_leak(&out, &fake.secrets);
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn no_secret_leaks_at_any_verbosity_or_format() {
    for (id, start) in fakes::all() {
        let fake = start().await;
        let wrong_secret_code = exit_code(wrong_secret_status(id));
        for config in [fake.valid_config(), fake.rejected_config()] {
            let sandbox = Sandbox::new();
            sandbox.set_provider(id, &config);
            for format in ["text", "json", "junit", "github"] {
                let out = sandbox
                    .run_async(&["-vvv", "check", id, "--format", format])
                    .await;
                assert!(
                    out.code == 0 || out.code == wrong_secret_code,
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
