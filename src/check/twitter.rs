//! X (Twitter): the portal's own first sign-in request, an OAuth 1.0a request token
//! (`POST /oauth/request_token`, HMAC-SHA1 signed with the API key and secret, `oauth_callback`
//! = the portal's redirect URI). It proves the key pair and whether X approves the portal's
//! callback URL, and it is free: no request X bills (any v2 read) is ever sent.
//!
//! The portal: DS `common/ASC.FederatedLogin/LoginProviders/TwitterLoginProvider.cs` (Tweetinvi
//! `RequestAuthenticationUrlAsync`), WS the same.

use std::time::{SystemTime, UNIX_EPOCH};

use hmac::{Hmac, KeyInit, Mac};
use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};
use serde::Deserialize;

use super::http::Reply;
use super::{Ctx, Outcome, Reason, Verdict};

const ORIGIN: &str = "https://api.twitter.com";
const PATH: &str = "/oauth/request_token";

/// RFC 5849 §3.6: everything but ALPHA, DIGIT, `-`, `.`, `_` and `~` is percent-encoded.
const UNRESERVED: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

fn pct(value: &str) -> String {
    utf8_percent_encode(value, UNRESERVED).to_string()
}

/// The OAuth 1.0a `Authorization` header of a request without a token (RFC 5849 §3.4.1,
/// §3.4.2): the signature base string covers the method, the URL without its query, and every
/// `oauth_*` parameter, sorted; the key is the encoded consumer secret and `&`.
pub fn oauth1_header(
    method: &str,
    url: &url::Url,
    consumer_key: &str,
    consumer_secret: &str,
    callback: &str,
    nonce: &str,
    timestamp: u64,
) -> String {
    let timestamp = timestamp.to_string();
    let mut params = [
        ("oauth_callback", callback),
        ("oauth_consumer_key", consumer_key),
        ("oauth_nonce", nonce),
        ("oauth_signature_method", "HMAC-SHA1"),
        ("oauth_timestamp", timestamp.as_str()),
        ("oauth_version", "1.0"),
    ]
    .map(|(k, v)| (pct(k), pct(v)));
    params.sort();
    let normalized = params
        .iter()
        .map(|(k, v)| format!("{k}={v}"))
        .collect::<Vec<_>>()
        .join("&");
    let mut base_url = url.clone();
    base_url.set_query(None);
    base_url.set_fragment(None);
    let base = format!(
        "{}&{}&{}",
        method.to_ascii_uppercase(),
        pct(base_url.as_str()),
        pct(&normalized)
    );
    let key = format!("{}&", pct(consumer_secret));
    let mut mac =
        Hmac::<sha1::Sha1>::new_from_slice(key.as_bytes()).expect("HMAC takes a key of any length");
    mac.update(base.as_bytes());
    let signature = base64::Engine::encode(
        &base64::engine::general_purpose::STANDARD,
        mac.finalize().into_bytes(),
    );
    let mut fields: Vec<String> = params.iter().map(|(k, v)| format!("{k}=\"{v}\"")).collect();
    fields.push(format!("oauth_signature=\"{}\"", pct(&signature)));
    format!("OAuth {}", fields.join(", "))
}

/// X's error bodies: JSON `{"errors":[{"code":32,"message":"…"}]}`, or on `oauth/*` often XML
/// `<errors><error code="415">…</error></errors>` (both quoted in public issue threads).
fn x_errors(reply: &Reply) -> Vec<(i64, String)> {
    #[derive(Deserialize)]
    struct Errors {
        errors: Vec<Item>,
    }
    #[derive(Deserialize)]
    struct Item {
        code: i64,
        #[serde(default)]
        message: String,
    }
    if let Ok(body) = serde_json::from_slice::<Errors>(&reply.body) {
        return body
            .errors
            .into_iter()
            .map(|e| (e.code, e.message))
            .collect();
    }
    let text = reply.text();
    let mut found = Vec::new();
    let mut rest = text.as_str();
    while let Some(start) = rest.find("<error code=\"") {
        let after = &rest[start + "<error code=\"".len()..];
        let Some(quote) = after.find('"') else { break };
        let code = after[..quote].parse::<i64>().ok();
        let Some(open_end) = after.find('>') else {
            break;
        };
        let body = &after[open_end + 1..];
        let close = body.find("</error>").unwrap_or(body.len());
        let message = body[..close]
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        if let Some(code) = code {
            found.push((code, message));
        }
        rest = &body[close..];
    }
    found
}

pub async fn check(ctx: &Ctx<'_>) -> Verdict {
    let callback = ctx.redirect_uri.as_str();
    let url = ctx.url(ORIGIN, PATH)?;
    let timestamp = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or_default();
    let nonce = uuid::Uuid::new_v4().simple().to_string();
    let header = oauth1_header(
        "POST",
        &url,
        ctx.get("api_key"),
        ctx.get("api_secret"),
        callback,
        &nonce,
        timestamp,
    );
    // https://docs.x.com/resources/fundamentals/authentication/api-reference#post-oauth-request-token
    let request = ctx
        .client
        .post(url)
        .header("Authorization", header)
        .header("Content-Length", "0");
    let reply = ctx.send(request).await?;
    let unused_bearer = |o: Outcome| {
        o.fact(
            "bearer_token",
            ctx.opt("bearer_token").map(|_| {
                "not checked: the portal does not use it, and the reads it allows are billed by X"
            }),
        )
    };
    if reply.status == 200 {
        let answer: std::collections::HashMap<String, String> =
            url::form_urlencoded::parse(&reply.body)
                .into_owned()
                .collect();
        if !answer.contains_key("oauth_token") {
            return Err(reply.unexpected());
        }
        if answer.get("oauth_callback_confirmed").map(String::as_str) != Some("true") {
            return Ok(unused_bearer(
                Outcome::warning("X accepted the API key and secret but did not confirm the portal's callback URL (no oauth_callback_confirmed=true)")
                    .fact("redirect_uri", "not verified")
                    .fact("callback_url", callback)
                    .advice(format!("Check that {callback} is listed as a Callback URI in the app's User authentication settings on console.x.com.")),
            ));
        }
        return Ok(unused_bearer(
            Outcome::ok("X issued a request token for the API key and secret, with the portal's callback URL")
                .fact("redirect_uri", "registered")
                .fact("callback_url", callback),
        ));
    }
    let errors = x_errors(&reply);
    let Some((code, message)) = errors.first().cloned() else {
        // A 401/403 without X's own error list is not X's answer (issue 9.5).
        return Err(match reply.status {
            401 | 403 | 407 => reply.not_the_provider("X"),
            _ => reply.unexpected(),
        });
    };
    let outcome = match code {
        // "Could not authenticate you.": the signature does not verify with this key pair.
        32 => Outcome::rejected(format!("X refused the API key and secret (error 32: {message})"))
            .advice("Copy the API Key and API Key Secret again from the app's Keys and tokens on console.x.com; after Regenerate only the new pair works, so update both fields. The OAuth 2.0 Client ID and Secret are not these keys."),
        // "Unable to verify your credentials", as X words it on some oauth endpoints.
        99 => Outcome::rejected(format!("X refused the API key and secret (error 99: {message})"))
            .advice("Copy the API Key and API Key Secret again from the app's Keys and tokens on console.x.com; after Regenerate only the new pair works, so update both fields."),
        // "Callback URL not approved for this client application."
        415 => Outcome::misconfigured(format!(
            "X accepted the API key and secret but refused the portal's callback URL {callback} (error 415: {message})"
        ))
        .reason(Reason::Setup)
        .fact("redirect_uri", "not registered")
        .fact("callback_url", callback)
        .advice(format!(
            "On console.x.com, open the app's User authentication settings (Set up or Edit), add {callback} under Callback URI / Redirect URL, and save; the portal's sign-in with X fails until it is listed."
        )),
        // "Timestamp out of bounds": this machine's clock is off.
        135 => Outcome::misconfigured(format!(
            "X refused the request's timestamp (error 135: {message}); this machine's clock is off"
        ))
        .reason(Reason::Clock)
        .advice("Set this machine's clock right (NTP), then check again; the keys were not judged."),
        _ => return Err(reply.unexpected()),
    };
    Ok(unused_bearer(outcome.fact("x_error", code)))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The worked example of X's "Creating a signature" page (a request without a token has
    /// the same shape, minus `oauth_token`): checks the encoding and the sort order.
    #[test]
    fn encodes_like_rfc_5849() {
        assert_eq!(pct("Ladies + Gentlemen"), "Ladies%20%2B%20Gentlemen");
        assert_eq!(pct("An encoded string!"), "An%20encoded%20string%21");
        assert_eq!(pct("Dogs, Cats & Mice"), "Dogs%2C%20Cats%20%26%20Mice");
        assert_eq!(pct("☃"), "%E2%98%83");
        assert_eq!(pct("a-b.c_d~e"), "a-b.c_d~e");
    }

    #[test]
    fn header_names_every_oauth_parameter_once() {
        let url = url::Url::parse("https://api.twitter.com/oauth/request_token").unwrap();
        let header = oauth1_header(
            "POST",
            &url,
            "key",
            "secret",
            "https://service.onlyoffice.com/oauth2.aspx",
            "abc",
            1,
        );
        for name in [
            "oauth_callback=\"https%3A%2F%2Fservice.onlyoffice.com%2Foauth2.aspx\"",
            "oauth_consumer_key=\"key\"",
            "oauth_nonce=\"abc\"",
            "oauth_signature_method=\"HMAC-SHA1\"",
            "oauth_timestamp=\"1\"",
            "oauth_version=\"1.0\"",
            "oauth_signature=\"",
        ] {
            assert_eq!(header.matches(name).count(), 1, "{name} in {header}");
        }
        assert!(
            !header.contains("secret\""),
            "the secret never goes on the wire"
        );
    }
}
