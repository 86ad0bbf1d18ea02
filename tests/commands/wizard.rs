//! `integrate add` on a terminal, driven in a pseudo-terminal as a person would type:
//! the guide, hidden secrets, a wrong value asked again, current values offered, Ctrl-C.

use std::process::Command;
use std::time::Duration;

use expectrl::{Eof, Expect, Regex, Session};

use crate::support::Sandbox;

const TOKEN: &str = crate::fakes::telegram::TOKEN;

pub fn spawn(sandbox: &Sandbox, args: &[&str]) -> expectrl::session::OsSession {
    let std_cmd = sandbox.command(args);
    let mut cmd = Command::new(std_cmd.get_program());
    cmd.args(std_cmd.get_args());
    for (key, value) in std_cmd.get_envs() {
        match value {
            Some(v) => cmd.env(key, v),
            None => cmd.env_remove(key),
        };
    }
    cmd.env("TERM", "xterm-256color")
        .env("COLUMNS", "120")
        .env("LINES", "40");
    let mut session = Session::spawn(cmd).expect("spawn in a pty");
    session.set_expect_timeout(Some(Duration::from_secs(20)));
    session
}

/// Waits for the prompt line of `label` (not the label printed above it), then gives the prompt
/// a moment to switch the terminal mode: a hidden-input prompt flushes type-ahead as it
/// starts, as sudo does, so a key sent earlier would be lost.
fn wait_prompt(session: &mut expectrl::session::OsSession, label: &str) -> String {
    let found = session
        .expect(Regex(format!(r"{label}[^\r\n]*: ")))
        .unwrap();
    std::thread::sleep(Duration::from_millis(150));
    String::from_utf8_lossy(&found[0]).to_string()
}

/// Text as a person reads it: the wizard wraps to the terminal, so line breaks are spaces.
fn flat(text: &str) -> String {
    let plain = regex::Regex::new(r"\x1b\[[0-9;?]*[A-Za-z]")
        .unwrap()
        .replace_all(text, "");
    plain.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Types one character at a time, as a person does, so the prompt sees every key.
fn type_text(session: &mut expectrl::session::OsSession, text: &str) {
    for c in text.chars() {
        session.send(c.to_string()).unwrap();
        std::thread::sleep(Duration::from_millis(2));
    }
}

#[test]
fn wizard_guides_checks_as_typed_and_saves() {
    let sandbox = Sandbox::new();
    let mut p = spawn(&sandbox, &["add", "telegram", "--no-check"]);
    p.expect("BotFather").unwrap();
    wait_prompt(&mut p, "Bot token");
    type_text(&mut p, "1234:short");
    p.send("\r").unwrap();
    p.expect("bot_token").unwrap(); // the format error, then the same prompt again
    wait_prompt(&mut p, "Bot token");
    type_text(&mut p, TOKEN);
    p.send("\r").unwrap();
    wait_prompt(&mut p, "Bot username");
    type_text(&mut p, "PortalNotify");
    p.send("\r").unwrap();
    p.expect("end in").unwrap();
    std::thread::sleep(Duration::from_millis(150));
    // Clear what was typed (dialoguer keeps it on the line) and type the right name.
    for _ in 0.."PortalNotify".len() {
        p.send("\x7f").unwrap();
    }
    type_text(&mut p, "PortalNotifyBot");
    p.send("\r").unwrap();
    p.expect("Saved telegram").unwrap();
    p.expect(Eof).unwrap();
    let text = sandbox.read_config();
    assert!(
        text.contains(TOKEN) && text.contains("bot_name = \"PortalNotifyBot\""),
        "{text}"
    );
}

#[test]
fn wizard_never_echoes_the_secret() {
    let sandbox = Sandbox::new();
    let mut p = spawn(&sandbox, &["add", "telegram", "--no-check"]);
    wait_prompt(&mut p, "Bot token");
    type_text(&mut p, TOKEN);
    p.send("\r").unwrap();
    let seen = p.expect(Regex(r"Bot username[^\r\n]*: ")).unwrap();
    std::thread::sleep(Duration::from_millis(150));
    let before = flat(&String::from_utf8_lossy(seen.before()));
    assert!(
        !before.contains(&TOKEN[11..19]),
        "the token was echoed: {before}"
    );
    type_text(&mut p, "PortalNotifyBot");
    p.send("\r").unwrap();
    p.expect(Eof).unwrap();
}

#[test]
fn wizard_offers_current_values_when_reconfiguring() {
    let sandbox = Sandbox::new();
    sandbox.write_config(&format!(
        "[providers.telegram]\nbot_token = \"{TOKEN}\"\nbot_name = \"PortalNotifyBot\"\n"
    ));
    let mut p = spawn(&sandbox, &["add", "telegram", "--no-check"]);
    let prompt = p.expect(Regex(r"Enter keeps ([^\]]*)\]: ")).unwrap();
    std::thread::sleep(Duration::from_millis(150));
    let line = String::from_utf8_lossy(&prompt[1]).to_string();
    assert!(
        line.contains(&format!("****{}", &TOKEN[TOKEN.len() - 4..])),
        "{line:?}"
    );
    assert!(!line.contains(&TOKEN[..10]), "{line:?}");
    p.send("\r").unwrap();
    p.expect("PortalNotifyBot").unwrap();
    p.send("\r").unwrap();
    p.expect(Eof).unwrap();
    let text = sandbox.read_config();
    assert!(
        text.contains(TOKEN) && text.contains("PortalNotifyBot"),
        "{text}"
    );
    assert!(!text.contains("Replace"), "{text}");
}

#[test]
fn wizard_asks_before_replacing_and_no_keeps_the_file() {
    let sandbox = Sandbox::new();
    let original =
        format!("[providers.telegram]\nbot_token = \"{TOKEN}\"\nbot_name = \"PortalNotifyBot\"\n");
    sandbox.write_config(&original);
    let mut p = spawn(&sandbox, &["add", "telegram", "--no-check"]);
    wait_prompt(&mut p, "Bot token");
    p.send("\r").unwrap();
    wait_prompt(&mut p, "Bot username");
    type_text(&mut p, "OtherPortalBot");
    p.send("\r").unwrap();
    p.expect("Replace").unwrap();
    p.send("n").unwrap();
    p.expect(Eof).unwrap();
    assert_eq!(sandbox.read_config(), original);
}

#[test]
fn wizard_ctrl_c_writes_nothing_and_restores_the_cursor() {
    let sandbox = Sandbox::new();
    let mut p = spawn(&sandbox, &["add", "telegram", "--no-check"]);
    wait_prompt(&mut p, "Bot token");
    type_text(&mut p, "12345");
    p.send("\x03").unwrap();
    let rest = p.expect(Eof).unwrap();
    let tail = String::from_utf8_lossy(&rest[0]).to_string();
    assert!(tail.contains("cancelled"), "{tail:?}");
    assert!(
        tail.contains("\x1b[?25h"),
        "the cursor must be shown again: {tail:?}"
    );
    let status = p.get_process().wait().unwrap();
    assert!(!format!("{status:?}").ends_with(", 0)"), "{status:?}");
    assert!(!sandbox.config.exists(), "nothing may be written");
}

#[test]
fn wizard_ctrl_c_at_a_hidden_prompt_gives_back_echo() {
    let sandbox = Sandbox::new();
    let std_cmd = sandbox.command(&["add", "telegram", "--no-check"]);
    let line: Vec<String> = std::iter::once(std_cmd.get_program().to_string_lossy().to_string())
        .chain(
            std_cmd
                .get_args()
                .map(|a| format!("'{}'", a.to_string_lossy())),
        )
        .collect();
    // A person's terminal echoes; the pty starts without, so set it first.
    let script = format!(
        "trap true INT; stty echo; {}; echo \"exit=$?\"; stty -a",
        line.join(" ")
    );
    let mut cmd = Command::new("sh");
    cmd.args(["-c", &script]);
    for (key, value) in std_cmd.get_envs() {
        match value {
            Some(v) => cmd.env(key, v),
            None => cmd.env_remove(key),
        };
    }
    cmd.env("TERM", "xterm-256color");
    let mut p = Session::spawn(cmd).unwrap();
    p.set_expect_timeout(Some(Duration::from_secs(20)));
    p.expect(Regex(r"Bot token[^\r\n]*: ")).unwrap();
    std::thread::sleep(Duration::from_millis(150));
    p.send("\x03").unwrap();
    p.expect("exit=130").unwrap();
    let rest = p.expect(Eof).unwrap();
    let stty = String::from_utf8_lossy(&rest[0]).to_string();
    assert!(
        stty.contains(" echo ") || stty.contains(" echo\r") || stty.contains(" echo\n"),
        "{stty}"
    );
    assert!(!stty.contains("-echo "), "echo is still off: {stty}");
    assert!(!sandbox.config.exists());
}

/// The telegram fake on a runtime of its own, so it keeps serving while the test blocks on
/// the terminal.
fn telegram_fake() -> (tokio::runtime::Runtime, crate::fakes::Fake) {
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let fake = runtime.block_on(crate::fakes::telegram::start());
    (runtime, fake)
}

/// Types the token and the bot name at their prompts.
fn type_telegram(p: &mut expectrl::session::OsSession, token: &str) {
    wait_prompt(p, "Bot token");
    type_text(p, token);
    p.send("\r").unwrap();
    wait_prompt(p, "Bot username");
    type_text(p, "PortalNotifyBot");
    p.send("\r").unwrap();
}

const DOWN: &str = "\x1b[B";

#[test]
fn wizard_rejected_check_offers_to_edit_a_field_and_keeps_the_rest() {
    let (_runtime, fake) = telegram_fake();
    let sandbox = Sandbox::new();
    let endpoint = format!("endpoint={}", fake.endpoint);
    let mut p = spawn(&sandbox, &["add", "telegram", "--set", &endpoint]);
    type_telegram(&mut p, crate::fakes::telegram::OTHER_TOKEN);
    p.expect("The check ended `rejected`").unwrap();
    p.expect("What now?").unwrap();
    std::thread::sleep(Duration::from_millis(150));
    p.send("\r").unwrap(); // the default: edit a field
    p.expect("Which field?").unwrap();
    std::thread::sleep(Duration::from_millis(150));
    p.send("\r").unwrap(); // bot_token, the first
    let prompt = wait_prompt(&mut p, "Bot token");
    assert!(prompt.contains("Enter keeps ****"), "{prompt:?}");
    type_text(&mut p, TOKEN);
    p.send("\r").unwrap();
    p.expect("Saved telegram").unwrap();
    p.expect("Next: `integrate check telegram`").unwrap();
    p.expect(Eof).unwrap();
    let text = sandbox.read_config();
    // The name typed before the failed check was kept, not asked again.
    assert!(
        text.contains(TOKEN)
            && text.contains("bot_name = \"PortalNotifyBot\"")
            && text.contains(&fake.endpoint),
        "{text}"
    );
}

#[test]
fn wizard_unreachable_check_could_not_be_judged_and_can_be_saved_anyway() {
    let sandbox = Sandbox::new();
    let endpoint = format!(
        "endpoint=http://127.0.0.1:{}",
        crate::support::closed_port()
    );
    let mut p = spawn(&sandbox, &["add", "telegram", "--set", &endpoint]);
    type_telegram(&mut p, TOKEN);
    let seen = p.expect("What now?").unwrap();
    let before = flat(&String::from_utf8_lossy(seen.before()));
    assert!(before.contains("could not be judged"), "{before}");
    assert!(
        !before.to_lowercase().contains("fix the values"),
        "{before}"
    );
    std::thread::sleep(Duration::from_millis(150));
    // The default is "check again"; two down is "save anyway".
    p.send(DOWN).unwrap();
    p.send(DOWN).unwrap();
    p.send("\r").unwrap();
    p.expect("Saved telegram").unwrap();
    p.expect(Eof).unwrap();
    let status = p.get_process().wait().unwrap();
    assert!(format!("{status:?}").contains("3"), "{status:?}");
    assert!(sandbox.read_config().contains(TOKEN));
}

#[test]
fn wizard_quit_after_a_failed_check_saves_nothing() {
    let (_runtime, fake) = telegram_fake();
    let sandbox = Sandbox::new();
    let endpoint = format!("endpoint={}", fake.endpoint);
    let mut p = spawn(&sandbox, &["add", "telegram", "--set", &endpoint]);
    type_telegram(&mut p, crate::fakes::telegram::OTHER_TOKEN);
    p.expect("What now?").unwrap();
    std::thread::sleep(Duration::from_millis(150));
    p.send(DOWN).unwrap();
    p.send(DOWN).unwrap();
    p.send("\r").unwrap(); // from "edit a field", two down: quit
    p.expect("Nothing was saved").unwrap();
    p.expect(Eof).unwrap();
    assert!(!sandbox.config.exists(), "{}", sandbox.read_config());
}

#[test]
fn wizard_asks_what_s3_compatible_storage_needs_and_states_each_shape_first() {
    let sandbox = Sandbox::new();
    let mut p = spawn(&sandbox, &["add", "s3", "--no-check"]);
    let seen = p.expect(Regex(r"S3 accesskey[^\r\n]*: ")).unwrap();
    let before = flat(&String::from_utf8_lossy(seen.before()));
    assert!(
        before.contains("Expected: usually 20 characters (digits and capital letters), e.g. AKIAIOSFODNN7EXAMPLE"),
        "{before}"
    );
    std::thread::sleep(Duration::from_millis(150));
    type_text(&mut p, "AKIAIOSFODNN7EXAMPLE");
    p.send("\r").unwrap();
    let seen = p.expect(Regex(r"S3 secret access key[^\r\n]*: ")).unwrap();
    let before = flat(&String::from_utf8_lossy(seen.before()));
    assert!(before.contains("usually 40 characters"), "{before}");
    assert!(
        !before.contains("EXAMPLEKEY"),
        "a secret's example is not shown: {before}"
    );
    std::thread::sleep(Duration::from_millis(150));
    type_text(&mut p, "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY");
    p.send("\r").unwrap();
    let seen = p.expect(Regex(r"Endpoint[^\r\n]*: ")).unwrap();
    let before = flat(&String::from_utf8_lossy(seen.before()));
    assert!(before.contains("S3-compatible"), "{before}");
    std::thread::sleep(Duration::from_millis(150));
    type_text(&mut p, "https://s3.example.internal:9000");
    p.send("\r").unwrap();
    wait_prompt(&mut p, "Region");
    p.send("\r").unwrap();
    wait_prompt(&mut p, "Bucket");
    type_text(&mut p, "portal-backup");
    p.send("\r").unwrap();
    p.expect("Force path-style URLs [y/N]").unwrap();
    std::thread::sleep(Duration::from_millis(150));
    p.send("y").unwrap();
    wait_prompt(&mut p, "Session token");
    p.send("\r").unwrap();
    p.expect("Saved s3").unwrap();
    p.expect("integrate export").unwrap();
    p.expect(Eof).unwrap();
    let text = sandbox.read_config();
    assert!(
        text.contains("endpoint = \"https://s3.example.internal:9000\"")
            && text.contains("path_style = true")
            && text.contains("bucket = \"portal-backup\""),
        "{text}"
    );
}

#[test]
fn wizard_shows_environment_values_as_used_and_not_saved() {
    let sandbox = Sandbox::new();
    let std_cmd = sandbox.command(&["add", "telegram", "--no-check"]);
    let mut cmd = Command::new(std_cmd.get_program());
    cmd.args(std_cmd.get_args());
    for (key, value) in std_cmd.get_envs() {
        match value {
            Some(v) => cmd.env(key, v),
            None => cmd.env_remove(key),
        };
    }
    cmd.env("TERM", "xterm-256color")
        .env("INTEGRATE_TELEGRAM_BOT_NAME", "PortalNotifyBot");
    let mut p = Session::spawn(cmd).unwrap();
    p.set_expect_timeout(Some(Duration::from_secs(20)));
    wait_prompt(&mut p, "Bot token");
    type_text(&mut p, TOKEN);
    p.send("\r").unwrap();
    let seen = p.expect(Regex(r"Bot username[^\r\n]*: ")).unwrap();
    let before = flat(&String::from_utf8_lossy(seen.before()));
    assert!(
        before.contains("from environment, not saved")
            && before.contains("$INTEGRATE_TELEGRAM_BOT_NAME"),
        "{before}"
    );
    std::thread::sleep(Duration::from_millis(150));
    p.send("\r").unwrap(); // keep using it
    p.expect("Saved telegram").unwrap();
    p.expect(Eof).unwrap();
    let text = sandbox.read_config();
    assert!(text.contains(TOKEN) && !text.contains("bot_name"), "{text}");
}

#[test]
fn remove_asks_on_a_terminal_and_no_keeps_the_file() {
    let sandbox = Sandbox::new();
    let original =
        format!("[providers.telegram]\nbot_token = \"{TOKEN}\"\nbot_name = \"PortalNotifyBot\"\n");
    sandbox.write_config(&original);
    let mut p = spawn(&sandbox, &["remove", "telegram"]);
    p.expect("Remove telegram and its keys from").unwrap();
    p.expect("[y/N]").unwrap();
    std::thread::sleep(Duration::from_millis(150));
    p.send("n").unwrap();
    p.expect("Nothing was removed").unwrap();
    p.expect(Eof).unwrap();
    assert_eq!(sandbox.read_config(), original);
    let mut p = spawn(&sandbox, &["remove", "telegram", "--yes"]);
    p.expect("Removed telegram").unwrap();
    p.expect(Eof).unwrap();
    assert!(!sandbox.read_config().contains("telegram"));
}
