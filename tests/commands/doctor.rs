//! `integrate doctor`: one local fake per layer (a name that does not resolve, a refused
//! port, a self-signed TLS server, a server whose clock is 20 minutes off, one that stalls
//! after the handshake), the portal findings, and the output shapes and exit codes.

use std::sync::Arc;
use std::time::{Duration, Instant, SystemTime};

use rustls_pki_types::{CertificateDer, PrivateKeyDer, PrivatePkcs8KeyDer};
use serde_json::Value;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;

use crate::fakes::telegram::{TOKEN, USERNAME};
use crate::support::{Output, Sandbox, assert_no_leak, closed_port};

/// How the fake HTTPS server behaves once the TLS handshake is done.
#[derive(Clone, Copy)]
enum After {
    /// Answers every request like Telegram's getMe, with a `Date` this far in the past.
    Answer { clock_behind: Duration },
    /// Never answers.
    Stall,
}

/// A TLS server on 127.0.0.1 with a certificate made here for `localhost`; returns its port
/// and the certificate's PEM path (inside the sandbox).
async fn tls_server(sandbox: &Sandbox, after: After) -> (u16, std::path::PathBuf) {
    let certified =
        rcgen::generate_simple_self_signed(vec!["localhost".to_string(), "127.0.0.1".to_string()])
            .unwrap();
    let pem_path = sandbox.dir.path().join("fake-ca.pem");
    std::fs::write(&pem_path, certified.cert.pem()).unwrap();
    let key = PrivateKeyDer::Pkcs8(PrivatePkcs8KeyDer::from(
        certified.signing_key.serialize_der(),
    ));
    let chain: Vec<CertificateDer<'static>> = vec![certified.cert.der().clone()];
    let config = rustls::ServerConfig::builder_with_provider(Arc::new(
        rustls::crypto::aws_lc_rs::default_provider(),
    ))
    .with_safe_default_protocol_versions()
    .unwrap()
    .with_no_client_auth()
    .with_single_cert(chain, key)
    .unwrap();
    let acceptor = tokio_rustls::TlsAcceptor::from(Arc::new(config));
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = listener.local_addr().unwrap().port();
    tokio::spawn(async move {
        loop {
            let Ok((tcp, _)) = listener.accept().await else {
                return;
            };
            let acceptor = acceptor.clone();
            tokio::spawn(async move {
                let Ok(mut tls) = acceptor.accept(tcp).await else {
                    return;
                };
                let mut head = Vec::new();
                let mut buf = [0u8; 2048];
                while !head.windows(4).any(|w| w == b"\r\n\r\n") {
                    match tls.read(&mut buf).await {
                        Ok(0) | Err(_) => return,
                        Ok(n) => head.extend_from_slice(&buf[..n]),
                    }
                }
                match after {
                    After::Stall => tokio::time::sleep(Duration::from_secs(600)).await,
                    After::Answer { clock_behind } => {
                        let date = httpdate::fmt_http_date(SystemTime::now() - clock_behind);
                        let body = format!(
                            r#"{{"ok":true,"result":{{"id":7712345678,"is_bot":true,"first_name":"Portal","username":"{USERNAME}"}}}}"#
                        );
                        let response = format!(
                            "HTTP/1.1 200 OK\r\nDate: {date}\r\nServer: fake-telegram\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
                            body.len()
                        );
                        let _ = tls.write_all(response.as_bytes()).await;
                        let _ = tls.shutdown().await;
                    }
                }
            });
        }
    });
    (port, pem_path)
}

fn telegram_at(sandbox: &Sandbox, endpoint: &str) {
    sandbox.set_provider(
        "telegram",
        &[
            ("bot_token", TOKEN.into()),
            ("bot_name", USERNAME.into()),
            ("endpoint", endpoint.into()),
        ],
    );
}

fn provider<'a>(doc: &'a Value, id: &str) -> &'a Value {
    doc["results"]
        .as_array()
        .and_then(|list| list.iter().find(|p| p["provider"] == id))
        .unwrap_or_else(|| panic!("no {id} in {doc:#}"))
}

fn layer<'a>(p: &'a Value, name: &str) -> &'a Value {
    p["layers"]
        .as_array()
        .and_then(|list| list.iter().find(|l| l["name"] == name))
        .unwrap_or_else(|| panic!("no layer {name} in {p:#}"))
}

fn has_finding(p: &Value, code: &str) -> bool {
    p["findings"]
        .as_array()
        .is_some_and(|f| f.iter().any(|f| f["code"] == code))
}

async fn doctor_json(sandbox: &Sandbox, extra: &[&str]) -> (Output, Value) {
    let mut args = vec!["doctor", "--format", "json"];
    args.extend_from_slice(extra);
    let out = sandbox.run_async(&args).await;
    let doc = out.json();
    (out, doc)
}

#[tokio::test]
async fn doctor_name_that_does_not_resolve_fails_at_dns() {
    let sandbox = Sandbox::new();
    telegram_at(&sandbox, "https://doctor-test.invalid");
    let (out, doc) = doctor_json(&sandbox, &["--timeout", "5"]).await;
    let p = provider(&doc, "telegram");
    assert_eq!(p["status"], "unreachable", "{}", out.all());
    assert_eq!(layer(p, "dns")["status"], "failed");
    assert!(
        p["message"]
            .as_str()
            .unwrap()
            .contains("doctor-test.invalid does not resolve")
    );
    assert_eq!(layer(p, "tcp")["status"], "not_run");
    assert_eq!(layer(p, "check")["status"], "not_run");
    assert_eq!(out.code, 3);
    assert_no_leak(&out, &[TOKEN.to_string()]);
}

#[tokio::test]
async fn doctor_refused_port_fails_at_tcp() {
    let sandbox = Sandbox::new();
    telegram_at(&sandbox, &format!("http://127.0.0.1:{}", closed_port()));
    let (out, doc) = doctor_json(&sandbox, &[]).await;
    let p = provider(&doc, "telegram");
    assert_eq!(layer(p, "dns")["status"], "ok");
    let tcp = layer(p, "tcp");
    assert_eq!(tcp["status"], "failed", "{}", out.all());
    assert!(
        tcp["summary"].as_str().unwrap().contains("refused"),
        "{tcp}"
    );
    assert!(tcp["elapsed_ms"].is_u64());
    assert_eq!(p["reason"], "connect");
    assert_eq!(out.code, 3);
}

#[tokio::test]
async fn doctor_text_wraps_to_the_width_and_quiet_keeps_problems_and_the_verdict() {
    let sandbox = Sandbox::new();
    telegram_at(&sandbox, &format!("http://127.0.0.1:{}", closed_port()));
    sandbox.set_provider(
        "bitly",
        &[
            (
                "access_token",
                "0123456789abcdef0123456789abcdef01234567".into(),
            ),
            ("endpoint", format!("http://127.0.0.1:{}", closed_port())),
        ],
    );
    let mut cmd = sandbox.command(&["doctor", "--timeout", "3"]);
    cmd.env("COLUMNS", "60");
    let out = sandbox.run_async_with(cmd).await;
    assert_eq!(out.code, 3, "{}", out.all());
    let lines: Vec<&str> = out.stdout.lines().collect();
    assert!(lines.len() > 4, "{}", out.stdout);
    for line in &lines {
        assert!(
            line.chars().count() <= 60,
            "wider than 60: {line:?}\n{}",
            out.stdout
        );
    }
    // A continuation hangs under its text: the advice's second line starts in its column.
    let advice = lines.iter().position(|l| l.contains(" → ")).unwrap();
    let column = lines[advice].chars().take_while(|c| *c != '→').count() + 2;
    let next: Vec<char> = lines[advice + 1].chars().collect();
    assert!(
        next.len() > column && next[..column].iter().all(|c| *c == ' ') && next[column] != ' ',
        "{}",
        out.stdout
    );
}

#[tokio::test]
async fn doctor_quiet_prints_only_problems_and_the_verdict() {
    let sandbox = Sandbox::new();
    let (port, pem) = tls_server(
        &sandbox,
        After::Answer {
            clock_behind: Duration::ZERO,
        },
    )
    .await;
    telegram_at(&sandbox, &format!("https://localhost:{port}"));
    sandbox.set_provider(
        "bitly",
        &[
            (
                "access_token",
                "0123456789abcdef0123456789abcdef01234567".into(),
            ),
            ("endpoint", format!("http://127.0.0.1:{}", closed_port())),
        ],
    );
    let ca = pem.to_str().unwrap();
    let out = sandbox.run_async(&["-q", "doctor", "--ca-file", ca]).await;
    assert_eq!(out.code, 3, "{}", out.all());
    assert!(!out.stdout.contains("telegram"), "{}", out.stdout);
    assert!(out.stdout.starts_with("✗ bitly "), "{}", out.stdout);
    assert!(
        out.stdout.contains("1 of 2 providers need attention"),
        "{}",
        out.stdout
    );
    assert!(out.stderr.is_empty(), "{}", out.stderr);
}

#[tokio::test]
async fn doctor_junit_and_github_formats_report_each_provider() {
    let sandbox = Sandbox::new();
    telegram_at(&sandbox, &format!("http://127.0.0.1:{}", closed_port()));
    let junit = sandbox.run_async(&["doctor", "--format", "junit"]).await;
    assert_eq!(junit.code, 3, "{}", junit.all());
    assert!(
        junit
            .stdout
            .contains("<testsuite name=\"integrate doctor\"")
            && junit
                .stdout
                .contains("<testcase classname=\"integrate.telegram\"")
            && junit.stdout.contains("<error message=")
            && junit.stdout.contains("hostname=")
            && junit.stdout.contains("tcp: Failed"),
        "{}",
        junit.stdout
    );
    let github = sandbox.run_async(&["doctor", "--format", "github"]).await;
    assert_eq!(github.code, 3, "{}", github.all());
    assert!(
        github
            .stdout
            .starts_with("::warning title=integrate doctor telegram::unreachable (connect)"),
        "{}",
        github.stdout
    );
    assert!(
        github.stdout.contains("integrate doctor: ok=0"),
        "{}",
        github.stdout
    );
}

#[tokio::test]
async fn doctor_self_signed_certificate_fails_then_passes_with_ca_file() {
    let sandbox = Sandbox::new();
    let (port, pem) = tls_server(
        &sandbox,
        After::Answer {
            clock_behind: Duration::ZERO,
        },
    )
    .await;
    telegram_at(&sandbox, &format!("https://localhost:{port}"));

    let (out, doc) = doctor_json(&sandbox, &["--timeout", "5"]).await;
    let p = provider(&doc, "telegram");
    let tls = layer(p, "tls");
    assert_eq!(tls["status"], "failed", "{}", out.all());
    assert!(
        tls["summary"].as_str().unwrap().contains("self-signed"),
        "{tls}"
    );
    let advice = tls["advice"].as_str().unwrap();
    assert!(
        advice.contains("--ca-file") && advice.contains("SSL_CERT_FILE"),
        "{advice}"
    );
    assert!(
        tls["evidence"]["issuer"]
            .as_str()
            .is_some_and(|i| !i.is_empty()),
        "{tls}"
    );
    assert!(tls["evidence"]["not_after"].is_string(), "{tls}");
    assert_eq!(layer(p, "http")["status"], "not_run");
    assert_eq!(out.code, 3);

    let ca = pem.to_str().unwrap();
    let (out, doc) = doctor_json(&sandbox, &["--timeout", "5", "--ca-file", ca]).await;
    let p = provider(&doc, "telegram");
    assert_eq!(layer(p, "tls")["status"], "ok", "{}", out.all());
    assert_eq!(layer(p, "http")["status"], "ok");
    assert_eq!(layer(p, "clock")["status"], "ok");
    assert_eq!(layer(p, "check")["status"], "ok");
    assert_eq!(p["status"], "ok");
    assert_eq!(p["check"]["facts"]["bot_username"], "@PortalNotifyBot");
    assert_eq!(out.code, 0);

    // SSL_CERT_FILE is the other documented fix.
    let mut cmd = sandbox.command(&["doctor", "--format", "json", "--timeout", "5"]);
    cmd.env("SSL_CERT_FILE", &pem);
    // Async, so the fake server keeps serving on this runtime meanwhile.
    let out = crate::support::run_async(cmd).await;
    assert_eq!(
        layer(provider(&out.json(), "telegram"), "tls")["status"],
        "ok",
        "{}",
        out.all()
    );
    // The live check's HTTP client trusts it too, not only the doctor's own handshake.
    assert_eq!(
        layer(provider(&out.json(), "telegram"), "check")["status"],
        "ok",
        "{}",
        out.all()
    );
    assert_no_leak(&out, &[TOKEN.to_string()]);
}

#[tokio::test]
async fn doctor_clock_twenty_minutes_off_is_reported() {
    let sandbox = Sandbox::new();
    let (port, pem) = tls_server(
        &sandbox,
        After::Answer {
            clock_behind: Duration::from_secs(20 * 60),
        },
    )
    .await;
    telegram_at(&sandbox, &format!("https://localhost:{port}"));
    let (out, doc) = doctor_json(&sandbox, &["--ca-file", pem.to_str().unwrap()]).await;
    let p = provider(&doc, "telegram");
    let clock = layer(p, "clock");
    assert_eq!(clock["status"], "warning", "{}", out.all());
    let skew = clock["evidence"]["skew_seconds"].as_i64().unwrap();
    assert!((1190..=1210).contains(&skew), "skew {skew}");
    assert!(
        clock["summary"].as_str().unwrap().contains("20 min ahead"),
        "{clock}"
    );
    assert!(clock["advice"].as_str().unwrap().contains("SigV4"));
    // Telegram does not sign with the time: the check still passes, so this is a warning.
    assert_eq!(layer(p, "check")["status"], "ok");
    assert_eq!(p["status"], "warning");
    assert_eq!(out.code, 0);
}

#[tokio::test]
async fn doctor_server_that_stalls_after_tls_fails_at_http_within_timeout() {
    let sandbox = Sandbox::new();
    let (port, pem) = tls_server(&sandbox, After::Stall).await;
    telegram_at(&sandbox, &format!("https://localhost:{port}"));
    let started = Instant::now();
    let (out, doc) = doctor_json(
        &sandbox,
        &["--timeout", "2", "--ca-file", pem.to_str().unwrap()],
    )
    .await;
    assert!(
        started.elapsed() < Duration::from_secs(8),
        "took {:?}",
        started.elapsed()
    );
    let p = provider(&doc, "telegram");
    assert_eq!(layer(p, "tls")["status"], "ok", "{}", out.all());
    let http = layer(p, "http");
    assert_eq!(http["status"], "failed");
    assert!(
        http["summary"].as_str().unwrap().contains("stalls"),
        "{http}"
    );
    assert!(http["elapsed_ms"].as_u64().unwrap() >= 1900, "{http}");
    assert_eq!(layer(p, "check")["status"], "not_run");
    assert!(p["message"].as_str().unwrap().starts_with("http:"));
    assert_eq!(out.code, 3);
}

#[tokio::test]
async fn doctor_text_is_one_line_per_provider_with_a_verdict_last() {
    let sandbox = Sandbox::new();
    let (port, pem) = tls_server(
        &sandbox,
        After::Answer {
            clock_behind: Duration::ZERO,
        },
    )
    .await;
    telegram_at(&sandbox, &format!("https://localhost:{port}"));
    sandbox.set_provider(
        "bitly",
        &[
            (
                "access_token",
                "0123456789abcdef0123456789abcdef01234567".into(),
            ),
            ("endpoint", format!("http://127.0.0.1:{}", closed_port())),
        ],
    );
    let ca = pem.to_str().unwrap();
    let out = sandbox.run_async(&["doctor", "--ca-file", ca]).await;
    assert_eq!(out.code, 3, "{}", out.all());
    let lines: Vec<&str> = out.stdout.lines().collect();
    assert!(
        lines.iter().any(|l| l.starts_with("✓ telegram ")),
        "{}",
        out.stdout
    );
    assert!(
        lines.iter().any(|l| l.starts_with("✗ bitly ")),
        "{}",
        out.stdout
    );
    // Condensed: layers only under the provider with a problem.
    assert!(out.stdout.contains("✗ tcp"), "{}", out.stdout);
    assert!(!out.stdout.contains("✓ tls"), "{}", out.stdout);
    // The verdict closes the text (wrapped to the width, so read as one paragraph).
    let text = out.stdout.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        text.contains("1 of 2 providers need attention")
            && text.ends_with("`integrate doctor -v` shows every layer."),
        "{}",
        out.stdout
    );

    let out = sandbox
        .run_async(&["doctor", "-v", "--ca-file", ca, "telegram"])
        .await;
    assert_eq!(out.code, 0, "{}", out.all());
    assert!(
        out.stdout.contains("✓ tls") && out.stdout.contains("subject:"),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout
            .lines()
            .last()
            .unwrap()
            .starts_with("No issues found"),
        "{}",
        out.stdout
    );
    assert_no_leak(&out, &[TOKEN.to_string()]);
}

#[tokio::test]
async fn doctor_portal_findings_change_the_verdict() {
    let sandbox = Sandbox::new();
    sandbox.write_config("[portal]\nurl = \"http://portal.example.com\"\n");
    let closed = format!("http://127.0.0.1:{}", closed_port());
    sandbox.set_provider(
        "docusign",
        &[
            (
                "integration_key",
                "be7ffd58-196d-42a0-84f3-7a0ba157eef5".into(),
            ),
            ("secret_key", "96ea3b2e-2d1a-40e9-be95-ef403beeb51c".into()),
            ("endpoint", closed.clone()),
        ],
    );
    sandbox.set_provider(
        "twilio",
        &[
            ("account_sid", "AC0123456789abcdef0123456789abcdef".into()),
            ("auth_token", "9f8e7d6c5b4a39281706f5e4d3c2b1a0".into()),
            ("phone_number", "+15005550006".into()),
            ("endpoint", closed),
        ],
    );
    // The portal's own file already sets the Twilio keys: read-only in its settings page.
    let portal_file = sandbox.dir.path().join("web.consumers.config");
    std::fs::write(
        &portal_file,
        r#"<consumers><components><component name="Twilio"><props>
<item key="twilioAccountSid" value="AC0123456789abcdef0123456789abcdef" />
<item key="twilioAuthToken" value="ffffffffffffffffffffffffffffffff" password="true" />
</props></component></components></consumers>"#,
    )
    .unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&sandbox.config, std::fs::Permissions::from_mode(0o644)).unwrap();
    }
    let (out, doc) = doctor_json(&sandbox, &["--portal-file", portal_file.to_str().unwrap()]).await;
    let docusign = provider(&doc, "docusign");
    assert!(
        has_finding(docusign, "docusign_needs_https"),
        "{docusign:#}"
    );
    assert_eq!(docusign["status"], "misconfigured");
    assert!(has_finding(docusign, "redirect_uri"));
    let twilio = provider(&doc, "twilio");
    for code in ["twilio_sms_2fa", "keys_read_only", "portal_file_differs"] {
        assert!(has_finding(twilio, code), "{code} missing: {twilio:#}");
    }
    let global = doc["findings"].as_array().unwrap();
    assert!(
        global
            .iter()
            .any(|f| f["code"] == "config_permissions" && f["severity"] == "warning"),
        "{global:?}"
    );
    assert_eq!(out.code, 1, "{}", out.all());
    assert_no_leak(
        &out,
        &[
            "9f8e7d6c5b4a39281706f5e4d3c2b1a0".to_string(),
            "ffffffffffffffffffffffffffffffff".to_string(),
        ],
    );
}

#[tokio::test]
async fn doctor_proxy_that_wants_authentication_fails_at_tunnel() {
    let sandbox = Sandbox::new();
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = listener.local_addr().unwrap().port();
    tokio::spawn(async move {
        while let Ok((mut conn, _)) = listener.accept().await {
            let mut buf = [0u8; 2048];
            let _ = conn.read(&mut buf).await;
            let _ = conn
                .write_all(
                    b"HTTP/1.1 407 Proxy Authentication Required\r\nContent-Length: 0\r\n\r\n",
                )
                .await;
        }
    });
    sandbox.set_provider(
        "telegram",
        &[("bot_token", TOKEN.into()), ("bot_name", USERNAME.into())],
    );
    let mut cmd = sandbox.command(&["doctor", "--format", "json", "--timeout", "5"]);
    cmd.env(
        "HTTPS_PROXY",
        format!("http://alice:Pr0xyPassw0rd@127.0.0.1:{port}"),
    );
    let out = crate::support::run_async(cmd).await;
    let doc = out.json();
    let p = provider(&doc, "telegram");
    let proxy = layer(p, "proxy");
    assert_eq!(
        proxy["evidence"]["proxy"],
        format!("http://127.0.0.1:{port}"),
        "{}",
        out.all()
    );
    assert!(
        proxy["summary"]
            .as_str()
            .unwrap()
            .contains("DNS and TCP below are to the proxy")
    );
    assert_eq!(layer(p, "tcp")["status"], "ok");
    let tunnel = layer(p, "tunnel");
    assert_eq!(tunnel["status"], "failed");
    assert!(
        tunnel["summary"]
            .as_str()
            .unwrap()
            .contains("authentication"),
        "{tunnel}"
    );
    assert_eq!(layer(p, "tls")["status"], "not_run");
    assert_eq!(out.code, 3);
    assert_no_leak(&out, &["Pr0xyPassw0rd".to_string(), TOKEN.to_string()]);
}

#[test]
fn doctor_unknown_or_unconfigured_id_is_a_usage_error() {
    let sandbox = Sandbox::new();
    assert_eq!(sandbox.run(&["doctor", "nosuch"]).code, 2);
    assert_eq!(sandbox.run(&["doctor", "zotero"]).code, 2);
}

#[test]
fn doctor_with_nothing_to_diagnose_fails_closed() {
    let sandbox = Sandbox::new();
    let out = sandbox.run(&["doctor", "--format", "json"]);
    assert_eq!(out.code, 2, "{}", out.all());
    assert!(out.stdout.is_empty(), "{}", out.stdout);
    assert!(
        out.stderr.contains("nothing to diagnose") && out.stderr.contains("integrate add"),
        "{}",
        out.stderr
    );
}

/// A Workspace file whose Telegram token sits inside an XML comment, or not.
fn telegram_portal_file(sandbox: &Sandbox, commented: bool) -> std::path::PathBuf {
    let other = "111111111:AAEOLDOLDOLDOLDOLDOLDOLDOLDOLDOLDOL";
    let item = format!(r#"<item key="telegramBotToken" value="{other}" />"#);
    let item = if commented {
        format!("<!-- {item} -->")
    } else {
        item
    };
    let path = sandbox.dir.path().join("web.consumers.config");
    std::fs::write(
        &path,
        format!(
            r#"<consumers><components><component name="Telegram"><props>
{item}
<item key="telegramBotName" value="" />
</props></component></components></consumers>"#
        ),
    )
    .unwrap();
    path
}

/// doctor reads a portal file with the same parser as `import`: an `<item>` inside an XML
/// comment is set for neither, and an uncommented one is set for both.
#[tokio::test]
async fn doctor_and_import_agree_on_a_commented_out_item() {
    for commented in [true, false] {
        let sandbox = Sandbox::new();
        telegram_at(&sandbox, &format!("http://127.0.0.1:{}", closed_port()));
        let file = telegram_portal_file(&sandbox, commented);
        let file = file.to_str().unwrap();

        let importer = Sandbox::new();
        let imported = importer.run(&["import", "workspace", file]);
        assert_eq!(imported.code, 0, "{}", imported.all());
        let import_found_keys = !imported.all().contains("holds no keys");

        let (out, doc) = doctor_json(&sandbox, &["--timeout", "3", "--portal-file", file]).await;
        let telegram = provider(&doc, "telegram");
        let doctor_found_keys = has_finding(telegram, "keys_read_only");
        assert_eq!(
            has_finding(telegram, "portal_file_differs"),
            doctor_found_keys,
            "{telegram:#}"
        );
        assert_eq!(doctor_found_keys, !commented, "{}", out.all());
        assert_eq!(import_found_keys, !commented, "{}", imported.all());
    }
}
