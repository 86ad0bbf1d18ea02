//! Dropbox `check/app` fake: Basic app_key:app_secret decoded and compared, the JSON `query`
//! echoed as `result` (https://www.dropbox.com/developers/documentation/http/documentation#check-app).

use serde_json::json;
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

use super::oauth::{AuthorizeEndpoint, RedirectCase, page, redirect_outcomes};
use super::{Fake, basic_auth};
use crate::support::{Output, Sandbox, assert_no_leak};

pub const APP_KEY: &str = "q7x2m9k4p1v8z3w";
pub const APP_SECRET: &str = "h5n8r2t6y1c4b9j";
pub const OTHER_SECRET: &str = "w3e7u1o5a9s2d6f";
pub const UNKNOWN_KEY: &str = "g4l8x0c2v6b1n5m";
/// An app whose authorization page answers in a way no evidence describes.
pub const ODD_KEY: &str = "o2d4d6a8p0p1k3e";
pub const REDIRECT_URI: &str = "https://service.onlyoffice.com/oauth2.aspx";

static AUTHORIZE: AuthorizeEndpoint = AuthorizeEndpoint {
    path: "/oauth2/authorize",
    clients: &[APP_KEY, ODD_KEY],
    registered: REDIRECT_URI,
    // The portal asks Dropbox for no scope.
    scope: None,
    odd_client: ODD_KEY,
    // The sign-in page itself: what it looks like is not in the recorded evidence.
    on_registered: |_| page(200, "<html><title>Dropbox - Sign in</title></html>"),
    // https://github.com/dropbox/dropbox-sdk-python/issues/203
    on_unregistered: || {
        page(
            400,
            "<html><title>Dropbox - 400</title><body>Error (400) It seems the app you were using submitted a bad request. More details for developers Invalid redirect_uri. It must exactly match one of the redirect URIs you've pre-configured for your app (including the path).</body></html>",
        )
    },
    // https://github.com/dropbox/dbxcli/issues/62
    on_unknown_client: || {
        page(
            400,
            "<html><title>Dropbox - 400</title><body>Error (400) It seems the app you were using submitted a bad request. More details for developers Invalid client_id: \"g4l8x0c2v6b1n5m\".</body></html>",
        )
    },
};

const BAD_AUTH: &str = "Error in call to API function \"check/app\": Invalid authorization value in HTTP header \"Authorization\": \"Basic ...\".  Expecting \"Basic <base64(app_key:app_secret)>\".";

fn check_app(req: &Request) -> ResponseTemplate {
    let Some((key, secret)) = basic_auth(req) else {
        return ResponseTemplate::new(400).set_body_string(BAD_AUTH);
    };
    if ![APP_KEY, ODD_KEY].contains(&key.as_str()) || secret != APP_SECRET {
        return ResponseTemplate::new(401).set_body_json(json!({
            "error_summary": "invalid_access_token/..",
            "error": {".tag": "invalid_access_token"}
        }));
    }
    let is_json = req
        .headers
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/json"));
    let query = serde_json::from_slice::<serde_json::Value>(&req.body)
        .ok()
        .and_then(|b| b.get("query").and_then(|q| q.as_str()).map(str::to_string));
    match (is_json, query) {
        (true, Some(query)) => ResponseTemplate::new(200).set_body_json(json!({"result": query})),
        _ => ResponseTemplate::new(400)
            .set_body_string("Error in call to API function \"check/app\": request body: could not decode input as JSON"),
    }
}

pub async fn start() -> Fake {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/2/check/app"))
        .respond_with(check_app)
        .mount(&server)
        .await;
    AUTHORIZE.mount(&server).await;
    Fake {
        endpoint: server.uri(),
        valid: vec![
            ("app_key", APP_KEY.into()),
            ("app_secret", APP_SECRET.into()),
        ],
        rejected: vec![
            ("app_key", APP_KEY.into()),
            ("app_secret", OTHER_SECRET.into()),
        ],
        secrets: vec![APP_SECRET.into(), OTHER_SECRET.into()],
        guard: Box::new(server),
    }
}

async fn run(key: &str, secret: &str, endpoint: &str) -> Output {
    Sandbox::new()
        .check_fields(
            "dropbox",
            &[("app_key", key), ("app_secret", secret)],
            endpoint,
        )
        .await
}

async fn canned(template: ResponseTemplate) -> MockServer {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(template)
        .mount(&server)
        .await;
    server
}

#[tokio::test]
async fn dropbox_valid_app_is_ok() {
    let fake = start().await;
    let out = run(APP_KEY, APP_SECRET, &fake.endpoint).await;
    assert_eq!(out.status("dropbox"), "ok", "{}", out.all());
    assert_eq!(out.code, 0);
    assert_eq!(out.result("dropbox")["facts"]["probe"], "check/app");
    assert_no_leak(&out, &fake.secrets);
}

#[tokio::test]
async fn dropbox_wrong_secret_is_rejected() {
    let fake = start().await;
    let out = run(APP_KEY, OTHER_SECRET, &fake.endpoint).await;
    assert_eq!(out.status("dropbox"), "rejected", "{}", out.all());
    assert_eq!(out.code, 1);
    assert!(
        out.result("dropbox")["advice"]
            .as_str()
            .unwrap()
            .contains("App secret")
    );
    assert_no_leak(&out, &fake.secrets);
}

#[tokio::test]
async fn dropbox_unknown_app_key_is_rejected() {
    let fake = start().await;
    let out = run(UNKNOWN_KEY, APP_SECRET, &fake.endpoint).await;
    assert_eq!(out.status("dropbox"), "rejected", "{}", out.all());
    assert_eq!(out.code, 1);
    assert_no_leak(&out, &fake.secrets);
}

#[tokio::test]
async fn dropbox_invalid_authorization_400_is_rejected() {
    let server = canned(ResponseTemplate::new(400).set_body_string(BAD_AUTH)).await;
    let out = run(APP_KEY, APP_SECRET, &server.uri()).await;
    assert_eq!(out.status("dropbox"), "rejected", "{}", out.all());
    assert_eq!(out.code, 1);
}

#[tokio::test]
async fn dropbox_other_400_is_unreachable() {
    let server = canned(
        ResponseTemplate::new(400)
            .set_body_string("Error in call to API function \"check/app\": something else changed"),
    )
    .await;
    let out = run(APP_KEY, APP_SECRET, &server.uri()).await;
    assert_eq!(out.status("dropbox"), "unreachable", "{}", out.all());
    assert_eq!(out.code, 3);
}

#[tokio::test]
async fn dropbox_wrong_echo_is_unreachable() {
    let server =
        canned(ResponseTemplate::new(200).set_body_json(json!({"result": "not-the-nonce"}))).await;
    let out = run(APP_KEY, APP_SECRET, &server.uri()).await;
    assert_eq!(out.status("dropbox"), "unreachable", "{}", out.all());
    assert!(
        out.result("dropbox")["message"]
            .as_str()
            .unwrap()
            .contains("echo")
    );
    assert_eq!(out.code, 3);
}

#[tokio::test]
async fn dropbox_redirect_uri_probe_has_four_outcomes() {
    let fake = start().await;
    redirect_outcomes(
        &fake,
        RedirectCase {
            id: "dropbox",
            client_field: "app_key",
            unknown_client: UNKNOWN_KEY,
            odd_client: ODD_KEY,
            registered_fact: "not verified",
            unknown_fact: "does not know this client id",
            register_hint: "Redirect URIs",
        },
    )
    .await;
}
