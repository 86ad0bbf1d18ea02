//! The one HTTP client every check shares, and the rules every request follows:
//!
//! - rustls with the OS roots (which already honour `SSL_CERT_FILE`/`SSL_CERT_DIR`, so they are
//!   not read a second time), plus `--ca-file` merged in (a proxy that
//!   inspects TLS needs its CA trusted); proxies from `HTTPS_PROXY`/`NO_PROXY`. When every
//!   request of a run goes to a plain-http loopback `endpoint` (fakes, a local S3 store), no
//!   trust store is loaded at all: reading and parsing the system's roots is most of the
//!   client's start-up, and nothing would use them.
//! - `endpoint` replaces the origin (scheme, host, port) of every request and nothing else.
//! - A transient failure (connect error, 502/503/504, a 429 whose Retry-After fits in the time
//!   left) is retried once; several providers lock an IP after a few failures, so never more.
//! - Transport errors, 5xx and 429 never reach a check: they come back as an `unreachable`
//!   outcome, with the URL redacted and advice on what to look at.

use std::path::Path;
use std::time::{Duration, Instant};

use anyhow::{Context, Result};
use reqwest::header::HeaderMap;
use serde::de::DeserializeOwned;

use super::status::{Outcome, Reason};
use crate::redact;

pub const USER_AGENT: &str = concat!("integrate/", env!("CARGO_PKG_VERSION"));

#[derive(Clone)]
pub struct Http {
    client: reqwest::Client,
}

impl Http {
    pub fn new(ca_file: Option<&Path>) -> Result<Http> {
        Http::build(ca_file, true)
    }

    /// The client for a run whose every request goes to `endpoints` (the origins that replace
    /// the providers'): without any TLS trust store when they are all plain-http loopback
    /// addresses and no `--ca-file` was given.
    pub fn for_endpoints<'a>(
        ca_file: Option<&Path>,
        mut endpoints: impl Iterator<Item = Option<&'a str>>,
    ) -> Result<Http> {
        let local_only = endpoints.all(|e| e.is_some_and(is_plain_loopback));
        Http::build(ca_file, ca_file.is_some() || !local_only)
    }

    fn build(ca_file: Option<&Path>, tls: bool) -> Result<Http> {
        let mut builder = reqwest::Client::builder()
            .user_agent(USER_AGENT)
            .connect_timeout(Duration::from_secs(10))
            .redirect(reqwest::redirect::Policy::none());
        if !tls {
            // An empty root store: nothing is read from disk, and any https request (none is
            // expected) fails verification instead of going out unverified.
            let client = builder
                .tls_certs_only(Vec::new())
                .build()
                .context("cannot set up the HTTP client")?;
            return Ok(Http { client });
        }
        let mut extra = Vec::new();
        if let Some(path) = ca_file {
            extra.extend(read_certs(path, "--ca-file")?);
        }
        if !extra.is_empty() {
            builder = builder.tls_certs_merge(extra);
        }
        let client = builder.build().context("cannot set up the HTTP client")?;
        Ok(Http { client })
    }

    pub fn client(&self) -> &reqwest::Client {
        &self.client
    }
}

/// `http://127.0.0.1:…`, `http://[::1]:…` or `http://localhost:…`.
fn is_plain_loopback(endpoint: &str) -> bool {
    let Ok(url) = url::Url::parse(endpoint) else {
        return false;
    };
    url.scheme() == "http"
        && match url.host() {
            Some(url::Host::Ipv4(ip)) => ip.is_loopback(),
            Some(url::Host::Ipv6(ip)) => ip.is_loopback(),
            Some(url::Host::Domain(d)) => d.eq_ignore_ascii_case("localhost"),
            None => false,
        }
}

fn read_certs(path: &Path, origin: &str) -> Result<Vec<reqwest::Certificate>> {
    let pem = crate::files::read_bytes(path, crate::files::DOCUMENT_LIMIT).map_err(|e| {
        crate::exit::usage(format!("{origin} {}: cannot read it: {e}", path.display()))
    })?;
    let certs = reqwest::Certificate::from_pem_bundle(&pem).map_err(|e| {
        crate::exit::usage(format!(
            "{origin} {}: not a PEM certificate bundle: {e}",
            path.display()
        ))
    })?;
    if certs.is_empty() {
        return Err(crate::exit::usage(format!(
            "{origin} {}: holds no PEM certificate (-----BEGIN CERTIFICATE-----)",
            path.display()
        )));
    }
    Ok(certs)
}

/// A response, read whole. Checks only ever see statuses below 500 other than 429.
#[derive(Debug, Clone)]
pub struct Reply {
    pub status: u16,
    pub headers: HeaderMap,
    pub body: Vec<u8>,
    /// Host and path, for messages; never the query (it may carry a secret).
    pub shown_url: String,
}

impl Reply {
    /// The body as JSON; a body that does not parse is "could not tell".
    pub fn json<T: DeserializeOwned>(&self) -> Result<T, Outcome> {
        serde_json::from_slice(&self.body).map_err(|e| {
            Outcome::unreachable(format!(
                "{} answered HTTP {} with a body that is not the expected JSON ({e}): {}",
                self.shown_url,
                self.status,
                self.snippet()
            ))
            .advice("The answer does not match the provider's documented API; check that `endpoint` (if set) points at the provider, and that no proxy rewrites the answer.")
            .reason(if self.is_html() { Reason::Intermediary } else { Reason::UnexpectedAnswer })
        })
    }

    /// An HTML page where an API answers JSON: a proxy's or captive portal's page, most likely.
    pub fn is_html(&self) -> bool {
        self.header("content-type")
            .is_some_and(|t| t.to_ascii_lowercase().contains("text/html"))
    }

    /// The body as text for messages: lines that look like credential headers (a server or
    /// proxy echoing the request) dropped, cut to 300 characters, redacted and neutralised.
    pub fn snippet(&self) -> String {
        let text = String::from_utf8_lossy(&self.body);
        let kept: Vec<&str> = text.lines().filter(|l| !is_credential_header(l)).collect();
        let kept = kept.join("\n");
        let mut s: String = kept.chars().take(300).collect();
        if kept.chars().nth(300).is_some() {
            s.push('…');
        }
        redact::scrub(s.trim())
    }

    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }

    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }

    /// The standard "I do not know this answer" outcome. Its facts carry what a maintainer
    /// needs to add the mapping from a support report: the status, the provider's error code
    /// when the body has one, and a scrubbed excerpt of the body.
    pub fn unexpected(&self) -> Outcome {
        if self.is_html() && matches!(self.status, 401 | 403 | 407) {
            return self.not_the_provider("the provider");
        }
        let mut outcome = Outcome::unreachable(format!(
            "{} answered HTTP {} in a way this check does not recognise: {}",
            self.shown_url,
            self.status,
            self.snippet()
        ))
        .fact("http_status", self.status)
        .advice("No verdict on the keys. Try again later; if it persists, run `integrate doctor` and include its report in a support ticket.")
        .reason(match self.status {
            _ if self.is_html() => Reason::Intermediary,
            200..=299 => Reason::UnexpectedAnswer,
            _ => Reason::HttpStatus,
        });
        if let Some(code) = self.error_code() {
            outcome = outcome.fact("provider_error", code);
        }
        if !self.body.is_empty() {
            outcome = outcome.fact("body_excerpt", self.snippet());
        }
        outcome
    }

    /// A refusal (typically 401, 403 or 407) that does not carry the provider's own marker (its
    /// JSON shape, error code or header): a web filter, a captive portal or a TLS-inspecting
    /// proxy answers like that, so it is no verdict on the keys. Checks call this whenever a
    /// status alone would otherwise decide.
    pub fn not_the_provider(&self, provider_name: &str) -> Outcome {
        let mut outcome = Outcome::unreachable(format!(
            "something between this machine and {provider_name} answered HTTP {} at {}, not {provider_name} itself{}; no verdict on the keys",
            self.status,
            self.shown_url,
            match self.page_title() {
                Some(title) => format!(" (a page titled \"{title}\")"),
                None => String::new(),
            }
        ))
        .fact("http_status", self.status)
        .advice("A proxy, web filter or captive portal is answering in the provider's place: check HTTPS_PROXY/NO_PROXY and the network's filtering, or run `integrate doctor` to see which layer answers.")
        .reason(Reason::Intermediary);
        if !self.body.is_empty() {
            outcome = outcome.fact("body_excerpt", self.snippet());
        }
        outcome
    }

    /// The `<title>` of an HTML page, scrubbed and cut to 80 characters.
    pub fn page_title(&self) -> Option<String> {
        let text = String::from_utf8_lossy(&self.body);
        let lower = text.to_ascii_lowercase();
        let start = lower.find("<title")?;
        let open_end = start + lower[start..].find('>')? + 1;
        let close = open_end + lower[open_end..].find("</title")?;
        let title: String = text[open_end..close]
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .chars()
            .take(80)
            .collect();
        (!title.is_empty()).then(|| redact::scrub(&title))
    }

    /// The provider's error code, when the body is JSON with one of the usual keys (`error`,
    /// `code`, `error_code`, `errorCode`, `message` for some) or XML with `<Code>` (S3).
    pub fn error_code(&self) -> Option<String> {
        if let Ok(value) = serde_json::from_slice::<serde_json::Value>(&self.body) {
            for key in ["error", "error_code", "errorCode", "code", "status_code"] {
                let found = match value.get(key) {
                    Some(serde_json::Value::String(s)) if !s.is_empty() => Some(s.clone()),
                    Some(serde_json::Value::Number(n)) => Some(n.to_string()),
                    Some(serde_json::Value::Object(o)) => o
                        .get("code")
                        .or_else(|| o.get("message"))
                        .map(|c| c.to_string().trim_matches('"').to_string()),
                    _ => None,
                };
                if let Some(found) = found {
                    return Some(redact::scrub(&found.chars().take(120).collect::<String>()));
                }
            }
            return None;
        }
        let text = String::from_utf8_lossy(&self.body);
        let start = text.find("<Code>")? + "<Code>".len();
        let end = start + text[start..].find("</Code>")?;
        Some(redact::scrub(
            &text[start..end].chars().take(120).collect::<String>(),
        ))
    }
}

/// A line like `Authorization: Basic …` or `Cookie: …`, as a server echoing a request shows it.
fn is_credential_header(line: &str) -> bool {
    let Some((name, _)) = line.trim_start().split_once(':') else {
        return false;
    };
    let name = name.trim().trim_matches('"').to_ascii_lowercase();
    let header_like = name
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
    header_like
        && (name.ends_with("authorization")
            || name.contains("cookie")
            || name.ends_with("api-key")
            || name.starts_with("x-auth")
            || name.ends_with("-token"))
}

/// Host and path of a URL, for messages.
pub fn show_url(url: &reqwest::Url) -> String {
    let host = url.host_str().unwrap_or("?");
    let port = url.port().map(|p| format!(":{p}")).unwrap_or_default();
    redact::scrub(&format!("{}://{host}{port}{}", url.scheme(), url.path()))
}

/// Sends a request with the shared retry rule, within `deadline`.
pub async fn send(
    client: &reqwest::Client,
    request: reqwest::Request,
    deadline: Instant,
) -> Result<Reply, Outcome> {
    send_limited(client, request, deadline, MAX_BODY).await
}

/// [`send`], keeping at most `limit` bytes of the body: for side requests (an authorization
/// page, a control request) whose verdict needs only the start of a small answer, so that
/// they add little to a run's memory when servers send endless answers.
pub async fn send_limited(
    client: &reqwest::Client,
    request: reqwest::Request,
    deadline: Instant,
    limit: usize,
) -> Result<Reply, Outcome> {
    let shown_url = show_url(request.url());
    register_credentials(&request);
    let retry_copy = request.try_clone();
    let first = attempt(client, request, deadline, &shown_url, limit).await;
    let wait = match (&first, &retry_copy) {
        (Attempt::Transient { wait, .. }, Some(_)) => *wait,
        _ => None,
    };
    let outcome = match (first, wait, retry_copy) {
        (Attempt::Transient { .. }, Some(wait), Some(copy))
            if Instant::now() + wait + Duration::from_millis(200) < deadline =>
        {
            tracing::debug!("{shown_url}: transient failure, retrying once in {wait:?}");
            tokio::time::sleep(wait).await;
            attempt(client, copy, deadline, &shown_url, limit).await
        }
        (first, _, _) => first,
    };
    match outcome {
        Attempt::Done(reply) => Ok(reply),
        Attempt::Transient { outcome, .. } | Attempt::Failed(outcome) => Err(outcome),
    }
}

enum Attempt {
    Done(Reply),
    Transient {
        outcome: Outcome,
        wait: Option<Duration>,
    },
    Failed(Outcome),
}

async fn attempt(
    client: &reqwest::Client,
    mut request: reqwest::Request,
    deadline: Instant,
    shown_url: &str,
    limit: usize,
) -> Attempt {
    let left = deadline.saturating_duration_since(Instant::now());
    if left.is_zero() {
        return Attempt::Failed(timeout_outcome(shown_url));
    }
    *request.timeout_mut() = Some(left);
    tracing::debug!("{} {shown_url}", request.method());
    let started = Instant::now();
    let response = match client.execute(request).await {
        Ok(response) => response,
        Err(err) => {
            let outcome = transport_outcome(&err, shown_url);
            return if err.is_connect() {
                Attempt::Transient {
                    outcome,
                    wait: Some(Duration::from_millis(300)),
                }
            } else {
                Attempt::Failed(outcome)
            };
        }
    };
    let status = response.status().as_u16();
    let headers = response.headers().clone();
    // A 429 or 5xx decides nothing whatever its body says: it is not read at all.
    let body = if status == 429 || status >= 500 {
        Vec::new()
    } else {
        match read_capped(response, limit).await {
            Ok(body) => body,
            Err(BodyError::TooLarge) => return Attempt::Failed(too_large(shown_url)),
            Err(BodyError::OverBudget) => return Attempt::Failed(over_budget(shown_url)),
            Err(BodyError::Transport(err)) => {
                return Attempt::Failed(transport_outcome(&err, shown_url));
            }
        }
    };
    tracing::debug!("{shown_url}: HTTP {status} in {:?}", started.elapsed());
    let reply = Reply {
        status,
        headers,
        body,
        shown_url: shown_url.to_string(),
    };
    match status {
        429 => {
            let wait = reply
                .header("retry-after")
                .and_then(|v| v.trim().parse::<u64>().ok())
                .map(Duration::from_secs)
                .unwrap_or(Duration::from_secs(1));
            let outcome = Outcome::unreachable(format!(
                "{shown_url} is rate-limiting requests (HTTP 429); no verdict on the keys"
            ))
            .fact("http_status", 429)
            .advice("Wait a few minutes before checking again; some providers block an IP after repeated attempts.")
            .reason(Reason::RateLimited);
            Attempt::Transient {
                outcome,
                wait: Some(wait),
            }
        }
        502..=504 => Attempt::Transient {
            outcome: server_error(&reply),
            wait: Some(Duration::from_millis(500)),
        },
        500..=599 => Attempt::Failed(server_error(&reply)),
        _ => Attempt::Done(reply),
    }
}

/// The most of an answer any verdict needs: provider answers are a few KB, a bucket listing
/// of a thousand buckets about 200 KB. Anything longer is cut off, never held in memory.
pub const MAX_BODY: usize = 1024 * 1024;

enum BodyError {
    TooLarge,
    OverBudget,
    Transport(reqwest::Error),
}

/// Body bytes being read by all requests at once beyond each answer's first [`FREE_KIB`], in
/// KiB. Each answer is capped on its own, but a run sends dozens of requests together (every
/// provider, several per check); against servers that all stream endless answers the partial
/// bodies would add up to dozens of MiB. A body that needs more than its free start takes a
/// share of this budget, given back when the body is complete or cut off; when none is left
/// the body is cut off at once (never waited for: waiting readers could hold the budget
/// between them and stall until the deadline). Real answers fit in the free start.
static READING_BUDGET: tokio::sync::Semaphore =
    tokio::sync::Semaphore::const_new(READING_BUDGET_KIB as usize);
const READING_BUDGET_KIB: u32 = 12 * 1024;
const FREE_KIB: usize = 64;

/// Reads the body chunk by chunk and stops at `limit`: a server streaming gigabytes costs at
/// most that much memory, and one announcing too much is not read at all.
async fn read_capped(mut response: reqwest::Response, limit: usize) -> Result<Vec<u8>, BodyError> {
    if response.content_length().is_some_and(|n| n > limit as u64) {
        return Err(BodyError::TooLarge);
    }
    let mut body = Vec::new();
    let mut share: Option<tokio::sync::SemaphorePermit<'static>> = None;
    while let Some(chunk) = response.chunk().await.map_err(BodyError::Transport)? {
        if body.len() + chunk.len() > limit {
            return Err(BodyError::TooLarge);
        }
        let needed = body.len() + chunk.len();
        if needed > body.capacity() {
            // Grow as Vec would (doubling), but never past `limit`, and count what is
            // allocated, not what is filled: that is the memory the budget bounds.
            let capacity = needed.max(body.capacity() * 2).min(limit);
            if capacity > FREE_KIB * 1024 {
                let grown = capacity - body.capacity().max(FREE_KIB * 1024);
                let more = READING_BUDGET
                    .try_acquire_many(grown.div_ceil(1024) as u32)
                    .map_err(|_| BodyError::OverBudget)?;
                match &mut share {
                    Some(held) => held.merge(more),
                    None => share = Some(more),
                }
            }
            body.reserve_exact(capacity - body.len());
        }
        body.extend_from_slice(&chunk);
    }
    Ok(body)
}

/// Cut off because the answers being read at once exceed the shared budget: only servers
/// that all send far more than any provider does get here.
fn over_budget(shown_url: &str) -> Outcome {
    Outcome::unreachable(format!(
        "{shown_url} sent an answer too large to read beside the others (the answers being read at once passed {} MiB); no verdict on the keys",
        READING_BUDGET_KIB / 1024
    ))
    .advice(NOT_A_PROVIDER_ANSWER)
}

const NOT_A_PROVIDER_ANSWER: &str = "Provider answers are a few kilobytes: check that `endpoint` (if set) points at the provider, and that no proxy or captive portal answers in its place.";

fn too_large(shown_url: &str) -> Outcome {
    Outcome::unreachable(format!(
        "{shown_url} sent an answer too large (more than {} KiB); no verdict on the keys",
        MAX_BODY / 1024
    ))
    .advice(NOT_A_PROVIDER_ANSWER)
}

/// Outgoing credentials (a Basic pair the client encoded, a bearer token obtained during the
/// check, an API key header) are secrets too, in exactly the form a server would echo them.
fn register_credentials(request: &reqwest::Request) {
    for name in [
        "authorization",
        "proxy-authorization",
        "x-api-key",
        "x-auth-token",
    ] {
        for value in request.headers().get_all(name) {
            let Ok(text) = value.to_str() else { continue };
            let credential = text.split_once(' ').map_or(text, |(_, c)| c).trim();
            // A signature scheme (SigV4: `Credential=…, SignedHeaders=…, Signature=…`) holds
            // names and a one-way digest, not a secret a reader could reuse.
            if !credential.contains([',', ' ']) {
                redact::register(credential);
            }
        }
    }
}

fn server_error(reply: &Reply) -> Outcome {
    Outcome::unreachable(format!(
        "{} had a server error (HTTP {}); no verdict on the keys",
        reply.shown_url, reply.status
    ))
    .fact("http_status", reply.status)
    .advice("The provider (or a proxy in between) failed, not your keys. Try again later, and check the provider's status page.")
    .reason(Reason::HttpStatus)
}

fn timeout_outcome(shown_url: &str) -> Outcome {
    Outcome::unreachable(format!("{shown_url} did not answer in time; no verdict on the keys"))
        .advice("Raise --timeout, or run `integrate doctor` to see which layer (DNS, TCP, TLS, proxy) is slow.")
        .reason(Reason::Timeout)
}

/// Explains a transport failure without the URL reqwest puts in its message.
fn transport_outcome(err: &reqwest::Error, shown_url: &str) -> Outcome {
    if err.is_timeout() {
        return timeout_outcome(shown_url);
    }
    let chain = error_chain(err);
    let lower = chain.to_ascii_lowercase();
    let (what, advice, reason) = if lower.contains("certificate")
        || lower.contains("tls")
        || lower.contains("handshake")
    {
        (
            "the TLS connection failed",
            "If a proxy inspects TLS on this network, trust its CA with --ca-file PATH or SSL_CERT_FILE; `integrate doctor` shows the certificate presented.",
            Reason::Tls,
        )
    } else if lower.contains("dns")
        || lower.contains("resolve")
        || lower.contains("lookup")
        || lower.contains("name or service not known")
    {
        (
            "the host name did not resolve",
            "Check DNS on this machine, or HTTPS_PROXY if outbound traffic must go through a proxy.",
            Reason::Dns,
        )
    } else if lower.contains("refused") {
        (
            "the connection was refused",
            "Nothing listens there: check `endpoint` if set, the firewall, and HTTPS_PROXY/NO_PROXY.",
            Reason::Connect,
        )
    } else if err.is_connect() {
        (
            "could not connect",
            "Check the network path: firewall, proxy settings (HTTPS_PROXY/NO_PROXY), `integrate doctor`.",
            Reason::Connect,
        )
    } else {
        (
            "the request failed",
            "Run `integrate doctor` to see which layer fails.",
            Reason::Connect,
        )
    };
    Outcome::unreachable(redact::scrub(&format!(
        "{shown_url}: {what} ({chain}); no verdict on the keys"
    )))
    .advice(advice)
    .reason(reason)
}

/// The error and its sources, without any URL (reqwest puts the full URL in its own message).
pub fn error_chain(err: &reqwest::Error) -> String {
    use std::error::Error as _;
    let mut parts = Vec::new();
    let mut source = err.source();
    while let Some(cause) = source {
        parts.push(cause.to_string());
        source = cause.source();
    }
    if parts.is_empty() {
        parts.push(if err.is_body() || err.is_decode() {
            "the answer was cut off".into()
        } else {
            "request error".into()
        });
    }
    parts.dedup();
    redact::scrub(&parts.join(": "))
}
