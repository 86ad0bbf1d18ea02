//! Selectel legacy storage auth fake: `GET /auth/v1.0` with `X-Auth-User` and `X-Auth-Key`;
//! 204 with X-Auth-Token, X-Storage-Url and X-Expire-Auth-Token. Which of 401/403 Selectel
//! sends is unconfirmed: the fake answers 401 for an unknown user and 403 for a wrong key.

use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

use super::Fake;
use crate::support::{Sandbox, assert_no_leak};

pub const ACCOUNT: &str = "209713";
pub const USER: &str = "209713_backup";
pub const PASSWORD: &str = "Tz8vQ4mXk2Nw7Rb5";
pub const WRONG_PASSWORD: &str = "Pc3jW9sLf6Yh1Dx4";

#[derive(Clone, Copy, Default)]
pub struct Options {
    /// The storage URL names another account than the user's.
    pub other_account: Option<&'static str>,
}

fn header<'a>(req: &'a Request, name: &str) -> Option<&'a str> {
    req.headers.get(name).and_then(|v| v.to_str().ok())
}

fn respond(req: &Request, options: Options) -> ResponseTemplate {
    let (Some(user), Some(key)) = (header(req, "x-auth-user"), header(req, "x-auth-key")) else {
        return ResponseTemplate::new(401).set_body_string("Unauthorized");
    };
    if user != USER && user != ACCOUNT {
        return ResponseTemplate::new(401).set_body_string("Unauthorized");
    }
    if key != PASSWORD {
        return ResponseTemplate::new(403).set_body_string("Forbidden");
    }
    let account = options.other_account.unwrap_or(ACCOUNT);
    ResponseTemplate::new(204)
        .insert_header("X-Auth-Token", "e7f2a9c4d1b8063f5a2e9c7d4b1f8a60")
        .insert_header("X-Storage-Token", "e7f2a9c4d1b8063f5a2e9c7d4b1f8a60")
        .insert_header("X-Storage-Url", format!("https://api.selcdn.ru/v1/SEL_{account}/").as_str())
        .insert_header("X-Expire-Auth-Token", "86400")
}

pub async fn start() -> Fake {
    start_with(Options::default()).await
}

pub async fn start_with(options: Options) -> Fake {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/auth/v1.0"))
        .respond_with(move |req: &Request| respond(req, options))
        .mount(&server)
        .await;
    Fake {
        endpoint: server.uri(),
        valid: vec![("auth_user", USER.into()), ("password", PASSWORD.into())],
        rejected: vec![("auth_user", USER.into()), ("password", WRONG_PASSWORD.into())],
        secrets: vec![PASSWORD.into(), WRONG_PASSWORD.into()],
        guard: Box::new(server),
    }
}

async fn run(fake: &Fake, config: &[(&'static str, String)]) -> crate::support::Output {
    let sandbox = Sandbox::new();
    sandbox.set_provider("selectel", config);
    let out = sandbox.check_json("selectel", &[]).await;
    assert_no_leak(&out, &fake.secrets);
    out
}

#[tokio::test]
async fn selectel_valid_user_is_a_legacy_warning() {
    let fake = start().await;
    let out = run(&fake, &fake.valid_config()).await;
    assert_eq!(out.status("selectel"), "warning", "{}", out.all());
    assert_eq!(out.code, 0);
    let result = out.result("selectel");
    assert!(result["message"].as_str().unwrap().contains("legacy Selectel storage auth"));
    assert!(result["advice"].as_str().unwrap().contains("12 h"));
    assert_eq!(result["facts"]["storage_host"], "api.selcdn.ru");
    assert_eq!(result["facts"]["storage_account"], ACCOUNT);
    assert_eq!(result["facts"]["token_lifetime_s"], 86400);
}

#[tokio::test]
async fn selectel_main_user_is_a_legacy_warning() {
    let fake = start().await;
    let out = run(&fake, &[("auth_user", ACCOUNT.into()), ("password", PASSWORD.into()), ("endpoint", fake.endpoint.clone())]).await;
    assert_eq!(out.status("selectel"), "warning", "{}", out.all());
}

#[tokio::test]
async fn selectel_wrong_password_is_rejected() {
    let fake = start().await;
    let out = run(&fake, &fake.rejected_config()).await;
    assert_eq!(out.status("selectel"), "rejected", "{}", out.all());
    assert!(out.result("selectel")["message"].as_str().unwrap().contains("403"));
    assert_eq!(out.code, 1);
}

#[tokio::test]
async fn selectel_unknown_user_is_rejected() {
    let fake = start().await;
    let out = run(&fake, &[("auth_user", "209713_nobody".into()), ("password", PASSWORD.into()), ("endpoint", fake.endpoint.clone())]).await;
    assert_eq!(out.status("selectel"), "rejected", "{}", out.all());
    assert!(out.result("selectel")["message"].as_str().unwrap().contains("401"));
}

#[tokio::test]
async fn selectel_storage_of_another_account_is_misconfigured() {
    let fake = start_with(Options { other_account: Some("318256") }).await;
    let out = run(&fake, &fake.valid_config()).await;
    assert_eq!(out.status("selectel"), "misconfigured", "{}", out.all());
    let message = out.result("selectel")["message"].as_str().unwrap().to_string();
    assert!(message.contains("318256") && message.contains(ACCOUNT), "{message}");
    assert_eq!(out.code, 1);
}
