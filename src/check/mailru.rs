//! Mail.ru: the portal's own token request, `POST connect.mail.ru/oauth/token` with the client
//! in the form (portal-parity.md, mailru; WS `MailRuLoginProvider.cs`), with a dummy
//! authorization code. The portal's platform is Mail.ru Connect, whose site ids are numbers;
//! an OAuth Mail (oauth.mail.ru) client id is another platform's and never works there.

use super::probes::oauth::{self, TokenRequest};
use super::status::Reason;
use super::{Ctx, Outcome, Verdict};

/// Mail.ru's numeric `error_code` for a code it does not know ("token not found").
const CODE_NOT_FOUND: i64 = 6;

const LEGACY: &str = "Mail.ru Connect site apps are legacy: sign-in for sites now goes through OAuth Mail / VK ID, so an old app may stop working without notice";

const NOT_PROVEN: &str = "the users.getInfo call signed with the secret key (www.appsmail.ru/platform/api) needs a user's session";

pub async fn check(ctx: &Ctx<'_>) -> Verdict {
    let id = ctx.get("client_id");
    if !id.chars().all(|c| c.is_ascii_digit()) {
        return Ok(Outcome::misconfigured(
            "this ID is not a Mail.ru Connect site id (a number): it looks like an OAuth Mail (oauth.mail.ru) client id, which connect.mail.ru, where the portal signs in, does not know; no request sent",
        )
        .reason(Reason::Setup)
        .fact("platform", "connect.mail.ru (Mail.ru Connect)")
        .advice("The portal uses the Mail.ru Connect platform: take the numeric ID and the Secret key of a site registered at https://api.mail.ru/sites/my/. A new OAuth Mail / VK ID app cannot be used by the portal."));
    }
    // WS module/ASC.Thrdparty/ASC.FederatedLogin/LoginProviders/MailRuLoginProvider.cs
    let request = TokenRequest::code_exchange(
        ctx,
        "https://connect.mail.ru",
        "/oauth/token",
        id,
        ctx.get("client_secret"),
    );
    let (reply, err) = oauth::dummy_code_refusal(ctx, &request).await?;
    let facts = |o: Outcome| {
        o.fact("note", LEGACY)
            .fact("error_code", err.code_number())
            .fact("platform", "connect.mail.ru (Mail.ru Connect)")
            .fact("not_proven", NOT_PROVEN)
    };
    // {"error":"token not found","error_code":6,...} (observed on Mail.ru's OAuth servers,
    // playa-ru/keycloak-russian-providers#12) or RFC 6749's invalid_grant: the client passed.
    if err.code_number() == Some(CODE_NOT_FOUND) || err.is("invalid_grant") {
        return Ok(facts(oauth::accepted(&err, "Mail.ru")));
    }
    // UNCONFIRMED wording: only an answer that names the client (and not the redirect URI)
    // counts as a refusal.
    if err.is("invalid_client") || (err.mentions("client") && !err.mentions("redirect")) {
        return Ok(facts(oauth::refused(&reply, &err, "Mail.ru refused the ID or Secret key"))
            .advice("Copy the site's ID and its Secret key (not the Private key) again from https://api.mail.ru/sites/my/; if the site app no longer opens there, it cannot be used by the portal any more."));
    }
    Err(facts(reply.unexpected()))
}
