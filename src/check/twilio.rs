//! Twilio: the portal's save validation (listing IncomingPhoneNumbers with the Account SID and
//! auth token), with the Account, its balance and the API key read at the same time.

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
    serde_json::from_slice::<Value>(&reply.body)
        .ok()?
        .get("code")?
        .as_i64()
}

fn with(mut outcome: Outcome, facts: &Map<String, Value>) -> Outcome {
    for (key, value) in facts {
        outcome = outcome.fact(key, value.clone());
    }
    outcome
}

/// `GET <base><path>` with Basic auth, on `endpoint` when set.
async fn get(ctx: &Ctx<'_>, path: &str, user: &str, pass: &str) -> Result<Reply, Outcome> {
    let url = ctx.url(
        ORIGIN,
        &format!("/2010-04-01/Accounts/{}{path}", ctx.get("account_sid")),
    )?;
    ctx.send(ctx.client.get(url).basic_auth(user, Some(pass)))
        .await
}

const TEST_CREDENTIALS: &str = "these are Test Credentials: they cannot read the account or send real SMS; use the live Account SID and Auth Token";

/// The verdict on the Account SID and auth token from the answer of one of their requests, when
/// it refuses them; `None` when the answer is a 200.
fn refusal(reply: &Reply, portal: bool) -> Option<Result<Outcome, Outcome>> {
    let bad_keys = if portal {
        "; the portal will answer \"Bad keys\""
    } else {
        ""
    };
    Some(match (reply.status, code(reply)) {
        (200, _) => return None,
        (401, Some(20003)) => Ok(Outcome::rejected(format!("Twilio refused the Account SID and auth token (401, error 20003){bad_keys}")).advice(BAD_PAIR)),
        // https://www.twilio.com/docs/errors/20008
        (403, Some(20008)) => Ok(Outcome::misconfigured(format!("Twilio answered error 20008: {TEST_CREDENTIALS}{bad_keys}"))
            .advice("Copy the live Account SID and Auth Token from Account Info on the Twilio Console's home page (not the Test Credentials under Keys & credentials > API keys & tokens).")),
        // https://www.twilio.com/docs/errors/20005
        (_, Some(20005)) => Ok(Outcome::misconfigured(format!("the Twilio account is not active: it is suspended or closed (error 20005){bad_keys}"))
            .advice("A suspended or closed account cannot send SMS: reactivate it in the Twilio Console (Admin > Account management), or use another account's SID and token.")),
        (403, Some(70051)) => Ok(Outcome::misconfigured("Twilio authenticated the credentials but refused access to the account (403, error 70051)")
            .advice("The account may be suspended or restricted: check Admin > Account management in the Twilio Console, or ask Twilio support.")),
        // A refusal without Twilio's JSON error (`code`, `more_info`) is not Twilio's (issue 9.5).
        (401 | 403 | 407, None) => Err(reply.not_the_provider("Twilio")),
        _ => Err(reply.unexpected()),
    })
}

pub async fn check(ctx: &Ctx<'_>) -> Verdict {
    let (sid, token, phone) = (
        ctx.get("account_sid"),
        ctx.get("auth_token"),
        ctx.get("phone_number"),
    );
    let api_key = match (ctx.opt("api_key_sid"), ctx.opt("api_key_secret")) {
        (None, None) => None,
        (Some(key), Some(secret)) => Some((key, secret)),
        _ => {
            return Ok(Outcome::misconfigured("only one of api_key_sid and api_key_secret is set")
                .advice("The portal sends SMS with both (twilioKeySid and twilioKeySecret): set both, or neither."));
        }
    };
    let encoded: String = url::form_urlencoded::byte_serialize(phone.as_bytes()).collect();
    // None of these needs another's answer, so they go out together (issue 16.1):
    // - the portal's save validation, listing IncomingPhoneNumbers with the SID and token
    //   (DS/WS `SmsProvider.cs` `TwilioProvider.ValidateKeys`), filtered to the sender number;
    //   https://www.twilio.com/docs/phone-numbers/api/incomingphonenumber-resource#read-multiple-incomingphonenumber-resources
    // - the Account (status, type): https://www.twilio.com/docs/iam/api/account#fetch-an-account-resource
    // - the Balance (FetchBalance in https://github.com/twilio/twilio-oai; subaccounts have none)
    // - the API key the portal sends SMS with (an API key authenticates as SK...:secret)
    let numbers_path = format!("/IncomingPhoneNumbers.json?PhoneNumber={encoded}");
    let key_check = async {
        match api_key {
            Some((key, secret)) => Some(get(ctx, ".json", key, secret).await),
            None => None,
        }
    };
    let (numbers, account, balance, key) = futures::join!(
        get(ctx, &numbers_path, sid, token),
        get(ctx, ".json", sid, token),
        get(ctx, "/Balance.json", sid, token),
        key_check
    );
    let numbers = numbers?;
    if let Some(verdict) = refusal(&numbers, true) {
        return verdict;
    }
    let account = account?;
    if let Some(verdict) = refusal(&account, false) {
        return verdict;
    }
    let account: Account = account.json()?;
    let name = account.friendly_name.clone();
    let mut facts = Map::new();
    facts.insert(
        "portal_validation".into(),
        "passes (IncomingPhoneNumbers listed with the SID and token)".into(),
    );
    facts.insert("account_name".into(), name.clone().into());
    facts.insert("account_status".into(), account.status.clone().into());
    facts.insert("account_type".into(), account.kind.clone().into());
    if account.kind.eq_ignore_ascii_case("trial") {
        facts.insert("note".into(), TRIAL.into());
    }
    if matches!(account.status.as_str(), "suspended" | "closed") {
        let outcome = Outcome::misconfigured(format!(
            "the Twilio account \"{name}\" is {}",
            account.status
        ));
        return Ok(with(outcome, &facts).advice("A suspended or closed account cannot send SMS: reactivate it in the Twilio Console (Admin > Account management), or use another account's SID and token."));
    }
    if let Some(reply) = key {
        let reply = reply.map_err(|o| with(o, &facts))?;
        match (reply.status, code(&reply)) {
            (200, _) => {
                facts.insert("api_key".into(), "accepted".into());
            }
            (401, Some(20003)) => {
                let outcome = Outcome::rejected(
                    "Twilio refused the API key (api_key_sid / api_key_secret; 401, error 20003); the SID and auth token are fine",
                );
                return Ok(with(outcome, &facts).advice(BAD_KEY));
            }
            (403, Some(70051)) => {
                let outcome = Outcome::warning(
                    "Twilio accepted the API key, but it is restricted: it may not read the account (403, error 70051)",
                );
                return Ok(with(outcome, &facts).advice("Make sure the key may send messages (a Standard key, or a restricted key with Messaging permissions); otherwise two-factor SMS fails."));
            }
            (401 | 403 | 407, None) => return Err(with(reply.not_the_provider("Twilio"), &facts)),
            _ => return Err(with(reply.unexpected(), &facts)),
        }
    }
    let numbers: Numbers = numbers.json().map_err(|o| with(o, &facts))?;
    let Some(number) = numbers
        .incoming_phone_numbers
        .iter()
        .find(|n| n.phone_number == phone)
    else {
        let outcome =
            Outcome::misconfigured(format!("{phone} is not a number of this Twilio account"));
        return Ok(with(outcome, &facts).advice("Use a number listed under Phone Numbers > Manage > Active numbers of this account (a subaccount's number needs that subaccount's SID and token), in E.164 form."));
    };
    let capability = |name: &str| {
        let found = number
            .capabilities
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name));
        found.and_then(|(_, v)| v.as_bool())
    };
    facts.insert("number_sms".into(), capability("sms").into());
    facts.insert("number_voice".into(), capability("voice").into());
    // The balance is best effort: a subaccount has none, and it decides only when it is read.
    if let Ok(reply) = balance
        && reply.status == 200
        && let Ok(balance) = reply.json::<Value>()
        && let Some(amount) = balance.get("balance").and_then(Value::as_str)
    {
        let currency = balance
            .get("currency")
            .and_then(Value::as_str)
            .unwrap_or_default();
        facts.insert(
            "balance".into(),
            format!("{amount} {currency}").trim().into(),
        );
        if amount.trim().parse::<f64>().is_ok_and(|a| a <= 0.0) {
            let outcome = Outcome::misconfigured(format!(
                "the Twilio account \"{name}\" has no credit (balance {amount} {currency}): no SMS can be sent"
            ));
            return Ok(with(outcome, &facts).advice("Add funds in the Twilio Console (Admin > Account billing), or enable auto-recharge, then check again."));
        }
    }
    if capability("sms") == Some(false) {
        let outcome = Outcome::misconfigured(format!(
            "{phone} belongs to the account but cannot send SMS"
        ));
        return Ok(with(outcome, &facts).advice("Two-factor codes need an SMS-capable number: buy one (Phone Numbers > Buy a number, SMS capability) and set phone_number to it."));
    }
    Ok(with(
        Outcome::ok(format!(
            "Twilio accepted the credentials of \"{name}\" and {phone} is one of its numbers"
        )),
        &facts,
    ))
}
