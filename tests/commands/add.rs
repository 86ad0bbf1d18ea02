//! `integrate add` without a terminal: --set, stdin, @PATH, --from-env, validation, saving.

use std::io::Write;
use std::process::Stdio;

use crate::fakes;
use crate::support::Sandbox;

const TOKEN: &str = fakes::telegram::TOKEN;

#[test]
fn add_missing_fields_exit_2_and_name_each_one() {
    let sandbox = Sandbox::new();
    let out = sandbox.run(&[
        "add",
        "twilio",
        "--set",
        "account_sid=AC0123456789abcdef0123456789abcdef",
    ]);
    assert_eq!(out.code, 2, "{}", out.all());
    assert!(out.stderr.contains("auth_token"), "{}", out.stderr);
    assert!(out.stderr.contains("phone_number"), "{}", out.stderr);
    assert!(
        out.stderr.contains("INTEGRATE_TWILIO_AUTH_TOKEN"),
        "{}",
        out.stderr
    );
    assert!(!sandbox.config.exists(), "nothing may be written");
}

#[test]
fn add_malformed_value_exit_2_names_the_field_and_writes_nothing() {
    let sandbox = Sandbox::new();
    let out = sandbox.run(&[
        "add",
        "telegram",
        "--set",
        "bot_token=12345",
        "--set",
        "bot_name=NotifyPortal",
        "--no-check",
    ]);
    assert_eq!(out.code, 2, "{}", out.all());
    assert!(out.stderr.contains("bot_token"), "{}", out.stderr);
    assert!(out.stderr.contains("bot_name"), "{}", out.stderr);
    assert!(out.stderr.contains("bot"), "{}", out.stderr);
    assert!(!sandbox.config.exists());
}

#[test]
fn add_unknown_field_names_the_valid_ones() {
    let sandbox = Sandbox::new();
    let out = sandbox.run(&["add", "telegram", "--set", "token=x"]);
    assert_eq!(out.code, 2);
    assert!(
        out.stderr.contains("bot_token") && out.stderr.contains("bot_name"),
        "{}",
        out.stderr
    );
}

#[test]
fn add_literal_secret_warns_and_saves_0600() {
    let sandbox = Sandbox::new();
    let out = sandbox.run(&[
        "add",
        "telegram",
        "--set",
        &format!("bot_token={TOKEN}"),
        "--set",
        "bot_name=PortalNotifyBot",
        "--no-check",
    ]);
    assert_eq!(out.code, 0, "{}", out.all());
    assert!(
        out.stderr.contains("visible") || out.stderr.contains("other local users"),
        "{}",
        out.stderr
    );
    assert!(
        !out.all().contains(&TOKEN[12..20]),
        "the token leaked: {}",
        out.all()
    );
    let text = sandbox.read_config();
    assert!(
        text.contains(TOKEN) && text.contains("PortalNotifyBot"),
        "{text}"
    );
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&sandbox.config)
            .unwrap()
            .permissions()
            .mode()
            & 0o777;
        assert_eq!(mode, 0o600);
    }
}

#[test]
fn add_reads_a_secret_from_stdin_without_warning() {
    let sandbox = Sandbox::new();
    let mut cmd = sandbox.command(&[
        "add",
        "telegram",
        "--set",
        "bot_token=-",
        "--set",
        "bot_name=PortalNotifyBot",
        "--no-check",
    ]);
    cmd.stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = cmd.spawn().unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(format!("{TOKEN}\n").as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    assert!(!stderr.contains("other local users"), "{stderr}");
    assert!(
        sandbox
            .read_config()
            .contains(&format!("bot_token = \"{TOKEN}\""))
    );
}

#[test]
fn add_reads_a_file_with_at_path() {
    let sandbox = Sandbox::new();
    let path = sandbox.dir.path().join("token.txt");
    std::fs::write(&path, format!("{TOKEN}\n")).unwrap();
    let out = sandbox.run(&[
        "add",
        "telegram",
        "--set",
        &format!("bot_token=@{}", path.display()),
        "--set",
        "bot_name=PortalNotifyBot",
        "--no-check",
    ]);
    assert_eq!(out.code, 0, "{}", out.all());
    assert!(sandbox.read_config().contains(TOKEN));
    let missing = sandbox.run(&[
        "add",
        "telegram",
        "--set",
        "bot_token=@/nonexistent/t.txt",
        "--set",
        "bot_name=PortalNotifyBot",
    ]);
    assert_eq!(missing.code, 2);
    assert!(
        missing.stderr.contains("/nonexistent/t.txt"),
        "{}",
        missing.stderr
    );
}

#[test]
fn add_from_env_takes_integrate_variables() {
    let sandbox = Sandbox::new();
    let mut cmd = sandbox.command(&["add", "telegram", "--from-env", "--no-check"]);
    cmd.env("INTEGRATE_TELEGRAM_BOT_TOKEN", TOKEN)
        .env("INTEGRATE_TELEGRAM_BOT_NAME", "PortalNotifyBot");
    let out = sandbox.run_with(cmd);
    assert_eq!(out.code, 0, "{}", out.all());
    assert!(sandbox.read_config().contains("PortalNotifyBot"));
}

#[test]
fn add_alias_and_keeps_comments() {
    let sandbox = Sandbox::new();
    sandbox.write_config("# Portal of the Lyon office\n[portal]\nurl = \"https://portal.example.com\"  # production\n");
    let out = sandbox.run(&[
        "add",
        "aws",
        "--set",
        "access_key_id=AKIAIOSFODNN7EXAMPLE",
        "--set",
        "secret_access_key=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
        "--no-check",
    ]);
    assert_eq!(out.code, 0, "{}", out.all());
    let text = sandbox.read_config();
    assert!(text.starts_with("# Portal of the Lyon office\n[portal]\nurl = \"https://portal.example.com\"  # production\n"), "{text}");
    assert!(text.contains("[providers.s3]"), "{text}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn add_runs_the_live_check_and_refuses_to_save_a_rejected_key() {
    let fake = fakes::telegram::start().await;
    let sandbox = Sandbox::new();
    let out = sandbox
        .run_async(&[
            "add",
            "telegram",
            "--set",
            &format!("bot_token={}", fakes::telegram::OTHER_TOKEN),
            "--set",
            "bot_name=PortalNotifyBot",
            "--set",
            &format!("endpoint={}", fake.endpoint),
        ])
        .await;
    assert_eq!(out.code, 1, "{}", out.all());
    assert!(out.all().contains("rejected"), "{}", out.all());
    assert!(!sandbox.config.exists(), "a rejected key must not be saved");

    let forced = sandbox
        .run_async(&[
            "add",
            "telegram",
            "--set",
            &format!("bot_token={}", fakes::telegram::OTHER_TOKEN),
            "--set",
            "bot_name=PortalNotifyBot",
            "--set",
            &format!("endpoint={}", fake.endpoint),
            "--force",
        ])
        .await;
    assert_eq!(forced.code, 1, "{}", forced.all());
    assert!(sandbox.read_config().contains("[providers.telegram]"));

    let ok = sandbox
        .run_async(&[
            "add",
            "telegram",
            "--set",
            &format!("bot_token={TOKEN}"),
            "--set",
            "bot_name=PortalNotifyBot",
            "--set",
            &format!("endpoint={}", fake.endpoint),
            "--format",
            "json",
        ])
        .await;
    assert_eq!(ok.code, 0, "{}", ok.all());
    assert_eq!(ok.status("telegram"), "ok");
    assert!(sandbox.read_config().contains(TOKEN));
}

#[test]
fn add_refuses_plain_http_endpoint_on_a_remote_host() {
    let sandbox = Sandbox::new();
    let out = sandbox.run(&[
        "add",
        "telegram",
        "--set",
        &format!("bot_token={TOKEN}"),
        "--set",
        "bot_name=PortalNotifyBot",
        "--set",
        "endpoint=http://telegram.example.com",
        "--no-check",
    ]);
    assert_eq!(out.code, 2, "{}", out.all());
    assert!(
        out.stderr.contains("endpoint") && out.stderr.contains("loopback"),
        "{}",
        out.stderr
    );
}

#[test]
fn add_from_8_processes_at_once_keeps_all_8() {
    let sandbox = Sandbox::new();
    let jobs: Vec<(&str, Vec<String>)> = vec![
        (
            "telegram",
            vec![
                format!("bot_token={TOKEN}"),
                "bot_name=PortalNotifyBot".into(),
            ],
        ),
        (
            "bitly",
            vec!["access_token=0123456789abcdef0123456789abcdef01234567".into()],
        ),
        ("zotero", vec!["api_key=P9NiFoyLeZu2bZNvvuQPDWsd".into()]),
        (
            "dropbox",
            vec![
                "app_key=a1b2c3d4e5f6g7h".into(),
                "app_secret=z9y8x7w6v5u4t3s".into(),
            ],
        ),
        (
            "box",
            vec![
                "client_id=abcdefghijklmnopqrstuvwxyz012345".into(),
                "client_secret=ABCDEFGHIJKLMNOPQRSTUVWXYZ012345".into(),
            ],
        ),
        (
            "yandex",
            vec![
                "client_id=793142c6b44d49b6818801753ef3db81".into(),
                "client_secret=0123456789abcdef0123456789abcdef".into(),
            ],
        ),
        (
            "clickatell",
            vec!["api_key=TLKC2f0xRriDorZdvcx05A==".into()],
        ),
        (
            "easybib",
            vec!["api_key=187fc6821e7be05c3d77b8b4b4d294e5".into()],
        ),
    ];
    let children: Vec<_> = jobs
        .iter()
        .map(|(id, sets)| {
            let mut args = vec!["add".to_string(), id.to_string(), "--no-check".to_string()];
            for s in sets {
                args.push("--set".into());
                args.push(s.clone());
            }
            let refs: Vec<&str> = args.iter().map(String::as_str).collect();
            let mut cmd = sandbox.command(&refs);
            cmd.stdout(Stdio::piped()).stderr(Stdio::piped());
            cmd.spawn().unwrap()
        })
        .collect();
    for child in children {
        let out = child.wait_with_output().unwrap();
        assert_eq!(
            out.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let text = sandbox.read_config();
    for (id, _) in &jobs {
        assert!(
            text.contains(&format!("[providers.{id}]")),
            "{id} lost:\n{text}"
        );
    }
}

#[test]
fn add_saves_only_what_was_supplied_never_an_environment_value() {
    let sandbox = Sandbox::new();
    let mut cmd = sandbox.command(&[
        "add",
        "dropbox",
        "--set",
        "app_key=ri19r0wyojfljoo",
        "--set",
        "app_secret=a5lqsaj08xui6d3zz",
        "--no-check",
    ]);
    cmd.env("INTEGRATE_DROPBOX_ENDPOINT", "http://127.0.0.1:8443");
    let out = sandbox.run_with(cmd);
    assert_eq!(out.code, 0, "{}", out.all());
    assert!(
        out.stderr
            .contains("endpoint: $INTEGRATE_DROPBOX_ENDPOINT (from environment, not saved)"),
        "{}",
        out.stderr
    );
    let text = sandbox.read_config();
    assert!(text.contains("ri19r0wyojfljoo"), "{text}");
    assert!(
        !text.contains("endpoint"),
        "an environment value was saved:\n{text}"
    );
    // `export` therefore never carries it into the portal file; with --from-env it is saved.
    let mut cmd = sandbox.command(&["add", "dropbox", "--from-env", "--no-check", "--yes"]);
    cmd.env("INTEGRATE_DROPBOX_ENDPOINT", "http://127.0.0.1:8443");
    let out = sandbox.run_with(cmd);
    assert_eq!(out.code, 0, "{}", out.all());
    assert!(
        sandbox
            .read_config()
            .contains("endpoint = \"http://127.0.0.1:8443\""),
        "{}",
        sandbox.read_config()
    );
}

#[test]
fn add_unreachable_check_is_not_saved_and_is_not_blamed_on_the_values() {
    let sandbox = Sandbox::new();
    let endpoint = format!(
        "endpoint=http://127.0.0.1:{}",
        crate::support::closed_port()
    );
    let out = sandbox.run(&[
        "add",
        "telegram",
        "--set",
        &format!("bot_token={TOKEN}"),
        "--set",
        "bot_name=PortalNotifyBot",
        "--set",
        &endpoint,
    ]);
    assert_eq!(out.code, 3, "{}", out.all());
    assert!(
        out.stderr.contains("could not be judged") && !out.stderr.contains("Fix the values"),
        "{}",
        out.stderr
    );
    assert!(!sandbox.config.exists());
}

/// Issue 9.10: a `misconfigured` result says the setup must change, never that the values
/// are wrong; only `rejected` blames the values.
#[tokio::test]
async fn add_misconfigured_check_blames_the_setup_not_the_values() {
    let fake = crate::fakes::telegram::start().await;
    let sandbox = Sandbox::new();
    let out = sandbox
        .run_async(&[
            "add",
            "telegram",
            "--set",
            &format!("bot_token={}", crate::fakes::telegram::TOKEN),
            "--set",
            "bot_name=SomeOtherBot",
            "--set",
            &format!("endpoint={}", fake.endpoint),
        ])
        .await;
    assert_eq!(out.code, 1, "{}", out.all());
    let said =
        |out: &crate::support::Output| out.stderr.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        said(&out).contains("the setup around these values must change")
            && !said(&out).contains("refused these values"),
        "{}",
        out.stderr
    );
    assert!(!sandbox.config.exists());
    let out = sandbox
        .run_async(&[
            "add",
            "telegram",
            "--set",
            &format!("bot_token={}", crate::fakes::telegram::OTHER_TOKEN),
            "--set",
            "bot_name=PortalNotifyBot",
            "--set",
            &format!("endpoint={}", fake.endpoint),
        ])
        .await;
    assert_eq!(out.code, 1, "{}", out.all());
    assert!(
        said(&out).contains("refused these values"),
        "{}",
        out.stderr
    );
}

#[test]
fn add_says_the_next_step_after_saving() {
    let sandbox = Sandbox::new();
    sandbox.write_config("[portal]\nkind = \"docspace\"\n");
    let out = sandbox.run(&[
        "add",
        "zotero",
        "--set",
        "api_key=P9NiFoyLeZu2bZNvvuQPDWsd",
        "--no-check",
    ]);
    assert_eq!(out.code, 0, "{}", out.all());
    assert!(
        out.stderr.contains("Next: `integrate check zotero`"),
        "{}",
        out.stderr
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn add_result_wraps_to_the_width_and_quiet_keeps_the_verdict() {
    let fake = fakes::telegram::start().await;
    let sandbox = Sandbox::new();
    let endpoint = format!("endpoint={}", fake.endpoint);
    let mut cmd = sandbox.command(&[
        "add",
        "telegram",
        "--set",
        &format!("bot_token={}", fakes::telegram::OTHER_TOKEN),
        "--set",
        "bot_name=PortalNotifyBot",
        "--set",
        &endpoint,
    ]);
    cmd.env("COLUMNS", "50");
    let out = sandbox.run_async_with(cmd).await;
    assert_eq!(out.code, 1, "{}", out.all());
    assert!(out.stdout.starts_with("✗ telegram "), "{}", out.stdout);
    assert!(out.stdout.lines().count() > 2, "{}", out.stdout);
    // (The warning about a secret on the command line is a safety warning, printed whole.)
    let notes = out.stderr.lines().filter(|l| !l.starts_with("warning:"));
    for line in out.stdout.lines().chain(notes) {
        assert!(
            line.chars().count() <= 50,
            "wider than 50: {line:?}\n{}",
            out.all()
        );
    }
    // -q: no notes, only the closing line.
    let out = sandbox.run(&[
        "-q",
        "add",
        "zotero",
        "--set",
        "api_key=P9NiFoyLeZu2bZNvvuQPDWsd",
        "--no-check",
    ]);
    assert_eq!(out.code, 0, "{}", out.all());
    // Warnings (here: a secret on the command line) are about safety and always shown.
    let others: Vec<&str> = out
        .stderr
        .lines()
        .filter(|l| !l.starts_with("warning:"))
        .collect();
    assert_eq!(others.len(), 1, "{}", out.stderr);
    assert!(others[0].starts_with("Saved zotero to "), "{}", out.stderr);
}
