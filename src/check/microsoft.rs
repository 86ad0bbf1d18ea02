//! Microsoft (Entra ID app registration): an app-only token on the configured tenant, or the
//! dummy-code probe on `/common` when no tenant is named (verification.md §16).

use super::probes::entra::{self, TokenAnswer};
use super::{Ctx, Outcome, Verdict};

pub async fn check(ctx: &Ctx<'_>) -> Verdict {
    let tenant = ctx.opt("tenant").unwrap_or("common");
    let reply = entra::token_request(ctx, tenant).await?;
    let outcome = match entra::read(&reply, ctx.get("client_secret"))? {
        TokenAnswer::Token(claims) => {
            let name = claims
                .get("app_displayname")
                .and_then(|v| v.as_str())
                .unwrap_or("this app");
            let outcome = Outcome::ok(format!(
                "Microsoft Entra ID issued an app token for {name} in tenant {tenant}"
            ));
            entra::token_facts(outcome, &claims)
        }
        TokenAnswer::CodeRefused(error) => Outcome::ok(format!(
            "Microsoft accepted the client id and secret on /{tenant} (the probe's dummy authorization code was refused, as intended)"
        ))
        .fact("probe", "dummy authorization code")
        .fact("provider_answer", error)
        .fact("tenant", tenant),
        TokenAnswer::OrganisationsOnly(said) => Outcome::misconfigured(format!(
            "the app only accepts work accounts of one or more organisations, but /{tenant} serves personal Microsoft accounts too ({said})"
        ))
        .fact("provider_answer", said)
        .advice("For sign-in with any Microsoft account, open the app's Authentication page in Azure and set Supported account types to 'Accounts in any organizational directory and personal Microsoft accounts'. To check a single-organisation app, set tenant to its Directory (tenant) ID."),
    };
    Ok(outcome)
}
