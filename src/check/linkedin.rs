//! LinkedIn: the dummy authorization code at LinkedIn's token endpoint (verification.md §13).

use super::probes::oauth::{self, TokenRequest};
use super::{Ctx, Outcome, Verdict};

const AUTH_TAB: &str = "the Auth tab of your app at https://www.linkedin.com/developers/apps";

pub async fn check(ctx: &Ctx<'_>) -> Verdict {
    // https://learn.microsoft.com/en-us/linkedin/shared/authentication/authorization-code-flow#step-3-exchange-authorization-code-for-an-access-token
    let request = TokenRequest::code_exchange(
        ctx,
        "https://www.linkedin.com",
        "/oauth/v2/accessToken",
        ctx.get("client_id"),
        ctx.get("client_secret"),
    );
    let (reply, err) = oauth::dummy_code_refusal(ctx, &request).await?;
    // "Unable to retrieve access token: appid/redirect uri/code verifier does not match
    // authorization code. Or authorization code expired. ...": the client passed.
    if err.is("invalid_request") && err.mentions("authorization code") {
        return Ok(oauth::accepted(&err, "LinkedIn"));
    }
    if err.is("invalid_redirect_uri") {
        return Ok(Outcome::misconfigured(format!(
            "LinkedIn accepted the client, but the redirect URI {} is not registered for the app",
            ctx.redirect_uri
        ))
        .fact("provider_answer", err.describe())
        .advice(format!(
            "On {AUTH_TAB}, add {} under OAuth 2.0 settings > Authorized redirect URLs for your app, then Update.",
            ctx.redirect_uri
        )));
    }
    // "Client authentication failed": LinkedIn does not say which of the two is wrong.
    if err.is("invalid_client") {
        return Ok(oauth::refused(&reply, &err, "LinkedIn refused the client id or secret").advice(
            format!("Copy the Client ID and the Primary Client Secret again from {AUTH_TAB} (Authentication Keys; click the eye icon), including any trailing = signs."),
        ));
    }
    Err(reply.unexpected())
}
