//! Yahoo: the dummy authorization code at Yahoo's token endpoint, with the client in the form
//! and the portal's redirect URI, as Workspace up to v11.5 posted it (portal-parity.md, yahoo:
//! the generic OAuth20TokenHelper form exchange; verification.md §26).

use super::probes::oauth::{self, TokenRequest};
use super::{Ctx, Verdict};

const GONE: &str = "but Yahoo left Workspace in v11.6 and DocSpace never had it: only a Workspace older than v11.6 can use these keys";

pub async fn check(ctx: &Ctx<'_>) -> Verdict {
    // https://developer.yahoo.com/oauth2/guide/flows_authcode/#step-4-exchange-authorization-code-for-access-token
    let request = TokenRequest::code_exchange(
        ctx,
        "https://api.login.yahoo.com",
        "/oauth2/get_token",
        ctx.get("client_id"),
        ctx.get("client_secret"),
    );
    let (reply, err) = oauth::dummy_code_refusal(ctx, &request).await?;
    // Yahoo's codes are upper-case words; RFC 6749's invalid_grant means the same thing.
    if err.is("INVALID_AUTHORIZATION_CODE") || err.is("invalid_grant") {
        return Ok(oauth::accepted(&err, "Yahoo")
            .fact("probe", "dummy authorization code, client in the form as the portal posts it")
            .warn_if_ok(GONE)
            .advice("Keep these keys only for a Workspace older than v11.6; current Workspace and DocSpace have no Yahoo setting, so on those remove the keys with `integrate remove yahoo`."));
    }
    if err.is("invalid_client") {
        return Ok(oauth::refused(&reply, &err, "Yahoo refused the client id or secret").advice(
            "Copy the Client ID (dj0y…) and the Client Secret again from your app at https://developer.yahoo.com/apps/, and check that the app is a Confidential Client: Yahoo refuses a public app the same way as an unknown Client ID.",
        ));
    }
    Err(reply.unexpected())
}
