//! WordPress.com token endpoint fake: `POST /oauth2/token` with the client in the form. A good
//! client gets `invalid_grant` for the dummy code; an unknown id `invalid_client` "Unknown
//! client_id."; a wrong secret `invalid_client` with other text (UNCONFIRMED, §25).

use wiremock::matchers::method;
use wiremock::{Mock, MockServer};

use super::Fake;
use super::oauth::{ClientIn, Refusal, TokenEndpoint, error};
use crate::support::{Output, Sandbox, assert_no_leak};

pub const CLIENT_ID: &str = "58214";
pub const CLIENT_SECRET: &str = "XqeBNC4PRT387ZYLY0UiEW72w1b43IE5dAAeKOIemWBfLa876kVVezclqkVSEcGX";
pub const OTHER_SECRET: &str = "lkZEocWZQMnimScVSDTEM3a4B2kFd4JaRkQ1aKimzYnJ4s09ydKUIpgsPAjoeVfb";
pub const UNKNOWN_ID: &str = "73905";

static TOKEN: TokenEndpoint = TokenEndpoint {
    method: "POST",
    path: "/oauth2/token",
    client_in: ClientIn::Form,
    clients: &[(CLIENT_ID, CLIENT_SECRET)],
    grant_types: &["authorization_code"],
    refuse: |refusal, _| match refusal {
        Refusal::NoClient | Refusal::UnknownClient => {
            error(400, "invalid_client", "Unknown client_id.")
        }
        Refusal::WrongSecret => error(400, "invalid_client", "Incorrect client_secret."),
        Refusal::UnsupportedGrant => {
            error(400, "unsupported_grant_type", "Unsupported grant_type.")
        }
    },
    answer: |_| error(400, "invalid_grant", "Invalid authorization code."),
};

pub async fn start() -> Fake {
    let server = MockServer::start().await;
    TOKEN.mount(&server).await;
    Fake::client_pair(server, CLIENT_ID, CLIENT_SECRET, OTHER_SECRET)
}

async fn run(id: &str, secret: &str, endpoint: &str) -> Output {
    Sandbox::new()
        .check_fields(
            "wordpress",
            &[("client_id", id), ("client_secret", secret)],
            endpoint,
        )
        .await
}

#[tokio::test]
async fn wordpress_valid_client_is_ok_with_portal_support() {
    let fake = start().await;
    let out = run(CLIENT_ID, CLIENT_SECRET, &fake.endpoint).await;
    assert_eq!(out.status("wordpress"), "ok", "{}", out.all());
    assert_eq!(out.code, 0);
    let facts = &out.result("wordpress")["facts"];
    assert!(facts["portal_support"].as_str().unwrap().contains("v12.5"));
    assert_no_leak(&out, &fake.secrets);
}

#[tokio::test]
async fn wordpress_wrong_secret_is_rejected() {
    let fake = start().await;
    let out = run(CLIENT_ID, OTHER_SECRET, &fake.endpoint).await;
    assert_eq!(out.status("wordpress"), "rejected", "{}", out.all());
    assert_eq!(out.code, 1);
    assert!(
        out.text("wordpress", "message")
            .contains("refused the client_secret"),
        "{}",
        out.all()
    );
    assert_no_leak(&out, &fake.secrets);
}

#[tokio::test]
async fn wordpress_unknown_client_id_is_rejected() {
    let fake = start().await;
    let out = run(UNKNOWN_ID, CLIENT_SECRET, &fake.endpoint).await;
    assert_eq!(out.status("wordpress"), "rejected", "{}", out.all());
    assert_eq!(out.code, 1);
    assert!(
        out.text("wordpress", "message")
            .contains("does not know this client_id"),
        "{}",
        out.all()
    );
    assert!(out.text("wordpress", "advice").contains("Client ID"));
    assert_no_leak(&out, &fake.secrets);
}

#[tokio::test]
async fn wordpress_other_invalid_request_is_unreachable() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(error(
            400,
            "invalid_request",
            "Missing required parameter: redirect_uri.",
        ))
        .mount(&server)
        .await;
    let out = run(CLIENT_ID, CLIENT_SECRET, &server.uri()).await;
    assert_eq!(out.status("wordpress"), "unreachable", "{}", out.all());
    assert_eq!(out.code, 3);
}
