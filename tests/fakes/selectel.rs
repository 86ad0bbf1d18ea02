//! Selectel legacy storage fake: the auth host's `GET /` (the portal's auth.selcdn.ru) with
//! `X-Auth-User` and `X-Auth-Key`; 204 with X-Auth-Token, X-Storage-Url and
//! X-Expire-Auth-Token. Which of 401/403 Selectel sends is unconfirmed: the fake answers 401
//! for an unknown user and 403 for a wrong key, each stamped with a Swift transaction id as
//! every Swift proxy answer is. Then Swift's `HEAD /v1/SEL_<account>/<container>` for the
//! token it issued: 204 for the public container, 404 for any other.

use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

use super::Fake;
use crate::support::{Sandbox, assert_no_leak};

pub const ACCOUNT: &str = "209713";
pub const USER: &str = "209713_backup";
pub const PASSWORD: &str = "Tz8vQ4mXk2Nw7Rb5";
pub const WRONG_PASSWORD: &str = "Pc3jW9sLf6Yh1Dx4";
pub const TOKEN: &str = "e7f2a9c4d1b8063f5a2e9c7d4b1f8a60";
pub const PUBLIC_CONTAINER: &str = "portal-public";
const TRANS_ID: &str = "tx4b1e0c7a9f2d4e8a6c3b5-0065f1a2b6";

#[derive(Clone, Copy, Default)]
pub struct Options {
    /// The storage URL names another account than the user's.
    pub other_account: Option<&'static str>,
}

fn header<'a>(req: &'a Request, name: &str) -> Option<&'a str> {
    req.headers.get(name).and_then(|v| v.to_str().ok())
}

fn respond(req: &Request, options: Options) -> ResponseTemplate {
    let refuse = |status: u16, text: &str| {
        ResponseTemplate::new(status)
            .insert_header("X-Trans-Id", TRANS_ID)
            .set_body_string(text)
    };
    let (Some(user), Some(key)) = (header(req, "x-auth-user"), header(req, "x-auth-key")) else {
        return refuse(401, "Unauthorized");
    };
    if user != USER && user != ACCOUNT {
        return refuse(401, "Unauthorized");
    }
    if key != PASSWORD {
        return refuse(403, "Forbidden");
    }
    let account = options.other_account.unwrap_or(ACCOUNT);
    ResponseTemplate::new(204)
        .insert_header("X-Auth-Token", TOKEN)
        .insert_header("X-Storage-Token", TOKEN)
        .insert_header(
            "X-Storage-Url",
            format!("https://api.selcdn.ru/v1/SEL_{account}/").as_str(),
        )
        .insert_header("X-Expire-Auth-Token", "86400")
}

/// Swift's container HEAD, for the token issued above.
fn container(req: &Request) -> ResponseTemplate {
    let stamped = |status: u16| ResponseTemplate::new(status).insert_header("X-Trans-Id", TRANS_ID);
    if header(req, "x-auth-token") != Some(TOKEN) {
        return stamped(401);
    }
    let account_ok = req.url.path().starts_with(&format!("/v1/SEL_{ACCOUNT}/"));
    match req.url.path().rsplit('/').next() {
        Some(PUBLIC_CONTAINER) if account_ok => stamped(204)
            .insert_header("X-Container-Meta-Type", "public")
            .insert_header("X-Container-Object-Count", "0")
            .insert_header("X-Container-Bytes-Used", "0"),
        _ => stamped(404),
    }
}

pub async fn start() -> Fake {
    start_with(Options::default()).await
}

pub async fn start_with(options: Options) -> Fake {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/"))
        .respond_with(move |req: &Request| respond(req, options))
        .mount(&server)
        .await;
    Mock::given(method("HEAD"))
        .and(wiremock::matchers::path_regex("^/v1/SEL_[0-9]+/[^/]+$"))
        .respond_with(container)
        .mount(&server)
        .await;
    Fake {
        endpoint: server.uri(),
        valid: vec![
            ("auth_user", USER.into()),
            ("password", PASSWORD.into()),
            ("public_container", PUBLIC_CONTAINER.into()),
        ],
        rejected: vec![
            ("auth_user", USER.into()),
            ("password", WRONG_PASSWORD.into()),
            ("public_container", PUBLIC_CONTAINER.into()),
        ],
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
    assert!(
        result["message"]
            .as_str()
            .unwrap()
            .contains("legacy Selectel storage auth")
    );
    assert!(result["advice"].as_str().unwrap().contains("12 h"));
    assert_eq!(result["facts"]["storage_host"], "api.selcdn.ru");
    assert_eq!(result["facts"]["storage_account"], ACCOUNT);
    assert_eq!(result["facts"]["token_lifetime_s"], 86400);
    assert_eq!(result["facts"]["public_container"], PUBLIC_CONTAINER);
    assert_eq!(result["facts"]["container_type"], "public");
    assert!(
        result["message"]
            .as_str()
            .unwrap()
            .contains("`portal-public` exists")
    );
}

#[tokio::test]
async fn selectel_main_user_is_a_legacy_warning() {
    let fake = start().await;
    let out = run(
        &fake,
        &[
            ("auth_user", ACCOUNT.into()),
            ("password", PASSWORD.into()),
            ("endpoint", fake.endpoint.clone()),
        ],
    )
    .await;
    assert_eq!(out.status("selectel"), "warning", "{}", out.all());
}

#[tokio::test]
async fn selectel_wrong_password_is_rejected() {
    let fake = start().await;
    let out = run(&fake, &fake.rejected_config()).await;
    assert_eq!(out.status("selectel"), "rejected", "{}", out.all());
    assert!(
        out.result("selectel")["message"]
            .as_str()
            .unwrap()
            .contains("403")
    );
    assert_eq!(out.code, 1);
}

#[tokio::test]
async fn selectel_unknown_user_is_rejected() {
    let fake = start().await;
    let out = run(
        &fake,
        &[
            ("auth_user", "209713_nobody".into()),
            ("password", PASSWORD.into()),
            ("endpoint", fake.endpoint.clone()),
        ],
    )
    .await;
    assert_eq!(out.status("selectel"), "rejected", "{}", out.all());
    assert!(
        out.result("selectel")["message"]
            .as_str()
            .unwrap()
            .contains("401")
    );
}

#[tokio::test]
async fn selectel_storage_of_another_account_is_misconfigured() {
    let fake = start_with(Options {
        other_account: Some("318256"),
    })
    .await;
    let out = run(&fake, &fake.valid_config()).await;
    assert_eq!(out.status("selectel"), "misconfigured", "{}", out.all());
    let message = out.result("selectel")["message"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(
        message.contains("318256") && message.contains(ACCOUNT),
        "{message}"
    );
    assert_eq!(out.code, 1);
}

#[tokio::test]
async fn selectel_missing_public_container_is_misconfigured() {
    let fake = start().await;
    let config = vec![
        ("auth_user", USER.into()),
        ("password", PASSWORD.into()),
        ("public_container", "portal-gone".into()),
        ("endpoint", fake.endpoint.clone()),
    ];
    let out = run(&fake, &config).await;
    assert_eq!(out.status("selectel"), "misconfigured", "{}", out.all());
    assert_eq!(out.result("selectel")["reason"], "setup");
    assert!(
        out.result("selectel")["message"]
            .as_str()
            .unwrap()
            .contains("`portal-gone` does not exist"),
        "{}",
        out.all()
    );
}

#[tokio::test]
async fn selectel_without_public_container_says_the_portal_needs_it() {
    let fake = start().await;
    let config = vec![
        ("auth_user", USER.into()),
        ("password", PASSWORD.into()),
        ("endpoint", fake.endpoint.clone()),
    ];
    let out = run(&fake, &config).await;
    assert_eq!(out.status("selectel"), "warning", "{}", out.all());
    assert!(
        out.result("selectel")["message"]
            .as_str()
            .unwrap()
            .contains("public_container is not set"),
        "{}",
        out.all()
    );
}

#[tokio::test]
async fn selectel_bare_403_without_swifts_stamp_is_no_verdict() {
    // A web filter's refusal: no Swift transaction id, so nothing about the password.
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/"))
        .respond_with(ResponseTemplate::new(403).set_body_string("Access to this site is blocked"))
        .mount(&server)
        .await;
    let fake = start().await;
    let config = vec![
        ("auth_user", USER.into()),
        ("password", PASSWORD.into()),
        ("endpoint", server.uri()),
    ];
    let out = run(&fake, &config).await;
    assert_eq!(out.status("selectel"), "unreachable", "{}", out.all());
    assert!(
        out.result("selectel")["message"]
            .as_str()
            .unwrap()
            .contains("not Selectel itself"),
        "{}",
        out.all()
    );
}
