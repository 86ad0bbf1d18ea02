//! Yandex ID fake: the token endpoint `POST /token` with the client in the form, and the
//! authorization page `GET /authorize` as a browser without a session meets it (issue 12). A good client gets
//! `bad_verification_code` for the dummy code, an app in moderation `unauthorized_client`, a
//! bad pair `invalid_client` (descriptions UNCONFIRMED, verification.md §27).

use wiremock::matchers::method;
use wiremock::{Mock, MockServer, ResponseTemplate};

use super::Fake;
use super::oauth::{
    AuthorizeEndpoint, Call, ClientIn, RedirectCase, Refusal, TokenEndpoint, error, page,
    redirect_outcomes,
};
use crate::support::{Output, Sandbox, assert_no_leak};

pub const CLIENT_ID: &str = "c59f3f609a3a5ee6d63747102484f02c";
pub const CLIENT_SECRET: &str = "e8b239217bfe81826c6096adc7d62bc4";
pub const OTHER_SECRET: &str = "296c82925e28dc7a37ba86338909b1b9";
pub const UNKNOWN_ID: &str = "8e6e5c73c8a9865bbe42fa1b22b1710a";
/// An app still waiting for moderation, with its own (right) secret.
pub const PENDING_ID: &str = "8d2caaef20c9dc37c83e9d79e328abeb";
pub const PENDING_SECRET: &str = "5b0e7c19d4a8f2e6b3c7d1a9e5f08b42";
/// An app whose authorization page answers in a way no evidence describes.
pub const ODD_ID: &str = "0dd0dd0dd0dd0dd0dd0dd0dd0dd0dd00";
pub const REDIRECT_URI: &str = "https://service.onlyoffice.com/oauth2.aspx";

static AUTHORIZE: AuthorizeEndpoint = AuthorizeEndpoint {
    path: "/authorize",
    clients: &[CLIENT_ID, PENDING_ID, ODD_ID],
    registered: REDIRECT_URI,
    // The portal asks Yandex for no scope.
    scope: None,
    odd_client: ODD_ID,
    // The sign-in page itself: what it looks like is not in the recorded evidence.
    on_registered: |_| page(200, "<html><title>Yandex ID</title></html>"),
    // https://github.com/radio-t/radio-t-site/issues/45
    on_unregistered: || {
        page(
            400,
            "<html><body><h1>400</h1><p>redirect_uri does not match the Callback URL defined for the client</p></body></html>",
        )
    },
    // https://github.com/python-social-auth/social-core/issues/1317
    on_unknown_client: || {
        page(
            400,
            "<html><body><h1>400</h1><p>Unknown client with such client_id</p></body></html>",
        )
    },
};

static TOKEN: TokenEndpoint = TokenEndpoint {
    method: "POST",
    path: "/token",
    client_in: ClientIn::Form,
    clients: &[
        (CLIENT_ID, CLIENT_SECRET),
        (PENDING_ID, PENDING_SECRET),
        (ODD_ID, CLIENT_SECRET),
    ],
    grant_types: &["authorization_code"],
    refuse: |refusal, _| match refusal {
        Refusal::NoClient | Refusal::UnknownClient => {
            error(400, "invalid_client", "Client not found")
        }
        Refusal::WrongSecret => error(400, "invalid_client", "Wrong client secret"),
        Refusal::UnsupportedGrant => error(400, "unsupported_grant_type", "Unsupported grant_type"),
    },
    answer: code_refused,
};

/// A moderated app gets the code refused; one with only the shape of a code learns it expired.
fn code_refused(call: &Call) -> ResponseTemplate {
    if call.client_id == PENDING_ID {
        return error(
            400,
            "unauthorized_client",
            "Client is blocked or not yet moderated",
        );
    }
    let code = call.param("code");
    if code.len() == 7 && code.bytes().all(|b| b.is_ascii_digit()) {
        error(400, "bad_verification_code", "Code has expired")
    } else {
        error(400, "bad_verification_code", "Invalid code")
    }
}

pub async fn start() -> Fake {
    let server = MockServer::start().await;
    TOKEN.mount(&server).await;
    AUTHORIZE.mount(&server).await;
    let mut fake = Fake::client_pair(server, CLIENT_ID, CLIENT_SECRET, OTHER_SECRET);
    fake.secrets.push(PENDING_SECRET.into());
    fake
}

async fn run(id: &str, secret: &str, endpoint: &str) -> Output {
    Sandbox::new()
        .check_fields(
            "yandex",
            &[("client_id", id), ("client_secret", secret)],
            endpoint,
        )
        .await
}

#[tokio::test]
async fn yandex_valid_client_is_ok() {
    let fake = start().await;
    let out = run(CLIENT_ID, CLIENT_SECRET, &fake.endpoint).await;
    assert_eq!(out.status("yandex"), "ok", "{}", out.all());
    assert_eq!(out.code, 0);
    let answer = &out.result("yandex")["facts"]["provider_answer"];
    assert_eq!(
        answer, "bad_verification_code: Code has expired",
        "a 7-digit code was sent"
    );
    assert_no_leak(&out, &fake.secrets);
}

#[tokio::test]
async fn yandex_wrong_secret_is_rejected() {
    let fake = start().await;
    let out = run(CLIENT_ID, OTHER_SECRET, &fake.endpoint).await;
    assert_eq!(out.status("yandex"), "rejected", "{}", out.all());
    assert_eq!(out.code, 1);
    assert!(
        out.text("yandex", "message")
            .contains("Password (client_secret)"),
        "{}",
        out.all()
    );
    assert_no_leak(&out, &fake.secrets);
}

#[tokio::test]
async fn yandex_unknown_client_id_is_rejected() {
    let fake = start().await;
    let out = run(UNKNOWN_ID, CLIENT_SECRET, &fake.endpoint).await;
    assert_eq!(out.status("yandex"), "rejected", "{}", out.all());
    assert_eq!(out.code, 1);
    assert!(
        out.text("yandex", "message")
            .contains("does not know this ID"),
        "{}",
        out.all()
    );
    assert_no_leak(&out, &fake.secrets);
}

#[tokio::test]
async fn yandex_app_in_moderation_is_misconfigured() {
    let fake = start().await;
    let out = run(PENDING_ID, PENDING_SECRET, &fake.endpoint).await;
    assert_eq!(out.status("yandex"), "misconfigured", "{}", out.all());
    assert_eq!(out.code, 1);
    assert!(out.text("yandex", "message").contains("moderation"));
    assert!(out.text("yandex", "advice").contains("oauth.yandex.ru"));
    assert_no_leak(&out, &fake.secrets);
}

#[tokio::test]
async fn yandex_unknown_error_is_unreachable() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(error(400, "invalid_scope", "Something new"))
        .mount(&server)
        .await;
    let out = run(CLIENT_ID, CLIENT_SECRET, &server.uri()).await;
    assert_eq!(out.status("yandex"), "unreachable", "{}", out.all());
    assert_eq!(out.code, 3);
}

#[tokio::test]
async fn yandex_redirect_uri_probe_has_four_outcomes() {
    let fake = start().await;
    redirect_outcomes(
        &fake,
        RedirectCase {
            id: "yandex",
            client_field: "client_id",
            unknown_client: UNKNOWN_ID,
            odd_client: ODD_ID,
            registered_fact: "not verified",
            unknown_fact: "does not know this client id",
            register_hint: "Redirect URI",
        },
    )
    .await;
}
