//! VK: an app (service) token from `client_credentials`, which checks the app id and the
//! secure key together (verification.md §24).

use serde::Deserialize;

use super::probes::oauth;
use super::{Ctx, Outcome};

#[derive(Deserialize)]
struct Token {
    access_token: String,
    #[serde(default)]
    expires_in: Option<i64>,
}

pub async fn check(ctx: &Ctx<'_>) -> Outcome {
    let query = url::form_urlencoded::Serializer::new(String::new())
        .append_pair("client_id", ctx.get("client_id"))
        .append_pair("client_secret", ctx.get("client_secret"))
        .append_pair("v", "5.199")
        .append_pair("grant_type", "client_credentials")
        .finish();
    // https://dev.vk.com/en/api/access-token/getting-started (client credentials flow)
    // The secret travels in the query: messages use Reply::shown_url, which leaves it out.
    let url = match ctx.url("https://oauth.vk.com", &format!("/access_token?{query}")) {
        Ok(url) => url,
        Err(outcome) => return outcome,
    };
    let reply = match ctx.send(ctx.client.get(url)).await {
        Ok(reply) => reply,
        Err(outcome) => return outcome,
    };
    if reply.status == 200 {
        return match reply.json::<Token>() {
            Ok(token) if !token.access_token.is_empty() => {
                Outcome::ok("VK issued a service token for this app id and secure key")
                    .fact("token_expires", match token.expires_in {
                        Some(0) | None => "never (service token)".to_string(),
                        Some(s) => format!("in {s}s"),
                    })
            }
            Ok(_) => reply.unexpected(),
            Err(outcome) => outcome,
        };
    }
    let err = match oauth::oauth_error(&reply) {
        Some(err) if matches!(reply.status, 400 | 401) && err.error == "invalid_client" => err,
        _ => return reply.unexpected(),
    };
    match err.error_description.as_deref().unwrap_or("") {
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
    }
}
