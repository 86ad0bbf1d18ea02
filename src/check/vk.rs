//! VK: an app (service) token from `client_credentials`, which checks the app id and the
//! secure key together (verification.md §24).

use serde::Deserialize;

use super::probes::oauth::{self, ClientAuth, Grant, TokenRequest};
use super::{Ctx, Outcome, Verdict};

#[derive(Deserialize)]
struct Token {
    access_token: String,
    #[serde(default)]
    expires_in: Option<i64>,
}

pub async fn check(ctx: &Ctx<'_>) -> Verdict {
    // https://dev.vk.com/en/api/access-token/getting-started (client credentials flow)
    let request = TokenRequest {
        origin: "https://oauth.vk.com",
        path: "/access_token",
        client_id: ctx.get("client_id"),
        client_secret: ctx.get("client_secret"),
        auth: ClientAuth::Query,
        grant: Grant::ClientCredentials,
        redirect_uri: None,
        extra: &[("v", "5.199")],
    };
    let reply = oauth::token_request(ctx, &request).await?;
    if reply.status == 200 {
        let token: Token = reply.json()?;
        if token.access_token.is_empty() {
            return Err(reply.unexpected());
        }
        return Ok(Outcome::ok("VK issued a service token for this app id and secure key")
            .fact("token_expires", match token.expires_in {
                Some(0) | None => "never (service token)".to_string(),
                Some(s) => format!("in {s}s"),
            }));
    }
    let err = match oauth::oauth_error(&reply) {
        Some(err) if matches!(reply.status, 400 | 401) && err.error == "invalid_client" => err,
        _ => return Err(reply.unexpected()),
    };
    Ok(match err.error_description.as_deref().unwrap_or("") {
        "client_secret is incorrect" => Outcome::rejected(
            "VK refused the secure key (invalid_client: client_secret is incorrect)",
        )
        .fact("http_status", reply.status)
        .advice("Copy the Secure key (Защищённый ключ) again from the app settings (VK ID cabinet or vk.com/apps?act=manage); not the Service access key, which is much longer."),
        "client_id is incorrect" => Outcome::rejected(
            "VK does not know this app id (invalid_client: client_id is incorrect)",
        )
        .fact("http_status", reply.status)
        .advice("Copy the App ID (digits only) from the app settings; if the app was deleted or blocked, create a new one."),
        _ => reply.unexpected(),
    })
}
