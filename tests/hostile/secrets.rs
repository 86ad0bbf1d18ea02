//! Issue 11 §1–3 and issue 10 §10: secrets in every derived form, credentials in `endpoint`,
//! control characters from servers, and ordinary words that must stay readable.

use wiremock::matchers::any;
use wiremock::{Mock, MockServer, Request, Respond, ResponseTemplate};

use super::configs;
use crate::support::{Output, Sandbox, assert_no_leak, closed_port};

/// Answers every request with the request itself (a debug endpoint, a WAF page), `status`.
struct Echo(u16);

impl Respond for Echo {
    fn respond(&self, req: &Request) -> ResponseTemplate {
        let mut body = format!("{} {} HTTP/1.1\n", req.method, req.url);
        for (name, value) in &req.headers {
            body.push_str(&format!(
                "{}: {}\n",
                name,
                value.to_str().unwrap_or_default()
            ));
        }
        body.push('\n');
        body.push_str(&String::from_utf8_lossy(&req.body));
        ResponseTemplate::new(self.0).set_body_raw(body, "text/plain")
    }
}

async fn echo_server(status: u16) -> MockServer {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(Echo(status))
        .mount(&server)
        .await;
    server
}

/// The credential part of every `Authorization` header the server received: exactly what a
/// server echoing the request would show.
async fn sent_credentials(server: &MockServer) -> Vec<String> {
    let requests = server.received_requests().await.unwrap_or_default();
    let sent: Vec<String> = requests
        .iter()
        .filter_map(|r| r.headers.get("authorization"))
        .filter_map(|v| v.to_str().ok())
        .map(|v| v.split_once(' ').map_or(v, |(_, c)| c).to_string())
        .collect();
    sent
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn basic_credentials_echoed_by_a_server_never_leak() {
    // X signs with OAuth 1.0a now: its header holds public parameters and a one-way
    // signature, never the secret, so it is not one of the Basic senders.
    let basic = ["twilio", "dropbox", "docusign"];
    for status in [200, 401] {
        let server = echo_server(status).await;
        let sandbox = Sandbox::new();
        let mut secrets = Vec::new();
        for config in configs().iter().filter(|c| basic.contains(&c.id)) {
            let mut fields = config.fields.clone();
            fields.push(("endpoint", server.uri()));
            sandbox.set_provider(config.id, &fields);
            secrets.extend(config.secrets.iter().cloned());
        }
        let mut outputs: Vec<Output> = Vec::new();
        for format in ["text", "json", "junit", "github"] {
            let mut args = vec!["-vvv", "check", "--timeout", "5", "--format", format];
            args.extend(basic);
            outputs.push(sandbox.run_async(&args).await);
        }
        let mut args = vec!["doctor", "--timeout", "5"];
        args.extend(basic);
        outputs.push(sandbox.run_async(&args).await);
        outputs.push(sandbox.run_async(&["report", "--timeout", "5"]).await);
        let sent = sent_credentials(&server).await;
        assert!(
            sent.len() >= basic.len(),
            "every provider sent Basic credentials: {sent:?}"
        );
        secrets.extend(sent);
        for out in &outputs {
            assert_no_leak(out, &secrets);
        }
        // The answer is still shown, without its credential lines: support needs it.
        let json = &outputs[1];
        assert!(
            json.text("dropbox", "message").contains("HTTP"),
            "{}",
            json.stdout
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_json_secret_or_one_holding_the_provider_id_never_leaks() {
    let server = echo_server(200).await;
    let sandbox = Sandbox::new();
    let json_secret = r#"{"user":"portal","key":"q8ZtW3nVx5Lp"}"#;
    let id_secret = "dropbox-9f3kQ2mZ7xW1";
    sandbox.set_provider(
        "selectel",
        &[
            ("auth_user", "123456_portal".into()),
            ("password", json_secret.into()),
            ("endpoint", server.uri()),
        ],
    );
    sandbox.set_provider(
        "dropbox",
        &[
            ("app_key", "x7k2m9q4w1e8r5t".into()),
            ("app_secret", id_secret.into()),
            ("endpoint", server.uri()),
        ],
    );
    let out = sandbox
        .run_async(&["-vvv", "check", "--format", "json", "--timeout", "5"])
        .await;
    let mut secrets = vec![id_secret.to_string(), "q8ZtW3nVx5Lp".to_string()];
    secrets.extend(sent_credentials(&server).await);
    assert_no_leak(&out, &secrets);
    for window in json_secret.as_bytes().windows(8) {
        let window = String::from_utf8_lossy(window);
        assert!(
            !out.all().contains(window.as_ref()),
            "{window}: {}",
            out.all()
        );
    }
    // The provider id itself stays readable.
    assert_eq!(out.result("dropbox")["provider"], "dropbox");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn credentials_in_an_endpoint_are_refused_and_never_shown() {
    let server = echo_server(200).await;
    let port = server.address().port();
    let password = "Pa55w0rdInUrl";
    for endpoint in [
        format!("http://:{password}@127.0.0.1:{port}"),
        format!("http://admin:{password}@127.0.0.1:{port}"),
    ] {
        let sandbox = Sandbox::new();
        sandbox.set_provider(
            "zotero",
            &[
                ("api_key", "P9mVq2ZtW8nLx4Rk".into()),
                ("endpoint", endpoint.clone()),
            ],
        );
        let check = sandbox
            .run_async(&["check", "zotero", "--format", "json"])
            .await;
        // Refused before any request, as the provider's own result (a setting, not a key).
        assert_eq!(check.status("zotero"), "misconfigured", "{}", check.all());
        assert_eq!(check.result("zotero")["reason"], "config");
        assert!(
            check.text("zotero", "message").contains("credentials"),
            "{}",
            check.all()
        );
        let mut outputs = vec![check];
        for args in [
            vec!["-vvv", "check", "zotero"],
            vec!["config", "show"],
            vec!["config", "show", "--format", "json"],
            vec!["doctor", "zotero", "--timeout", "3"],
            vec!["report", "--timeout", "3"],
        ] {
            outputs.push(sandbox.run_async(&args).await);
        }
        let added = Sandbox::new();
        let flag = format!("endpoint={endpoint}");
        let out = added
            .run_async(&[
                "add",
                "zotero",
                "--no-check",
                "--set",
                "api_key=P9mVq2ZtW8nLx4Rk",
                "--set",
                &flag,
            ])
            .await;
        assert_eq!(out.code, 2, "{}", out.all());
        assert!(out.stderr.contains("credentials"), "{}", out.all());
        outputs.push(out);
        for out in &outputs {
            assert!(!out.all().contains(password), "{endpoint}:\n{}", out.all());
        }
        let requests = server.received_requests().await.unwrap_or_default();
        assert!(
            requests.iter().all(|r| r.url.path() == "/"),
            "no check request may carry the credentials: {:?}",
            requests
                .iter()
                .map(|r| r.url.to_string())
                .collect::<Vec<_>>()
        );
    }
}

/// A provider answer crafted to take over a terminal: retitle it, clear it, hide the text
/// after it, reverse the text direction.
const HOSTILE_TEXT: &str = "\u{1b}]0;pwned\u{7}\u{1b}[2J\u{1b}[8mhidden\u{202e}txet\u{9b}31m";

async fn hostile_answers() -> MockServer {
    let server = MockServer::start().await;
    let description = serde_json::json!({
        "ok": false, "error_code": 401, "description": format!("Unauthorized {HOSTILE_TEXT}")
    });
    Mock::given(wiremock::matchers::path_regex("^/bot"))
        .respond_with(ResponseTemplate::new(401).set_body_json(description))
        .mount(&server)
        .await;
    Mock::given(any())
        .respond_with(
            ResponseTemplate::new(200).set_body_raw(format!("odd {HOSTILE_TEXT}"), "text/plain"),
        )
        .mount(&server)
        .await;
    server
}

/// Only integrate's own colours may reach a terminal: SGR sequences of bold, dim and the
/// foreground colours.
fn assert_only_own_escapes(text: &str, context: &str) {
    let allowed = regex::Regex::new(r"\x1b\[[0-9;]*m").unwrap();
    let rest = allowed.replace_all(text, "");
    for c in rest.chars() {
        let hostile =
            (c.is_control() && c != '\n' && c != '\t') || ('\u{202a}'..='\u{202e}').contains(&c);
        assert!(
            !hostile,
            "{context}: control character {c:?} reached the output:\n{text}"
        );
    }
    for sgr in allowed.find_iter(text) {
        assert!(
            !sgr.as_str().contains("8m") && !sgr.as_str().contains("[4"),
            "{context}: {sgr:?} is not one of integrate's styles"
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn control_characters_from_servers_are_neutralised_in_every_format() {
    let server = hostile_answers().await;
    let sandbox = Sandbox::new();
    sandbox.set_provider(
        "telegram",
        &[
            (
                "bot_token",
                "7712345678:AAF3kq9VvQz8xYw2LmN4pR6sT0uBcDeFgHi".into(),
            ),
            ("bot_name", "PortalNotifyBot".into()),
            ("endpoint", server.uri()),
        ],
    );
    sandbox.set_provider(
        "zotero",
        &[
            ("api_key", "P9mVq2ZtW8nLx4Rk".into()),
            ("endpoint", server.uri()),
        ],
    );
    for format in ["text", "json", "junit", "github"] {
        for color in ["never", "always"] {
            let out = sandbox
                .run_async(&["--color", color, "check", "--format", format])
                .await;
            assert!(out.code == 1 || out.code == 3, "{}", out.all());
            assert_only_own_escapes(
                &out.all(),
                &format!("check --format {format} --color {color}"),
            );
            if format == "junit" {
                assert_valid_xml(&out.stdout);
            }
            if format == "text" {
                assert!(
                    out.stdout.contains("\\x1b]0;pwned"),
                    "shown, escaped: {}",
                    out.stdout
                );
            }
        }
    }
    for args in [
        vec!["--color", "always", "doctor", "--timeout", "3"],
        vec!["report", "--timeout", "3"],
    ] {
        let out = sandbox.run_async(&args).await;
        assert_only_own_escapes(&out.all(), &args.join(" "));
    }
}

/// Parses the document to the end and checks every character against XML 1.0's `Char`.
fn assert_valid_xml(xml: &str) {
    let mut reader = quick_xml::Reader::from_str(xml);
    loop {
        match reader.read_event() {
            Ok(quick_xml::events::Event::Eof) => break,
            Ok(quick_xml::events::Event::Text(text)) => {
                text.decode().expect("text decodes");
            }
            Ok(quick_xml::events::Event::Start(e)) | Ok(quick_xml::events::Event::Empty(e)) => {
                for attr in e.attributes() {
                    attr.expect("attribute").unescape_value().expect("value");
                }
            }
            Ok(_) => {}
            Err(e) => panic!("not XML ({e}):\n{xml}"),
        }
    }
    for c in xml.chars() {
        let ok = matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..);
        assert!(ok, "{c:?} is not an XML 1.0 character:\n{xml}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn secrets_made_of_common_words_leave_the_text_around_them_alone() {
    let sandbox = Sandbox::new();
    let endpoint = format!("http://127.0.0.1:{}", closed_port());
    // Secrets built from the words the tool prints: headings, statuses, field names.
    let secrets = [
        "Secret-Report-Status-Config-check-7Q",
        "Secrets/token/value/masked/field/42",
    ];
    sandbox.set_provider(
        "mailru",
        &[
            ("client_id", "798244".into()),
            ("client_secret", secrets[0].into()),
            ("endpoint", endpoint.clone()),
        ],
    );
    sandbox.set_provider(
        "s3",
        &[
            ("access_key_id", "AKIAIOSFODNN7EXAMPLE".into()),
            ("secret_access_key", secrets[1].into()),
            ("endpoint", endpoint),
        ],
    );
    let secrets: Vec<String> = secrets.iter().map(|s| s.to_string()).collect();
    let report = sandbox.run_async(&["report", "--timeout", "3"]).await;
    for heading in [
        "# integrate support report",
        "## Environment",
        "## Configuration (secrets masked to their last 4 characters)",
        "## Doctor (every layer, with timings)",
        "### s3 (",
        "| field | value | source |",
    ] {
        assert!(
            report.stdout.contains(heading),
            "{heading:?}:\n{}",
            report.stdout
        );
    }
    let check = sandbox.run_async(&["check", "--format", "text"]).await;
    let json = sandbox.run_async(&["check", "--format", "json"]).await;
    assert_eq!(json.status("s3"), "unreachable", "{}", json.all());
    let show = sandbox.run_async(&["config", "show"]).await;
    for out in [&report, &check, &json, &show] {
        assert_no_leak(out, &secrets);
        assert!(
            !out.all().contains("[REDACTED]"),
            "nothing here is a secret, so nothing is masked:\n{}",
            out.all()
        );
    }
    assert!(show.stdout.contains("****k-7Q"), "{}", show.stdout);
}
