//! The corpus of real answers (issue 9.9): `tests/fixtures/answers/<id>/<case>.json`, one file
//! per answer a real provider gave (quoted in its docs, error catalog or a public issue
//! thread, with the URL), and the status the check must reach on it.
//!
//! Each fixture is replayed through the provider's real check: the provider's fake runs with
//! its valid credentials, and a replay proxy in front of it answers the fixture's request
//! (method and path) with the recorded answer, passing every other request through unchanged
//! (the `Host` header included, so S3 signatures still verify). So a check is judged on exactly
//! the answer the provider gave, at exactly the step where it gave it.

use std::collections::BTreeMap;
use std::convert::Infallible;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use bytes::Bytes;
use futures::StreamExt;
use http_body_util::{BodyExt, Full};
use hyper::body::Incoming;
use hyper_util::rt::TokioIo;
use serde::Deserialize;
use serde_json::Value;

use crate::fakes;
use crate::support::{Sandbox, assert_no_leak};

/// One recorded answer and what the check must make of it.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Fixture {
    /// Where this answer is documented or quoted.
    pub source: String,
    /// The body was assembled from documented fields rather than captured verbatim.
    #[serde(default)]
    pub reconstructed: bool,
    /// The situation that produces it.
    pub note: String,
    /// Which of the check's requests it answers; absent: every request.
    #[serde(default)]
    pub request: Option<RequestMatch>,
    pub status: u16,
    #[serde(default)]
    pub headers: BTreeMap<String, String>,
    /// Raw text, or a JSON value sent as JSON.
    pub body: Value,
    pub expect: Expect,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RequestMatch {
    #[serde(default)]
    pub method: Option<String>,
    /// The request path, exactly (the query is ignored); a trailing `*` matches a prefix.
    pub path: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Expect {
    pub status: String,
    /// Words the message must contain (case-insensitive): the message names the cause.
    #[serde(default)]
    pub message_contains: Vec<String>,
    #[serde(default)]
    pub reason: Option<String>,
}

impl RequestMatch {
    fn matches(&self, method: &str, path: &str) -> bool {
        let method_ok = self
            .method
            .as_deref()
            .is_none_or(|m| m.eq_ignore_ascii_case(method));
        let path_ok = match self.path.strip_suffix('*') {
            Some(prefix) => path.starts_with(prefix),
            None => path == self.path,
        };
        method_ok && path_ok
    }
}

impl Fixture {
    fn body_bytes(&self) -> Vec<u8> {
        match &self.body {
            Value::String(text) => text.clone().into_bytes(),
            other => serde_json::to_vec(other).unwrap(),
        }
    }
}

/// A replay proxy in front of a fake: it serves the fixture's answer to the matching request
/// and forwards the rest. It counts how often the fixture was served, so a fixture whose
/// request the check never sends fails instead of passing unnoticed.
pub struct Replay {
    pub endpoint: String,
    served: Arc<std::sync::atomic::AtomicUsize>,
    task: tokio::task::JoinHandle<()>,
}

impl Drop for Replay {
    fn drop(&mut self) {
        self.task.abort();
    }
}

impl Replay {
    pub async fn start(upstream: String, fixture: Arc<Fixture>) -> Replay {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr: SocketAddr = listener.local_addr().unwrap();
        let served = Arc::new(std::sync::atomic::AtomicUsize::new(0));
        let client = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .no_proxy()
            .build()
            .unwrap();
        let counter = served.clone();
        let task = tokio::spawn(async move {
            loop {
                let Ok((socket, _)) = listener.accept().await else {
                    continue;
                };
                let (fixture, upstream, client, counter) = (
                    fixture.clone(),
                    upstream.clone(),
                    client.clone(),
                    counter.clone(),
                );
                tokio::spawn(async move {
                    let service = hyper::service::service_fn(move |req| {
                        let (fixture, upstream, client, counter) = (
                            fixture.clone(),
                            upstream.clone(),
                            client.clone(),
                            counter.clone(),
                        );
                        async move {
                            Ok::<_, Infallible>(
                                answer(req, &fixture, &upstream, &client, &counter).await,
                            )
                        }
                    });
                    let _ = hyper::server::conn::http1::Builder::new()
                        .serve_connection(TokioIo::new(socket), service)
                        .await;
                });
            }
        });
        Replay {
            endpoint: format!("http://{addr}"),
            served,
            task,
        }
    }

    pub fn served(&self) -> usize {
        self.served.load(std::sync::atomic::Ordering::SeqCst)
    }
}

async fn answer(
    req: hyper::Request<Incoming>,
    fixture: &Fixture,
    upstream: &str,
    client: &reqwest::Client,
    counter: &std::sync::atomic::AtomicUsize,
) -> hyper::Response<Full<Bytes>> {
    let method = req.method().as_str().to_string();
    let path = req.uri().path().to_string();
    let replayed = fixture
        .request
        .as_ref()
        .is_none_or(|m| m.matches(&method, &path));
    if replayed {
        counter.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
        let mut response = hyper::Response::builder().status(fixture.status);
        let mut has_type = false;
        for (name, value) in &fixture.headers {
            has_type |= name.eq_ignore_ascii_case("content-type");
            response = response.header(name, value);
        }
        if !has_type && !matches!(fixture.body, Value::String(_)) {
            response = response.header("content-type", "application/json");
        }
        return response
            .body(Full::new(Bytes::from(fixture.body_bytes())))
            .unwrap();
    }
    let path_and_query = req
        .uri()
        .path_and_query()
        .map(|p| p.as_str().to_string())
        .unwrap_or_default();
    let headers = req.headers().clone();
    let body = req
        .into_body()
        .collect()
        .await
        .map(|b| b.to_bytes())
        .unwrap_or_default();
    let url = format!("{}{path_and_query}", upstream.trim_end_matches('/'));
    let mut forward = client.request(method.parse().unwrap(), url).body(body);
    for (name, value) in &headers {
        // The original Host is kept: signatures (SigV4) cover it.
        if name != "content-length" && name != "connection" {
            forward = forward.header(name, value);
        }
    }
    match forward.send().await {
        Ok(reply) => {
            let mut response = hyper::Response::builder().status(reply.status().as_u16());
            for (name, value) in reply.headers() {
                if name != "content-length" && name != "transfer-encoding" && name != "connection" {
                    response = response.header(name, value);
                }
            }
            let bytes = reply.bytes().await.unwrap_or_default();
            response.body(Full::new(bytes)).unwrap()
        }
        Err(_) => hyper::Response::builder()
            .status(599)
            .body(Full::new(Bytes::from_static(
                b"replay proxy: upstream fake failed",
            )))
            .unwrap(),
    }
}

fn corpus_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/answers")
}

/// Every fixture file, as (provider id, path).
pub fn fixture_files() -> Vec<(String, PathBuf)> {
    let mut files = Vec::new();
    let Ok(dirs) = std::fs::read_dir(corpus_root()) else {
        return files;
    };
    for dir in dirs.flatten() {
        if !dir.path().is_dir() {
            continue;
        }
        let id = dir.file_name().to_string_lossy().into_owned();
        for file in std::fs::read_dir(dir.path()).unwrap().flatten() {
            if file.path().extension().is_some_and(|e| e == "json") {
                files.push((id.clone(), file.path()));
            }
        }
    }
    files.sort();
    files
}

pub fn load(path: &Path) -> Fixture {
    let text = std::fs::read_to_string(path).unwrap();
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Replays one fixture through its provider's check; `Err` says how the result differs.
pub async fn replay(id: &str, fixture: Fixture) -> Result<(), String> {
    let start = fakes::all()
        .into_iter()
        .find(|(fake_id, _)| *fake_id == id)
        .map(|(_, start)| start)
        .ok_or_else(|| format!("no fake for provider `{id}`"))?;
    let fake = start().await;
    let fixture = Arc::new(fixture);
    let replay = Replay::start(fake.endpoint.clone(), fixture.clone()).await;
    let sandbox = Sandbox::new();
    let mut fields = fake.valid.clone();
    fields.push(("endpoint", replay.endpoint.clone()));
    sandbox.set_provider(id, &fields);
    let out = sandbox.check_json(id, &["--timeout", "10"]).await;
    assert_no_leak(&out, &fake.secrets);
    let doc = out.json();
    let result = doc["results"]
        .as_array()
        .and_then(|r| r.iter().find(|r| r["provider"] == id))
        .cloned()
        .ok_or_else(|| format!("no result: {}", out.all()))?;
    let mut wrong = Vec::new();
    if replay.served() == 0 {
        wrong.push("the check never sent the fixture's request".to_string());
    }
    if result["status"] != fixture.expect.status.as_str() {
        wrong.push(format!(
            "status {} instead of {}",
            result["status"], fixture.expect.status
        ));
    }
    let message = result["message"].as_str().unwrap_or("").to_lowercase();
    for needle in &fixture.expect.message_contains {
        if !message.contains(&needle.to_lowercase()) {
            wrong.push(format!("message lacks `{needle}`"));
        }
    }
    if let Some(reason) = &fixture.expect.reason
        && result["reason"] != reason.as_str()
    {
        wrong.push(format!("reason {} instead of {reason}", result["reason"]));
    }
    if wrong.is_empty() {
        Ok(())
    } else {
        Err(format!("{}: {}", wrong.join("; "), result))
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_real_answer_gives_its_documented_status() {
    let files = fixture_files();
    let failures: Vec<String> = futures::stream::iter(files.iter().cloned())
        .map(|(id, path)| async move {
            let fixture = load(&path);
            // Each replay in its own unconstrained task: dropping a wiremock server inside a
            // task that has spent tokio's cooperative budget spins forever (see hostile::configs).
            let outcome = tokio::spawn(tokio::task::unconstrained(async move {
                replay(&id, fixture).await
            }))
            .await
            .unwrap_or_else(|e| Err(format!("replay panicked: {e}")));
            outcome.err().map(|e| format!("{}: {e}", path.display()))
        })
        .buffer_unordered(4)
        .filter_map(|f| async move { f })
        .collect()
        .await;
    assert!(
        failures.is_empty(),
        "{} of {} answers misread:\n{}",
        failures.len(),
        files.len(),
        failures.join("\n")
    );
}

#[test]
fn every_fixture_names_its_source_and_a_known_status() {
    let catalog_ids: Vec<&str> = fakes::all().into_iter().map(|(id, _)| id).collect();
    let (mut verbatim, mut reconstructed) = (0, 0);
    for (id, path) in fixture_files() {
        assert!(
            catalog_ids.contains(&id.as_str()),
            "{}: no provider `{id}`",
            path.display()
        );
        let fixture = load(&path);
        assert!(
            fixture.source.starts_with("https://") || fixture.source.starts_with("http://"),
            "{}: source must be the URL where the answer is documented or quoted",
            path.display()
        );
        assert!(!fixture.note.trim().is_empty(), "{}: note", path.display());
        if fixture.reconstructed {
            reconstructed += 1;
        } else {
            verbatim += 1;
        }
        assert!(
            ["ok", "warning", "rejected", "misconfigured", "unreachable"]
                .contains(&fixture.expect.status.as_str()),
            "{}: expect.status {}",
            path.display(),
            fixture.expect.status
        );
        // A status alone decides nothing: a refusal needs the provider's own words.
        if fixture.expect.status == "rejected" {
            assert!(
                !fixture.expect.message_contains.is_empty(),
                "{}: a rejected answer must name its cause in message_contains",
                path.display()
            );
        }
    }
    eprintln!(
        "answer corpus: {verbatim} verbatim, {reconstructed} reconstructed from documented fields"
    );
}

/// The harness itself can fail: a wrong expectation, and a fixture whose request is never
/// sent, are both reported.
#[tokio::test]
async fn the_replay_harness_reports_a_misread_answer() {
    let telegram_401 = |status: &str, path: &str| Fixture {
        source: "https://github.com/tdlib/telegram-bot-api/issues/80".into(),
        reconstructed: false,
        note: "wrong bot token".into(),
        request: Some(RequestMatch {
            method: Some("GET".into()),
            path: path.into(),
        }),
        status: 401,
        headers: BTreeMap::new(),
        body: serde_json::json!({"ok": false, "error_code": 401, "description": "Unauthorized"}),
        expect: Expect {
            status: status.into(),
            message_contains: vec![],
            reason: None,
        },
    };
    let token = fakes::telegram::TOKEN;
    let get_me = format!("/bot{token}/getMe");
    assert_eq!(
        replay("telegram", telegram_401("rejected", &get_me)).await,
        Ok(())
    );
    let err = replay("telegram", telegram_401("ok", &get_me))
        .await
        .unwrap_err();
    assert!(err.contains("status"), "{err}");
    let err = replay("telegram", telegram_401("rejected", "/never/sent"))
        .await
        .unwrap_err();
    assert!(err.contains("never sent"), "{err}");
}
