//! `integrate pull`: which services a DocSpace has set and which are locked, values masked.

use crate::fakes::docspace::{DocSpace, TOKEN};
use crate::support::{Output, Sandbox, assert_no_leak};

const SECRET: &str = "GOCSPX-q7Wm2Zr9Xt4Vb8Ny3Lk6Hj1Pd5";

async fn pull(url: &str, token: &str, format: &str) -> Output {
    let sandbox = Sandbox::new();
    let mut cmd = sandbox.command(&["pull", url, "--format", format]);
    cmd.env("INTEGRATE_DOCSPACE_TOKEN", token);
    crate::support::run_async(cmd).await
}

#[tokio::test]
async fn pull_lists_set_and_locked_services_as_json() {
    let portal = DocSpace::start().await;
    portal.set(
        "google",
        "googleClientId",
        "482913705612-pulled.apps.googleusercontent.com",
    );
    portal.set("google", "googleClientSecret", SECRET);
    let out = pull(&portal.url, TOKEN, "json").await;
    assert_eq!(out.code, 0, "{}", out.all());
    let doc = out.json();
    let find = |name: &str| {
        doc["consumers"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["name"] == name)
            .cloned()
            .unwrap()
    };
    let google = find("google");
    assert_eq!(google["provider"], "google");
    assert_eq!(google["set"], true);
    assert_eq!(google["locked"], false);
    assert_eq!(google["props"][1]["set"], true);
    assert_eq!(google["props"][1]["value"], "****1Pd5");
    let dropbox = find("dropbox");
    assert_eq!(dropbox["locked"], true);
    assert_eq!(dropbox["canSet"], false);
    assert_eq!(dropbox["props"], serde_json::Value::Null);
    assert_eq!(find("twilio")["set"], false);
    assert_eq!(find("s3")["paid"], true);
    assert_no_leak(
        &out,
        &[SECRET.into(), TOKEN.into(), "482913705612-pulled".into()],
    );
}

#[tokio::test]
async fn pull_text_names_each_state() {
    let portal = DocSpace::start().await;
    portal.set("google", "googleClientSecret", SECRET);
    let out = pull(&portal.url, TOKEN, "text").await;
    assert_eq!(out.code, 0, "{}", out.all());
    assert!(
        out.stdout
            .contains("locked (keys in autofac.consumers.json)"),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout.contains("set (googleClientSecret)"),
        "{}",
        out.stdout
    );
    assert!(out.stdout.contains("not set"), "{}", out.stdout);
    assert_no_leak(&out, &[SECRET.into(), TOKEN.into()]);
}

#[tokio::test]
async fn pull_wrong_token_exits_2() {
    let portal = DocSpace::start().await;
    let out = pull(&portal.url, "wrong-token-abcdef", "json").await;
    assert_eq!(out.code, 2, "{}", out.all());
    assert!(out.stderr.contains("HTTP 401"), "{}", out.stderr);
}
