//! Yahoo token endpoint fake: `POST /oauth2/get_token` with the client in the form, as the
//! portal's generic exchange posts it (portal-parity.md, yahoo); a Basic header is not read. A good client gets `INVALID_AUTHORIZATION_CODE` for the dummy code; a
//! bad one 401 `INVALID_CLIENT` / `invalid_client` (both spellings UNCONFIRMED, §26).

use wiremock::matchers::method;
use wiremock::{Mock, MockServer};

use super::Fake;
use super::oauth::{ClientIn, Refusal, TokenEndpoint, error};
use crate::support::{Output, Sandbox, assert_no_leak};

pub const CLIENT_ID: &str =
    "dj0ywNlgzOndfHRWCcSfdN0aH4aJmNSboLzk3uuIyhHmdQzq4HGaIEmm8cR26wsf1j9IEeYa3mCAbrHgxZgY";
pub const CLIENT_SECRET: &str = "4c4a2b77c01ea79377cf6c833d3e93c80c771f38";
pub const OTHER_SECRET: &str = "76111f0a0a3d55d22a6ecd357a1c93c85a18b01e";
pub const UNKNOWN_ID: &str =
    "dj0yndUd8zYrEkTjS7j5lsJFkkKBkOSou824mFASabUhVy93EgpA9TcuWC7V3Fjc6J3CPaXWUKfDxNtHzK1D";

static TOKEN: TokenEndpoint = TokenEndpoint {
    method: "POST",
    path: "/oauth2/get_token",
    client_in: ClientIn::Form,
    clients: &[(CLIENT_ID, CLIENT_SECRET)],
    grant_types: &["authorization_code"],
    refuse: |refusal, _| match refusal {
        Refusal::NoClient => error(401, "invalid_client", "Client authentication failed"),
        Refusal::UnknownClient => error(401, "invalid_client", "Please specify a valid client"),
        Refusal::WrongSecret => error(401, "INVALID_CLIENT", "Client authentication failed"),
        Refusal::UnsupportedGrant => {
            error(400, "UNSUPPORTED_GRANT_TYPE", "Grant type is not supported")
        }
    },
    answer: |_| {
        error(
            400,
            "INVALID_AUTHORIZATION_CODE",
            "Failed to decode authorization code",
        )
    },
};

pub async fn start() -> Fake {
    let server = MockServer::start().await;
    TOKEN.mount(&server).await;
    Fake::client_pair(server, CLIENT_ID, CLIENT_SECRET, OTHER_SECRET)
}

async fn run(id: &str, secret: &str, endpoint: &str) -> Output {
    Sandbox::new()
        .check_fields(
            "yahoo",
            &[("client_id", id), ("client_secret", secret)],
            endpoint,
        )
        .await
}

#[tokio::test]
async fn yahoo_valid_client_is_a_warning_because_portals_dropped_yahoo() {
    let fake = start().await;
    let out = run(CLIENT_ID, CLIENT_SECRET, &fake.endpoint).await;
    assert_eq!(out.status("yahoo"), "warning", "{}", out.all());
    assert_eq!(out.code, 0);
    let result = out.result("yahoo");
    assert!(result["message"].as_str().unwrap().contains("v11.6"));
    assert!(
        result["facts"]["provider_answer"]
            .as_str()
            .unwrap()
            .contains("INVALID_AUTHORIZATION_CODE")
    );
    assert!(result["advice"].is_string());
    assert_no_leak(&out, &fake.secrets);
}

#[tokio::test]
async fn yahoo_wrong_secret_is_rejected() {
    let fake = start().await;
    let out = run(CLIENT_ID, OTHER_SECRET, &fake.endpoint).await;
    assert_eq!(out.status("yahoo"), "rejected", "{}", out.all());
    assert_eq!(out.code, 1);
    assert!(
        out.result("yahoo")["advice"]
            .as_str()
            .unwrap()
            .contains("Confidential Client")
    );
    assert_no_leak(&out, &fake.secrets);
}

#[tokio::test]
async fn yahoo_unknown_client_id_is_rejected() {
    let fake = start().await;
    let out = run(UNKNOWN_ID, CLIENT_SECRET, &fake.endpoint).await;
    assert_eq!(out.status("yahoo"), "rejected", "{}", out.all());
    assert_eq!(out.code, 1);
    assert_no_leak(&out, &fake.secrets);
}

#[tokio::test]
async fn yahoo_unknown_error_is_unreachable() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(error(400, "INVALID_INPUT", "Something new"))
        .mount(&server)
        .await;
    let out = run(CLIENT_ID, CLIENT_SECRET, &server.uri()).await;
    assert_eq!(out.status("yahoo"), "unreachable", "{}", out.all());
    assert_eq!(out.code, 3);
}

#[tokio::test]
async fn yahoo_posts_the_client_in_the_form_with_the_portal_redirect_uri() {
    let fake = start().await;
    let out = run(CLIENT_ID, CLIENT_SECRET, &fake.endpoint).await;
    assert_eq!(out.status("yahoo"), "warning", "{}", out.all());
    let server = fake.guard.downcast_ref::<MockServer>().unwrap();
    let requests = server.received_requests().await.unwrap();
    assert!(requests[0].headers.get("authorization").is_none());
    let form = super::form(&requests[0]);
    assert_eq!(form["client_id"], CLIENT_ID);
    assert_eq!(
        form["redirect_uri"],
        "https://service.onlyoffice.com/oauth2.aspx"
    );
}
