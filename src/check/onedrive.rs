//! OneDrive: the portal's own token request, `POST login.live.com/oauth20_token.srf` with the
//! client in the form (portal-parity.md, onedrive), with a dummy authorization code and the
//! shared probe's altered-secret control. A client id that login.live.com does not know is asked about on
//! Entra's `/organizations` to tell an unknown id from an app limited to organisations.

use super::probes::entra;
use super::probes::oauth::{self, TokenRequest};
use super::status::Reason;
use super::{Ctx, Outcome, Verdict};
use crate::check::http::Reply;

const LIVE: &str = "https://login.live.com";
const TOKEN_PATH: &str = "/oauth20_token.srf";

const PROVEN: &str = "login.live.com knows the client id for the authorization-code exchange the portal sends after a user connects OneDrive (the secret counts as proven when secret_control says an altered secret was refused)";
const NOT_PROVEN: &str = "the wl.signin wl.skydrive_update wl.offline_access consent and the api.onedrive.com calls need a user's sign-in";

async fn exchange(ctx: &Ctx<'_>) -> Result<Reply, Outcome> {
    // DocSpace-server common/ASC.FederatedLogin/LoginProviders/OneDriveLoginProvider.cs and
    // Helpers/OAuth20TokenHelper.cs: code, client_id, client_secret, redirect_uri, grant_type.
    let request = TokenRequest::code_exchange(
        ctx,
        LIVE,
        TOKEN_PATH,
        ctx.get("client_id"),
        ctx.get("client_secret"),
    );
    oauth::token_request(ctx, &request).await
}

/// What login.live.com's answer says about the client.
enum Live {
    /// The client passed; only the code was refused.
    CodeRefused(oauth::OAuthError),
    /// The secret is wrong.
    WrongSecret(oauth::OAuthError),
    /// The client id is not known for personal accounts (unknown, or limited to organisations).
    NotForConsumers(oauth::OAuthError),
    /// The redirect URI the portal sends is not registered.
    RedirectRefused(oauth::OAuthError),
}

fn read(reply: &Reply) -> Result<Live, Outcome> {
    let Some(err) = oauth::oauth_error(reply).filter(|_| (400..500).contains(&reply.status)) else {
        if matches!(reply.status, 401 | 403 | 407) {
            return Err(reply.not_the_provider("Microsoft (login.live.com)"));
        }
        return Err(reply.unexpected());
    };
    // {"error":"invalid_client","error_description":"The provided value for the
    // 'client_secret' parameter is not valid."} (lovattj/php-skydrive#12)
    if err.is("invalid_client") && err.mentions("client_secret") {
        return Ok(Live::WrongSecret(err));
    }
    // "The client does not exist. ..." (requests/requests-oauthlib#225) and "The client does
    // not exist or is not enabled for consumers. ..." (sspeiser/onenote-export#8)
    if (err.is("invalid_client") || err.is("unauthorized_client")) && err.mentions("does not exist")
    {
        return Ok(Live::NotForConsumers(err));
    }
    if err.mentions("redirect_uri") {
        return Ok(Live::RedirectRefused(err));
    }
    if err.is("invalid_grant") {
        return Ok(Live::CodeRefused(err));
    }
    Err(reply.unexpected())
}

pub async fn check(ctx: &Ctx<'_>) -> Verdict {
    let reply = exchange(ctx).await?;
    Ok(match read(&reply)? {
        // `run` settles this `ok` with the altered-secret control the shared probe sent
        // alongside (issue 9.6): a warning when the secret made no difference.
        Live::CodeRefused(err) => oauth::accepted(&err, "login.live.com")
            .fact("probe", "dummy authorization code at login.live.com/oauth20_token.srf")
            .fact("proven", PROVEN)
            .fact("not_proven", NOT_PROVEN),
        Live::WrongSecret(err) => oauth::refused(&reply, &err, "login.live.com refused the client secret")
            .advice("Copy the secret's Value (not its Secret ID) from the app's Certificates & secrets page in the Microsoft Entra admin center; if it was lost or expired, create a new client secret."),
        Live::NotForConsumers(err) => entra::unknown_for_consumers(ctx, &err.describe()).await,
        Live::RedirectRefused(err) => Outcome::misconfigured(format!(
            "login.live.com refused the portal's redirect URI {} for this app ({})",
            ctx.redirect_uri,
            err.describe()
        ))
        .reason(Reason::Setup)
        .fact("provider_answer", err.describe())
        .advice(format!(
            "In the app's Authentication page, add {} as a redirect URI of the Web platform.",
            ctx.redirect_uri
        )),
    })
}
