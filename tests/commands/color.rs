//! `--color never` and `NO_COLOR` reach every line: the result lines the live progress prints
//! on a terminal, the prompts' own lines, and debug logs sent to a file.

use std::time::Duration;

use expectrl::{Eof, Expect};

use super::wizard::spawn;
use crate::fakes::telegram::{self, TOKEN, USERNAME};
use crate::support::Sandbox;

/// An SGR sequence (colour, bold, dim): what `--color never` must never print.
fn has_colour(text: &str) -> bool {
    regex::Regex::new(r"\x1b\[[0-9;]*m").unwrap().is_match(text)
}

/// Runs `check telegram` against the fake in a pseudo-terminal and returns all it printed.
fn check_on_a_terminal(extra_env: &[(&str, &str)], args: &[&str]) -> String {
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let fake = runtime.block_on(telegram::start());
    let sandbox = Sandbox::new();
    sandbox.set_provider(
        "telegram",
        &[
            ("bot_token", TOKEN.into()),
            ("bot_name", USERNAME.into()),
            ("endpoint", fake.endpoint.clone()),
        ],
    );
    let mut all = args.to_vec();
    all.extend(["check", "telegram"]);
    let mut p = if extra_env.is_empty() {
        spawn(&sandbox, &all)
    } else {
        let std_cmd = sandbox.command(&all);
        let mut cmd = std::process::Command::new(std_cmd.get_program());
        cmd.args(std_cmd.get_args());
        for (key, value) in std_cmd.get_envs() {
            match value {
                Some(v) => cmd.env(key, v),
                None => cmd.env_remove(key),
            };
        }
        cmd.env("TERM", "xterm-256color");
        for (key, value) in extra_env {
            cmd.env(key, value);
        }
        let mut p = expectrl::Session::spawn(cmd).unwrap();
        p.set_expect_timeout(Some(Duration::from_secs(20)));
        p
    };
    let seen = p.expect(Eof).unwrap();
    String::from_utf8_lossy(&seen[0]).into_owned()
}

#[test]
fn color_never_reaches_the_live_result_lines() {
    // Colour is on by default in a terminal: the test can see it.
    let always = check_on_a_terminal(&[("NO_COLOR", "")], &["--color", "always"]);
    assert!(
        always.contains("telegram") && has_colour(&always),
        "{always:?}"
    );
    let never = check_on_a_terminal(&[("NO_COLOR", "")], &["--color", "never"]);
    assert!(
        never.contains("telegram") && never.contains("ok"),
        "{never:?}"
    );
    assert!(!has_colour(&never), "colour with --color never: {never:?}");
}

#[test]
fn no_color_reaches_the_live_result_lines() {
    // The sandbox sets NO_COLOR=1, as the tests' default.
    let out = check_on_a_terminal(&[], &[]);
    assert!(out.contains("telegram"), "{out:?}");
    assert!(!has_colour(&out), "colour with NO_COLOR: {out:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn debug_logs_written_to_a_file_carry_no_escape_codes() {
    let fake = telegram::start().await;
    let sandbox = Sandbox::new();
    sandbox.set_provider(
        "telegram",
        &[
            ("bot_token", TOKEN.into()),
            ("bot_name", USERNAME.into()),
            ("endpoint", fake.endpoint.clone()),
        ],
    );
    let mut cmd = sandbox.command(&["-vv", "check", "telegram"]);
    cmd.env_remove("NO_COLOR");
    let out = sandbox.run_async_with(cmd).await;
    assert_eq!(out.code, 0, "{}", out.all());
    assert!(out.stderr.contains("DEBUG"), "no debug log: {}", out.stderr);
    assert!(
        !out.stderr.contains('\u{1b}'),
        "escape codes in a log file: {:?}",
        out.stderr
    );
}

#[test]
fn color_never_reaches_the_wizards_lines() {
    let sandbox = Sandbox::new();
    let std_cmd = sandbox.command(&["--color", "never", "add", "telegram", "--no-check"]);
    let mut cmd = std::process::Command::new(std_cmd.get_program());
    cmd.args(std_cmd.get_args());
    for (key, value) in std_cmd.get_envs() {
        match value {
            Some(v) => cmd.env(key, v),
            None => cmd.env_remove(key),
        };
    }
    cmd.env("TERM", "xterm-256color").env_remove("NO_COLOR");
    let mut p = expectrl::Session::spawn(cmd).unwrap();
    p.set_expect_timeout(Some(Duration::from_secs(20)));
    let seen = p.expect(expectrl::Regex(r"Bot token[^\r\n]*: ")).unwrap();
    let before = String::from_utf8_lossy(seen.before()).into_owned();
    assert!(before.contains("Expected:"), "{before:?}");
    assert!(
        !has_colour(&before),
        "colour with --color never: {before:?}"
    );
    p.send("\x03").unwrap();
    p.expect(Eof).unwrap();
}
