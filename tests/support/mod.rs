//! Test support: a sandbox per test (its own HOME and config file), a runner for the built
//! binary, and the leak scanner that every check test uses.

#![allow(dead_code)]

pub mod hostile;
pub mod schema;

use std::path::PathBuf;
use std::process::Stdio;
use std::time::{Duration, Instant};

use serde_json::Value;
use tempfile::TempDir;

/// The binary under test: Cargo's when this runs as a test, else the one beside the running
/// program (the benchmark fixture lives in `target/*/examples/`).
pub fn binary() -> PathBuf {
    match option_env!("CARGO_BIN_EXE_integrate") {
        Some(path) => PathBuf::from(path),
        None => std::env::current_exe()
            .ok()
            .and_then(|exe| {
                exe.parent()
                    .and_then(|d| d.parent())
                    .map(|d| d.join("integrate"))
            })
            .unwrap_or_else(|| PathBuf::from("integrate")),
    }
}

/// A throw-away HOME with a config file path inside it.
pub struct Sandbox {
    pub dir: TempDir,
    pub config: PathBuf,
}

/// What a run of the binary produced.
#[derive(Debug)]
pub struct Output {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
    /// The arguments it ran with: they say which schema definition its JSON must match.
    pub args: Vec<String>,
}

impl Output {
    /// What `cmd` produced.
    pub fn of(cmd: &std::process::Command, out: std::process::Output) -> Output {
        Output {
            code: out.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
            args: cmd
                .get_args()
                .map(|a| a.to_string_lossy().into_owned())
                .collect(),
        }
    }

    /// Text a command wrote elsewhere (a file), read as if it were its stdout.
    pub fn written(args: &[&str], text: String) -> Output {
        Output {
            code: 0,
            stdout: text,
            stderr: String::new(),
            args: args.iter().map(|a| a.to_string()).collect(),
        }
    }

    /// stdout as JSON, validated against the schema definition of the command that printed it.
    pub fn json(&self) -> Value {
        let doc: Value = serde_json::from_str(&self.stdout).unwrap_or_else(|e| {
            panic!(
                "stdout is not JSON ({e}):\n{}\nstderr:\n{}",
                self.stdout, self.stderr
            )
        });
        schema::validate(schema::kind_of(&self.args), &doc);
        doc
    }

    /// The result of `provider` in a `check --format json` document.
    pub fn result(&self, provider: &str) -> Value {
        let doc = self.json();
        doc["results"]
            .as_array()
            .and_then(|r| r.iter().find(|r| r["provider"] == provider).cloned())
            .unwrap_or_else(|| panic!("no result for {provider} in:\n{}", self.stdout))
    }

    /// The status of the only (or named) provider in a `check --format json` document.
    pub fn status(&self, provider: &str) -> String {
        self.result(provider)["status"]
            .as_str()
            .unwrap_or_default()
            .to_string()
    }

    /// A string field (`message`, `advice`) of `provider`'s result; empty when absent.
    pub fn text(&self, provider: &str, key: &str) -> String {
        self.result(provider)[key]
            .as_str()
            .unwrap_or_default()
            .to_string()
    }

    pub fn all(&self) -> String {
        format!("{}\n{}", self.stdout, self.stderr)
    }
}

impl Sandbox {
    pub fn new() -> Sandbox {
        let dir = tempfile::tempdir().expect("tempdir");
        let config = dir.path().join("config/integrate/integrate.toml");
        Sandbox { dir, config }
    }

    pub fn write_config(&self, text: &str) {
        std::fs::create_dir_all(self.config.parent().unwrap()).unwrap();
        std::fs::write(&self.config, text).unwrap();
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(&self.config, std::fs::Permissions::from_mode(0o600)).unwrap();
        }
    }

    pub fn read_config(&self) -> String {
        std::fs::read_to_string(&self.config).unwrap_or_default()
    }

    /// Adds (or replaces) `[providers.<id>]` with these fields, escaping values properly.
    pub fn set_provider(&self, id: &str, fields: &[(&str, String)]) {
        let mut doc: toml_edit::DocumentMut = self.read_config().parse().expect("config parses");
        let providers = doc
            .entry("providers")
            .or_insert_with(toml_edit::table)
            .as_table_mut()
            .unwrap();
        providers.set_implicit(true);
        let mut table = toml_edit::Table::new();
        for (name, value) in fields {
            table.insert(name, toml_edit::value(value.as_str()));
        }
        providers.insert(id, toml_edit::Item::Table(table));
        self.write_config(&doc.to_string());
    }

    /// The binary with a clean environment: no INTEGRATE_* variables, no proxies, no colour,
    /// no GitHub Actions step summary.
    pub fn command(&self, args: &[&str]) -> std::process::Command {
        let mut cmd = std::process::Command::new(binary());
        for (key, _) in std::env::vars_os() {
            let key = key.to_string_lossy().to_string();
            if key.starts_with("INTEGRATE_")
                || key.to_ascii_lowercase().ends_with("_proxy")
                || key == "SSL_CERT_FILE"
                || key.starts_with("GITHUB_")
            {
                cmd.env_remove(&key);
            }
        }
        cmd.env("HOME", self.dir.path())
            .env("XDG_CONFIG_HOME", self.dir.path().join("config"))
            .env("NO_COLOR", "1")
            .env("LANG", "C")
            .env_remove("LC_ALL")
            .env_remove("LC_MESSAGES")
            .env_remove("COLUMNS")
            // The sandbox's config is the default path ($XDG_CONFIG_HOME/integrate/...), so a
            // test that writes none runs as a fresh install does; `--config` is for tests of
            // the flag itself (a named file that does not exist is an error).
            .args(args)
            .stdin(Stdio::null());
        cmd
    }

    /// Runs the binary to completion.
    pub fn run(&self, args: &[&str]) -> Output {
        self.run_with(self.command(args))
    }

    pub fn run_with(&self, mut cmd: std::process::Command) -> Output {
        let out = cmd.output().expect("run integrate");
        Output::of(&cmd, out)
    }

    /// Runs the binary from async tests (the fakes serve on the same runtime).
    pub async fn run_async(&self, args: &[&str]) -> Output {
        self.run_async_with(self.command(args)).await
    }

    /// [`Sandbox::run_with`] for async tests.
    pub async fn run_async_with(&self, cmd: std::process::Command) -> Output {
        run_async(cmd).await
    }

    /// Configures `id` with `fields` and `endpoint`, then runs `check <id> --format json`.
    pub async fn check_fields(&self, id: &str, fields: &[(&str, &str)], endpoint: &str) -> Output {
        let mut all: Vec<(&str, String)> =
            fields.iter().map(|(k, v)| (*k, v.to_string())).collect();
        all.push(("endpoint", endpoint.to_string()));
        self.set_provider(id, &all);
        self.check_json(id, &[]).await
    }

    /// `check <id> --format json` against a configured provider.
    pub async fn check_json(&self, id: &str, extra: &[&str]) -> Output {
        let mut args = vec!["check", id, "--format", "json"];
        args.extend_from_slice(extra);
        self.run_async(&args).await
    }
}

/// Runs a prepared command from async tests (the fakes serve on the same runtime).
pub async fn run_async(cmd: std::process::Command) -> Output {
    let args: Vec<String> = cmd
        .get_args()
        .map(|a| a.to_string_lossy().into_owned())
        .collect();
    let out = tokio::process::Command::from(cmd)
        .output()
        .await
        .expect("run integrate");
    Output {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        args,
    }
}

/// The parts of a secret that must never be printed: the whole value and every run of 8
/// characters (so the first and last 8 as well). PEM and JSON key files are scanned by their
/// secret body only, since their framing ("-----BEGIN PRIVATE KEY-----") is public text.
fn secret_windows(secret: &str) -> Vec<String> {
    let mut bodies = Vec::new();
    if let Ok(Value::Object(map)) = serde_json::from_str::<Value>(secret) {
        for key in ["private_key", "private_key_id"] {
            if let Some(v) = map.get(key).and_then(|v| v.as_str()) {
                bodies.extend(secret_windows(v));
            }
        }
        return bodies;
    }
    let body: Vec<String> = if secret.contains("-----BEGIN") {
        secret
            .lines()
            .filter(|l| !l.starts_with("-----") && !l.trim().is_empty())
            .map(str::to_string)
            .collect()
    } else {
        vec![secret.to_string()]
    };
    for piece in body {
        let chars: Vec<char> = piece.chars().collect();
        if chars.len() <= 8 {
            bodies.push(piece.clone());
            continue;
        }
        for w in chars.windows(8) {
            bodies.push(w.iter().collect());
        }
    }
    bodies
}

/// Fails when stdout or stderr holds a secret, or any 8-character run of one. One pass over
/// the output per distinct run length (byte windows looked up in a set), so scanning -vvv
/// output for a few dozen key files stays fast.
pub fn assert_no_leak(out: &Output, secrets: &[String]) {
    let all = out.all();
    let windows: Vec<String> = secrets.iter().flat_map(|s| secret_windows(s)).collect();
    let mut by_len: std::collections::HashMap<usize, std::collections::HashSet<&[u8]>> =
        std::collections::HashMap::new();
    for window in &windows {
        by_len
            .entry(window.len())
            .or_default()
            .insert(window.as_bytes());
    }
    let bytes = all.as_bytes();
    for (len, set) in &by_len {
        if *len == 0 || bytes.len() < *len {
            continue;
        }
        for start in 0..=bytes.len() - len {
            let window = &bytes[start..start + len];
            assert!(
                !set.contains(window),
                "secret fragment {:?} leaked in output:\n{all}",
                String::from_utf8_lossy(window)
            );
        }
    }
}

/// A local port where nothing listens (bound, then released).
pub fn closed_port() -> u16 {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    drop(listener);
    port
}

/// A run of the binary with what it cost: wall time and peak memory.
#[derive(Debug)]
pub struct Measured {
    pub output: Output,
    pub elapsed: Duration,
    /// Maximum resident set size of the process, in KiB.
    pub max_rss_kib: u64,
}

/// Runs `cmd` to completion under GNU time, measuring its wall time and peak memory. Not
/// `wait4` from here: Linux carries the memory high-water mark of the process that spawned a
/// program over into the program's own figure, and this test binary is far larger than the
/// tool; `time` is a small parent, so its figure is the tool's own.
pub async fn run_measured(cmd: std::process::Command) -> Measured {
    let rss_file = tempfile::NamedTempFile::new().expect("temp file");
    let mut timed = std::process::Command::new("/usr/bin/time");
    timed
        .arg("-f")
        .arg("%M")
        .arg("-o")
        .arg(rss_file.path())
        .arg(cmd.get_program())
        .args(cmd.get_args())
        .stdin(Stdio::null());
    for (key, value) in cmd.get_envs() {
        match value {
            Some(value) => timed.env(key, value),
            None => timed.env_remove(key),
        };
    }
    let started = Instant::now();
    let out = tokio::process::Command::from(timed)
        .output()
        .await
        .expect("run integrate under /usr/bin/time (Debian package `time`)");
    let elapsed = started.elapsed();
    // GNU time writes "Command exited with non-zero status N" before the figure.
    let report = std::fs::read_to_string(rss_file.path()).unwrap_or_default();
    let max_rss_kib = report
        .lines()
        .last()
        .and_then(|l| l.trim().parse().ok())
        .unwrap_or_else(|| panic!("no peak memory figure from /usr/bin/time: {report:?}"));
    Measured {
        output: Output {
            code: out.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
            args: cmd
                .get_args()
                .map(|a| a.to_string_lossy().into_owned())
                .collect(),
        },
        elapsed,
        max_rss_kib,
    }
}

/// Runs `cmd` and fails the test if it has not finished within `limit` (the process is
/// killed): for inputs that used to hang the tool.
pub async fn run_within(cmd: std::process::Command, limit: Duration) -> Output {
    let args: Vec<String> = cmd
        .get_args()
        .map(|a| a.to_string_lossy().into_owned())
        .collect();
    let mut cmd = tokio::process::Command::from(cmd);
    cmd.kill_on_drop(true);
    let out = tokio::time::timeout(limit, cmd.output())
        .await
        .unwrap_or_else(|_| panic!("still running after {limit:?}"))
        .expect("run integrate");
    Output {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        args,
    }
}
