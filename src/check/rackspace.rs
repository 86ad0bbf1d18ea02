//! Rackspace: ask the identity service for a token, then look for Cloud Files in the catalog.

use serde::Deserialize;
use serde_json::{Value, json};

use super::{Ctx, Outcome, Verdict};

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
        403 if error_key("userDisabled") => {
            return Ok(Outcome::rejected(format!("Rackspace says the user {username} is disabled (403 userDisabled)"))
                .advice("Ask the account's admin to enable the user (Account > User Management in the Cloud Control Panel), or use another user's username and API key."));
        }
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
        .map(|s| s.endpoints.iter().filter_map(|e| e.region.clone()).collect());
    let facts = |o: Outcome| {
        o.fact("token_expires", authenticated.access.token.expires.clone())
            .fact("tenant_id", authenticated.access.token.tenant.as_ref().map(|t| t.id.clone()))
            .fact("default_region", authenticated.access.user.as_ref().and_then(|u| u.default_region.clone()))
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
            .advice(format!("Set region to one of {} (integrate add rackspace --set region=...), or leave it empty.", found.join(", "))));
        }
    }
    Ok(facts(Outcome::ok(format!("Rackspace accepted the username {username} and the API key; Cloud Files is enabled"))))
}
