//! Telegram: `getMe` with the bot token, then the username cross-check.

use serde::Deserialize;

use super::{Ctx, Outcome, Verdict};

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

pub async fn check(ctx: &Ctx<'_>) -> Verdict {
    let token = ctx.get("bot_token");
    let wanted = ctx.get("bot_name").trim_start_matches('@');
    // https://core.telegram.org/bots/api#getme
    let url = ctx.url("https://api.telegram.org", &format!("/bot{token}/getMe"))?;
    let reply = ctx.send(ctx.client.get(url)).await?;
    match reply.status {
        200 => {}
        // "The only way to get 401 is a wrong bot token" (tdlib/telegram-bot-api#80).
        401 => {
            return Ok(Outcome::rejected("Telegram refused the bot token (401 Unauthorized): it is wrong or was revoked")
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
            .fact("privacy_mode", me.can_read_all_group_messages.map(|all| !all))
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
    Ok(facts(Outcome::ok(format!("Telegram accepted the token of @{username}"))))
}
