//! `--secrets keyring` against a real Secret Service (gnome-keyring under dbus-run-session,
//! started by `.ci/test`), and the refusal to fall back to the file when no keyring works.
//!
//! The real-keyring tests need `INTEGRATE_TEST_KEYRING=1`, which `.ci/test` sets once the
//! keyring is unlocked; without it they say so and stop, because a developer's own keyring
//! must not receive test entries.

use std::process::Command;

use crate::support::Sandbox;

const AUTH_TOKEN: &str = "9f3c2a7b5e1d4c8a6b0f2e4d6c8a0b1e";
const ZOTERO_KEY: &str = "Q7wTk2ZpR9mX4vLc8NbY3hJd";

fn real_keyring() -> bool {
    let on = std::env::var("INTEGRATE_TEST_KEYRING").as_deref() == Ok("1");
    if !on && std::env::var_os("CI").is_some() {
        panic!("CI must run the real-keyring tests: run them through `bash .ci/test`");
    }
    if !on {
        eprintln!("real-keyring test not run: set INTEGRATE_TEST_KEYRING=1 (bash .ci/test does)");
    }
    on
}

fn secret_tool_lookup(name: &str) -> Option<String> {
    let out = Command::new("secret-tool")
        .args(["lookup", "service", "integrate", "username", name])
        .output()
        .ok()?;
    out.status
        .success()
        .then(|| String::from_utf8_lossy(&out.stdout).to_string())
}

fn add_twilio(sandbox: &Sandbox, extra: &[&str]) -> crate::support::Output {
    add_secret(sandbox, "twilio", extra)
}

fn add_secret(sandbox: &Sandbox, id: &str, extra: &[&str]) -> crate::support::Output {
    let mut args = match id {
        "twilio" => vec![
            "add",
            "twilio",
            "--set",
            "account_sid=AC0123456789abcdef0123456789abcdef",
            "--set",
            "auth_token=-",
            "--set",
            "phone_number=+15005550006",
            "--no-check",
        ],
        _ => vec!["add", "zotero", "--set", "api_key=-", "--no-check"],
    };
    args.extend_from_slice(extra);
    let mut cmd = sandbox.command(&args);
    cmd.stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped());
    let mut child = cmd.spawn().unwrap();
    use std::io::Write;
    let secret = if id == "twilio" {
        AUTH_TOKEN
    } else {
        ZOTERO_KEY
    };
    child
        .stdin
        .take()
        .unwrap()
        .write_all(secret.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    crate::support::Output::of(&cmd, out)
}

#[test]
fn keyring_secrets_go_to_the_secret_service_and_come_back() {
    if !real_keyring() {
        return;
    }
    let sandbox = Sandbox::new();
    let out = add_twilio(&sandbox, &["--secrets", "keyring"]);
    assert_eq!(out.code, 0, "{}", out.all());
    let text = sandbox.read_config();
    assert!(
        text.contains("auth_token = { keyring = \"twilio/auth_token\" }"),
        "{text}"
    );
    assert!(
        !text.contains(AUTH_TOKEN),
        "the secret must not be in the file: {text}"
    );
    assert_eq!(
        secret_tool_lookup("twilio/auth_token").as_deref(),
        Some(AUTH_TOKEN)
    );

    let show = sandbox.run(&["config", "show", "--format", "json"]).json();
    let twilio = show["providers"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["id"] == "twilio")
        .unwrap()
        .clone();
    let token = twilio["fields"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["name"] == "auth_token")
        .unwrap()
        .clone();
    assert_eq!(token["source"], "keyring");
    assert_eq!(token["value"], "****0b1e");

    // Reconfiguring keeps the secret where it is.
    let again = add_twilio(&sandbox, &[]);
    assert_eq!(again.code, 0, "{}", again.all());
    assert!(
        sandbox
            .read_config()
            .contains("{ keyring = \"twilio/auth_token\" }")
    );

    let removed = sandbox.run(&["remove", "twilio"]);
    assert_eq!(removed.code, 0, "{}", removed.all());
    assert_eq!(
        secret_tool_lookup("twilio/auth_token"),
        None,
        "remove must delete the keyring entry"
    );
}

#[test]
fn keyring_unavailable_is_an_error_never_a_file_write() {
    let sandbox = Sandbox::new();
    let mut cmd = sandbox.command(&[
        "add",
        "twilio",
        "--set",
        "account_sid=AC0123456789abcdef0123456789abcdef",
        "--set",
        &format!("auth_token={AUTH_TOKEN}"),
        "--set",
        "phone_number=+15005550006",
        "--no-check",
        "--secrets",
        "keyring",
    ]);
    cmd.env(
        "DBUS_SESSION_BUS_ADDRESS",
        format!("unix:path={}/no-bus", sandbox.dir.path().display()),
    );
    let out = sandbox.run_with(cmd);
    assert_eq!(out.code, 2, "{}", out.all());
    assert!(out.stderr.contains("keyring"), "{}", out.stderr);
    assert!(
        out.stderr.contains("--secrets file"),
        "the error says how to proceed: {}",
        out.stderr
    );
    assert!(
        !sandbox.config.exists(),
        "nothing may be written when the keyring fails"
    );
}

#[test]
fn keyring_defaults_table_selects_the_keyring() {
    if !real_keyring() {
        return;
    }
    let sandbox = Sandbox::new();
    sandbox.write_config("[defaults]\nsecrets = \"keyring\"\n");
    let out = add_secret(&sandbox, "zotero", &[]);
    assert_eq!(out.code, 0, "{}", out.all());
    assert!(
        sandbox
            .read_config()
            .contains("{ keyring = \"zotero/api_key\" }")
    );
    assert_eq!(
        secret_tool_lookup("zotero/api_key").as_deref(),
        Some(ZOTERO_KEY)
    );
    assert_eq!(sandbox.run(&["remove", "zotero"]).code, 0);
    assert_eq!(secret_tool_lookup("zotero/api_key"), None);
}
