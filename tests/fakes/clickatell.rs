//! Clickatell fake: only `GET /messages/http/send` (the SMS Platform HTTP integration the portal
//! sends with), the key in the `apiKey` query parameter. An unknown key gets the Platform's own
//! answer, quoted from this endpoint in phpservermon/phpservermon#749; a known key without a
//! recipient gets error 23 "Invalid or missing parameter" in the same envelope (wording from
//! https://www.clickatell.com/developers/api-documentation/one-api-error-messages/). A request
//! with a recipient would send a message: the fake answers it 418 so that a test fails.

use serde_json::json;
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

use super::{Fake, query};
use crate::support::{Sandbox, assert_no_leak};

pub const KEY: &str = "Rk7tQ2vXw9BzN4pLm6YcJh==";
pub const WRONG_KEY: &str = "Tw4yK9cRm2XvB6qNz8LjPs==";
/// A key whose integration only accepts requests from another IP address.
pub const LOCKED_KEY: &str = "Gd3sV8nPq5TxW1kZb7MfHr==";

fn respond(req: &Request) -> ResponseTemplate {
    if req.method.as_str() != "GET" || req.url.path() != "/messages/http/send" {
        return ResponseTemplate::new(404).set_body_json(json!({"messages": [], "errorCode": 41, "error": "Resource does not exist", "errorDescription": "Resource does not exist"}));
    }
    let q = query(req);
    if q.contains_key("to") || q.contains_key("content") {
        return ResponseTemplate::new(418).set_body_string("the check must never send a message");
    }
    match q.get("apiKey").map(String::as_str) {
        Some(KEY) => ResponseTemplate::new(400).set_body_json(json!({
            "messages": [], "errorCode": 23, "error": "Invalid or missing parameter: to",
            "errorDescription": "Invalid or missing parameter: to"
        })),
        Some(LOCKED_KEY) => ResponseTemplate::new(401).set_body_json(json!({
            "messages": [], "errorCode": 7, "error": "Originating IP address is not approved in your account",
            "errorDescription": "Originating IP address is not approved in your account"
        })),
        _ => ResponseTemplate::new(401).set_body_json(json!({
            "messages": [], "errorCode": 108, "error": "Invalid or missing integration API Key.",
            "errorDescription": "The integration API key is either incorrect or has not been included in the API call."
        })),
    }
}

pub async fn start() -> Fake {
    let server = MockServer::start().await;
    Mock::given(wiremock::matchers::any())
        .respond_with(respond)
        .mount(&server)
        .await;
    Fake {
        endpoint: server.uri(),
        valid: vec![("api_key", KEY.into()), ("sender", "ONLYOFFICE".into())],
        rejected: vec![
            ("api_key", WRONG_KEY.into()),
            ("sender", "ONLYOFFICE".into()),
        ],
        secrets: vec![KEY.into(), LOCKED_KEY.into(), WRONG_KEY.into()],
        guard: Box::new(server),
    }
}

async fn run(fake: &Fake, key: &str) -> crate::support::Output {
    let sandbox = Sandbox::new();
    sandbox.set_provider(
        "clickatell",
        &[("api_key", key.into()), ("endpoint", fake.endpoint.clone())],
    );
    let out = sandbox.check_json("clickatell", &[]).await;
    assert_no_leak(&out, &fake.secrets);
    out
}

/// Clickatell documents no request that proves a key without sending: a known key is a
/// warning that says what could not be verified, never `ok`, and nothing is sent.
#[tokio::test]
async fn clickatell_known_key_is_a_warning_and_nothing_is_sent() {
    let fake = start().await;
    let out = run(&fake, KEY).await;
    assert_eq!(out.status("clickatell"), "warning", "{}", out.all());
    assert_eq!(out.code, 0);
    assert!(
        out.text("clickatell", "message")
            .contains("could not be verified"),
        "{}",
        out.all()
    );
    let server = fake.guard.downcast_ref::<MockServer>().unwrap();
    let requests = server.received_requests().await.unwrap();
    assert_eq!(requests.len(), 1);
    let q = query(&requests[0]);
    assert_eq!(q.get("apiKey").map(String::as_str), Some(KEY));
    assert!(!q.contains_key("to") && !q.contains_key("content"), "{q:?}");
}

#[tokio::test]
async fn clickatell_error_108_is_rejected() {
    let fake = start().await;
    let out = run(&fake, WRONG_KEY).await;
    assert_eq!(out.status("clickatell"), "rejected", "{}", out.all());
    assert!(out.text("clickatell", "message").contains("108"));
    assert_eq!(out.code, 1);
}

#[tokio::test]
async fn clickatell_ip_lockdown_is_misconfigured() {
    let fake = start().await;
    let out = run(&fake, LOCKED_KEY).await;
    assert_eq!(out.status("clickatell"), "misconfigured", "{}", out.all());
    assert!(out.text("clickatell", "advice").contains("IP"));
}

/// Issue 9.5: a bare 401 is not Clickatell's answer.
#[tokio::test]
async fn clickatell_bare_401_is_no_verdict() {
    let server = MockServer::start().await;
    Mock::given(wiremock::matchers::any())
        .respond_with(ResponseTemplate::new(401).set_body_string("Unauthorized"))
        .mount(&server)
        .await;
    let sandbox = Sandbox::new();
    sandbox.set_provider(
        "clickatell",
        &[("api_key", KEY.into()), ("endpoint", server.uri())],
    );
    let out = sandbox.check_json("clickatell", &[]).await;
    assert_eq!(out.status("clickatell"), "unreachable", "{}", out.all());
    assert_eq!(out.result("clickatell")["reason"], "intermediary");
}
