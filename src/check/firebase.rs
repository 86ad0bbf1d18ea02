//! Firebase: the Web API key with `getProjectConfig` (and the project id cross-check); the
//! legacy server key can only be checked for its format, and its API is shut down.

use serde::Deserialize;

use super::{Ctx, Outcome, Status, Verdict};

const LEGACY: &str = "legacy FCM server key — the legacy API is shut down since July 2024; use a service-account key (HTTP v1)";

#[derive(Deserialize)]
struct Config {
    #[serde(rename = "projectId", default)]
    project_id: Option<String>,
    #[serde(rename = "authorizedDomains", default)]
    authorized_domains: Vec<String>,
}

/// Google's error envelope: `{"error": {"code", "message", "status", "details": [{"reason"}]}}`.
#[derive(Deserialize)]
struct ErrorBody {
    error: GoogleError,
}

#[derive(Deserialize)]
struct GoogleError {
    #[serde(default)]
    message: String,
    #[serde(default)]
    details: Vec<Detail>,
}

#[derive(Deserialize)]
struct Detail {
    #[serde(default)]
    reason: Option<String>,
}

pub async fn check(ctx: &Ctx<'_>) -> Verdict {
    let server_key = ctx.get("server_key");
    let format = if server_key.starts_with("AIza") {
        "older AIza server key"
    } else {
        "legacy FCM server key (AAAA…:…)"
    };
    // The server key's facts and the deprecation go on whatever the Web API key check concluded.
    let (Ok(outcome) | Err(outcome)) = web_key(ctx).await;
    let mut outcome = outcome
        .fact("server_key_format", format)
        .fact("server_key_status", "deprecated: the legacy FCM API is shut down");
    // The deprecation outranks `ok` and joins a warning, but never hides a worse status.
    match outcome.status {
        Status::Ok => outcome = outcome.warn_if_ok(LEGACY),
        Status::Warning => outcome.message = format!("{}; {LEGACY}", outcome.message),
        _ => {}
    }
    if outcome.advice.is_none() && outcome.status != Status::Ok {
        outcome = outcome.advice("Firebase console > Project settings > Service accounts > Generate new private key gives the service-account key that FCM HTTP v1 needs; the legacy server key cannot send notifications any more.");
    }
    Ok(outcome)
}

async fn web_key(ctx: &Ctx<'_>) -> Verdict {
    let key: String = url::form_urlencoded::byte_serialize(ctx.get("api_key").as_bytes()).collect();
    let wanted = ctx.get("project_id");
    // https://cloud.google.com/identity-platform/docs/reference/rest/v1/projects/getConfig (v3 relyingparty)
    let path = format!("/identitytoolkit/v3/relyingparty/getProjectConfig?key={key}");
    let url = ctx.url("https://www.googleapis.com", &path)?;
    let reply = ctx.send(ctx.client.get(url)).await?;
    if reply.status == 200 {
        let config: Config = reply.json()?;
        let facts = |o: Outcome| {
            o.fact("project_id", config.project_id.clone())
                .fact("authorized_domains", config.authorized_domains.len())
        };
        return Ok(match config.project_id.as_deref() {
            Some(real) if real != wanted => facts(Outcome::misconfigured(format!("the Web API key belongs to project {real}, but project_id is {wanted}")))
                .advice(format!("Use the Web API key and Project ID of the same project (Firebase console > Project settings > General): set project_id to {real}, or use the key of {wanted}.")),
            _ => facts(Outcome::ok("Google accepted the Web API key")),
        });
    }
    let Ok(body) = serde_json::from_slice::<ErrorBody>(&reply.body) else {
        return Err(reply.unexpected());
    };
    let reasons: Vec<&str> = body.error.details.iter().filter_map(|d| d.reason.as_deref()).collect();
    let message = body.error.message.as_str();
    if message.contains("CONFIGURATION_NOT_FOUND") || reasons.contains(&"CONFIGURATION_NOT_FOUND") {
        return Ok(Outcome::misconfigured("the Web API key is valid, but Firebase Authentication is not set up for its project (CONFIGURATION_NOT_FOUND)")
            .advice("Open Firebase console > Build > Authentication and click Get started, then check again."));
    }
    Ok(match reply.status {
        // betterleaks: 403 means the key exists and is active, but is restricted for this call.
        403 => {
            let reason = reasons.first().copied().unwrap_or(message);
            Outcome::warning(format!("the Web API key is active but restricted: {reason}"))
                .fact("restriction", reason)
                .advice("If the portal's pages use this key, allow the portal's domain (HTTP referrer) and the Identity Toolkit API under Google Cloud console > APIs & Services > Credentials > the key > restrictions.")
        }
        400 if reasons.contains(&"API_KEY_INVALID") || message.contains("API key not valid") => {
            Outcome::rejected(format!("Google does not know this Web API key (API_KEY_INVALID: {message})"))
                .advice("Copy the Web API key again from Firebase console > Project settings > General (39 characters starting with AIza); a deleted key is refused this way.")
        }
        _ => reply.unexpected(),
    })
}
