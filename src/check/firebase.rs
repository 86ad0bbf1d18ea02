//! Firebase: judged only by what the portal does with the keys. Workspace puts apiKey, projectId
//! and messagingSenderId into the Talk page's browser Firebase config (WS `JabberClient.aspx.cs`);
//! `firebase_authorization` (the server key) is read by no code today, and DocSpace reads none of
//! the four keys (DS `web/ASC.Web.Core/Jabber/FireBase.cs` exposes them, nothing uses them).
//! So the check proves the Web API key exists and belongs to the project, and says the rest.

use serde::Deserialize;

use super::{Ctx, Outcome, Verdict};

const PORTAL_USE: &str = "Workspace: apiKey, projectId and senderId go into the Talk page's browser messaging config; DocSpace reads none of the four Firebase keys";
const SERVER_KEY: &str = "not used: no portal code reads it today (only the Jabber server removed after Workspace v10 sent it to the legacy FCM API, which is shut down)";
const SENDER_ID: &str = "not verifiable with an API key: compare it with the project number in Firebase console > Project settings";

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
    // The facts go on whatever the Web API key check concluded; the server key never changes it.
    let (Ok(outcome) | Err(outcome)) = web_key(ctx).await;
    Ok(outcome
        .fact("portal_use", PORTAL_USE)
        .fact("server_key", SERVER_KEY)
        .fact("sender_id", SENDER_ID))
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
            _ => facts(Outcome::ok("Google accepted the Web API key of the project")),
        });
    }
    let Ok(body) = serde_json::from_slice::<ErrorBody>(&reply.body) else {
        return Err(reply.unexpected());
    };
    let reasons: Vec<&str> = body
        .error
        .details
        .iter()
        .filter_map(|d| d.reason.as_deref())
        .collect();
    let message = body.error.message.as_str();
    // Google checks the key before the project's configuration: this answer proves the key, and
    // Firebase Authentication, which it is about, is nothing the portal uses.
    if message.contains("CONFIGURATION_NOT_FOUND") || reasons.contains(&"CONFIGURATION_NOT_FOUND") {
        return Ok(Outcome::ok("Google accepted the Web API key (its project has no Firebase Authentication, which the portal does not use)")
            .fact("firebase_authentication", "not set up (not used by the portal)"));
    }
    Ok(match reply.status {
        // betterleaks: 403 means the key exists and is active, but is restricted for this call.
        // The restriction may well allow what the portal's browser config needs: not a setup
        // fault, only a key this request could not fully verify.
        403 => {
            let reason = reasons.first().copied().unwrap_or(message);
            Outcome::warning(format!("the Web API key exists but is restricted, so its project could not be read: {reason}"))
                .fact("restriction", reason)
                .advice("Nothing to change if the key is restricted on purpose: the portal only needs it in the browser on the portal's pages. If Talk notifications fail, allow the portal's domain as an HTTP referrer under Google Cloud console > APIs & Services > Credentials > the key.")
        }
        // "API key not valid" (a key that never existed) and "API Key not found" (a deleted
        // one, firebase/firebaseui-web-react#57) are Google's own refusals of the key.
        400 if reasons.contains(&"API_KEY_INVALID")
            || message.contains("API key not valid")
            || message.contains("API Key not found") =>
        {
            Outcome::rejected(format!("Google does not know this Web API key (API_KEY_INVALID: {message})"))
                .advice("Copy the Web API key again from Firebase console > Project settings > General (39 characters starting with AIza); a deleted key is refused this way.")
        }
        _ => reply.unexpected(),
    })
}
