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
    assert_eq!(providers.len(), integrate::catalog::all().len());
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
    // `category` is the first of `categories`, and each label fits: a sign-in provider is not
    // a drive, an SMS gateway places no calls.
    let categories = |id: &str| -> Vec<String> {
        let p = providers.iter().find(|p| p["id"] == id).unwrap();
        let all: Vec<String> = p["categories"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c.as_str().unwrap().to_string())
            .collect();
        assert_eq!(p["category"], all[0], "{id}");
        all
    };
    for p in providers {
        categories(p["id"].as_str().unwrap());
    }
    assert_eq!(categories("google"), ["login", "drive"]);
    assert_eq!(categories("dropbox"), ["drive"]);
    assert_eq!(categories("linkedin"), ["login"]);
    assert_eq!(categories("twilio"), ["sms", "calls"]);
    assert_eq!(categories("clickatell"), ["sms"]);
    assert_eq!(categories("smsc"), ["sms"]);
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

/// Every provider's `[expiry]`, in the chosen language like `check`: whether a date can be read
/// and how, or why not.
#[test]
fn providers_json_shows_each_expiry() {
    let sandbox = Sandbox::new();
    let en = sandbox.run(&["providers", "--format", "json"]).json();
    let fr = sandbox
        .run(&["providers", "--format", "json", "--lang", "fr"])
        .json();
    let find = |doc: &serde_json::Value, id: &str| {
        doc["providers"]
            .as_array()
            .unwrap()
            .iter()
            .find(|p| p["id"] == id)
            .unwrap()["expiry"]
            .clone()
    };
    for provider in integrate::catalog::all() {
        let (e, f) = (find(&en, &provider.id), find(&fr, &provider.id));
        assert_eq!(e["visible"], provider.expiry.visible, "{}", provider.id);
        assert_eq!(e["what"], provider.expiry.what.en.as_str());
        assert_eq!(e["how"], provider.expiry.how.en.as_str());
        assert_eq!(f["what"], provider.expiry.what.fr.as_str());
        assert_eq!(f["how"], provider.expiry.how.fr.as_str());
        assert_eq!(e["sources"], serde_json::json!(provider.expiry.sources));
        assert_eq!(e["probe"].is_null(), provider.expiry.probe.is_none());
    }
    let gcs = find(&en, "gcs");
    assert_eq!(gcs["visible"], true);
    assert_eq!(gcs["probe"], "google_key_metadata");
    let google = find(&en, "google");
    assert_eq!(google["visible"], false);
    assert!(google["probe"].is_null());
    assert!(
        google["what"]
            .as_str()
            .unwrap()
            .starts_with("Nothing: a Google OAuth client secret"),
        "{google}"
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

/// Display width in characters (the guides and the table use no double-width characters).
fn columns(line: &str) -> usize {
    line.chars().count()
}

#[test]
fn providers_table_cuts_the_description_to_the_width() {
    let sandbox = Sandbox::new();
    for width in ["80", "100", "70"] {
        let mut cmd = sandbox.command(&["providers"]);
        cmd.env("COLUMNS", width);
        let out = sandbox.run_with(cmd);
        assert_eq!(out.code, 0, "{}", out.stderr);
        let width: usize = width.parse().unwrap();
        for line in out.stdout.lines() {
            assert!(columns(line) <= width, "wider than {width}: {line:?}");
        }
        assert_eq!(out.stdout.lines().count(), 29, "{}", out.stdout);
    }
    // Not a terminal and no COLUMNS: 80 columns, and the cut descriptions say so.
    let out = sandbox.run(&["providers"]);
    assert!(out.stdout.lines().all(|l| columns(l) <= 80));
    let s3 = out.stdout.lines().find(|l| l.starts_with("s3 ")).unwrap();
    assert!(s3.ends_with('…'), "{s3}");
    // The JSON document keeps the whole text.
    let json = sandbox.run(&["providers", "--format", "json"]).json();
    let s3 = json["providers"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["id"] == "s3")
        .unwrap()
        .clone();
    let enables = s3["enables"].as_str().unwrap();
    assert!(!enables.contains('…') && columns(enables) > 40, "{enables}");
}

#[test]
fn guide_wraps_to_the_width_with_hanging_indents() {
    let sandbox = Sandbox::new();
    for (lang, width) in [("en", 50usize), ("fr", 64), ("en", 80)] {
        let mut cmd = sandbox.command(&["--lang", lang, "guide", "google"]);
        cmd.env("COLUMNS", width.to_string());
        let out = sandbox.run_with(cmd);
        assert_eq!(out.code, 0, "{}", out.stderr);
        let lines: Vec<&str> = out.stdout.lines().collect();
        for line in &lines {
            // Only a word that cannot be split (a URL) may stick out, after its label at most.
            let (head, last) = line.trim_end().rsplit_once(' ').unwrap_or(("", line));
            let head = head.trim();
            let unsplittable = columns(last) > 25 && (head.is_empty() || head.ends_with(':'));
            assert!(
                columns(line) <= width || unsplittable,
                "{lang} {width}: {line:?}"
            );
        }
        // A step that wraps continues under its own text, not under its number.
        let step = lines
            .iter()
            .position(|l| l.starts_with("   1. "))
            .expect("step 1");
        let mut continued = 0;
        for line in &lines[step + 1..] {
            if line.is_empty() {
                break;
            }
            if !line.trim_start().starts_with(|c: char| c.is_ascii_digit()) {
                assert!(
                    line.starts_with("      ") && !line.starts_with("       "),
                    "{line:?}"
                );
                continued += 1;
            }
        }
        assert!(continued > 0, "no step wrapped at {width}");
    }
}

#[test]
fn guide_redirect_uri_follows_the_portal_kind_and_says_why() {
    let sandbox = Sandbox::new();
    sandbox.write_config("[portal]\nkind = \"docspace\"\n");
    let out = sandbox.run(&["guide", "dropbox"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        out.stdout
            .contains("Redirect URI: https://service.teamlab.info/oauth2.aspx\n"),
        "{}",
        out.stdout
    );
    assert!(out.stdout.contains("DocSpace's default"), "{}", out.stdout);
    // The steps use the same URI.
    let steps = out.stdout.split("Fields").next().unwrap();
    assert!(!steps.contains("service.onlyoffice.com/oauth2.aspx dans"));
    assert!(
        steps
            .matches("https://service.teamlab.info/oauth2.aspx")
            .count()
            >= 2
    );

    sandbox.write_config("[portal]\nkind = \"workspace\"\n");
    let out = sandbox.run(&["--lang", "fr", "guide", "dropbox"]);
    assert!(
        out.stdout
            .contains("URI de redirection\u{a0}: https://service.onlyoffice.com/oauth2.aspx\n"),
        "{}",
        out.stdout
    );
    assert!(out.stdout.contains("Valeur par défaut de Workspace"));

    // Providers without an OAuth redirect have no such line.
    let out = sandbox.run(&["guide", "telegram"]);
    assert!(!out.stdout.contains("Redirect URI"), "{}", out.stdout);

    sandbox.write_config("[portal]\nkind = \"onprem\"\n");
    let out = sandbox.run(&["guide", "dropbox"]);
    assert_eq!(out.code, 2);
    assert!(
        out.stderr.contains("[portal] kind") && out.stderr.contains("\"workspace\""),
        "{}",
        out.stderr
    );
}
