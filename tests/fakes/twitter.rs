//! X (Twitter) fake: only `POST /oauth/request_token`, the portal's first sign-in request
//! (OAuth 1.0a). It verifies the HMAC-SHA1 signature for real (RFC 5849 §3.4: base string from
//! the method, the URL it was reached at and the sorted `oauth_*` parameters, keyed with the
//! app's consumer secret), then compares `oauth_callback` with the app's approved callback URLs.
//! Every other path is 404, and every request is recorded, so a test can prove that no command
//! ever reaches an endpoint X bills (`/2/...`).
//!
//! Bodies: the success form body of https://docs.x.com/resources/fundamentals/authentication/api-reference
//! (POST oauth/request_token); error 32 as quoted in walinejs/auth#30 and twitter/twurl#70;
//! error 415 in XML as quoted in arunagw/omniauth-twitter#144.

use std::collections::BTreeMap;

use base64::Engine;
use hmac::{Hmac, KeyInit, Mac};
use serde_json::json;
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

use super::Fake;
use crate::support::{Sandbox, assert_no_leak};

/// An app whose User authentication settings list the portal's callback URL.
pub const KEY: &str = "7wCutHbwu17Wt5ivWQLvU2oMe";
pub const SECRET: &str = "XwO4NTVZF0rOt5QDuDx2Rh0tQuW5IiE3aAZuV67E4gwvsqb6Lb";
/// An app with no approved callback URL.
pub const NOCB_KEY: &str = "tlYA6mMQhrj646hZ3VEGhmZ7Q";
pub const NOCB_SECRET: &str = "mm88DaILCTUAhdXVxjmnMM8XQG1PBKyhUhLlj0rvzkaQ9rEzDQ";
pub const WRONG_SECRET: &str = "TG1x7zaFlcX9EaiOvVbbSCNF072EeHVVn2x0MarzRZHwg5ws5j";
/// A bearer token: the check must never use it (the reads it allows are billed).
pub const BEARER: &str = "AAAAAAAAAAAAAAAAAAAAAAXGjJOJkqbj7Dch04zrBcA5E9bupQc6aa61E3W7Xk4PRvR46hlOIjZyXuVBmp%2BGkzDc74u9skfpZty5eQ4%3D";
/// The Workspace default redirect URI, the one the sandbox's check sends.
pub const CALLBACK: &str = "https://service.onlyoffice.com/oauth2.aspx";

const APPS: &[(&str, &str, &[&str])] = &[(KEY, SECRET, &[CALLBACK]), (NOCB_KEY, NOCB_SECRET, &[])];

/// RFC 5849 §3.6 encoding, written here independently of the check's.
fn enc(s: &str) -> String {
    let mut out = String::new();
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

fn dec(s: &str) -> String {
    percent_encoding::percent_decode_str(s)
        .decode_utf8_lossy()
        .into_owned()
}

/// The parameters of an `Authorization: OAuth k="v", …` header, decoded.
fn oauth_params(req: &Request) -> Option<BTreeMap<String, String>> {
    let header = req.headers.get("authorization")?.to_str().ok()?;
    let rest = header.strip_prefix("OAuth ")?;
    let mut params = BTreeMap::new();
    for part in rest.split(',') {
        let (k, v) = part.trim().split_once('=')?;
        params.insert(dec(k), dec(v.trim_matches('"')));
    }
    Some(params)
}

/// X's error 32, as its API answers a signature that does not verify.
fn error_32() -> ResponseTemplate {
    ResponseTemplate::new(401)
        .set_body_json(json!({"errors": [{"code": 32, "message": "Could not authenticate you."}]}))
}

fn request_token(req: &Request) -> ResponseTemplate {
    let Some(params) = oauth_params(req) else {
        return ResponseTemplate::new(400).set_body_json(
            json!({"errors": [{"code": 215, "message": "Bad Authentication data."}]}),
        );
    };
    let consumer = params
        .get("oauth_consumer_key")
        .cloned()
        .unwrap_or_default();
    let Some((_, secret, callbacks)) = APPS.iter().find(|(k, _, _)| *k == consumer) else {
        return error_32();
    };
    if params.get("oauth_signature_method").map(String::as_str) != Some("HMAC-SHA1") {
        return error_32();
    }
    // The base string over every oauth_* parameter but the signature, sorted after encoding.
    let mut pairs: Vec<(String, String)> = params
        .iter()
        .filter(|(k, _)| k.as_str() != "oauth_signature")
        .map(|(k, v)| (enc(k), enc(v)))
        .collect();
    pairs.sort();
    let normalized = pairs
        .iter()
        .map(|(k, v)| format!("{k}={v}"))
        .collect::<Vec<_>>()
        .join("&");
    // The URL the client addressed: scheme, the Host header it sent, and the path.
    let host = req
        .headers
        .get("host")
        .and_then(|h| h.to_str().ok())
        .unwrap_or_default();
    let url = format!("http://{host}{}", req.url.path());
    let base = format!("POST&{}&{}", enc(&url), enc(&normalized));
    let mut mac =
        Hmac::<sha1::Sha1>::new_from_slice(format!("{}&", enc(secret)).as_bytes()).unwrap();
    mac.update(base.as_bytes());
    let expected = base64::engine::general_purpose::STANDARD.encode(mac.finalize().into_bytes());
    if params.get("oauth_signature") != Some(&expected) {
        return error_32();
    }
    let callback = params.get("oauth_callback").cloned().unwrap_or_default();
    if !callbacks.contains(&callback.as_str()) {
        return ResponseTemplate::new(403).insert_header("content-type", "application/xml;charset=utf-8").set_body_string(
            "<?xml version='1.0' encoding='UTF-8'?><errors><error code=\"415\">Callback URL not approved for this client application. Approved callback URLs can be adjusted in your application settings</error></errors>",
        );
    }
    ResponseTemplate::new(200)
        .insert_header("content-type", "text/html; charset=utf-8")
        .set_body_string("oauth_token=Z6eEdO8MOmk394WozF5oKyuAv855l4Mlqo7hhlSLik&oauth_token_secret=Kd75W4OQfb2oJTV0vzGzeXftVAwgMnEK9MumzYcM&oauth_callback_confirmed=true")
}

pub async fn start() -> Fake {
    let server = MockServer::start().await;
    Mock::given(wiremock::matchers::any())
        .respond_with(|req: &Request| {
            if req.method.as_str() == "POST" && req.url.path() == "/oauth/request_token" {
                return request_token(req);
            }
            ResponseTemplate::new(404).set_body_json(
                json!({"errors": [{"code": 34, "message": "Sorry, that page does not exist."}]}),
            )
        })
        .mount(&server)
        .await;
    Fake {
        endpoint: server.uri(),
        valid: vec![
            ("api_key", KEY.into()),
            ("api_secret", SECRET.into()),
            ("bearer_token", BEARER.into()),
        ],
        rejected: vec![("api_key", KEY.into()), ("api_secret", WRONG_SECRET.into())],
        secrets: vec![
            SECRET.into(),
            BEARER.into(),
            NOCB_SECRET.into(),
            WRONG_SECRET.into(),
        ],
        guard: Box::new(server),
    }
}

async fn run(fake: &Fake, fields: &[(&'static str, &str)]) -> crate::support::Output {
    let sandbox = Sandbox::new();
    let mut config: Vec<(&'static str, String)> =
        fields.iter().map(|(k, v)| (*k, v.to_string())).collect();
    config.push(("endpoint", fake.endpoint.clone()));
    sandbox.set_provider("twitter", &config);
    let out = sandbox.check_json("twitter", &[]).await;
    assert_no_leak(&out, &fake.secrets);
    out
}

async fn paths(fake: &Fake) -> Vec<String> {
    let server = fake.guard.downcast_ref::<MockServer>().unwrap();
    let requests = server.received_requests().await.unwrap();
    requests
        .iter()
        .map(|r| format!("{} {}", r.method, r.url.path()))
        .collect()
}

#[tokio::test]
async fn twitter_signed_request_token_with_the_portals_callback_is_ok() {
    let fake = start().await;
    let out = run(
        &fake,
        &[
            ("api_key", KEY),
            ("api_secret", SECRET),
            ("bearer_token", BEARER),
        ],
    )
    .await;
    assert_eq!(out.status("twitter"), "ok", "{}", out.all());
    assert_eq!(out.code, 0);
    let facts = &out.result("twitter")["facts"];
    assert_eq!(facts["redirect_uri"], "registered");
    assert_eq!(facts["callback_url"], CALLBACK);
    assert!(
        facts["bearer_token"]
            .as_str()
            .unwrap()
            .contains("not checked"),
        "{facts}"
    );
    assert_eq!(paths(&fake).await, ["POST /oauth/request_token"]);
}

#[tokio::test]
async fn twitter_wrong_secret_fails_the_signature_and_is_rejected() {
    let fake = start().await;
    let out = run(&fake, &[("api_key", KEY), ("api_secret", WRONG_SECRET)]).await;
    assert_eq!(out.status("twitter"), "rejected", "{}", out.all());
    assert_eq!(out.code, 1);
    assert!(
        out.text("twitter", "message").contains("error 32"),
        "{}",
        out.all()
    );
}

#[tokio::test]
async fn twitter_unapproved_callback_is_misconfigured_with_the_url_to_add() {
    let fake = start().await;
    let out = run(&fake, &[("api_key", NOCB_KEY), ("api_secret", NOCB_SECRET)]).await;
    assert_eq!(out.status("twitter"), "misconfigured", "{}", out.all());
    assert_eq!(out.code, 1);
    let result = out.result("twitter");
    assert_eq!(result["facts"]["redirect_uri"], "not registered");
    let advice = result["advice"].as_str().unwrap();
    assert!(
        advice.contains(CALLBACK) && advice.contains("User authentication settings"),
        "{advice}"
    );
}

#[tokio::test]
async fn twitter_another_portal_redirect_uri_is_the_one_sent() {
    let fake = start().await;
    let sandbox = Sandbox::new();
    sandbox.write_config("[portal]\nredirect_uri = \"https://portal.example.org/oauth2.aspx\"\n");
    sandbox.set_provider(
        "twitter",
        &[
            ("api_key", KEY.into()),
            ("api_secret", SECRET.into()),
            ("endpoint", fake.endpoint.clone()),
        ],
    );
    let out = sandbox.check_json("twitter", &[]).await;
    // The fake's app approves only the Workspace default: the configured URI must be the one sent.
    assert_eq!(out.status("twitter"), "misconfigured", "{}", out.all());
    assert!(
        out.text("twitter", "advice")
            .contains("https://portal.example.org/oauth2.aspx")
    );
}

#[tokio::test]
async fn twitter_bare_401_without_xs_error_list_is_no_verdict() {
    let server = MockServer::start().await;
    Mock::given(wiremock::matchers::any())
        .respond_with(
            ResponseTemplate::new(401)
                .insert_header("content-type", "text/html")
                .set_body_string(
                    "<html><head><title>Access denied by policy</title></head></html>",
                ),
        )
        .mount(&server)
        .await;
    let sandbox = Sandbox::new();
    sandbox.set_provider(
        "twitter",
        &[
            ("api_key", KEY.into()),
            ("api_secret", SECRET.into()),
            ("endpoint", server.uri()),
        ],
    );
    let out = sandbox.check_json("twitter", &[]).await;
    assert_eq!(out.status("twitter"), "unreachable", "{}", out.all());
    assert!(
        out.text("twitter", "message")
            .contains("Access denied by policy"),
        "{}",
        out.all()
    );
}

#[tokio::test]
async fn twitter_unknown_error_code_is_unreachable_with_its_facts() {
    let server = MockServer::start().await;
    Mock::given(wiremock::matchers::any())
        .respond_with(ResponseTemplate::new(403).set_body_json(json!({"errors": [{"code": 326, "message": "To protect our users from spam and other malicious activity, this account is temporarily locked."}]})))
        .mount(&server)
        .await;
    let sandbox = Sandbox::new();
    sandbox.set_provider(
        "twitter",
        &[
            ("api_key", KEY.into()),
            ("api_secret", SECRET.into()),
            ("endpoint", server.uri()),
        ],
    );
    let out = sandbox.check_json("twitter", &[]).await;
    assert_eq!(out.status("twitter"), "unreachable", "{}", out.all());
    assert_eq!(out.code, 3);
    assert_eq!(out.result("twitter")["facts"]["http_status"], 403);
}

/// Issue 8: no command ever requests an endpoint X bills. The fake records every request of
/// `check`, `doctor` and `add`; the only one allowed is the free request token.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn twitter_no_command_requests_a_billed_endpoint() {
    let fake = start().await;
    let sandbox = Sandbox::new();
    let mut fields = fake.valid_config();
    fields.retain(|(k, _)| *k != "endpoint");
    let mut args: Vec<String> = vec!["add".into(), "twitter".into()];
    for (k, v) in &fields {
        args.push("--set".into());
        args.push(format!("{k}={v}"));
    }
    args.push("--set".into());
    args.push(format!("endpoint={}", fake.endpoint));
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let added = sandbox.run_async(&args).await;
    assert_eq!(added.code, 0, "{}", added.all());
    for command in [
        &["check", "twitter"][..],
        &["check"][..],
        &["doctor"][..],
        &["doctor", "twitter"][..],
    ] {
        let out = sandbox.run_async(command).await;
        assert_no_leak(&out, &fake.secrets);
    }
    let seen = paths(&fake).await;
    assert!(seen.len() >= 3, "{seen:?}");
    // `doctor` also opens the origin (`GET /`, no credentials) to test the HTTP layer; nothing
    // else may be requested, and certainly no API path (`/2/…`, `/1.1/…`) X bills.
    for path in &seen {
        assert!(
            path == "POST /oauth/request_token" || path == "GET /",
            "a command requested {path}: {seen:?}"
        );
    }
    assert!(
        seen.iter().filter(|p| p.starts_with("POST")).count() >= 3,
        "{seen:?}"
    );
}
