//! Rackspace Identity v2.0 fake: `POST /v2.0/tokens` with RAX-KSKEY:apiKeyCredentials in the
//! JSON body; 200 with a token and service catalog, 401 `unauthorized` for unknown
//! credentials, 403 `userDisabled` for a disabled user.

use serde_json::{Value, json};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

use super::Fake;
use crate::support::{Sandbox, assert_no_leak};

pub const USERNAME: &str = "portaladmin";
pub const API_KEY: &str = "7c1e9a4f2b8d06e35a9c1f7b4e2d80a6";
pub const WRONG_KEY: &str = "d3f80b6a1c9e47f25b8a0d3c6e9f14b7";
pub const TENANT: &str = "930417";

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
            return ResponseTemplate::new(400)
                .set_body_json(json!({"badRequest": {"code": 400, "message": "Invalid json request body"}}));
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
    }
    ResponseTemplate::new(200).set_body_json(json!({
        "access": {
            "token": {
                "id": "AAD4gu5vQmT0xK2cR9pZ3bW7nL1sY8hJ6fE4dV0a", "expires": "2026-05-15T18:04:11.947Z",
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

pub async fn start_with(options: Options) -> Fake {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/v2.0/tokens"))
        .respond_with(move |req: &Request| respond(req, options))
        .mount(&server)
        .await;
    Fake {
        endpoint: server.uri(),
        valid: vec![("username", USERNAME.into()), ("api_key", API_KEY.into()), ("region", "ORD".into())],
        rejected: vec![("username", USERNAME.into()), ("api_key", WRONG_KEY.into()), ("region", "ORD".into())],
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
}

#[tokio::test]
async fn rackspace_wrong_key_is_rejected() {
    let fake = start().await;
    let out = run(&fake, &fake.rejected_config()).await;
    assert_eq!(out.status("rackspace"), "rejected", "{}", out.all());
    assert!(out.result("rackspace")["message"].as_str().unwrap().contains("invalid"));
    assert_eq!(out.code, 1);
}

#[tokio::test]
async fn rackspace_disabled_user_is_rejected() {
    let fake = start_with(Options { disabled: true, ..Options::default() }).await;
    let out = run(&fake, &fake.valid_config()).await;
    assert_eq!(out.status("rackspace"), "rejected", "{}", out.all());
    assert!(out.result("rackspace")["message"].as_str().unwrap().contains("disabled"));
    assert!(out.result("rackspace")["advice"].as_str().unwrap().contains("enable"));
}

#[tokio::test]
async fn rackspace_region_without_cloud_files_is_misconfigured() {
    let fake = start().await;
    let mut config = fake.valid_config();
    config[2].1 = "HKG".into();
    let out = run(&fake, &config).await;
    assert_eq!(out.status("rackspace"), "misconfigured", "{}", out.all());
    let message = out.result("rackspace")["message"].as_str().unwrap().to_string();
    assert!(message.contains("HKG") && message.contains("DFW, ORD, IAD"), "{message}");
    assert_eq!(out.code, 1);
}

#[tokio::test]
async fn rackspace_account_without_cloud_files_is_misconfigured() {
    let fake = start_with(Options { no_cloud_files: true, ..Options::default() }).await;
    let out = run(&fake, &fake.valid_config()).await;
    assert_eq!(out.status("rackspace"), "misconfigured", "{}", out.all());
    assert!(out.result("rackspace")["message"].as_str().unwrap().contains("no Cloud Files"));
}
