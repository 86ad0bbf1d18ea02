//! Mendeley OAuth fake: `POST /oauth/token` with Basic app id:secret and
//! `grant_type=client_credentials&scope=all` (verification.md §15; the error body is
//! UNCONFIRMED there, so the RFC 6749 one is served).

use serde_json::json;
use wiremock::matchers::method;
use wiremock::{Mock, MockServer, ResponseTemplate};

use super::Fake;
use super::oauth::{Call, ClientIn, Refusal, TokenEndpoint, error};
use crate::support::{Sandbox, assert_no_leak};

pub const APP_ID: &str = "13577";
pub const SECRET: &str = "Vq7rTz2WmKp9XbLd";
pub const WRONG_SECRET: &str = "Hc4nRy8JfQs3GwUe";

static TOKEN: TokenEndpoint = TokenEndpoint {
    method: "POST",
    path: "/oauth/token",
    client_in: ClientIn::Basic,
    clients: &[(APP_ID, SECRET)],
    grant_types: &["client_credentials"],
    refuse: |refusal, _| match refusal {
        Refusal::UnsupportedGrant => {
            ResponseTemplate::new(400).set_body_json(json!({"error": "unsupported_grant_type"}))
        }
        _ => error(401, "invalid_client", "Bad client credentials")
            .insert_header("WWW-Authenticate", "Basic realm=\"mendeley\""),
    },
    answer: catalog_token,
};

/// The read-only catalog token, for the one scope Mendeley has.
fn catalog_token(call: &Call) -> ResponseTemplate {
    if call.param("scope") != "all" {
        return ResponseTemplate::new(400).set_body_json(json!({"error": "invalid_scope"}));
    }
    ResponseTemplate::new(200).set_body_json(json!({
        "access_token": "MSwxNzE4MDAwMDAwLCwxMzU3NywsLHE4VjR4TjJwTDdrUTl6UjN3WTZt",
        "token_type": "bearer", "expires_in": 3600, "scope": "all"
    }))
}

pub async fn start() -> Fake {
    let server = MockServer::start().await;
    TOKEN.mount(&server).await;
    Fake {
        endpoint: server.uri(),
        valid: vec![
            ("client_id", APP_ID.into()),
            ("client_secret", SECRET.into()),
        ],
        rejected: vec![
            ("client_id", APP_ID.into()),
            ("client_secret", WRONG_SECRET.into()),
        ],
        secrets: vec![SECRET.into(), WRONG_SECRET.into()],
        guard: Box::new(server),
    }
}

async fn run(config: &[(&'static str, String)]) -> crate::support::Output {
    let sandbox = Sandbox::new();
    sandbox.set_provider("mendeley", config);
    sandbox.check_json("mendeley", &[]).await
}

#[tokio::test]
async fn mendeley_valid_keys_are_ok() {
    let fake = start().await;
    let out = run(&fake.valid_config()).await;
    assert_eq!(out.status("mendeley"), "ok", "{}", out.all());
    assert_eq!(out.code, 0);
    assert_eq!(out.result("mendeley")["facts"]["token_type"], "bearer");
    assert_no_leak(&out, &fake.secrets);
}

#[tokio::test]
async fn mendeley_wrong_secret_is_rejected() {
    let fake = start().await;
    let out = run(&fake.rejected_config()).await;
    assert_eq!(out.status("mendeley"), "rejected", "{}", out.all());
    assert_eq!(out.code, 1);
    assert!(
        out.result("mendeley")["advice"]
            .as_str()
            .unwrap()
            .contains("myapps")
    );
    assert_no_leak(&out, &fake.secrets);
}

#[tokio::test]
async fn mendeley_id_only_is_skipped_without_a_request() {
    let fake = start().await;
    let out = run(&[
        ("client_id", APP_ID.into()),
        ("endpoint", fake.endpoint.clone()),
    ])
    .await;
    assert_eq!(out.status("mendeley"), "skipped", "{}", out.all());
    assert!(
        out.result("mendeley")["message"]
            .as_str()
            .unwrap()
            .contains("App ID only"),
        "{}",
        out.all()
    );
    assert!(
        out.result("mendeley")["facts"]["not_proven"]
            .as_str()
            .unwrap()
            .contains("implicit")
    );
    let server = fake.guard.downcast_ref::<MockServer>().unwrap();
    assert!(
        server.received_requests().await.unwrap().is_empty(),
        "a request was sent"
    );
}

#[tokio::test]
async fn mendeley_unknown_answer_is_unreachable() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(403).set_body_string("<html>Forbidden</html>"))
        .mount(&server)
        .await;
    let out = run(&[
        ("client_id", APP_ID.into()),
        ("client_secret", SECRET.into()),
        ("endpoint", server.uri()),
    ])
    .await;
    assert_eq!(out.status("mendeley"), "unreachable", "{}", out.all());
    assert_eq!(out.code, 3);
    assert_no_leak(&out, &[SECRET.into()]);
}

#[tokio::test]
async fn mendeley_bare_401_is_not_the_provider() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(401).set_body_string("Unauthorized"))
        .mount(&server)
        .await;
    let out = run(&[
        ("client_id", APP_ID.into()),
        ("client_secret", SECRET.into()),
        ("endpoint", server.uri()),
    ])
    .await;
    assert_eq!(out.status("mendeley"), "unreachable", "{}", out.all());
    assert_eq!(out.result("mendeley")["reason"], "intermediary");
}
