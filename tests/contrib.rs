//! The systemd units under `contrib/systemd/`: `systemd-analyze verify` accepts them (no
//! warning either: an unknown key is only a warning there), the timer is hourly with a random
//! delay, the service runs unprivileged, and its command line really works with this binary.
//!
//! `bash .ci/test` installs systemd (for `systemd-analyze`) when it is missing; verify runs
//! offline, so it works in a container whose PID 1 is not systemd.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::fakes;
use crate::support::{Sandbox, binary};

fn unit_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("contrib/systemd")
}

fn unit(name: &str) -> String {
    std::fs::read_to_string(unit_dir().join(name)).unwrap_or_else(|e| panic!("{name}: {e}"))
}

/// The value after `flag` in a command line.
fn option<'a>(command: &'a str, flag: &str) -> &'a str {
    let mut words = command.split(' ');
    words.find(|w| *w == flag);
    words
        .next()
        .unwrap_or_else(|| panic!("no {flag} in {command}"))
}

/// The value of `key=` in a unit file (the last one, as systemd reads it).
fn setting<'a>(text: &'a str, key: &str) -> Option<&'a str> {
    text.lines()
        .filter_map(|l| l.strip_prefix(key)?.strip_prefix('='))
        .next_back()
}

#[test]
fn systemd_units_pass_systemd_analyze_verify() {
    let found = Command::new("systemd-analyze").arg("--version").output();
    assert!(
        found.is_ok_and(|o| o.status.success()),
        "systemd-analyze is missing: install the `systemd` package (bash .ci/test does)"
    );
    // verify insists that ExecStart's program exists: point it at the binary under test.
    let dir = tempfile::tempdir().unwrap();
    let service = unit("integrate-check.service");
    let exec = setting(&service, "ExecStart").expect("ExecStart");
    assert!(exec.starts_with("/usr/bin/integrate "), "{exec}");
    let service = service.replace(
        "ExecStart=/usr/bin/integrate ",
        &format!("ExecStart={} ", binary().display()),
    );
    std::fs::write(dir.path().join("integrate-check.service"), service).unwrap();
    std::fs::write(
        dir.path().join("integrate-check.timer"),
        unit("integrate-check.timer"),
    )
    .unwrap();
    let out = Command::new("systemd-analyze")
        // The man page is installed by the Debian package, not on a build machine.
        .args(["verify", "--man=no"])
        .arg(dir.path().join("integrate-check.service"))
        .arg(dir.path().join("integrate-check.timer"))
        .current_dir(dir.path())
        .output()
        .expect("run systemd-analyze");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        out.status.success(),
        "systemd-analyze verify failed:\n{stderr}"
    );
    assert!(
        stderr.trim().is_empty(),
        "systemd-analyze verify warned:\n{stderr}"
    );
}

#[test]
fn systemd_timer_is_hourly_with_a_random_delay_and_the_service_unprivileged() {
    let timer = unit("integrate-check.timer");
    assert_eq!(setting(&timer, "OnCalendar"), Some("hourly"));
    assert!(setting(&timer, "RandomizedDelaySec").is_some_and(|v| !v.starts_with('0')));
    assert_eq!(setting(&timer, "WantedBy"), Some("timers.target"));
    let service = unit("integrate-check.service");
    let user = setting(&service, "User");
    let dynamic = setting(&service, "DynamicUser") == Some("yes");
    assert!(
        dynamic || user.is_some_and(|u| u != "root" && u != "0"),
        "the service must not run as root"
    );
    let exec = setting(&service, "ExecStart").unwrap();
    assert!(exec.contains(" --config "), "{exec}");
    assert!(exec.contains(" --format prometheus "), "{exec}");
    assert!(exec.contains(" --output "), "{exec}");
    // The file system is read-only but for the state directory, and the output goes there.
    assert_eq!(setting(&service, "ProtectSystem"), Some("strict"));
    let output = Path::new(option(exec, "--output"));
    let writable = Path::new("/var/lib").join(setting(&service, "StateDirectory").unwrap());
    assert_eq!(output.parent(), Some(writable.as_path()), "{exec}");
}

/// ExecStart's command line, with systemd's credential directory and the textfile path
/// replaced by temporary ones, runs and writes the metrics.
#[tokio::test]
async fn systemd_service_command_line_writes_the_textfile() {
    let telegram = fakes::telegram::start().await;
    let sandbox = Sandbox::new();
    sandbox.set_provider("telegram", &telegram.valid_config());
    let service = unit("integrate-check.service");
    let exec = setting(&service, "ExecStart").unwrap();
    let credentials = sandbox.config.parent().unwrap().to_path_buf();
    let config_name = option(exec, "--config").replace("${CREDENTIALS_DIRECTORY}/", "");
    let output = option(exec, "--output");
    std::fs::rename(&sandbox.config, credentials.join(&config_name)).unwrap();
    let textfile = sandbox.dir.path().join("integrate.prom");
    let args: Vec<String> = exec
        .split(' ')
        .skip(1)
        .map(|a| {
            a.replace("${CREDENTIALS_DIRECTORY}", credentials.to_str().unwrap())
                .replace(output, textfile.to_str().unwrap())
        })
        .collect();
    // Sandbox::command adds its own --config; the unit's must win, so start from scratch.
    let raw = tokio::process::Command::new(binary())
        .args(&args)
        .env("HOME", sandbox.dir.path())
        .env_remove("INTEGRATE_CONFIG")
        .output()
        .await
        .unwrap();
    let code = raw.status.code().unwrap_or(-1);
    assert_eq!(code, 0, "{}", String::from_utf8_lossy(&raw.stderr));
    let metrics = std::fs::read_to_string(&textfile).unwrap();
    assert!(
        metrics.contains("integrate_check_ok{provider=\"telegram\"} 1\n"),
        "{metrics}"
    );
}
