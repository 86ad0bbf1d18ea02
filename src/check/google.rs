//! Google: the dummy authorization code at the token endpoint the portal uses,
//! `www.googleapis.com/oauth2/v4/token` (an alias of `oauth2.googleapis.com/token`;
//! verification.md §11, parity 8.1). No source says Google judges the client before the code,
//! so the shared probe also sends an altered secret and compares (issue 9.6).

use super::probes::oauth::{self, TokenRequest};
use super::{Ctx, Outcome, Verdict};

const CREDENTIALS: &str = "Google Cloud console > APIs & Services > Credentials (https://console.cloud.google.com/apis/credentials)";

pub async fn check(ctx: &Ctx<'_>) -> Verdict {
    let client_id = ctx.get("client_id");
    // https://developers.google.com/identity/protocols/oauth2/web-server#exchange-authorization-code
    // The portal: GoogleLoginProvider.cs (DocSpace-server, CommunityServer).
    let request = TokenRequest::code_exchange(
        ctx,
        "https://www.googleapis.com",
        "/oauth2/v4/token",
        client_id,
        ctx.get("client_secret"),
    );
    // The digits before the first hyphen are the project number (commonly observed).
    let project = client_id
        .split_once('-')
        .map(|(n, _)| n)
        .filter(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()));
    let facts = |o: Outcome| o.fact("project_number", project);
    let (reply, err) = oauth::dummy_code_refusal(ctx, &request)
        .await
        .map_err(facts)?;
    let description = err.error_description.as_deref().unwrap_or("").trim();
    let outcome = if err.is("invalid_grant") {
        // "Malformed auth code.": the client passed, only the code was refused.
        oauth::accepted(&err, "Google")
    } else if err.is("invalid_client") && description.contains("OAuth client was not found") {
        oauth::refused(&reply, &err, "Google does not know this client_id")
            .advice(format!("Copy the whole Client ID (digits-….apps.googleusercontent.com) of a Web application client from {CREDENTIALS}; check that it belongs to the right project."))
    } else if err.is("invalid_client") && description.eq_ignore_ascii_case("Unauthorized") {
        oauth::refused(&reply, &err, "Google knows this client_id but refused the client_secret")
            .advice(format!("Copy the Client secret of this client again from {CREDENTIALS} (open the client); if it is no longer shown, add a new secret to the same client and enter that."))
    } else if err.is("invalid_client") {
        oauth::refused(&reply, &err, "Google refused the client id or secret").advice(format!(
            "Copy the Client ID and Client secret again from {CREDENTIALS}."
        ))
    } else if err.is("disabled_client") {
        // "The OAuth client was disabled." (issue 9.4)
        oauth::refused(&reply, &err, "Google says this OAuth client is disabled")
            .advice(format!("Enable the client again under {CREDENTIALS} (open it and click Enable), or create a new Web application client and enter its ID and secret."))
    } else if err.is("deleted_client") {
        oauth::refused(&reply, &err, "Google says this OAuth client was deleted")
            .advice(format!("Restore the client under {CREDENTIALS} (deleted clients can be restored for a while), or create a new Web application client and enter its ID and secret."))
    } else if err.is("redirect_uri_mismatch") {
        // UNCONFIRMED whether Google checks the redirect before the code; the client passed.
        Outcome::misconfigured(format!(
            "Google accepted the client, but the redirect URI {} is not registered for it",
            ctx.redirect_uri
        ))
        .fact("provider_answer", err.describe())
        .advice(format!(
            "Open the client under {CREDENTIALS} and add {} under Authorized redirect URIs, then Save.",
            ctx.redirect_uri
        ))
    } else {
        reply.unexpected()
    };
    Ok(facts(outcome))
}
