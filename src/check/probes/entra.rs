//! Microsoft Entra ID (login.microsoftonline.com), shared by the Microsoft and OneDrive checks
//! (verification.md §16, §17): the token request, the AADSTS codes, the app token's claims.
//!
//! On a named tenant the app gets a real app-only token (`client_credentials`); on the aliases
//! `common`, `organizations` and `consumers` app-only tokens do not exist, so the dummy-code
//! exchange is sent instead.

use base64::Engine;
use serde_json::Value;

use super::oauth::{self, ClientAuth, Grant, TokenRequest};
use crate::check::http::Reply;
use crate::check::{Ctx, Outcome};

pub const ORIGIN: &str = "https://login.microsoftonline.com";
const GRAPH_DEFAULT: &str = "https://graph.microsoft.com/.default";

/// `common`, `organizations`, `consumers`: endpoints that span many tenants.
pub fn is_alias(tenant: &str) -> bool {
    ["common", "organizations", "consumers"]
        .iter()
        .any(|a| tenant.eq_ignore_ascii_case(a))
}

/// A GUID where the secret's Value belongs is the Secret ID column of the Azure portal.
pub fn looks_like_uuid(value: &str) -> bool {
    let parts: Vec<&str> = value.split('-').collect();
    parts.iter().map(|p| p.len()).eq([8, 4, 4, 4, 12])
        && parts
            .iter()
            .all(|p| p.chars().all(|c| c.is_ascii_hexdigit()))
}

/// Sends `client_credentials` for Microsoft Graph on a named tenant, the dummy code on an alias.
pub async fn token_request(ctx: &Ctx<'_>, tenant: &str) -> Result<Reply, Outcome> {
    let path = format!("/{tenant}/oauth2/v2.0/token");
    let alias = is_alias(tenant);
    let scope = [("scope", GRAPH_DEFAULT)];
    // https://learn.microsoft.com/en-us/entra/identity-platform/v2-oauth2-client-creds-grant-flow
    // https://learn.microsoft.com/en-us/entra/identity-platform/v2-oauth2-auth-code-flow#redeem-a-code-for-an-access-token
    let request = TokenRequest {
        origin: ORIGIN,
        path: &path,
        client_id: ctx.get("client_id"),
        client_secret: ctx.get("client_secret"),
        auth: ClientAuth::Form,
        grant: if alias {
            Grant::DummyCode(oauth::DUMMY_CODE)
        } else {
            Grant::ClientCredentials
        },
        redirect_uri: Some(&ctx.redirect_uri),
        extra: if alias { &[] } else { &scope },
    };
    oauth::token_request(ctx, &request).await
}

/// What the token endpoint said that the caller words itself; every other answer is already a
/// verdict (the `Err` of [`read`]).
pub enum TokenAnswer {
    /// An app-only token; its claims (`app_displayname`, `tid`, `roles`, ...).
    Token(Value),
    /// The client was accepted and the dummy code refused (`invalid_grant`).
    CodeRefused(String),
    /// AADSTS90130: the app does not accept personal accounts (/common, /consumers refused).
    OrganisationsOnly(String),
}

/// Maps the token endpoint's answer; AADSTS codes are read from `error_description`.
pub fn read(reply: &Reply, secret: &str) -> Result<TokenAnswer, Outcome> {
    if (200..300).contains(&reply.status) {
        let body: Value = reply.json()?;
        return body
            .get("access_token")
            .and_then(Value::as_str)
            .and_then(claims)
            .map(TokenAnswer::Token)
            .ok_or_else(|| reply.unexpected());
    }
    let Some(err) = oauth::oauth_error(reply) else {
        return Err(reply.unexpected());
    };
    let description = err.error_description.clone().unwrap_or_default();
    // "AADSTS7000215: Invalid client secret provided. ...\r\nTrace ID: ..."
    let said = description.lines().next().unwrap_or("").trim().to_string();
    let code = said
        .strip_prefix("AADSTS")
        .and_then(|rest| rest.split(':').next())
        .unwrap_or("");
    let outcome = match code {
        "7000215" => {
            let uuid = if looks_like_uuid(secret) {
                "; the client_secret you entered is a UUID, which is the secret's ID, not its Value"
            } else {
                ""
            };
            Outcome::rejected(format!("Microsoft refused the client secret ({said}){uuid}"))
                .advice("You most likely pasted the secret's ID instead of its Value. In Azure portal > App registrations > your app > Certificates & secrets > Client secrets, click New client secret and copy the Value column right away (it is shown only once).")
        }
        "7000222" => Outcome::rejected(format!("the client secret has expired ({said})"))
            .advice("Create a new secret in Certificates & secrets > Client secrets > New client secret, and update client_secret with its Value."),
        "700016" => Outcome::rejected(format!("Microsoft does not know this app in the tenant ({said})"))
            .advice("Check client_id against the Application (client) ID on the app's Overview page; if the app is registered in another directory, set tenant to that Directory (tenant) ID."),
        "90002" => Outcome::misconfigured(format!("the tenant does not exist ({said})"))
            .advice("Set tenant to the Directory (tenant) ID from the app's Overview page, or a verified domain such as contoso.onmicrosoft.com."),
        "50059" => Outcome::misconfigured(format!("Microsoft needs a tenant to check this app ({said})"))
            .advice("Set tenant to the Directory (tenant) ID from the app's Overview page."),
        "53003" => Outcome::warning(format!("a Conditional Access policy blocked the sign-in ({said}); the credentials are probably fine"))
            .advice("Ask your Entra administrator which Conditional Access policy blocks this app (Entra admin center > Sign-in logs > Service principal sign-ins)."),
        "90130" => return Ok(TokenAnswer::OrganisationsOnly(said)),
        _ if err.error == "invalid_grant" => return Ok(TokenAnswer::CodeRefused(err.error)),
        _ => return Err(oauth::classify(reply, &oauth::STANDARD, "Microsoft Entra ID")),
    };
    Err(outcome.fact("provider_answer", said))
}

/// The claims of a JWT, read without verifying it: they are only shown, never trusted.
pub fn claims(jwt: &str) -> Option<Value> {
    let payload = jwt.split('.').nth(1)?;
    let bytes = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(payload.trim_end_matches('='))
        .ok()?;
    serde_json::from_slice::<Value>(&bytes)
        .ok()
        .filter(Value::is_object)
}

/// The app token's facts a support person wants.
pub fn token_facts(outcome: Outcome, claims: &Value) -> Outcome {
    outcome
        .fact("app_name", claims.get("app_displayname").cloned())
        .fact("tenant_id", claims.get("tid").cloned())
        .fact(
            "roles",
            claims.get("roles").cloned().unwrap_or(Value::Array(vec![])),
        )
}
