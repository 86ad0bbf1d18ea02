//! Bitly fake: only `POST /v4/shorten` (the portal's save validation), Bearer token, JSON body
//! with `long_url`. A known token gets the link (201 the first time, 200 after, as Bitly
//! documents); an unknown one 403 FORBIDDEN; a token over its quota 403 RATE_LIMIT_EXCEEDED
//! (tanepiper/node-bitly#71). Everything else is 404 NOT_FOUND.
//! Error shape: https://dev.bitly.com/docs/getting-started/errors/

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use serde_json::{Value, json};
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

use super::{Fake, bearer};
use crate::support::{Sandbox, assert_no_leak};

pub const TOKEN: &str = "d5a1c689590e3c48562653351d97a358d5bbc2ec";
pub const WRONG_TOKEN: &str = "ee7eaff84337c4865870f3cace91d90fe65a411c";
/// The token of an account over its link quota.
pub const LIMITED_TOKEN: &str = "1c6911da59d70f055711daf00ef0c37f19e04de9";

fn forbidden() -> ResponseTemplate {
    ResponseTemplate::new(403).set_body_json(json!({
        "message": "FORBIDDEN",
        "resource": "bitlinks",
        "description": "You are currently forbidden to access this resource."
    }))
}

pub async fn start() -> Fake {
    let server = MockServer::start().await;
    let created = Arc::new(AtomicBool::new(false));
    Mock::given(wiremock::matchers::any())
        .respond_with(move |req: &Request| {
            if req.method.as_str() != "POST" || req.url.path() != "/v4/shorten" {
                return ResponseTemplate::new(404).set_body_json(json!({"message": "NOT_FOUND", "resource": "", "description": "The requested resource was not found"}));
            }
            let long_url = serde_json::from_slice::<Value>(&req.body).ok().and_then(|b| b["long_url"].as_str().map(str::to_string));
            let Some(long_url) = long_url else {
                return ResponseTemplate::new(400).set_body_json(json!({"message": "INVALID_ARG_LONG_URL", "resource": "bitlinks", "description": "The value provided is invalid.", "errors": [{"field": "long_url", "error_code": "invalid"}]}));
            };
            match bearer(req).as_deref() {
                Some(TOKEN) => {
                    let status = if created.swap(true, Ordering::SeqCst) { 200 } else { 201 };
                    ResponseTemplate::new(status).set_body_json(json!({
                        "created_at": "2024-06-01T08:00:00+0000",
                        "id": "bit.ly/3xYz9Qa",
                        "link": "https://bit.ly/3xYz9Qa",
                        "custom_bitlinks": [],
                        "long_url": long_url,
                        "archived": false,
                        "tags": [],
                        "deeplinks": [],
                        "references": {"group": "https://api-ssl.bitly.com/v4/groups/Bl3j9kQwXa2"}
                    }))
                }
                Some(LIMITED_TOKEN) => ResponseTemplate::new(403).set_body_json(json!({"message": "RATE_LIMIT_EXCEEDED", "resource": "bitlinks", "description": "You have exceeded your rate limit."})),
                _ => forbidden(),
            }
        })
        .mount(&server)
        .await;
    Fake {
        endpoint: server.uri(),
        valid: vec![("access_token", TOKEN.into())],
        rejected: vec![("access_token", WRONG_TOKEN.into())],
        secrets: vec![TOKEN.into(), WRONG_TOKEN.into(), LIMITED_TOKEN.into()],
        guard: Box::new(server),
    }
}

async fn run(fake: &Fake, token: &str) -> crate::support::Output {
    let sandbox = Sandbox::new();
    sandbox.set_provider(
        "bitly",
        &[
            ("access_token", token.into()),
            ("endpoint", fake.endpoint.clone()),
        ],
    );
    let out = sandbox.check_json("bitly", &[]).await;
    assert_no_leak(&out, &fake.secrets);
    out
}

/// Issue 8, save validation: `ok` means the portal's own shortening of its link passes.
#[tokio::test]
async fn bitly_ok_means_the_portals_shorten_of_its_link_passes() {
    let fake = start().await;
    let out = run(&fake, TOKEN).await;
    assert_eq!(out.status("bitly"), "ok", "{}", out.all());
    assert_eq!(out.code, 0);
    assert_eq!(out.result("bitly")["facts"]["portal_validation"], "passes");
    let server = fake.guard.downcast_ref::<MockServer>().unwrap();
    let requests = server.received_requests().await.unwrap();
    assert_eq!(requests.len(), 1);
    assert_eq!(
        (requests[0].method.as_str(), requests[0].url.path()),
        ("POST", "/v4/shorten")
    );
    let body: Value = serde_json::from_slice(&requests[0].body).unwrap();
    assert_eq!(body, json!({"long_url": "https://www.onlyoffice.com"}));
}

#[tokio::test]
async fn bitly_wrong_token_is_rejected_and_names_bad_keys() {
    let fake = start().await;
    let out = run(&fake, WRONG_TOKEN).await;
    assert_eq!(out.status("bitly"), "rejected", "{}", out.all());
    assert_eq!(out.code, 1);
    let message = out.text("bitly", "message");
    assert!(
        message.contains("FORBIDDEN") && message.contains("Bad keys"),
        "{message}"
    );
}

#[tokio::test]
async fn bitly_token_over_its_quota_is_misconfigured_by_the_portal_rule() {
    let fake = start().await;
    let out = run(&fake, LIMITED_TOKEN).await;
    assert_eq!(out.status("bitly"), "misconfigured", "{}", out.all());
    assert_eq!(out.result("bitly")["reason"], "portal_rule");
}

/// Issue 9.5: a bare 403 without Bitly's JSON is a proxy's, not Bitly's.
#[tokio::test]
async fn bitly_bare_403_is_no_verdict() {
    let server = MockServer::start().await;
    Mock::given(wiremock::matchers::any())
        .respond_with(ResponseTemplate::new(403).set_body_string("Forbidden"))
        .mount(&server)
        .await;
    let sandbox = Sandbox::new();
    sandbox.set_provider(
        "bitly",
        &[("access_token", TOKEN.into()), ("endpoint", server.uri())],
    );
    let out = sandbox.check_json("bitly", &[]).await;
    assert_eq!(out.status("bitly"), "unreachable", "{}", out.all());
    assert_eq!(out.result("bitly")["reason"], "intermediary");
}

#[tokio::test]
async fn bitly_answer_without_link_is_unreachable() {
    let server = MockServer::start().await;
    Mock::given(wiremock::matchers::any())
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"message": "OK"})))
        .mount(&server)
        .await;
    let sandbox = Sandbox::new();
    sandbox.set_provider(
        "bitly",
        &[("access_token", TOKEN.into()), ("endpoint", server.uri())],
    );
    let out = sandbox.check_json("bitly", &[]).await;
    assert_eq!(out.status("bitly"), "unreachable", "{}", out.all());
    assert_eq!(out.code, 3);
}
