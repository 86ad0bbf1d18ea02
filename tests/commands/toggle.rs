//! `integrate remove`, `enable`, `disable`.

use crate::support::Sandbox;

fn configured() -> Sandbox {
    let sandbox = Sandbox::new();
    sandbox.write_config(&format!(
        "# keep me\n[providers.telegram]\nbot_token = \"{}\" # from BotFather\nbot_name = \"PortalNotifyBot\"\n\n[providers.bitly]\naccess_token = \"0123456789abcdef0123456789abcdef01234567\"\n",
        crate::fakes::telegram::TOKEN
    ));
    sandbox
}

#[test]
fn disable_then_enable_keeps_comments() {
    let sandbox = configured();
    assert_eq!(sandbox.run(&["disable", "telegram"]).code, 0);
    let text = sandbox.read_config();
    assert!(
        text.contains("enabled = false")
            && text.contains("# from BotFather")
            && text.starts_with("# keep me"),
        "{text}"
    );
    let list = sandbox.run(&["providers", "--format", "json"]).json();
    let telegram = list["providers"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["id"] == "telegram")
        .unwrap()
        .clone();
    assert_eq!(telegram["enabled"], false);
    let check = sandbox.run(&["check", "--format", "json"]);
    assert!(
        !check.stdout.contains("\"telegram\""),
        "a disabled provider is not checked by default: {}",
        check.stdout
    );
    assert_eq!(sandbox.run(&["enable", "telegram"]).code, 0);
    assert!(sandbox.read_config().contains("enabled = true"));
}

#[test]
fn remove_deletes_the_table_only() {
    let sandbox = configured();
    let out = sandbox.run(&["remove", "telegram"]);
    assert_eq!(out.code, 0, "{}", out.all());
    let text = sandbox.read_config();
    assert!(
        !text.contains("telegram")
            && text.contains("[providers.bitly]")
            && text.starts_with("# keep me"),
        "{text}"
    );
    let again = sandbox.run(&["remove", "telegram"]);
    assert_eq!(again.code, 2);
}

#[test]
fn enable_an_unconfigured_provider_is_a_usage_error() {
    let out = Sandbox::new().run(&["enable", "dropbox"]);
    assert_eq!(out.code, 2);
    assert!(
        out.stderr.contains("integrate add dropbox"),
        "{}",
        out.stderr
    );
}

#[test]
fn check_unknown_id_exits_2_and_a_named_unconfigured_one_is_misconfigured() {
    let sandbox = configured();
    let out = sandbox.run(&["check", "telegarm"]);
    assert_eq!(out.code, 2);
    assert!(out.stderr.contains("telegram"), "{}", out.stderr);
    let out = sandbox.run(&["check", "dropbox", "--format", "json"]);
    assert_eq!(out.code, 1, "{}", out.all());
    assert_eq!(out.status("dropbox"), "misconfigured");
    assert_eq!(out.result("dropbox")["reason"], "missing_field");
    assert!(
        out.text("dropbox", "advice")
            .contains("integrate add dropbox"),
        "{}",
        out.stdout
    );
}

#[test]
fn check_plain_http_endpoint_on_remote_host_is_that_providers_config_error() {
    let sandbox = configured();
    let mut cmd = sandbox.command(&["check", "telegram", "--format", "json"]);
    cmd.env("INTEGRATE_TELEGRAM_ENDPOINT", "http://api.example.com");
    let out = sandbox.run_with(cmd);
    assert_eq!(out.code, 1, "{}", out.all());
    assert_eq!(out.status("telegram"), "misconfigured");
    assert_eq!(out.result("telegram")["reason"], "config");
    assert!(
        out.text("telegram", "message").contains("loopback"),
        "{}",
        out.stdout
    );
}
