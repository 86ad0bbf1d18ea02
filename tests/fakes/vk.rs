//! VK OAuth fake: the portal's code exchange `POST /access_token` (form, `grant_type =
//! authorization_code`); the app id and the secure key are compared separately, as VK words
//! each failure, and only then is the code refused (verification.md §24). `GET /authorize`
//! answers as VK does before any sign-in (issue 12).

use serde_json::json;
use wiremock::matchers::method;
use wiremock::{Mock, MockServer, ResponseTemplate};

use super::Fake;
use super::oauth::{
    AuthorizeEndpoint, ClientIn, RedirectCase, Refusal, TokenEndpoint, error, page,
    redirect_outcomes,
};
use crate::support::{Sandbox, assert_no_leak};

pub const APP_ID: &str = "51873402";
pub const SECRET: &str = "hQ7vXk2RpZ9tLw4mNc8B";
pub const WRONG_SECRET: &str = "Tz3qW8yKd5FjPx1sGv6R";
pub const UNKNOWN_ID: &str = "51873499";
/// An app whose authorization page answers in a way no evidence describes.
pub const ODD_ID: &str = "51870000";
pub const REDIRECT_URI: &str = "https://service.onlyoffice.com/oauth2.aspx";

static TOKEN: TokenEndpoint = TokenEndpoint {
    method: "POST",
    path: "/access_token",
    client_in: ClientIn::Form,
    clients: &[(APP_ID, SECRET), (ODD_ID, SECRET)],
    grant_types: &["authorization_code"],
    refuse: |refusal, call| match refusal {
        // https://github.com/mamantoha/omniauth-vkontakte/issues/70
        Refusal::NoClient | Refusal::UnknownClient => {
            error(401, "invalid_client", "client_id is incorrect")
        }
        // https://github.com/VKCOM/vk-php-sdk/issues/96
        Refusal::WrongSecret if call.client_secret.is_empty() => {
            error(401, "invalid_client", "client_secret is undefined")
        }
        // https://github.com/yiisoft/yii2-authclient/issues/248
        Refusal::WrongSecret => error(401, "invalid_client", "client_secret is incorrect"),
        Refusal::UnsupportedGrant => error(400, "invalid_request", "grant_type is undefined"),
    },
    // https://github.com/7even/vkontakte_api/issues/38
    answer: |_| error(401, "invalid_grant", "Code is invalid or expired."),
};

static AUTHORIZE: AuthorizeEndpoint = AuthorizeEndpoint {
    path: "/authorize",
    clients: &[APP_ID, ODD_ID],
    registered: REDIRECT_URI,
    // The portal's scope: email (VKLoginProvider.cs).
    scope: Some("4194304"),
    odd_client: ODD_ID,
    // The sign-in page itself: what it looks like is not in the recorded evidence.
    on_registered: |_| page(200, "<html><title>VK | Login</title></html>"),
    // https://github.com/alashow/datmusic/issues/17
    on_unregistered: || {
        ResponseTemplate::new(400).set_body_json(json!({"error": "invalid_request", "error_description": "redirect_uri is incorrect, check application redirect uri in the settings page"}))
    },
    // https://github.com/VKCOM/vk-android-sdk/issues/290
    on_unknown_client: || {
        ResponseTemplate::new(401).set_body_json(
            json!({"error": "invalid_client", "error_description": "client_id is incorrect"}),
        )
    },
};

pub async fn start() -> Fake {
    let server = MockServer::start().await;
    TOKEN.mount(&server).await;
    AUTHORIZE.mount(&server).await;
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

#[tokio::test]
async fn vk_valid_keys_are_ok() {
    let fake = start().await;
    let sandbox = Sandbox::new();
    sandbox.set_provider("vk", &fake.valid_config());
    let out = sandbox.check_json("vk", &[]).await;
    assert_eq!(out.status("vk"), "ok", "{}", out.all());
    assert_eq!(out.code, 0);
    let result = out.result("vk");
    assert_eq!(result["facts"]["probe"], "dummy authorization code");
    assert!(
        result["facts"]["secret_control"]
            .as_str()
            .unwrap()
            .contains("refused"),
        "{result}"
    );
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
    assert!(
        !message.contains("access_token?"),
        "the query must not be shown: {message}"
    );
    assert_no_leak(&out, &fake.secrets);
}

#[tokio::test]
async fn vk_wrong_app_id_is_rejected_naming_the_id() {
    let fake = start().await;
    let sandbox = Sandbox::new();
    let mut config = fake.valid_config();
    config[0].1 = UNKNOWN_ID.into();
    sandbox.set_provider("vk", &config);
    let out = sandbox.check_json("vk", &[]).await;
    assert_eq!(out.status("vk"), "rejected", "{}", out.all());
    assert!(
        out.result("vk")["message"]
            .as_str()
            .unwrap()
            .contains("app id")
    );
    assert_no_leak(&out, &fake.secrets);
}

#[tokio::test]
async fn vk_unknown_answer_is_unreachable() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(401).set_body_json(
            json!({"error": "invalid_client", "error_description": "client_secret is undefined"}),
        ))
        .mount(&server)
        .await;
    let sandbox = Sandbox::new();
    sandbox.set_provider(
        "vk",
        &[
            ("client_id", APP_ID.into()),
            ("client_secret", SECRET.into()),
            ("endpoint", server.uri()),
        ],
    );
    let out = sandbox.check_json("vk", &[]).await;
    assert_eq!(out.status("vk"), "unreachable", "{}", out.all());
    assert_eq!(out.code, 3);
    assert_no_leak(&out, &[SECRET.into()]);
}

#[tokio::test]
async fn vk_redirect_uri_probe_has_four_outcomes() {
    let fake = start().await;
    redirect_outcomes(
        &fake,
        RedirectCase {
            id: "vk",
            client_field: "client_id",
            unknown_client: UNKNOWN_ID,
            odd_client: ODD_ID,
            registered_fact: "not verified",
            unknown_fact: "does not know this client id",
            register_hint: "Trusted redirect URL",
        },
    )
    .await;
}
