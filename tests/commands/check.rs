//! `integrate check` as a CI job runs it (no terminal): it fails closed when there is nothing
//! to check, names the closest valid spelling of a mistyped variable or table, turns one
//! provider's bad settings into that provider's result while the others are checked, and
//! leaves a document in every format (JSON per the schema, JUnit, GitHub annotations and the
//! step summary).

use crate::fakes::telegram::{self, TOKEN, USERNAME};
use crate::support::{Output, Sandbox, assert_no_leak};

/// A sandbox whose telegram is valid against `fake`, plus two providers whose settings cannot
/// be used: twilio's token refers to an unset variable, s3's endpoint has a query string.
fn one_good_two_broken(endpoint: &str) -> Sandbox {
    let sandbox = Sandbox::new();
    sandbox.write_config(&format!(
        "[providers.telegram]\nbot_token = \"{TOKEN}\"\nbot_name = \"{USERNAME}\"\nendpoint = \"{endpoint}\"\n\n\
         [providers.twilio]\naccount_sid = \"AC0123456789abcdef0123456789abcdef\"\nauth_token = {{ env = \"UNSET_TWILIO_TOKEN_VAR\" }}\nphone_number = \"+15005550006\"\n\n\
         [providers.s3]\naccess_key_id = \"AKIAIOSFODNN7EXAMPLE\"\nsecret_access_key = \"wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\"\nendpoint = \"https://s3.example.internal/?token=x\"\n"
    ));
    sandbox
}

async fn check(sandbox: &Sandbox, args: &[&str], env: &[(&str, &str)]) -> Output {
    let mut cmd = sandbox.command(args);
    for (key, value) in env {
        cmd.env(key, value);
    }
    sandbox.run_async_with(cmd).await
}

#[test]
fn check_with_nothing_configured_fails_closed() {
    let sandbox = Sandbox::new();
    for format in ["text", "json", "junit", "github"] {
        let out = sandbox.run(&["check", "--format", format]);
        assert_eq!(out.code, 2, "{format}: {}", out.all());
        assert!(out.stdout.is_empty(), "{format}: {}", out.stdout);
        assert!(
            out.stderr.contains("nothing to check")
                && out.stderr.contains("integrate add <id>")
                && out.stderr.contains("INTEGRATE_TELEGRAM_BOT_TOKEN"),
            "{}",
            out.stderr
        );
    }
}

#[test]
fn check_with_every_provider_disabled_fails_closed_naming_them() {
    let sandbox = Sandbox::new();
    sandbox.write_config(&format!(
        "[providers.telegram]\nenabled = false\nbot_token = \"{TOKEN}\"\nbot_name = \"{USERNAME}\"\n"
    ));
    let out = sandbox.run(&["check", "--format", "json"]);
    assert_eq!(out.code, 2, "{}", out.all());
    assert!(
        out.stderr.contains("disabled (telegram)") && out.stderr.contains("integrate enable"),
        "{}",
        out.stderr
    );
}

#[test]
fn check_with_a_named_config_file_that_does_not_exist_fails() {
    let sandbox = Sandbox::new();
    let missing = sandbox.dir.path().join("nonexistent.toml");
    let missing = missing.to_str().unwrap();
    let out = sandbox.run(&["--config", missing, "check", "--format", "json"]);
    assert_eq!(out.code, 2, "{}", out.all());
    assert!(out.stdout.is_empty(), "{}", out.stdout);
    assert!(
        out.stderr.contains(missing) && out.stderr.contains("--config"),
        "{}",
        out.stderr
    );
    for args in [&["config", "show"][..], &["doctor"], &["providers"]] {
        let mut all = vec!["--config", missing];
        all.extend_from_slice(args);
        assert_eq!(sandbox.run(&all).code, 2, "{args:?}");
    }
    let mut cmd = sandbox.command(&["check"]);
    cmd.env("INTEGRATE_CONFIG", missing);
    let out = sandbox.run_with(cmd);
    assert_eq!(out.code, 2, "{}", out.all());
    assert!(out.stderr.contains("INTEGRATE_CONFIG"), "{}", out.stderr);
    // `add` creates the file it is told to use.
    let out = sandbox.run(&[
        "--config",
        missing,
        "add",
        "zotero",
        "--set",
        "api_key=P9NiFoyLeZu2bZNvvuQPDWsd",
        "--no-check",
    ]);
    assert_eq!(out.code, 0, "{}", out.all());
    assert!(std::path::Path::new(missing).exists());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn check_names_the_closest_variable_for_a_mistyped_one() {
    let fake = telegram::start().await;
    let sandbox = Sandbox::new();
    let env = [
        ("INTEGRATE_TELEGRAM_BOTTOKEN", TOKEN),
        ("INTEGRATE_TELEGRAM_BOT_NAME", USERNAME),
        ("INTEGRATE_TELEGRAM_ENDPOINT", fake.endpoint.as_str()),
    ];
    let out = check(&sandbox, &["check", "--format", "json"], &env).await;
    assert_eq!(out.code, 1, "{}", out.all());
    assert_eq!(out.status("telegram"), "misconfigured");
    assert_eq!(out.result("telegram")["reason"], "missing_field");
    let message = out.text("telegram", "message");
    assert!(
        message.contains("bot_token")
            && message.contains("INTEGRATE_TELEGRAM_BOTTOKEN")
            && message.contains("did you mean INTEGRATE_TELEGRAM_BOT_TOKEN"),
        "{message}"
    );
    assert!(
        out.stderr
            .contains("INTEGRATE_TELEGRAM_BOTTOKEN names no provider field; did you mean INTEGRATE_TELEGRAM_BOT_TOKEN?"),
        "{}",
        out.stderr
    );
    assert_no_leak(&out, &[TOKEN.to_string()]);
    // A variable for a provider that does not exist is reported with the closest name too.
    let out = check(
        &sandbox,
        &["config", "show"],
        &[("INTEGRATE_TELEGRAMM_BOT_NAME", USERNAME)],
    )
    .await;
    assert!(
        out.stderr
            .contains("did you mean INTEGRATE_TELEGRAM_BOT_NAME?"),
        "{}",
        out.stderr
    );
}

#[test]
fn config_unknown_tables_and_fields_are_reported_with_line_and_closest_name() {
    let sandbox = Sandbox::new();
    sandbox.write_config(&format!(
        "[portl]\nurl = \"https://portal.example.com\"\n\n[providers.telegram]\nbot_tokn = \"{TOKEN}\"\nbot_name = \"{USERNAME}\"\n\n[providers.telegramm]\nbot_name = \"x\"\n\n[providers.aws]\naccess_key_id = \"AKIAIOSFODNN7EXAMPLE\"\n"
    ));
    let path = sandbox.config.display().to_string();
    let out = sandbox.run(&["config", "show"]);
    for expected in [
        format!("{path}:1: [portl] is not a table integrate knows; did you mean [portal]?"),
        format!(
            "{path}:5: `bot_tokn` is not a field of [providers.telegram]; did you mean `bot_token`?"
        ),
        format!(
            "{path}:8: [providers.telegramm] is not a provider integrate knows; did you mean [providers.telegram]?"
        ),
        format!("{path}:11: [providers.aws] uses an alias"),
    ] {
        assert!(out.stderr.contains(&expected), "{expected}\n{}", out.stderr);
    }
    assert_no_leak(&out, &[TOKEN.to_string()]);
    // The provider the typo was meant for is misconfigured, naming the typo.
    let out = sandbox.run(&["check", "telegram", "--format", "json"]);
    assert_eq!(out.status("telegram"), "misconfigured");
    assert!(
        out.text("telegram", "message")
            .contains("did you mean `bot_token`"),
        "{}",
        out.stdout
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn check_one_providers_bad_settings_do_not_stop_the_others() {
    let fake = telegram::start().await;
    let sandbox = one_good_two_broken(&fake.endpoint);
    let out = check(&sandbox, &["check", "--format", "json"], &[]).await;
    assert_eq!(out.code, 1, "{}", out.all());
    assert_eq!(out.status("telegram"), "ok");
    assert_eq!(out.result("telegram")["reason"], "verified");
    assert_eq!(out.status("twilio"), "misconfigured");
    assert_eq!(out.result("twilio")["reason"], "config");
    assert!(
        out.text("twilio", "message")
            .contains("UNSET_TWILIO_TOKEN_VAR"),
        "{}",
        out.stdout
    );
    assert_eq!(out.status("s3"), "misconfigured");
    assert_eq!(out.result("s3")["reason"], "config");
    let doc = out.json();
    assert_eq!(doc["counts"]["ok"], 1);
    assert_eq!(doc["counts"]["misconfigured"], 2);
    // Every CI format still gets its whole document.
    let junit = check(&sandbox, &["check", "--format", "junit"], &[]).await;
    assert_eq!(junit.code, 1);
    assert_eq!(
        junit.stdout.matches("<testcase ").count(),
        3,
        "{}",
        junit.stdout
    );
    assert_eq!(
        junit.stdout.matches("<failure ").count(),
        2,
        "{}",
        junit.stdout
    );
    let github = check(&sandbox, &["check", "--format", "github"], &[]).await;
    assert_eq!(github.code, 1);
    assert_eq!(
        github.stdout.matches("::error ").count(),
        2,
        "{}",
        github.stdout
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn check_json_document_carries_version_tool_time_and_reasons() {
    let fake = telegram::start().await;
    let sandbox = one_good_two_broken(&fake.endpoint);
    let out = check(&sandbox, &["check", "--format", "json"], &[]).await;
    // `json()` validates against schema/integrate.schema.json; these are the contract's keys.
    let doc = out.json();
    assert_eq!(doc["version"], 1);
    assert_eq!(doc["tool"]["name"], "integrate");
    assert_eq!(doc["tool"]["version"], env!("CARGO_PKG_VERSION"));
    let at = doc["generated_at"].as_str().unwrap();
    assert!(
        time::OffsetDateTime::parse(at, &time::format_description::well_known::Rfc3339).is_ok()
            && at.ends_with('Z'),
        "{at}"
    );
    let results = doc["results"].as_array().unwrap();
    assert!(results.iter().all(|r| r["reason"].is_string()), "{doc:#}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn check_github_format_annotates_problems_only_and_writes_the_step_summary() {
    let fake = telegram::start().await;
    let sandbox = one_good_two_broken(&fake.endpoint);
    let summary = sandbox.dir.path().join("step_summary.md");
    std::fs::write(&summary, "## earlier step\n").unwrap();
    let summary_path = summary.to_str().unwrap();
    let out = check(
        &sandbox,
        &["check", "--format", "github"],
        &[("GITHUB_STEP_SUMMARY", summary_path)],
    )
    .await;
    assert_eq!(out.code, 1, "{}", out.all());
    let lines: Vec<&str> = out.stdout.lines().collect();
    assert!(
        lines
            .iter()
            .all(|l| !l.contains("integrate check telegram")),
        "an ok provider got an annotation:\n{}",
        out.stdout
    );
    assert!(!out.stdout.contains("::notice"), "{}", out.stdout);
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with("::error title=integrate check twilio::misconfigured (config)")),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout
            .contains("integrate check: ok=1 warning=0 rejected=0 misconfigured=2"),
        "{}",
        out.stdout
    );
    let table = std::fs::read_to_string(&summary).unwrap();
    assert!(table.starts_with("## earlier step\n"), "{table}");
    assert!(
        table.contains("| provider | status | reason | message |")
            && table.contains("| telegram | ok | `verified` |")
            && table.contains("| twilio | misconfigured | `config` |"),
        "{table}"
    );
    // Without the variable nothing is written anywhere.
    let out = check(&sandbox, &["check", "--format", "github"], &[]).await;
    assert_eq!(out.code, 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn check_junit_has_timestamp_hostname_and_time_per_case() {
    let fake = telegram::start().await;
    let sandbox = one_good_two_broken(&fake.endpoint);
    let out = check(&sandbox, &["check", "--format", "junit"], &[]).await;
    let xml = &out.stdout;
    let suite = xml
        .lines()
        .find(|l| l.trim_start().starts_with("<testsuite "))
        .unwrap_or_else(|| panic!("{xml}"));
    let host = gethostname::gethostname().to_string_lossy().into_owned();
    assert!(suite.contains(&format!("hostname=\"{host}\"")), "{suite}");
    let stamp = suite
        .split("timestamp=\"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .unwrap_or_else(|| panic!("no timestamp: {suite}"));
    assert!(
        time::OffsetDateTime::parse(stamp, &time::format_description::well_known::Rfc3339).is_ok(),
        "{stamp}"
    );
    let cases: Vec<&str> = xml
        .lines()
        .filter(|l| l.trim_start().starts_with("<testcase "))
        .collect();
    assert_eq!(cases.len(), 3, "{xml}");
    assert!(cases.iter().all(|c| c.contains(" time=\"")), "{xml}");
    assert!(xml.contains("type=\"misconfigured\""), "{xml}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn check_quiet_prints_only_problems_and_the_verdict() {
    let fake = telegram::start().await;
    let sandbox = one_good_two_broken(&fake.endpoint);
    let out = check(&sandbox, &["-q", "check"], &[]).await;
    assert_eq!(out.code, 1, "{}", out.all());
    let lines: Vec<&str> = out.stdout.lines().collect();
    assert!(!out.stdout.contains("telegram"), "{}", out.stdout);
    assert!(lines[0].starts_with("✗ s3 "), "{}", out.stdout);
    assert!(out.stdout.contains("\n✗ twilio "), "{}", out.stdout);
    assert_eq!(
        lines.last().copied(),
        Some("3 providers checked: 1 ok, 2 misconfigured"),
        "{}",
        out.stdout
    );
    // Without -q the ok provider is listed too.
    let out = check(&sandbox, &["check"], &[]).await;
    assert!(out.stdout.contains("✓ telegram "), "{}", out.stdout);
}
