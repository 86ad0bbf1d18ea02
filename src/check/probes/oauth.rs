//! The OAuth token-endpoint probes (verification.md §0.1).
//!
//! Most providers give an OAuth client id and secret but no token. The only endpoint that
//! checks both together is the token endpoint, so the probe sends a normal exchange that is
//! bound to fail: an `authorization_code` grant with a code that cannot exist. A server that
//! accepts the client then refuses the code (`invalid_grant`); a server that does not know the
//! client, or the secret, refuses the client (`invalid_client`, RFC 6749 §5.2). Providers that
//! offer a free `client_credentials` grant use that instead and get a real token.

use serde::Deserialize;

use crate::check::http::Reply;
use crate::check::{Ctx, Outcome};

/// A code no provider ever issued. Plausible in shape, so that servers reach the client check.
pub const DUMMY_CODE: &str = "integrate-connectivity-check-0000000000";

/// How the client authenticates at the token endpoint.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ClientAuth {
    /// `client_id` and `client_secret` in the form body.
    Form,
    /// `Authorization: Basic base64(client_id:client_secret)` (RFC 6749 §2.3.1).
    Basic,
    /// Everything in the query of a GET, as VK and Facebook document their app-token call.
    /// The secret is then in the URL: messages only ever show `Reply::shown_url`, without it.
    Query,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Grant<'a> {
    /// The dummy-code exchange, with the code to send ([`DUMMY_CODE`] unless the provider's
    /// codes have a fixed shape, as Yandex's 7 digits).
    DummyCode(&'a str),
    /// A real app-only token, where the provider gives one freely.
    ClientCredentials,
}

/// One token request.
pub struct TokenRequest<'a> {
    /// The provider's origin, e.g. `https://oauth2.googleapis.com` (replaced by `endpoint`).
    pub origin: &'a str,
    /// Path and query, e.g. `/token`.
    pub path: &'a str,
    pub client_id: &'a str,
    pub client_secret: &'a str,
    pub auth: ClientAuth,
    pub grant: Grant<'a>,
    /// Sent with the dummy code; most providers want one, and the portal's is the right one.
    pub redirect_uri: Option<&'a str>,
    /// Other form fields (scope, code_verifier, ...).
    pub extra: &'a [(&'a str, &'a str)],
}

/// Sends the token request; transport failures, 5xx and 429 come back as `unreachable`.
pub async fn token_request(ctx: &Ctx<'_>, req: &TokenRequest<'_>) -> Result<Reply, Outcome> {
    let url = ctx.url(req.origin, req.path)?;
    let mut form: Vec<(&str, &str)> = Vec::new();
    match req.grant {
        Grant::DummyCode(code) => {
            form.push(("grant_type", "authorization_code"));
            form.push(("code", code));
            if let Some(redirect) = req.redirect_uri {
                form.push(("redirect_uri", redirect));
            }
        }
        Grant::ClientCredentials => form.push(("grant_type", "client_credentials")),
    }
    if req.auth != ClientAuth::Basic {
        form.push(("client_id", req.client_id));
        form.push(("client_secret", req.client_secret));
    }
    form.extend_from_slice(req.extra);
    if req.auth == ClientAuth::Query {
        return ctx.send(ctx.client.get(url).query(&form)).await;
    }
    let mut builder = ctx
        .client
        .post(url)
        .header("Accept", "application/json")
        .form(&form);
    if req.auth == ClientAuth::Basic {
        builder = builder.basic_auth(req.client_id, Some(req.client_secret));
    }
    ctx.send(builder).await
}

/// The dummy-code probe up to the provider's answer: sends `req` and returns the RFC 6749
/// error object of a 4xx reply, for the check to read in the provider's own wording. Any other
/// answer (a 2xx, or a body that is not an OAuth error) is `unexpected`: no verdict.
pub async fn dummy_code_refusal(
    ctx: &Ctx<'_>,
    req: &TokenRequest<'_>,
) -> Result<(Reply, OAuthError), Outcome> {
    let reply = token_request(ctx, req).await?;
    match oauth_error(&reply) {
        Some(err) if (400..500).contains(&reply.status) => Ok((reply, err)),
        _ => Err(reply.unexpected()),
    }
}

/// The error object of RFC 6749 §5.2, as most providers send it.
#[derive(Debug, Clone, Deserialize, Default)]
pub struct OAuthError {
    #[serde(default)]
    pub error: String,
    #[serde(default)]
    pub error_description: Option<String>,
    /// A numeric code some providers send next to `error` (Mail.ru: `"error_code": 6`).
    #[serde(default)]
    pub error_code: Option<serde_json::Value>,
}

impl OAuthError {
    /// `error` and `error_description` in one line.
    pub fn describe(&self) -> String {
        match &self.error_description {
            Some(d) if !d.is_empty() => format!("{}: {d}", self.error),
            _ => self.error.clone(),
        }
    }

    /// `error` equals `code`, ignoring ASCII case (Yahoo sends `INVALID_CLIENT`).
    pub fn is(&self, code: &str) -> bool {
        self.error.eq_ignore_ascii_case(code)
    }

    /// `error` or `error_description` contains `needle`, ignoring ASCII case.
    pub fn mentions(&self, needle: &str) -> bool {
        let needle = needle.to_ascii_lowercase();
        self.error.to_ascii_lowercase().contains(&needle)
            || self
                .error_description
                .as_deref()
                .is_some_and(|d| d.to_ascii_lowercase().contains(&needle))
    }

    /// `error_code` as a number, whether sent as `6` or `"6"`.
    pub fn code_number(&self) -> Option<i64> {
        match self.error_code.as_ref()? {
            serde_json::Value::Number(n) => n.as_i64(),
            serde_json::Value::String(s) => s.trim().parse().ok(),
            _ => None,
        }
    }
}

/// Parses an OAuth error body; `None` when the body is not one.
pub fn oauth_error(reply: &Reply) -> Option<OAuthError> {
    let parsed: OAuthError = serde_json::from_slice(&reply.body).ok()?;
    if parsed.error.is_empty() {
        None
    } else {
        Some(parsed)
    }
}

/// How one provider words its answers to the dummy-code probe.
pub struct Verdicts<'a> {
    /// `error` values that mean the client was accepted and only the code was refused.
    pub client_accepted: &'a [&'a str],
    /// `error` values that mean the client id or secret is wrong.
    pub client_refused: &'a [&'a str],
}

/// The RFC 6749 wording, which most providers follow.
pub const STANDARD: Verdicts<'static> = Verdicts {
    client_accepted: &["invalid_grant"],
    client_refused: &["invalid_client", "unauthorized_client"],
};

/// The standard `ok` for a client the provider accepted while refusing the dummy code.
pub fn accepted(err: &OAuthError, provider_name: &str) -> Outcome {
    Outcome::ok(format!(
        "{provider_name} accepted the client id and secret (the probe's dummy authorization code was refused, as intended)"
    ))
    .fact("probe", "dummy authorization code")
    .fact("provider_answer", err.describe())
}

/// The standard `rejected` for a client the provider refused; callers add the advice.
pub fn refused(reply: &Reply, err: &OAuthError, what: &str) -> Outcome {
    Outcome::rejected(format!("{what} ({})", err.describe()))
        .fact("provider_answer", err.describe())
        .fact("http_status", reply.status)
}

/// Maps a token endpoint's answer to an outcome with the standard wording; anything not
/// recognised is `unreachable`. `error` values are compared ignoring ASCII case.
pub fn classify(reply: &Reply, verdicts: &Verdicts<'_>, provider_name: &str) -> Outcome {
    if (200..300).contains(&reply.status) {
        return match serde_json::from_slice::<serde_json::Value>(&reply.body) {
            Ok(body) if body.get("access_token").is_some() => Outcome::ok(format!(
                "{provider_name} issued a token for this client id and secret"
            ))
            .fact(
                "token_type",
                body.get("token_type").cloned().unwrap_or_default(),
            ),
            _ => reply.unexpected(),
        };
    }
    let Some(err) = oauth_error(reply) else {
        return reply.unexpected();
    };
    if verdicts.client_accepted.iter().any(|c| err.is(c)) {
        return accepted(&err, provider_name);
    }
    if verdicts.client_refused.iter().any(|c| err.is(c)) {
        return refused(
            reply,
            &err,
            &format!("{provider_name} refused the client id or secret"),
        );
    }
    reply.unexpected()
}
