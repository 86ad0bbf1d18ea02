//! VK: the portal's own code exchange at `oauth.vk.com/access_token` (a form POST with
//! `grant_type=authorization_code`), sent with a dummy code (verification.md §24; parity 8.1).
//! A good app gets the code refused, a bad one `invalid_client` naming the wrong value. No
//! source says VK judges the app before the code, so the shared probe also sends an altered
//! secret and compares (issue 9.6).

use super::probes::oauth::{self, TokenRequest};
use super::{Ctx, Verdict};

const SETTINGS: &str =
    "the app settings (VK ID cabinet at https://id.vk.com/business/go, or vk.com/apps?act=manage)";

pub async fn check(ctx: &Ctx<'_>) -> Verdict {
    // The portal: VKLoginProvider.cs (DocSpace-server, CommunityServer) through
    // OAuth20TokenHelper: POST form, code, client_id, client_secret, redirect_uri.
    let request = TokenRequest::code_exchange(
        ctx,
        "https://oauth.vk.com",
        "/access_token",
        ctx.get("client_id"),
        ctx.get("client_secret"),
    );
    let (reply, err) = oauth::dummy_code_refusal(ctx, &request).await?;
    // "Code is invalid or expired." (7even/vkontakte_api#38), or "redirect_uri is invalid,
    // please pass same redirect_uri…" (mamantoha/omniauth-vkontakte#43): the app passed.
    if err.is("invalid_grant") {
        return Ok(oauth::accepted(&err, "VK"));
    }
    if !err.is("invalid_client") {
        return Err(reply.unexpected());
    }
    Ok(match err.error_description.as_deref().unwrap_or("") {
        // yiisoft/yii2-authclient#248
        "client_secret is incorrect" => oauth::refused(&reply, &err, "VK refused the secure key")
            .advice(format!("Copy the Secure key (Защищённый ключ) again from {SETTINGS}; not the Service access key, which is much longer.")),
        // mamantoha/omniauth-vkontakte#70
        "client_id is incorrect" => oauth::refused(&reply, &err, "VK does not know this app id")
            .advice(format!("Copy the App ID (digits only) from {SETTINGS}; if the app was deleted or blocked, create a new one.")),
        // "client_secret is undefined" (VKCOM/vk-php-sdk#96) means the probe sent none: no
        // verdict on the keys.
        _ => reply.unexpected(),
    })
}
