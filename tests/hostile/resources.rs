//! Issue 11 §9, §11–13: inputs without end (devices, FIFOs, endless stdin), oversized values,
//! a keyring that never answers, JSON nested to overflow a parser, and secrets large enough to
//! make redaction quadratic. Each must end promptly with a clear error naming the limit and
//! the file, flag or field.

use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::time::{Duration, Instant};

use crate::support::{Sandbox, closed_port, run_measured, run_within};

const PROMPTLY: Duration = Duration::from_secs(10);

fn fifo(dir: &Path, name: &str) -> PathBuf {
    let path = dir.join(name);
    let c = std::ffi::CString::new(path.to_str().unwrap()).unwrap();
    // SAFETY: a valid NUL-terminated path.
    assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0);
    path
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn devices_fifos_and_directories_are_refused_without_hanging() {
    let sandbox = Sandbox::new();
    let endpoint = format!("http://127.0.0.1:{}", closed_port());
    sandbox.set_provider(
        "zotero",
        &[
            ("api_key", "P9mVq2ZtW8nLx4Rk".into()),
            ("endpoint", endpoint),
        ],
    );
    let pipe = fifo(sandbox.dir.path(), "pipe");
    let pipe = pipe.to_str().unwrap();
    let dir = sandbox.dir.path().to_str().unwrap();
    let cases: Vec<(Vec<String>, &str)> = vec![
        (
            vec!["add", "zotero", "--no-check", "--set", "api_key=@/dev/zero"]
                .into_iter()
                .map(String::from)
                .collect(),
            "device",
        ),
        (
            ["add", "zotero", "--no-check", "--set"]
                .iter()
                .map(|s| s.to_string())
                .chain([format!("api_key=@{pipe}")])
                .collect(),
            "FIFO",
        ),
        (
            ["add", "zotero", "--no-check", "--set"]
                .iter()
                .map(|s| s.to_string())
                .chain([format!("api_key=@{dir}")])
                .collect(),
            "directory",
        ),
        (
            ["import", "docspace", pipe]
                .iter()
                .map(|s| s.to_string())
                .collect(),
            "FIFO",
        ),
        (
            ["--ca-file", "/dev/zero", "check", "zotero"]
                .iter()
                .map(|s| s.to_string())
                .collect(),
            "device",
        ),
        (
            ["doctor", "zotero", "--timeout", "1", "--portal-file", pipe]
                .iter()
                .map(|s| s.to_string())
                .collect(),
            "FIFO",
        ),
    ];
    for (args, kind) in cases {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let out = run_within(sandbox.command(&args), PROMPTLY).await;
        // Text output is wrapped to the width: read it as one paragraph.
        let all = out.all().split_whitespace().collect::<Vec<_>>().join(" ");
        assert!(
            all.contains(kind) && all.contains("not a regular file"),
            "{args:?}: {}",
            out.all()
        );
        assert_ne!(out.code, 0, "{args:?}: {}", out.all());
    }
    // The config itself.
    for config in ["/dev/zero", pipe] {
        let mut cmd = sandbox.command(&["config", "show"]);
        cmd.arg("--config").arg(config);
        let out = run_within(cmd, PROMPTLY).await;
        assert_eq!(out.code, 2, "{config}: {}", out.all());
        assert!(out.stderr.contains("not a regular file"), "{}", out.all());
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn endless_stdin_and_oversized_files_stop_at_a_named_limit() {
    let sandbox = Sandbox::new();
    let mut cmd = sandbox.command(&["add", "zotero", "--no-check", "--set", "api_key=-"]);
    cmd.stdin(Stdio::from(std::fs::File::open("/dev/zero").unwrap()));
    let out = run_within(cmd, PROMPTLY).await;
    assert_eq!(out.code, 2, "{}", out.all());
    assert!(out.stderr.contains("larger than 1 MiB"), "{}", out.all());
    assert!(out.stderr.contains("api_key"), "{}", out.all());

    let big = sandbox.dir.path().join("big.p8");
    std::fs::write(&big, vec![b'A'; 2 << 20]).unwrap();
    let set = format!("private_key=@{}", big.display());
    let out = run_within(
        sandbox.command(&["add", "apple", "--no-check", "--set", &set]),
        PROMPTLY,
    )
    .await;
    assert_eq!(out.code, 2, "{}", out.all());
    assert!(out.stderr.contains("larger than 1 MiB"), "{}", out.all());

    let huge = format!("# {}\n", "x".repeat(5 << 20));
    sandbox.write_config(&huge);
    let out = run_within(sandbox.command(&["config", "show"]), PROMPTLY).await;
    assert_eq!(out.code, 2, "{}", out.all());
    assert!(out.stderr.contains("larger than 4 MiB"), "{}", out.all());
    assert!(out.stderr.contains("integrate.toml"), "{}", out.all());
}

/// A session bus that accepts connections and never says a word: libdbus waits forever.
fn silent_bus(dir: &Path) -> (String, std::thread::JoinHandle<()>) {
    let path = dir.join("silent-bus");
    let listener = std::os::unix::net::UnixListener::bind(&path).unwrap();
    let handle = std::thread::spawn(move || {
        let mut held = Vec::new();
        for stream in listener.incoming().take(16) {
            match stream {
                Ok(s) => held.push(s),
                Err(_) => return,
            }
        }
    });
    (format!("unix:path={}", path.display()), handle)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_keyring_that_never_answers_is_given_up_within_the_timeout() {
    let sandbox = Sandbox::new();
    let (address, _bus) = silent_bus(sandbox.dir.path());
    let endpoint = format!("http://127.0.0.1:{}", closed_port());

    let mut cmd = sandbox.command(&[
        "add",
        "zotero",
        "--no-check",
        "--secrets",
        "keyring",
        "--timeout",
        "1",
        "--set",
        "api_key=P9mVq2ZtW8nLx4Rk",
    ]);
    cmd.env("DBUS_SESSION_BUS_ADDRESS", &address);
    let started = Instant::now();
    let out = run_within(cmd, PROMPTLY).await;
    assert!(
        started.elapsed() < Duration::from_secs(5),
        "{:?}",
        started.elapsed()
    );
    assert_eq!(out.code, 2, "{}", out.all());
    assert!(
        out.stderr.contains("did not answer within 1s"),
        "{}",
        out.all()
    );
    assert!(!sandbox.read_config().contains("zotero"), "nothing saved");

    sandbox.write_config(&format!(
        "[providers.zotero]\napi_key = {{ keyring = \"zotero/api_key\" }}\nendpoint = \"{endpoint}\"\n"
    ));
    let mut cmd = sandbox.command(&["check", "--timeout", "1", "--format", "json"]);
    cmd.env("DBUS_SESSION_BUS_ADDRESS", &address);
    let started = Instant::now();
    let out = run_within(cmd, PROMPTLY).await;
    assert!(
        started.elapsed() < Duration::from_secs(5),
        "{:?}",
        started.elapsed()
    );
    assert!(out.all().contains("did not answer"), "{}", out.all());
    assert_ne!(out.code, 0, "{}", out.all());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn deeply_nested_json_is_refused_with_its_position() {
    let sandbox = Sandbox::new();
    crate::commands::configure(&sandbox);
    let file = sandbox.dir.path().join("autofac.consumers.json");
    std::fs::write(&file, format!("{{\"components\":{}", "[".repeat(40_000))).unwrap();
    let path = file.to_str().unwrap();
    for args in [
        vec!["import", "docspace", path],
        vec!["export", "docspace", "--path", path],
    ] {
        let out = run_within(sandbox.command(&args), PROMPTLY).await;
        assert_eq!(out.code, 2, "{args:?}: {}", out.all());
        let position = format!("{path}:1:");
        assert!(out.stderr.contains(&position), "{}", out.all());
        assert!(out.stderr.contains("nested"), "{}", out.all());
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn large_secrets_stay_fast_and_bounded() {
    let sandbox = Sandbox::new();
    let endpoint = format!("http://127.0.0.1:{}", closed_port());
    // Just under the 1 MiB value limit (redaction must stay linear), and over it.
    let under: String = (0..1_000_000u32)
        .map(|i| {
            char::from(
                b"ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789"
                    [(i.wrapping_mul(2_654_435_761) >> 7) as usize % 57],
            )
        })
        .collect();
    let over = under.repeat(3);
    sandbox.set_provider(
        "selectel",
        &[
            ("auth_user", "123456_portal".into()),
            ("password", under.clone()),
            ("endpoint", endpoint.clone()),
        ],
    );
    sandbox.set_provider(
        "smsc",
        &[
            ("login", "portal".into()),
            ("password", over),
            ("endpoint", endpoint),
        ],
    );
    for args in [
        vec!["config", "show"],
        vec!["check", "--timeout", "2", "--format", "json"],
    ] {
        let run = run_measured(sandbox.command(&args)).await;
        assert!(
            run.elapsed < Duration::from_secs(8),
            "{args:?} took {:?}",
            run.elapsed
        );
        assert!(
            run.max_rss_kib < 160 * 1024,
            "{args:?}: peak memory {} KiB",
            run.max_rss_kib
        );
        let all = run.output.all();
        assert!(
            all.contains("larger than 1 MiB"),
            "{args:?}: {}",
            &all[..all.len().min(2000)]
        );
        assert!(!all.contains(&under[1000..1008]), "{args:?} leaked");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn doctor_and_pull_cut_off_an_endless_answer() {
    use crate::support::hostile::{Fault, Hostile};
    let server = Hostile::start(Fault::HugeBody { bytes: None }).await;
    let sandbox = Sandbox::new();
    sandbox.set_provider(
        "zotero",
        &[
            ("api_key", "P9mVq2ZtW8nLx4Rk".into()),
            ("endpoint", server.endpoint.clone()),
        ],
    );
    let run = run_measured(sandbox.command(&["doctor", "zotero", "--timeout", "5"])).await;
    assert_eq!(run.output.code, 3, "{}", run.output.all());
    assert!(
        run.output.all().contains("too large"),
        "{}",
        run.output.all()
    );
    assert!(run.elapsed < Duration::from_secs(8), "{:?}", run.elapsed);
    assert!(run.max_rss_kib < 64 * 1024, "{} KiB", run.max_rss_kib);

    let mut cmd = sandbox.command(&["pull", &server.endpoint]);
    cmd.env(
        "INTEGRATE_DOCSPACE_TOKEN",
        "docspace-admin-token-7f3a9c2e4b1d",
    );
    let run = run_measured(cmd).await;
    assert_eq!(run.output.code, 3, "{}", run.output.all());
    assert!(
        run.output.all().contains("too large"),
        "{}",
        run.output.all()
    );
    assert!(run.elapsed < Duration::from_secs(8), "{:?}", run.elapsed);
    assert!(run.max_rss_kib < 64 * 1024, "{} KiB", run.max_rss_kib);
}
