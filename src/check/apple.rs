//! Apple (Sign in with Apple): an ES256 client secret signed with the .p8 key, sent with a
//! dummy authorization code; Apple judges the client before the code (verification.md §2).

use std::time::{SystemTime, UNIX_EPOCH};

use jsonwebtoken::{Algorithm, EncodingKey, Header};
use serde::Serialize;

use super::probes::oauth::{self, TokenRequest, Verdicts};
use super::{Ctx, Outcome, Status, Verdict};

pub const AUDIENCE: &str = "https://appleid.apple.com";

#[derive(Serialize)]
struct Claims<'a> {
    iss: &'a str,
    iat: u64,
    exp: u64,
    aud: &'a str,
    sub: &'a str,
}

/// The client secret Apple expects: a short-lived ES256 JWT (5 minutes; Apple allows 6 months).
fn client_secret(ctx: &Ctx<'_>) -> Result<String, String> {
    let key = EncodingKey::from_ec_pem(ctx.get("private_key").trim().as_bytes())
        .map_err(|e| format!("the private key cannot sign ES256 ({e})"))?;
    let mut header = Header::new(Algorithm::ES256);
    header.kid = Some(ctx.get("key_id").to_string());
    let now = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0);
    let claims = Claims {
        iss: ctx.get("team_id"),
        iat: now,
        exp: now + 300,
        aud: AUDIENCE,
        sub: ctx.get("client_id"),
    };
    jsonwebtoken::encode(&header, &claims, &key).map_err(|e| format!("signing failed ({e})"))
}

pub async fn check(ctx: &Ctx<'_>) -> Verdict {
    let secret = client_secret(ctx).map_err(|why| {
        Outcome::rejected(format!("private_key: {why}; no request sent"))
            .advice("Paste the whole AuthKey_<key id>.p8 file as Apple issued it (--set private_key=@AuthKey_XXXXXXXXXX.p8).")
    })?;
    // https://developer.apple.com/documentation/sign_in_with_apple/generate_and_validate_tokens
    let request = TokenRequest::code_exchange(
        ctx,
        "https://appleid.apple.com",
        "/auth/token",
        ctx.get("client_id"),
        &secret,
    );
    let reply = oauth::token_request(ctx, &request).await?;
    if reply.status != 400 {
        return Err(reply.unexpected());
    }
    // `unauthorized_client` is about the grant type, not the keys: left to `unexpected`.
    let verdicts = Verdicts {
        client_accepted: &["invalid_grant"],
        client_refused: &["invalid_client"],
    };
    let outcome = oauth::classify(&reply, &verdicts, "Apple")
        .fact("team_id", ctx.get("team_id"))
        .fact("key_id", ctx.get("key_id"));
    if outcome.status != Status::Rejected {
        return Ok(outcome);
    }
    Ok(Outcome {
        message: "Apple refused the client (invalid_client): one of client_id, team_id, key_id or private_key does not match".into(),
        ..outcome
    }
    .advice(format!(
        "Apple does not say which value is wrong. Check, in Certificates, Identifiers & Profiles: \
         (1) client_id is the Services ID identifier ({}), not the App ID or bundle ID, and has Sign in with Apple enabled; \
         (2) team_id is the Team ID shown in Membership details; \
         (3) key_id is the Key ID of this .p8 key (AuthKey_<key id>.p8); \
         (4) the key is not revoked and has Sign in with Apple enabled, for the primary App ID this Services ID is grouped with; \
         (5) the Services ID belongs to the same team as the key (the secret's `sub` must be the Services ID).",
        ctx.get("client_id")
    )))
}
