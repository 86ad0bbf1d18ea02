//! Issue 11 §6 and "Lasting protection": `kill -9` at varied points of `add` and `export`.
//! Afterwards every file parses and holds the old or the new content, and once the next write
//! has run, no temporary file is left (each is a full copy with every secret).

use std::fs;
use std::path::Path;
use std::time::{Duration, Instant};

use crate::commands::{configure, copy_fixture, read_fixture};
use crate::support::Sandbox;

const ROUNDS: usize = 30;

fn temporaries(dir: &Path) -> Vec<String> {
    fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".integrate-") && n.ends_with(".tmp"))
        .collect()
}

/// Runs `cmd` and kills it (SIGKILL) as soon as a temporary file shows up in `dir` (the
/// middle of a write), or after `at` at the latest; some runs finish first.
fn kill_during(mut cmd: std::process::Command, dir: &Path, at: Duration) {
    let mut child = cmd
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("spawn integrate");
    let started = Instant::now();
    while started.elapsed() < at {
        if temporaries(dir)
            .iter()
            .any(|n| n.contains(&format!("-{}-", child.id())))
        {
            break;
        }
        if child.try_wait().expect("try_wait").is_some() {
            return;
        }
        std::thread::sleep(Duration::from_micros(100));
    }
    let _ = child.kill();
    let _ = child.wait();
}

#[test]
fn kill_9_during_add_and_export_never_breaks_a_file_nor_leaves_temporaries() {
    let sandbox = Sandbox::new();
    configure(&sandbox);
    let portal = copy_fixture(&sandbox, "autofac.consumers.json", "portal");
    let portal_dir = portal.parent().unwrap().to_path_buf();
    let config_dir = sandbox.config.parent().unwrap().to_path_buf();
    let original = read_fixture("autofac.consumers.json");
    let mut exported = None;
    for round in 0..ROUNDS {
        let at = Duration::from_millis(2 + (round as u64 * 7) % 60);
        if round % 2 == 0 {
            let key = format!("api_key=P9mVq2ZtW8nLx4R{round:02}");
            let cmd = sandbox.command(&["add", "zotero", "--no-check", "--set", &key]);
            kill_during(cmd, &config_dir, at);
        } else {
            // Back to the original each time, so that every export really writes.
            fs::write(&portal, &original).unwrap();
            let cmd = sandbox.command(&["export", "docspace", "--path", portal.to_str().unwrap()]);
            kill_during(cmd, &portal_dir, at);
        }
        // The config parses, and holds one of the values written (or none yet).
        let config: toml_edit::DocumentMut = sandbox
            .read_config()
            .parse()
            .unwrap_or_else(|e| panic!("round {round}: the config does not parse: {e}"));
        if let Some(key) = config
            .get("providers")
            .and_then(|p| p.get("zotero"))
            .and_then(|z| z.get("api_key"))
        {
            let key = key.as_str().unwrap_or_default();
            assert!(key.starts_with("P9mVq2ZtW8nLx4R"), "round {round}: {key}");
        }
        // The portal file is the original or the exported version, whole.
        let now = fs::read_to_string(&portal).unwrap();
        if now != original {
            match &exported {
                None => exported = Some(now.clone()),
                Some(full) => assert_eq!(&now, full, "round {round}: a partial export"),
            }
            serde_json::from_str::<serde_json::Value>(&now)
                .unwrap_or_else(|e| panic!("round {round}: the portal file does not parse: {e}"));
        }
        for entry in fs::read_dir(&portal_dir).unwrap() {
            let path = entry.unwrap().path();
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            if name.contains(".bak-") {
                assert_eq!(
                    fs::read_to_string(&path).unwrap(),
                    original,
                    "round {round}: {name}"
                );
            }
        }
    }
    // The next writes clean up what the killed ones left.
    let out = sandbox.run(&[
        "add",
        "zotero",
        "--no-check",
        "--set",
        "api_key=P9mVq2ZtW8nLx4Rk",
    ]);
    assert_eq!(out.code, 0, "{}", out.all());
    let out = sandbox.run(&["export", "docspace", "--path", portal.to_str().unwrap()]);
    assert_eq!(out.code, 0, "{}", out.all());
    assert_eq!(
        temporaries(&config_dir),
        Vec::<String>::new(),
        "config directory"
    );
    assert_eq!(
        temporaries(&portal_dir),
        Vec::<String>::new(),
        "portal directory"
    );
}
