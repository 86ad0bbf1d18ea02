//! Microsoft Entra ID fake: `POST /<tenant>/oauth2/v2.0/token`, judging the tenant, the app,
//! its supported account types and its secret in Entra's order, and answering with the AADSTS
//! bodies of verification.md §16-17. The portal signs in on /consumers only; the other paths
//! answer as Entra does, for the check's questions about an app it could not find there. App
//! tokens are unsigned-for-test JWTs whose claims the check reads. The OneDrive fake mounts the
//! same endpoint next to its login.live.com one.

use base64::Engine;
use serde_json::json;
use wiremock::matchers::{method, path_regex};
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

use super::{Fake, form};
use crate::support::{Sandbox, assert_no_leak};

pub const TENANT_ID: &str = "00c8bbea-b329-440a-a655-21ad2398e7bc";
pub const TENANT_DOMAIN: &str = "fabrikamportal.onmicrosoft.com";
/// A tenant whose Conditional Access policy blocks every app-only sign-in.
pub const LOCKED_TENANT: &str = "67e36953-ce0e-47f3-857c-bb6ca6699487";

/// One app registration.
pub struct App {
    pub id: &'static str,
    pub name: &'static str,
    pub secret: &'static str,
    pub expired_secret: &'static str,
    /// Accepts personal Microsoft accounts (served on /common and /consumers).
    pub personal: bool,
    /// Accepts work accounts of any organisation (served on /organizations); false for an
    /// app registered for "Accounts in this organizational directory only".
    pub multi_tenant: bool,
    pub roles: &'static [&'static str],
}

pub const APP: App = App {
    id: "81264c1a-64ea-4db4-8d44-89af4cfe8c2c",
    name: "ONLYOFFICE Portal Sign-in",
    secret: "EJu2Q~Adzha3FEwsibEaXbA.bEGUZ2Zx351J-WcF",
    expired_secret: "kxz6Q~OpKBeR-h5gW2BLlh0jDPRAv90wxlVSsaYE",
    personal: true,
    multi_tenant: true,
    roles: &["User.Read.All"],
};
/// Registered for "Accounts in this organizational directory only".
pub const ORG_APP: App = App {
    id: "ddccafde-8319-422d-9358-bf2db06590db",
    name: "Fabrikam Intranet",
    secret: "04m4Q~sIcfHOR1mdgbuH_1BKVf0ZM5a28P0aIFUF",
    expired_secret: "",
    personal: false,
    multi_tenant: false,
    roles: &[],
};
/// Registered for "Accounts in any organizational directory" (no personal accounts).
pub const WORK_APP: App = App {
    id: "5b0c7e2d-41a9-4f6e-9c3b-8d2e1f0a7c64",
    name: "Contoso Work Accounts",
    secret: "Pq7.Q~mZr2uXw8yLkT0vBn5cHd3jFg6sAe1oWi9R",
    expired_secret: "",
    personal: false,
    multi_tenant: true,
    roles: &[],
};
pub const WRONG_SECRET: &str = "a2_5Q~PTG9tngdRG~WuHcpvy~10OMAxHu..BDsqB";
/// The Secret ID column of APP's secret, pasted where the Value belongs.
pub const SECRET_ID: &str = "3960f001-59f7-42bd-88b0-24b0da507515";
/// The directory Entra names for personal Microsoft accounts.
const MSA_TENANT: &str = "9188040d-6c67-4c5b-b112-36a304b66dad";

/// An Entra error body, in the shape of a real one (thobach/MMM-MicrosoftToDo#33:
/// error, error_description with Trace ID / Correlation ID / Timestamp, error_codes, ...).
pub fn aadsts(status: u16, error: &str, code: u32, text: &str) -> ResponseTemplate {
    ResponseTemplate::new(status).set_body_json(json!({
        "error": error,
        "error_description": format!("AADSTS{code}: {text}\r\nTrace ID: 4b1c7e2a-0d9f-4c35-a8e6-7f21b9d03c11\r\nCorrelation ID: 9e3f5a71-2c48-4b6d-8e0a-d5c7b1f2a934\r\nTimestamp: 2026-11-20 09:14:07Z"),
        "error_codes": [code],
        "timestamp": "2026-11-20 09:14:07Z",
        "trace_id": "4b1c7e2a-0d9f-4c35-a8e6-7f21b9d03c11",
        "correlation_id": "9e3f5a71-2c48-4b6d-8e0a-d5c7b1f2a934",
        "error_uri": format!("https://login.microsoftonline.com/error?code={code}")
    }))
}

fn app_token(app: &App) -> String {
    let b64 = |v: serde_json::Value| {
        base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(v.to_string())
    };
    let header = b64(json!({"typ": "JWT", "alg": "RS256", "kid": "JDNa_4i4r7FgigL3sHIlI3xV-IU"}));
    let claims = b64(json!({
        "aud": "https://graph.microsoft.com",
        "iss": format!("https://sts.windows.net/{TENANT_ID}/"),
        "iat": 1_763_630_047, "nbf": 1_763_630_047, "exp": 1_763_633_947,
        "app_displayname": app.name, "appid": app.id, "idtyp": "app",
        "roles": app.roles, "tid": TENANT_ID
    }));
    format!("{header}.{claims}.c2lnbmF0dXJlLW5vdC1jaGVja2VkLWJ5LXRoZS1jaGVjaw")
}

/// An Entra token endpoint serving these apps, all registered in TENANT_ID.
pub async fn entra(apps: &'static [App]) -> MockServer {
    let server = MockServer::start().await;
    mount_entra(&server, apps).await;
    server
}

/// Mounts `POST /<tenant>/oauth2/v2.0/token`, judging the tenant, the app, its supported
/// account types and its secret in Entra's order; only `client_credentials` on a tenant and
/// `authorization_code` are served.
pub async fn mount_entra(server: &MockServer, apps: &'static [App]) {
    Mock::given(method("POST"))
        .and(path_regex(r"^/[^/]+/oauth2/v2\.0/token$"))
        .respond_with(move |req: &Request| {
            let tenant = req.url.path().split('/').nth(1).unwrap_or("").to_ascii_lowercase();
            let fields = form(req);
            let field = |k: &str| fields.get(k).map(String::as_str).unwrap_or("");
            let alias = ["common", "organizations", "consumers"].contains(&tenant.as_str());
            if !alias && ![TENANT_ID, TENANT_DOMAIN, LOCKED_TENANT].contains(&tenant.as_str()) {
                return aadsts(400, "invalid_request", 90002, &format!("Tenant '{tenant}' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud."));
            }
            let directory = if tenant == "consumers" { MSA_TENANT } else { tenant.as_str() };
            let unknown = |id: &str| aadsts(400, "unauthorized_client", 700016, &format!("Application with identifier '{id}' was not found in the directory '{directory}'. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant. You may have sent your authentication request to the wrong tenant."));
            let Some(app) = apps.iter().find(|a| a.id == field("client_id")) else {
                return unknown(field("client_id"));
            };
            // An app without personal accounts does not exist in the consumers directory.
            if tenant == "consumers" && !app.personal {
                return unknown(app.id);
            }
            if tenant == "common" && !app.personal {
                return aadsts(400, "invalid_request", 90130, &format!("Application '{}'({}) is not supported over the /common or /consumers endpoints. Please use the /organizations or tenant-specific endpoint.", app.id, app.name));
            }
            if tenant == "organizations" && !app.multi_tenant {
                return aadsts(400, "invalid_request", 50194, &format!("Application '{}'({}) is not configured as a multi-tenant application. Usage of the /common endpoint is not supported for such applications created after '10/15/2018'. Use a tenant-specific endpoint or configure the application to be multi-tenant.", app.id, app.name));
            }
            let secret = field("client_secret");
            if !app.expired_secret.is_empty() && secret == app.expired_secret {
                return aadsts(401, "invalid_client", 7000222, &format!("The provided client secret keys for app '{}' are expired. Visit the Azure portal to create new keys for your app: https://aka.ms/NewClientSecret, or consider using certificate credentials for added security: https://aka.ms/certCreds.", app.id));
            }
            if secret != app.secret {
                return aadsts(401, "invalid_client", 7000215, &format!("Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app '{}'.", app.id));
            }
            match field("grant_type") {
                "client_credentials" if alias => aadsts(400, "invalid_request", 50059, "No tenant-identifying information found in either the request or implied by any provided credentials."),
                "client_credentials" if field("scope") != "https://graph.microsoft.com/.default" => aadsts(400, "invalid_scope", 1002012, "The provided value for scope is not valid. Client credential flows must have a scope value with /.default suffixed to the resource identifier (application ID URI)."),
                "client_credentials" if tenant == LOCKED_TENANT => aadsts(400, "invalid_grant", 53003, "Access has been blocked by Conditional Access policies. The access policy does not allow token issuance."),
                "client_credentials" => ResponseTemplate::new(200).set_body_json(json!({
                    "token_type": "Bearer", "expires_in": 3599, "ext_expires_in": 3599, "access_token": app_token(app)
                })),
                // Azure-Samples/ms-identity-dotnet-webapi-azurefunctions#3
                "authorization_code" if !field("code").is_empty() => aadsts(400, "invalid_grant", 9002313, "Invalid request. Request is malformed or invalid."),
                _ => aadsts(400, "invalid_request", 900144, "The request body must contain the following parameter: 'grant_type'."),
            }
        })
        .mount(server)
        .await;
}

static APPS: [App; 3] = [APP, ORG_APP, WORK_APP];

pub async fn start() -> Fake {
    let server = entra(&APPS).await;
    Fake {
        endpoint: server.uri(),
        valid: vec![
            ("client_id", APP.id.into()),
            ("client_secret", APP.secret.into()),
            ("tenant", TENANT_ID.into()),
        ],
        rejected: vec![
            ("client_id", APP.id.into()),
            ("client_secret", WRONG_SECRET.into()),
            ("tenant", TENANT_ID.into()),
        ],
        secrets: vec![
            APP.secret.into(),
            APP.expired_secret.into(),
            ORG_APP.secret.into(),
            WORK_APP.secret.into(),
            WRONG_SECRET.into(),
            SECRET_ID.into(),
        ],
        guard: Box::new(server),
    }
}

/// Runs `check microsoft` with these fields on the fake.
async fn run(fake: &Fake, fields: &[(&'static str, &str)]) -> crate::support::Output {
    let sandbox = Sandbox::new();
    let mut config: Vec<(&'static str, String)> =
        fields.iter().map(|(k, v)| (*k, v.to_string())).collect();
    config.push(("endpoint", fake.endpoint.clone()));
    sandbox.set_provider("microsoft", &config);
    let out = sandbox.check_json("microsoft", &[]).await;
    assert_no_leak(&out, &fake.secrets);
    out
}

fn message(out: &crate::support::Output) -> String {
    out.result("microsoft")["message"]
        .as_str()
        .unwrap_or_default()
        .to_string()
}

/// The paths of the requests the fake received, in order.
async fn paths(fake: &Fake) -> Vec<String> {
    let server = fake.guard.downcast_ref::<MockServer>().unwrap();
    let mut paths: Vec<String> = server
        .received_requests()
        .await
        .unwrap()
        .iter()
        .map(|r| r.url.path().to_string())
        .collect();
    // A dummy code goes out twice at once (real and altered secret): count each path once.
    paths.dedup();
    paths
}

/// A server that answers every request with `response`.
async fn answering(response: ResponseTemplate) -> MockServer {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(response)
        .mount(&server)
        .await;
    server
}

async fn run_on(server: &MockServer, fields: &[(&'static str, &str)]) -> crate::support::Output {
    let sandbox = Sandbox::new();
    let mut config: Vec<(&'static str, String)> =
        fields.iter().map(|(k, v)| (*k, v.to_string())).collect();
    config.push(("endpoint", server.uri()));
    sandbox.set_provider("microsoft", &config);
    let out = sandbox.check_json("microsoft", &[]).await;
    assert_no_leak(&out, &[APP.secret.into()]);
    out
}

#[tokio::test]
async fn microsoft_probes_consumers_as_the_portal_then_an_altered_secret() {
    let fake = start().await;
    let out = run(
        &fake,
        &[("client_id", APP.id), ("client_secret", APP.secret)],
    )
    .await;
    assert_eq!(out.status("microsoft"), "ok", "{}", out.all());
    let facts = &out.result("microsoft")["facts"];
    assert_eq!(facts["probe"], "dummy authorization code");
    assert_eq!(facts["tenant"], "consumers");
    assert!(
        facts["proven"].as_str().unwrap().contains("/consumers"),
        "{facts}"
    );
    assert!(facts["not_proven"].as_str().is_some());
    let server = fake.guard.downcast_ref::<MockServer>().unwrap();
    let requests = server.received_requests().await.unwrap();
    assert_eq!(requests.len(), 2);
    for request in &requests {
        assert_eq!(request.url.path(), "/consumers/oauth2/v2.0/token");
        assert_eq!(form(request)["grant_type"], "authorization_code");
        assert_eq!(
            form(request)["redirect_uri"],
            "https://service.onlyoffice.com/oauth2.aspx"
        );
    }
    // The real secret and, at the same moment, an altered one (issue 9.6).
    let real = requests
        .iter()
        .filter(|r| form(r)["client_secret"] == APP.secret)
        .count();
    assert_eq!(real, 1);
    assert!(
        facts["secret_control"]
            .as_str()
            .unwrap()
            .contains("altered secret was refused"),
        "{facts}"
    );
}

#[tokio::test]
async fn microsoft_tenant_adds_the_app_token_facts() {
    let fake = start().await;
    let out = run(
        &fake,
        &[
            ("client_id", APP.id),
            ("client_secret", APP.secret),
            ("tenant", TENANT_DOMAIN),
        ],
    )
    .await;
    assert_eq!(out.status("microsoft"), "ok", "{}", out.all());
    assert_eq!(out.code, 0);
    let facts = &out.result("microsoft")["facts"];
    assert_eq!(facts["app_name"], APP.name);
    assert_eq!(facts["tenant_id"], TENANT_ID);
    assert_eq!(facts["roles"], json!(["User.Read.All"]));
    assert!(facts.get("format_notes").is_none(), "{facts}");
    assert_eq!(paths(&fake).await[0], "/consumers/oauth2/v2.0/token");
}

#[tokio::test]
async fn microsoft_wrong_secret_is_rejected() {
    let fake = start().await;
    let out = run(
        &fake,
        &[
            ("client_id", APP.id),
            ("client_secret", WRONG_SECRET),
            ("tenant", TENANT_ID),
        ],
    )
    .await;
    assert_eq!(out.status("microsoft"), "rejected", "{}", out.all());
    assert_eq!(out.code, 1);
    assert!(message(&out).contains("AADSTS7000215"), "{}", out.all());
    assert!(!message(&out).contains("UUID"));
}

#[tokio::test]
async fn microsoft_secret_id_instead_of_value_is_rejected_and_named() {
    let fake = start().await;
    let out = run(
        &fake,
        &[("client_id", APP.id), ("client_secret", SECRET_ID)],
    )
    .await;
    assert_eq!(out.status("microsoft"), "rejected", "{}", out.all());
    let result = out.result("microsoft");
    assert!(message(&out).contains("UUID"), "{result}");
    assert!(
        result["advice"]
            .as_str()
            .unwrap()
            .contains("secret's ID instead of its Value")
    );
}

#[tokio::test]
async fn microsoft_expired_secret_is_rejected() {
    let fake = start().await;
    let out = run(
        &fake,
        &[
            ("client_id", APP.id),
            ("client_secret", APP.expired_secret),
            ("tenant", TENANT_ID),
        ],
    )
    .await;
    assert_eq!(out.status("microsoft"), "rejected", "{}", out.all());
    assert!(message(&out).contains("expired"));
    assert!(
        out.result("microsoft")["advice"]
            .as_str()
            .unwrap()
            .contains("new secret")
    );
}

#[tokio::test]
async fn microsoft_client_id_unknown_everywhere_is_rejected() {
    let fake = start().await;
    let out = run(
        &fake,
        &[
            ("client_id", "f665c3dd-6ef1-42af-80ce-dc0d51b53781"),
            ("client_secret", APP.secret),
            ("tenant", TENANT_ID),
        ],
    )
    .await;
    assert_eq!(out.status("microsoft"), "rejected", "{}", out.all());
    assert!(message(&out).contains("AADSTS700016"));
    let asked = paths(&fake).await;
    assert_eq!(
        asked,
        [
            "/consumers/oauth2/v2.0/token",
            "/organizations/oauth2/v2.0/token",
            &format!("/{TENANT_ID}/oauth2/v2.0/token")
        ]
    );
}

#[tokio::test]
async fn microsoft_single_organisation_app_is_misconfigured_even_with_its_tenant() {
    // The tenant field is integrate's own: an app the portal cannot use never turns green.
    let fake = start().await;
    for fields in [
        vec![("client_id", ORG_APP.id), ("client_secret", ORG_APP.secret)],
        vec![
            ("client_id", ORG_APP.id),
            ("client_secret", ORG_APP.secret),
            ("tenant", TENANT_ID),
        ],
    ] {
        let out = run(&fake, &fields).await;
        assert_eq!(out.status("microsoft"), "misconfigured", "{}", out.all());
        assert_eq!(out.code, 1);
        assert_eq!(out.result("microsoft")["reason"], "setup");
        assert!(
            message(&out).contains("does not accept personal Microsoft accounts"),
            "{}",
            out.all()
        );
        assert!(
            out.result("microsoft")["advice"]
                .as_str()
                .unwrap()
                .contains("Supported account types")
        );
    }
}

#[tokio::test]
async fn microsoft_any_organisation_app_is_misconfigured() {
    let fake = start().await;
    let out = run(
        &fake,
        &[
            ("client_id", WORK_APP.id),
            ("client_secret", WORK_APP.secret),
        ],
    )
    .await;
    assert_eq!(out.status("microsoft"), "misconfigured", "{}", out.all());
    assert!(message(&out).contains("/organizations"), "{}", out.all());
    assert!(
        out.result("microsoft")["advice"]
            .as_str()
            .unwrap()
            .contains("Supported account types")
    );
}

#[tokio::test]
async fn microsoft_wrong_tenant_field_is_a_warning_about_the_field() {
    let fake = start().await;
    let out = run(
        &fake,
        &[
            ("client_id", APP.id),
            ("client_secret", APP.secret),
            ("tenant", "contoso.onmicrosoft.com"),
        ],
    )
    .await;
    assert_eq!(out.status("microsoft"), "warning", "{}", out.all());
    assert!(message(&out).contains("tenant field"), "{}", out.all());
    assert!(message(&out).contains("tenant does not exist"));
}

#[tokio::test]
async fn microsoft_conditional_access_on_the_tenant_only_adds_a_fact() {
    let fake = start().await;
    let out = run(
        &fake,
        &[
            ("client_id", APP.id),
            ("client_secret", APP.secret),
            ("tenant", LOCKED_TENANT),
        ],
    )
    .await;
    assert_eq!(out.status("microsoft"), "ok", "{}", out.all());
    assert!(
        out.result("microsoft")["facts"]["tenant_check"]
            .as_str()
            .unwrap()
            .contains("Conditional Access")
    );
}

#[tokio::test]
async fn microsoft_organisation_only_app_on_common_is_misconfigured() {
    // AADSTS90130, as Entra answers such an app on /common (microsoftgraph/aspnetcore-connect-sample#23).
    let server = answering(aadsts(400, "invalid_request", 90130, &format!("Application '{}'({}) is not supported over the /common or /consumers endpoints. Please use the /organizations or tenant-specific endpoint.", ORG_APP.id, ORG_APP.name))).await;
    let out = run_on(
        &server,
        &[("client_id", ORG_APP.id), ("client_secret", ORG_APP.secret)],
    )
    .await;
    assert_eq!(out.status("microsoft"), "misconfigured", "{}", out.all());
    assert!(message(&out).contains("AADSTS90130"));
    assert!(
        out.result("microsoft")["advice"]
            .as_str()
            .unwrap()
            .contains("Supported account types")
    );
}

#[tokio::test]
async fn microsoft_public_client_is_misconfigured() {
    // O365/python-o365#469
    let server = answering(aadsts(
        401,
        "invalid_client",
        700025,
        "Client is public so neither 'client_assertion' nor 'client_secret' should be presented.",
    ))
    .await;
    let out = run_on(
        &server,
        &[("client_id", APP.id), ("client_secret", APP.secret)],
    )
    .await;
    assert_eq!(out.status("microsoft"), "misconfigured", "{}", out.all());
    assert!(message(&out).contains("public client"));
    assert!(
        out.result("microsoft")["advice"]
            .as_str()
            .unwrap()
            .contains("Allow public client flows")
    );
}

#[tokio::test]
async fn microsoft_grant_not_allowed_is_misconfigured() {
    let server = answering(aadsts(
        400,
        "unauthorized_client",
        700051,
        "response_type 'code' is not enabled for the application.",
    ))
    .await;
    let out = run_on(
        &server,
        &[("client_id", APP.id), ("client_secret", APP.secret)],
    )
    .await;
    assert_eq!(out.status("microsoft"), "misconfigured", "{}", out.all());
    assert!(
        out.result("microsoft")["advice"]
            .as_str()
            .unwrap()
            .contains("Web platform")
    );
}

#[tokio::test]
async fn microsoft_code_checked_before_the_client_is_only_a_warning() {
    // Every secret gets the same answer: the dummy code proves the id, not the secret.
    let server = answering(aadsts(
        400,
        "invalid_grant",
        9002313,
        "Invalid request. Request is malformed or invalid.",
    ))
    .await;
    let out = run_on(
        &server,
        &[("client_id", APP.id), ("client_secret", APP.secret)],
    )
    .await;
    assert_eq!(out.status("microsoft"), "warning", "{}", out.all());
    assert!(
        message(&out).contains("the secret could not be verified by this request"),
        "{}",
        out.all()
    );
}

#[tokio::test]
async fn microsoft_tenant_needed_is_misconfigured() {
    // Entra's answer when an app-only token is asked without a tenant (our check never asks
    // that on purpose; a proxy that rewrites the path could).
    let server = answering(aadsts(400, "invalid_request", 50059, "No tenant-identifying information found in either the request or implied by any provided credentials.")).await;
    let out = run_on(
        &server,
        &[
            ("client_id", APP.id),
            ("client_secret", APP.secret),
            ("tenant", TENANT_ID),
        ],
    )
    .await;
    assert_eq!(out.status("microsoft"), "misconfigured", "{}", out.all());
    assert!(
        out.result("microsoft")["advice"]
            .as_str()
            .unwrap()
            .contains("tenant")
    );
}

#[tokio::test]
async fn microsoft_unknown_answer_is_unreachable_with_its_facts() {
    let server = answering(aadsts(
        400,
        "invalid_request",
        900023,
        "Specified tenant identifier is neither a valid DNS name, nor a valid external domain.",
    ))
    .await;
    let out = run_on(
        &server,
        &[
            ("client_id", APP.id),
            ("client_secret", APP.secret),
            ("tenant", TENANT_ID),
        ],
    )
    .await;
    assert_eq!(out.status("microsoft"), "unreachable", "{}", out.all());
    assert_eq!(out.code, 3);
    let facts = &out.result("microsoft")["facts"];
    assert_eq!(facts["http_status"], 400);
    assert_eq!(facts["provider_error"], "invalid_request");
}

#[tokio::test]
async fn microsoft_bare_401_is_not_the_provider() {
    let server = answering(ResponseTemplate::new(401).set_body_string("Unauthorized")).await;
    let out = run_on(
        &server,
        &[("client_id", APP.id), ("client_secret", APP.secret)],
    )
    .await;
    assert_eq!(out.status("microsoft"), "unreachable", "{}", out.all());
    assert_eq!(out.result("microsoft")["reason"], "intermediary");
}
