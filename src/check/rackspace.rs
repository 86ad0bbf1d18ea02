//! Rackspace: ask the identity service for a token (the portal's openstack.net call), look for
//! Cloud Files in the catalog, then read the CDN headers of `public_container` in the region,
//! as the portal does when Rackspace storage is configured: its public URLs come from them, and
//! it fails when the container is not set or not CDN-enabled.

use serde::Deserialize;
use serde_json::{Value, json};

use super::http::Reply;
use super::{Ctx, Outcome, Reason, Verdict};

/// The identity service's answer to a token request.
#[derive(Deserialize)]
struct Authenticated {
    access: Access,
}

#[derive(Deserialize)]
struct Access {
    token: Token,
    #[serde(default)]
    user: Option<User>,
    #[serde(default, rename = "serviceCatalog")]
    catalog: Vec<Service>,
}

#[derive(Deserialize)]
struct Token {
    id: String,
    #[serde(default)]
    expires: Option<String>,
    #[serde(default)]
    tenant: Option<Tenant>,
}

#[derive(Deserialize)]
struct Tenant {
    id: String,
}

#[derive(Deserialize)]
struct User {
    #[serde(default, rename = "RAX-AUTH:defaultRegion")]
    default_region: Option<String>,
}

#[derive(Deserialize)]
struct Service {
    name: String,
    #[serde(default)]
    endpoints: Vec<Endpoint>,
}

#[derive(Deserialize)]
struct Endpoint {
    #[serde(default)]
    region: Option<String>,
    #[serde(default, rename = "publicURL")]
    public_url: Option<String>,
}

pub async fn check(ctx: &Ctx<'_>) -> Verdict {
    let username = ctx.get("username");
    // https://docs.rackspace.com/docs/authentication-tokens (RAX-KSKEY:apiKeyCredentials)
    let url = ctx.url("https://identity.api.rackspacecloud.com", "/v2.0/tokens")?;
    let body = json!({"auth": {"RAX-KSKEY:apiKeyCredentials": {"username": username, "apiKey": ctx.get("api_key")}}});
    let reply = ctx.send(ctx.client.post(url).json(&body)).await?;
    let error_key = |key: &str| {
        reply
            .json::<Value>()
            .ok()
            .is_some_and(|v| v.get(key).is_some())
    };
    match reply.status {
        200 | 203 => {}
        401 if error_key("unauthorized") => {
            return Ok(Outcome::rejected("Rackspace refused the username and API key (401: Username or api key is invalid)")
                .advice("Rackspace gives the same answer for a wrong username and a wrong key. Use the username you sign in to the Cloud Control Panel with (not the e-mail or account number), and copy the API key from My Profile & Settings > Security Settings > Rackspace API Key (Show). A reset key invalidates the old one at once."));
        }
        // The key may well be right: the user is switched off, which an admin can undo.
        403 if error_key("userDisabled") => {
            return Ok(Outcome::misconfigured(format!("Rackspace says this user ({username}) is disabled (403 userDisabled); the API key itself was not refused"))
                .reason(Reason::Setup)
                .advice("Ask the account's admin to enable the user (Account > User Management in the Cloud Control Panel), or use another user's username and API key."));
        }
        401 | 403 | 407 => return Err(reply.not_the_provider("Rackspace")),
        _ => return Err(reply.unexpected()),
    }
    let authenticated: Authenticated = reply.json()?;
    if authenticated.access.token.id.is_empty() {
        return Err(reply.unexpected());
    }
    let regions: Option<Vec<String>> = authenticated
        .access
        .catalog
        .iter()
        .find(|s| s.name == "cloudFiles")
        .map(|s| {
            s.endpoints
                .iter()
                .filter_map(|e| e.region.clone())
                .collect()
        });
    let facts = |o: Outcome| {
        o.fact("token_expires", authenticated.access.token.expires.clone())
            .fact(
                "tenant_id",
                authenticated
                    .access
                    .token
                    .tenant
                    .as_ref()
                    .map(|t| t.id.clone()),
            )
            .fact(
                "default_region",
                authenticated
                    .access
                    .user
                    .as_ref()
                    .and_then(|u| u.default_region.clone()),
            )
            .fact("cloudfiles_regions", regions.clone())
    };
    let Some(found) = &regions else {
        return Ok(facts(Outcome::misconfigured("Rackspace accepted the key, but the account has no Cloud Files (no cloudFiles entry in the service catalog)"))
            .advice("Cloud Files is not enabled for this account or user: enable it in the Cloud Control Panel (or ask the account admin to give the user the object-store role), then check again."));
    };
    if let Some(region) = ctx.opt("region") {
        let region = region.to_ascii_uppercase();
        if !found.iter().any(|r| r.eq_ignore_ascii_case(&region)) {
            return Ok(facts(Outcome::misconfigured(format!(
                "Rackspace accepted the key, but Cloud Files has no {region} endpoint for this account (it has: {})",
                found.join(", ")
            )))
            .reason(Reason::Setup)
            .advice(format!("Set region to one of {} (integrate add rackspace --set region=...), or leave it empty.", found.join(", "))));
        }
    }
    let accepted = format!(
        "Rackspace accepted the username {username} and the API key; Cloud Files is enabled"
    );
    let Some(container) = ctx.opt("public_container") else {
        return Ok(facts(Outcome::warning(format!("{accepted}; public_container is not set, and the portal refuses to use Rackspace storage without it")))
            .advice("Set public_container to the CDN-enabled container the portal serves public files from (integrate add rackspace --set public_container=NAME), so that integrate checks it too."));
    };
    // The portal's region: the configured one, else the user's default (openstack.net's rule).
    let region = ctx.opt("region").map(str::to_ascii_uppercase).or_else(|| {
        authenticated
            .access
            .user
            .as_ref()
            .and_then(|u| u.default_region.clone())
    });
    let cdn = authenticated
        .access
        .catalog
        .iter()
        .find(|s| s.name == "cloudFilesCDN")
        .and_then(|s| {
            s.endpoints.iter().find(|e| {
                region.is_none() || e.region.as_deref().map(str::to_ascii_uppercase) == region
            })
        })
        .and_then(|e| e.public_url.clone());
    let facts = |o: Outcome| facts(o).fact("public_container", container);
    let Some(cdn) = cdn else {
        return Ok(facts(Outcome::misconfigured(format!(
            "{accepted}, but the account has no Cloud Files CDN{} (no cloudFilesCDN entry in the service catalog), and the portal reads the CDN headers of public_container",
            region.as_deref().map(|r| format!(" in {r}")).unwrap_or_default()
        )))
        .reason(Reason::Setup)
        .advice("Enable the CDN for Cloud Files in the Cloud Control Panel (or ask the account admin), then check again."));
    };
    // https://docs-ospc.rackspace.com/cloud-files/v1/cdn-api-reference/cdn-container-services-operations
    // (HEAD on the CDN endpoint: X-Cdn-Enabled, X-Cdn-Uri, X-Cdn-Ssl-Uri...)
    let url = ctx.rebase(&format!(
        "{}/{}",
        cdn.trim_end_matches('/'),
        encode(container)
    ))?;
    let reply = ctx
        .send(
            ctx.client
                .head(url)
                .header("X-Auth-Token", authenticated.access.token.id.as_str()),
        )
        .await?;
    cdn_verdict(&reply, container, &accepted)
        .map(facts)
        .map_err(facts)
}

/// The CDN headers of the public container, as the portal reads them.
fn cdn_verdict(reply: &Reply, container: &str, accepted: &str) -> Verdict {
    let enabled = reply
        .header("x-cdn-enabled")
        .map(|v| v.eq_ignore_ascii_case("true"));
    match (reply.status, enabled) {
        (200 | 204, Some(true)) => Ok(Outcome::ok(format!("{accepted}; the public container `{container}` is CDN-enabled"))
            .fact("cdn_uri", reply.header("x-cdn-ssl-uri").or(reply.header("x-cdn-uri")).map(str::to_string))),
        (200 | 204, Some(false)) => Ok(Outcome::misconfigured(format!("{accepted}, but the CDN of the public container `{container}` is disabled: the portal's public links would not be served"))
            .reason(Reason::Setup)
            .advice(format!("In the Cloud Control Panel open Storage > Files > {container} and turn on Publish to CDN (or choose another public_container)."))),
        // The CDN service does not know the container: never CDN-enabled, or it does not exist.
        (404, _) => Ok(Outcome::misconfigured(format!("{accepted}, but the public container `{container}` is missing or was never CDN-enabled, and the portal fails when it reads its CDN headers"))
            .reason(Reason::Setup)
            .advice(format!("Create the container {container} in Cloud Files (Storage > Files > Create Container) in the portal's region and publish it to the CDN, or set public_container to an existing CDN-enabled container."))),
        (401 | 403 | 407, _) => Err(reply.not_the_provider("the Rackspace CDN")),
        _ => Err(reply.unexpected()),
    }
}

/// A container name as one URL path segment.
fn encode(name: &str) -> String {
    url::form_urlencoded::byte_serialize(name.as_bytes())
        .collect::<String>()
        .replace('+', "%20")
}
