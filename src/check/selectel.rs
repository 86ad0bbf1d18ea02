//! Selectel: legacy storage auth (api.selcdn.ru/auth/v1.0) with the storage user and password.

use super::{Ctx, Outcome, Verdict};

const RENEWAL: &str = "Note that authenticating more than 12 h after the last time makes Selectel issue a new token and invalidate the previous one, so this check may renew the token a running portal holds.";

/// The account number in a storage URL such as `https://api.selcdn.ru/v1/SEL_103784/`.
fn storage_account(url: &str) -> Option<&str> {
    let rest = &url[url.find("SEL_")? + 4..];
    let end = rest.find(|c: char| !c.is_ascii_digit()).unwrap_or(rest.len());
    Some(&rest[..end]).filter(|n| !n.is_empty())
}

pub async fn check(ctx: &Ctx<'_>) -> Verdict {
    let user = ctx.get("auth_user");
    // https://docs.selectel.ru/en/api/selectel-storage-old/ (GET /auth/v1.0, X-Auth-User/X-Auth-Key)
    let url = ctx.url("https://api.selcdn.ru", "/auth/v1.0")?;
    let request = ctx
        .client
        .get(url)
        .header("X-Auth-User", user)
        .header("X-Auth-Key", ctx.get("password"));
    let reply = ctx.send(request).await?;
    match reply.status {
        200 | 204 => {}
        401 | 403 => {
            return Ok(Outcome::rejected(format!(
                "Selectel refused the storage user {user} and its password (HTTP {})",
                reply.status
            ))
            .advice(format!(
                "Check the user and password under Cloud storage > Users on my.selectel.ru: auth_user is the account number \
                 for the main user or account_name for an additional one, and the password is the storage user's, not the \
                 control panel's. If the user was removed in the 2023 storage update, create a service user and S3 keys instead. {RENEWAL}"
            )));
        }
        _ => return Err(reply.unexpected()),
    }
    let token = reply.header("x-auth-token").or(reply.header("x-storage-token"));
    let Some(storage_url) = reply.header("x-storage-url").filter(|_| token.is_some()) else {
        return Err(reply.unexpected());
    };
    let host = url::Url::parse(storage_url)
        .ok()
        .and_then(|u| u.host_str().map(str::to_string));
    let lifetime = reply
        .header("x-expire-auth-token")
        .and_then(|v| v.trim().parse::<u64>().ok());
    let account = user.split('_').next().unwrap_or(user);
    let in_url = storage_account(storage_url);
    let facts = |o: Outcome| {
        o.fact("storage_host", host.clone())
            .fact("storage_account", in_url.map(str::to_string))
            .fact("token_lifetime_s", lifetime)
            .fact("token_lifetime", lifetime.map(|s| format!("{}h{:02}m", s / 3600, s % 3600 / 60)))
    };
    if let Some(number) = in_url
        && number != account
    {
        return Ok(facts(Outcome::misconfigured(format!(
            "Selectel accepted {user}, but its storage belongs to account {number}, not {account}"
        )))
        .advice(format!(
            "auth_user must start with the account number of the storage you mean (Cloud storage > Users of account {account}); \
             use that account's user, or correct auth_user. {RENEWAL}"
        )));
    }
    Ok(facts(Outcome::warning(format!(
        "Selectel accepted {user}; valid, but uses legacy Selectel storage auth (api.selcdn.ru) that is being phased out; migrate to service users / S3 keys"
    )))
    .advice(format!(
        "Plan the move: create a service user with object-storage access (or S3 keys) in the Selectel control panel, \
         as described in docs.selectel.ru 'Customize object storage after upgrade'. The legacy user keeps working until \
         Selectel switches it off with advance notice. {RENEWAL}"
    )))
}
