//! Zotero fake: only `GET /keys/<key>` with `Zotero-API-Version: 3` (the plugin's validation),
//! answering the key's JSON (zotero/dataserver `Key::toJSON`) or 404 `Key '…' not found`.

use serde_json::{Value, json};
use wiremock::matchers::{method, path_regex};
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

use super::Fake;
use crate::support::{Sandbox, assert_no_leak};

pub const KEY: &str = "ImCEdSHCqe5gPbPKSuR9GKSs";
pub const WRONG_KEY: &str = "IHG9aNwKLOHh76gxhY1X28t1";
/// Personal library read only.
pub const READ_ONLY_KEY: &str = "zCVzM7qcPQCE6tJXwEleaxzg";
/// Personal library write, groups read only.
pub const NO_GROUP_WRITE_KEY: &str = "hQktPOKcKEUlukpeSTmaIpaM";
/// No library access at all (a key made for another purpose).
pub const NO_READ_KEY: &str = "pW3kR8vN2qX6tY9mB4cJ7sLd";

fn key_json(key: &str, user: Value, groups: Value) -> ResponseTemplate {
    ResponseTemplate::new(200).set_body_json(json!({
        "key": key,
        "userID": 8123456,
        "username": "portal-writer",
        "displayName": "Portal Writer",
        "access": {"user": user, "groups": groups}
    }))
}

pub async fn start() -> Fake {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path_regex("^/keys/[A-Za-z0-9]+$"))
        .respond_with(|req: &Request| {
            let header = |name: &str| req.headers.get(name).and_then(|v| v.to_str().ok()).map(str::to_string);
            if header("zotero-api-version").as_deref() != Some("3") {
                return ResponseTemplate::new(400).set_body_string("Invalid 'Zotero-API-Version' header");
            }
            let full = json!({"library": true, "files": true, "notes": true, "write": true});
            let key = req.url.path().trim_start_matches("/keys/").to_string();
            match Some(key.as_str()) {
                Some(KEY) => key_json(KEY, full, json!({"all": {"library": true, "write": true}})),
                Some(READ_ONLY_KEY) => key_json(
                    READ_ONLY_KEY,
                    json!({"library": true, "files": true, "notes": true, "write": false}),
                    json!({"all": {"library": true, "write": true}}),
                ),
                Some(NO_GROUP_WRITE_KEY) => key_json(NO_GROUP_WRITE_KEY, full, json!({"all": {"library": true, "write": false}})),
                // Without personal-library access, `Key.toJSON` leaves `user` out.
                Some(NO_READ_KEY) => ResponseTemplate::new(200).set_body_json(json!({
                    "key": NO_READ_KEY, "userID": 8123456, "username": "portal-writer", "displayName": "Portal Writer", "access": {}
                })),
                _ => ResponseTemplate::new(404).set_body_string(format!("Key '{key}' not found")),
            }
        })
        .mount(&server)
        .await;
    Fake {
        endpoint: server.uri(),
        valid: vec![("api_key", KEY.into())],
        rejected: vec![("api_key", WRONG_KEY.into())],
        secrets: vec![
            KEY.into(),
            WRONG_KEY.into(),
            READ_ONLY_KEY.into(),
            NO_GROUP_WRITE_KEY.into(),
            NO_READ_KEY.into(),
        ],
        guard: Box::new(server),
    }
}

async fn run(endpoint: &str, key: &str, secrets: &[String]) -> crate::support::Output {
    let sandbox = Sandbox::new();
    sandbox.set_provider(
        "zotero",
        &[("api_key", key.into()), ("endpoint", endpoint.to_string())],
    );
    let out = sandbox.check_json("zotero", &[]).await;
    assert_no_leak(&out, secrets);
    out
}

fn message(out: &crate::support::Output) -> String {
    out.result("zotero")["message"]
        .as_str()
        .unwrap_or_default()
        .to_string()
}

#[tokio::test]
async fn zotero_full_access_key_is_ok() {
    let fake = start().await;
    let out = run(&fake.endpoint, KEY, &fake.secrets).await;
    assert_eq!(out.status("zotero"), "ok", "{}", out.all());
    assert_eq!(out.code, 0);
    let facts = &out.result("zotero")["facts"];
    assert_eq!(facts["user_id"], 8123456);
    assert_eq!(facts["username"], "portal-writer");
    assert_eq!(facts["personal_library"], "read/write");
    assert_eq!(facts["groups"]["all"], "read/write");
}

#[tokio::test]
async fn zotero_wrong_key_is_rejected() {
    let fake = start().await;
    let out = run(&fake.endpoint, WRONG_KEY, &fake.secrets).await;
    assert_eq!(out.status("zotero"), "rejected", "{}", out.all());
    assert_eq!(out.code, 1);
}

/// The plugin only reads: a read-only key is enough (issue 8), at most a warning.
#[tokio::test]
async fn zotero_read_only_keys_are_ok() {
    let fake = start().await;
    for key in [READ_ONLY_KEY, NO_GROUP_WRITE_KEY] {
        let out = run(&fake.endpoint, key, &fake.secrets).await;
        assert_eq!(out.status("zotero"), "ok", "{}", out.all());
        assert_eq!(out.code, 0);
        assert!(
            out.result("zotero")["facts"]["write_access"]
                .as_str()
                .unwrap()
                .contains("not needed")
        );
    }
}

#[tokio::test]
async fn zotero_key_that_reads_nothing_is_misconfigured() {
    let fake = start().await;
    let out = run(&fake.endpoint, NO_READ_KEY, &fake.secrets).await;
    assert_eq!(out.status("zotero"), "misconfigured", "{}", out.all());
    assert_eq!(out.result("zotero")["reason"], "permission");
    assert!(
        out.text("zotero", "advice")
            .contains("zotero.org/settings/keys")
    );
}

#[tokio::test]
async fn zotero_other_403_is_unreachable() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(403).set_body_string("Forbidden"))
        .mount(&server)
        .await;
    let out = run(&server.uri(), KEY, &[KEY.into()]).await;
    assert_eq!(out.status("zotero"), "unreachable", "{}", out.all());
    assert_eq!(out.code, 3);
}
