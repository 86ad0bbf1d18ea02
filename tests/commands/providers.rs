//! `integrate providers` and `integrate guide`.

use crate::support::Sandbox;

#[test]
fn providers_json_has_the_spec_shape() {
    let sandbox = Sandbox::new();
    sandbox.write_config(&format!(
        "[providers.telegram]\nbot_token = \"{}\"\nbot_name = \"PortalNotifyBot\"\nenabled = false\n",
        crate::fakes::telegram::TOKEN
    ));
    let out = sandbox.run(&["providers", "--format", "json"]);
    assert_eq!(out.code, 0);
    let doc = out.json();
    assert_eq!(doc["version"], 1);
    let providers = doc["providers"].as_array().unwrap();
    assert_eq!(providers.len(), 28);
    for p in providers {
        for key in ["id", "name", "category", "fields", "configured", "enabled"] {
            assert!(p.get(key).is_some(), "{key} missing in {p}");
        }
        for f in p["fields"].as_array().unwrap() {
            assert!(
                f["name"].is_string() && f["secret"].is_boolean() && f["required"].is_boolean()
            );
        }
    }
    let telegram = providers.iter().find(|p| p["id"] == "telegram").unwrap();
    assert_eq!(telegram["configured"], true);
    assert_eq!(telegram["enabled"], false);
    assert_eq!(
        telegram["portal"]["workspace"]["keys"]["bot_token"],
        "telegramBotToken"
    );
    let s3 = providers.iter().find(|p| p["id"] == "s3").unwrap();
    assert_eq!(s3["configured"], false);
    assert_eq!(
        s3["portal"]["workspace"]["keys"]["access_key_id"],
        "acesskey"
    );
}

#[test]
fn providers_list_alias_prints_a_table() {
    let out = Sandbox::new().run(&["list"]);
    assert_eq!(out.code, 0);
    assert!(out.stdout.contains("telegram") && out.stdout.contains("zotero"));
}

#[test]
fn guide_unknown_id_suggests_the_closest() {
    let out = Sandbox::new().run(&["guide", "dropbx"]);
    assert_eq!(out.code, 2);
    assert!(out.stderr.contains("dropbox"), "{}", out.stderr);
}

#[test]
fn guide_fills_the_redirect_uri_in_english_and_french() {
    let sandbox = Sandbox::new();
    sandbox.write_config("[portal]\nredirect_uri = \"https://relay.example.org/oauth2.aspx\"\n");
    let en = sandbox.run(&["guide", "dropbox"]);
    assert_eq!(en.code, 0);
    assert!(
        en.stdout.contains("https://relay.example.org/oauth2.aspx"),
        "{}",
        en.stdout
    );
    assert!(!en.stdout.contains("{redirect_uri}"));
    let fr = sandbox.run(&["--lang", "fr", "guide", "dropbox"]);
    assert!(
        fr.stdout.contains("Étapes") && fr.stdout.contains("https://relay.example.org/oauth2.aspx"),
        "{}",
        fr.stdout
    );
    let mut cmd = sandbox.command(&["guide", "x"]);
    cmd.env("LANG", "fr_FR.UTF-8");
    let fr_env = sandbox.run_with(cmd);
    assert!(fr_env.stdout.contains("Étapes"), "{}", fr_env.stdout);
    assert!(fr_env.stdout.contains("X") || fr_env.stdout.contains("Twitter"));
}

#[test]
fn guide_default_redirect_uri_is_the_onlyoffice_relay() {
    let out = Sandbox::new().run(&["guide", "google"]);
    assert!(
        out.stdout
            .contains("https://service.onlyoffice.com/oauth2.aspx"),
        "{}",
        out.stdout
    );
}
