//! Sign in with Apple fake: `POST /auth/token`. The client secret is judged as Apple does:
//! the ES256 signature is verified with the registered key's public half, then `kid`, `iss`,
//! `aud`, `sub` (= the form's client_id) and a lifetime of at most 6 months are checked; only
//! then is the code looked at, so a good client gets `invalid_grant` (verification.md §2).
//! `GET /auth/authorize` answers as Apple's page does before any sign-in (issue 12).

use std::time::{SystemTime, UNIX_EPOCH};

use jsonwebtoken::{Algorithm, DecodingKey, Validation};
use p256::pkcs8::{EncodePrivateKey, EncodePublicKey, LineEnding};
use serde_json::{Value, json};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

use super::oauth::{AuthorizeEndpoint, RedirectCase, page, redirect_outcomes};
use super::{Fake, form};
use crate::support::{Sandbox, assert_no_leak};

pub const CLIENT_ID: &str = "com.fabrikam.portal.signin";
pub const TEAM_ID: &str = "Y4DJEWSL20";
pub const KEY_ID: &str = "ZR9HNGOX1R";
/// A Services ID whose authorization page answers in a way no evidence describes.
pub const ODD_ID: &str = "com.fabrikam.portal.other";
pub const UNKNOWN_ID: &str = "com.fabrikam.unknown";
pub const REDIRECT_URI: &str = "https://service.onlyoffice.com/oauth2.aspx";

static AUTHORIZE: AuthorizeEndpoint = AuthorizeEndpoint {
    path: "/auth/authorize",
    clients: &[CLIENT_ID, ODD_ID],
    registered: REDIRECT_URI,
    // The portal asks Apple for no scope.
    scope: None,
    odd_client: ODD_ID,
    // The sign-in page itself: what it looks like is not in the recorded evidence.
    on_registered: |_| page(200, "<html><title>Sign in with Apple ID</title></html>"),
    // https://github.com/ananay/passport-apple/issues/22
    on_unregistered: || {
        page(
            200,
            "<html><body><h1>invalid_request</h1><p>Invalid web redirect url.</p></body></html>",
        )
    },
    // https://github.com/aaronpk/sign-in-with-apple-example/issues/4
    on_unknown_client: || page(200, "<html><body><h1>invalid_client</h1></body></html>"),
};
const MAX_LIFETIME: u64 = 15_777_000;

/// A fresh P-256 key pair: the .p8 text (PKCS#8 PEM) and the public key (SPKI PEM).
pub fn key_pair() -> (String, String) {
    let secret = p256::SecretKey::random(&mut rand::rngs::OsRng);
    let private = secret.to_pkcs8_pem(LineEnding::LF).unwrap().to_string();
    let public = secret
        .public_key()
        .to_public_key_pem(LineEnding::LF)
        .unwrap();
    (private, public)
}

fn error(code: &str) -> ResponseTemplate {
    ResponseTemplate::new(400).set_body_json(json!({"error": code}))
}

/// Whether Apple would accept this client secret for `client_id`.
fn client_ok(jwt: &str, client_id: &str, key: &DecodingKey) -> bool {
    let Ok(header) = jsonwebtoken::decode_header(jwt) else {
        return false;
    };
    if header.alg != Algorithm::ES256
        || header.kid.as_deref() != Some(KEY_ID)
        || ![CLIENT_ID, ODD_ID].contains(&client_id)
    {
        return false;
    }
    let mut validation = Validation::new(Algorithm::ES256);
    validation.set_audience(&["https://appleid.apple.com"]);
    validation.set_issuer(&[TEAM_ID]);
    validation.sub = Some(client_id.to_string());
    validation.set_required_spec_claims(&["exp", "iat", "aud", "iss", "sub"]);
    let Ok(data) = jsonwebtoken::decode::<Value>(jwt, key, &validation) else {
        return false;
    };
    let now = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_secs();
    let iat = data.claims["iat"].as_u64().unwrap_or(0);
    let exp = data.claims["exp"].as_u64().unwrap_or(0);
    iat <= now + 60 && exp > now && exp - iat <= MAX_LIFETIME
}

pub async fn start() -> Fake {
    let (private, public) = key_pair();
    let (other_private, _) = key_pair();
    let key = DecodingKey::from_ec_pem(public.as_bytes()).unwrap();
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/auth/token"))
        .respond_with(move |req: &Request| {
            let fields = form(req);
            let field = |k: &str| fields.get(k).map(String::as_str).unwrap_or("");
            if !client_ok(field("client_secret"), field("client_id"), &key) {
                return error("invalid_client");
            }
            match field("grant_type") {
                "authorization_code" if !field("code").is_empty() => ResponseTemplate::new(400)
                    .set_body_json(json!({"error": "invalid_grant", "error_description": "The code has expired or has been revoked."})),
                "authorization_code" | "refresh_token" => error("invalid_request"),
                _ => error("unsupported_grant_type"),
            }
        })
        .mount(&server)
        .await;
    AUTHORIZE.mount(&server).await;
    let fields = |pem: &str| {
        vec![
            ("client_id", CLIENT_ID.to_string()),
            ("team_id", TEAM_ID.to_string()),
            ("key_id", KEY_ID.to_string()),
            ("private_key", pem.to_string()),
        ]
    };
    Fake {
        endpoint: server.uri(),
        valid: fields(&private),
        rejected: fields(&other_private),
        secrets: vec![private, other_private],
        guard: Box::new(server),
    }
}

/// Runs `check apple` with the valid fields, `name` replaced by `value`.
async fn run_with(fake: &Fake, name: &str, value: Option<&str>) -> crate::support::Output {
    let mut config = fake.valid_config();
    if let (Some(value), Some(entry)) = (value, config.iter_mut().find(|(k, _)| *k == name)) {
        entry.1 = value.to_string();
    }
    let sandbox = Sandbox::new();
    sandbox.set_provider("apple", &config);
    let out = sandbox.check_json("apple", &[]).await;
    assert_no_leak(&out, &fake.secrets);
    out
}

fn assert_rejected_with_candidates(out: &crate::support::Output) {
    assert_eq!(out.status("apple"), "rejected", "{}", out.all());
    assert_eq!(out.code, 1);
    let advice = out.result("apple")["advice"].as_str().unwrap().to_string();
    for candidate in [
        "Services ID",
        "team_id",
        "key_id",
        "revoked",
        "Sign in with Apple",
    ] {
        assert!(
            advice.contains(candidate),
            "{candidate} missing from: {advice}"
        );
    }
}

#[tokio::test]
async fn apple_valid_key_is_ok() {
    let fake = start().await;
    let out = run_with(&fake, "", None).await;
    assert_eq!(out.status("apple"), "ok", "{}", out.all());
    assert_eq!(out.code, 0);
    let facts = &out.result("apple")["facts"];
    assert_eq!(facts["team_id"], TEAM_ID);
    assert_eq!(facts["key_id"], KEY_ID);
    assert_eq!(facts["probe"], "dummy authorization code");
    assert!(facts.get("format_notes").is_none(), "{facts}");
}

#[tokio::test]
async fn apple_other_key_is_rejected_listing_the_candidates() {
    let fake = start().await;
    let sandbox = Sandbox::new();
    sandbox.set_provider("apple", &fake.rejected_config());
    let out = sandbox.check_json("apple", &[]).await;
    assert_rejected_with_candidates(&out);
    assert_no_leak(&out, &fake.secrets);
}

#[tokio::test]
async fn apple_wrong_team_id_is_rejected() {
    let fake = start().await;
    assert_rejected_with_candidates(&run_with(&fake, "team_id", Some("WZY6FWI9OR")).await);
}

#[tokio::test]
async fn apple_wrong_key_id_is_rejected() {
    let fake = start().await;
    assert_rejected_with_candidates(&run_with(&fake, "key_id", Some("K7M2XQ4R9P")).await);
}

#[tokio::test]
async fn apple_app_id_instead_of_services_id_is_rejected() {
    let fake = start().await;
    assert_rejected_with_candidates(
        &run_with(&fake, "client_id", Some("com.fabrikam.portal")).await,
    );
}

#[tokio::test]
async fn apple_fake_refuses_an_over_long_or_unsigned_secret() {
    let fake = start().await;
    let private = fake.valid[3].1.clone();
    let now = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_secs();
    let mut header = jsonwebtoken::Header::new(Algorithm::ES256);
    header.kid = Some(KEY_ID.into());
    let sign = |exp: u64| {
        let claims = json!({"iss": TEAM_ID, "iat": now, "exp": exp, "aud": "https://appleid.apple.com", "sub": CLIENT_ID});
        let key = jsonwebtoken::EncodingKey::from_ec_pem(private.as_bytes()).unwrap();
        jsonwebtoken::encode(&header, &claims, &key).unwrap()
    };
    let post = |secret: String| {
        let url = format!("{}/auth/token", fake.endpoint);
        async move {
            let form = [
                ("client_id", CLIENT_ID),
                ("client_secret", secret.as_str()),
                ("grant_type", "authorization_code"),
                ("code", "c0de"),
            ];
            let reply = reqwest::Client::new()
                .post(url)
                .form(&form)
                .send()
                .await
                .unwrap();
            reply.json::<Value>().await.unwrap()["error"].clone()
        }
    };
    assert_eq!(post(sign(now + 300)).await, "invalid_grant");
    assert_eq!(
        post(sign(now + MAX_LIFETIME + 3600)).await,
        "invalid_client"
    );
    let good = sign(now + 300);
    let unsigned = format!("{}.", good.rsplit_once('.').unwrap().0);
    assert_eq!(post(unsigned).await, "invalid_client");
}

#[tokio::test]
async fn apple_unknown_answer_is_unreachable() {
    let fake = start().await;
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(error("invalid_request"))
        .mount(&server)
        .await;
    let mut config = fake.valid.clone();
    config.push(("endpoint", server.uri()));
    let sandbox = Sandbox::new();
    sandbox.set_provider("apple", &config);
    let out = sandbox.check_json("apple", &[]).await;
    assert_eq!(out.status("apple"), "unreachable", "{}", out.all());
    assert_eq!(out.code, 3);
    assert_no_leak(&out, &fake.secrets);
}

#[tokio::test]
async fn apple_redirect_uri_probe_has_four_outcomes() {
    let fake = start().await;
    redirect_outcomes(
        &fake,
        RedirectCase {
            id: "apple",
            client_field: "client_id",
            unknown_client: UNKNOWN_ID,
            odd_client: ODD_ID,
            registered_fact: "not verified",
            unknown_fact: "does not know this client id",
            register_hint: "Return URLs",
        },
    )
    .await;
}
