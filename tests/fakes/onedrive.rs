//! OneDrive fake: the Entra token endpoint of the Microsoft fake, with OneDrive app
//! registrations: one for personal and work accounts with file access, one without any
//! Files.* permission, one for a single organisation (verification.md §17).

use serde_json::json;
use wiremock::matchers::method;
use wiremock::{Mock, MockServer, ResponseTemplate};

use super::Fake;
use super::microsoft::{App, TENANT_ID, entra};
use crate::support::{Sandbox, assert_no_leak};

pub const DRIVE_APP: App = App {
    id: "93129ff7-5f60-4c26-b508-1eefa200c8b7",
    name: "Portal OneDrive",
    secret: "kCN4Q~Xvtrq0m6fXuEGwLVBzHFm~cWRr..-qCA2W",
    expired_secret: "",
    personal: true,
    roles: &["Files.Read.All", "Sites.Read.All"],
};
pub const NO_FILES_APP: App = App {
    id: "79844823-7200-4839-9ab8-bb151a70424d",
    name: "Portal OneDrive (no file access)",
    secret: "YOB2Q~74W5Q2JKYzL2gEY_N1iMcR0Q0M3-kfkH~L",
    expired_secret: "",
    personal: true,
    roles: &["User.Read.All"],
};
pub const ORG_ONLY_APP: App = App {
    id: "f665c3dd-6ef1-42af-80ce-dc0d51b53781",
    name: "Fabrikam Files",
    secret: "K999Q~KhTPnQ2C5Gk4hWO4dH_0ghPF8_LNQIQ8hp",
    expired_secret: "",
    personal: false,
    roles: &["Files.ReadWrite.All"],
};
pub const WRONG_SECRET: &str = "AnO9Q~hk.my8DhgDjSvjAe-Kmd3FM09o~M9QiX6p";

static APPS: [App; 3] = [DRIVE_APP, NO_FILES_APP, ORG_ONLY_APP];

pub async fn start() -> Fake {
    let server = entra(&APPS).await;
    Fake {
        endpoint: server.uri(),
        valid: vec![("client_id", DRIVE_APP.id.into()), ("client_secret", DRIVE_APP.secret.into())],
        rejected: vec![("client_id", DRIVE_APP.id.into()), ("client_secret", WRONG_SECRET.into())],
        secrets: vec![DRIVE_APP.secret.into(), NO_FILES_APP.secret.into(), ORG_ONLY_APP.secret.into(), WRONG_SECRET.into()],
        guard: Box::new(server),
    }
}

async fn run(fake: &Fake, fields: &[(&'static str, &str)]) -> crate::support::Output {
    let sandbox = Sandbox::new();
    let mut config: Vec<(&'static str, String)> = fields.iter().map(|(k, v)| (*k, v.to_string())).collect();
    config.push(("endpoint", fake.endpoint.clone()));
    sandbox.set_provider("onedrive", &config);
    let out = sandbox.check_json("onedrive", &[]).await;
    assert_no_leak(&out, &fake.secrets);
    out
}

#[tokio::test]
async fn onedrive_personal_accounts_probe_is_ok() {
    let fake = start().await;
    let out = run(&fake, &[("client_id", DRIVE_APP.id), ("client_secret", DRIVE_APP.secret)]).await;
    assert_eq!(out.status("onedrive"), "ok", "{}", out.all());
    assert_eq!(out.code, 0);
    let result = out.result("onedrive");
    assert_eq!(result["facts"]["tenant"], "consumers");
    assert!(result["facts"].get("format_notes").is_none(), "{result}");
    let server = fake.guard.downcast_ref::<MockServer>().unwrap();
    let requests = server.received_requests().await.unwrap();
    assert_eq!(requests[0].url.path(), "/consumers/oauth2/v2.0/token");
}

#[tokio::test]
async fn onedrive_tenant_token_reports_file_permissions() {
    let fake = start().await;
    let out = run(&fake, &[("client_id", DRIVE_APP.id), ("client_secret", DRIVE_APP.secret), ("tenant", TENANT_ID)]).await;
    assert_eq!(out.status("onedrive"), "ok", "{}", out.all());
    let facts = &out.result("onedrive")["facts"];
    assert_eq!(facts["roles"], json!(["Files.Read.All", "Sites.Read.All"]));
    assert_eq!(facts["app_name"], "Portal OneDrive");
}

#[tokio::test]
async fn onedrive_without_files_permission_is_a_warning() {
    let fake = start().await;
    let out = run(&fake, &[("client_id", NO_FILES_APP.id), ("client_secret", NO_FILES_APP.secret), ("tenant", TENANT_ID)]).await;
    assert_eq!(out.status("onedrive"), "warning", "{}", out.all());
    assert_eq!(out.code, 0);
    let result = out.result("onedrive");
    assert!(result["message"].as_str().unwrap().contains("Files."), "{result}");
    assert!(result["advice"].as_str().unwrap().contains("Files.Read.All"));
}

#[tokio::test]
async fn onedrive_organisation_only_app_is_misconfigured() {
    let fake = start().await;
    let out = run(&fake, &[("client_id", ORG_ONLY_APP.id), ("client_secret", ORG_ONLY_APP.secret)]).await;
    assert_eq!(out.status("onedrive"), "misconfigured", "{}", out.all());
    assert_eq!(out.code, 1);
    assert!(out.result("onedrive")["message"].as_str().unwrap().contains("personal Microsoft accounts"));
}

#[tokio::test]
async fn onedrive_wrong_secret_is_rejected() {
    let fake = start().await;
    let out = run(&fake, &[("client_id", DRIVE_APP.id), ("client_secret", WRONG_SECRET)]).await;
    assert_eq!(out.status("onedrive"), "rejected", "{}", out.all());
    assert_eq!(out.code, 1);
}

#[tokio::test]
async fn onedrive_unknown_answer_is_unreachable() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(400).set_body_json(json!({"error": "temporarily_unavailable", "error_description": "AADSTS50196: The server terminated an operation because it encountered a client request loop."})))
        .mount(&server)
        .await;
    let sandbox = Sandbox::new();
    sandbox.set_provider("onedrive", &[("client_id", DRIVE_APP.id.into()), ("client_secret", DRIVE_APP.secret.into()), ("endpoint", server.uri())]);
    let out = sandbox.check_json("onedrive", &[]).await;
    assert_eq!(out.status("onedrive"), "unreachable", "{}", out.all());
    assert_eq!(out.code, 3);
}
