//! Box token endpoint fake: `POST /oauth2/token` with the client in the form. A standard
//! OAuth 2.0 app answers `client_credentials` with `unauthorized_client`, a Client Credentials
//! Grant app with a token, a wrong pair with `invalid_client` (verification.md §4).

use serde_json::json;
use wiremock::matchers::method;
use wiremock::{Mock, MockServer, ResponseTemplate};

use super::Fake;
use super::oauth::{Call, ClientIn, Refusal, TokenEndpoint, error};
use crate::support::{Output, Sandbox, assert_no_leak};

pub const CLIENT_ID: &str = "g30gXQOqTAfdxIqXEw8Ds2iwFXzfVJvu";
pub const CLIENT_SECRET: &str = "ipKsNTnLKy8alFfVJTXeXkdecsWhHubB";
pub const OTHER_SECRET: &str = "sDJnsQIFFKtw7c4mEB2JVbluqHCZbI2I";
/// A Client Credentials Grant app, with its own secret.
pub const CCG_ID: &str = "SGQX9arb6DlI6hWZnvjot5qoq2pjwPac";
pub const CCG_SECRET: &str = "nTISH8r6B2oT1L5C4EsUGRmfCpsKHkBg";
pub const UNKNOWN_ID: &str = "Vb3kQm9TzW1xRc7LpN5yHd2FjG8sAe4U";

static TOKEN: TokenEndpoint = TokenEndpoint {
    method: "POST",
    path: "/oauth2/token",
    client_in: ClientIn::Form,
    clients: &[(CLIENT_ID, CLIENT_SECRET), (CCG_ID, CCG_SECRET)],
    grant_types: &["client_credentials", "authorization_code"],
    refuse: |refusal, _| match refusal {
        Refusal::UnsupportedGrant => error(
            400,
            "unsupported_grant_type",
            "Invalid grant_type parameter or parameter missing",
        ),
        _ => error(400, "invalid_client", "The client credentials are invalid"),
    },
    answer: by_app_type,
};

/// Only a Client Credentials Grant app gets a token without a user.
fn by_app_type(call: &Call) -> ResponseTemplate {
    match (call.param("grant_type"), call.client_id.as_str()) {
        ("client_credentials", CCG_ID) => ResponseTemplate::new(200).set_body_json(json!({
            "access_token": "T9cE5asGnuyYCCqIZFoWjFHvNbvVqHjl",
            "expires_in": 3600,
            "restricted_to": [],
            "token_type": "bearer"
        })),
        ("client_credentials", _) => error(
            400,
            "unauthorized_client",
            "The grant type is unauthorized for this client_id",
        ),
        _ => error(400, "invalid_grant", "The authorization code has expired"),
    }
}

pub async fn start() -> Fake {
    let server = MockServer::start().await;
    TOKEN.mount(&server).await;
    Fake {
        endpoint: server.uri(),
        valid: vec![("client_id", CLIENT_ID.into()), ("client_secret", CLIENT_SECRET.into())],
        rejected: vec![("client_id", CLIENT_ID.into()), ("client_secret", OTHER_SECRET.into())],
        secrets: vec![CLIENT_SECRET.into(), OTHER_SECRET.into(), CCG_SECRET.into()],
        guard: Box::new(server),
    }
}

async fn run(id: &str, secret: &str, endpoint: &str) -> Output {
    Sandbox::new()
        .check_fields("box", &[("client_id", id), ("client_secret", secret)], endpoint)
        .await
}

#[tokio::test]
async fn box_valid_client_is_ok() {
    let fake = start().await;
    let out = run(CLIENT_ID, CLIENT_SECRET, &fake.endpoint).await;
    assert_eq!(out.status("box"), "ok", "{}", out.all());
    assert_eq!(out.code, 0);
    let facts = &out.result("box")["facts"];
    assert!(facts["provider_answer"].as_str().unwrap().contains("unauthorized_client"));
    assert_no_leak(&out, &fake.secrets);
}

#[tokio::test]
async fn box_client_credentials_app_is_ok() {
    let fake = start().await;
    let out = run(CCG_ID, CCG_SECRET, &fake.endpoint).await;
    assert_eq!(out.status("box"), "ok", "{}", out.all());
    assert!(out.result("box")["facts"]["app_type"].as_str().unwrap().contains("Client Credentials"));
    assert_no_leak(&out, &fake.secrets);
}

#[tokio::test]
async fn box_wrong_secret_is_rejected() {
    let fake = start().await;
    let out = run(CLIENT_ID, OTHER_SECRET, &fake.endpoint).await;
    assert_eq!(out.status("box"), "rejected", "{}", out.all());
    assert_eq!(out.code, 1);
    assert!(out.result("box")["advice"].as_str().unwrap().contains("Client Secret"));
    assert_no_leak(&out, &fake.secrets);
}

#[tokio::test]
async fn box_unknown_client_id_is_rejected() {
    let fake = start().await;
    let out = run(UNKNOWN_ID, CLIENT_SECRET, &fake.endpoint).await;
    assert_eq!(out.status("box"), "rejected", "{}", out.all());
    assert_eq!(out.code, 1);
}

#[tokio::test]
async fn box_unknown_error_is_unreachable() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(error(400, "invalid_grant", "Grant credentials are invalid"))
        .mount(&server)
        .await;
    let out = run(CLIENT_ID, CLIENT_SECRET, &server.uri()).await;
    assert_eq!(out.status("box"), "unreachable", "{}", out.all());
    assert_eq!(out.code, 3);
}
