//! Box: a `client_credentials` request without a subject, trufflehog's method (§4).

use super::probes::oauth::{self, ClientAuth, Grant, TokenRequest};
use super::{Ctx, Outcome, Verdict};

pub async fn check(ctx: &Ctx<'_>) -> Verdict {
    // https://developer.box.com/reference/post-oauth2-token/
    let request = TokenRequest {
        origin: "https://api.box.com",
        path: "/oauth2/token",
        client_id: ctx.get("client_id"),
        client_secret: ctx.get("client_secret"),
        auth: ClientAuth::Form,
        grant: Grant::ClientCredentials,
        redirect_uri: None,
        extra: &[],
    };
    let reply = oauth::token_request(ctx, &request).await?;
    if reply.status == 200 {
        let body: serde_json::Value = reply.json()?;
        if body.get("access_token").is_none() {
            return Err(reply.unexpected());
        }
        return Ok(Outcome::ok("Box issued an app token for this client id and secret")
            .fact("probe", "client_credentials grant")
            .fact("app_type", "Server Authentication (Client Credentials Grant)"));
    }
    let Some(err) = oauth::oauth_error(&reply).filter(|_| reply.status == 400) else {
        return Err(reply.unexpected());
    };
    if err.is("unauthorized_client") {
        // "The grant type is unauthorized for this client_id": the pair passed, and the app is
        // a normal OAuth 2.0 app that may not use this grant, as the portal needs.
        return Ok(Outcome::ok(
            "Box accepted the client id and secret (the app may not use the client_credentials grant, as expected for a user-authentication app)",
        )
        .fact("probe", "client_credentials grant without subject")
        .fact("provider_answer", err.describe()));
    }
    if err.is("invalid_client") {
        return Ok(oauth::refused(&reply, &err, "Box refused the client id or secret").advice(
            "Copy the Client ID and Client Secret again from the OAuth 2.0 Credentials section of the app's Configuration page (https://app.box.com/developers/console); if the secret was reset, only the new one works.",
        ));
    }
    Err(reply.unexpected())
}
