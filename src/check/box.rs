//! Box: the portal's own token request, `POST app.box.com/api/oauth2/token` with the client in
//! the form (portal-parity.md, box; `BoxLoginProvider.cs`), with a dummy authorization code:
//! `invalid_grant` means the client passed, `invalid_client` that it did not
//! (verification.md §4).

use super::probes::oauth::{self, TokenRequest};
use super::status::Reason;
use super::{Ctx, Outcome, Verdict};

const NOT_PROVEN: &str = "the redirect URI registration and the Box API calls of a connected account need a user's sign-in";

pub async fn check(ctx: &Ctx<'_>) -> Verdict {
    // DocSpace-server common/ASC.FederatedLogin/LoginProviders/BoxLoginProvider.cs: token URL
    // https://app.box.com/api/oauth2/token, exchanged by Helpers/OAuth20TokenHelper.cs.
    let request = TokenRequest::code_exchange(
        ctx,
        "https://app.box.com",
        "/api/oauth2/token",
        ctx.get("client_id"),
        ctx.get("client_secret"),
    );
    let (reply, err) = oauth::dummy_code_refusal(ctx, &request).await?;
    // "Auth code doesn't exist or is invalid for the client" / "The authorization code has
    // expired" (box/box-java-sdk#246): the client passed, only the code was refused.
    if err.is("invalid_grant") {
        return Ok(oauth::accepted(&err, "Box")
            .fact("token_url", "app.box.com/api/oauth2/token (the portal's)")
            .fact("not_proven", NOT_PROVEN));
    }
    // "The grant type is unauthorized for this client_id": the client passed (trufflehog's
    // Box detector relies on it), but this app may not use the grant the portal needs.
    if err.is("unauthorized_client") {
        return Ok(Outcome::misconfigured(format!(
            "Box accepted the client id and secret but does not let this app use the authorization-code grant the portal signs users in with ({})",
            err.describe()
        ))
        .reason(Reason::Setup)
        .fact("provider_answer", err.describe())
        .advice("The portal needs a Platform App with User Authentication (OAuth 2.0). Create one in the Box Developer Console (https://app.box.com/developers/console), not a Server Authentication (JWT or Client Credentials Grant) app, and use its Client ID and Client Secret."));
    }
    // "The client credentials are invalid" (scribejava/scribejava#842, cburnette/boxr#22).
    if err.is("invalid_client") {
        return Ok(oauth::refused(&reply, &err, "Box refused the client id or secret").advice(
            "Copy the Client ID and Client Secret again from the OAuth 2.0 Credentials section of the app's Configuration page (https://app.box.com/developers/console); if the secret was reset, only the new one works.",
        ));
    }
    Err(reply.unexpected())
}
