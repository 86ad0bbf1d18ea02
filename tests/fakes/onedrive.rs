//! OneDrive fake: the portal's token endpoint, `POST /oauth20_token.srf` of login.live.com,
//! with the client in the form (portal-parity.md, onedrive), judging the app, its audience and
//! its secret before the code, with login.live.com's own error bodies; next to it the Entra
//! endpoint of the Microsoft fake, which the check asks only about a client id that
//! login.live.com does not know. Other paths and grants are refused.

use serde_json::json;
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

use super::microsoft::{App, mount_entra};
use super::oauth::{AuthorizeEndpoint, RedirectCase, page, redirect, redirect_outcomes};
use super::{Fake, form};
use crate::support::{Sandbox, assert_no_leak};

pub const DRIVE_APP: App = App {
    id: "93129ff7-5f60-4c26-b508-1eefa200c8b7",
    name: "Portal OneDrive",
    secret: "kCN4Q~Xvtrq0m6fXuEGwLVBzHFm~cWRr..-qCA2W",
    expired_secret: "",
    personal: true,
    multi_tenant: true,
    roles: &["Files.Read.All", "Sites.Read.All"],
};
pub const ORG_ONLY_APP: App = App {
    id: "f665c3dd-6ef1-42af-80ce-dc0d51b53781",
    name: "Fabrikam Files",
    secret: "K999Q~KhTPnQ2C5Gk4hWO4dH_0ghPF8_LNQIQ8hp",
    expired_secret: "",
    personal: false,
    multi_tenant: true,
    roles: &["Files.ReadWrite.All"],
};
/// An app whose authorization page answers in a way no evidence describes.
pub const ODD_APP: App = App {
    id: "0c5e8a1f-7d24-4b93-a6e0-3f9b2d71c845",
    name: "Portal OneDrive (maintenance)",
    secret: DRIVE_APP.secret,
    expired_secret: "",
    personal: true,
    multi_tenant: true,
    roles: &[],
};
pub const WRONG_SECRET: &str = "AnO9Q~hk.my8DhgDjSvjAe-Kmd3FM09o~M9QiX6p";
pub const UNKNOWN_ID: &str = "79844823-7200-4839-9ab8-bb151a70424d";
/// The redirect URI the apps registered: the portal's default (Workspace).
const REDIRECT: &str = "https://service.onlyoffice.com/oauth2.aspx";

static APPS: [App; 3] = [DRIVE_APP, ORG_ONLY_APP, ODD_APP];

/// login.live.com's authorization page, as a browser without a session meets it.
static AUTHORIZE: AuthorizeEndpoint = AuthorizeEndpoint {
    path: "/oauth20_authorize.srf",
    clients: &[DRIVE_APP.id, ORG_ONLY_APP.id, ODD_APP.id],
    registered: REDIRECT,
    // [portal.scopes] drive, as the portal sends them (OneDriveLoginProvider.cs).
    scope: Some("wl.signin wl.skydrive_update wl.offline_access"),
    odd_client: ODD_APP.id,
    // The sign-in page: what it looks like before sign-in is not in the recorded evidence.
    on_registered: |_| {
        page(
            200,
            "<html><head><title>Sign in to your Microsoft account</title></head></html>",
        )
    },
    // https://github.com/HTBox/allReady/issues/312
    on_unregistered: || {
        redirect(
            "https://login.live.com/err.srf?lc=1033#error=invalid_request&error_description=The+provided+value+for+the+input+parameter+'redirect_uri'+is+not+valid.+The+expected+value+is+'https://login.live.com/oauth20_desktop.srf'+or+a+URL+which+matches+the+redirect+URI+registered+for+this+client+application.",
        )
    },
    // Not documented before sign-in: a page the evidence does not describe.
    on_unknown_client: || {
        page(
            200,
            "<html><head><title>Sign in to your Microsoft account</title></head></html>",
        )
    },
};

fn live_error(status: u16, error: &str, description: &str) -> ResponseTemplate {
    ResponseTemplate::new(status)
        .set_body_json(json!({"error": error, "error_description": description}))
}

/// login.live.com's token endpoint, with the error texts quoted in public threads.
fn live_token(req: &Request) -> ResponseTemplate {
    let fields = form(req);
    let field = |k: &str| fields.get(k).map(String::as_str).unwrap_or("");
    let Some(app) = APPS.iter().find(|a| a.id == field("client_id")) else {
        // requests/requests-oauthlib#225
        return live_error(
            400,
            "invalid_client",
            "The client does not exist. If you are the application developer, configure a new application through the App Registrations in the Azure Portal at https://go.microsoft.com/fwlink/?linkid=2083908.",
        );
    };
    if !app.personal {
        // sspeiser/onenote-export#8
        return live_error(
            400,
            "unauthorized_client",
            "The client does not exist or is not enabled for consumers. If you are the application developer, configure a new application through the App Registrations in the Azure Portal at https://go.microsoft.com/fwlink/?linkid=2083908.",
        );
    }
    if field("client_secret") != app.secret {
        // lovattj/php-skydrive#12
        return live_error(
            400,
            "invalid_client",
            "The provided value for the 'client_secret' parameter is not valid.",
        );
    }
    if field("grant_type") != "authorization_code" {
        return live_error(
            400,
            "unsupported_grant_type",
            "The provided value for the input parameter 'grant_type' is not valid.",
        );
    }
    if field("redirect_uri") != REDIRECT {
        return live_error(
            400,
            "invalid_request",
            "The provided value for the input parameter 'redirect_uri' is not valid. The expected value is a URI which matches a redirect URI registered for this client application.",
        );
    }
    live_error(
        400,
        "invalid_grant",
        "The provided value for the 'code' parameter is not valid.",
    )
}

pub async fn start() -> Fake {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/oauth20_token.srf"))
        .respond_with(live_token)
        .mount(&server)
        .await;
    mount_entra(&server, &APPS).await;
    AUTHORIZE.mount(&server).await;
    Fake {
        endpoint: server.uri(),
        valid: vec![
            ("client_id", DRIVE_APP.id.into()),
            ("client_secret", DRIVE_APP.secret.into()),
        ],
        rejected: vec![
            ("client_id", DRIVE_APP.id.into()),
            ("client_secret", WRONG_SECRET.into()),
        ],
        secrets: vec![
            DRIVE_APP.secret.into(),
            ORG_ONLY_APP.secret.into(),
            WRONG_SECRET.into(),
        ],
        guard: Box::new(server),
    }
}

async fn run(endpoint: &str, fields: &[(&'static str, &str)]) -> crate::support::Output {
    let sandbox = Sandbox::new();
    let mut config: Vec<(&'static str, String)> =
        fields.iter().map(|(k, v)| (*k, v.to_string())).collect();
    config.push(("endpoint", endpoint.to_string()));
    sandbox.set_provider("onedrive", &config);
    let out = sandbox.check_json("onedrive", &[]).await;
    assert_no_leak(
        &out,
        &[
            DRIVE_APP.secret.into(),
            ORG_ONLY_APP.secret.into(),
            WRONG_SECRET.into(),
        ],
    );
    out
}

async fn paths(fake: &Fake) -> Vec<String> {
    let server = fake.guard.downcast_ref::<MockServer>().unwrap();
    // The token requests only: the authorization-page probe (a GET) goes out alongside.
    let mut paths: Vec<String> = server
        .received_requests()
        .await
        .unwrap()
        .iter()
        .filter(|r| r.method.as_str() == "POST")
        .map(|r| r.url.path().to_string())
        .collect();
    // A dummy code goes out twice at once (real and altered secret): count each path once.
    paths.dedup();
    paths
}

async fn answering(response: ResponseTemplate) -> MockServer {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(response)
        .mount(&server)
        .await;
    server
}

#[tokio::test]
async fn onedrive_probes_login_live_com_as_the_portal() {
    let fake = start().await;
    let out = run(
        &fake.endpoint,
        &[
            ("client_id", DRIVE_APP.id),
            ("client_secret", DRIVE_APP.secret),
        ],
    )
    .await;
    assert_eq!(out.status("onedrive"), "ok", "{}", out.all());
    assert_eq!(out.code, 0);
    let facts = &out.result("onedrive")["facts"];
    assert!(
        facts["proven"].as_str().unwrap().contains("login.live.com"),
        "{facts}"
    );
    assert!(
        facts["not_proven"]
            .as_str()
            .unwrap()
            .contains("api.onedrive.com"),
        "{facts}"
    );
    assert!(facts.get("format_notes").is_none(), "{facts}");
    // The real exchange and the altered-secret control, both at the portal's endpoint.
    let server = fake.guard.downcast_ref::<MockServer>().unwrap();
    let requests = server.received_requests().await.unwrap();
    assert_eq!(
        requests
            .iter()
            .filter(|r| r.method.as_str() == "POST")
            .count(),
        2
    );
    assert_eq!(paths(&fake).await, ["/oauth20_token.srf"]);
    assert!(
        facts["secret_control"]
            .as_str()
            .unwrap()
            .contains("altered secret was refused"),
        "{facts}"
    );
}

#[tokio::test]
async fn onedrive_wrong_secret_is_rejected() {
    let fake = start().await;
    let out = run(
        &fake.endpoint,
        &[("client_id", DRIVE_APP.id), ("client_secret", WRONG_SECRET)],
    )
    .await;
    assert_eq!(out.status("onedrive"), "rejected", "{}", out.all());
    assert_eq!(out.code, 1);
    assert!(
        out.result("onedrive")["message"]
            .as_str()
            .unwrap()
            .contains("client_secret")
    );
}

#[tokio::test]
async fn onedrive_organisation_only_app_is_misconfigured() {
    let fake = start().await;
    let out = run(
        &fake.endpoint,
        &[
            ("client_id", ORG_ONLY_APP.id),
            ("client_secret", ORG_ONLY_APP.secret),
        ],
    )
    .await;
    assert_eq!(out.status("onedrive"), "misconfigured", "{}", out.all());
    assert_eq!(out.code, 1);
    let result = out.result("onedrive");
    assert!(
        result["message"]
            .as_str()
            .unwrap()
            .contains("personal Microsoft accounts"),
        "{result}"
    );
    assert!(
        result["advice"]
            .as_str()
            .unwrap()
            .contains("Supported account types")
    );
    assert_eq!(
        paths(&fake).await,
        ["/oauth20_token.srf", "/organizations/oauth2/v2.0/token"]
    );
}

#[tokio::test]
async fn onedrive_unknown_client_id_is_rejected() {
    let fake = start().await;
    let out = run(
        &fake.endpoint,
        &[
            ("client_id", UNKNOWN_ID),
            ("client_secret", DRIVE_APP.secret),
        ],
    )
    .await;
    assert_eq!(out.status("onedrive"), "rejected", "{}", out.all());
    assert!(
        out.result("onedrive")["message"]
            .as_str()
            .unwrap()
            .contains("knows no app")
    );
}

#[tokio::test]
async fn onedrive_unregistered_redirect_uri_is_misconfigured() {
    let server = answering(ResponseTemplate::new(400).set_body_json(json!({"error": "invalid_request", "error_description": "The provided value for the input parameter 'redirect_uri' is not valid. The expected value is a URI which matches a redirect URI registered for this client application."}))).await;
    let out = run(
        &server.uri(),
        &[
            ("client_id", DRIVE_APP.id),
            ("client_secret", DRIVE_APP.secret),
        ],
    )
    .await;
    assert_eq!(out.status("onedrive"), "misconfigured", "{}", out.all());
    assert!(
        out.result("onedrive")["advice"]
            .as_str()
            .unwrap()
            .contains(REDIRECT)
    );
}

#[tokio::test]
async fn onedrive_code_checked_before_the_client_is_only_a_warning() {
    let server = answering(ResponseTemplate::new(400).set_body_json(json!({"error": "invalid_grant", "error_description": "The provided value for the 'code' parameter is not valid."}))).await;
    let out = run(
        &server.uri(),
        &[
            ("client_id", DRIVE_APP.id),
            ("client_secret", DRIVE_APP.secret),
        ],
    )
    .await;
    assert_eq!(out.status("onedrive"), "warning", "{}", out.all());
    assert!(
        out.result("onedrive")["message"]
            .as_str()
            .unwrap()
            .contains("the secret could not be verified by this request")
    );
}

#[tokio::test]
async fn onedrive_unknown_answer_is_unreachable() {
    let server = answering(ResponseTemplate::new(400).set_body_json(json!({"error": "temporarily_unavailable", "error_description": "The service is temporarily unavailable."}))).await;
    let out = run(
        &server.uri(),
        &[
            ("client_id", DRIVE_APP.id),
            ("client_secret", DRIVE_APP.secret),
        ],
    )
    .await;
    assert_eq!(out.status("onedrive"), "unreachable", "{}", out.all());
    assert_eq!(out.code, 3);
    assert_eq!(
        out.result("onedrive")["facts"]["provider_error"],
        "temporarily_unavailable"
    );
}

#[tokio::test]
async fn onedrive_bare_403_is_not_the_provider() {
    let server = answering(ResponseTemplate::new(403).set_body_string("Forbidden")).await;
    let out = run(
        &server.uri(),
        &[
            ("client_id", DRIVE_APP.id),
            ("client_secret", DRIVE_APP.secret),
        ],
    )
    .await;
    assert_eq!(out.status("onedrive"), "unreachable", "{}", out.all());
    assert_eq!(out.result("onedrive")["reason"], "intermediary");
}

#[tokio::test]
async fn onedrive_redirect_uri_probe_has_four_outcomes() {
    let fake = start().await;
    redirect_outcomes(
        &fake,
        RedirectCase {
            id: "onedrive",
            client_field: "client_id",
            unknown_client: UNKNOWN_ID,
            odd_client: ODD_APP.id,
            registered_fact: "not verified",
            unknown_fact: "not verified",
            register_hint: "Authentication",
        },
    )
    .await;
}
