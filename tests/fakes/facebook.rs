//! Facebook Graph fake: `POST /oauth/access_token` with the client in the form, as the portal
//! posts its token requests (client_credentials served; a GET is not), answering with the
//! OAuthException bodies of verification.md §9, and `GET /v19.0/<app-id>` for the app's node,
//! readable only with that app's token.

use serde_json::json;
use wiremock::matchers::{method, path, path_regex};
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

use super::oauth::{ClientIn, Refusal, TokenEndpoint};
use super::{Fake, query};
use crate::support::{Sandbox, assert_no_leak};

pub const APP_ID: &str = "914372058163427";
pub const SECRET: &str = "5c9e1a7f3b8d2046e1f9a3c7b5d08e42";
pub const WRONG_SECRET: &str = "a81f4c6e29b3d7051f8e6a2c4b9d307e";
/// An app id for which Graph fails with its "system error" (code 101).
pub const FLAKY_APP_ID: &str = "914372058169981";
const TOKEN_TAIL: &str = "kR4vT9wQz2LmP8sNc6yHb3Jd1Gf";

fn oauth_exception(code: i64, message: &str) -> ResponseTemplate {
    ResponseTemplate::new(400).set_body_json(json!({"error": {
        "message": message, "type": "OAuthException", "code": code, "fbtrace_id": "AbCdQx7Lm2Pz"
    }}))
}

static TOKEN: TokenEndpoint = TokenEndpoint {
    method: "POST",
    path: "/oauth/access_token",
    client_in: ClientIn::Form,
    clients: &[(APP_ID, SECRET)],
    grant_types: &["client_credentials"],
    refuse: |refusal, call| match refusal {
        Refusal::UnknownClient if call.client_id == FLAKY_APP_ID => oauth_exception(
            101,
            "Error validating application. Cannot get application info due to a system error.",
        ),
        Refusal::NoClient | Refusal::UnknownClient => {
            oauth_exception(101, "Error validating application. Invalid application ID.")
        }
        Refusal::WrongSecret => oauth_exception(1, "Error validating client secret."),
        Refusal::UnsupportedGrant => oauth_exception(100, "Unsupported grant_type"),
    },
    answer: |_| {
        ResponseTemplate::new(200).set_body_json(json!({
            "access_token": format!("{APP_ID}|{TOKEN_TAIL}"), "token_type": "bearer"
        }))
    },
};

pub async fn start() -> Fake {
    let server = MockServer::start().await;
    TOKEN.mount(&server).await;
    Mock::given(method("GET"))
        .and(path_regex(r"^/v[0-9.]+/[0-9]+$"))
        .respond_with(|req: &Request| {
            let id = req.url.path().rsplit('/').next().unwrap_or("");
            if query(req).get("access_token").map(String::as_str)
                != Some(format!("{APP_ID}|{TOKEN_TAIL}").as_str())
            {
                return oauth_exception(
                    190,
                    "Invalid OAuth access token - Cannot parse access token",
                );
            }
            if id != APP_ID {
                return oauth_exception(100, "Unsupported get request.");
            }
            ResponseTemplate::new(200).set_body_json(json!({
                "name": "Portal Sign-in", "namespace": "", "category": "Business",
                "link": format!("https://www.facebook.com/games/?app_id={APP_ID}"), "id": APP_ID
            }))
        })
        .mount(&server)
        .await;
    Fake {
        endpoint: server.uri(),
        valid: vec![("app_id", APP_ID.into()), ("app_secret", SECRET.into())],
        rejected: vec![
            ("app_id", APP_ID.into()),
            ("app_secret", WRONG_SECRET.into()),
        ],
        secrets: vec![SECRET.into(), WRONG_SECRET.into()],
        guard: Box::new(server),
    }
}

async fn run(config: &[(&'static str, String)]) -> crate::support::Output {
    let sandbox = Sandbox::new();
    sandbox.set_provider("facebook", config);
    sandbox.check_json("facebook", &[]).await
}

#[tokio::test]
async fn facebook_valid_keys_are_ok_with_the_app_name() {
    let fake = start().await;
    let out = run(&fake.valid_config()).await;
    assert_eq!(out.status("facebook"), "ok", "{}", out.all());
    assert_eq!(out.code, 0);
    let result = out.result("facebook");
    assert_eq!(result["facts"]["app_name"], "Portal Sign-in");
    assert_eq!(result["facts"]["category"], "Business");
    assert!(
        result["facts"].get("namespace").is_none(),
        "empty namespace left out"
    );
    assert!(result["facts"].get("format_notes").is_none(), "{result}");
    assert_no_leak(&out, &fake.secrets);
}

#[tokio::test]
async fn facebook_wrong_secret_is_rejected() {
    let fake = start().await;
    let out = run(&fake.rejected_config()).await;
    assert_eq!(out.status("facebook"), "rejected", "{}", out.all());
    assert_eq!(out.code, 1);
    assert!(
        out.result("facebook")["message"]
            .as_str()
            .unwrap()
            .contains("app secret")
    );
    assert_no_leak(&out, &fake.secrets);
}

#[tokio::test]
async fn facebook_unknown_app_id_is_rejected() {
    let fake = start().await;
    let mut config = fake.valid_config();
    config[0].1 = "914372058160000".into();
    let out = run(&config).await;
    assert_eq!(out.status("facebook"), "rejected", "{}", out.all());
    assert!(
        out.result("facebook")["message"]
            .as_str()
            .unwrap()
            .contains("app id")
    );
    assert_no_leak(&out, &fake.secrets);
}

#[tokio::test]
async fn facebook_system_error_is_unreachable() {
    let fake = start().await;
    let mut config = fake.valid_config();
    config[0].1 = FLAKY_APP_ID.into();
    let out = run(&config).await;
    assert_eq!(out.status("facebook"), "unreachable", "{}", out.all());
    assert_eq!(out.code, 3);
    assert!(
        out.result("facebook")["message"]
            .as_str()
            .unwrap()
            .contains("system error")
    );
    assert_no_leak(&out, &fake.secrets);
}

#[tokio::test]
async fn facebook_app_details_for_another_id_are_unreachable() {
    let server = MockServer::start().await;
    Mock::given(path("/oauth/access_token"))
        .respond_with(ResponseTemplate::new(200).set_body_json(
            json!({"access_token": "914372058163427|Zp3Lq8Wv2Nx", "token_type": "bearer"}),
        ))
        .mount(&server)
        .await;
    Mock::given(path_regex("^/v19.0/"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(json!({"name": "Someone Else", "id": "100000000000001"})),
        )
        .mount(&server)
        .await;
    let out = run(&[
        ("app_id", APP_ID.into()),
        ("app_secret", SECRET.into()),
        ("endpoint", server.uri()),
    ])
    .await;
    assert_eq!(out.status("facebook"), "unreachable", "{}", out.all());
    assert!(
        out.result("facebook")["message"]
            .as_str()
            .unwrap()
            .contains("100000000000001")
    );
    assert_no_leak(&out, &[SECRET.into()]);
}

#[tokio::test]
async fn facebook_unknown_answer_is_unreachable() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(oauth_exception(4, "Application request limit reached"))
        .mount(&server)
        .await;
    let out = run(&[
        ("app_id", APP_ID.into()),
        ("app_secret", SECRET.into()),
        ("endpoint", server.uri()),
    ])
    .await;
    assert_eq!(out.status("facebook"), "unreachable", "{}", out.all());
    assert_eq!(out.code, 3);
    assert_no_leak(&out, &[SECRET.into()]);
}

#[tokio::test]
async fn facebook_posts_the_client_in_the_form_at_the_portal_token_url() {
    let fake = start().await;
    let out = run(&fake.valid_config()).await;
    assert_eq!(out.status("facebook"), "ok", "{}", out.all());
    assert!(
        out.result("facebook")["facts"]["not_proven"]
            .as_str()
            .unwrap()
            .contains("email")
    );
    let server = fake.guard.downcast_ref::<MockServer>().unwrap();
    let requests = server.received_requests().await.unwrap();
    assert_eq!(requests[0].method.as_str(), "POST");
    assert_eq!(requests[0].url.path(), "/oauth/access_token");
    assert!(
        requests[0].url.query().is_none(),
        "the secret must not travel in the URL"
    );
}

#[tokio::test]
async fn facebook_bare_403_is_not_the_provider() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(403).set_body_string("Forbidden by policy"))
        .mount(&server)
        .await;
    let out = run(&[
        ("app_id", APP_ID.into()),
        ("app_secret", SECRET.into()),
        ("endpoint", server.uri()),
    ])
    .await;
    assert_eq!(out.status("facebook"), "unreachable", "{}", out.all());
    assert_eq!(out.result("facebook")["reason"], "intermediary");
}
