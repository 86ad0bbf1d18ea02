//! X (Twitter) fake: `POST /oauth2/token` (Basic API key:secret, client_credentials) returning
//! the app's one bearer token, and `GET /2/tweets/20` judging a bearer by the app's access
//! level (verification.md §23).

use serde_json::json;
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

use super::oauth::{ClientIn, Refusal, TokenEndpoint};
use super::{Fake, bearer};
use crate::support::{Sandbox, assert_no_leak};

/// An app with read access (Elevated, in the portal's terms).
pub const KEY: &str = "7wCutHbwu17Wt5ivWQLvU2oMe";
pub const SECRET: &str = "XwO4NTVZF0rOt5QDuDx2Rh0tQuW5IiE3aAZuV67E4gwvsqb6Lb";
pub const BEARER: &str = "AAAAAAAAAAAAAAAAAAAAAAXGjJOJkqbj7Dch04zrBcA5E9bupQc6aa61E3W7Xk4PRvR46hlOIjZyXuVBmp%2BGkzDc74u9skfpZty5eQ4%3D";
/// An app whose project lacks the access level for reading posts.
pub const FREE_KEY: &str = "tlYA6mMQhrj646hZ3VEGhmZ7Q";
pub const FREE_SECRET: &str = "mm88DaILCTUAhdXVxjmnMM8XQG1PBKyhUhLlj0rvzkaQ9rEzDQ";
pub const FREE_BEARER: &str = "AAAAAAAAAAAAAAAAAAAAAA1vNQWcvpOmC2cIQMkSX6VC37DC7NWkz2mmxzWmfUgVR2Z26RTka0k4F0VA0O7uUpYQjI2lPLMUvdTeMMQ6ruA";
pub const WRONG_SECRET: &str = "TG1x7zaFlcX9EaiOvVbbSCNF072EeHVVn2x0MarzRZHwg5ws5j";
/// A bearer no app holds (revoked, or mistyped).
pub const DEAD_BEARER: &str = "AAAAAAAAAAAAAAAAAAAAAAspPTldaf6rc4bb94jcKro09D2apo0K7BPwyBnpKpBiaKzDIS9ToZRdSiSM0qrmTSH7y53KKqC85L7YSrcKyo8";

static TOKEN: TokenEndpoint = TokenEndpoint {
    method: "POST",
    path: "/oauth2/token",
    client_in: ClientIn::Basic,
    clients: &[(KEY, SECRET), (FREE_KEY, FREE_SECRET)],
    grant_types: &["client_credentials"],
    refuse: |refusal, _| match refusal {
        Refusal::UnsupportedGrant => ResponseTemplate::new(403).set_body_json(json!({"errors": [{"code": 170, "message": "Missing required parameter: grant_type", "label": "forbidden_missing_parameter"}]})),
        _ => ResponseTemplate::new(403).set_body_json(json!({"errors": [{"code": 99, "message": "Unable to verify your credentials", "label": "authenticity_token_error"}]})),
    },
    // Each app has one bearer token, the same at every request.
    answer: |call| {
        let issued = if call.client_id == KEY { BEARER } else { FREE_BEARER };
        ResponseTemplate::new(200).set_body_json(json!({"token_type": "bearer", "access_token": issued}))
    },
};

pub async fn start() -> Fake {
    let server = MockServer::start().await;
    TOKEN.mount(&server).await;
    Mock::given(method("GET"))
        .and(path("/2/tweets/20"))
        .respond_with(|req: &Request| match bearer(req).as_deref() {
            Some(BEARER) => ResponseTemplate::new(200).set_body_json(json!({"data": {"id": "20", "text": "just setting up my twttr", "edit_history_tweet_ids": ["20"]}})),
            Some(FREE_BEARER) => ResponseTemplate::new(403).set_body_json(json!({
                "client_id": "27291847",
                "detail": "When authenticating requests to the Twitter API v2 endpoints, you must use keys and tokens from a Twitter developer App that is attached to a Project. You can create a project via the developer portal.",
                "registration_url": "https://developer.twitter.com/en/docs/projects/overview",
                "title": "Client Forbidden",
                "required_enrollment": "Appropriate Level of API Access",
                "reason": "client-not-enrolled",
                "type": "https://api.twitter.com/2/problems/client-forbidden"
            })),
            _ => ResponseTemplate::new(401).set_body_json(json!({"title": "Unauthorized", "type": "about:blank", "status": 401, "detail": "Unauthorized"})),
        })
        .mount(&server)
        .await;
    Fake {
        endpoint: server.uri(),
        valid: vec![("api_key", KEY.into()), ("api_secret", SECRET.into()), ("bearer_token", BEARER.into())],
        rejected: vec![("api_key", KEY.into()), ("api_secret", WRONG_SECRET.into()), ("bearer_token", BEARER.into())],
        secrets: vec![SECRET.into(), BEARER.into(), FREE_SECRET.into(), FREE_BEARER.into(), WRONG_SECRET.into(), DEAD_BEARER.into()],
        guard: Box::new(server),
    }
}

async fn run(fake: &Fake, fields: &[(&'static str, &str)]) -> crate::support::Output {
    let sandbox = Sandbox::new();
    let mut config: Vec<(&'static str, String)> = fields.iter().map(|(k, v)| (*k, v.to_string())).collect();
    config.push(("endpoint", fake.endpoint.clone()));
    sandbox.set_provider("twitter", &config);
    let out = sandbox.check_json("twitter", &[]).await;
    assert_no_leak(&out, &fake.secrets);
    out
}

#[tokio::test]
async fn twitter_valid_keys_and_bearer_are_ok() {
    let fake = start().await;
    let out = run(&fake, &[("api_key", KEY), ("api_secret", SECRET), ("bearer_token", BEARER)]).await;
    assert_eq!(out.status("twitter"), "ok", "{}", out.all());
    assert_eq!(out.code, 0);
    let result = out.result("twitter");
    assert_eq!(result["facts"]["access_level"], "can read posts");
    assert!(result["facts"].get("format_notes").is_none(), "{result}");
}

#[tokio::test]
async fn twitter_keys_without_bearer_are_ok() {
    let fake = start().await;
    let out = run(&fake, &[("api_key", KEY), ("api_secret", SECRET)]).await;
    assert_eq!(out.status("twitter"), "ok", "{}", out.all());
    let server = fake.guard.downcast_ref::<MockServer>().unwrap();
    let requests = server.received_requests().await.unwrap();
    assert_eq!(requests.len(), 1, "only the token request is sent");
}

#[tokio::test]
async fn twitter_wrong_secret_is_rejected() {
    let fake = start().await;
    let out = run(&fake, &[("api_key", KEY), ("api_secret", WRONG_SECRET)]).await;
    assert_eq!(out.status("twitter"), "rejected", "{}", out.all());
    assert_eq!(out.code, 1);
    assert!(out.result("twitter")["message"].as_str().unwrap().contains("error 99"));
}

#[tokio::test]
async fn twitter_dead_bearer_is_rejected() {
    let fake = start().await;
    let out = run(&fake, &[("api_key", KEY), ("api_secret", SECRET), ("bearer_token", DEAD_BEARER)]).await;
    assert_eq!(out.status("twitter"), "rejected", "{}", out.all());
    assert!(out.result("twitter")["message"].as_str().unwrap().contains("bearer_token"));
}

#[tokio::test]
async fn twitter_not_enrolled_is_a_warning() {
    let fake = start().await;
    let out = run(&fake, &[("api_key", FREE_KEY), ("api_secret", FREE_SECRET), ("bearer_token", FREE_BEARER)]).await;
    assert_eq!(out.status("twitter"), "warning", "{}", out.all());
    assert_eq!(out.code, 0);
    let result = out.result("twitter");
    assert!(result["message"].as_str().unwrap().contains("Elevated"), "{result}");
    assert_eq!(result["facts"]["access_level"], "client-not-enrolled");
}

#[tokio::test]
async fn twitter_bearer_of_another_app_is_misconfigured() {
    let fake = start().await;
    let out = run(&fake, &[("api_key", KEY), ("api_secret", SECRET), ("bearer_token", FREE_BEARER)]).await;
    assert_eq!(out.status("twitter"), "misconfigured", "{}", out.all());
    assert_eq!(out.code, 1);
    assert!(out.result("twitter")["message"].as_str().unwrap().contains("different apps"));
}

#[tokio::test]
async fn twitter_unknown_answer_is_unreachable() {
    let fake = start().await;
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(403).set_body_json(json!({"errors": [{"code": 326, "message": "To protect our users from spam and other malicious activity, this account is temporarily locked."}]})))
        .mount(&server)
        .await;
    let sandbox = Sandbox::new();
    sandbox.set_provider("twitter", &[("api_key", KEY.into()), ("api_secret", SECRET.into()), ("endpoint", server.uri())]);
    let out = sandbox.check_json("twitter", &[]).await;
    assert_eq!(out.status("twitter"), "unreachable", "{}", out.all());
    assert_eq!(out.code, 3);
    assert_no_leak(&out, &fake.secrets);
}
