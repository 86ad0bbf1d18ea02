//! EasyBib fake: `POST /2.0/rest/cite` (the Citation API version and method the portal used) formats a citation for the known key
//! and answers `{"status":"error","msg":…}` for any other one, as the API did.

use serde_json::{Value, json};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

use super::Fake;
use crate::support::{Sandbox, assert_no_leak};

pub const KEY: &str = "f59aa6f869e98c630169700bde76452d";
pub const WRONG_KEY: &str = "2e5208202445c8a841e1df56bd838911";

pub async fn start() -> Fake {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/2.0/rest/cite"))
        .respond_with(|req: &Request| {
            let Ok(body) = serde_json::from_slice::<Value>(&req.body) else {
                return ResponseTemplate::new(200)
                    .set_body_json(json!({"status": "error", "msg": "invalid JSON"}));
            };
            if body["key"] != KEY {
                return ResponseTemplate::new(200)
                    .set_body_json(json!({"status": "error", "msg": "invalid api key"}));
            }
            if body["source"] != "book" || body["book"]["title"].as_str().is_none() {
                return ResponseTemplate::new(200)
                    .set_body_json(json!({"status": "error", "msg": "missing source data"}));
            }
            ResponseTemplate::new(200)
                .set_body_json(json!({"status": "ok", "data": "Test. N.p., n.d. Print."}))
        })
        .mount(&server)
        .await;
    Fake {
        endpoint: server.uri(),
        valid: vec![("api_key", KEY.into())],
        rejected: vec![("api_key", WRONG_KEY.into())],
        secrets: vec![KEY.into(), WRONG_KEY.into()],
        guard: Box::new(server),
    }
}

async fn run(endpoint: &str, key: &str) -> crate::support::Output {
    let sandbox = Sandbox::new();
    sandbox.set_provider(
        "easybib",
        &[("api_key", key.into()), ("endpoint", endpoint.to_string())],
    );
    let out = sandbox.check_json("easybib", &[]).await;
    assert_no_leak(&out, &[KEY.into(), WRONG_KEY.into()]);
    out
}

fn message(out: &crate::support::Output) -> String {
    out.result("easybib")["message"]
        .as_str()
        .unwrap_or_default()
        .to_string()
}

#[tokio::test]
async fn easybib_working_key_is_a_deprecation_warning() {
    let fake = start().await;
    let out = run(&fake.endpoint, KEY).await;
    assert_eq!(out.status("easybib"), "warning", "{}", out.all());
    assert_eq!(out.code, 0);
    assert!(message(&out).contains("deprecated"), "{}", out.all());
    assert_eq!(out.result("easybib")["facts"]["api_status"], "ok");
}

#[tokio::test]
async fn easybib_wrong_key_is_a_warning_never_rejected() {
    let fake = start().await;
    let out = run(&fake.endpoint, WRONG_KEY).await;
    assert_eq!(out.status("easybib"), "warning", "{}", out.all());
    assert_eq!(out.code, 0);
    assert!(
        message(&out).contains("cannot be verified"),
        "{}",
        out.all()
    );
    assert_eq!(out.result("easybib")["facts"]["api_status"], "error");
}

#[tokio::test]
async fn easybib_gone_api_is_a_warning() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(410))
        .mount(&server)
        .await;
    let out = run(&server.uri(), KEY).await;
    assert_eq!(out.status("easybib"), "warning", "{}", out.all());
    assert!(message(&out).contains("no longer answers"), "{}", out.all());
}

#[tokio::test]
async fn easybib_html_answer_is_unreachable() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(200).set_body_string("<html><body>Chegg</body></html>"))
        .mount(&server)
        .await;
    let out = run(&server.uri(), KEY).await;
    assert_eq!(out.status("easybib"), "unreachable", "{}", out.all());
    assert_eq!(out.code, 3);
}
