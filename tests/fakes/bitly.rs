//! Bitly fake: `GET /v4/user` with a bearer token; unknown tokens get 403 FORBIDDEN
//! (https://dev.bitly.com/api-reference/#getUser).

use serde_json::json;
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

use super::{Fake, bearer};
use crate::support::{Sandbox, assert_no_leak};

pub const TOKEN: &str = "d5a1c689590e3c48562653351d97a358d5bbc2ec";
pub const WRONG_TOKEN: &str = "ee7eaff84337c4865870f3cace91d90fe65a411c";
/// The token of a deactivated account.
pub const INACTIVE_TOKEN: &str = "1c6911da59d70f055711daf00ef0c37f19e04de9";

fn user(login: &str, active: bool) -> ResponseTemplate {
    ResponseTemplate::new(200).set_body_json(json!({
        "login": login,
        "name": "Portal Links",
        "is_active": active,
        "created": "2021-03-04T10:11:12+0000",
        "modified": "2024-06-01T08:00:00+0000",
        "is_sso_user": false,
        "is_2fa_enabled": true,
        "default_group_guid": "Bl3j9kQwXa2",
        "emails": [{"email": "links@example.org", "is_primary": true, "is_verified": true}]
    }))
}

pub async fn start() -> Fake {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/v4/user"))
        .respond_with(|req: &Request| match bearer(req).as_deref() {
            Some(TOKEN) => user("portallinks", true),
            Some(INACTIVE_TOKEN) => user("oldportal", false),
            _ => ResponseTemplate::new(403).set_body_json(json!({
                "message": "FORBIDDEN",
                "resource": "user",
                "description": "You are currently forbidden to access this resource."
            })),
        })
        .mount(&server)
        .await;
    Fake {
        endpoint: server.uri(),
        valid: vec![("access_token", TOKEN.into())],
        rejected: vec![("access_token", WRONG_TOKEN.into())],
        secrets: vec![TOKEN.into(), WRONG_TOKEN.into(), INACTIVE_TOKEN.into()],
        guard: Box::new(server),
    }
}

async fn run(fake: &Fake, token: &str) -> crate::support::Output {
    let sandbox = Sandbox::new();
    sandbox.set_provider("bitly", &[("access_token", token.into()), ("endpoint", fake.endpoint.clone())]);
    let out = sandbox.check_json("bitly", &[]).await;
    assert_no_leak(&out, &fake.secrets);
    out
}

#[tokio::test]
async fn bitly_valid_token_is_ok_with_the_account() {
    let fake = start().await;
    let out = run(&fake, TOKEN).await;
    assert_eq!(out.status("bitly"), "ok", "{}", out.all());
    assert_eq!(out.code, 0);
    let facts = &out.result("bitly")["facts"];
    assert_eq!(facts["login"], "portallinks");
    assert_eq!(facts["name"], "Portal Links");
    assert_eq!(facts["is_active"], true);
}

#[tokio::test]
async fn bitly_wrong_token_is_rejected() {
    let fake = start().await;
    let out = run(&fake, WRONG_TOKEN).await;
    assert_eq!(out.status("bitly"), "rejected", "{}", out.all());
    assert_eq!(out.code, 1);
    assert!(out.result("bitly")["message"].as_str().unwrap().contains("FORBIDDEN"));
}

#[tokio::test]
async fn bitly_inactive_account_is_misconfigured() {
    let fake = start().await;
    let out = run(&fake, INACTIVE_TOKEN).await;
    assert_eq!(out.status("bitly"), "misconfigured", "{}", out.all());
    assert!(out.result("bitly")["message"].as_str().unwrap().contains("oldportal"));
}

#[tokio::test]
async fn bitly_answer_without_login_is_unreachable() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"message": "OK"})))
        .mount(&server)
        .await;
    let sandbox = Sandbox::new();
    sandbox.set_provider("bitly", &[("access_token", TOKEN.into()), ("endpoint", server.uri())]);
    let out = sandbox.check_json("bitly", &[]).await;
    assert_eq!(out.status("bitly"), "unreachable", "{}", out.all());
    assert_eq!(out.code, 3);
}
