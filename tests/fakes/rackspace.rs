//! Rackspace fake: Identity v2.0 `POST /v2.0/tokens` with RAX-KSKEY:apiKeyCredentials in the
//! JSON body (200 with a token and service catalog, 401 `unauthorized` for unknown
//! credentials, 403 `userDisabled` for a disabled user), and the Cloud Files CDN endpoint's
//! `HEAD /v1/MossoCloudFS_<tenant>/<container>` for the token it issued (204 with the
//! X-Cdn-* headers of a CDN-enabled container, 404 for a container the CDN does not know).
//! Header names and shapes from the Cloud Files CDN API reference
//! (https://docs-ospc.rackspace.com/cloud-files/v1/cdn-api-reference/cdn-container-services-operations).

use serde_json::{Value, json};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

use super::Fake;
use crate::support::{Sandbox, assert_no_leak};

pub const USERNAME: &str = "portaladmin";
pub const API_KEY: &str = "7c1e9a4f2b8d06e35a9c1f7b4e2d80a6";
pub const WRONG_KEY: &str = "d3f80b6a1c9e47f25b8a0d3c6e9f14b7";
pub const TENANT: &str = "930417";
pub const TOKEN: &str = "AAD4gu5vQmT0xK2cR9pZ3bW7nL1sY8hJ6fE4dV0a";
/// CDN-enabled.
pub const PUBLIC_CONTAINER: &str = "portal-public";
/// Was published to the CDN, then unpublished.
pub const UNPUBLISHED_CONTAINER: &str = "portal-unpublished";

#[derive(Clone, Copy, Default)]
pub struct Options {
    /// The account has no Cloud Files in its service catalog.
    pub no_cloud_files: bool,
    /// The user is disabled.
    pub disabled: bool,
}

fn endpoint(region: &str) -> Value {
    json!({
        "region": region, "tenantId": format!("MossoCloudFS_{TENANT}"),
        "publicURL": format!("https://storage101.{}1.clouddrive.com/v1/MossoCloudFS_{TENANT}", region.to_lowercase()),
        "internalURL": format!("https://snet-storage101.{}1.clouddrive.com/v1/MossoCloudFS_{TENANT}", region.to_lowercase())
    })
}

fn respond(req: &Request, options: Options) -> ResponseTemplate {
    let body: Value = match serde_json::from_slice(&req.body) {
        Ok(body) => body,
        Err(_) => {
            return ResponseTemplate::new(400).set_body_json(
                json!({"badRequest": {"code": 400, "message": "Invalid json request body"}}),
            );
        }
    };
    let creds = &body["auth"]["RAX-KSKEY:apiKeyCredentials"];
    if creds["username"] != USERNAME || creds["apiKey"] != API_KEY {
        return ResponseTemplate::new(401).set_body_json(
            json!({"unauthorized": {"code": 401, "message": "Username or api key is invalid."}}),
        );
    }
    if options.disabled {
        return ResponseTemplate::new(403)
            .set_body_json(json!({"userDisabled": {"code": 403, "message": format!("User '{USERNAME}' is disabled.")}}));
    }
    let mut catalog = vec![json!({
        "name": "cloudServersOpenStack", "type": "compute",
        "endpoints": [{"region": "ORD", "tenantId": TENANT, "publicURL": format!("https://ord.servers.api.rackspacecloud.com/v2/{TENANT}")}]
    })];
    if !options.no_cloud_files {
        catalog.push(json!({
            "name": "cloudFiles", "type": "object-store",
            "endpoints": [endpoint("DFW"), endpoint("ORD"), endpoint("IAD")]
        }));
        let cdn: Vec<Value> = ["DFW", "ORD", "IAD"]
            .iter()
            .map(|r| {
                json!({
                    "region": r, "tenantId": format!("MossoCloudFS_{TENANT}"),
                    "publicURL": format!("https://cdn{}.clouddrive.com/v1/MossoCloudFS_{TENANT}", if *r == "DFW" { 1 } else { 2 })
                })
            })
            .collect();
        catalog.push(json!({"name": "cloudFilesCDN", "type": "rax:object-cdn", "endpoints": cdn}));
    }
    ResponseTemplate::new(200).set_body_json(json!({
        "access": {
            "token": {
                "id": TOKEN, "expires": "2026-05-15T18:04:11.947Z",
                "tenant": {"id": TENANT, "name": TENANT}, "RAX-AUTH:authenticatedBy": ["APIKEY"]
            },
            "serviceCatalog": catalog,
            "user": {
                "id": "a5c0e8f2b17d4936", "name": USERNAME, "RAX-AUTH:defaultRegion": "ORD",
                "roles": [{"id": "3", "name": "identity:user-admin"}, {"id": "10000150", "name": "object-store:default"}]
            }
        }
    }))
}

pub async fn start() -> Fake {
    start_with(Options::default()).await
}

/// The CDN's HEAD on a container, for the token issued above.
fn cdn(req: &Request) -> ResponseTemplate {
    if req
        .headers
        .get("x-auth-token")
        .and_then(|v| v.to_str().ok())
        != Some(TOKEN)
    {
        return ResponseTemplate::new(401)
            .insert_header("X-Trans-Id", "tx8a1f0c6e2d3b4a5c6d7e8-0065f1a2b3dfw1");
    }
    let container = req.url.path().rsplit('/').next().unwrap_or_default();
    let base = ResponseTemplate::new(204)
        .insert_header("X-Trans-Id", "tx5c3e9b1a7d2f4e6a8b0c1-0065f1a2b4ord1");
    match container {
        PUBLIC_CONTAINER => base
            .insert_header("X-Cdn-Enabled", "True")
            .insert_header(
                "X-Cdn-Uri",
                "http://081e40d3ee1cec5f77bf-346eb45fd42c58ca13011d659bfc1ac1.r49.cf0.rackcdn.com",
            )
            .insert_header(
                "X-Cdn-Ssl-Uri",
                "https://83c49b9a2f7ad18250b3-346eb45fd42c58ca13011d659bfc1ac1.ssl.cf0.rackcdn.com",
            )
            .insert_header("X-Ttl", "259200")
            .insert_header("X-Log-Retention", "False"),
        UNPUBLISHED_CONTAINER => base
            .insert_header("X-Cdn-Enabled", "False")
            .insert_header(
                "X-Cdn-Uri",
                "http://2d7c4e0f9a1b3c5d7e8f-346eb45fd42c58ca13011d659bfc1ac1.r12.cf0.rackcdn.com",
            )
            .insert_header("X-Ttl", "259200"),
        _ => ResponseTemplate::new(404)
            .insert_header("X-Trans-Id", "tx7b2d4f6a8c0e1a3b5c7d9-0065f1a2b5ord1"),
    }
}

pub async fn start_with(options: Options) -> Fake {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/v2.0/tokens"))
        .respond_with(move |req: &Request| respond(req, options))
        .mount(&server)
        .await;
    Mock::given(method("HEAD"))
        .and(wiremock::matchers::path_regex(format!(
            "^/v1/MossoCloudFS_{TENANT}/[^/]+$"
        )))
        .respond_with(cdn)
        .mount(&server)
        .await;
    Fake {
        endpoint: server.uri(),
        valid: vec![
            ("username", USERNAME.into()),
            ("api_key", API_KEY.into()),
            ("region", "ORD".into()),
            ("public_container", PUBLIC_CONTAINER.into()),
        ],
        rejected: vec![
            ("username", USERNAME.into()),
            ("api_key", WRONG_KEY.into()),
            ("region", "ORD".into()),
            ("public_container", PUBLIC_CONTAINER.into()),
        ],
        secrets: vec![API_KEY.into(), WRONG_KEY.into()],
        guard: Box::new(server),
    }
}

async fn run(fake: &Fake, config: &[(&'static str, String)]) -> crate::support::Output {
    let sandbox = Sandbox::new();
    sandbox.set_provider("rackspace", config);
    let out = sandbox.check_json("rackspace", &[]).await;
    assert_no_leak(&out, &fake.secrets);
    out
}

#[tokio::test]
async fn rackspace_valid_key_is_ok_with_the_catalog_facts() {
    let fake = start().await;
    let out = run(&fake, &fake.valid_config()).await;
    assert_eq!(out.status("rackspace"), "ok", "{}", out.all());
    assert_eq!(out.code, 0);
    let facts = &out.result("rackspace")["facts"];
    assert_eq!(facts["tenant_id"], TENANT);
    assert_eq!(facts["default_region"], "ORD");
    assert_eq!(facts["token_expires"], "2026-05-15T18:04:11.947Z");
    assert_eq!(facts["cloudfiles_regions"], json!(["DFW", "ORD", "IAD"]));
    assert_eq!(facts["public_container"], PUBLIC_CONTAINER);
    assert!(
        facts["cdn_uri"].as_str().unwrap().contains("rackcdn.com"),
        "{}",
        out.all()
    );
}

#[tokio::test]
async fn rackspace_wrong_key_is_rejected() {
    let fake = start().await;
    let out = run(&fake, &fake.rejected_config()).await;
    assert_eq!(out.status("rackspace"), "rejected", "{}", out.all());
    assert!(
        out.result("rackspace")["message"]
            .as_str()
            .unwrap()
            .contains("invalid")
    );
    assert_eq!(out.code, 1);
}

#[tokio::test]
async fn rackspace_disabled_user_is_named_not_a_wrong_key() {
    let fake = start_with(Options {
        disabled: true,
        ..Options::default()
    })
    .await;
    let out = run(&fake, &fake.valid_config()).await;
    assert_eq!(out.status("rackspace"), "misconfigured", "{}", out.all());
    assert!(
        out.result("rackspace")["message"]
            .as_str()
            .unwrap()
            .contains("this user (portaladmin) is disabled")
    );
    assert!(
        out.result("rackspace")["advice"]
            .as_str()
            .unwrap()
            .contains("enable")
    );
}

#[tokio::test]
async fn rackspace_region_without_cloud_files_is_misconfigured() {
    let fake = start().await;
    let mut config = fake.valid_config();
    config[2].1 = "HKG".into();
    let out = run(&fake, &config).await;
    assert_eq!(out.status("rackspace"), "misconfigured", "{}", out.all());
    let message = out.result("rackspace")["message"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(
        message.contains("HKG") && message.contains("DFW, ORD, IAD"),
        "{message}"
    );
    assert_eq!(out.code, 1);
}

#[tokio::test]
async fn rackspace_account_without_cloud_files_is_misconfigured() {
    let fake = start_with(Options {
        no_cloud_files: true,
        ..Options::default()
    })
    .await;
    let out = run(&fake, &fake.valid_config()).await;
    assert_eq!(out.status("rackspace"), "misconfigured", "{}", out.all());
    assert!(
        out.result("rackspace")["message"]
            .as_str()
            .unwrap()
            .contains("no Cloud Files")
    );
}

fn with_container(fake: &Fake, container: Option<&str>) -> Vec<(&'static str, String)> {
    let mut config: Vec<_> = fake
        .valid_config()
        .into_iter()
        .filter(|(k, _)| *k != "public_container")
        .collect();
    if let Some(container) = container {
        config.push(("public_container", container.to_string()));
    }
    config
}

#[tokio::test]
async fn rackspace_missing_public_container_is_misconfigured() {
    let fake = start().await;
    let out = run(&fake, &with_container(&fake, Some("portal-gone"))).await;
    assert_eq!(out.status("rackspace"), "misconfigured", "{}", out.all());
    assert_eq!(out.result("rackspace")["reason"], "setup");
    let message = out.result("rackspace")["message"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(
        message.contains("`portal-gone` is missing or was never CDN-enabled"),
        "{message}"
    );
    assert!(
        out.result("rackspace")["advice"]
            .as_str()
            .unwrap()
            .contains("CDN")
    );
}

#[tokio::test]
async fn rackspace_unpublished_public_container_is_misconfigured() {
    let fake = start().await;
    let out = run(&fake, &with_container(&fake, Some(UNPUBLISHED_CONTAINER))).await;
    assert_eq!(out.status("rackspace"), "misconfigured", "{}", out.all());
    assert!(
        out.result("rackspace")["message"]
            .as_str()
            .unwrap()
            .contains("CDN of the public container")
    );
}

#[tokio::test]
async fn rackspace_without_public_container_is_a_warning() {
    let fake = start().await;
    let out = run(&fake, &with_container(&fake, None)).await;
    assert_eq!(out.status("rackspace"), "warning", "{}", out.all());
    assert!(
        out.result("rackspace")["message"]
            .as_str()
            .unwrap()
            .contains("public_container is not set")
    );
}

#[tokio::test]
async fn rackspace_bare_401_is_no_verdict() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/v2.0/tokens"))
        .respond_with(
            ResponseTemplate::new(401)
                .set_body_string("<html><head><title>Access denied</title></head></html>")
                .insert_header("content-type", "text/html"),
        )
        .mount(&server)
        .await;
    let fake = start().await;
    let mut config = fake.valid.clone();
    config.push(("endpoint", server.uri()));
    let out = run(&fake, &config).await;
    assert_eq!(out.status("rackspace"), "unreachable", "{}", out.all());
    assert!(
        out.result("rackspace")["message"]
            .as_str()
            .unwrap()
            .contains("Access denied"),
        "{}",
        out.all()
    );
}
