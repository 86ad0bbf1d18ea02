//! smsc.ru: the portal's own save validation reads the balance (WS `SmsProvider.cs`
//! `SmscProvider.ValidateKeys`: `GET https://smsc.ru/sys/balance.php?login=…&psw=…`, the values
//! inserted without URL-encoding, a 1 s timeout, valid when the answer is a number above zero).
//! The check reads the same balance (properly encoded, as JSON) and, at the same time, the sender
//! names; then it applies the portal's rules to what the portal would have sent.

use serde_json::Value;

use super::{Ctx, Outcome, Reason, Verdict};

const ORIGIN: &str = "https://smsc.ru";
const NOTE_MD5: &str = "the password looks like an uppercase MD5 hash; smsc only accepts it in lowercase, so integrate sent it lowercased";
const ERROR_2: &str = "Either the login or the password is wrong, or this machine's IP address is not in the account's IP allow-list (smsc answers error 2 for both). Check the login and the password (or its lowercase MD5), and the allowed IP addresses in the smsc account settings.";
/// Characters that change the meaning of the portal's unencoded balance URL (a new parameter,
/// a space, a fragment, an escape), so that smsc never sees the real value.
const URL_BREAKERS: &[char] = &['&', '+', '#', '%', '?', ' '];
/// How long the portal waits for the balance answer (`SmsProvider.cs`: timeout 1000 ms).
const PORTAL_WAIT: std::time::Duration = std::time::Duration::from_secs(1);
const BLOCKED: &str = "Too many failed or too frequent requests: wait a few minutes (error 4 lifts after a while; error 9 means over 10 balance requests a minute), then check again, once.";
const PARAMETER: &str = "The request was malformed: check that `endpoint`, if set, points at smsc, and report this with `integrate report`.";
const NO_SENDER: &str = "Register the sender name on smsc.ru (Sender names page) and wait for its approval, or set sender to one of the registered names; otherwise messages go out without it or are refused.";

/// 32 hex characters with at least one uppercase letter: an MD5 hash smsc will not accept as is.
fn uppercase_md5(psw: &str) -> bool {
    psw.len() == 32
        && psw
            .chars()
            .all(|c| c.is_ascii_digit() || ('A'..='F').contains(&c))
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
    // https://smsc.ru/api/http/senders/ (get=1: the registered and approved sender names); it
    // needs nothing from the balance, so both go out together (issue 16.1).
    let senders = async {
        let sender = ctx.opt("sender")?;
        let url = ctx
            .url(ORIGIN, &format!("/sys/senders.php?get=1&{auth}&fmt=3"))
            .ok()?;
        Some((sender, ctx.send(ctx.client.get(url)).await))
    };
    let timed_balance = async {
        let started = std::time::Instant::now();
        let reply = ctx.send(ctx.client.get(url)).await;
        (reply, started.elapsed())
    };
    let ((reply, took), senders) = futures::join!(timed_balance, senders);
    let reply = reply?;
    // smsc documents the JSON, not the HTTP status: decide on the body.
    let body: Value = reply.json()?;
    if let Some(code) = body.get("error_code").and_then(Value::as_i64) {
        let error = body.get("error").and_then(Value::as_str).unwrap_or("");
        let outcome = match code {
            2 => Outcome::rejected(format!("smsc refused the login and password, or this machine's IP address is not in the account's allow-list (error 2: {error}); the portal will answer \"Bad keys\""))
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
    let currency = body
        .get("currency")
        .and_then(Value::as_str)
        .unwrap_or("")
        .to_string();
    facts.push(("balance", balance.into()));
    facts.push(("currency", currency.clone().into()));
    let accepted = format!("smsc accepted the login; balance {balance} {currency}");
    if balance <= 0.0 {
        let outcome = Outcome::misconfigured(format!(
            "smsc accepted the login, but the balance is {balance} {currency}"
        ));
        return Ok(with(outcome.reason(Reason::PortalRule), &facts).advice("The portal refuses smsc keys while the balance is zero ('Bad keys'), and no SMS can be sent: top up the account on smsc.ru, then save the keys again."));
    }
    // The portal's rules, on the values it would store and send as they are.
    let breakers: Vec<String> = [
        ("login", ctx.get("login")),
        ("password", ctx.get("password")),
    ]
    .iter()
    .filter(|(_, v)| v.contains(URL_BREAKERS))
    .map(|(name, _)| name.to_string())
    .collect();
    if !breakers.is_empty() {
        let outcome = Outcome::misconfigured(format!(
            "smsc accepts these credentials, but the portal will answer \"Bad keys\": it puts the {} into its balance URL without encoding, and a {} there breaks the URL",
            breakers.join(" and "),
            "&, +, #, %, ? or space"
        ));
        return Ok(with(outcome.reason(Reason::PortalRule), &facts).advice("Change the smsc password (or login) to one without &, +, #, %, ? and spaces, or enter the password's lowercase MD5 hash instead (smsc accepts either), then save the keys in the portal again."));
    }
    if uppercase_md5(ctx.get("password")) {
        let outcome = Outcome::misconfigured(
            "smsc accepts the password's MD5 hash only in lowercase, and the portal sends it as stored: it will answer \"Bad keys\"",
        );
        return Ok(with(outcome.reason(Reason::PortalRule), &facts).advice(
            "Store the MD5 hash in lowercase (integrate checked it lowercased, and it is right).",
        ));
    }
    facts.push(("balance_answered_in_ms", (took.as_millis() as u64).into()));
    let slow = took > PORTAL_WAIT;
    let verdict = |o: Outcome, facts: &[(&str, Value)]| {
        let o = with(o, facts);
        if slow {
            o.warn_if_ok("but smsc took longer than the 1 second the portal waits, so the portal may answer \"Bad keys\" from this network")
                .advice("Save the keys in the portal when smsc answers faster, or check the network path from the portal's server to smsc.ru.")
        } else {
            o
        }
    };
    let Some((sender, senders)) = senders else {
        return Ok(verdict(Outcome::ok(accepted), &facts));
    };
    let names = senders
        .ok()
        .and_then(|reply| reply.json::<Value>().ok())
        .as_ref()
        .and_then(sender_names);
    let Some(names) = names else {
        facts.push((
            "sender_note",
            "could not read the list of sender names; check the sender on smsc.ru".into(),
        ));
        return Ok(verdict(Outcome::ok(accepted), &facts));
    };
    if names.iter().any(|n| n.eq_ignore_ascii_case(sender)) {
        facts.push(("sender", format!("{sender} (registered)").into()));
        return Ok(verdict(
            Outcome::ok(format!("{accepted}; sender {sender} is registered")),
            &facts,
        ));
    }
    facts.push(("registered_senders", names.join(", ").into()));
    let outcome = Outcome::warning(format!(
        "smsc accepted the login, but the sender {sender} is not registered/approved on the account"
    ));
    Ok(with(outcome, &facts).advice(NO_SENDER))
}
