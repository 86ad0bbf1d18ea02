//! VK OAuth fake: `GET /access_token` with `grant_type=client_credentials`; the app id and the
//! secure key are compared separately, as VK words each failure (verification.md §24).

use serde_json::json;
use wiremock::matchers::method;
use wiremock::{Mock, MockServer, ResponseTemplate};

use super::Fake;
use super::oauth::{ClientIn, Refusal, TokenEndpoint, error};
use crate::support::{Sandbox, assert_no_leak};

pub const APP_ID: &str = "51873402";
pub const SECRET: &str = "hQ7vXk2RpZ9tLw4mNc8B";
pub const WRONG_SECRET: &str = "Tz3qW8yKd5FjPx1sGv6R";

static TOKEN: TokenEndpoint = TokenEndpoint {
    method: "GET",
    path: "/access_token",
    client_in: ClientIn::Query,
    clients: &[(APP_ID, SECRET)],
    grant_types: &["client_credentials"],
    refuse: |refusal, call| match refusal {
        Refusal::NoClient | Refusal::UnknownClient => {
            error(401, "invalid_client", "client_id is incorrect")
        }
        Refusal::WrongSecret if call.client_secret.is_empty() => {
            error(401, "invalid_client", "client_secret is undefined")
        }
        Refusal::WrongSecret => error(401, "invalid_client", "client_secret is incorrect"),
        Refusal::UnsupportedGrant => error(400, "invalid_request", "grant_type is undefined"),
    },
    answer: |_| {
        ResponseTemplate::new(200).set_body_json(json!({"access_token": "c4e1b9f07a2d5e8c3b6f9a0d1e4c7b2a5f8e1d4c7b0a3f6e9d2c5b8a1e4f7d0c3b6a9f2e5d8", "expires_in": 0}))
    },
};

pub async fn start() -> Fake {
    let server = MockServer::start().await;
    TOKEN.mount(&server).await;
    Fake {
        endpoint: server.uri(),
        valid: vec![("client_id", APP_ID.into()), ("client_secret", SECRET.into())],
        rejected: vec![("client_id", APP_ID.into()), ("client_secret", WRONG_SECRET.into())],
        secrets: vec![SECRET.into(), WRONG_SECRET.into()],
        guard: Box::new(server),
    }
}

#[tokio::test]
async fn vk_valid_keys_are_ok() {
    let fake = start().await;
    let sandbox = Sandbox::new();
    sandbox.set_provider("vk", &fake.valid_config());
    let out = sandbox.check_json("vk", &[]).await;
    assert_eq!(out.status("vk"), "ok", "{}", out.all());
    assert_eq!(out.code, 0);
    let result = out.result("vk");
    assert_eq!(result["facts"]["token_expires"], "never (service token)");
    assert!(result["facts"].get("format_notes").is_none(), "{result}");
    assert_no_leak(&out, &fake.secrets);
}

#[tokio::test]
async fn vk_wrong_secret_is_rejected() {
    let fake = start().await;
    let sandbox = Sandbox::new();
    sandbox.set_provider("vk", &fake.rejected_config());
    let out = sandbox.check_json("vk", &[]).await;
    assert_eq!(out.status("vk"), "rejected", "{}", out.all());
    assert_eq!(out.code, 1);
    let message = out.result("vk")["message"].as_str().unwrap().to_string();
    assert!(message.contains("secure key"), "{message}");
    assert!(!message.contains("access_token?"), "the query must not be shown: {message}");
    assert_no_leak(&out, &fake.secrets);
}

#[tokio::test]
async fn vk_wrong_app_id_is_rejected_naming_the_id() {
    let fake = start().await;
    let sandbox = Sandbox::new();
    let mut config = fake.valid_config();
    config[0].1 = "51873499".into();
    sandbox.set_provider("vk", &config);
    let out = sandbox.check_json("vk", &[]).await;
    assert_eq!(out.status("vk"), "rejected", "{}", out.all());
    assert!(out.result("vk")["message"].as_str().unwrap().contains("app id"));
    assert_no_leak(&out, &fake.secrets);
}

#[tokio::test]
async fn vk_unknown_answer_is_unreachable() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(401).set_body_json(json!({"error": "invalid_client", "error_description": "client_secret is undefined"})))
        .mount(&server)
        .await;
    let sandbox = Sandbox::new();
    sandbox.set_provider("vk", &[("client_id", APP_ID.into()), ("client_secret", SECRET.into()), ("endpoint", server.uri())]);
    let out = sandbox.check_json("vk", &[]).await;
    assert_eq!(out.status("vk"), "unreachable", "{}", out.all());
    assert_eq!(out.code, 3);
    assert_no_leak(&out, &[SECRET.into()]);
}
