//! Google Cloud Storage fake: the OAuth token endpoint (JWT-bearer grant) verifies the RS256
//! assertion with the service account's public key and checks `iss`, `aud`, `scope`, `iat` and
//! `exp` the way Google does; the storage JSON API then requires the token it issued.
//! Error bodies follow verification.md §12 (the `invalid_grant` descriptions are Google's).

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use jsonwebtoken::{Algorithm, DecodingKey, Validation};
use serde::Deserialize;
use serde_json::json;
use wiremock::matchers::{method, path, path_regex};
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

use super::{Fake, bearer, form, query};
use crate::support::{Sandbox, assert_no_leak};

// Test-only RSA keys, generated once with `openssl genpkey -algorithm RSA`; they protect nothing.
pub const KEY_A: &str = "\
-----BEGIN PRIVATE KEY-----\n\
MIIEvgIBADANBgkqhkiG9w0BAQEFAASCBKgwggSkAgEAAoIBAQC6mTrzWeroAoo7\n\
wcfKNyx6NaO3bLzlj07RnTuqecKq34NNF9MotW2JHcQTz0GFM7h52yxAL11f4Txz\n\
EG9bnTd7MknKC4Q8h3MaltuIRoQfqlU+fKc0l4mnjtvVl1YTdPDwRR3f1X1WfY/e\n\
Syl/6yK2BAA3/iXX/Rhnf8JhwbMLK80Y0qmnxN0NSZuNjsg53pTU5mim88557P2b\n\
npWv4JrqN+1lvYcUD12DlRMMr9rS/cU+9VxAVQiaCbOU4uFkCudVQMK1//3lsSff\n\
X2ZbxWER8B2eRUh4OUGjgpbwSLeYlAoNHOxHmeaJbFmfN4l7O5OXiJ27ag2tHEbq\n\
jeRpkucVAgMBAAECggEAB/00Ai5vyYeu+fB/GJK5/4XTkNtMZMq43e4iBheTpK5l\n\
qCkUjsS3ysarZLVmBtPdpS/4/3WCWq7MIFlhidYGcFVJRf0uEqEHpf7eqYFquj1Y\n\
IXuuSqjl8/aAmy7meKD0M4v4rmLtAcU7TJHswK/lSvmLCzABLZ5wi0vecMIy43qQ\n\
O9JkF5goWozHS5nEEaxnK6QDSCoMq4FSC+bEIBGADklB1eFksl7iMGhz0W/MbIHL\n\
X7rbuteKLt6MgSSRZ5tU0ojLYeTCtGu+47FIZh03THFD7/SChOy3yWc12r4l9on6\n\
lNA2l9tiy3Sy7rnIFut2gEmo88KyiMwBppnT+N0+gQKBgQDvNzWOiTLlVO23hS74\n\
410fEVzHzqdzLqkq9PynpON+iOJPjBn85Fjbb99cCvtPqsBfqzE5tqay+DlzLT7h\n\
Od12PIFw9XOZFypBpsXeLDYI04RYSvA4aoDACOCWIpM3EreXKAlNADoYORcrk3tU\n\
2YpUfBFIBkaQxdsbMoNozzkGlQKBgQDHsOmu9ABIt/WJz8HCRC1uTxTK8RGnZwgq\n\
RyAynyjNLTfFesNdznalLRk1rML+jsqvrmao8LULr6kAVQ1lfSxFEJn7KOqtTrPZ\n\
qLSHiKIzUSBGzKSGGIp7OMCW2FZ0Htx50TqSvC5GGwlR5KbKJhAndkLvm1Xt+bQK\n\
mR8eRiS+gQKBgQDVuiQVt6tLjvfdMhdns+xtZ5vXwWGG3bezc7ORLRc85JweqnRF\n\
qNdjJ68Ok5k58rtyPof6oqCJ4pGhwFkf7g1aKHEWNZcUvse4ZIMBH8sfU6w5HqtG\n\
HJHwAX53ZWjWmdiCKvk0XPGK1udGvbxBcSPQnBDsov7FNqGuyRDzwcGXiQKBgQCG\n\
IcJFvyX1soNeh0u55ruxbbMkwhq+nElyxIXPGvN4JhhhMJ3MA+PT/WACmsH75QQm\n\
T3ornkutxtc5Hug5tIOo/IbBmvFPah8KY/SnWVLCL4sDo3Ablp5mOG+8oyInK5ei\n\
x7SVXYujkYOIG5MhE8IkD57UfT2R9PlHaSTq2+jQgQKBgH4QHDoWfIZDtkPHKsFq\n\
oiYRO9qOB+vmP/Hfq7LSTuYcN93RIITKWq6ogWnlzzHhm5h4Jeq/tmlCDS2BNOAd\n\
JrvM52GajPNEsk0ggFUTV3lSgC5vRYyGv4MaHhH2fQ4n3EARPfu6KsOcUbZUXJgx\n\
Baa1XtSmnxuM1OkKVRTxUimz\n\
-----END PRIVATE KEY-----\n\
";

pub const PUBLIC_A: &str = "\
-----BEGIN PUBLIC KEY-----\n\
MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAupk681nq6AKKO8HHyjcs\n\
ejWjt2y85Y9O0Z07qnnCqt+DTRfTKLVtiR3EE89BhTO4edssQC9dX+E8cxBvW503\n\
ezJJyguEPIdzGpbbiEaEH6pVPnynNJeJp47b1ZdWE3Tw8EUd39V9Vn2P3kspf+si\n\
tgQAN/4l1/0YZ3/CYcGzCyvNGNKpp8TdDUmbjY7IOd6U1OZopvPOeez9m56Vr+Ca\n\
6jftZb2HFA9dg5UTDK/a0v3FPvVcQFUImgmzlOLhZArnVUDCtf/95bEn319mW8Vh\n\
EfAdnkVIeDlBo4KW8Ei3mJQKDRzsR5nmiWxZnzeJezuTl4idu2oNrRxG6o3kaZLn\n\
FQIDAQAB\n\
-----END PUBLIC KEY-----\n\
";

pub const KEY_B: &str = "\
-----BEGIN PRIVATE KEY-----\n\
MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQDao/kmXANLT7hz\n\
bHoModPPhWEQJV5ddHiaOAUVQUmTn4Y3RnpSwO9vWi0fE3Mzostm5UZ5g6NsLLhV\n\
t6aYnwi8cOCjPcUtbxl3MDZoOe4lcdde1XkUq75lwHhdTQBqKGOxgEqzRO1NTINB\n\
QNqE4e1TECfF277zYVlLqiGKCal2luaA89rirsKP9AHkHG/pKm8OAAG6MKVfBc20\n\
gQ4CtdO4mW75ECM2eFU995SSUQFtWqZHSOZ3ABEZzrpCRFta3zJeTbKUtJtQU1pq\n\
MNPzYz2c9yle4uPsb4c83NaV6g4Tnwxxr22SJ4PO9W90OHFK1NHBBSPq+raCgmVk\n\
Fmjrc+XPAgMBAAECggEAHZWWHHUoiEkWEHQ2AuiQybc8CNxtljVbg6P0jXQ4maOP\n\
xyyfrPvon3IdweM2sYl5KV1OZG8wrpinLAi+H6UBSxz2SyW2vQJCpAiKNsnZP12A\n\
mBdIRh5Dv0PvECeKWKhKGRYJcD7G4gXqNWr/m9RwRvmG0DR+9DK7dkwOiWhA8x08\n\
OH0RSKVr4Mo0ZasYyJy6WaocysR0BUVTIeVDW/arqKe5bFgwh89xUXfoME0dGPr5\n\
+bPS2UtH38OFbXAV0C1QQk2v6hRoOh56ZG9qTt85s8su+39ndvZzcipGUNJGTwUY\n\
y8UThnRJgqkit90ncCKVW6ZvyoioGtKd855FV7OytQKBgQD93D/x/vaZwQOM2Sb7\n\
AprNYZ8hmhSqo/iWTgQzW+8plzy2ECFGEHVR3FEysiWGywhBNXTEHRfqWTlk5L4y\n\
91s3ZB7hdU4+uJEV13sqpD+tibhSQuthhqS+Mf8aSCwxMJwSVUWEp4pG0mM8kQuj\n\
WzKsjGZ2pIbXx1xEwCLJS29aAwKBgQDce7rvpe9jhAc72AGckv3XrL2HogPGS15/\n\
hYnmax0lWbT/4rkdUqmNGv4tGSbwo/cYUpw74IfiiPY4SBf+W8GD4xNGZIt2kGCH\n\
YISSwmtFC7Mec8S7ILoaHunndYn2noYst1+NT7d5zd4RgYWTW8w7FzV4+KsTqqif\n\
uM15oBzhRQKBgQD6rh/HDArf0aV71IOVowDShu/o8oot5zV21xt2y/XjkCC3eD4j\n\
PeVcLL9R3HEKJjvEiNEBR+lx1SHD682V7oT4sbl80aWucftzIhHSDdeDuld1g/eD\n\
mr3bwusyPMrG2EWGJQY89GSrgt3T1Tc03L2xfgNAbT9qnMcUbNbtB7yxmQKBgGsl\n\
FarwEG1j87/5MI9OP11X7KLE8OCkL7/4vRLkar2D4pmXLC47xXl07KAt4OaAR8vi\n\
GVpfuqkztbOUFVTeciQNbYh/w+ZSMxaWqNZI9KgRD3J0/92QAeA/tZttWyYl0z5X\n\
vm+Flbvzdz86mhcKPS1aEfo/naNpA5jazb+VN3OhAoGADeoTKOJeBOtS6yo2EYeI\n\
h7sYbwwOAoObiKSbkzTeTbpZtRTB3nt5pGG2Ht5X8UAmoCWaf1c8QiR5Dnvu3351\n\
fIwI/18cDxk8HVC8WP6Q6Om0UzmLwjLmSIULB8CD7o+vnq2S3ulfl+6odz495xWs\n\
DxDdROz8cG25lTP2BCV4tmo=\n\
-----END PRIVATE KEY-----\n\
";

pub const PUBLIC_B: &str = "\
-----BEGIN PUBLIC KEY-----\n\
MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA2qP5JlwDS0+4c2x6DKHT\n\
z4VhECVeXXR4mjgFFUFJk5+GN0Z6UsDvb1otHxNzM6LLZuVGeYOjbCy4VbemmJ8I\n\
vHDgoz3FLW8ZdzA2aDnuJXHXXtV5FKu+ZcB4XU0AaihjsYBKs0TtTUyDQUDahOHt\n\
UxAnxdu+82FZS6ohigmpdpbmgPPa4q7Cj/QB5Bxv6SpvDgABujClXwXNtIEOArXT\n\
uJlu+RAjNnhVPfeUklEBbVqmR0jmdwARGc66QkRbWt8yXk2ylLSbUFNaajDT82M9\n\
nPcpXuLj7G+HPNzWleoOE58Mca9tkieDzvVvdDhxStTRwQUj6vq2goJlZBZo63Pl\n\
zwIDAQAB\n\
-----END PUBLIC KEY-----\n\
";

pub const TOKEN_URI: &str = "https://oauth2.googleapis.com/token";
pub const PROJECT: &str = "portal-backup-4f2a1";
/// Can list the project's buckets and has every object permission on BUCKET.
pub const EMAIL_ADMIN: &str = "portal-backup@portal-backup-4f2a1.iam.gserviceaccount.com";
pub const KID_ADMIN: &str = "3671dd0eab002b4ddeed4b0e54a9de647f8e8218";
/// May not list buckets; holds only read and list on BUCKET.
pub const EMAIL_READER: &str = "portal-reader@portal-backup-4f2a1.iam.gserviceaccount.com";
pub const KID_READER: &str = "a3060f9af3976975e1fa7fd2cbdf83d2b38df98d";
/// A service account that was deleted.
pub const EMAIL_DELETED: &str = "portal-old@portal-backup-4f2a1.iam.gserviceaccount.com";
pub const KID_DELETED: &str = "d5a1c689590e3c48562653351d97a358d5bbc2ec";
pub const TOKEN_ADMIN: &str = "ya29.rAJs3lXLh-zwxo9vkKb2_6AoU5QxLteB7grseuiuXV1GKKND1F1dKGzYtZJQ";
pub const TOKEN_READER: &str = "ya29.tYalyLdojD7jWJ7mccOvw4T5bCmlNZ6JbS-_F34iROkPz7dWH2veh7Hcf0ew";
pub const BUCKET: &str = "portal-backup-store";
/// A bucket with uniform bucket-level access: object ACLs (the portal's predefinedAcl) refused.
pub const UNIFORM_BUCKET: &str = "portal-uniform-store";
/// A bucket where the admin account holds only Storage Object Admin (no storage.buckets.get).
pub const SHARED_BUCKET: &str = "portal-shared-store";
const ALL_OBJECT_PERMISSIONS: [&str; 4] = [
    "storage.objects.get",
    "storage.objects.create",
    "storage.objects.delete",
    "storage.objects.list",
];

/// A service-account key file as Google issues it.
pub fn key_file(email: &str, kid: &str, pem: &str) -> String {
    json!({
        "type": "service_account",
        "project_id": PROJECT,
        "private_key_id": kid,
        "private_key": pem,
        "client_email": email,
        "client_id": "104573128839202757751",
        "auth_uri": "https://accounts.google.com/o/oauth2/auth",
        "token_uri": TOKEN_URI,
        "auth_provider_x509_cert_url": "https://www.googleapis.com/oauth2/v1/certs",
        "client_x509_cert_url": format!("https://www.googleapis.com/robot/v1/metadata/x509/{}", email.replace('@', "%40")),
        "universe_domain": "googleapis.com"
    })
    .to_string()
}

#[derive(Deserialize)]
struct Claims {
    iss: String,
    aud: String,
    #[serde(default)]
    scope: String,
    iat: u64,
    exp: u64,
}

fn invalid_grant(description: &str) -> ResponseTemplate {
    ResponseTemplate::new(400)
        .set_body_json(json!({"error": "invalid_grant", "error_description": description}))
}

fn google_error(code: u16, message: &str) -> ResponseTemplate {
    ResponseTemplate::new(code).set_body_json(json!({
        "error": {"code": code, "message": message, "errors": [{"message": message, "domain": "global", "reason": if code == 404 { "notFound" } else { "forbidden" }}]}
    }))
}

/// `POST /token`: the JWT-bearer grant of https://developers.google.com/identity/protocols/oauth2/service-account#httprest
fn token(req: &Request) -> ResponseTemplate {
    let fields = form(req);
    if fields.get("grant_type").map(String::as_str)
        != Some("urn:ietf:params:oauth:grant-type:jwt-bearer")
    {
        return ResponseTemplate::new(400).set_body_json(
            json!({"error": "unsupported_grant_type", "error_description": "Invalid grant_type: "}),
        );
    }
    let Some(assertion) = fields.get("assertion") else {
        return ResponseTemplate::new(400).set_body_json(json!({"error": "invalid_request", "error_description": "Missing required parameter: assertion"}));
    };
    let Ok(unverified) = jsonwebtoken::dangerous::insecure_decode::<Claims>(assertion) else {
        return invalid_grant(
            "Invalid JWT: Token must be a short-lived token (60 minutes) and in a reasonable timeframe. Check your iat and exp values in the JWT claim.",
        );
    };
    if unverified.claims.iss == EMAIL_DELETED {
        return invalid_grant("Invalid grant: account not found");
    }
    let (public, kid, token) = match unverified.claims.iss.as_str() {
        EMAIL_ADMIN => (PUBLIC_A, KID_ADMIN, TOKEN_ADMIN),
        EMAIL_READER => (PUBLIC_B, KID_READER, TOKEN_READER),
        _ => return invalid_grant("Invalid JWT Signature."),
    };
    if unverified.header.kid.as_deref() != Some(kid) || unverified.header.alg != Algorithm::RS256 {
        return invalid_grant("Invalid JWT Signature.");
    }
    let mut validation = Validation::new(Algorithm::RS256);
    validation.validate_exp = false;
    validation.validate_aud = false;
    validation.required_spec_claims.clear();
    let key = DecodingKey::from_rsa_pem(public.as_bytes()).unwrap();
    let Ok(verified) = jsonwebtoken::decode::<Claims>(assertion, &key, &validation) else {
        return invalid_grant("Invalid JWT Signature.");
    };
    let claims = verified.claims;
    let now = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_secs();
    if claims.exp <= claims.iat
        || claims.exp - claims.iat > 3600
        || claims.iat > now + 300
        || claims.exp < now
    {
        return invalid_grant(
            "Invalid JWT: Token must be a short-lived token (60 minutes) and in a reasonable timeframe. Check your iat and exp values in the JWT claim.",
        );
    }
    if claims.aud != TOKEN_URI {
        return invalid_grant(
            "Invalid JWT: Failed audience check. The right audience is https://oauth2.googleapis.com/token",
        );
    }
    if !claims.scope.split(' ').any(|s| {
        s.starts_with("https://www.googleapis.com/auth/devstorage.")
            || s == "https://www.googleapis.com/auth/cloud-platform"
    }) {
        return ResponseTemplate::new(400).set_body_json(json!({"error": "invalid_scope", "error_description": "Invalid OAuth scope or ID token audience provided."}));
    }
    ResponseTemplate::new(200)
        .set_body_json(json!({"access_token": token, "expires_in": 3599, "token_type": "Bearer"}))
}

/// The storage JSON API: bucket list and testIamPermissions, for the tokens issued above.
fn storage(req: &Request) -> ResponseTemplate {
    let who = match bearer(req).as_deref() {
        Some(TOKEN_ADMIN) => EMAIL_ADMIN,
        Some(TOKEN_READER) => EMAIL_READER,
        _ => return google_error(401, "Invalid Credentials"),
    };
    let path = req.url.path();
    if path == "/storage/v1/b" {
        if query(req).get("project").map(String::as_str) != Some(PROJECT) {
            return google_error(400, "Invalid argument.");
        }
        if who == EMAIL_READER {
            return google_error(
                403,
                &format!(
                    "{who} does not have storage.buckets.list access to the Google Cloud project. Permission 'storage.buckets.list' denied on resource (or it may not exist)."
                ),
            );
        }
        return ResponseTemplate::new(200).set_body_json(json!({
            "kind": "storage#buckets",
            "items": [
                {"kind": "storage#bucket", "id": BUCKET, "name": BUCKET, "projectNumber": "483920175634", "location": "EU"},
                {"kind": "storage#bucket", "id": "portal-static-4f2a1", "name": "portal-static-4f2a1", "projectNumber": "483920175634", "location": "EU"}
            ]
        }));
    }
    let Some(rest) = path.strip_prefix("/storage/v1/b/") else {
        return google_error(404, "Not Found");
    };
    if let Some(bucket) = rest.strip_suffix("/iam/testPermissions") {
        return test_permissions(req, who, bucket);
    }
    // https://cloud.google.com/storage/docs/json_api/v1/buckets/get (needs storage.buckets.get)
    if rest.contains('/') {
        return google_error(404, "Not Found");
    }
    if rest != BUCKET && rest != UNIFORM_BUCKET && rest != SHARED_BUCKET {
        return google_error(404, "The specified bucket does not exist.");
    }
    if who == EMAIL_READER || rest == SHARED_BUCKET {
        return google_error(
            403,
            &format!(
                "{who} does not have storage.buckets.get access to the Google Cloud Storage bucket. Permission 'storage.buckets.get' denied on resource (or it may not exist)."
            ),
        );
    }
    let uniform = rest == UNIFORM_BUCKET;
    let mut meta = json!({
        "iamConfiguration": {
            "bucketPolicyOnly": {"enabled": uniform},
            "uniformBucketLevelAccess": {"enabled": uniform},
            "publicAccessPrevention": "inherited"
        }
    });
    if uniform {
        meta["iamConfiguration"]["uniformBucketLevelAccess"]["lockedTime"] =
            json!("2026-09-01T10:00:00.000Z");
    }
    // `fields=iamConfiguration` limits the answer to that part; without it, more fields come.
    if query(req).get("fields").map(String::as_str) != Some("iamConfiguration") {
        meta["kind"] = json!("storage#bucket");
        meta["name"] = json!(rest);
        meta["location"] = json!("EU");
    }
    ResponseTemplate::new(200).set_body_json(meta)
}

fn test_permissions(req: &Request, who: &str, bucket: &str) -> ResponseTemplate {
    if bucket != BUCKET && bucket != UNIFORM_BUCKET && bucket != SHARED_BUCKET {
        return google_error(404, "The specified bucket does not exist.");
    }
    let granted: &[&str] = if who == EMAIL_ADMIN {
        &ALL_OBJECT_PERMISSIONS
    } else {
        &["storage.objects.get", "storage.objects.list"]
    };
    let held: Vec<String> = req
        .url
        .query_pairs()
        .filter(|(k, _)| k == "permissions")
        .map(|(_, v)| v.into_owned())
        .filter(|p| granted.contains(&p.as_str()))
        .collect();
    ResponseTemplate::new(200)
        .set_body_json(json!({"kind": "storage#testIamPermissionsResponse", "permissions": held}))
}

/// When each storage request arrived, and how long every storage answer is held back.
#[derive(Clone)]
pub struct Delay {
    pub hold: Duration,
    pub arrivals: Arc<Mutex<Vec<(Instant, String)>>>,
}

pub async fn start() -> Fake {
    start_with(None).await
}

pub async fn start_with(delay: Option<Delay>) -> Fake {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/token"))
        .respond_with(token)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path_regex("^/storage/v1/b"))
        .respond_with(move |req: &Request| match &delay {
            None => storage(req),
            Some(delay) => {
                delay
                    .arrivals
                    .lock()
                    .unwrap()
                    .push((Instant::now(), req.url.path().to_string()));
                storage(req).set_delay(delay.hold)
            }
        })
        .mount(&server)
        .await;
    let valid = key_file(EMAIL_ADMIN, KID_ADMIN, KEY_A);
    // The same account and key id, signed with another private key: Google's "Invalid JWT Signature."
    let wrong = key_file(EMAIL_ADMIN, KID_ADMIN, KEY_B);
    Fake {
        endpoint: server.uri(),
        // With the bucket, as the portal always has one: the check then reads its permissions
        // and its access-control mode.
        valid: vec![
            ("service_account_json", valid.clone()),
            ("bucket", BUCKET.into()),
        ],
        rejected: vec![
            ("service_account_json", wrong.clone()),
            ("bucket", BUCKET.into()),
        ],
        secrets: vec![
            valid,
            wrong,
            key_file(EMAIL_READER, KID_READER, KEY_B),
            TOKEN_ADMIN.into(),
            TOKEN_READER.into(),
        ],
        guard: Box::new(server),
    }
}

async fn run(
    endpoint: &str,
    key: String,
    bucket: Option<&str>,
    secrets: &[String],
) -> crate::support::Output {
    let sandbox = Sandbox::new();
    let mut fields = vec![
        ("service_account_json", key),
        ("endpoint", endpoint.to_string()),
    ];
    if let Some(bucket) = bucket {
        fields.push(("bucket", bucket.to_string()));
    }
    sandbox.set_provider("gcs", &fields);
    let out = sandbox.check_json("gcs", &[]).await;
    assert_no_leak(&out, secrets);
    assert!(
        !out.all().contains(KID_ADMIN) && !out.all().contains(KID_READER),
        "key id shown:\n{}",
        out.all()
    );
    out
}

fn message(out: &crate::support::Output) -> String {
    out.result("gcs")["message"]
        .as_str()
        .unwrap_or_default()
        .to_string()
}

#[tokio::test]
async fn gcs_valid_key_lists_the_projects_buckets() {
    let fake = start().await;
    let out = run(
        &fake.endpoint,
        key_file(EMAIL_ADMIN, KID_ADMIN, KEY_A),
        None,
        &fake.secrets,
    )
    .await;
    assert_eq!(out.status("gcs"), "ok", "{}", out.all());
    assert_eq!(out.code, 0);
    let facts = &out.result("gcs")["facts"];
    assert_eq!(facts["client_email"], EMAIL_ADMIN);
    assert_eq!(facts["project_id"], PROJECT);
    assert_eq!(facts["bucket_count"], 2);
    assert_eq!(facts["buckets"][0], BUCKET);
}

#[tokio::test]
async fn gcs_bucket_with_every_object_permission_is_ok() {
    let fake = start().await;
    let out = run(
        &fake.endpoint,
        key_file(EMAIL_ADMIN, KID_ADMIN, KEY_A),
        Some(BUCKET),
        &fake.secrets,
    )
    .await;
    assert_eq!(out.status("gcs"), "ok", "{}", out.all());
    assert_eq!(
        out.result("gcs")["facts"]["permissions"]
            .as_array()
            .unwrap()
            .len(),
        4
    );
}

#[tokio::test]
async fn gcs_key_signed_by_another_private_key_is_rejected() {
    let fake = start().await;
    let out = run(
        &fake.endpoint,
        key_file(EMAIL_ADMIN, KID_ADMIN, KEY_B),
        None,
        &fake.secrets,
    )
    .await;
    assert_eq!(out.status("gcs"), "rejected", "{}", out.all());
    assert_eq!(out.code, 1);
    assert!(
        message(&out).contains("Invalid JWT Signature"),
        "{}",
        out.all()
    );
}

#[tokio::test]
async fn gcs_deleted_service_account_is_rejected() {
    let fake = start().await;
    let out = run(
        &fake.endpoint,
        key_file(EMAIL_DELETED, KID_DELETED, KEY_A),
        None,
        &fake.secrets,
    )
    .await;
    assert_eq!(out.status("gcs"), "rejected", "{}", out.all());
    assert!(message(&out).contains("no longer exists"), "{}", out.all());
}

#[tokio::test]
async fn gcs_account_that_cannot_list_buckets_is_misconfigured() {
    let fake = start().await;
    let out = run(
        &fake.endpoint,
        key_file(EMAIL_READER, KID_READER, KEY_B),
        None,
        &fake.secrets,
    )
    .await;
    assert_eq!(out.status("gcs"), "misconfigured", "{}", out.all());
    assert!(
        message(&out).contains("storage.buckets.list"),
        "{}",
        out.all()
    );
    assert!(
        out.result("gcs")["advice"]
            .as_str()
            .unwrap()
            .contains("roles/")
    );
}

#[tokio::test]
async fn gcs_missing_object_permissions_are_misconfigured() {
    let fake = start().await;
    let out = run(
        &fake.endpoint,
        key_file(EMAIL_READER, KID_READER, KEY_B),
        Some(BUCKET),
        &fake.secrets,
    )
    .await;
    assert_eq!(out.status("gcs"), "misconfigured", "{}", out.all());
    let missing = &out.result("gcs")["facts"]["missing_permissions"];
    assert_eq!(
        missing,
        &json!(["storage.objects.create", "storage.objects.delete"]),
        "{}",
        out.all()
    );
    assert!(
        out.result("gcs")["advice"]
            .as_str()
            .unwrap()
            .contains("roles/storage.objectAdmin")
    );
}

#[tokio::test]
async fn gcs_unknown_bucket_is_misconfigured() {
    let fake = start().await;
    let out = run(
        &fake.endpoint,
        key_file(EMAIL_ADMIN, KID_ADMIN, KEY_A),
        Some("portal-backup-gone"),
        &fake.secrets,
    )
    .await;
    assert_eq!(out.status("gcs"), "misconfigured", "{}", out.all());
    assert!(message(&out).contains("does not exist"), "{}", out.all());
}

/// A token endpoint that always gives the same answer (a clock off by hours cannot be faked).
async fn token_answer(answer: ResponseTemplate) -> MockServer {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/token"))
        .respond_with(answer)
        .mount(&server)
        .await;
    server
}

#[tokio::test]
async fn gcs_clock_skew_is_misconfigured() {
    let server = token_answer(invalid_grant("Invalid JWT: Token must be a short-lived token (60 minutes) and in a reasonable timeframe. Check your iat and exp values in the JWT claim.")).await;
    let key = key_file(EMAIL_ADMIN, KID_ADMIN, KEY_A);
    let out = run(&server.uri(), key.clone(), None, &[key]).await;
    assert_eq!(out.status("gcs"), "misconfigured", "{}", out.all());
    assert!(
        out.result("gcs")["advice"]
            .as_str()
            .unwrap()
            .contains("clock")
    );
}

#[tokio::test]
async fn gcs_unrecognised_token_error_is_unreachable() {
    let server = token_answer(invalid_grant("Some new wording Google may use one day.")).await;
    let key = key_file(EMAIL_ADMIN, KID_ADMIN, KEY_A);
    let out = run(&server.uri(), key.clone(), None, &[key]).await;
    assert_eq!(out.status("gcs"), "unreachable", "{}", out.all());
    assert_eq!(out.code, 3);
}

#[tokio::test]
async fn gcs_bucket_with_uniform_access_is_misconfigured() {
    let fake = start().await;
    let out = run(
        &fake.endpoint,
        key_file(EMAIL_ADMIN, KID_ADMIN, KEY_A),
        Some(UNIFORM_BUCKET),
        &fake.secrets,
    )
    .await;
    assert_eq!(out.status("gcs"), "misconfigured", "{}", out.all());
    assert_eq!(out.result("gcs")["reason"], "setup");
    assert_eq!(
        out.result("gcs")["facts"]["uniform_bucket_level_access"],
        true
    );
    assert!(
        message(&out).contains("uniform bucket-level access")
            && message(&out).contains("predefinedAcl"),
        "{}",
        out.all()
    );
    assert!(
        out.result("gcs")["advice"]
            .as_str()
            .unwrap()
            .contains("fine-grained")
    );
}

#[tokio::test]
async fn gcs_bucket_metadata_out_of_reach_is_a_warning() {
    // Storage Object Admin alone cannot read the bucket's metadata: uniform access is unknown.
    let fake = start().await;
    let out = run(
        &fake.endpoint,
        key_file(EMAIL_ADMIN, KID_ADMIN, KEY_A),
        Some(SHARED_BUCKET),
        &fake.secrets,
    )
    .await;
    assert_eq!(out.status("gcs"), "warning", "{}", out.all());
    assert_eq!(
        out.result("gcs")["facts"]["uniform_bucket_level_access"],
        serde_json::Value::Null
    );
    assert!(message(&out).contains("HTTP 403"), "{}", out.all());
    assert!(
        out.result("gcs")["advice"]
            .as_str()
            .unwrap()
            .contains("storage.buckets.get")
    );
}

#[tokio::test]
async fn gcs_token_uses_the_portals_full_control_scope() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/token"))
        .respond_with(|req: &Request| {
            let assertion = form(req).get("assertion").cloned().unwrap_or_default();
            let claims = jsonwebtoken::dangerous::insecure_decode::<Claims>(&assertion)
                .map(|d| d.claims.scope);
            if claims.as_deref() == Ok("https://www.googleapis.com/auth/devstorage.full_control") {
                invalid_grant("Invalid JWT Signature.")
            } else {
                ResponseTemplate::new(400).set_body_json(json!({"error": "invalid_scope"}))
            }
        })
        .mount(&server)
        .await;
    let key = key_file(EMAIL_ADMIN, KID_ADMIN, KEY_A);
    let out = run(&server.uri(), key.clone(), None, &[key]).await;
    // The scope matched: the fake answered with the signature refusal, not invalid_scope.
    assert_eq!(out.status("gcs"), "rejected", "{}", out.all());
}

#[tokio::test]
async fn gcs_bucket_requests_overlap() {
    let delay = Delay {
        hold: Duration::from_millis(400),
        arrivals: Arc::default(),
    };
    let fake = start_with(Some(delay.clone())).await;
    let out = run(
        &fake.endpoint,
        key_file(EMAIL_ADMIN, KID_ADMIN, KEY_A),
        Some(BUCKET),
        &fake.secrets,
    )
    .await;
    assert_eq!(out.status("gcs"), "ok", "{}", out.all());
    let arrivals = delay.arrivals.lock().unwrap().clone();
    assert_eq!(arrivals.len(), 2, "{arrivals:?}");
    let gap = arrivals[1].0 - arrivals[0].0;
    assert!(
        gap < delay.hold,
        "metadata and permissions went one after the other: {arrivals:?}"
    );
}
