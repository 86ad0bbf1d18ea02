//! smsc.ru: read the balance (the portal's own validation), then look for the sender name.

use serde_json::Value;

use super::{Ctx, Outcome, Verdict};

const ORIGIN: &str = "https://smsc.ru";
const NOTE_MD5: &str = "the password looks like an uppercase MD5 hash; smsc only accepts it in lowercase, so integrate sent it lowercased: store it lowercased in the portal too";
const ERROR_2: &str = "Either the login or the password is wrong, or this machine's IP address is not in the account's IP allow-list (smsc answers error 2 for both). Check the login and the password (or its lowercase MD5), and the allowed IP addresses in the smsc account settings.";
const BLOCKED: &str = "Too many failed or too frequent requests: wait a few minutes (error 4 lifts after a while; error 9 means over 10 balance requests a minute), then check again, once.";
const PARAMETER: &str = "The request was malformed: check that `endpoint`, if set, points at smsc, and report this with `integrate report`.";
const NO_SENDER: &str = "Register the sender name on smsc.ru (Sender names page) and wait for its approval, or set sender to one of the registered names; otherwise messages go out without it or are refused.";

/// 32 hex characters with at least one uppercase letter: an MD5 hash smsc will not accept as is.
fn uppercase_md5(psw: &str) -> bool {
    psw.len() == 32
        && psw.chars().all(|c| c.is_ascii_digit() || ('A'..='F').contains(&c))
        && psw.chars().any(|c| c.is_ascii_uppercase())
}

fn enc(value: &str) -> String {
    url::form_urlencoded::byte_serialize(value.as_bytes()).collect()
}

/// The sender names of a `senders.php?get=1&fmt=3` answer, if it has a shape we know.
fn sender_names(body: &Value) -> Option<Vec<String>> {
    body.as_array()?
        .iter()
        .map(|item| match item {
            Value::String(s) => Some(s.clone()),
            Value::Object(o) => o.get("sender").and_then(Value::as_str).map(str::to_string),
            _ => None,
        })
        .collect()
}

pub async fn check(ctx: &Ctx<'_>) -> Verdict {
    let mut psw = ctx.get("password").to_string();
    let mut facts: Vec<(&str, Value)> = Vec::new();
    if uppercase_md5(&psw) {
        psw = psw.to_ascii_lowercase();
        crate::redact::register(&psw);
        facts.push(("note", NOTE_MD5.into()));
    }
    let with = |mut o: Outcome, facts: &[(&str, Value)]| {
        for (k, v) in facts {
            o = o.fact(k, v.clone());
        }
        o
    };
    let auth = format!("login={}&psw={}", enc(ctx.get("login")), enc(&psw));
    // https://smsc.ru/api/http/balance/ (fmt=3: JSON; cur=1: with the currency)
    let url = ctx.url(ORIGIN, &format!("/sys/balance.php?{auth}&fmt=3&cur=1"))?;
    let reply = ctx.send(ctx.client.get(url)).await?;
    // smsc documents the JSON, not the HTTP status: decide on the body.
    let body: Value = reply.json()?;
    if let Some(code) = body.get("error_code").and_then(Value::as_i64) {
        let error = body.get("error").and_then(Value::as_str).unwrap_or("");
        let outcome = match code {
            2 => Outcome::rejected(format!("smsc refused the login and password (error 2: {error})"))
                .advice(ERROR_2),
            4 | 9 => Outcome::unreachable(format!(
                "smsc is blocking this IP for now (error {code}: {error}); no verdict on the keys"
            ))
            .advice(BLOCKED),
            1 => Outcome::unreachable(format!(
                "smsc reported a parameter error (error 1: {error}); no verdict on the keys"
            ))
            .advice(PARAMETER),
            _ => reply.unexpected(),
        };
        return Ok(with(outcome.fact("error_code", code), &facts));
    }
    let balance = match body.get("balance") {
        Some(Value::String(s)) => s.trim().parse::<f64>().ok(),
        Some(Value::Number(n)) => n.as_f64(),
        _ => None,
    };
    let Some(balance) = balance else {
        return Err(reply.unexpected());
    };
    let currency = body.get("currency").and_then(Value::as_str).unwrap_or("").to_string();
    facts.push(("balance", balance.into()));
    facts.push(("currency", currency.clone().into()));
    let accepted = format!("smsc accepted the login; balance {balance} {currency}");
    if balance <= 0.0 {
        let outcome = Outcome::misconfigured(format!("smsc accepted the login, but the balance is {balance} {currency}"));
        return Ok(with(outcome, &facts).advice("The portal refuses smsc keys while the balance is zero ('Bad keys'), and no SMS can be sent: top up the account on smsc.ru, then save the keys again."));
    }
    let Some(sender) = ctx.opt("sender") else {
        return Ok(with(Outcome::ok(accepted), &facts));
    };
    // https://smsc.ru/api/http/senders/ (get=1: the registered and approved sender names)
    let url = ctx.url(ORIGIN, &format!("/sys/senders.php?get=1&{auth}&fmt=3"))?;
    let names = match ctx.send(ctx.client.get(url)).await {
        Ok(reply) => reply.json::<Value>().ok().as_ref().and_then(sender_names),
        Err(_) => None,
    };
    let Some(names) = names else {
        facts.push(("sender_note", "could not read the list of sender names; check the sender on smsc.ru".into()));
        return Ok(with(Outcome::ok(accepted), &facts));
    };
    if names.iter().any(|n| n.eq_ignore_ascii_case(sender)) {
        facts.push(("sender", format!("{sender} (registered)").into()));
        return Ok(with(Outcome::ok(format!("{accepted}; sender {sender} is registered")), &facts));
    }
    facts.push(("registered_senders", names.join(", ").into()));
    let outcome = Outcome::warning(format!("smsc accepted the login, but the sender {sender} is not registered/approved on the account"));
    Ok(with(outcome, &facts).advice(NO_SENDER))
}
