//! The OAuth token-endpoint probes (verification.md §0.1).
//!
//! Most providers give an OAuth client id and secret but no token. The only endpoint that
//! checks both together is the token endpoint, so the probe sends a normal exchange that is
//! bound to fail: an `authorization_code` grant with a code that cannot exist. A server that
//! accepts the client then refuses the code (`invalid_grant`); a server that does not know the
//! client, or the secret, refuses the client (`invalid_client`, RFC 6749 §5.2). Providers that
//! offer a free `client_credentials` grant use that instead and get a real token.

//!
//! A refused dummy code proves the secret only when the endpoint judges the client before the
//! code. Where no source confirms that order for a provider (`[oauth] client_before_code`),
//! [`token_request`] sends the same request a second time, at the same moment, with a
//! deliberately altered secret, and leaves both answers on the [`Ctx`]; `run` then settles the
//! check's verdict with [`settle_control`]: `ok` only when the altered secret was refused as a
//! client error while the real one was not.

use serde::Deserialize;

use crate::check::http::{self, Reply};
use crate::check::{Ctx, Outcome, Reason, Status};

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

impl<'a> TokenRequest<'a> {
    /// The exchange the portal itself sends after a user signs in (its OAuth20TokenHelper:
    /// `code`, `client_id`, `client_secret` and `redirect_uri` in a form POST), here with a code
    /// that cannot exist. Providers that differ change the one field that differs. The client
    /// id and secret are passed in: each provider names its fields, and Apple signs its secret.
    pub fn code_exchange(
        ctx: &'a Ctx<'_>,
        origin: &'a str,
        path: &'a str,
        client_id: &'a str,
        client_secret: &'a str,
    ) -> TokenRequest<'a> {
        TokenRequest {
            origin,
            path,
            client_id,
            client_secret,
            auth: ClientAuth::Form,
            grant: Grant::DummyCode(DUMMY_CODE),
            redirect_uri: Some(&ctx.redirect_uri),
            extra: &[],
        }
    }
}

/// Sends the token request; transport failures, 5xx and 429 come back as `unreachable`.
/// A dummy-code request to a provider whose client-first order is not confirmed goes out twice
/// at once, the second time with an altered secret (the module doc says why).
pub async fn token_request(ctx: &Ctx<'_>, req: &TokenRequest<'_>) -> Result<Reply, Outcome> {
    if !matches!(req.grant, Grant::DummyCode(_)) || client_checked_first(ctx) {
        return send_token(ctx, req, http::MAX_BODY).await;
    }
    let altered = altered_secret(req.client_secret);
    // Derived from the real secret and just as sensitive in a report: never shown.
    crate::redact::register(&altered);
    let control = TokenRequest {
        client_secret: &altered,
        ..*req
    };
    let (main, other) = futures::join!(
        send_token(ctx, req, http::MAX_BODY),
        send_token(ctx, &control, CONTROL_LIMIT)
    );
    if let Ok(reply) = &main {
        ctx.record_control(SecretControl {
            main: reply.clone(),
            altered: other,
        });
    }
    main
}

/// `[oauth] client_before_code` is confirmed true by a source.
fn client_checked_first(ctx: &Ctx<'_>) -> bool {
    ctx.provider
        .oauth
        .as_ref()
        .is_some_and(|o| o.client_before_code.value)
}

/// The same secret with every letter and digit replaced by a random one of its kind: same
/// length and shape, so the endpoint reads it the same way, and certainly different.
pub fn altered_secret(secret: &str) -> String {
    let mut random = std::iter::repeat_with(|| uuid::Uuid::new_v4().into_bytes())
        .flat_map(|bytes| bytes.into_iter());
    let mut pick = |base: u8, span: u8, current: char| loop {
        let c = (base + random.next().unwrap_or(0) % span) as char;
        if c != current {
            return c;
        }
    };
    let altered: String = secret
        .chars()
        .map(|c| match c {
            '0'..='9' => pick(b'0', 10, c),
            'a'..='z' => pick(b'a', 26, c),
            'A'..='Z' => pick(b'A', 26, c),
            other => other,
        })
        .collect();
    if altered == secret {
        format!("{secret}0")
    } else {
        altered
    }
}

/// The two answers of a dummy-code request sent with the real and with an altered secret.
pub struct SecretControl {
    pub main: Reply,
    pub altered: Result<Reply, Outcome>,
}

/// Settles a check's verdict with the control its dummy-code request left, if any: an `ok`
/// stays `ok` only when the altered secret got another answer and that answer refuses the
/// client; otherwise it is a `warning` saying the secret is not verified. Other verdicts
/// stand as they are.
pub fn settle_control(outcome: Outcome, control: Option<SecretControl>) -> Outcome {
    let Some(control) = control else {
        return outcome;
    };
    if outcome.status != Status::Ok {
        return outcome;
    }
    let unverified = |why: String, fact: String| {
        let mut o = outcome.clone();
        o.status = Status::Warning;
        o.reason = Some(Reason::Attention);
        o.message = format!(
            "the client id is known; the secret could not be verified by this request ({why})"
        );
        o.fact("secret_control", fact)
            .advice("The provider's answer does not depend on the secret here, so integrate cannot tell a right secret from a wrong one. Confirm it by signing in once through the portal.")
    };
    let altered = match control.altered {
        Ok(reply) => reply,
        // Only the reason: the message names the URL, which the verdict does not need.
        Err(failed) => {
            let reason = serde_json::to_value(failed.code())
                .ok()
                .and_then(|v| v.as_str().map(str::to_string))
                .unwrap_or_default();
            return unverified(
                format!(
                    "the control request with an altered secret got no usable answer, reason {reason}"
                ),
                "no answer".into(),
            );
        }
    };
    if same_answer(&control.main, &altered) {
        return unverified(
            format!(
                "a deliberately altered secret got the same answer, HTTP {} {}",
                altered.status,
                answer_code(&altered)
            ),
            "same answer for an altered secret".into(),
        );
    }
    if !refuses_client(&altered) {
        return unverified(
            format!(
                "a deliberately altered secret got HTTP {} {}, which is not a refusal of the client",
                altered.status,
                answer_code(&altered)
            ),
            format!("altered secret: HTTP {}", altered.status),
        );
    }
    outcome.fact(
        "secret_control",
        format!(
            "an altered secret was refused (HTTP {} {})",
            altered.status,
            answer_code(&altered)
        ),
    )
}

/// The provider's error code of a reply, for messages.
fn answer_code(reply: &Reply) -> String {
    reply.error_code().unwrap_or_default()
}

/// Two answers are the same when they have the same status and the same error code (the
/// descriptions may carry trace ids and times), or the same body when there is no code.
fn same_answer(a: &Reply, b: &Reply) -> bool {
    if a.status != b.status {
        return false;
    }
    match (oauth_error(a), oauth_error(b)) {
        (Some(x), Some(y)) => x.error.eq_ignore_ascii_case(&y.error),
        (None, None) => match (a.error_code(), b.error_code()) {
            (Some(x), Some(y)) => x == y,
            _ => a.body == b.body,
        },
        _ => false,
    }
}

/// A 4xx whose error names the client or its secret (`invalid_client`, `unauthorized_client`,
/// Dropbox's `invalid_client: Invalid client_id or client_secret`, ...).
fn refuses_client(reply: &Reply) -> bool {
    if !(400..500).contains(&reply.status) {
        return false;
    }
    match oauth_error(reply) {
        Some(err) => err.mentions("client") || err.mentions("secret"),
        None => reply.error_code().is_some_and(|code| {
            let code = code.to_ascii_lowercase();
            code.contains("client") || code.contains("secret")
        }),
    }
}

/// The most of the control's answer kept: an OAuth error object is a few hundred bytes.
const CONTROL_LIMIT: usize = 64 * 1024;

/// Sends one token request as given, keeping at most `limit` bytes of the answer.
async fn send_token(ctx: &Ctx<'_>, req: &TokenRequest<'_>, limit: usize) -> Result<Reply, Outcome> {
    let url = ctx.url(req.origin, req.path)?;
    let mut form: Vec<(&str, &str)> = Vec::new();
    match req.grant {
        Grant::DummyCode(code) => {
            // The provider's file knows the current shape of its codes best (issue 9.7).
            let code = ctx
                .provider
                .oauth
                .as_ref()
                .and_then(|o| o.dummy_code.as_ref())
                .map_or(code, |d| d.value.as_str());
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
        return ctx
            .send_limited(ctx.client.get(url).query(&form), limit)
            .await;
    }
    let mut builder = ctx
        .client
        .post(url)
        .header("Accept", "application/json")
        .form(&form);
    if req.auth == ClientAuth::Basic {
        builder = builder.basic_auth(req.client_id, Some(req.client_secret));
    }
    ctx.send_limited(builder, limit).await
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_altered_secret_keeps_the_shape_and_differs_everywhere_it_can() {
        for secret in [
            "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",
            "crInbIEwDSwjxOju",
            "1234567",
            "WPL_AP1.abc.DEF==",
        ] {
            let altered = altered_secret(secret);
            assert_eq!(altered.len(), secret.len(), "{secret}");
            for (a, b) in secret.chars().zip(altered.chars()) {
                let class = |c: char| {
                    (
                        c.is_ascii_digit(),
                        c.is_ascii_lowercase(),
                        c.is_ascii_uppercase(),
                    )
                };
                assert_eq!(class(a), class(b), "{secret} -> {altered}");
                if a.is_ascii_alphanumeric() {
                    assert_ne!(a, b, "{secret} -> {altered}");
                } else {
                    assert_eq!(a, b, "{secret} -> {altered}");
                }
            }
        }
        assert_ne!(altered_secret("--"), "--");
    }
}
