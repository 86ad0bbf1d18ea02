//! Box token endpoint fake: `POST /api/oauth2/token` of app.box.com, the portal's token URL
//! (portal-parity.md, box; `BoxLoginProvider.cs`), with the client in the form and only the
//! authorization-code grant served; api.box.com's `/oauth2/token` is not served (404). A good
//! client gets `invalid_grant` for the dummy code, a wrong pair `invalid_client`
//! (verification.md §4).

use wiremock::matchers::method;
use wiremock::{Mock, MockServer};

use super::Fake;
use super::oauth::{ClientIn, Refusal, TokenEndpoint, error};
use crate::support::{Output, Sandbox, assert_no_leak};

pub const CLIENT_ID: &str = "g30gXQOqTAfdxIqXEw8Ds2iwFXzfVJvu";
pub const CLIENT_SECRET: &str = "ipKsNTnLKy8alFfVJTXeXkdecsWhHubB";
pub const OTHER_SECRET: &str = "sDJnsQIFFKtw7c4mEB2JVbluqHCZbI2I";
pub const UNKNOWN_ID: &str = "Vb3kQm9TzW1xRc7LpN5yHd2FjG8sAe4U";

static TOKEN: TokenEndpoint = TokenEndpoint {
    method: "POST",
    path: "/api/oauth2/token",
    client_in: ClientIn::Form,
    clients: &[(CLIENT_ID, CLIENT_SECRET)],
    grant_types: &["authorization_code"],
    refuse: |refusal, _| match refusal {
        Refusal::UnsupportedGrant => error(
            400,
            "unsupported_grant_type",
            "Invalid grant_type parameter or parameter missing",
        ),
        // scribejava/scribejava#842
        _ => error(400, "invalid_client", "The client credentials are invalid"),
    },
    answer: |_| {
        error(
            400,
            "invalid_grant",
            "Auth code doesn't exist or is invalid for the client",
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
            "box",
            &[("client_id", id), ("client_secret", secret)],
            endpoint,
        )
        .await
}

#[tokio::test]
async fn box_valid_client_is_ok_at_the_portal_token_url() {
    let fake = start().await;
    let out = run(CLIENT_ID, CLIENT_SECRET, &fake.endpoint).await;
    assert_eq!(out.status("box"), "ok", "{}", out.all());
    assert_eq!(out.code, 0);
    let facts = &out.result("box")["facts"];
    assert!(
        facts["provider_answer"]
            .as_str()
            .unwrap()
            .contains("invalid_grant")
    );
    assert_no_leak(&out, &fake.secrets);
    let server = fake.guard.downcast_ref::<MockServer>().unwrap();
    let requests = server.received_requests().await.unwrap();
    assert_eq!(requests[0].url.path(), "/api/oauth2/token");
    assert_eq!(
        super::form(&requests[0])["grant_type"],
        "authorization_code"
    );
}

#[tokio::test]
async fn box_wrong_secret_is_rejected() {
    let fake = start().await;
    let out = run(CLIENT_ID, OTHER_SECRET, &fake.endpoint).await;
    assert_eq!(out.status("box"), "rejected", "{}", out.all());
    assert_eq!(out.code, 1);
    assert!(
        out.result("box")["advice"]
            .as_str()
            .unwrap()
            .contains("Client Secret")
    );
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
        .respond_with(error(
            400,
            "invalid_request",
            "Invalid grant_type parameter or parameter missing",
        ))
        .mount(&server)
        .await;
    let out = run(CLIENT_ID, CLIENT_SECRET, &server.uri()).await;
    assert_eq!(out.status("box"), "unreachable", "{}", out.all());
    assert_eq!(out.code, 3);
}

#[tokio::test]
async fn box_server_authentication_app_is_misconfigured() {
    // trufflehog's Box detector reads this answer as "the client passed".
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(error(
            400,
            "unauthorized_client",
            "The grant type is unauthorized for this client_id",
        ))
        .mount(&server)
        .await;
    let out = run(CLIENT_ID, CLIENT_SECRET, &server.uri()).await;
    assert_eq!(out.status("box"), "misconfigured", "{}", out.all());
    assert!(
        out.result("box")["advice"]
            .as_str()
            .unwrap()
            .contains("User Authentication")
    );
}
