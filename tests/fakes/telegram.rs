//! Telegram Bot API fake: `GET /bot<token>/getMe` and `/getWebhookInfo`, 401 for an unknown
//! token, 404 for a path that is not one of those (https://core.telegram.org/bots/api#making-requests).

use serde_json::json;
use wiremock::matchers::method;
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

use super::Fake;
use super::timing::{Arrivals, DELAY};
#[cfg(test)]
use crate::support::{Sandbox, assert_no_leak};

pub const TOKEN: &str = "7712345678:AAF3kq9VvQz8xYw2LmN4pR6sT0uBcDeFgHi";
pub const OTHER_TOKEN: &str = "7712345678:AAGzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz";
pub const USERNAME: &str = "PortalNotifyBot";
/// A bot that another service drives with a webhook.
pub const HOOKED_TOKEN: &str = "6612345678:AAHk2mN8pQ4rS6tU0vW2xY4zA6bC8dE0fGh";
pub const HOOKED_NAME: &str = "ShopOrdersBot";

fn error(code: u16, description: &str) -> ResponseTemplate {
    ResponseTemplate::new(code)
        .set_body_json(json!({"ok": false, "error_code": code, "description": description}))
}

/// Bot API answers; bodies shaped as https://core.telegram.org/bots/api#making-requests
/// (the `ok`/`result`/`error_code`/`description` envelope), `User` and `WebhookInfo` objects.
fn respond(req: &Request) -> ResponseTemplate {
    let path = req.url.path();
    let Some(rest) = path.strip_prefix("/bot") else {
        return error(404, "Not Found");
    };
    let Some((token, method)) = rest.split_once('/') else {
        return error(404, "Not Found");
    };
    if !token.contains(':') {
        return error(404, "Not Found");
    }
    let (id, name, first_name, hook) = match token {
        TOKEN => (7712345678_i64, USERNAME, "Portal notifications", ""),
        HOOKED_TOKEN => (
            6612345678_i64,
            HOOKED_NAME,
            "Shop orders",
            "https://shop.example.com/telegram/hook",
        ),
        _ => return error(401, "Unauthorized"),
    };
    match method {
        "getMe" => ResponseTemplate::new(200).set_body_json(json!({
            "ok": true,
            "result": {
                "id": id,
                "is_bot": true,
                "first_name": first_name,
                "username": name,
                "can_join_groups": true,
                "can_read_all_group_messages": false,
                "supports_inline_queries": false
            }
        })),
        "getWebhookInfo" if hook.is_empty() => ResponseTemplate::new(200).set_body_json(json!({
            "ok": true,
            "result": {"url": "", "has_custom_certificate": false, "pending_update_count": 0}
        })),
        "getWebhookInfo" => ResponseTemplate::new(200).set_body_json(json!({
            "ok": true,
            "result": {"url": hook, "has_custom_certificate": false, "pending_update_count": 3, "max_connections": 40, "ip_address": "203.0.113.7"}
        })),
        // getUpdates is what the portal polls; the check must never call it (nor anything else).
        _ => error(404, "Not Found"),
    }
}

pub async fn start() -> Fake {
    start_with(None).await
}

/// The fake, optionally holding every answer `timing::DELAY` and recording arrivals.
pub async fn start_with(arrivals: Option<Arrivals>) -> Fake {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(move |req: &Request| match &arrivals {
            Some(arrivals) => {
                arrivals.record(req);
                respond(req).set_delay(DELAY)
            }
            None => respond(req),
        })
        .mount(&server)
        .await;
    Fake {
        endpoint: server.uri(),
        valid: vec![("bot_token", TOKEN.into()), ("bot_name", USERNAME.into())],
        rejected: vec![
            ("bot_token", OTHER_TOKEN.into()),
            ("bot_name", USERNAME.into()),
        ],
        secrets: vec![TOKEN.into(), OTHER_TOKEN.into(), HOOKED_TOKEN.into()],
        guard: Box::new(server),
    }
}

/// Issue 8, save validation: after getMe the portal polls getUpdates, which a webhook blocks.
#[tokio::test]
async fn telegram_bot_with_a_webhook_is_misconfigured_by_the_portal_rule() {
    let fake = start().await;
    let sandbox = Sandbox::new();
    sandbox.set_provider(
        "telegram",
        &[
            ("bot_token", HOOKED_TOKEN.into()),
            ("bot_name", HOOKED_NAME.into()),
            ("endpoint", fake.endpoint.clone()),
        ],
    );
    let out = sandbox.check_json("telegram", &[]).await;
    assert_eq!(out.status("telegram"), "misconfigured", "{}", out.all());
    let result = out.result("telegram");
    assert_eq!(result["reason"], "portal_rule");
    assert_eq!(result["facts"]["webhook"], "set");
    assert!(
        result["message"].as_str().unwrap().contains("getUpdates"),
        "{result}"
    );
    assert_no_leak(&out, &fake.secrets);
    let server = fake.guard.downcast_ref::<MockServer>().unwrap();
    let methods: Vec<String> = server
        .received_requests()
        .await
        .unwrap()
        .iter()
        .map(|r| r.url.path().rsplit('/').next().unwrap().to_string())
        .collect();
    assert!(!methods.iter().any(|m| m == "getUpdates"), "{methods:?}");
}

/// Issue 16.1: getMe and getWebhookInfo go out together.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn telegram_requests_overlap() {
    let arrivals = Arrivals::default();
    let fake = start_with(Some(arrivals.clone())).await;
    let sandbox = Sandbox::new();
    sandbox.set_provider("telegram", &fake.valid_config());
    let out = sandbox.check_json("telegram", &[]).await;
    assert_eq!(out.status("telegram"), "ok", "{}", out.all());
    arrivals.assert_overlapped(2);
}

/// Issue 9.5: a 401 without the Bot API's envelope is not Telegram's answer.
#[tokio::test]
async fn telegram_bare_401_is_no_verdict() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(
            ResponseTemplate::new(401)
                .insert_header("content-type", "text/html")
                .set_body_string("<html><title>Proxy authentication</title></html>"),
        )
        .mount(&server)
        .await;
    let sandbox = Sandbox::new();
    sandbox.set_provider(
        "telegram",
        &[
            ("bot_token", TOKEN.into()),
            ("bot_name", USERNAME.into()),
            ("endpoint", server.uri()),
        ],
    );
    let out = sandbox.check_json("telegram", &[]).await;
    assert_eq!(out.status("telegram"), "unreachable", "{}", out.all());
    assert_eq!(out.result("telegram")["reason"], "intermediary");
}

#[tokio::test]
async fn telegram_valid_token_is_ok() {
    let fake = start().await;
    let sandbox = Sandbox::new();
    sandbox.set_provider("telegram", &fake.valid_config());
    let out = sandbox.check_json("telegram", &[]).await;
    assert_eq!(out.status("telegram"), "ok", "{}", out.all());
    assert_eq!(out.code, 0);
    assert_eq!(
        out.result("telegram")["facts"]["bot_username"],
        "@PortalNotifyBot"
    );
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
    assert!(
        out.result("telegram")["message"]
            .as_str()
            .unwrap()
            .contains("@PortalNotifyBot")
    );
    assert_eq!(out.code, 1);
}

#[tokio::test]
async fn telegram_malformed_token_is_rejected_without_a_request() {
    let fake = start().await;
    let sandbox = Sandbox::new();
    sandbox.set_provider(
        "telegram",
        &[
            ("bot_token", "not-a-token".into()),
            ("bot_name", USERNAME.into()),
            ("endpoint", fake.endpoint.clone()),
        ],
    );
    let out = sandbox.check_json("telegram", &[]).await;
    assert_eq!(out.status("telegram"), "rejected", "{}", out.all());
    assert!(
        out.result("telegram")["message"]
            .as_str()
            .unwrap()
            .contains("bot_token")
    );
    let server = fake.guard.downcast_ref::<MockServer>().unwrap();
    assert!(
        server.received_requests().await.unwrap().is_empty(),
        "a request was sent"
    );
}
