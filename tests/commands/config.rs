//! `integrate config path|show`, the config file's safety rules, and the environment.

use crate::support::Sandbox;

const TOKEN: &str = crate::fakes::telegram::TOKEN;

#[test]
fn config_path_follows_flag_env_and_xdg() {
    let sandbox = Sandbox::new();
    let out = sandbox.run(&["config", "path"]);
    assert_eq!(out.stdout.trim(), sandbox.config.display().to_string());
    let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_integrate"));
    cmd.args(["config", "path"])
        .env_remove("INTEGRATE_CONFIG")
        .env("XDG_CONFIG_HOME", sandbox.dir.path());
    let out = sandbox.run_with(cmd);
    assert_eq!(
        out.stdout.trim(),
        sandbox
            .dir
            .path()
            .join("integrate/integrate.toml")
            .display()
            .to_string()
    );
    let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_integrate"));
    cmd.args(["config", "path"])
        .env("INTEGRATE_CONFIG", "/tmp/elsewhere.toml");
    assert_eq!(sandbox.run_with(cmd).stdout.trim(), "/tmp/elsewhere.toml");
}

#[test]
fn config_show_masks_secrets_and_names_sources() {
    let sandbox = Sandbox::new();
    sandbox.write_config(&format!(
        "[providers.telegram]\nbot_token = \"{TOKEN}\"\nbot_name = \"PortalNotifyBot\"\n\n[providers.twilio]\naccount_sid = \"AC0123456789abcdef0123456789abcdef\"\nauth_token = {{ env = \"TWILIO_TOKEN_FOR_TEST\" }}\nphone_number = \"+15005550006\"\n"
    ));
    let mut cmd = sandbox.command(&["config", "show", "--format", "json"]);
    cmd.env("TWILIO_TOKEN_FOR_TEST", "f00dfeedf00dfeedf00dfeedf00dbeef")
        .env("INTEGRATE_TELEGRAM_BOT_NAME", "OverrideBot");
    let out = sandbox.run_with(cmd);
    assert_eq!(out.code, 0, "{}", out.all());
    assert!(
        !out.stdout.contains(&TOKEN[..12]) && !out.stdout.contains("f00dfeedf00d"),
        "{}",
        out.stdout
    );
    let doc = out.json();
    let telegram = doc["providers"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["id"] == "telegram")
        .unwrap()
        .clone();
    let field = |p: &serde_json::Value, name: &str| {
        p["fields"]
            .as_array()
            .unwrap()
            .iter()
            .find(|f| f["name"] == name)
            .unwrap()
            .clone()
    };
    assert_eq!(
        field(&telegram, "bot_token")["value"],
        format!("****{}", &TOKEN[TOKEN.len() - 4..])
    );
    assert_eq!(field(&telegram, "bot_token")["source"], "file");
    assert_eq!(field(&telegram, "bot_name")["value"], "OverrideBot");
    assert_eq!(field(&telegram, "bot_name")["source"], "environment");
    let twilio = doc["providers"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["id"] == "twilio")
        .unwrap()
        .clone();
    assert_eq!(field(&twilio, "auth_token")["source"], "environment");
    assert_eq!(field(&twilio, "auth_token")["value"], "****beef");
}

#[test]
fn config_parse_error_names_file_line_column_and_leaves_the_file_alone() {
    let sandbox = Sandbox::new();
    let broken = "[portal]\nurl = \"https://p\"\n\n[providers.telegram\nbot_name = \"x\"\n";
    sandbox.write_config(broken);
    let out = sandbox.run(&[
        "add",
        "telegram",
        "--set",
        &format!("bot_token={TOKEN}"),
        "--set",
        "bot_name=PortalNotifyBot",
        "--no-check",
    ]);
    assert_eq!(out.code, 2, "{}", out.all());
    let expected = format!("{}:4:", sandbox.config.display());
    assert!(out.stderr.contains(&expected), "{}", out.stderr);
    assert_eq!(
        sandbox.read_config(),
        broken,
        "the file must stay byte-identical"
    );
}

#[test]
fn config_readable_by_others_warns() {
    let sandbox = Sandbox::new();
    sandbox.write_config("[portal]\n");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&sandbox.config, std::fs::Permissions::from_mode(0o644)).unwrap();
        let out = sandbox.run(&["config", "show"]);
        assert!(
            out.stderr.contains("readable by other users") && out.stderr.contains("chmod 600"),
            "{}",
            out.stderr
        );
    }
}

#[test]
fn config_missing_file_at_the_default_path_is_an_empty_configuration() {
    let sandbox = Sandbox::new();
    let out = sandbox.run(&["config", "show"]);
    assert_eq!(out.code, 0, "{}", out.all());
    assert!(out.stdout.contains("does not exist yet"), "{}", out.stdout);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn config_env_only_provider_counts_as_configured() {
    let fake = crate::fakes::telegram::start().await;
    let sandbox = Sandbox::new();
    let mut cmd = sandbox.command(&["check", "--format", "json"]);
    cmd.env("INTEGRATE_TELEGRAM_BOT_TOKEN", TOKEN)
        .env("INTEGRATE_TELEGRAM_BOT_NAME", "PortalNotifyBot")
        .env("INTEGRATE_TELEGRAM_ENDPOINT", &fake.endpoint);
    let out = tokio::task::spawn_blocking(move || cmd.output().unwrap())
        .await
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{stdout}");
    assert!(
        stdout.contains("\"provider\": \"telegram\"") && stdout.contains("\"status\": \"ok\""),
        "{stdout}"
    );
}

#[test]
fn config_unusable_provider_table_is_that_providers_misconfigured_result() {
    let sandbox = Sandbox::new();
    sandbox.write_config(
        "[providers.telegram]\nbot_token = 123\nbot_name = \"PortalNotifyBot\"\n\n[providers.twilio]\naccount_sid = \"AC0123456789abcdef0123456789abcdef\"\nauth_token = { env = \"UNSET_TWILIO_TOKEN_VAR\" }\nphone_number = \"+15005550006\"\n",
    );
    let out = sandbox.run(&["check", "--format", "json"]);
    assert_eq!(out.code, 1, "{}", out.all());
    assert_eq!(out.status("telegram"), "misconfigured");
    assert_eq!(out.result("telegram")["reason"], "config");
    assert!(
        out.text("telegram", "message")
            .contains("`bot_token` must be a string"),
        "{}",
        out.stdout
    );
    assert_eq!(out.status("twilio"), "misconfigured");
    assert!(
        out.text("twilio", "message")
            .contains("UNSET_TWILIO_TOKEN_VAR"),
        "{}",
        out.stdout
    );
    let named = sandbox.run(&["check", "twilio"]);
    assert_eq!(named.code, 1, "{}", named.all());
    assert!(named.stdout.contains("misconfigured"), "{}", named.stdout);
}
