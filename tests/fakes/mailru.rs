//! Mail.ru Connect token endpoint fake: `POST /oauth/token` of connect.mail.ru, the portal's
//! (portal-parity.md, mailru), with the client in the form; other paths (oauth.mail.ru's
//! `/token`) get a 404. A good client gets `{"error":"token not found","error_code":6}` for the
//! dummy code, the body observed on Mail.ru's OAuth server (verification.md §14; whether
//! connect.mail.ru words it the same is UNCONFIRMED); a bad pair gets `invalid_client` (that
//! wording is UNCONFIRMED).

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
/// An OAuth Mail (oauth.mail.ru) client id: hex, not a Connect site number.
pub const OAUTH_MAIL_ID: &str = "0f3c9a7e4b2d4c1e8a6f5d3b2c1e0a9f";

fn answer(error: &str, code: i64, description: &str) -> ResponseTemplate {
    ResponseTemplate::new(400).set_body_json(json!({
        "error": error,
        "error_code": code,
        "error_description": description
    }))
}

static TOKEN: TokenEndpoint = TokenEndpoint {
    method: "POST",
    path: "/oauth/token",
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
    Fake::client_pair(server, CLIENT_ID, CLIENT_SECRET, OTHER_SECRET)
}

async fn run(id: &str, secret: &str, endpoint: &str) -> Output {
    Sandbox::new()
        .check_fields(
            "mailru",
            &[("client_id", id), ("client_secret", secret)],
            endpoint,
        )
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
    assert!(
        out.result("mailru")["advice"]
            .as_str()
            .unwrap()
            .contains("Secret key")
    );
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

#[tokio::test]
async fn mailru_probes_connect_mail_ru_as_the_portal() {
    let fake = start().await;
    let out = run(CLIENT_ID, CLIENT_SECRET, &fake.endpoint).await;
    assert_eq!(out.status("mailru"), "ok", "{}", out.all());
    let server = fake.guard.downcast_ref::<MockServer>().unwrap();
    let requests = server.received_requests().await.unwrap();
    assert_eq!(requests[0].url.path(), "/oauth/token");
    let form = super::form(&requests[0]);
    assert_eq!(form["grant_type"], "authorization_code");
    assert_eq!(form["client_id"], CLIENT_ID);
    assert_eq!(
        out.result("mailru")["facts"]["platform"],
        "connect.mail.ru (Mail.ru Connect)"
    );
}

#[tokio::test]
async fn mailru_oauth_mail_client_id_is_misconfigured_without_a_request() {
    let fake = start().await;
    let out = run(OAUTH_MAIL_ID, CLIENT_SECRET, &fake.endpoint).await;
    assert_eq!(out.status("mailru"), "misconfigured", "{}", out.all());
    assert!(
        out.result("mailru")["message"]
            .as_str()
            .unwrap()
            .contains("OAuth Mail")
    );
    let server = fake.guard.downcast_ref::<MockServer>().unwrap();
    assert!(server.received_requests().await.unwrap().is_empty());
}

#[tokio::test]
async fn mailru_bare_401_is_not_a_verdict() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(
            ResponseTemplate::new(401)
                .set_body_raw("<html><title>Access denied</title></html>", "text/html"),
        )
        .mount(&server)
        .await;
    let out = run(CLIENT_ID, CLIENT_SECRET, &server.uri()).await;
    assert_eq!(out.status("mailru"), "unreachable", "{}", out.all());
    assert_eq!(out.result("mailru")["reason"], "intermediary");
}
