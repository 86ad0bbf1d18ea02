//! Telegram: the portal's save validation, `getMe` with the bot token (DS `TelegramHelper.cs`
//! `TestApi`), with the username cross-check; and, at the same time, `getWebhookInfo` (free):
//! after saving, the portal long-polls `getUpdates`, which Telegram refuses while a webhook is set.

use serde::Deserialize;

use super::http::Reply;
use super::{Ctx, Outcome, Reason, Verdict};

/// The Bot API's envelope around `getMe`'s result.
#[derive(Deserialize)]
struct GetMe {
    ok: bool,
    #[serde(default)]
    result: Option<Me>,
    #[serde(default)]
    description: Option<String>,
}

#[derive(Deserialize)]
struct Me {
    id: i64,
    #[serde(default)]
    is_bot: bool,
    #[serde(default)]
    first_name: String,
    #[serde(default)]
    username: Option<String>,
    #[serde(default)]
    can_join_groups: Option<bool>,
    #[serde(default)]
    can_read_all_group_messages: Option<bool>,
}

#[derive(Deserialize)]
struct WebhookInfo {
    ok: bool,
    #[serde(default)]
    result: Option<Webhook>,
}

#[derive(Deserialize)]
struct Webhook {
    #[serde(default)]
    url: String,
    #[serde(default)]
    pending_update_count: Option<i64>,
}

/// The Bot API's own error envelope: `{"ok":false,"error_code":401,"description":"Unauthorized"}`.
fn telegram_error(reply: &Reply) -> Option<i64> {
    let body: serde_json::Value = serde_json::from_slice(&reply.body).ok()?;
    (body.get("ok")? == false).then(|| body.get("error_code")?.as_i64())?
}

pub async fn check(ctx: &Ctx<'_>) -> Verdict {
    let token = ctx.get("bot_token");
    let wanted = ctx.get("bot_name").trim_start_matches('@');
    // https://core.telegram.org/bots/api#getme
    let url = ctx.url("https://api.telegram.org", &format!("/bot{token}/getMe"))?;
    // https://core.telegram.org/bots/api#getwebhookinfo (needs nothing from getMe: sent alongside)
    let hook_url = ctx.url(
        "https://api.telegram.org",
        &format!("/bot{token}/getWebhookInfo"),
    )?;
    let (reply, hook) = futures::join!(
        ctx.send(ctx.client.get(url)),
        ctx.send(ctx.client.get(hook_url))
    );
    let reply = reply?;
    let marked = telegram_error(&reply) == Some(i64::from(reply.status));
    match reply.status {
        200 => {}
        // A 401/404 without the Bot API's own envelope is not Telegram's answer (issue 9.5).
        401 | 403 | 404 | 407 if !marked => return Err(reply.not_the_provider("Telegram")),
        // "The only way to get 401 is a wrong bot token" (tdlib/telegram-bot-api#80).
        401 => {
            return Ok(Outcome::rejected("Telegram refused the bot token (401 Unauthorized): it is wrong or was revoked; the portal will answer \"Bad keys\"")
                .advice("Copy the token again from BotFather (/mybots > your bot > API Token); after /revoke only the new token works."));
        }
        // A malformed token path: a missing part, an extra `bot` prefix, whitespace.
        404 => {
            return Ok(Outcome::rejected("Telegram does not recognise this as a bot token (404 Not Found)")
                .advice("Paste the token exactly as BotFather shows it, digits:secret, without a leading `bot`."));
        }
        _ => return Err(reply.unexpected()),
    }
    let get_me: GetMe = reply.json()?;
    let me = match (get_me.ok, get_me.result) {
        (true, Some(me)) => me,
        _ => {
            let mut outcome = reply.unexpected();
            if let Some(d) = get_me.description {
                outcome.message = format!("{} ({d})", outcome.message);
            }
            return Ok(outcome);
        }
    };
    let username = me.username.clone().unwrap_or_default();
    let facts = |o: Outcome| {
        o.fact("bot_username", format!("@{username}"))
            .fact("bot_display_name", me.first_name.clone())
            .fact("is_bot", me.is_bot)
            .fact("can_join_groups", me.can_join_groups)
            .fact(
                "privacy_mode",
                me.can_read_all_group_messages.map(|all| !all),
            )
    };
    let token_id = token.split(':').next().unwrap_or("");
    if token_id != me.id.to_string() {
        return Ok(facts(Outcome::unreachable(
            "Telegram answered for a different bot than the token names; no verdict",
        ))
        .advice("Check that `endpoint`, if set, points at the Telegram Bot API."));
    }
    if !username.eq_ignore_ascii_case(wanted) {
        return Ok(facts(Outcome::misconfigured(format!(
            "the token belongs to @{username}, but bot_name is @{wanted}"
        )))
        .advice(format!(
            "Set bot_name to {username} (integrate add telegram --set bot_name={username}), or use the token of @{wanted}."
        )));
    }
    let hook = hook
        .ok()
        .filter(|h| h.status == 200)
        .and_then(|h| h.json::<WebhookInfo>().ok());
    let Some(Webhook {
        url,
        pending_update_count,
    }) = hook.filter(|h| h.ok).and_then(|h| h.result)
    else {
        return Ok(facts(Outcome::warning(format!(
            "Telegram accepted the token of @{username}, but whether a webhook is set could not be read"
        )))
        .fact("webhook", "not verified")
        .advice("A webhook set on the bot stops the portal from receiving messages: if in doubt, remove it (BotFather cannot; call deleteWebhook once), then check again."));
    };
    if !url.is_empty() {
        return Ok(facts(Outcome::misconfigured(format!(
            "@{username} has a webhook set ({}); the portal saves the token, but its getUpdates polling is refused while a webhook is active, so the bot never reaches the portal",
            crate::redact::scrub(&url)
        )))
        .reason(Reason::PortalRule)
        .fact("webhook", "set")
        .fact("pending_update_count", pending_update_count)
        .advice("Use a bot that no other service drives, or remove the webhook: open https://api.telegram.org/bot<token>/deleteWebhook once (with the bot's token), then check again."));
    }
    Ok(facts(Outcome::ok(format!(
        "Telegram accepted the token of @{username}, and no webhook blocks the portal's polling"
    )))
    .fact("webhook", "none"))
}
