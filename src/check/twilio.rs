//! Twilio: fetch the Account with the SID and auth token, check the API key, then the phone number.

use serde::Deserialize;
use serde_json::{Map, Value};

use super::http::Reply;
use super::{Ctx, Outcome, Verdict};

const ORIGIN: &str = "https://api.twilio.com";

#[derive(Deserialize)]
struct Account {
    #[serde(default)]
    friendly_name: String,
    #[serde(default)]
    status: String,
    #[serde(default, rename = "type")]
    kind: String,
}

#[derive(Deserialize)]
struct Numbers {
    incoming_phone_numbers: Vec<Number>,
}

#[derive(Deserialize)]
struct Number {
    phone_number: String,
    #[serde(default)]
    capabilities: Map<String, Value>,
}

const BAD_PAIR: &str = "Copy both again from Project Info on the Twilio Console dashboard. Common causes: the SID and token belong to different accounts, a subaccount's token used with the main account's SID (or the reverse), the test credentials instead of the live ones, a rotated token, or stray spaces.";
const BAD_KEY: &str = "Check Account > API keys & tokens: the key must exist in this account (not a subaccount), and its secret is shown only once, at creation. If it is lost, create a new Standard key and enter its SID and secret.";
const TRIAL: &str = "trial account: it can only send SMS to verified numbers; upgrade it before users rely on SMS codes";

/// Twilio's error body: `{"code":20003,"message":"Authenticate",...,"status":401}`.
fn code(reply: &Reply) -> Option<i64> {
    reply.json::<Value>().ok()?.get("code")?.as_i64()
}

fn with(mut outcome: Outcome, facts: &Map<String, Value>) -> Outcome {
    for (key, value) in facts {
        outcome = outcome.fact(key, value.clone());
    }
    outcome
}

/// `GET <base><path>` with Basic auth, on `endpoint` when set.
async fn get(ctx: &Ctx<'_>, path: &str, user: &str, pass: &str) -> Result<Reply, Outcome> {
    let url = ctx.url(ORIGIN, &format!("/2010-04-01/Accounts/{}{path}", ctx.get("account_sid")))?;
    ctx.send(ctx.client.get(url).basic_auth(user, Some(pass))).await
}

pub async fn check(ctx: &Ctx<'_>) -> Verdict {
    let (sid, token, phone) = (ctx.get("account_sid"), ctx.get("auth_token"), ctx.get("phone_number"));
    // https://www.twilio.com/docs/iam/api/account#fetch-an-account-resource
    let reply = get(ctx, ".json", sid, token).await?;
    match (reply.status, code(&reply)) {
        (200, _) => {}
        (401, Some(20003)) => {
            return Ok(Outcome::rejected("Twilio refused the Account SID and auth token (401, error 20003)").advice(BAD_PAIR));
        }
        (403, Some(70051)) => {
            return Ok(Outcome::misconfigured("Twilio authenticated the credentials but refused access to the account (403, error 70051)")
                .advice("The account may be suspended or restricted: check Admin > Account management in the Twilio Console, or ask Twilio support."));
        }
        _ => return Err(reply.unexpected()),
    }
    let account: Account = reply.json()?;
    let name = account.friendly_name.clone();
    let mut facts = Map::new();
    facts.insert("account_name".into(), name.clone().into());
    facts.insert("account_status".into(), account.status.clone().into());
    facts.insert("account_type".into(), account.kind.clone().into());
    if account.kind.eq_ignore_ascii_case("trial") {
        facts.insert("note".into(), TRIAL.into());
    }
    if matches!(account.status.as_str(), "suspended" | "closed") {
        let outcome = Outcome::misconfigured(format!("the Twilio account \"{name}\" is {}", account.status));
        return Ok(with(outcome, &facts).advice("A suspended or closed account cannot send SMS: reactivate it in the Twilio Console (Admin > Account management), or use another account's SID and token."));
    }
    match (ctx.opt("api_key_sid"), ctx.opt("api_key_secret")) {
        (None, None) => {}
        // https://www.twilio.com/docs/iam/api-keys (an API key authenticates as SK...:secret)
        (Some(key), Some(secret)) => {
            let reply = get(ctx, ".json", key, secret).await.map_err(|o| with(o, &facts))?;
            match (reply.status, code(&reply)) {
                (200, _) => {
                    facts.insert("api_key".into(), "accepted".into());
                }
                (401, Some(20003)) => {
                    let outcome = Outcome::rejected("Twilio refused the API key (api_key_sid / api_key_secret; 401, error 20003); the SID and auth token are fine");
                    return Ok(with(outcome, &facts).advice(BAD_KEY));
                }
                (403, Some(70051)) => {
                    let outcome = Outcome::warning("Twilio accepted the API key, but it is restricted: it may not read the account (403, error 70051)");
                    return Ok(with(outcome, &facts).advice("Make sure the key may send messages (a Standard key, or a restricted key with Messaging permissions); otherwise two-factor SMS fails."));
                }
                _ => return Err(with(reply.unexpected(), &facts)),
            }
        }
        _ => {
            let outcome = Outcome::misconfigured("only one of api_key_sid and api_key_secret is set");
            return Ok(with(outcome, &facts).advice("The portal sends SMS with both (twilioKeySid and twilioKeySecret): set both, or neither."));
        }
    }
    let encoded: String = url::form_urlencoded::byte_serialize(phone.as_bytes()).collect();
    // https://www.twilio.com/docs/phone-numbers/api/incomingphonenumber-resource#read-multiple-incomingphonenumber-resources
    let reply = get(ctx, &format!("/IncomingPhoneNumbers.json?PhoneNumber={encoded}"), sid, token)
        .await
        .map_err(|o| with(o, &facts))?;
    if reply.status != 200 {
        return Err(with(reply.unexpected(), &facts));
    }
    let numbers: Numbers = reply.json().map_err(|o| with(o, &facts))?;
    let Some(number) = numbers.incoming_phone_numbers.iter().find(|n| n.phone_number == phone) else {
        let outcome = Outcome::misconfigured(format!("{phone} is not a number of this Twilio account"));
        return Ok(with(outcome, &facts).advice("Use a number listed under Phone Numbers > Manage > Active numbers of this account (a subaccount's number needs that subaccount's SID and token), in E.164 form."));
    };
    let capability = |name: &str| {
        let found = number.capabilities.iter().find(|(k, _)| k.eq_ignore_ascii_case(name));
        found.and_then(|(_, v)| v.as_bool())
    };
    facts.insert("number_sms".into(), capability("sms").into());
    facts.insert("number_voice".into(), capability("voice").into());

    // Balance: FetchBalance in https://github.com/twilio/twilio-oai (best effort; subaccounts have none)
    if let Ok(reply) = get(ctx, "/Balance.json", sid, token).await
        && reply.status == 200
        && let Ok(balance) = reply.json::<Value>()
        && let Some(amount) = balance.get("balance").and_then(Value::as_str)
    {
        let currency = balance.get("currency").and_then(Value::as_str).unwrap_or_default();
        facts.insert("balance".into(), format!("{amount} {currency}").trim().into());
    }

    if capability("sms") == Some(false) {
        let outcome = Outcome::misconfigured(format!("{phone} belongs to the account but cannot send SMS"));
        return Ok(with(outcome, &facts).advice("Two-factor codes need an SMS-capable number: buy one (Phone Numbers > Buy a number, SMS capability) and set phone_number to it."));
    }
    Ok(with(Outcome::ok(format!("Twilio accepted the credentials of \"{name}\" and {phone} is one of its numbers")), &facts))
}
