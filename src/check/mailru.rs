//! Mail.ru: the dummy authorization code at OAuth Mail's token endpoint (verification.md §14).

use super::probes::oauth::{self, ClientAuth, Grant, TokenRequest};
use super::{Ctx, Outcome, Verdict};

/// Mail.ru's numeric `error_code` for a code it does not know ("token not found").
const CODE_NOT_FOUND: i64 = 6;

const LEGACY: &str = "Mail.ru Connect site apps are legacy: sign-in for sites now goes through OAuth Mail / VK ID, so an old app may stop working without notice";

pub async fn check(ctx: &Ctx<'_>) -> Verdict {
    // https://api.mail.ru/docs/guides/oauth/sites/ (token endpoint of OAuth Mail)
    let request = TokenRequest {
        origin: "https://oauth.mail.ru",
        path: "/token",
        client_id: ctx.get("client_id"),
        client_secret: ctx.get("client_secret"),
        auth: ClientAuth::Form,
        grant: Grant::DummyCode(oauth::DUMMY_CODE),
        redirect_uri: Some(&ctx.redirect_uri),
        extra: &[],
    };
    let (reply, err) = oauth::dummy_code_refusal(ctx, &request).await?;
    let facts = |o: Outcome| {
        o.fact("note", LEGACY)
            .fact("error_code", err.code_number())
    };
    // {"error":"token not found","error_code":6,...}: the client passed, the code did not.
    if err.code_number() == Some(CODE_NOT_FOUND) {
        return Ok(facts(oauth::accepted(&err, "Mail.ru")));
    }
    // UNCONFIRMED wording: only an answer that names the client (and not the redirect URI)
    // counts as a refusal.
    if err.is("invalid_client") || (err.mentions("client") && !err.mentions("redirect")) {
        return Ok(facts(oauth::refused(&reply, &err, "Mail.ru refused the ID or Secret key"))
            .advice("Copy the site's ID and its Secret key (not the Private key) again from https://api.mail.ru/sites/my/; if the site app no longer opens there, register the site again under OAuth Mail / VK ID."));
    }
    Err(facts(reply.unexpected()))
}
