//! Selectel: legacy storage auth with the storage user and password, on the portal's host
//! (`GET https://auth.selcdn.ru`, SelectelSharp's AuthRequest), then the portal's
//! `public_container` in the storage it returns: the portal refuses Selectel storage without it.

use super::http::Reply;
use super::{Ctx, Outcome, Reason, Verdict};

const RENEWAL: &str = "Note that authenticating more than 12 h after the last time makes Selectel issue a new token and invalidate the previous one, so this check may renew the token a running portal holds.";

/// The account number in a storage URL such as `https://api.selcdn.ru/v1/SEL_103784/`.
fn storage_account(url: &str) -> Option<&str> {
    let rest = &url[url.find("SEL_")? + 4..];
    let end = rest
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(rest.len());
    Some(&rest[..end]).filter(|n| !n.is_empty())
}

pub async fn check(ctx: &Ctx<'_>) -> Verdict {
    let user = ctx.get("auth_user");
    // https://docs.selectel.ru/en/api/selectel-storage-old/ (X-Auth-User/X-Auth-Key), on the
    // host the portal's SelectelSharp client uses (AuthRequest.cs: https://auth.selcdn.ru/).
    let url = ctx.url("https://auth.selcdn.ru", "/")?;
    let request = ctx
        .client
        .get(url)
        .header("X-Auth-User", user)
        .header("X-Auth-Key", ctx.get("password"));
    let reply = ctx.send(request).await?;
    match reply.status {
        200 | 204 => {}
        401 | 403 if from_selectel(&reply) => {
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
        // A bare refusal without the storage's transaction id is not Selectel's own answer.
        401 | 403 | 407 => return Err(reply.not_the_provider("Selectel")),
        _ => return Err(reply.unexpected()),
    }
    let token = reply
        .header("x-auth-token")
        .or(reply.header("x-storage-token"));
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
            .fact(
                "token_lifetime",
                lifetime.map(|s| format!("{}h{:02}m", s / 3600, s % 3600 / 60)),
            )
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
    let legacy = format!(
        "Selectel accepted {user}; valid, but uses legacy Selectel storage auth (selcdn.ru) that is being phased out; migrate to service users / S3 keys"
    );
    let plan = format!(
        "Plan the move: create a service user with object-storage access (or S3 keys) in the Selectel control panel, \
         as described in docs.selectel.ru 'Customize object storage after upgrade'. The legacy user keeps working until \
         Selectel switches it off with advance notice. {RENEWAL}"
    );
    let Some(container) = ctx.opt("public_container") else {
        return Ok(facts(Outcome::warning(format!("{legacy}; public_container is not set, and the portal refuses to use Selectel storage without it")))
            .advice(format!("Set public_container to the public container the portal serves files from (integrate add selectel --set public_container=NAME), so that integrate checks it too. {plan}")));
    };
    // Swift `HEAD <storage url>/<container>` with the token just issued.
    let url = ctx.rebase(&format!(
        "{}/{}",
        storage_url.trim_end_matches('/'),
        encode(container)
    ))?;
    let token = token.unwrap_or_default().to_string();
    let head = ctx
        .send(ctx.client.head(url).header("X-Auth-Token", token))
        .await?;
    let facts = |o: Outcome| facts(o).fact("public_container", container);
    match head.status {
        200 | 204 => Ok(facts(Outcome::warning(format!("{legacy}; the public container `{container}` exists")))
            .fact("container_type", head.header("x-container-meta-type").map(str::to_string))
            .advice(plan)),
        404 if from_selectel(&head) => Ok(facts(Outcome::misconfigured(format!(
            "Selectel accepted {user}, but the public container `{container}` does not exist in its storage, and the portal needs it"
        )))
        .reason(Reason::Setup)
        .advice(format!("Create the container {container} (type public) under Cloud storage on my.selectel.ru, or set public_container to an existing public container. {RENEWAL}"))),
        401 | 403 if from_selectel(&head) => Ok(facts(Outcome::misconfigured(format!(
            "Selectel accepted {user}, but this user may not access the public container `{container}` (HTTP {})",
            head.status
        )))
        .reason(Reason::Permission)
        .advice(format!("Give the storage user access to {container} under Cloud storage > Users on my.selectel.ru, or use the account's main user. {RENEWAL}"))),
        401 | 403 | 407 => Err(head.not_the_provider("Selectel")),
        _ => Err(head.unexpected()),
    }
}

/// Selectel's storage is OpenStack Swift, whose proxy stamps every answer, refusals included,
/// with a transaction id (`X-Trans-Id`, also as `X-Openstack-Request-Id`); a web filter or
/// captive portal answering in its place does not.
fn from_selectel(reply: &Reply) -> bool {
    reply.header("x-trans-id").is_some() || reply.header("x-openstack-request-id").is_some()
}

/// A container name as one URL path segment.
fn encode(name: &str) -> String {
    url::form_urlencoded::byte_serialize(name.as_bytes())
        .collect::<String>()
        .replace('+', "%20")
}
