//! Bitly: `GET /v4/user` with the generic access token (creates no link).

use serde::Deserialize;

use super::{Ctx, Outcome, Verdict};

#[derive(Deserialize)]
struct User {
    #[serde(default)]
    login: Option<String>,
    #[serde(default)]
    name: Option<String>,
    #[serde(default)]
    is_active: Option<bool>,
    #[serde(default)]
    is_2fa_enabled: Option<bool>,
    #[serde(default)]
    is_sso_user: Option<bool>,
    #[serde(default)]
    default_group_guid: Option<String>,
    #[serde(default)]
    created: Option<String>,
}

pub async fn check(ctx: &Ctx<'_>) -> Verdict {
    // https://dev.bitly.com/api-reference/#getUser
    let url = ctx.url("https://api-ssl.bitly.com", "/v4/user")?;
    let request = ctx.client.get(url).bearer_auth(ctx.get("access_token"));
    let reply = ctx.send(request).await?;
    match reply.status {
        200 => {}
        // Both trufflehog and betterleaks read 401 and 403 as an invalid or revoked token.
        401 | 403 => {
            return Ok(Outcome::rejected(format!(
                "Bitly refused the access token (HTTP {}: {})",
                reply.status,
                reply.snippet()
            ))
            .fact("http_status", reply.status)
            .advice("Generate a new token at https://app.bitly.com/settings/api/ (Profile Settings > Generic Access Token) and paste it without the word Bearer."));
        }
        _ => return Err(reply.unexpected()),
    }
    let user: User = reply.json()?;
    let Some(login) = user.login.clone().filter(|l| !l.is_empty()) else {
        return Err(reply.unexpected());
    };
    let facts = |o: Outcome| {
        o.fact("login", login.clone())
            .fact("name", user.name.clone())
            .fact("is_active", user.is_active)
            .fact("is_2fa_enabled", user.is_2fa_enabled)
            .fact("is_sso_user", user.is_sso_user)
            .fact("default_group_guid", user.default_group_guid.clone())
            .fact("created", user.created.clone())
    };
    if user.is_active == Some(false) {
        return Ok(facts(Outcome::misconfigured(format!(
            "Bitly accepted the token, but the account {login} is not active"
        )))
        .advice("Sign in at https://app.bitly.com to reactivate the account (or check its subscription), or use a token of an active account."));
    }
    Ok(facts(Outcome::ok(format!(
        "Bitly accepted the token of the account {login}"
    ))))
}
