//! DocuSign account-server fake: `POST /oauth/token?grant_type=client_credentials` with Basic
//! integration key:secret key. Failures come back as DocuSign words them: `invalid_grant` for
//! an unknown key and for a wrong secret alike (verification.md §6), which is why the check
//! never concludes `rejected`.

use serde_json::json;
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

use super::{Fake, basic_auth, query};
use crate::support::{Sandbox, assert_no_leak};

pub const KEY: &str = "f665c3dd-6ef1-42af-80ce-dc0d51b53781";
pub const SECRET: &str = "79844823-7200-4839-9ab8-bb151a70424d";
pub const WRONG_SECRET: &str = "3960f001-59f7-42bd-88b0-24b0da507515";
pub const SAMPLE_KEY: &str = "230546a7-9c55-40ad-8fbf-af205d5494ad";
const TOKEN: &str = "eyJ0eXAiOiJNVCIsImFsZyI6IlJTMjU2Iiwia2lkIjoiNjgxODVmZjEtNGU1MS00Y2U5LWFmMWMtNjg5ODEyMjAzMzE3In0.AQoAAAABAAUABwCAq7Xm0Y7cSAgAgOvY9NmO3EgCAN3DZfbxbsFCgM7cDVG1N4E.Qm9yZGVyLW5vdC1hLXJlYWwtc2lnbmF0dXJl";

fn invalid_grant(description: &str) -> ResponseTemplate {
    ResponseTemplate::new(400)
        .set_body_json(json!({"error": "invalid_grant", "error_description": description}))
}

pub async fn start() -> Fake {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/oauth/token"))
        .respond_with(|req: &Request| {
            if query(req).get("grant_type").map(String::as_str) != Some("client_credentials") {
                return ResponseTemplate::new(400)
                    .set_body_json(json!({"error": "unsupported_grant_type"}));
            }
            match basic_auth(req) {
                Some((key, secret)) if key == KEY && secret == SECRET => ResponseTemplate::new(200)
                    .set_body_json(
                        json!({"access_token": TOKEN, "token_type": "Bearer", "expires_in": 28800}),
                    ),
                Some((key, _)) if key == KEY => invalid_grant("expired_client_token"),
                Some(_) => invalid_grant("issuer_not_found"),
                None => {
                    ResponseTemplate::new(400).set_body_json(json!({"error": "invalid_client"}))
                }
            }
        })
        .mount(&server)
        .await;
    Fake {
        endpoint: server.uri(),
        valid: vec![
            ("integration_key", KEY.into()),
            ("secret_key", SECRET.into()),
            ("auth_host", "account-d.docusign.com".into()),
        ],
        // DocuSign cannot be `rejected` by design: this config ends `unreachable` (see
        // docusign_wrong_secret_is_unreachable_not_rejected and tests/checks.rs).
        rejected: vec![
            ("integration_key", KEY.into()),
            ("secret_key", WRONG_SECRET.into()),
            ("auth_host", "account-d.docusign.com".into()),
        ],
        secrets: vec![SECRET.into(), WRONG_SECRET.into()],
        guard: Box::new(server),
    }
}

async fn run(config: &[(&'static str, String)]) -> crate::support::Output {
    let sandbox = Sandbox::new();
    sandbox.set_provider("docusign", config);
    sandbox.check_json("docusign", &[]).await
}

#[tokio::test]
async fn docusign_valid_keys_are_ok_with_the_environment() {
    let fake = start().await;
    let out = run(&fake.valid_config()).await;
    assert_eq!(out.status("docusign"), "ok", "{}", out.all());
    assert_eq!(out.code, 0);
    let result = out.result("docusign");
    assert_eq!(result["facts"]["environment"], "demo");
    assert!(result["facts"].get("format_notes").is_none(), "{result}");
    assert_no_leak(&out, &fake.secrets);
}

#[tokio::test]
async fn docusign_production_host_is_reported() {
    let fake = start().await;
    let mut config = fake.valid_config();
    config[2].1 = "account.docusign.com".into();
    let out = run(&config).await;
    assert_eq!(out.status("docusign"), "ok", "{}", out.all());
    assert_eq!(out.result("docusign")["facts"]["environment"], "production");
}

#[tokio::test]
async fn docusign_wrong_secret_is_unreachable_not_rejected() {
    let fake = start().await;
    let out = run(&fake.rejected_config()).await;
    assert_eq!(out.status("docusign"), "unreachable", "{}", out.all());
    assert_eq!(out.code, 3);
    let result = out.result("docusign");
    let advice = result["advice"].as_str().unwrap();
    assert!(advice.contains("account.docusign.com"), "{advice}");
    assert!(advice.contains("secret_key"), "{advice}");
    assert_no_leak(&out, &fake.secrets);
}

#[tokio::test]
async fn docusign_key_unknown_in_this_environment_is_unreachable() {
    let fake = start().await;
    let mut config = fake.valid_config();
    config[0].1 = "00c8bbea-b329-440a-a655-21ad2398e7bc".into();
    let out = run(&config).await;
    assert_eq!(out.status("docusign"), "unreachable", "{}", out.all());
    let advice = out.result("docusign")["advice"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(
        advice.contains("does not know this integration key"),
        "{advice}"
    );
    assert_no_leak(&out, &fake.secrets);
}

#[tokio::test]
async fn docusign_sample_key_is_misconfigured_without_a_request() {
    let fake = start().await;
    let mut config = fake.valid_config();
    config[0].1 = SAMPLE_KEY.into();
    let out = run(&config).await;
    assert_eq!(out.status("docusign"), "misconfigured", "{}", out.all());
    assert!(
        out.result("docusign")["message"]
            .as_str()
            .unwrap()
            .contains("sample key, not yours")
    );
    let server = fake.guard.downcast_ref::<MockServer>().unwrap();
    assert!(
        server.received_requests().await.unwrap().is_empty(),
        "a request was sent"
    );
}

#[tokio::test]
async fn docusign_invalid_client_is_unreachable_too() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(401).set_body_json(
            json!({"error": "invalid_client", "error_description": "unauthorized_client"}),
        ))
        .mount(&server)
        .await;
    let out = run(&[
        ("integration_key", KEY.into()),
        ("secret_key", SECRET.into()),
        ("auth_host", "account-d.docusign.com".into()),
        ("endpoint", server.uri()),
    ])
    .await;
    assert_eq!(out.status("docusign"), "unreachable", "{}", out.all());
    assert_eq!(out.code, 3);
    assert_no_leak(&out, &[SECRET.into()]);
}

#[tokio::test]
async fn docusign_token_that_is_not_a_jwt_is_unreachable() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(
            ResponseTemplate::new(200).set_body_json(
                json!({"access_token": "opaque-token-x7Kq", "token_type": "Bearer"}),
            ),
        )
        .mount(&server)
        .await;
    let out = run(&[
        ("integration_key", KEY.into()),
        ("secret_key", SECRET.into()),
        ("auth_host", "account-d.docusign.com".into()),
        ("endpoint", server.uri()),
    ])
    .await;
    assert_eq!(out.status("docusign"), "unreachable", "{}", out.all());
    assert_no_leak(&out, &[SECRET.into()]);
}
