//! Microsoft Entra ID (login.microsoftonline.com), shared by the Microsoft and OneDrive checks
//! (verification.md §16, §17): the token request, the AADSTS codes, the app token's claims.
//!
//! The portal signs users in on `/consumers` only (DocSpace-server and CommunityServer
//! `MicrosoftLoginProvider.cs`), so that is where the Microsoft check sends its dummy code.
//! The other paths (`/organizations`, a named tenant) are asked only to tell a client id that
//! Microsoft does not know at all from an app that exists but does not accept personal
//! accounts: the first is `rejected`, the second `misconfigured`.

use base64::Engine;
use serde_json::Value;

use super::oauth::{self, ClientAuth, Grant, TokenRequest};
use crate::check::http::Reply;
use crate::check::status::Reason;
use crate::check::{Ctx, Outcome};

pub const ORIGIN: &str = "https://login.microsoftonline.com";
/// The only authority the portal uses.
pub const PORTAL_TENANT: &str = "consumers";
const GRAPH_DEFAULT: &str = "https://graph.microsoft.com/.default";

/// The fix for every answer that says the app does not accept personal Microsoft accounts.
pub const ACCOUNT_TYPES_FIX: &str = "In the Microsoft Entra admin center > Entra ID > App registrations > your app > Authentication (or Manifest), set Supported account types to \"Accounts in any organizational directory and personal Microsoft accounts\" (or \"Personal Microsoft accounts only\"). The portal signs users in through login.microsoftonline.com/consumers only, so an app limited to organisations can never sign anyone in.";

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
/// The shared probe adds the altered-secret control to the dummy code (`[oauth]` of the
/// provider says the order is unconfirmed), and `run` settles the verdict with it.
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
    /// The app exists but does not accept personal accounts: AADSTS90130 (not supported over
    /// /common or /consumers) or AADSTS50194 (single-tenant app on a multi-tenant path).
    NoPersonalAccounts(String),
    /// AADSTS700016: no app with this id in the directory asked. On `/consumers` this is also
    /// what an app limited to organisations gets, so the caller asks further before judging.
    UnknownApp(String),
}

/// The AADSTS number and the first line of `error_description`.
fn aadsts(err: &oauth::OAuthError) -> (String, String) {
    let description = err.error_description.clone().unwrap_or_default();
    // "AADSTS7000215: Invalid client secret provided. ...\r\nTrace ID: ..."
    let said = description.lines().next().unwrap_or("").trim().to_string();
    let code = said
        .strip_prefix("AADSTS")
        .and_then(|rest| rest.split(':').next())
        .unwrap_or("")
        .to_string();
    (code, said)
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
        // A 401/403/407 without Entra's JSON error object is not Entra's answer (issue 9.5).
        if matches!(reply.status, 401 | 403 | 407) {
            return Err(reply.not_the_provider("Microsoft"));
        }
        return Err(reply.unexpected());
    };
    let (code, said) = aadsts(&err);
    let outcome = match code.as_str() {
        "7000215" => {
            let uuid = if looks_like_uuid(secret) {
                "; the client_secret you entered is a UUID, which is the secret's ID, not its Value"
            } else {
                ""
            };
            Outcome::rejected(format!("Microsoft refused the client secret ({said}){uuid}"))
                .advice("You most likely pasted the secret's ID instead of its Value. In the Microsoft Entra admin center > Entra ID > App registrations > your app > Certificates & secrets > Client secrets, click New client secret and copy the Value column right away (it is shown only once).")
        }
        "7000222" => Outcome::rejected(format!("the client secret has expired ({said})"))
            .advice("Create a new secret in Certificates & secrets > Client secrets > New client secret, and update client_secret with its Value."),
        // AADSTS90023 is a family of invalid requests; only its public-client text is this.
        "700025" | "90023" if code == "700025" || err.mentions("public client") => Outcome::misconfigured(format!("the app is registered as a public client, which may not use a client secret, while the portal signs in as a confidential web app with one ({said})"))
            .reason(Reason::Setup)
            .advice("In the app's Authentication page, add the portal's redirect URI under the Web platform (not Mobile and desktop, not Single-page application) and set \"Allow public client flows\" to No; then create a client secret under Certificates & secrets."),
        "90002" => Outcome::misconfigured(format!("the tenant does not exist ({said})"))
            .advice("Set tenant (used only by integrate's check) to the Directory (tenant) ID from the app's Overview page, or a verified domain such as contoso.onmicrosoft.com, or leave it empty."),
        "50059" => Outcome::misconfigured(format!("Microsoft needs a tenant to check this app ({said})"))
            .advice("Set tenant (used only by integrate's check) to the Directory (tenant) ID from the app's Overview page."),
        "53003" => Outcome::warning(format!("a Conditional Access policy blocked the sign-in ({said}); the credentials are probably fine"))
            .advice("Ask your Entra administrator which Conditional Access policy blocks this app (Entra admin center > Sign-in logs > Service principal sign-ins)."),
        "90130" | "50194" => return Ok(TokenAnswer::NoPersonalAccounts(said)),
        "700016" => return Ok(TokenAnswer::UnknownApp(said)),
        _ if err.is("invalid_grant") => return Ok(TokenAnswer::CodeRefused(err.error)),
        // "The client does not exist or is not enabled for consumers." (sspeiser/onenote-export#8)
        _ if err.mentions("does not exist") || err.mentions("not enabled for consumers") => {
            return Ok(TokenAnswer::UnknownApp(err.describe()));
        }
        // AADSTS700016 is also sent as unauthorized_client; any other unauthorized_client says
        // the app may not use this grant: a registration setting, not a wrong key.
        _ if err.is("unauthorized_client") => Outcome::misconfigured(format!("Microsoft does not let this app redeem an authorization code as the portal does ({})", err.describe()))
            .reason(Reason::Setup)
            .advice("In the app's Authentication page, register the portal's redirect URI under the Web platform and keep \"Allow public client flows\" at No, so that the app is a confidential client that signs users in with the authorization-code grant."),
        // Any other code (AADSTS7000218, 900023, ...) is no verdict on the keys.
        _ => return Err(reply.unexpected().fact("provider_answer", said)),
    };
    Err(outcome.fact("provider_answer", said))
}

/// The verdict when `/consumers` (or login.live.com) does not know the client id: an app that
/// exists but is limited to organisations is `misconfigured`; a client id that no path the
/// portal or this check could use knows is `rejected`. `first` is what the first answer said.
pub async fn unknown_for_consumers(ctx: &Ctx<'_>, first: &str) -> Outcome {
    let mut asked = vec![format!("/{PORTAL_TENANT}")];
    let mut paths = vec!["organizations".to_string()];
    if let Some(tenant) = ctx.opt("tenant").filter(|t| !is_alias(t)) {
        paths.push(tenant.to_string());
    }
    for tenant in &paths {
        asked.push(format!("/{tenant}"));
        let reply = match token_request(ctx, tenant).await {
            Ok(reply) => reply,
            // No answer: the app may exist; the portal still cannot use it for personal
            // accounts, which the first answer proved.
            Err(_) => return exists_elsewhere(first, None),
        };
        match read(&reply, ctx.get("client_secret")) {
            Ok(TokenAnswer::UnknownApp(_)) => continue,
            Ok(TokenAnswer::Token(_) | TokenAnswer::CodeRefused(_))
            | Ok(TokenAnswer::NoPersonalAccounts(_)) => {
                return exists_elsewhere(first, Some(tenant));
            }
            Err(outcome) => match outcome.status {
                // The app is known there (its secret was judged, or a policy applied).
                crate::check::Status::Rejected | crate::check::Status::Warning => {
                    return exists_elsewhere(first, Some(tenant));
                }
                // A tenant that does not exist says nothing about the app.
                _ => continue,
            },
        }
    }
    Outcome::rejected(format!(
        "Microsoft knows no app with this client id ({first}); asked on {}",
        asked.join(", ")
    ))
    .fact("provider_answer", first)
    .fact("asked", asked.join(", "))
    .advice("Copy the Application (client) ID again from the app's Overview page in the Microsoft Entra admin center > Entra ID > App registrations; not the Directory (tenant) ID or the Object ID shown next to it.")
}

fn exists_elsewhere(first: &str, found_on: Option<&str>) -> Outcome {
    let message = match found_on {
        Some(tenant) => format!(
            "the app exists (Microsoft knows it on /{tenant}) but does not accept personal Microsoft accounts, and the portal signs in on /{PORTAL_TENANT} only ({first})"
        ),
        None => format!(
            "Microsoft does not know this app for personal Microsoft accounts, and the portal signs in on /{PORTAL_TENANT} only ({first})"
        ),
    };
    Outcome::misconfigured(message)
        .reason(Reason::Setup)
        .fact("provider_answer", first)
        .fact("supported_account_types", "organisations only")
        .advice(ACCOUNT_TYPES_FIX)
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
