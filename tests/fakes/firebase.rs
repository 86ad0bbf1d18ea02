//! Firebase fake: Identity Toolkit's `getProjectConfig?key=`, with Google's error envelopes for
//! an unknown key (400 API_KEY_INVALID), a restricted key (403 API_KEY_HTTP_REFERRER_BLOCKED) and
//! a project without Firebase Authentication (CONFIGURATION_NOT_FOUND). No portal code sends the
//! key anywhere server-side (Workspace hands it to the browser), so this is the nearest request
//! that proves the key; the server key is read by no portal code and is never sent.

use serde_json::json;
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

use super::{Fake, query};
use crate::support::{Sandbox, assert_no_leak};

pub const API_KEY: &str = "AIza-uQY-aqrDrPWdt2TykJbiEbhsCIwAYNBQ3y";
pub const WRONG_KEY: &str = "AIzaNSCsuVXZzbAIkJv7l4U8WjmbnSX0FdEx0fV";
/// A key of another project.
pub const OTHER_PROJECT_KEY: &str = "AIzaH0KmbTuVq3PQWEXXsIERWDXcOZDsNmQKpp7";
/// A key restricted to HTTP referrers.
pub const RESTRICTED_KEY: &str = "AIza2B8VNog6-ce0x02CS9em6RZ9cgH3Sp7B-fn";
/// A key of a project where Firebase Authentication was never set up.
pub const NO_AUTH_KEY: &str = "AIzaHTvMki0v5jZQKN1iqT2x2wByUfZsWXZnaNr";
pub const SERVER_KEY: &str = "AAAApjEOac0:AqaDCvizA-7Oh18y78aFx65EHlvlqBDl310lHEf35wBeGuJwLj6CeP9p66gFB77GmLExd1QQIEXXmXCc0iMKGDJNOed_aa1kJKc--TyAm8W46yZYEqyKSMO9MUkVMXMIFAvP3UD8wlQ-";
pub const PROJECT: &str = "portal-notify-4f2a1";
pub const SENDER_ID: &str = "483920175634";

fn google_error(code: u16, status: &str, message: &str, reason: Option<&str>) -> ResponseTemplate {
    let details = match reason {
        Some(reason) => json!([{
            "@type": "type.googleapis.com/google.rpc.ErrorInfo",
            "reason": reason,
            "domain": "googleapis.com",
            "metadata": {"service": "identitytoolkit.googleapis.com"}
        }]),
        None => json!([]),
    };
    ResponseTemplate::new(code).set_body_json(json!({
        "error": {
            "code": code,
            "message": message,
            "errors": [{"message": message, "domain": "global", "reason": if code == 403 { "forbidden" } else { "badRequest" }}],
            "status": status,
            "details": details
        }
    }))
}

fn config(project: &str) -> ResponseTemplate {
    ResponseTemplate::new(200).set_body_json(json!({
        "projectId": project,
        "authorizedDomains": ["localhost", format!("{project}.firebaseapp.com"), format!("{project}.web.app"), "portal.example.org"],
        "allowPasswordUser": true,
        "enableAnonymousUser": false
    }))
}

pub async fn start() -> Fake {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/identitytoolkit/v3/relyingparty/getProjectConfig"))
        .respond_with(|req: &Request| match query(req).get("key").map(String::as_str) {
            Some(API_KEY) => config(PROJECT),
            Some(OTHER_PROJECT_KEY) => config("other-project-9c2d1"),
            Some(RESTRICTED_KEY) => google_error(403, "PERMISSION_DENIED", "Requests from referer <empty> are blocked.", Some("API_KEY_HTTP_REFERRER_BLOCKED")),
            Some(NO_AUTH_KEY) => google_error(400, "", "CONFIGURATION_NOT_FOUND", None),
            Some(_) => google_error(400, "INVALID_ARGUMENT", "API key not valid. Please pass a valid API key.", Some("API_KEY_INVALID")),
            None => google_error(403, "PERMISSION_DENIED", "Method doesn't allow unregistered callers (callers without established identity). Please use API Key or other form of API consumer identity to call this API.", None),
        })
        .mount(&server)
        .await;
    let with = |key: &str| {
        vec![
            ("api_key", key.to_string()),
            ("project_id", PROJECT.to_string()),
            ("sender_id", SENDER_ID.to_string()),
            ("server_key", SERVER_KEY.to_string()),
        ]
    };
    Fake {
        endpoint: server.uri(),
        valid: with(API_KEY),
        rejected: with(WRONG_KEY),
        secrets: vec![
            API_KEY.into(),
            WRONG_KEY.into(),
            OTHER_PROJECT_KEY.into(),
            RESTRICTED_KEY.into(),
            NO_AUTH_KEY.into(),
            SERVER_KEY.into(),
        ],
        guard: Box::new(server),
    }
}

async fn run(fake: &Fake, key: &str) -> crate::support::Output {
    let sandbox = Sandbox::new();
    let mut config = fake.valid_config();
    config[0].1 = key.to_string();
    sandbox.set_provider("firebase", &config);
    let out = sandbox.check_json("firebase", &[]).await;
    assert_no_leak(&out, &fake.secrets);
    out
}

fn message(out: &crate::support::Output) -> String {
    out.result("firebase")["message"]
        .as_str()
        .unwrap_or_default()
        .to_string()
}

/// Issue 8: only what the portal uses is judged; the server key, which no portal code reads,
/// changes nothing, and the result says plainly what each portal does with the keys.
#[tokio::test]
async fn firebase_valid_key_is_ok_and_says_what_the_portal_uses() {
    let fake = start().await;
    let out = run(&fake, API_KEY).await;
    assert_eq!(out.status("firebase"), "ok", "{}", out.all());
    assert_eq!(out.code, 0);
    assert!(
        message(&out).contains("Google accepted the Web API key"),
        "{}",
        out.all()
    );
    let facts = &out.result("firebase")["facts"];
    assert_eq!(facts["project_id"], PROJECT);
    assert_eq!(facts["authorized_domains"], 4);
    assert!(
        facts["portal_use"]
            .as_str()
            .unwrap()
            .contains("DocSpace reads none"),
        "{facts}"
    );
    assert!(
        facts["server_key"]
            .as_str()
            .unwrap()
            .starts_with("not used"),
        "{facts}"
    );
}

#[tokio::test]
async fn firebase_wrong_key_is_rejected() {
    let fake = start().await;
    let out = run(&fake, WRONG_KEY).await;
    assert_eq!(out.status("firebase"), "rejected", "{}", out.all());
    assert_eq!(out.code, 1);
    assert!(message(&out).contains("API_KEY_INVALID"), "{}", out.all());
}

#[tokio::test]
async fn firebase_key_of_another_project_is_misconfigured() {
    let fake = start().await;
    let out = run(&fake, OTHER_PROJECT_KEY).await;
    assert_eq!(out.status("firebase"), "misconfigured", "{}", out.all());
    assert!(
        message(&out).contains("other-project-9c2d1"),
        "{}",
        out.all()
    );
    assert!(message(&out).contains(PROJECT), "{}", out.all());
}

#[tokio::test]
async fn firebase_restricted_key_is_a_warning() {
    let fake = start().await;
    let out = run(&fake, RESTRICTED_KEY).await;
    assert_eq!(out.status("firebase"), "warning", "{}", out.all());
    assert_eq!(out.code, 0);
    assert_eq!(
        out.result("firebase")["facts"]["restriction"],
        "API_KEY_HTTP_REFERRER_BLOCKED"
    );
}

/// Firebase Authentication is nothing the portal uses: never `misconfigured` for it.
#[tokio::test]
async fn firebase_project_without_authentication_is_ok() {
    let fake = start().await;
    let out = run(&fake, NO_AUTH_KEY).await;
    assert_eq!(out.status("firebase"), "ok", "{}", out.all());
    assert!(
        out.result("firebase")["facts"]["firebase_authentication"]
            .as_str()
            .unwrap()
            .contains("not used")
    );
}

#[tokio::test]
async fn firebase_unrecognised_error_is_unreachable() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(google_error(
            400,
            "FAILED_PRECONDITION",
            "API key expired. Please renew the API key.",
            Some("API_KEY_EXPIRED"),
        ))
        .mount(&server)
        .await;
    let fake = start().await;
    let sandbox = Sandbox::new();
    let mut config = fake.valid.clone();
    config.push(("endpoint", server.uri()));
    sandbox.set_provider("firebase", &config);
    let out = sandbox.check_json("firebase", &[]).await;
    assert_eq!(out.status("firebase"), "unreachable", "{}", out.all());
    assert_eq!(out.code, 3);
    assert_no_leak(&out, &fake.secrets);
}
