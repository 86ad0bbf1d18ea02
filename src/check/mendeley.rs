//! Mendeley: a read-only catalog token from `client_credentials` with the app id and secret;
//! without the secret nothing can be verified (verification.md §15).

use super::probes::oauth::{self, ClientAuth, Grant, TokenRequest, Verdicts};
use super::{Ctx, Outcome, Status, Verdict};

pub async fn check(ctx: &Ctx<'_>) -> Verdict {
    let Some(secret) = ctx.opt("client_secret") else {
        return Ok(Outcome::skipped("id only — cannot verify without the secret")
            .advice("The plugin needs only the Application ID. To have the app itself checked, add the secret generated on dev.mendeley.com/myapps.html (integrate add mendeley)."));
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
    if !(200..300).contains(&reply.status) && !matches!(reply.status, 400 | 401) {
        return Err(reply.unexpected());
    }
    let verdicts = Verdicts {
        client_accepted: &[],
        client_refused: &["invalid_client"],
    };
    let outcome = oauth::classify(&reply, &verdicts, "Mendeley");
    Ok(match outcome.status {
        Status::Rejected => outcome.advice("Check the Application ID and generate a new secret on dev.mendeley.com/myapps.html (Mendeley shows a secret only once). Apps whose owners did not accept the 2018 terms were disabled: register a new app then."),
        _ => outcome,
    })
}
