//! DocSpace's `settings/authservice` API (onlyoffice.md §2.1; DS-srv `SettingsController.cs`):
//! `GET` lists the consumers (props only for those the admin can set), `POST` saves one
//! consumer's keys. The portal's documented refusals are turned into [`PortalAnswer`]s; anything else
//! is "no verdict", like the checks' `unreachable`.
//!
//! Authentication follows the ONLYOFFICE API convention: the token from
//! `POST /api/2.0/authentication` (or a personal API key) goes in `Authorization` as is.
//! <https://api.onlyoffice.com/docspace/api-backend/samples/authentication>
//!
//! [`push`] sends every assignment consumer by consumer and says, per provider, what the portal
//! did with it; `integrate push` and `integrate pull` only print.

use std::time::{Duration, Instant};

use anyhow::Result;
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};

use super::Assignment;
use crate::catalog;
use crate::check::http::{self, Reply};
use crate::exit::{ExitStatus, usage};

/// Where the API token comes from unless `--token-stdin` is given (never argv: `ps` shows it).
pub const TOKEN_VAR: &str = "INTEGRATE_DOCSPACE_TOKEN";

const PATH: &str = "api/2.0/settings/authservice";
const TIMEOUT: Duration = Duration::from_secs(30);

/// One consumer as `GET authservice` returns it (`AuthServiceRequestsDto`).
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Consumer {
    pub name: String,
    #[serde(default)]
    pub title: Option<String>,
    #[serde(default)]
    pub can_set: bool,
    #[serde(default)]
    pub paid: bool,
    #[serde(default)]
    pub props: Option<Vec<AuthKey>>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct AuthKey {
    pub name: String,
    #[serde(default)]
    pub value: Option<String>,
    #[serde(default)]
    pub title: Option<String>,
    #[serde(default, rename = "type")]
    pub kind: Option<String>,
}

impl Consumer {
    /// Keys are in the config file: the portal will refuse to change them (`CanSet` false).
    pub fn locked(&self) -> bool {
        !self.can_set
    }

    /// Some key has a value. A locked consumer is set by definition: its file values lock it.
    pub fn set(&self) -> bool {
        self.locked()
            || self
                .props
                .iter()
                .flatten()
                .any(|p| p.value.as_deref().is_some_and(|v| !v.is_empty()))
    }
}

/// What the portal answered.
#[derive(Debug, Clone, PartialEq)]
pub enum PortalAnswer {
    /// Saved; `changed` is the portal's own "something changed".
    Saved { changed: bool },
    /// HTTP 400: the portal's validation refused the keys and cleared them ("Bad keys").
    BadKeys(String),
    /// HTTP 402: the pricing plan does not allow this service.
    Paid(String),
    /// HTTP 403: keys locked in the config file, or no admin rights.
    Forbidden(String),
    /// HTTP 401: the token was refused.
    Unauthorized,
    /// No verdict: network error, 5xx, or an answer this tool does not know.
    Unreachable(String),
}

/// The API's base: the portal URL with the authservice path.
fn url(portal: &url::Url) -> String {
    let base = portal.as_str().trim_end_matches('/');
    format!("{base}/{PATH}")
}

async fn send(
    client: &reqwest::Client,
    request: reqwest::RequestBuilder,
) -> Result<Reply, PortalAnswer> {
    let request = request
        .header("Accept", "application/json")
        .build()
        .map_err(|e| PortalAnswer::Unreachable(format!("cannot build the request: {e}")))?;
    http::send(client, request, Instant::now() + TIMEOUT)
        .await
        .map_err(|outcome| {
            let advice = outcome.advice.map(|a| format!(" {a}")).unwrap_or_default();
            PortalAnswer::Unreachable(format!("{}{advice}", outcome.message))
        })
}

/// The portal's error message: `{"error":{"message":...}}` in the API's envelope.
fn message(reply: &Reply) -> String {
    serde_json::from_slice::<Value>(&reply.body)
        .ok()
        .and_then(|v| {
            v.pointer("/error/message")
                .or_else(|| v.get("message"))
                .and_then(|m| m.as_str())
                .map(str::to_string)
        })
        .unwrap_or_else(|| reply.snippet())
}

/// `GET /api/2.0/settings/authservice`: every consumer with managed keys.
pub async fn list(
    client: &reqwest::Client,
    portal: &url::Url,
    token: &str,
) -> Result<Vec<Consumer>, PortalAnswer> {
    // https://api.onlyoffice.com/docspace/api-backend/usage-api/get-auth-services/
    let reply = send(
        client,
        client.get(url(portal)).header("Authorization", token),
    )
    .await?;
    match reply.status {
        200 => {
            let body: Value = serde_json::from_slice(&reply.body).map_err(|e| {
                PortalAnswer::Unreachable(format!(
                    "{} answered with a body that is not JSON ({e}): {}",
                    reply.shown_url,
                    reply.snippet()
                ))
            })?;
            // The ONLYOFFICE API wraps results in {"response": ...}.
            let list = body.get("response").cloned().unwrap_or(body);
            serde_json::from_value(list).map_err(|e| {
                PortalAnswer::Unreachable(format!(
                    "{} did not answer with the list of services ({e})",
                    reply.shown_url
                ))
            })
        }
        other => Err(refusal(&reply, other)),
    }
}

/// `POST /api/2.0/settings/authservice` with `{name, props:[{name, value}]}`.
pub async fn save(
    client: &reqwest::Client,
    portal: &url::Url,
    token: &str,
    consumer: &str,
    props: &[(String, String)],
) -> PortalAnswer {
    // https://api.onlyoffice.com/docspace/api-backend/usage-api/save-auth-keys/
    let body = json!({
        "name": consumer,
        "props": props
            .iter()
            .map(|(name, value)| json!({"name": name, "value": value}))
            .collect::<Vec<_>>(),
    });
    let request = client
        .post(url(portal))
        .header("Authorization", token)
        .json(&body);
    let reply = match send(client, request).await {
        Ok(reply) => reply,
        Err(answer) => return answer,
    };
    match reply.status {
        200 | 201 => {
            let changed = serde_json::from_slice::<Value>(&reply.body)
                .ok()
                .and_then(|v| v.get("response").and_then(Value::as_bool))
                .unwrap_or(true);
            PortalAnswer::Saved { changed }
        }
        other => refusal(&reply, other),
    }
}

fn refusal(reply: &Reply, status: u16) -> PortalAnswer {
    match status {
        400 => PortalAnswer::BadKeys(message(reply)),
        401 => PortalAnswer::Unauthorized,
        402 => PortalAnswer::Paid(message(reply)),
        403 => PortalAnswer::Forbidden(message(reply)),
        _ => PortalAnswer::Unreachable(format!(
            "{} answered HTTP {status}, which this tool does not recognise: {}",
            reply.shown_url,
            reply.snippet()
        )),
    }
}

impl PortalAnswer {
    /// Why the list of services could not be read, and the exit status that goes with it.
    pub fn list_failure(&self) -> (String, ExitStatus) {
        match self {
            PortalAnswer::Unauthorized => (
                format!(
                    "the portal refused the token (HTTP 401): check ${TOKEN_VAR}; tokens from /api/2.0/authentication expire"
                ),
                ExitStatus::Usage,
            ),
            PortalAnswer::Forbidden(m) => (
                format!(
                    "the token has no right to read portal settings; use a DocSpace admin's token ({m})"
                ),
                ExitStatus::Failed,
            ),
            PortalAnswer::Unreachable(m) => (m.clone(), ExitStatus::Unreachable),
            PortalAnswer::BadKeys(m) | PortalAnswer::Paid(m) => (
                format!("the portal refused to list its services: {m}"),
                ExitStatus::Failed,
            ),
            PortalAnswer::Saved { .. } => (String::new(), ExitStatus::Success),
        }
    }
}

/// The portal URL: https, or http for a loopback host (the `endpoint` rule).
pub fn portal_url(raw: &str) -> Result<url::Url> {
    catalog::validate::check_endpoint(raw.trim_end_matches('/'))
        .map_err(|m| usage(format!("portal URL: {m}")))
}

/// The API token: `$INTEGRATE_DOCSPACE_TOKEN`, or stdin with `--token-stdin`. It is registered
/// with the redactor before anything can print it.
pub fn token(from_stdin: bool) -> Result<String> {
    let token = if from_stdin {
        crate::files::read_stdin(crate::files::VALUE_LIMIT)
            .map_err(|e| usage(format!("--token-stdin: cannot read stdin: {e}")))?
            .trim()
            .to_string()
    } else {
        std::env::var(TOKEN_VAR)
            .unwrap_or_default()
            .trim()
            .to_string()
    };
    if token.is_empty() {
        return Err(usage(format!(
            "no DocSpace API token: set {TOKEN_VAR}, or pipe it in with --token-stdin (a DocSpace admin's token from POST /api/2.0/authentication, or an API key)"
        )));
    }
    crate::redact::register(&token);
    Ok(token)
}

/// The integrate provider whose DocSpace consumer this is.
pub fn provider_of(consumer: &str) -> Option<&'static str> {
    catalog::all()
        .iter()
        .find(|p| {
            p.portal.docspace.supported
                && p.portal
                    .docspace
                    .consumer
                    .as_deref()
                    .is_some_and(|c| c.eq_ignore_ascii_case(consumer))
        })
        .map(|p| p.id.as_str())
}

/// What became of one provider's keys.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PushStatus {
    Pushed,
    Unchanged,
    /// The portal lists no such service; nothing was sent.
    Missing,
    BadKeys,
    Paid,
    Locked,
    Forbidden,
    Unauthorized,
    Unreachable,
}

impl PushStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            PushStatus::Pushed => "pushed",
            PushStatus::Unchanged => "unchanged",
            PushStatus::Missing => "missing",
            PushStatus::BadKeys => "bad_keys",
            PushStatus::Paid => "paid",
            PushStatus::Locked => "locked",
            PushStatus::Forbidden => "forbidden",
            PushStatus::Unauthorized => "unauthorized",
            PushStatus::Unreachable => "unreachable",
        }
    }
}

/// One provider's push, as `integrate push` prints it.
#[derive(Debug, Clone, Serialize)]
pub struct Pushed {
    pub provider: &'static str,
    pub consumer: String,
    pub status: PushStatus,
    pub message: String,
    pub keys: Vec<String>,
}

/// Everything [`push`] did: a result per provider, and the keys it left out on purpose.
#[derive(Debug, Default)]
pub struct PushReport {
    pub results: Vec<Pushed>,
    /// Keys the portal's service does not declare: sending them would save them nowhere useful.
    pub not_sent: Vec<String>,
}

impl PushReport {
    /// A refusal outranks "could not tell", as with checks.
    pub fn exit(&self) -> ExitStatus {
        let mut exit = ExitStatus::Success;
        for r in &self.results {
            match r.status {
                PushStatus::Pushed | PushStatus::Unchanged => {}
                PushStatus::Unreachable => {
                    if exit == ExitStatus::Success {
                        exit = ExitStatus::Unreachable;
                    }
                }
                _ => exit = ExitStatus::Failed,
            }
        }
        exit
    }
}

/// Sends each provider's assignments to its consumer, one `POST` per provider, in order.
pub async fn push(
    client: &reqwest::Client,
    portal: &url::Url,
    token: &str,
    assignments: &[Assignment],
    consumers: &[Consumer],
) -> PushReport {
    let mut report = PushReport::default();
    let mut providers: Vec<&'static str> = assignments.iter().map(|a| a.provider).collect();
    providers.dedup();
    for provider in providers {
        let mine: Vec<&Assignment> = assignments
            .iter()
            .filter(|a| a.provider == provider)
            .collect();
        let wanted = mine[0].consumer.clone();
        let Some(consumer) = consumers
            .iter()
            .find(|c| c.name.eq_ignore_ascii_case(&wanted))
        else {
            report.results.push(Pushed {
                provider,
                message: format!("this DocSpace lists no `{wanted}` service; nothing was sent"),
                consumer: wanted,
                status: PushStatus::Missing,
                keys: Vec::new(),
            });
            continue;
        };
        let declared: Option<Vec<&str>> = consumer
            .props
            .as_ref()
            .map(|p| p.iter().map(|k| k.name.as_str()).collect());
        let mut props = Vec::new();
        for a in &mine {
            match &declared {
                Some(names) if !names.contains(&a.key.as_str()) => report.not_sent.push(format!(
                    "{provider}: the portal's `{}` service has no `{}` key; it was not sent",
                    consumer.name, a.key
                )),
                _ => props.push((a.key.clone(), a.value.clone())),
            }
        }
        let keys: Vec<String> = props.iter().map(|(k, _)| k.clone()).collect();
        let answer = save(client, portal, token, &consumer.name, &props).await;
        let (status, message) = explain_save(provider, consumer, answer);
        report.results.push(Pushed {
            provider,
            consumer: consumer.name.clone(),
            status,
            message,
            keys,
        });
    }
    report
}

/// What the portal's answer to a save means for the admin.
fn explain_save(provider: &str, consumer: &Consumer, answer: PortalAnswer) -> (PushStatus, String) {
    match answer {
        PortalAnswer::Saved { changed: true } => (PushStatus::Pushed, "saved".into()),
        PortalAnswer::Saved { changed: false } => (
            PushStatus::Unchanged,
            "the portal already had these keys".into(),
        ),
        PortalAnswer::BadKeys(m) => (
            PushStatus::BadKeys,
            format!(
                "the portal's own validation refused the keys ({m}) and cleared them; run `integrate check {provider}`"
            ),
        ),
        PortalAnswer::Paid(m) => (
            PushStatus::Paid,
            format!("the portal's plan does not allow this service ({m})"),
        ),
        PortalAnswer::Forbidden(m) if consumer.locked() => (
            PushStatus::Locked,
            format!(
                "the keys are set in autofac.consumers.json, which locks them in the portal ({m}); use `integrate export docspace` instead"
            ),
        ),
        PortalAnswer::Forbidden(m) => (
            PushStatus::Forbidden,
            format!(
                "the token has no right to change portal settings; use a DocSpace admin's token ({m})"
            ),
        ),
        PortalAnswer::Unauthorized => (
            PushStatus::Unauthorized,
            "the portal refused the token (HTTP 401)".into(),
        ),
        PortalAnswer::Unreachable(m) => (PushStatus::Unreachable, m),
    }
}
