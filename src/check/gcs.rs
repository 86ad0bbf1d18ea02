//! Google Cloud Storage: a JWT-bearer token from the service-account key with the portal's
//! scope (full control), then, at the same time, the bucket's object permissions and its
//! access-control mode (bucket set), or the project's bucket list. The portal uploads every
//! object with `predefinedAcl` (public-read by default), which a bucket with uniform
//! bucket-level access refuses.

use std::time::{SystemTime, UNIX_EPOCH};

use jsonwebtoken::{Algorithm, EncodingKey, Header};
use serde::{Deserialize, Serialize};

use super::http::Reply;
use super::probes::oauth;
use super::{Ctx, Outcome, Reason, Verdict};
use crate::catalog::validate;

const STORAGE: &str = "https://storage.googleapis.com";
/// The scope the portal's `StorageClient.Create` asks for (the library default, full control).
const SCOPE: &str = "https://www.googleapis.com/auth/devstorage.full_control";
/// What the portal does with backups: read, write, delete and list objects.
const NEEDED: [&str; 4] = [
    "storage.objects.get",
    "storage.objects.create",
    "storage.objects.delete",
    "storage.objects.list",
];

#[derive(Serialize)]
struct Claims<'a> {
    iss: &'a str,
    scope: &'a str,
    aud: &'a str,
    iat: u64,
    exp: u64,
}

#[derive(Deserialize)]
struct Token {
    access_token: String,
}

#[derive(Deserialize)]
struct Buckets {
    #[serde(default)]
    items: Vec<Named>,
}

#[derive(Deserialize)]
struct Named {
    name: String,
}

/// `buckets.get` with `fields=iamConfiguration`.
#[derive(Deserialize, Default)]
struct BucketMeta {
    #[serde(default, rename = "iamConfiguration")]
    iam: IamConfiguration,
}

#[derive(Deserialize, Default)]
struct IamConfiguration {
    #[serde(default, rename = "uniformBucketLevelAccess")]
    uniform: Uniform,
}

#[derive(Deserialize, Default)]
struct Uniform {
    #[serde(default)]
    enabled: bool,
}

#[derive(Deserialize)]
struct Permissions {
    #[serde(default)]
    permissions: Vec<String>,
}

pub async fn check(ctx: &Ctx<'_>) -> Verdict {
    let sa = validate::service_account_json(ctx.get("service_account_json"))
        .map_err(|e| Outcome::rejected(format!("service_account_json {e}")))?;
    let facts = |o: Outcome| {
        o.fact("client_email", sa.client_email.clone())
            .fact("project_id", sa.project_id.clone())
    };
    let key = EncodingKey::from_rsa_pem(sa.private_key_pem.as_bytes()).map_err(|e| {
        Outcome::rejected(format!("the private_key of service_account_json cannot sign ({e})"))
            .advice("Download a new JSON key (IAM & Admin > Service Accounts > the account > Keys > Add key > JSON) and use the whole file.")
    })?;
    let now = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let mut header = Header::new(Algorithm::RS256);
    header.kid = sa.private_key_id.clone();
    let claims = Claims {
        iss: &sa.client_email,
        scope: SCOPE,
        aud: &sa.token_uri,
        iat: now,
        exp: now + 3600,
    };
    let jwt = jsonwebtoken::encode(&header, &claims, &key).map_err(|e| {
        Outcome::unreachable(format!("internal error signing the token request: {e}"))
    })?;
    // https://developers.google.com/identity/protocols/oauth2/service-account#httprest
    let form = [
        ("grant_type", "urn:ietf:params:oauth:grant-type:jwt-bearer"),
        ("assertion", jwt.as_str()),
    ];
    let reply = ctx
        .send(ctx.client.post(ctx.rebase(&sa.token_uri)?).form(&form))
        .await?;
    let token = match reply.status {
        200 => reply.json::<Token>()?.access_token,
        400 | 401 => return Err(facts(token_error(&reply))),
        _ => return Err(reply.unexpected()),
    };
    let Some(bucket) = ctx.opt("bucket") else {
        let Some(project) = sa.project_id.as_deref() else {
            return Ok(facts(Outcome::ok(
                "Google issued a token for the service account (the key file names no project_id, so buckets were not listed)",
            )));
        };
        // https://cloud.google.com/storage/docs/json_api/v1/buckets/list
        let query: String = url::form_urlencoded::byte_serialize(project.as_bytes()).collect();
        let url = ctx.url(STORAGE, &format!("/storage/v1/b?project={query}"))?;
        let reply = ctx.send(ctx.client.get(url).bearer_auth(&token)).await?;
        if reply.status == 403 && reply.text().contains("storage.buckets.list") {
            return Err(facts(Outcome::misconfigured(format!("the key is valid but the service account may not list the project's buckets ({})", reply.snippet())))
                .advice("Set bucket to the bucket the portal uses (integrate then checks the object permissions there), or grant the account a role with storage.buckets.list, e.g. Storage Admin (roles/storage.admin), under IAM & Admin > IAM."));
        }
        if reply.status != 200 {
            return Err(reply.unexpected());
        }
        let names: Vec<String> = reply
            .json::<Buckets>()?
            .items
            .into_iter()
            .map(|b| b.name)
            .collect();
        return Ok(facts(Outcome::ok(format!(
            "Google accepted the key; the service account sees {} bucket(s) in {project}",
            names.len()
        )))
        .fact("bucket_count", names.len())
        .fact("buckets", names.into_iter().take(10).collect::<Vec<_>>()));
    };
    // https://cloud.google.com/storage/docs/json_api/v1/buckets/testIamPermissions
    let asked: Vec<String> = NEEDED.iter().map(|p| format!("permissions={p}")).collect();
    let url = ctx.url(
        STORAGE,
        &format!(
            "/storage/v1/b/{bucket}/iam/testPermissions?{}",
            asked.join("&")
        ),
    )?;
    // https://cloud.google.com/storage/docs/json_api/v1/buckets/get
    let meta_url = ctx.url(
        STORAGE,
        &format!("/storage/v1/b/{bucket}?fields=iamConfiguration"),
    )?;
    // Neither needs the other's answer: both go out at once.
    let (reply, meta) = futures::join!(
        ctx.send(ctx.client.get(url).bearer_auth(&token)),
        ctx.send(ctx.client.get(meta_url).bearer_auth(&token)),
    );
    let reply = reply?;
    let facts = |o: Outcome| facts(o).fact("bucket", bucket);
    match reply.status {
        200 => {}
        404 => return Err(facts(Outcome::misconfigured(format!("the bucket `{bucket}` does not exist ({})", reply.snippet())))
            .reason(Reason::Setup)
            .advice("Check the bucket name (the name only, without gs://) in Cloud Storage > Buckets, or create the bucket.")),
        _ => return Err(reply.unexpected()),
    }
    let held = reply.json::<Permissions>()?.permissions;
    let missing: Vec<&str> = NEEDED
        .iter()
        .copied()
        .filter(|p| !held.iter().any(|h| h == p))
        .collect();
    // `None`: the account may not read the bucket's metadata (storage.buckets.get), or no answer.
    let uniform = match &meta {
        Ok(m) if m.status == 200 => m.json::<BucketMeta>().ok().map(|b| b.iam.uniform.enabled),
        _ => None,
    };
    let facts = |o: Outcome| {
        facts(o)
            .fact("permissions", held.clone())
            .fact("uniform_bucket_level_access", uniform)
    };
    if !missing.is_empty() {
        return Err(facts(Outcome::misconfigured(format!("the service account lacks {} on the bucket `{bucket}`", missing.join(", "))))
            .reason(Reason::Permission)
            .fact("missing_permissions", missing)
            .advice(format!("Grant {} the role Storage Object Admin (roles/storage.objectAdmin) on the bucket: Cloud Storage > Buckets > {bucket} > Permissions > Grant access.", sa.client_email)));
    }
    match uniform {
        Some(true) => Err(facts(Outcome::misconfigured(format!(
            "the bucket `{bucket}` has uniform bucket-level access: object ACLs are disabled, and the portal uploads every object with predefinedAcl (public-read), so Google refuses each upload (\"Cannot insert legacy ACL for an object when uniform bucket-level access is enabled\")"
        )))
        .reason(Reason::Setup)
        .advice(format!("Switch the bucket to fine-grained access control: Cloud Storage > Buckets > {bucket} > Permissions > Access control > Switch to fine-grained (gcloud storage buckets update gs://{bucket} --no-uniform-bucket-level-access). Google allows it within 90 days of enabling uniform access; after that, use a new bucket with fine-grained access."))),
        Some(false) => Ok(facts(Outcome::ok(format!("Google accepted the key; the service account may read, write, delete and list objects in `{bucket}`, whose fine-grained access control accepts the portal's ACL'd uploads")))),
        None => Ok(facts(Outcome::warning(format!("Google accepted the key and the service account may read, write, delete and list objects in `{bucket}`; whether the bucket accepts the portal's ACL'd uploads could not be read ({})", match &meta {
            Ok(m) => format!("bucket metadata: HTTP {}", m.status),
            Err(o) => o.message.clone(),
        })))
        .advice(format!("In Cloud Storage > Buckets > {bucket} > Permissions, Access control must be \"Fine-grained\": with uniform bucket-level access the portal's uploads (predefinedAcl public-read) fail. To let integrate read it, grant the account storage.buckets.get on the bucket (e.g. roles/storage.legacyBucketReader)."))),
    }
}

/// The token endpoint's documented refusals (verification.md §12).
fn token_error(reply: &Reply) -> Outcome {
    let Some(err) = oauth::oauth_error(reply) else {
        return reply.unexpected();
    };
    let said = err.describe();
    let desc = err
        .error_description
        .clone()
        .unwrap_or_default()
        .to_ascii_lowercase();
    match err.error.as_str() {
        "invalid_grant" if desc.contains("invalid jwt signature") => Outcome::rejected(format!("Google refused the key's signature ({said}): the key was deleted or rotated, or client_email does not belong to this key"))
            .advice("Create a new JSON key (IAM & Admin > Service Accounts > the account > Keys > Add key > JSON) and use the whole downloaded file."),
        "invalid_grant" if desc.contains("short-lived") || desc.contains("reasonable timeframe") => Outcome::misconfigured(format!("Google refused the token request because this machine's clock is off ({said})"))
            .advice("Not the key's fault: synchronise this machine's clock (timedatectl set-ntp true, or chrony/ntpd), then check again."),
        "invalid_grant" if desc.contains("deleted") || desc.contains("account not found") => Outcome::rejected(format!("Google says the service account no longer exists ({said})"))
            .advice("Create a service account and a JSON key for it under IAM & Admin > Service Accounts, grant it access to the bucket, and use the new key file."),
        "deleted_client" => Outcome::rejected(format!("Google says the service account's OAuth client was deleted ({said})"))
            .advice("Create a new service account and JSON key under IAM & Admin > Service Accounts, and use the new key file."),
        _ => reply.unexpected(),
    }
}
