//! Dropbox: `check/app`, which authenticates the app key and secret and echoes a nonce (§7).

use serde::Deserialize;

use super::{Ctx, Outcome, Verdict};

const SETTINGS: &str = "the app's Settings tab at https://www.dropbox.com/developers/apps";

#[derive(Deserialize)]
struct Echo {
    result: String,
}

pub async fn check(ctx: &Ctx<'_>) -> Verdict {
    let nonce = uuid::Uuid::new_v4().simple().to_string();
    // https://www.dropbox.com/developers/documentation/http/documentation#check-app
    let url = ctx.url("https://api.dropboxapi.com", "/2/check/app")?;
    let request = ctx
        .client
        .post(url)
        .basic_auth(ctx.get("app_key"), Some(ctx.get("app_secret")))
        .json(&serde_json::json!({ "query": nonce }));
    let reply = ctx.send(request).await?;
    let rejected = || {
        Outcome::rejected(format!(
            "Dropbox refused the app key or secret (HTTP {}): {}",
            reply.status,
            reply.snippet()
        ))
        .fact("http_status", reply.status)
        .advice(format!("Copy the App key and the App secret again from {SETTINGS}: click Show next to App secret and copy the value, not the word Show."))
    };
    match reply.status {
        200 => {}
        // App authentication failed (exact bodies UNCONFIRMED, the status is documented), in
        // Dropbox's own format only: a bare 401 may come from a proxy (issue 9.5).
        401 if from_dropbox(&reply) => return Ok(rejected()),
        401 | 403 | 407 => return Err(reply.not_the_provider("Dropbox")),
        // "Invalid authorization value in HTTP header "Authorization"": a malformed key pair.
        400 if from_dropbox(&reply) => {
            let text = reply.text().to_ascii_lowercase();
            if text.contains("authorization") || text.contains("client") {
                return Ok(rejected());
            }
            return Err(reply.unexpected());
        }
        _ => return Err(reply.unexpected()),
    }
    let echo: Echo = reply.json()?;
    if echo.result != nonce {
        return Ok(Outcome::unreachable(
            "Dropbox answered check/app without echoing the probe's query; no verdict on the keys",
        )
        .advice("Something between here and Dropbox rewrote the answer: check `endpoint` (if set) and any proxy."));
    }
    Ok(
        Outcome::ok("Dropbox accepted the app key and secret (check/app echoed the probe's query)")
            .fact("probe", "check/app"),
    )
}

/// Dropbox's own error format: JSON with `error_summary`, or its plain-text
/// "Error in call to API function …" (https://www.dropbox.com/developers/documentation/http/documentation#error-handling).
fn from_dropbox(reply: &super::http::Reply) -> bool {
    let json_error = serde_json::from_slice::<serde_json::Value>(&reply.body)
        .ok()
        .is_some_and(|v| v.get("error_summary").is_some());
    json_error
        || reply
            .text()
            .trim_start()
            .starts_with("Error in call to API function")
}
