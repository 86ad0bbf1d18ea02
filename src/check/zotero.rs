//! Zotero: the editor plugin's own validation, `GET /keys/<key>` (PL
//! `sdkjs-plugins/content/zotero/src/app/zotero/zotero.js` `setApiKey`), which answers the key's
//! owner and permissions. Afterwards the plugin only reads (items of the personal library and
//! of groups): read access is what it needs, and a key without write access is fine.

use std::collections::BTreeMap;

use serde::Deserialize;

use super::{Ctx, Outcome, Reason, Verdict};

#[derive(Deserialize)]
struct Key {
    #[serde(rename = "userID")]
    user_id: i64,
    #[serde(default)]
    username: Option<String>,
    #[serde(default)]
    access: Access,
}

#[derive(Deserialize, Default)]
struct Access {
    #[serde(default)]
    user: Option<Rights>,
    /// `all`, or one entry per group id.
    #[serde(default)]
    groups: BTreeMap<String, Rights>,
}

#[derive(Deserialize, Default, Clone, Copy)]
struct Rights {
    #[serde(default)]
    library: bool,
    #[serde(default)]
    write: bool,
}

pub async fn check(ctx: &Ctx<'_>) -> Verdict {
    // https://www.zotero.org/support/dev/web_api/v3/basics ("keys/<key>": the key's own
    // description, readable without sending the key in a header, as the plugin does).
    let url = ctx.url(
        "https://api.zotero.org",
        &format!("/keys/{}", ctx.get("api_key")),
    )?;
    let request = ctx.client.get(url).header("Zotero-API-Version", "3");
    let reply = ctx.send(request).await?;
    let text = reply.text();
    match reply.status {
        200 => {}
        // Zotero's own plain-text refusals (zotero/dataserver `KeysController.php`,
        // `ApiController.php`): "Key '…' not found" for an unknown key, "Invalid key" when a
        // key header is refused.
        404 if text.starts_with("Key ") && text.trim_end().ends_with("not found") => {
            return Ok(Outcome::rejected("Zotero does not know this API key (404 Key not found)")
                .advice("Copy the key again from https://www.zotero.org/settings/keys, or create a new private key there; note that Zotero blocks an IP for a while after five bad keys."));
        }
        403 if text.trim() == "Invalid key" => {
            return Ok(Outcome::rejected("Zotero does not know this API key (403 Invalid key)")
                .advice("Copy the key again from https://www.zotero.org/settings/keys, or create a new private key there; note that Zotero blocks an IP for a while after five bad keys."));
        }
        401 | 403 | 407 => return Err(reply.not_the_provider("Zotero")),
        _ => return Err(reply.unexpected()),
    }
    let key: Key = reply.json()?;
    let user = key.access.user.unwrap_or_default();
    let rights = |r: Rights| match (r.library, r.write) {
        (true, true) => "read/write",
        (true, false) => "read only",
        _ => "none",
    };
    let groups: BTreeMap<String, &str> = key
        .access
        .groups
        .iter()
        .map(|(id, r)| (id.clone(), rights(*r)))
        .collect();
    let facts = |o: Outcome| {
        o.fact("user_id", key.user_id)
            .fact("username", key.username.clone())
            .fact("personal_library", rights(user))
            .fact("groups", serde_json::to_value(&groups).unwrap_or_default())
    };
    let who = key
        .username
        .clone()
        .unwrap_or_else(|| key.user_id.to_string());
    let group_read = match key.access.groups.get("all") {
        Some(all) => all.library,
        None => key.access.groups.values().any(|r| r.library),
    };
    if !user.library && !group_read {
        return Ok(facts(Outcome::misconfigured(format!(
            "the key of {who} cannot read any library, so the plugin finds no references"
        )))
        .reason(Reason::Permission)
        .advice("Edit the key at https://www.zotero.org/settings/keys: under Personal Library, tick Allow library access (read only is enough), then Save Key (the key stays the same)."));
    }
    let ok = facts(Outcome::ok(format!(
        "Zotero accepted the key of {who}, with read access to {}",
        match (user.library, group_read) {
            (true, true) => "the personal library and groups",
            (true, false) => "the personal library",
            _ => "group libraries",
        }
    )))
    .fact("write_access", "not needed: the plugin only reads");
    if !user.library {
        return Ok(ok
            .warn_if_ok("but not to the personal library, where the plugin looks first")
            .advice("Edit the key at https://www.zotero.org/settings/keys: under Personal Library, tick Allow library access, then Save Key."));
    }
    Ok(ok)
}
