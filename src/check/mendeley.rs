//! Mendeley: the editor plugin signs in with the implicit grant and the App ID only
//! (portal-parity.md, mendeley: `response_type=token` at api.mendeley.com/oauth/authorize, no
//! secret). That request needs a user's sign-in, so the nearest request on the same app
//! registration is sent instead: a read-only catalog token from `client_credentials`, which
//! needs the optional secret; without it nothing can be verified (verification.md §15).

use super::probes::oauth::{self, ClientAuth, Grant, TokenRequest, Verdicts};
use super::{Ctx, Outcome, Status, Verdict};

const PROVEN: &str = "the App ID names an active Mendeley app (it obtained a client-credentials token with its secret)";
const NOT_PROVEN: &str = "the plugin's implicit-grant sign-in and its redirect URL (<editor>/sdkjs-plugins/mendeley/oauth.html) are only seen when a user signs in from the plugin";

pub async fn check(ctx: &Ctx<'_>) -> Verdict {
    let Some(secret) = ctx.opt("client_secret") else {
        return Ok(Outcome::skipped("the plugin uses the App ID only, and Mendeley offers no request that checks an App ID alone without a user's sign-in; the ID's format was checked")
            .fact("not_proven", NOT_PROVEN)
            .advice("Nothing to fix: the plugin needs only the Application ID. To have the app itself checked, add the secret generated on dev.mendeley.com/myapps.html (integrate add mendeley); the plugin never uses it."));
    };
    // https://dev.mendeley.com/reference/topics/authorization_client_credentials.html
    let request = TokenRequest {
        origin: "https://api.mendeley.com",
        path: "/oauth/token",
        client_id: ctx.get("client_id"),
        client_secret: secret,
        auth: ClientAuth::Basic,
        grant: Grant::ClientCredentials,
        redirect_uri: None,
        extra: &[("scope", "all")],
    };
    let reply = oauth::token_request(ctx, &request).await?;
    let provider_shape = oauth::oauth_error(&reply).is_some();
    if matches!(reply.status, 401 | 403 | 407) && !provider_shape {
        return Err(reply.not_the_provider("Mendeley"));
    }
    if !(200..300).contains(&reply.status) && !matches!(reply.status, 400 | 401) {
        return Err(reply.unexpected());
    }
    let verdicts = Verdicts {
        client_accepted: &[],
        client_refused: &["invalid_client"],
    };
    let outcome = oauth::classify(&reply, &verdicts, "Mendeley");
    Ok(match outcome.status {
        Status::Ok => outcome
            .fact("probe", "client_credentials token (the plugin's implicit grant needs a sign-in)")
            .fact("proven", PROVEN)
            .fact("not_proven", NOT_PROVEN),
        Status::Rejected => outcome.advice("Check the Application ID and generate a new secret on dev.mendeley.com/myapps.html (Mendeley shows a secret only once). Apps whose owners did not accept the 2018 terms were disabled: register a new app then."),
        _ => outcome,
    })
}
