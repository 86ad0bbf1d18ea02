//! OneDrive (Entra ID app registration): the dummy-code probe on `/consumers` for personal
//! OneDrive, or an app-only token and its file permissions on a named tenant (§17).

use serde_json::Value;

use super::probes::entra::{self, TokenAnswer};
use super::{Ctx, Outcome, Verdict};

pub async fn check(ctx: &Ctx<'_>) -> Verdict {
    let tenant = ctx.opt("tenant").unwrap_or("consumers");
    let reply = entra::token_request(ctx, tenant).await?;
    let outcome = match entra::read(&reply, ctx.get("client_secret"))? {
        TokenAnswer::Token(claims) => {
            let name = claims
                .get("app_displayname")
                .and_then(Value::as_str)
                .unwrap_or("this app");
            let roles: Vec<&str> = claims
                .get("roles")
                .and_then(Value::as_array)
                .map(|r| r.iter().filter_map(Value::as_str).collect())
                .unwrap_or_default();
            let outcome = entra::token_facts(
                Outcome::ok(format!(
                    "Microsoft Entra ID issued an app token for {name} in tenant {tenant}"
                )),
                &claims,
            );
            if roles.iter().any(|r| r.starts_with("Files.")) {
                return Ok(outcome);
            }
            outcome
                .warn_if_ok("the app holds no Files.* application permission, so app-only file access is not granted")
                .advice("In Azure portal > App registrations > your app > API permissions, add Microsoft Graph application permission Files.Read.All (or Files.ReadWrite.All) and click Grant admin consent.")
        }
        TokenAnswer::CodeRefused(error) => Outcome::ok(format!(
            "Microsoft accepted the client id and secret on /{tenant} (the probe's dummy authorization code was refused, as intended)"
        ))
        .fact("probe", "dummy authorization code")
        .fact("provider_answer", error)
        .fact("tenant", tenant),
        TokenAnswer::OrganisationsOnly(said) => Outcome::misconfigured(format!(
            "the app is not enabled for personal Microsoft accounts, so it cannot serve personal OneDrive ({said})"
        ))
        .fact("provider_answer", said)
        .advice("Open the app's Authentication page in Azure and set Supported account types to 'Accounts in any organizational directory and personal Microsoft accounts'. For OneDrive for Business only, set tenant to the Directory (tenant) ID instead."),
    };
    Ok(outcome)
}
