//! Clickatell One API fake: `GET /v1/balance` with the raw API key in `Authorization`, 401 for
//! an unknown key (or, in the older Platform style, errorCode 108).

use serde_json::json;
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

use super::Fake;
use crate::support::{Sandbox, assert_no_leak};

pub const KEY: &str = "Rk7tQ2vXw9BzN4pLm6YcJh==";
pub const EMPTY_KEY: &str = "Gd3sV8nPq5TxW1kZb7MfHr==";
pub const WRONG_KEY: &str = "Tw4yK9cRm2XvB6qNz8LjPs==";

#[derive(Clone, Copy, Default)]
pub struct Options {
    /// Unknown keys get 200 with errorCode 108 instead of 401.
    pub error_108: bool,
}

fn respond(req: &Request, options: Options) -> ResponseTemplate {
    let key = req.headers.get("authorization").and_then(|v| v.to_str().ok()).unwrap_or("");
    match key {
        KEY => ResponseTemplate::new(200).set_body_json(json!({"currency": "ZAR", "balance": 1234.5})),
        EMPTY_KEY => ResponseTemplate::new(200).set_body_json(json!({"currency": "ZAR", "balance": 0.0})),
        _ if options.error_108 => ResponseTemplate::new(200).set_body_json(json!({
            "messages": [], "errorCode": 108, "error": "Invalid or missing integration API Key.",
            "errorDescription": "Invalid or missing integration API Key."
        })),
        _ => ResponseTemplate::new(401).set_body_json(json!({
            "error": {"code": 401, "description": "Unauthorized", "message": "Authorization failed"}
        })),
    }
}

pub async fn start() -> Fake {
    start_with(Options::default()).await
}

pub async fn start_with(options: Options) -> Fake {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/v1/balance"))
        .respond_with(move |req: &Request| respond(req, options))
        .mount(&server)
        .await;
    Fake {
        endpoint: server.uri(),
        valid: vec![("api_key", KEY.into()), ("sender", "ONLYOFFICE".into())],
        rejected: vec![("api_key", WRONG_KEY.into()), ("sender", "ONLYOFFICE".into())],
        secrets: vec![KEY.into(), EMPTY_KEY.into(), WRONG_KEY.into()],
        guard: Box::new(server),
    }
}

async fn run(fake: &Fake, key: &str) -> crate::support::Output {
    let sandbox = Sandbox::new();
    sandbox.set_provider("clickatell", &[("api_key", key.into()), ("endpoint", fake.endpoint.clone())]);
    let out = sandbox.check_json("clickatell", &[]).await;
    assert_no_leak(&out, &fake.secrets);
    out
}

#[tokio::test]
async fn clickatell_valid_key_is_ok_with_the_balance() {
    let fake = start().await;
    let out = run(&fake, KEY).await;
    assert_eq!(out.status("clickatell"), "ok", "{}", out.all());
    assert_eq!(out.code, 0);
    let facts = &out.result("clickatell")["facts"];
    assert_eq!(facts["balance"], 1234.5);
    assert_eq!(facts["currency"], "ZAR");
}

#[tokio::test]
async fn clickatell_wrong_key_is_rejected() {
    let fake = start().await;
    let out = run(&fake, WRONG_KEY).await;
    assert_eq!(out.status("clickatell"), "rejected", "{}", out.all());
    assert!(out.result("clickatell")["message"].as_str().unwrap().contains("401"));
    assert_eq!(out.code, 1);
}

#[tokio::test]
async fn clickatell_error_108_is_rejected() {
    let fake = start_with(Options { error_108: true }).await;
    let out = run(&fake, WRONG_KEY).await;
    assert_eq!(out.status("clickatell"), "rejected", "{}", out.all());
    assert!(out.result("clickatell")["message"].as_str().unwrap().contains("108"));
}

#[tokio::test]
async fn clickatell_zero_balance_is_misconfigured() {
    let fake = start().await;
    let out = run(&fake, EMPTY_KEY).await;
    assert_eq!(out.status("clickatell"), "misconfigured", "{}", out.all());
    assert!(out.result("clickatell")["message"].as_str().unwrap().contains("no credit: SMS will fail"));
    assert_eq!(out.code, 1);
}
