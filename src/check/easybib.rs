//! EasyBib: one test citation with the (deprecated) Citation API, as the portal and the editor
//! plugin send it: `POST https://api.citation-api.com/2.0/rest/cite` with the key in the JSON
//! body (WS ≤ v12.1 `EasyBibHelper.cs`; PL `sdkjs-plugins/content/easybib`). The key can never
//! be proven wrong here: EasyBib no longer issues keys, so every answer is at best a warning.

use serde::Deserialize;
use serde_json::json;

use super::{Ctx, Outcome, Verdict};

const DEPRECATED: &str = "the EasyBib Citation API is deprecated; EasyBib no longer issues keys";

#[derive(Deserialize)]
struct Citation {
    status: String,
    #[serde(default)]
    msg: Option<String>,
}

pub async fn check(ctx: &Ctx<'_>) -> Verdict {
    // http://developer.easybib.com/citation-formatting-api/formatting-api-retrieve-a-formatted-citation/
    let url = ctx.url("https://api.citation-api.com", "/2.0/rest/cite")?;
    let body = json!({
        "key": ctx.get("api_key"),
        "source": "book",
        "style": "mla7",
        "book": {"title": "Test"},
        "pubtype": {"main": "pubnonperiodical"},
        "contributors": []
    });
    let reply = ctx.send(ctx.client.post(url).json(&body)).await?;
    let advice = "Nothing to fix in integrate: EasyBib issues no new keys. Keep the key only if the EasyBib plugin still works in the editor; EasyBib tied keys to the server's IP address, so a moved server may be refused.";
    match reply.status {
        200 => {}
        // verification.md §8: 404/410 mean the API itself is gone.
        404 | 410 => {
            return Ok(Outcome::warning(format!(
                "{DEPRECATED}, and it no longer answers at {} (HTTP {}); the key cannot be verified",
                reply.shown_url, reply.status
            ))
            .fact("http_status", reply.status)
            .advice(advice));
        }
        401 | 403 | 407 => return Err(reply.not_the_provider("EasyBib")),
        _ => return Err(reply.unexpected()),
    }
    let citation: Citation = reply.json()?;
    Ok(match citation.status.as_str() {
        "ok" => Outcome::warning(format!(
            "EasyBib formatted a test citation with the key, but {DEPRECATED}"
        ))
        .fact("api_status", "ok")
        .advice(advice),
        // The error text is not documented, and a valid key is refused from another IP: never `rejected`.
        "error" => Outcome::warning(format!(
            "the key cannot be verified ({DEPRECATED}); the API answered: {}",
            citation.msg.as_deref().unwrap_or("error")
        ))
        .fact("api_status", "error")
        .advice(advice),
        _ => reply.unexpected(),
    })
}
