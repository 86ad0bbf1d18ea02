//! DocuSign: the portal exchanges a user's code at `https://<docuSignHost>/oauth/token` with
//! Basic integration key:secret key (portal-parity.md, docusign). That needs a sign-in, so the
//! nearest request on the same host, path and client authentication is sent: the undocumented
//! `client_credentials` grant, which returns a token for a good pair. Only success is
//! conclusive: DocuSign answers `invalid_grant` for many unrelated causes (a wrong secret gives
//! "expired_client_token", docusign/code-examples-ruby#18), so no answer ever makes the keys
//! `rejected` (verification.md §6).

use serde_json::Value;

use super::probes::oauth;
use super::{Ctx, Outcome, Verdict};

/// The integration key of DocuSign's documentation samples (quoted in Q&A answers).
const SAMPLE_KEY: &str = "230546a7-9c55-40ad-8fbf-af205d5494ad";

pub async fn check(ctx: &Ctx<'_>) -> Verdict {
    let key = ctx.get("integration_key");
    let host = ctx.get("auth_host");
    let environment = match host.to_ascii_lowercase().as_str() {
        "account-d.docusign.com" => "demo",
        "account.docusign.com" => "production",
        _ => "other",
    };
    if key.eq_ignore_ascii_case(SAMPLE_KEY) {
        return Ok(Outcome::misconfigured("integration_key is DocuSign's documentation sample key, not yours; no request sent")
            .advice("Create your own app in DocuSign Admin > Apps and Keys (admindemo.docusign.com for a demo account) and use its Integration Key and a secret key of that app."));
    }
    // trufflehog's DocuSign detector; /oauth/token of https://developers.docusign.com/platform/auth/reference/obtain-access-token/
    let url = ctx.url(
        &format!("https://{host}"),
        "/oauth/token?grant_type=client_credentials",
    )?;
    let request = ctx
        .client
        .post(url)
        .basic_auth(key, Some(ctx.get("secret_key")))
        .header("Accept", "application/vnd.docusign+json; version=3");
    let reply = ctx
        .send(request)
        .await
        .map_err(|outcome| outcome.fact("environment", environment))?;
    if (200..300).contains(&reply.status) {
        let body: Value = serde_json::from_slice(&reply.body).unwrap_or_default();
        let token = body
            .get("access_token")
            .and_then(Value::as_str)
            .unwrap_or("");
        if token.starts_with("ey") {
            return Ok(Outcome::ok(format!("DocuSign ({environment}) issued an app token for this integration key and secret"))
                .fact("environment", environment)
                .fact("auth_host", host)
                .fact("expires_in", body.get("expires_in").cloned())
                .fact("probe", "client_credentials at the portal's token URL with the portal's Basic client authentication")
                .fact("proven", "the integration key exists in this environment and the secret key is one of its secrets")
                .fact("not_proven", "the portal's authorization-code grant, its redirect URI and the signature consent need a user's sign-in"));
        }
        return Err(reply.unexpected().fact("environment", environment));
    }
    let Some(err) = oauth::oauth_error(&reply) else {
        return Err(reply.unexpected().fact("environment", environment));
    };
    let other = if environment == "production" {
        "account-d.docusign.com (demo)"
    } else {
        "account.docusign.com (production)"
    };
    let hint = if err.describe().contains("issuer_not_found") {
        format!("DocuSign does not know this integration key on {host}: ")
    } else {
        String::new()
    };
    Ok(Outcome::unreachable(format!(
        "DocuSign did not issue a token (HTTP {}: {}); its errors do not tell a wrong key from other causes, so no verdict",
        reply.status,
        err.describe()
    ))
    .fact("environment", environment)
    .fact("provider_answer", err.describe())
    .advice(format!(
        "{hint}Check that the integration key exists in this environment (a key created on demo, account-d.docusign.com, does not exist on production, account.docusign.com, until the app is promoted; try auth_host = {other}), that secret_key is a secret of this app (Apps and Keys > your app > Secret Keys), and that the app has passed Go-Live review if you use production."
    )))
}
