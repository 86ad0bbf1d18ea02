//! Issue 11 §4–8: files a neighbour can tamper with, text files saved by other editors, text
//! that would take over a terminal, and a `remove` that must not depend on the keyring.

use std::fs;
use std::os::unix::fs::{MetadataExt, PermissionsExt};

use crate::commands::{configure, copy_fixture, read_fixture};
use crate::support::{Sandbox, closed_port};

/// The backup stamp of a moment (`commit::stamp`'s format), for planting links under it.
fn stamp_at(offset_secs: i64) -> String {
    let at = time::OffsetDateTime::now_utc() + time::Duration::seconds(offset_secs);
    let format = time::macros::format_description!("[year][month][day]T[hour][minute][second]Z");
    at.format(&format).unwrap()
}

fn is_root() -> bool {
    // SAFETY: geteuid has no preconditions.
    unsafe { libc::geteuid() == 0 }
}

#[test]
fn export_backups_never_follow_a_planted_link_and_stay_private() {
    let sandbox = Sandbox::new();
    configure(&sandbox);
    let file = copy_fixture(&sandbox, "web.consumers.new.config", "WebStudio");
    let dir = file.parent().unwrap().to_path_buf();
    fs::set_permissions(&file, fs::Permissions::from_mode(0o644)).unwrap();
    // The portal's files belong to its service user; a root export must keep that.
    let owner = 65534;
    if is_root() {
        std::os::unix::fs::chown(&file, Some(owner), Some(owner)).unwrap();
    }
    // A neighbour who can write in the directory plants links under every name the backup
    // could take in the next seconds.
    let victim = sandbox.dir.path().join("victim");
    for offset in -1..=10 {
        let name = format!("web.consumers.new.config.bak-{}", stamp_at(offset));
        std::os::unix::fs::symlink(&victim, dir.join(name)).unwrap();
    }
    let out = sandbox.run(&["export", "workspace", "--path", file.to_str().unwrap()]);
    assert_eq!(out.code, 0, "{}", out.all());
    assert!(!victim.exists(), "the backup followed a planted link");
    let backups: Vec<_> = fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.to_string_lossy().contains(".bak-"))
        .filter(|p| !p.symlink_metadata().unwrap().file_type().is_symlink())
        .collect();
    assert_eq!(backups.len(), 1, "{backups:?}");
    let backup = &backups[0];
    assert_eq!(
        fs::read_to_string(backup).unwrap(),
        read_fixture("web.consumers.new.config")
    );
    let meta = fs::metadata(backup).unwrap();
    assert_eq!(
        meta.mode() & 0o777,
        0o600,
        "the backup holds the old secrets"
    );
    if is_root() {
        assert_eq!(
            (meta.uid(), meta.gid()),
            (owner, owner),
            "owned like the original"
        );
    }
    assert!(
        out.stdout.contains(&backup.display().to_string()),
        "says where the backup is:\n{}",
        out.all()
    );
}

#[test]
fn a_link_planted_at_the_lock_file_is_refused() {
    let sandbox = Sandbox::new();
    sandbox.write_config("[portal]\nurl = \"https://portal.example.com\"\n");
    let victim = sandbox.dir.path().join("victim");
    let mut lock = sandbox.config.clone().into_os_string();
    lock.push(".lock");
    std::os::unix::fs::symlink(&victim, &lock).unwrap();
    let out = sandbox.run(&[
        "add",
        "zotero",
        "--no-check",
        "--set",
        "api_key=P9mVq2ZtW8nLx4Rk",
    ]);
    assert_eq!(out.code, 2, "{}", out.all());
    assert!(out.stderr.contains("symbolic link"), "{}", out.all());
    assert!(!victim.exists(), "the lock followed the link");
    assert!(!sandbox.read_config().contains("zotero"));
}

#[test]
fn report_does_not_overwrite_a_file_without_force() {
    let sandbox = Sandbox::new();
    let endpoint = format!("http://127.0.0.1:{}", closed_port());
    sandbox.set_provider(
        "zotero",
        &[
            ("api_key", "P9mVq2ZtW8nLx4Rk".into()),
            ("endpoint", endpoint),
        ],
    );
    let file = sandbox.dir.path().join("ticket.md");
    fs::write(&file, "my notes\n").unwrap();
    let path = file.to_str().unwrap();
    let out = sandbox.run(&["report", "--timeout", "2", "--output", path]);
    assert_eq!(out.code, 2, "{}", out.all());
    assert!(out.stderr.contains("--force"), "{}", out.all());
    assert_eq!(fs::read_to_string(&file).unwrap(), "my notes\n");
    let out = sandbox.run(&["report", "--timeout", "2", "--output", path, "--force"]);
    assert_eq!(out.code, 0, "{}", out.all());
    assert!(
        fs::read_to_string(&file)
            .unwrap()
            .starts_with("# integrate support report")
    );
}

#[test]
fn a_bom_and_crlf_line_endings_survive_a_write() {
    let sandbox = Sandbox::new();
    let original = "\u{feff}# Portal keys, edited on Windows\r\n[portal]\r\nurl = \"https://portal.example.com\"\r\n";
    sandbox.write_config(original);
    let out = sandbox.run(&[
        "add",
        "zotero",
        "--no-check",
        "--set",
        "api_key=P9mVq2ZtW8nLx4Rk",
    ]);
    assert_eq!(out.code, 0, "{}", out.all());
    let text = sandbox.read_config();
    assert!(text.starts_with(original), "{text:?}");
    assert!(text.contains("[providers.zotero]\r\n"), "{text:?}");
    assert!(
        !text.replace("\r\n", "").contains('\n'),
        "every line ends in CRLF: {text:?}"
    );
    let out = sandbox.run(&["config", "show", "--format", "json"]);
    assert_eq!(out.code, 0, "{}", out.all());
}

#[test]
fn invalid_utf8_is_reported_with_line_and_column() {
    let sandbox = Sandbox::new();
    sandbox.write_config("[portal]\nurl = \"https://portal.example.com\"\n");
    let mut bytes = fs::read(&sandbox.config).unwrap();
    bytes.extend_from_slice(b"[providers.zotero]\napi_key = \"P9mV\xff\xfeq2\"\n");
    fs::write(&sandbox.config, &bytes).unwrap();
    for args in [vec!["config", "show"], vec!["remove", "zotero"]] {
        let out = sandbox.run(&args);
        assert_eq!(out.code, 2, "{}", out.all());
        let expected = format!("{}:4:16:", sandbox.config.display());
        assert!(out.stderr.contains(&expected), "{expected}: {}", out.all());
        assert!(out.stderr.contains("UTF-8"), "{}", out.all());
    }
    assert_eq!(fs::read(&sandbox.config).unwrap(), bytes, "left untouched");
}

#[test]
fn text_fields_refuse_control_and_bidi_override_characters() {
    let sandbox = Sandbox::new();
    for (field, value, code) in [
        ("api_key", "P9mVq2Zt\u{202e}W8nLx4Rk", "U+202E"),
        ("api_key", "P9mVq2Zt\u{2066}W8nLx4Rk", "U+2066"),
        ("endpoint", "http://127.0.0.1:9\u{1b}]0;x\u{7}", "U+001B"),
    ] {
        let set = format!("{field}={value}");
        let mut args = vec!["add", "zotero", "--no-check", "--set", &set];
        if field != "api_key" {
            args.extend(["--set", "api_key=P9mVq2ZtW8nLx4Rk"]);
        }
        let out = sandbox.run(&args);
        assert_eq!(out.code, 2, "{value:?}: {}", out.all());
        assert!(out.stderr.contains(code), "{value:?}: {}", out.all());
        assert!(out.stderr.contains(field), "{value:?}: {}", out.all());
        assert!(!out.all().contains('\u{1b}'), "{}", out.all());
        assert!(!sandbox.read_config().contains("zotero"));
    }
    // A bot name (not secret) with an escape sequence: refused, and not echoed raw.
    let out = sandbox.run(&[
        "add",
        "telegram",
        "--no-check",
        "--set",
        "bot_token=7712345678:AAF3kq9VvQz8xYw2LmN4pR6sT0uBcDeFgHi",
        "--set",
        "bot_name=Portal\u{1b}[2JBot",
    ]);
    assert_eq!(out.code, 2, "{}", out.all());
    assert!(!out.all().contains('\u{1b}'), "{}", out.all());
}

#[test]
fn remove_works_when_the_keyring_cannot_be_used() {
    let sandbox = Sandbox::new();
    sandbox.write_config(
        "[providers.zotero]\napi_key = { keyring = \"zotero/api_key\" }\n\n[providers.bitly]\naccess_token = \"0123456789abcdef0123456789abcdef01234567\"\n",
    );
    let mut cmd = sandbox.command(&["remove", "zotero"]);
    // A session bus address where nothing listens: the keyring fails at once.
    let bus = sandbox.dir.path().join("no-bus");
    cmd.env(
        "DBUS_SESSION_BUS_ADDRESS",
        format!("unix:path={}", bus.display()),
    );
    let out = sandbox.run_with(cmd);
    assert_eq!(out.code, 0, "{}", out.all());
    let text = sandbox.read_config();
    assert!(!text.contains("zotero"), "{text}");
    assert!(text.contains("[providers.bitly]"), "{text}");
    assert!(
        out.stderr.contains("integrate/zotero/api_key"),
        "{}",
        out.all()
    );
    assert!(out.stderr.contains("left behind"), "{}", out.all());
}

#[test]
fn export_leaves_out_a_value_the_portal_file_cannot_carry() {
    let sandbox = Sandbox::new();
    configure(&sandbox);
    // A hand-edited config: a control character XML 1.0 cannot hold, even escaped.
    sandbox.set_provider(
        "telegram",
        &[
            (
                "bot_token",
                "7712345678:AAF3kq9VvQz8xYw2LmN4pR6sT0uBcDeFgHi".into(),
            ),
            ("bot_name", "Portal\u{1}NotifyBot".into()),
        ],
    );
    let file = copy_fixture(&sandbox, "web.consumers.new.config", "WebStudio");
    let out = sandbox.run(&["export", "workspace", "--path", file.to_str().unwrap()]);
    assert_eq!(out.code, 0, "{}", out.all());
    assert!(
        out.stderr.contains("telegram is not exported") && out.stderr.contains("U+0001"),
        "{}",
        out.all()
    );
    let text = fs::read_to_string(&file).unwrap();
    assert!(!text.contains('\u{1}'), "the file stays XML");
    assert!(!text.contains("AAF3kq9VvQz8xYw2LmN4pR6sT0uBcDeFgHi"));
}
