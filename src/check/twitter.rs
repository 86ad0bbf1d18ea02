//! X (Twitter): an app bearer token from the API key and secret; with `bearer_token` set, a
//! one-post read that shows the access level, and the bearer cross-check (verification.md §23).

use serde::Deserialize;

use super::probes::oauth::{ClientAuth, Grant, TokenRequest, token_request};
use super::{Ctx, Outcome, Verdict};

#[derive(Deserialize)]
struct Errors {
    errors: Vec<ErrorItem>,
}

#[derive(Deserialize)]
struct ErrorItem {
    code: i64,
    #[serde(default)]
    message: String,
}

/// The token with `%XX` escapes decoded: the portal shows it encoded, users paste either form.
fn decoded(token: &str) -> String {
    let bytes: Vec<u8> = token.bytes().collect();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes.get(i + 1..i + 3).and_then(|h| std::str::from_utf8(h).ok());
        match (bytes[i], hex.and_then(|h| u8::from_str_radix(h, 16).ok())) {
            (b'%', Some(b)) => {
                out.push(b);
                i += 3;
            }
            (c, _) => {
                out.push(c);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

pub async fn check(ctx: &Ctx<'_>) -> Verdict {
    // https://developer.x.com/en/docs/authentication/api-reference/token
    let request = TokenRequest {
        origin: "https://api.twitter.com",
        path: "/oauth2/token",
        client_id: ctx.get("api_key"),
        client_secret: ctx.get("api_secret"),
        auth: ClientAuth::Basic,
        grant: Grant::ClientCredentials,
        redirect_uri: None,
        extra: &[],
    };
    let reply = token_request(ctx, &request).await?;
    let issued = match reply.status {
        200 => {
            let body: serde_json::Value = reply.json()?;
            match body.get("access_token").and_then(|t| t.as_str()) {
                Some(token) if !token.is_empty() => token.to_string(),
                _ => return Err(reply.unexpected()),
            }
        }
        403 => match serde_json::from_slice::<Errors>(&reply.body) {
            Ok(body) if body.errors.iter().any(|e| e.code == 99) => {
                let message = body.errors.iter().map(|e| e.message.as_str()).collect::<Vec<_>>().join("; ");
                return Ok(Outcome::rejected(format!("X refused the API key and secret (error 99: {message})"))
                    .advice("Copy the API Key and API Key Secret again from the app's Keys and tokens page on developer.x.com; after Regenerate only the new pair works, so update both fields."));
            }
            _ => return Err(reply.unexpected()),
        },
        _ => return Err(reply.unexpected()),
    };
    let ok = Outcome::ok("X issued an app bearer token for this API key and secret");
    let Some(bearer) = ctx.opt("bearer_token") else {
        return Ok(ok.fact("access_level", "not checked (no bearer_token)"));
    };
    // https://docs.x.com/x-api/posts/get-post-by-post-id (one read, post 20)
    let url = ctx.url("https://api.twitter.com", "/2/tweets/20")?;
    let read = ctx.send(ctx.client.get(url).bearer_auth(bearer)).await?;
    let level = match read.status {
        200 => Outcome::ok("X accepted the API key, secret and bearer token; the bearer can read posts"),
        401 => return Ok(Outcome::rejected("X refused the bearer_token (401 Unauthorized); the API key and secret are valid")
            .advice("Copy the Bearer Token again from Keys and tokens (without the word 'Bearer'), or regenerate it there and update bearer_token.")),
        403 if read.json::<serde_json::Value>().ok().and_then(|b| b.get("reason").cloned()) == Some("client-not-enrolled".into()) => {
            Outcome::warning("credentials valid; your X API access level does not include this endpoint; the portal needs Elevated access")
                .fact("required_enrollment", "Appropriate Level of API Access")
                .advice("In the X developer portal, attach the app to a Project and get an access level that includes reading posts (Elevated in the portal's terms; a paid tier or credits today).")
        }
        _ => return Err(read.unexpected()),
    };
    if decoded(&issued) != decoded(bearer) {
        return Ok(Outcome::misconfigured("bearer_token is valid but is not the bearer of this API key: the two come from different apps, or the bearer was regenerated")
            .advice("Copy the API Key, API Key Secret and Bearer Token from the same app's Keys and tokens page."));
    }
    Ok(level.fact("access_level", if read.status == 200 { "can read posts" } else { "client-not-enrolled" }))
}
