//! Yandex: the portal's code exchange at `oauth.yandex.ru/token` (form, with the portal's
//! redirect URI), sent with a dummy code (verification.md §27; parity 8.1). A refused code says
//! nothing about the client by itself (`bad_verification_code` also means a malformed code), so
//! the shared probe also sends an altered secret and compares (issues 9.6, 9.7); the dummy code
//! has the shape the provider file records.

use super::probes::oauth::{self, Grant, TokenRequest};
use super::{Ctx, Outcome, Verdict};

/// Used when the provider file records no code shape.
const DUMMY_CODE: &str = "1234567";

const CONSOLE: &str = "https://oauth.yandex.ru/";

pub async fn check(ctx: &Ctx<'_>) -> Verdict {
    // https://yandex.com/dev/id/doc/en/codes/code-url#token; the portal's host is .ru
    // (YandexLoginProvider.cs in DocSpace-server and CommunityServer).
    let request = TokenRequest {
        grant: Grant::DummyCode(DUMMY_CODE),
        ..TokenRequest::code_exchange(
            ctx,
            "https://oauth.yandex.ru",
            "/token",
            ctx.get("client_id"),
            ctx.get("client_secret"),
        )
    };
    let (reply, err) = oauth::dummy_code_refusal(ctx, &request).await?;
    // `bad_verification_code` (documented) and `invalid_grant` "code has expired"
    // (nextauthjs/next-auth#11611): the code was refused.
    if err.is("bad_verification_code") || err.is("invalid_grant") {
        return Ok(oauth::accepted(&err, "Yandex"));
    }
    if err.is("invalid_client") {
        // The descriptions are UNCONFIRMED: name a field only when the answer does.
        let what = if err.mentions("secret") {
            "Yandex knows this ID but refused the Password (client_secret)"
        } else if err.mentions("not found") || err.mentions("unknown") {
            "Yandex does not know this ID (client_id)"
        } else {
            "Yandex refused the ID or Password"
        };
        return Ok(oauth::refused(&reply, &err, what).advice(format!(
            "Copy the app's ClientID and Client secret (the Password) again from {CONSOLE}: 32 hex characters each, not a Yandex Cloud key."
        )));
    }
    // Documented for apps that are blocked, rejected in moderation or still in moderation.
    if err.is("unauthorized_client") {
        return Ok(Outcome::misconfigured(
            "Yandex knows the app but will not issue tokens to it: it is blocked, was rejected in moderation, or moderation is pending",
        )
        .fact("provider_answer", err.describe())
        .advice(format!(
            "Open the app at {CONSOLE} and check its status; fix what moderation asks for, or wait for moderation to finish, then check again."
        )));
    }
    Err(reply.unexpected())
}
