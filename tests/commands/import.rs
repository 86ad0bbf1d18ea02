//! `integrate import`: a portal file's keys land in the integrate config, and
//! import → export → import loses nothing, in both Workspace layouts and the DocSpace JSON.

use std::fs;

use super::{
    GCS_JSON, GOOGLE_SECRET, S3_SECRET, TELEGRAM_TOKEN, configure, copy_fixture, fixture,
    read_fixture, secrets,
};
use crate::support::{Sandbox, assert_no_leak};

/// `config show --format json` is another helper's; compare the stored TOML values instead.
fn stored(sandbox: &Sandbox, id: &str, field: &str) -> Option<String> {
    let doc: toml_edit::DocumentMut = sandbox.read_config().parse().unwrap();
    doc.get("providers")?.get(id)?.get(field).and_then(|v| {
        v.as_str()
            .map(str::to_string)
            .or_else(|| v.as_bool().map(|b| b.to_string()))
    })
}

#[test]
fn import_workspace_reads_the_portal_keys() {
    let sandbox = Sandbox::new();
    let file = fixture("web.consumers.old.expected.config");
    let out = sandbox.run(&["import", "workspace", file.to_str().unwrap()]);
    assert_eq!(out.code, 0, "{}", out.all());
    assert_eq!(
        stored(&sandbox, "telegram", "bot_token").as_deref(),
        Some(TELEGRAM_TOKEN)
    );
    assert_eq!(
        stored(&sandbox, "telegram", "bot_name").as_deref(),
        Some("PortalNotifyBot")
    );
    assert_eq!(
        stored(&sandbox, "s3", "secret_access_key").as_deref(),
        Some(S3_SECRET)
    );
    assert_eq!(
        stored(&sandbox, "s3", "bucket").as_deref(),
        Some("portal-backup")
    );
    assert_eq!(
        stored(&sandbox, "gcs", "service_account_json").as_deref(),
        Some(GCS_JSON)
    );
    assert_eq!(
        stored(&sandbox, "docusign", "auth_host").as_deref(),
        Some("account-d.docusign.com")
    );
    // Redirect URLs and other shipped defaults do not make a provider configured.
    assert_eq!(stored(&sandbox, "wordpress", "client_id"), None);
    assert!(
        out.stdout.contains("telegram (bot_name, bot_token)"),
        "{}",
        out.stdout
    );
    assert_no_leak(&out, &secrets());
}

/// import → export into a pristine copy → import: the file is rebuilt byte for byte and the
/// second import stores exactly what the first one did.
fn round_trip(generation: &str, filled: &str, pristine: &str) {
    let first = Sandbox::new();
    let out = first.run(&["import", generation, fixture(filled).to_str().unwrap()]);
    assert_eq!(out.code, 0, "{}", out.all());
    let target = copy_fixture(&first, pristine, "portal");
    let out = first.run(&["export", generation, "--path", target.to_str().unwrap()]);
    assert_eq!(out.code, 0, "{}", out.all());
    assert_eq!(fs::read_to_string(&target).unwrap(), read_fixture(filled));

    let second = Sandbox::new();
    let out = second.run(&["import", generation, target.to_str().unwrap()]);
    assert_eq!(out.code, 0, "{}", out.all());
    assert_eq!(first.read_config(), second.read_config());
}

#[test]
fn import_round_trip_old_workspace_layout_loses_nothing() {
    round_trip(
        "workspace",
        "web.consumers.old.expected.config",
        "web.consumers.old.config",
    );
}

#[test]
fn import_round_trip_new_workspace_layout_loses_nothing() {
    round_trip(
        "workspace",
        "web.consumers.new.expected.config",
        "web.consumers.new.config",
    );
}

#[test]
fn import_round_trip_docspace_loses_nothing() {
    round_trip(
        "docspace",
        "autofac.consumers.expected.json",
        "autofac.consumers.json",
    );
}

#[test]
fn import_then_export_of_configured_values_is_stable() {
    // The other direction: configured values → export → import gives the same values back.
    let sandbox = Sandbox::new();
    configure(&sandbox);
    let file = copy_fixture(&sandbox, "web.consumers.new.config", "w");
    assert_eq!(
        sandbox
            .run(&["export", "workspace", "--path", file.to_str().unwrap()])
            .code,
        0
    );
    let other = Sandbox::new();
    let out = other.run(&["import", "workspace", file.to_str().unwrap()]);
    assert_eq!(out.code, 0, "{}", out.all());
    assert_eq!(
        stored(&other, "google", "client_secret").as_deref(),
        Some(GOOGLE_SECRET)
    );
    assert_eq!(
        stored(&other, "gcs", "service_account_json").as_deref(),
        Some(GCS_JSON)
    );
    assert_eq!(
        stored(&other, "s3", "secret_access_key").as_deref(),
        Some(S3_SECRET)
    );
}

#[test]
fn import_malformed_file_is_named_with_position_and_untouched() {
    let sandbox = Sandbox::new();
    let file = sandbox.dir.path().join("web.consumers.config");
    let broken = "<consumers>\n  <components>\n    <component name=\"Telegram\">\n      <props>\n        <item key=\"telegramBotToken\" value=\"x />\n";
    fs::write(&file, broken).unwrap();
    let out = sandbox.run(&["import", "workspace", file.to_str().unwrap()]);
    assert_eq!(out.code, 2, "{}", out.all());
    assert!(
        out.stderr.contains(&format!("{}:", file.display())),
        "{}",
        out.stderr
    );
    assert_eq!(fs::read_to_string(&file).unwrap(), broken);
    assert!(!sandbox.config.exists());
}
