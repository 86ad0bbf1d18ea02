//! Clickatell: the portal sends with the SMS Platform HTTP integration
//! (`GET https://platform.clickatell.com/messages/http/send?apiKey=…&to=…&content=…`, WS
//! `SmsProvider.cs` `ClickatellProvider`). The check calls that same endpoint with the key and
//! no recipient and no text, so nothing can ever be sent or billed.
//!
//! What the answer proves: Clickatell names a wrong key in its own words (errorCode 108
//! "Invalid or missing integration API Key.", quoted from this endpoint in
//! phpservermon/phpservermon#749; error 1 in the Platform's errors table), which is `rejected`.
//! Its documentation does not say that the key is checked before the missing recipient, so any
//! other refusal of the request leaves the key unproven: `warning`, never `ok`.

use serde::Deserialize;

use super::http::Reply;
use super::{Ctx, Outcome, Reason, Verdict};

/// The Platform's answer envelope: `{"messages":[],"errorCode":108,"error":"…","errorDescription":"…"}`.
#[derive(Deserialize)]
struct Answer {
    #[serde(default)]
    messages: Vec<serde_json::Value>,
    #[serde(rename = "errorCode", default)]
    error_code: Option<serde_json::Value>,
    #[serde(default)]
    error: Option<String>,
    #[serde(rename = "errorDescription", default)]
    description: Option<String>,
}

fn parse(reply: &Reply) -> Option<(i64, String)> {
    let answer: Answer = serde_json::from_slice(&reply.body).ok()?;
    let code = match answer.error_code? {
        serde_json::Value::Number(n) => n.as_i64()?,
        serde_json::Value::String(s) => s.trim().parse().ok()?,
        _ => return None,
    };
    if !answer.messages.is_empty() {
        return None;
    }
    let text = [answer.error, answer.description]
        .into_iter()
        .flatten()
        .filter(|t| !t.is_empty())
        .collect::<Vec<_>>()
        .join(": ");
    Some((code, text))
}

const BAD_KEY: &str = "Copy the API key again from the HTTP integration on portal.clickatell.com (SMS integrations, or My Workspace > Channels > SMS), keeping the trailing = signs. An old Clickatell Central api_id with a user and password does not work: create an HTTP integration on the SMS Platform instead.";

pub async fn check(ctx: &Ctx<'_>) -> Verdict {
    // The HTTP integration's send, as the portal calls it (the URL form is quoted in
    // nextcloud/twofactor_gateway#359); no `to` and no `content`: there is nothing to send.
    // Error codes: https://www.clickatell.com/developers/api-documentation/one-api-error-messages/
    let url = ctx.url("https://platform.clickatell.com", "/messages/http/send")?;
    let request = ctx
        .client
        .get(url)
        .query(&[("apiKey", ctx.get("api_key"))])
        .header("Accept", "application/json");
    let reply = ctx.send(request).await?;
    let Some((code, text)) = parse(&reply) else {
        return Err(match reply.status {
            401 | 403 | 407 => reply.not_the_provider("Clickatell"),
            _ => reply.unexpected(),
        });
    };
    let outcome = match code {
        // "Invalid or missing integration API Key" (108 on the HTTP integration, 1 in the
        // Platform's errors table): the key is not one of an integration.
        108 | 1 => Outcome::rejected(format!("Clickatell refused the API key (error {code}: {text})")).advice(BAD_KEY),
        // "Originating IP address is not approved in your account"
        7 => Outcome::misconfigured(format!("Clickatell knows the key but refuses requests from this IP address (error 7: {text})"))
            .advice("Add the portal server's public IP address (and this machine's, to check from here) to the integration's allowed IP addresses on portal.clickatell.com, or remove the IP restriction."),
        // "Account is not active" / "Integration is not active"
        2 | 3 => Outcome::misconfigured(format!("Clickatell knows the key, but the {} is not active (error {code}: {text})", if code == 2 { "account" } else { "integration" }))
            .advice("Activate the account or the HTTP integration on portal.clickatell.com (a new account must be verified and funded), then check again."),
        _ => Outcome::warning(format!(
            "Clickatell answered the portal's send endpoint with error {code} ({text}) to a request without recipient; its documentation does not say the key is checked first, so the key could not be verified"
        ))
        .reason(Reason::Attention)
        .fact("verified", "no: Clickatell documents no request that proves the key without sending a message")
        .advice("Nothing was sent. To be sure of the key, send a test SMS from portal.clickatell.com with this integration, or enable two-factor SMS on the portal and sign in once."),
    };
    // The portal puts the key into its URL unencoded (`SmsProvider.cs`): a `+` may reach
    // Clickatell as a space, and `&`, `#` or `%` cut or change the value. Not proven to fail,
    // so only said.
    let url_note = ctx.get("api_key").contains(['+', '&', '#', '%']).then_some(
        "the key holds +, &, # or %, which the portal inserts into its send URL unencoded; if codes are not delivered, create a new integration key without them",
    );
    Ok(outcome
        .fact("clickatell_error", code)
        .fact("sender", ctx.opt("sender"))
        .fact("portal_url_note", url_note))
}
