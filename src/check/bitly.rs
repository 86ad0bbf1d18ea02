//! Bitly: the portal's own save validation, `POST /v4/shorten` of `https://www.onlyoffice.com`
//! with the generic access token (WS `BitlyLoginProvider.cs`; DS the same class). `ok` means
//! that validation passes; shortening a link that already exists on the account creates none.

use serde::Deserialize;
use serde_json::json;

use super::http::Reply;
use super::{Ctx, Outcome, Reason, Verdict};

/// The link the portal shortens when the token is saved.
pub const PORTAL_LINK: &str = "https://www.onlyoffice.com";

#[derive(Deserialize)]
struct Shortened {
    #[serde(default)]
    link: Option<String>,
}

/// Bitly's error body: `{"message":"FORBIDDEN","resource":"…","description":"…"}`
/// (https://dev.bitly.com/docs/getting-started/errors/).
#[derive(Deserialize)]
struct BitlyError {
    message: String,
    #[serde(default)]
    description: Option<String>,
}

fn bitly_error(reply: &Reply) -> Option<BitlyError> {
    let error: BitlyError = serde_json::from_slice(&reply.body).ok()?;
    // Bitly's codes are upper-case words (FORBIDDEN, INVALID_ARG_LONG_URL): its own marker.
    let code = !error.message.is_empty()
        && error
            .message
            .chars()
            .all(|c| c.is_ascii_uppercase() || c == '_');
    code.then_some(error)
}

pub async fn check(ctx: &Ctx<'_>) -> Verdict {
    // https://dev.bitly.com/api-reference/#createBitlink (POST /v4/shorten)
    let url = ctx.url("https://api-ssl.bitly.com", "/v4/shorten")?;
    let request = ctx
        .client
        .post(url)
        .bearer_auth(ctx.get("access_token"))
        .json(&json!({ "long_url": PORTAL_LINK }));
    let reply = ctx.send(request).await?;
    if matches!(reply.status, 200 | 201) {
        let shortened: Shortened = reply.json()?;
        return match shortened.link.filter(|l| !l.is_empty()) {
            Some(link) => Ok(Outcome::ok(format!(
                "Bitly shortened {PORTAL_LINK} with the token, as the portal does when the token is saved"
            ))
            .fact("portal_validation", "passes")
            .fact("short_link", link)),
            // The portal reads `link`; an answer without it fails its validation, but is no
            // verdict on the token either.
            None => Err(reply.unexpected()),
        };
    }
    let Some(error) = bitly_error(&reply) else {
        return Err(match reply.status {
            401 | 403 | 407 => reply.not_the_provider("Bitly"),
            _ => reply.unexpected(),
        });
    };
    let description = error.description.unwrap_or_default();
    let said = format!("{}: {}", error.message, description);
    let outcome = match (reply.status, error.message.as_str()) {
        (401 | 403, "FORBIDDEN" | "INVALID_ACCESS_TOKEN" | "UNAUTHORIZED") => Outcome::rejected(format!(
            "Bitly refused to shorten a link with this token (HTTP {}, {said}); the portal will answer \"Bad keys\"",
            reply.status
        ))
        .advice("Generate a new token at https://app.bitly.com/settings/api/ (Settings > API > Generate token), paste it without the word Bearer, and make sure the account may create links in its default group."),
        // A token over its quota: Bitly answers 403 RATE_LIMIT_EXCEEDED (tanepiper/node-bitly#71).
        (403, "RATE_LIMIT_EXCEEDED" | "MONTHLY_RATE_LIMIT_EXCEEDED" | "MONTHLY_ENCODE_LIMIT_REACHED") => Outcome::misconfigured(format!(
            "Bitly knows the token but refuses new links for now ({said}); while it does, the portal will answer \"Bad keys\""
        ))
        .reason(Reason::PortalRule)
        .advice("The account's link quota is used up (free tokens create few links a month): wait for the limit to reset or upgrade the Bitly plan, then save the token in the portal again."),
        _ => return Err(reply.unexpected()),
    };
    Ok(outcome
        .fact("bitly_error", error.message)
        .fact("http_status", reply.status))
}
