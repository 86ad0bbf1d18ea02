//! Clickatell: read the account balance with the Platform API key (sends no SMS, costs nothing).

use serde_json::Value;

use super::{Ctx, Outcome, Verdict};

/// `errorCode` 108: "Invalid or missing integration API Key." (older Platform HTTP endpoints).
fn error_code(body: &Value) -> Option<i64> {
    let code = body.get("errorCode")?;
    code.as_i64()
        .or_else(|| code.as_str().and_then(|s| s.trim().parse().ok()))
}

fn bad_key(why: &str) -> Outcome {
    Outcome::rejected(format!("Clickatell refused the API key ({why})")).advice(
        "Copy the API key again from SMS integrations > your HTTP integration on portal.clickatell.com \
         (keep the trailing = signs). An old Clickatell Central api_id with user and password does not work: \
         create an HTTP integration on the SMS Platform instead.",
    )
}

pub async fn check(ctx: &Ctx<'_>) -> Verdict {
    // https://docs.clickatell.com/ (One API: GET /v1/balance, raw key in Authorization)
    let url = ctx.url("https://platform.clickatell.com", "/v1/balance")?;
    let request = ctx
        .client
        .get(url)
        .header("Authorization", ctx.get("api_key"))
        .header("Accept", "application/json");
    let reply = ctx.send(request).await?;
    if reply.status == 401 {
        return Ok(bad_key("401 Unauthorized"));
    }
    // Error 108 may come with any status; an unreadable body is only worth its own words on a 200.
    let body: Value = reply.json().map_err(|unreadable| match reply.status {
        200 => unreadable,
        _ => reply.unexpected(),
    })?;
    if error_code(&body) == Some(108) {
        return Ok(bad_key("error 108: invalid or missing integration API key"));
    }
    if reply.status != 200 {
        return Err(reply.unexpected());
    }
    let balance = match body.get("balance") {
        Some(Value::Number(n)) => n.as_f64(),
        Some(Value::String(s)) => s.trim().parse::<f64>().ok(),
        _ => None,
    };
    let Some(balance) = balance else {
        return Err(reply.unexpected());
    };
    let currency = body
        .get("currency")
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_string();
    let facts = |o: Outcome| {
        o.fact("balance", balance)
            .fact("currency", currency.clone())
            .fact("sender", ctx.opt("sender"))
    };
    if balance <= 0.0 {
        return Ok(facts(Outcome::misconfigured(format!(
            "Clickatell accepted the API key, but the balance is {balance} {currency} (no credit: SMS will fail)"
        )))
        .advice("Top up the account on portal.clickatell.com (Billing), then check again; two-factor codes are not sent without credit."));
    }
    Ok(facts(Outcome::ok(format!(
        "Clickatell accepted the API key; balance {balance} {currency}"
    ))))
}
