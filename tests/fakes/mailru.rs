//! OAuth Mail (Mail.ru) token endpoint fake: `POST /token` with the client in the form. A good
//! client gets `{"error":"token not found","error_code":6}` for the dummy code (observed,
//! verification.md §14); a bad pair gets `invalid_client` (that wording is UNCONFIRMED).

use serde_json::json;
use wiremock::matchers::method;
use wiremock::{Mock, MockServer, ResponseTemplate};

use super::Fake;
use super::oauth::{ClientIn, Refusal, TokenEndpoint};
use crate::support::{Output, Sandbox, assert_no_leak};

pub const CLIENT_ID: &str = "418273";
pub const CLIENT_SECRET: &str = "e6a21042e49fdb1bfcfcd24059c1415b";
pub const OTHER_SECRET: &str = "f3f75e785ff2352327a5a56506f553fc";
pub const UNKNOWN_ID: &str = "905361";

fn answer(error: &str, code: i64, description: &str) -> ResponseTemplate {
    ResponseTemplate::new(400).set_body_json(json!({
        "error": error,
        "error_code": code,
        "error_description": description
    }))
}

static TOKEN: TokenEndpoint = TokenEndpoint {
    method: "POST",
    path: "/token",
    client_in: ClientIn::Form,
    clients: &[(CLIENT_ID, CLIENT_SECRET)],
    grant_types: &["authorization_code"],
    refuse: |refusal, _| match refusal {
        Refusal::UnsupportedGrant => answer("unsupported grant_type", 4, "unsupported grant_type"),
        _ => answer("invalid_client", 2, "invalid client credentials"),
    },
    answer: |_| answer("token not found", 6, "token not found"),
};

pub async fn start() -> Fake {
    let server = MockServer::start().await;
    TOKEN.mount(&server).await;
    Fake {
        endpoint: server.uri(),
        valid: vec![("client_id", CLIENT_ID.into()), ("client_secret", CLIENT_SECRET.into())],
        rejected: vec![("client_id", CLIENT_ID.into()), ("client_secret", OTHER_SECRET.into())],
        secrets: vec![CLIENT_SECRET.into(), OTHER_SECRET.into()],
        guard: Box::new(server),
    }
}

async fn run(id: &str, secret: &str, endpoint: &str) -> Output {
    Sandbox::new()
        .check_fields("mailru", &[("client_id", id), ("client_secret", secret)], endpoint)
        .await
}

#[tokio::test]
async fn mailru_valid_client_is_ok_with_the_legacy_note() {
    let fake = start().await;
    let out = run(CLIENT_ID, CLIENT_SECRET, &fake.endpoint).await;
    assert_eq!(out.status("mailru"), "ok", "{}", out.all());
    assert_eq!(out.code, 0);
    let facts = &out.result("mailru")["facts"];
    assert_eq!(facts["error_code"], 6);
    assert!(facts["note"].as_str().unwrap().contains("VK ID"));
    assert_no_leak(&out, &fake.secrets);
}

#[tokio::test]
async fn mailru_wrong_secret_is_rejected() {
    let fake = start().await;
    let out = run(CLIENT_ID, OTHER_SECRET, &fake.endpoint).await;
    assert_eq!(out.status("mailru"), "rejected", "{}", out.all());
    assert_eq!(out.code, 1);
    assert!(out.result("mailru")["advice"].as_str().unwrap().contains("Secret key"));
    assert_no_leak(&out, &fake.secrets);
}

#[tokio::test]
async fn mailru_unknown_client_id_is_rejected() {
    let fake = start().await;
    let out = run(UNKNOWN_ID, CLIENT_SECRET, &fake.endpoint).await;
    assert_eq!(out.status("mailru"), "rejected", "{}", out.all());
    assert_eq!(out.code, 1);
}

#[tokio::test]
async fn mailru_unknown_error_is_unreachable() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(answer("invalid request", 3, "invalid request"))
        .mount(&server)
        .await;
    let out = run(CLIENT_ID, CLIENT_SECRET, &server.uri()).await;
    assert_eq!(out.status("mailru"), "unreachable", "{}", out.all());
    assert_eq!(out.code, 3);
}
