//! Google fake: the portal's token endpoint `POST /oauth2/v4/token` with the client in the form,
//! and the authorization endpoint `GET /o/oauth2/v2/auth` as a browser without a session
//! meets it (issue 12). A known client with
//! the right secret gets the dummy code refused (`invalid_grant`); otherwise the documented
//! `invalid_client` / `deleted_client` / `redirect_uri_mismatch` answers (verification.md §11).

use serde_json::{Value, json};
use wiremock::matchers::method;
use wiremock::{Mock, MockServer, ResponseTemplate};

use super::Fake;
use super::oauth::{
    AuthorizeEndpoint, Call, ClientIn, RedirectCase, Refusal, TokenEndpoint, error, page, redirect,
    redirect_outcomes,
};
use crate::support::{Output, Sandbox, assert_no_leak};

pub const CLIENT_ID: &str =
    "583920174466-k3v9q2m7x1p8z4w6r0t5y3u2i9o7a1sd.apps.googleusercontent.com";
pub const CLIENT_SECRET: &str = "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";
pub const OTHER_SECRET: &str = "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";
pub const UNKNOWN_ID: &str =
    "583920174466-b8n2c5x7z1l4k6j9h3g0f2d5s8a1q4we.apps.googleusercontent.com";
pub const DELETED_ID: &str =
    "583920174466-p0o9i8u7y6t5r4e3w2q1z0x9c8v7b6nm.apps.googleusercontent.com";
pub const DISABLED_ID: &str =
    "583920174466-d1s4b2l3e4d5c6l7i8e9n0t1a2b3c4de.apps.googleusercontent.com";
/// A client of a project with no OAuth consent screen.
pub const UNCONFIGURED_ID: &str =
    "583920174466-n0c0n5e2n7t3s4c5r6e7e8n9a0b1c2d3.apps.googleusercontent.com";
/// A client whose authorization page answers in a way no evidence describes.
pub const ODD_ID: &str = "583920174466-o0d1d2c3l4i5e6n7t8a9b0c1d2e3f4gh.apps.googleusercontent.com";
/// The redirect URI registered for CLIENT_ID: the portal's default relay.
pub const REDIRECT_URI: &str = "https://service.onlyoffice.com/oauth2.aspx";

static TOKEN: TokenEndpoint = TokenEndpoint {
    method: "POST",
    path: "/oauth2/v4/token",
    client_in: ClientIn::Form,
    clients: &[
        (CLIENT_ID, CLIENT_SECRET),
        (ODD_ID, CLIENT_SECRET),
        (UNCONFIGURED_ID, CLIENT_SECRET),
    ],
    grant_types: &["authorization_code"],
    refuse: |refusal, call| match refusal {
        Refusal::UnknownClient if call.client_id == DELETED_ID => {
            error(401, "deleted_client", "The OAuth client was deleted.")
        }
        Refusal::UnknownClient if call.client_id == DISABLED_ID => {
            error(401, "disabled_client", "The OAuth client was disabled.")
        }
        Refusal::NoClient | Refusal::UnknownClient => {
            error(401, "invalid_client", "The OAuth client was not found.")
        }
        Refusal::WrongSecret => error(401, "invalid_client", "Unauthorized"),
        Refusal::UnsupportedGrant => error(400, "unsupported_grant_type", "Invalid grant_type: "),
    },
    answer: code_refused,
};

/// The dummy code: refused, unless the redirect URI is not one registered for the client.
fn code_refused(call: &Call) -> ResponseTemplate {
    if call.param("redirect_uri") != REDIRECT_URI {
        return error(400, "redirect_uri_mismatch", "Bad Request");
    }
    error(400, "invalid_grant", "Malformed auth code.")
}

/// The sign-in scopes the portal sends (GoogleLoginProvider.cs).
const SIGN_IN_SCOPE: &str = "https://www.googleapis.com/auth/userinfo.profile https://www.googleapis.com/auth/userinfo.email";

static AUTHORIZE: AuthorizeEndpoint = AuthorizeEndpoint {
    path: "/o/oauth2/v2/auth",
    clients: &[CLIENT_ID, ODD_ID, UNCONFIGURED_ID],
    registered: REDIRECT_URI,
    scope: Some(SIGN_IN_SCOPE),
    odd_client: ODD_ID,
    // A browser without a session is sent on to the sign-in page
    // (https://github.com/EBOLABOY/GridBNB-USDT/issues/18 quotes such a URL).
    on_registered: |req| {
        // https://github.com/firebase/quickstart-js/issues/324
        if req
            .url
            .query_pairs()
            .any(|(k, v)| k == "client_id" && v == UNCONFIGURED_ID)
        {
            return page(
                403,
                "<html><title>Error 403 (Forbidden)</title>Authorization Error Error 403: restricted_client This app is not yet configured to make OAuth requests. To do that, set up the app\u{2019}s OAuth consent screen in the Google Cloud Console.</html>",
            );
        }
        redirect(
            "https://accounts.google.com/v3/signin/identifier?flowName=GeneralOAuthFlow&dsh=S-1",
        )
    },
    // https://github.com/yegor256/netbout/issues/1116
    on_unregistered: || {
        page(
            400,
            "<html><title>Error 400 (Bad Request)</title>400. That\u{2019}s an error. Error: redirect_uri_mismatch The redirect URI in the request, https://relay.example.net/oauth2.aspx, does not match the ones authorized for the OAuth client.</html>",
        )
    },
    // https://github.com/compserv/hknweb/issues/306
    on_unknown_client: || {
        page(
            401,
            "<html><title>Error 401 (Unauthorized)</title>Authorization Error Error 401: invalid_client The OAuth client was not found.</html>",
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
            "google",
            &[("client_id", id), ("client_secret", secret)],
            endpoint,
        )
        .await
}

#[tokio::test]
async fn google_valid_client_is_ok() {
    let fake = start().await;
    let out = run(&Sandbox::new(), CLIENT_ID, CLIENT_SECRET, &fake.endpoint).await;
    assert_eq!(out.status("google"), "ok", "{}", out.all());
    assert_eq!(out.code, 0);
    let facts = &out.result("google")["facts"];
    assert_eq!(facts["project_number"], "583920174466");
    assert!(
        facts["provider_answer"]
            .as_str()
            .unwrap()
            .contains("invalid_grant")
    );
    assert_no_leak(&out, &fake.secrets);
}

#[tokio::test]
async fn google_wrong_secret_is_rejected() {
    let fake = start().await;
    let out = run(&Sandbox::new(), CLIENT_ID, OTHER_SECRET, &fake.endpoint).await;
    assert_eq!(out.status("google"), "rejected", "{}", out.all());
    assert_eq!(out.code, 1);
    assert!(
        out.text("google", "message")
            .contains("refused the client_secret"),
        "{}",
        out.all()
    );
    assert!(out.text("google", "advice").contains("Client secret"));
    assert_no_leak(&out, &fake.secrets);
}

#[tokio::test]
async fn google_unknown_client_id_is_rejected() {
    let fake = start().await;
    let out = run(&Sandbox::new(), UNKNOWN_ID, CLIENT_SECRET, &fake.endpoint).await;
    assert_eq!(out.status("google"), "rejected", "{}", out.all());
    assert_eq!(out.code, 1);
    assert!(
        out.text("google", "message")
            .contains("does not know this client_id"),
        "{}",
        out.all()
    );
    assert_no_leak(&out, &fake.secrets);
}

#[tokio::test]
async fn google_deleted_client_is_rejected() {
    let fake = start().await;
    let out = run(&Sandbox::new(), DELETED_ID, CLIENT_SECRET, &fake.endpoint).await;
    assert_eq!(out.status("google"), "rejected", "{}", out.all());
    assert!(
        out.text("google", "message").contains("deleted"),
        "{}",
        out.all()
    );
    assert!(out.text("google", "advice").contains("Restore"));
}

#[tokio::test]
async fn google_unregistered_redirect_uri_is_misconfigured() {
    let fake = start().await;
    let sandbox = Sandbox::new();
    sandbox.write_config("[portal]\nredirect_uri = \"https://relay.example.net/oauth2.aspx\"\n");
    let out = run(&sandbox, CLIENT_ID, CLIENT_SECRET, &fake.endpoint).await;
    assert_eq!(out.status("google"), "misconfigured", "{}", out.all());
    assert_eq!(out.code, 1);
    assert!(
        out.text("google", "message")
            .contains("https://relay.example.net/oauth2.aspx")
    );
    assert!(
        out.text("google", "advice")
            .contains("Authorized redirect URIs")
    );
    assert_no_leak(&out, &fake.secrets);
}

#[tokio::test]
async fn google_unknown_error_is_unreachable() {
    let server = MockServer::start().await;
    let body: Value = json!({"error": "invalid_scope", "error_description": "Something new."});
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(400).set_body_json(body))
        .mount(&server)
        .await;
    let out = run(&Sandbox::new(), CLIENT_ID, CLIENT_SECRET, &server.uri()).await;
    assert_eq!(out.status("google"), "unreachable", "{}", out.all());
    assert_eq!(out.code, 3);
}

#[tokio::test]
async fn google_disabled_client_is_named() {
    let fake = start().await;
    let out = run(&Sandbox::new(), DISABLED_ID, CLIENT_SECRET, &fake.endpoint).await;
    assert_eq!(out.status("google"), "rejected", "{}", out.all());
    assert!(
        out.text("google", "message").contains("disabled"),
        "{}",
        out.all()
    );
    assert!(out.text("google", "advice").contains("Enable"));
}

#[tokio::test]
async fn google_redirect_uri_probe_has_four_outcomes() {
    let fake = start().await;
    redirect_outcomes(
        &fake,
        RedirectCase {
            id: "google",
            client_field: "client_id",
            unknown_client: UNKNOWN_ID,
            odd_client: ODD_ID,
            registered_fact: "registered",
            unknown_fact: "does not know this client id",
            register_hint: "Authorized redirect URIs",
        },
    )
    .await;
}

/// A Workspace portal file in the sandbox whose `googleRedirectUrl` is `uri`.
fn portal_file(sandbox: &Sandbox, uri: &str) -> String {
    let shipped = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/portal/web.consumers.new.config"
    ))
    .unwrap();
    let text = shipped.replace(
        "key=\"googleRedirectUrl\" value=\"https://service.onlyoffice.com/oauth2.aspx\"",
        &format!("key=\"googleRedirectUrl\" value=\"{uri}\""),
    );
    assert!(
        text.contains(&format!("value=\"{uri}\"")),
        "the fixture sets googleRedirectUrl"
    );
    let path = sandbox.dir.path().join("web.consumers.config");
    std::fs::write(&path, text).unwrap();
    path.to_string_lossy().into_owned()
}

/// Issue 12.4: the URI checked is the portal file's `googleRedirectUrl` when a portal file is
/// given and `[portal] redirect_uri` is not set; `[portal] redirect_uri` wins when it is.
#[tokio::test]
async fn google_checks_the_redirect_uri_of_the_portal_file() {
    let fake = start().await;
    let sandbox = Sandbox::new();
    sandbox.set_provider("google", &fake.valid_config());
    let file = portal_file(&sandbox, "https://relay.example.net/oauth2.aspx");
    let out = sandbox
        .check_json("google", &["--portal-file", &file])
        .await;
    assert_eq!(out.status("google"), "misconfigured", "{}", out.all());
    assert!(
        out.text("google", "message")
            .contains("https://relay.example.net/oauth2.aspx"),
        "{}",
        out.all()
    );

    let sandbox = Sandbox::new();
    sandbox.write_config(&format!("[portal]\nredirect_uri = \"{REDIRECT_URI}\"\n"));
    sandbox.set_provider("google", &fake.valid_config());
    let file = portal_file(&sandbox, "https://relay.example.net/oauth2.aspx");
    let out = sandbox
        .check_json("google", &["--portal-file", &file])
        .await;
    assert_eq!(out.status("google"), "ok", "{}", out.all());
    assert_eq!(out.result("google")["facts"]["redirect_uri"], "registered");

    let out = sandbox
        .check_json(
            "google",
            &["--portal-file", "/nonexistent/web.consumers.config"],
        )
        .await;
    assert_eq!(out.code, 2, "{}", out.all());
}

/// `doctor` shows the redirect URI as its own layer after the credentials (issue 12.4).
#[tokio::test]
async fn google_doctor_shows_the_redirect_uri_layer() {
    let fake = start().await;
    let layer = |doc: &Value| {
        let provider = &doc["results"].as_array().unwrap()[0];
        let layers = provider["layers"].as_array().unwrap();
        let names: Vec<&str> = layers.iter().map(|l| l["name"].as_str().unwrap()).collect();
        let check = names
            .iter()
            .position(|n| *n == "check")
            .expect("a check layer");
        assert_eq!(names.get(check + 1), Some(&"redirect_uri"), "{names:?}");
        layers[check + 1].clone()
    };
    let sandbox = Sandbox::new();
    sandbox.set_provider("google", &fake.valid_config());
    let out = sandbox
        .run_async(&[
            "doctor",
            "google",
            "--format",
            "json",
            "--portal-file",
            &portal_file(&sandbox, REDIRECT_URI),
        ])
        .await;
    let found = layer(&out.json());
    assert_eq!(found["status"], "ok", "{}", out.all());
    assert!(
        found["summary"].as_str().unwrap().contains("is registered"),
        "{found}"
    );

    let file = portal_file(&sandbox, "https://relay.example.net/oauth2.aspx");
    let out = sandbox
        .run_async(&[
            "doctor",
            "google",
            "--format",
            "json",
            "--portal-file",
            &file,
        ])
        .await;
    let found = layer(&out.json());
    assert_eq!(found["status"], "failed", "{}", out.all());
    assert!(
        found["summary"]
            .as_str()
            .unwrap()
            .contains("https://relay.example.net/oauth2.aspx"),
        "{found}"
    );
    assert!(
        found["advice"]
            .as_str()
            .unwrap()
            .contains("Authorized redirect URIs"),
        "{found}"
    );
    assert_no_leak(&out, &fake.secrets);
}

/// Issue 15.12: a project without an OAuth consent screen is refused before anyone signs in.
#[tokio::test]
async fn google_app_without_a_consent_screen_is_misconfigured() {
    let fake = start().await;
    let out = run(
        &Sandbox::new(),
        UNCONFIGURED_ID,
        CLIENT_SECRET,
        &fake.endpoint,
    )
    .await;
    assert_eq!(out.status("google"), "misconfigured", "{}", out.all());
    assert!(
        out.text("google", "message")
            .contains("setup is incomplete"),
        "{}",
        out.all()
    );
    assert!(
        out.text("google", "advice")
            .contains("Google Auth Platform"),
        "{}",
        out.all()
    );
    assert_no_leak(&out, &fake.secrets);
}
