//! WordPress.com: the dummy authorization code at the token endpoint Workspace (up to v12.1)
//! and the editor plugin use, `POST public-api.wordpress.com/oauth2/token` with the client in
//! the form (portal-parity.md, wordpress; verification.md §25).

use super::probes::oauth::{self, TokenRequest};
use super::{Ctx, Verdict};

const APPS: &str =
    "the OAuth Information section of your app at https://developer.wordpress.com/apps/";

const PORTAL_SUPPORT: &str = "WordPress left Workspace's settings in v12.5 and DocSpace never had it: only Workspace before v12.5 uses these keys";

pub async fn check(ctx: &Ctx<'_>) -> Verdict {
    // https://developer.wordpress.com/docs/oauth2/
    let request = TokenRequest::code_exchange(
        ctx,
        "https://public-api.wordpress.com",
        "/oauth2/token",
        ctx.get("client_id"),
        ctx.get("client_secret"),
    );
    let (reply, err) = oauth::dummy_code_refusal(ctx, &request).await?;
    // The texts about the code are UNCONFIRMED: an invalid_request counts only when it is
    // about the code we sent, not a missing parameter.
    let about_code = err.mentions("code") && !err.mentions("missing");
    if err.is("invalid_grant") || (err.is("invalid_request") && about_code) {
        return Ok(oauth::accepted(&err, "WordPress.com")
            .fact("portal_support", PORTAL_SUPPORT)
            .fact("not_proven", "the redirect URI registration and the posting rights of a connected blog need a user's sign-in"));
    }
    if err.is("invalid_client") {
        let description = err.error_description.as_deref().unwrap_or("").trim();
        if description.eq_ignore_ascii_case("Unknown client_id.") {
            return Ok(
                oauth::refused(&reply, &err, "WordPress.com does not know this client_id")
                    .advice(format!("Copy the Client ID (a number) again from {APPS}.")),
            );
        }
        return Ok(oauth::refused(
            &reply,
            &err,
            "WordPress.com knows this client_id but refused the client_secret",
        )
        .advice(format!(
            "Copy the Client Secret (64 letters and digits) again from {APPS}."
        )));
    }
    Err(reply.unexpected())
}
