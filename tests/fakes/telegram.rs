//! Telegram Bot API fake: `GET /bot<token>/getMe`, 401 for an unknown token, 404 for a path
//! that is not a bot method (https://core.telegram.org/bots/api#making-requests).

use serde_json::json;
use wiremock::matchers::method;
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

use super::Fake;
#[cfg(test)]
use crate::support::{Sandbox, assert_no_leak};

pub const TOKEN: &str = "7712345678:AAF3kq9VvQz8xYw2LmN4pR6sT0uBcDeFgHi";
pub const OTHER_TOKEN: &str = "7712345678:AAGzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz";
pub const USERNAME: &str = "PortalNotifyBot";

pub async fn start() -> Fake {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(|req: &Request| {
            let path = req.url.path();
            let Some(rest) = path.strip_prefix("/bot") else {
                return ResponseTemplate::new(404).set_body_json(json!({"ok": false, "error_code": 404, "description": "Not Found"}));
            };
            let Some((token, method)) = rest.split_once('/') else {
                return ResponseTemplate::new(404).set_body_json(json!({"ok": false, "error_code": 404, "description": "Not Found"}));
            };
            if !token.contains(':') {
                return ResponseTemplate::new(404).set_body_json(json!({"ok": false, "error_code": 404, "description": "Not Found"}));
            }
            if token != TOKEN {
                return ResponseTemplate::new(401).set_body_json(json!({"ok": false, "error_code": 401, "description": "Unauthorized"}));
            }
            match method {
                "getMe" => ResponseTemplate::new(200).set_body_json(json!({
                    "ok": true,
                    "result": {
                        "id": 7712345678_i64,
                        "is_bot": true,
                        "first_name": "Portal notifications",
                        "username": USERNAME,
                        "can_join_groups": true,
                        "can_read_all_group_messages": false,
                        "supports_inline_queries": false
                    }
                })),
                _ => ResponseTemplate::new(404).set_body_json(json!({"ok": false, "error_code": 404, "description": "Not Found"})),
            }
        })
        .mount(&server)
        .await;
    Fake {
        endpoint: server.uri(),
        valid: vec![("bot_token", TOKEN.into()), ("bot_name", USERNAME.into())],
        rejected: vec![("bot_token", OTHER_TOKEN.into()), ("bot_name", USERNAME.into())],
        secrets: vec![TOKEN.into(), OTHER_TOKEN.into()],
        guard: Box::new(server),
    }
}

#[tokio::test]
async fn telegram_valid_token_is_ok() {
    let fake = start().await;
    let sandbox = Sandbox::new();
    sandbox.set_provider("telegram", &fake.valid_config());
    let out = sandbox.check_json("telegram", &[]).await;
    assert_eq!(out.status("telegram"), "ok", "{}", out.all());
    assert_eq!(out.code, 0);
    assert_eq!(out.result("telegram")["facts"]["bot_username"], "@PortalNotifyBot");
    assert_no_leak(&out, &fake.secrets);
}

#[tokio::test]
async fn telegram_wrong_token_is_rejected() {
    let fake = start().await;
    let sandbox = Sandbox::new();
    sandbox.set_provider("telegram", &fake.rejected_config());
    let out = sandbox.check_json("telegram", &[]).await;
    assert_eq!(out.status("telegram"), "rejected", "{}", out.all());
    assert_eq!(out.code, 1);
    assert_no_leak(&out, &fake.secrets);
}

#[tokio::test]
async fn telegram_other_bot_name_is_misconfigured() {
    let fake = start().await;
    let sandbox = Sandbox::new();
    let mut config = fake.valid_config();
    config[1].1 = "SomeOtherBot".into();
    sandbox.set_provider("telegram", &config);
    let out = sandbox.check_json("telegram", &[]).await;
    assert_eq!(out.status("telegram"), "misconfigured", "{}", out.all());
    assert!(out.result("telegram")["message"].as_str().unwrap().contains("@PortalNotifyBot"));
    assert_eq!(out.code, 1);
}

#[tokio::test]
async fn telegram_malformed_token_is_rejected_without_a_request() {
    let fake = start().await;
    let sandbox = Sandbox::new();
    sandbox.set_provider(
        "telegram",
        &[("bot_token", "not-a-token".into()), ("bot_name", USERNAME.into()), ("endpoint", fake.endpoint.clone())],
    );
    let out = sandbox.check_json("telegram", &[]).await;
    assert_eq!(out.status("telegram"), "rejected", "{}", out.all());
    assert!(out.result("telegram")["message"].as_str().unwrap().contains("bot_token"));
    let server = fake.guard.downcast_ref::<MockServer>().unwrap();
    assert!(server.received_requests().await.unwrap().is_empty(), "a request was sent");
}
