//! Facebook: the portal exchanges a user's code at `graph.facebook.com/oauth/access_token`
//! (unversioned, form post; portal-parity.md, facebook). That needs a sign-in, so the same URL
//! and client placement is asked for an app access token (`client_credentials`), which proves
//! the app id and secret; then the app's own Graph node gives its name and the id cross-check
//! (verification.md §9).

use serde::Deserialize;
use serde_json::Value;

use super::probes::oauth::{self, ClientAuth, Grant, TokenRequest};
use super::{Ctx, Outcome, Verdict};

const GRAPH: &str = "https://graph.facebook.com";

const NOT_PROVEN: &str = "the Facebook Login use case, the valid OAuth redirect URI and the email permission are only seen when a user signs in";

#[derive(Deserialize)]
struct Failure {
    error: GraphError,
}

#[derive(Deserialize)]
struct GraphError {
    #[serde(default)]
    message: String,
    #[serde(default)]
    code: i64,
}

pub async fn check(ctx: &Ctx<'_>) -> Verdict {
    let app_id = ctx.get("app_id");
    // https://developers.facebook.com/docs/facebook-login/guides/access-tokens#apptokens
    let request = TokenRequest {
        origin: GRAPH,
        path: "/oauth/access_token",
        client_id: app_id,
        client_secret: ctx.get("app_secret"),
        // The portal posts its token requests as a form (OAuth20TokenHelper.cs).
        auth: ClientAuth::Form,
        grant: Grant::ClientCredentials,
        redirect_uri: None,
        extra: &[],
    };
    let reply = oauth::token_request(ctx, &request).await?;
    if reply.status == 400 {
        let Ok(Failure { error }) = serde_json::from_slice::<Failure>(&reply.body) else {
            return Err(reply.unexpected());
        };
        let said = format!("OAuthException code {}: {}", error.code, error.message);
        return Ok(match (error.code, error.message.as_str()) {
            (1, m) if m.contains("Error validating client secret") => Outcome::rejected(format!("Facebook refused the app secret ({said})"))
                .advice("In Meta for Developers > your app > App settings > Basic, click Show next to App secret and copy the 32-character value; after Reset, only the new secret works."),
            (101, m) if m.contains("Invalid application ID") => Outcome::rejected(format!("Facebook does not know this app id ({said})"))
                .advice("Copy the App ID (digits only) from App settings > Basic of the app; a deleted app's id stops working."),
            (101, m) if m.contains("system error") => Outcome::unreachable(format!("Facebook could not read the app because of a system error on its side ({said}); no verdict on the keys"))
                .advice("This is a transient Facebook error: check again in a few minutes."),
            _ => reply.unexpected(),
        });
    }
    if reply.status != 200 {
        if matches!(reply.status, 401 | 403 | 407) {
            return Err(reply.not_the_provider("Facebook"));
        }
        return Err(reply.unexpected());
    }
    let body: Value = reply.json()?;
    let Some(token) = body
        .get("access_token")
        .and_then(Value::as_str)
        .filter(|t| !t.is_empty())
    else {
        return Err(reply.unexpected());
    };
    let ok = Outcome::ok("Facebook issued an app access token for this app id and secret")
        .fact(
            "probe",
            "client_credentials at the portal's token URL, client in the form",
        )
        .fact("not_proven", NOT_PROVEN);
    // https://developers.facebook.com/docs/graph-api/reference/application/ (`id` always comes back)
    let query = url::form_urlencoded::Serializer::new(String::new())
        .append_pair("fields", "name,namespace,category,link")
        .append_pair("access_token", token)
        .finish();
    let Ok(url) = ctx.url(GRAPH, &format!("/v19.0/{app_id}?{query}")) else {
        return Ok(ok);
    };
    let app = match ctx.send(ctx.client.get(url)).await {
        Ok(info) if info.status == 200 => match info.json::<Value>() {
            Ok(app) => app,
            Err(_) => return Ok(ok.fact("app_info", "not available (unreadable answer)")),
        },
        Ok(info) => return Ok(ok.fact("app_info", format!("not available (HTTP {})", info.status))),
        Err(_) => return Ok(ok.fact("app_info", "not available (no answer)")),
    };
    let field = |k: &str| app.get(k).cloned().filter(|v| v != "");
    let returned_id = app.get("id").and_then(Value::as_str).unwrap_or("");
    if returned_id != app_id {
        // The token endpoint vouched for `app_id`; another id means the answer is not
        // Facebook's own (a proxy or a wrong `endpoint`), not that the keys are wrong.
        return Ok(Outcome::unreachable(format!(
            "Facebook's app details name app {returned_id}, not the app id {app_id} that was asked for; no verdict"
        ))
        .fact("app_name", field("name"))
        .advice("Check that `endpoint`, if set, points at graph.facebook.com and that no proxy rewrites the answer."));
    }
    let name = app.get("name").and_then(Value::as_str).unwrap_or("?");
    Ok(
        Outcome::ok(format!("Facebook issued an app access token for {name}"))
            .fact(
                "probe",
                "client_credentials at the portal's token URL, client in the form",
            )
            .fact("not_proven", NOT_PROVEN)
            .fact("app_name", field("name"))
            .fact("namespace", field("namespace"))
            .fact("category", field("category"))
            .fact("link", field("link")),
    )
}
