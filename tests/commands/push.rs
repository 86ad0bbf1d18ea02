//! `integrate push`: one POST per provider against a fake DocSpace that keeps state and
//! applies the portal's rules (locked, paid, "Bad keys"); the token never comes from argv.

use super::{GOOGLE_ID, GOOGLE_SECRET, TWILIO_SID, TWILIO_TOKEN, configure, secrets};
use crate::fakes::docspace::{DocSpace, GOOD_BOT_TOKEN, TOKEN};
use crate::support::{Output, Sandbox, assert_no_leak, closed_port};

async fn push(sandbox: &Sandbox, url: &str, token: Option<&str>, extra: &[&str]) -> Output {
    let mut args = vec!["push", url, "--format", "json"];
    args.extend_from_slice(extra);
    let mut cmd = sandbox.command(&args);
    if let Some(token) = token {
        cmd.env("INTEGRATE_DOCSPACE_TOKEN", token);
    }
    crate::support::run_async(cmd).await
}

fn status_of(out: &Output, provider: &str) -> String {
    out.json()["results"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["provider"] == provider)
        .unwrap_or_else(|| panic!("no {provider} in {}", out.stdout))["status"]
        .as_str()
        .unwrap()
        .to_string()
}

fn all_secrets() -> Vec<String> {
    let mut s = secrets();
    s.push(TOKEN.into());
    s.push(GOOD_BOT_TOKEN.into());
    s
}

#[tokio::test]
async fn push_sends_each_provider_and_explains_each_refusal() {
    let portal = DocSpace::start().await;
    let sandbox = Sandbox::new();
    configure(&sandbox); // its Telegram token is not the one the fake validates
    sandbox.set_provider(
        "dropbox",
        &[
            ("app_key", "ri19r0wyojfljoo".into()),
            ("app_secret", "a5lqsaj08xui6d3zz".into()),
        ],
    );
    let out = push(&sandbox, &portal.url, Some(TOKEN), &[]).await;
    assert_eq!(out.code, 1, "{}", out.all());
    assert_eq!(status_of(&out, "google"), "pushed");
    assert_eq!(status_of(&out, "twilio"), "pushed");
    assert_eq!(status_of(&out, "dropbox"), "locked");
    assert_eq!(status_of(&out, "s3"), "paid");
    assert_eq!(status_of(&out, "telegram"), "bad_keys");
    assert_eq!(status_of(&out, "gcs"), "missing");
    assert!(out.stdout.contains("cleared them"), "{}", out.stdout);
    assert!(
        out.all().contains("docusign is not pushed"),
        "{}",
        out.all()
    );
    // The portal holds what was sent, and cleared what it refused.
    assert_eq!(portal.value("google", "googleClientId"), GOOGLE_ID);
    assert_eq!(portal.value("google", "googleClientSecret"), GOOGLE_SECRET);
    assert_eq!(portal.value("twilio", "twilioAccountSid"), TWILIO_SID);
    assert_eq!(portal.value("twilio", "twilioAuthToken"), TWILIO_TOKEN);
    assert_eq!(portal.value("telegram", "telegramBotToken"), "");
    assert_eq!(
        portal.value("dropbox", "dropboxClientId"),
        "lockedclientid01"
    );
    // twilioKeySid is not a key this portal declares: warned, not sent.
    assert!(
        out.stderr.contains("no `twilioKeySid` key"),
        "{}",
        out.stderr
    );
    let mut leaks = all_secrets();
    leaks.push("a5lqsaj08xui6d3zz".into());
    assert_no_leak(&out, &leaks);
}

#[tokio::test]
async fn push_all_accepted_exits_zero() {
    let portal = DocSpace::start().await;
    let sandbox = Sandbox::new();
    sandbox.set_provider(
        "telegram",
        &[
            ("bot_token", GOOD_BOT_TOKEN.into()),
            ("bot_name", "PortalNotifyBot".into()),
        ],
    );
    sandbox.set_provider(
        "google",
        &[
            ("client_id", GOOGLE_ID.into()),
            ("client_secret", GOOGLE_SECRET.into()),
        ],
    );
    let out = push(&sandbox, &portal.url, Some(TOKEN), &[]).await;
    assert_eq!(out.code, 0, "{}", out.all());
    assert_eq!(portal.value("telegram", "telegramBotToken"), GOOD_BOT_TOKEN);
    assert_eq!(
        portal.value("telegram", "telegramBotName"),
        "PortalNotifyBot"
    );
    // Again: the portal reports nothing changed.
    let again = push(&sandbox, &portal.url, Some(TOKEN), &["--only", "telegram"]).await;
    assert_eq!(again.code, 0, "{}", again.all());
    assert_eq!(status_of(&again, "telegram"), "unchanged");
    assert_no_leak(&out, &all_secrets());
}

#[tokio::test]
async fn push_wrong_token_is_refused_with_exit_2() {
    let portal = DocSpace::start().await;
    let sandbox = Sandbox::new();
    configure(&sandbox);
    let out = push(&sandbox, &portal.url, Some("not-the-admin-token-123"), &[]).await;
    assert_eq!(out.code, 2, "{}", out.all());
    assert!(out.stderr.contains("HTTP 401"), "{}", out.stderr);
    assert_eq!(portal.value("google", "googleClientId"), "");
    assert_no_leak(&out, &["not-the-admin-token-123".to_string()]);
}

#[tokio::test]
async fn push_token_never_comes_from_argv() {
    let sandbox = Sandbox::new();
    configure(&sandbox);
    let out = push(&sandbox, "https://docspace.example.com", None, &[]).await;
    assert_eq!(out.code, 2, "{}", out.all());
    assert!(
        out.stderr.contains("INTEGRATE_DOCSPACE_TOKEN"),
        "{}",
        out.stderr
    );
    let out = push(
        &sandbox,
        "https://docspace.example.com",
        None,
        &["--token", TOKEN],
    )
    .await;
    assert_eq!(out.code, 2, "{}", out.all());
}

#[tokio::test]
async fn push_token_from_stdin() {
    let portal = DocSpace::start().await;
    let sandbox = Sandbox::new();
    sandbox.set_provider(
        "google",
        &[
            ("client_id", GOOGLE_ID.into()),
            ("client_secret", GOOGLE_SECRET.into()),
        ],
    );
    let token_file = sandbox.dir.path().join("token");
    std::fs::write(&token_file, format!("{TOKEN}\n")).unwrap();
    let mut cmd = sandbox.command(&["push", &portal.url, "--token-stdin"]);
    cmd.stdin(std::fs::File::open(&token_file).unwrap());
    let out = tokio::process::Command::from(cmd).output().await.unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(portal.value("google", "googleClientSecret"), GOOGLE_SECRET);
}

#[tokio::test]
async fn push_unreachable_portal_exits_3() {
    let sandbox = Sandbox::new();
    configure(&sandbox);
    let url = format!("http://127.0.0.1:{}", closed_port());
    let out = push(&sandbox, &url, Some(TOKEN), &[]).await;
    assert_eq!(out.code, 3, "{}", out.all());
    assert_no_leak(&out, &all_secrets());
}

#[tokio::test]
async fn push_plain_http_needs_a_loopback_host() {
    let sandbox = Sandbox::new();
    configure(&sandbox);
    let out = push(&sandbox, "http://docspace.example.com", Some(TOKEN), &[]).await;
    assert_eq!(out.code, 2, "{}", out.all());
    assert!(out.stderr.contains("loopback"), "{}", out.stderr);
}
