//! Microsoft sign-in: the dummy-code exchange on `/consumers`, the only authority the portal
//! signs users in with (portal-parity.md, microsoft), with the shared probe's altered-secret
//! control (issue 9.6). The
//! optional `tenant` field is this tool's own extra: it only adds an app token's facts and
//! never turns an app that the portal cannot use green (verification.md §16).

use super::probes::entra::{self, PORTAL_TENANT, TokenAnswer};
use super::{Ctx, Outcome, Status, Verdict};

const PROVEN: &str = "login.microsoftonline.com/consumers, the authority the portal signs in with, knows the client id for the authorization-code exchange (the secret counts as proven when secret_control says an altered secret was refused)";
const NOT_PROVEN: &str = "the redirect URI registration and the openid, email, profile consent are only seen when a user signs in";

pub async fn check(ctx: &Ctx<'_>) -> Verdict {
    let reply = entra::token_request(ctx, PORTAL_TENANT).await?;
    let outcome = match entra::read(&reply, ctx.get("client_secret"))? {
        // An alias never gives an app token; a proxy answering for Entra might.
        TokenAnswer::Token(_) => return Err(reply.unexpected()),
        // `run` settles this `ok` with the altered-secret control the shared probe sent
        // alongside (issue 9.6): a warning when the secret made no difference.
        TokenAnswer::CodeRefused(error) => Outcome::ok(format!(
            "Microsoft accepted the client id and secret on /{PORTAL_TENANT}, where the portal signs users in (the probe's dummy authorization code was refused, as intended)"
        ))
        .fact("probe", "dummy authorization code")
        .fact("provider_answer", error)
        .fact("tenant", PORTAL_TENANT)
        .fact("proven", PROVEN)
        .fact("not_proven", NOT_PROVEN),
        TokenAnswer::NoPersonalAccounts(said) => Outcome::misconfigured(format!(
            "the app does not accept personal Microsoft accounts, and the portal signs in on /{PORTAL_TENANT} only ({said})"
        ))
        .fact("provider_answer", said)
        .advice(entra::ACCOUNT_TYPES_FIX),
        TokenAnswer::UnknownApp(said) => entra::unknown_for_consumers(ctx, &said).await,
    };
    if outcome.status != Status::Ok {
        return Ok(outcome);
    }
    Ok(match ctx.opt("tenant").filter(|t| !entra::is_alias(t)) {
        Some(tenant) => with_tenant_facts(ctx, outcome, tenant).await,
        None => outcome,
    })
}

/// The `tenant` extra: an app-only token on that tenant, for the app's name and roles. It only
/// adds facts, or a warning about the field itself; the portal never uses a tenant.
async fn with_tenant_facts(ctx: &Ctx<'_>, outcome: Outcome, tenant: &str) -> Outcome {
    let Ok(reply) = entra::token_request(ctx, tenant).await else {
        return outcome.fact("tenant_check", format!("no answer on /{tenant}"));
    };
    match entra::read(&reply, ctx.get("client_secret")) {
        Ok(TokenAnswer::Token(claims)) => entra::token_facts(outcome, &claims),
        Ok(_) => outcome.fact("tenant_check", format!("no app token on /{tenant}")),
        Err(answer) if answer.status == Status::Misconfigured => outcome
            .warn_if_ok(&format!(
                "the tenant field (used only by integrate's check, never by the portal) is wrong: {}",
                answer.message
            ))
            .advice(answer.advice.unwrap_or_default()),
        Err(answer) => outcome.fact("tenant_check", answer.message),
    }
}
