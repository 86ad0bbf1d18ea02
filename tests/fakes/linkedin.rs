//! LinkedIn fake: the token endpoint `POST /oauth/v2/accessToken` with the client in the form,
//! and the authorization page `GET /oauth/v2/authorization` (issues 12, 15.12).
//! A good client gets the dummy code refused (`invalid_request`), or `invalid_redirect_uri`
//! when the redirect URI is not registered; a bad pair gets 401 `invalid_client` (§13).

use wiremock::matchers::method;
use wiremock::{Mock, MockServer, ResponseTemplate};

use super::Fake;
use super::oauth::{
    AuthorizeEndpoint, Call, ClientIn, RedirectCase, Refusal, TokenEndpoint, error, page, redirect,
    redirect_outcomes,
};
use crate::support::{Output, Sandbox, assert_no_leak};

pub const CLIENT_ID: &str = "wvim1qz3tu3d4x";
pub const CLIENT_SECRET: &str = "crInbIEwDSwjxOju";
pub const OTHER_SECRET: &str = "taNk5vCwopW0bb9i";
pub const UNKNOWN_ID: &str = "wlp0aiq7dkvxre";
pub const REDIRECT_URI: &str = "https://service.onlyoffice.com/oauth2.aspx";
/// An app whose authorization page answers in a way no evidence describes.
pub const ODD_ID: &str = "86odd0client1x";
/// An app created after 1 August 2023: only Sign In with LinkedIn using OpenID Connect.
pub const OIDC_ONLY_ID: &str = "86oidc0only2yz";

const CODE_REFUSED: &str = "Unable to retrieve access token: appid/redirect uri/code verifier does not match authorization code. Or authorization code expired. Or external member binding exists";

static TOKEN: TokenEndpoint = TokenEndpoint {
    method: "POST",
    path: "/oauth/v2/accessToken",
    client_in: ClientIn::Form,
    clients: &[
        (CLIENT_ID, CLIENT_SECRET),
        (ODD_ID, CLIENT_SECRET),
        (OIDC_ONLY_ID, CLIENT_SECRET),
    ],
    grant_types: &["authorization_code"],
    // LinkedIn words a wrong id and a wrong secret alike.
    refuse: |refusal, _| match refusal {
        Refusal::UnsupportedGrant => error(400, "unsupported_grant_type", "grant_type is invalid"),
        _ => error(401, "invalid_client", "Client authentication failed"),
    },
    answer: code_refused,
};

fn code_refused(call: &Call) -> ResponseTemplate {
    if call.param("redirect_uri") != REDIRECT_URI {
        return error(400, "invalid_redirect_uri", CODE_REFUSED);
    }
    error(400, "invalid_request", CODE_REFUSED)
}

static AUTHORIZE: AuthorizeEndpoint = AuthorizeEndpoint {
    path: "/oauth/v2/authorization",
    clients: &[CLIENT_ID, ODD_ID, OIDC_ONLY_ID],
    registered: REDIRECT_URI,
    scope: Some("r_liteprofile r_emailaddress"),
    odd_client: ODD_ID,
    on_registered: |req| {
        // An app without the legacy product is sent back with the scope refused
        // (https://github.com/cuongdevjs/reactjs-social-login/issues/178).
        if req
            .url
            .query_pairs()
            .any(|(k, v)| k == "client_id" && v == OIDC_ONLY_ID)
        {
            return redirect(&format!(
                "{REDIRECT_URI}?error=unauthorized_scope_error&error_description=Scope+%26quot%3Br_liteprofile%26quot%3B+is+not+authorized+for+your+application"
            ));
        }
        // The sign-in page itself: what it looks like is not in the recorded evidence.
        page(
            200,
            "<html><title>LinkedIn Login, Sign in | LinkedIn</title></html>",
        )
    },
    // https://github.com/aspnet-contrib/AspNet.Security.OAuth.Providers/issues/648
    on_unregistered: || {
        page(
            400,
            "<html><body><h1>Bummer, something went wrong.</h1><p>The redirect_uri does not match the registered value</p></body></html>",
        )
    },
    // No public page quotes LinkedIn's answer to an unknown client id.
    on_unknown_client: || {
        page(
            400,
            "<html><body><h1>Bummer, something went wrong.</h1></body></html>",
        )
    },
};

pub async fn start() -> Fake {
    let server = MockServer::start().await;
    TOKEN.mount(&server).await;
    AUTHORIZE.mount(&server).await;
    Fake::client_pair(server, CLIENT_ID, CLIENT_SECRET, OTHER_SECRET)
}

async fn run(sandbox: &Sandbox, id: &str, secret: &str, endpoint: &str) -> Output {
    sandbox
        .check_fields(
            "linkedin",
            &[("client_id", id), ("client_secret", secret)],
            endpoint,
        )
        .await
}

#[tokio::test]
async fn linkedin_valid_client_is_ok() {
    let fake = start().await;
    let out = run(&Sandbox::new(), CLIENT_ID, CLIENT_SECRET, &fake.endpoint).await;
    assert_eq!(out.status("linkedin"), "ok", "{}", out.all());
    assert_eq!(out.code, 0);
    let facts = &out.result("linkedin")["facts"];
    assert_eq!(facts["probe"], "dummy authorization code");
    assert_no_leak(&out, &fake.secrets);
}

#[tokio::test]
async fn linkedin_wrong_secret_is_rejected() {
    let fake = start().await;
    let out = run(&Sandbox::new(), CLIENT_ID, OTHER_SECRET, &fake.endpoint).await;
    assert_eq!(out.status("linkedin"), "rejected", "{}", out.all());
    assert_eq!(out.code, 1);
    assert!(
        out.text("linkedin", "advice")
            .contains("Primary Client Secret")
    );
    assert_no_leak(&out, &fake.secrets);
}

#[tokio::test]
async fn linkedin_unknown_client_id_is_rejected() {
    let fake = start().await;
    let out = run(&Sandbox::new(), UNKNOWN_ID, CLIENT_SECRET, &fake.endpoint).await;
    assert_eq!(out.status("linkedin"), "rejected", "{}", out.all());
    assert_eq!(out.code, 1);
    // LinkedIn does not tell the two fields apart, so neither is named alone.
    assert!(
        out.text("linkedin", "message")
            .contains("client id or secret")
    );
}

#[tokio::test]
async fn linkedin_unregistered_redirect_uri_is_misconfigured() {
    let fake = start().await;
    let sandbox = Sandbox::new();
    sandbox.write_config("[portal]\nredirect_uri = \"https://relay.example.net/oauth2.aspx\"\n");
    let out = run(&sandbox, CLIENT_ID, CLIENT_SECRET, &fake.endpoint).await;
    assert_eq!(out.status("linkedin"), "misconfigured", "{}", out.all());
    assert_eq!(out.code, 1);
    assert!(
        out.text("linkedin", "message")
            .contains("https://relay.example.net/oauth2.aspx")
    );
    assert!(
        out.text("linkedin", "advice")
            .contains("Authorized redirect URLs")
    );
    assert_no_leak(&out, &fake.secrets);
}

#[tokio::test]
async fn linkedin_unknown_error_is_unreachable() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(error(
            400,
            "invalid_request",
            "A required parameter \"foo\" is missing",
        ))
        .mount(&server)
        .await;
    let out = run(&Sandbox::new(), CLIENT_ID, CLIENT_SECRET, &server.uri()).await;
    assert_eq!(out.status("linkedin"), "unreachable", "{}", out.all());
    assert_eq!(out.code, 3);
}

#[tokio::test]
async fn linkedin_redirect_uri_probe_has_four_outcomes() {
    let fake = start().await;
    redirect_outcomes(
        &fake,
        RedirectCase {
            id: "linkedin",
            client_field: "client_id",
            unknown_client: UNKNOWN_ID,
            odd_client: ODD_ID,
            registered_fact: "not verified",
            unknown_fact: "not verified",
            register_hint: "Authorized redirect URLs",
        },
    )
    .await;
}

#[tokio::test]
async fn linkedin_app_without_the_portal_scopes_is_misconfigured() {
    let fake = start().await;
    let out = run(&Sandbox::new(), OIDC_ONLY_ID, CLIENT_SECRET, &fake.endpoint).await;
    assert_eq!(out.status("linkedin"), "misconfigured", "{}", out.all());
    assert!(
        out.text("linkedin", "message")
            .contains("r_liteprofile r_emailaddress"),
        "{}",
        out.all()
    );
    assert!(
        out.text("linkedin", "advice").contains("Products"),
        "{}",
        out.all()
    );
    assert_no_leak(&out, &fake.secrets);
}

/// Issue 12.3: a green check in text still says what it could not prove about the redirect URI.
#[tokio::test]
async fn linkedin_text_output_says_the_redirect_uri_is_not_verified() {
    let fake = start().await;
    let sandbox = Sandbox::new();
    sandbox.set_provider("linkedin", &fake.valid_config());
    let out = sandbox.run_async(&["check", "linkedin"]).await;
    assert_eq!(out.code, 0, "{}", out.all());
    assert!(
        out.stdout.contains("redirect_uri: not verified"),
        "{}",
        out.all()
    );
    assert_no_leak(&out, &fake.secrets);
}
