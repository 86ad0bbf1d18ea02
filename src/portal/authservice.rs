//! DocSpace's `settings/authservice` API (onlyoffice.md §2.1; DS-srv `SettingsController.cs`):
//! `GET` lists the consumers (props only for those the admin can set), `POST` saves one
//! consumer's keys. The portal's documented refusals are turned into [`Answer`]s; anything else
//! is "no verdict", like the checks' `unreachable`.
//!
//! Authentication follows the ONLYOFFICE API convention: the token from
//! `POST /api/2.0/authentication` (or a personal API key) goes in `Authorization` as is.
//! <https://api.onlyoffice.com/docspace/api-backend/samples/authentication>

use std::time::{Duration, Instant};

use serde::Deserialize;
use serde_json::{Value, json};

use crate::check::http::{self, Reply};

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
pub enum Answer {
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

async fn send(client: &reqwest::Client, request: reqwest::RequestBuilder) -> Result<Reply, Answer> {
    let request = request
        .header("Accept", "application/json")
        .build()
        .map_err(|e| Answer::Unreachable(format!("cannot build the request: {e}")))?;
    http::send(client, request, Instant::now() + TIMEOUT)
        .await
        .map_err(|outcome| {
            let advice = outcome.advice.map(|a| format!(" {a}")).unwrap_or_default();
            Answer::Unreachable(format!("{}{advice}", outcome.message))
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
) -> Result<Vec<Consumer>, Answer> {
    // https://api.onlyoffice.com/docspace/api-backend/usage-api/get-auth-services/
    let reply = send(
        client,
        client.get(url(portal)).header("Authorization", token),
    )
    .await?;
    match reply.status {
        200 => {
            let body: Value = serde_json::from_slice(&reply.body).map_err(|e| {
                Answer::Unreachable(format!(
                    "{} answered with a body that is not JSON ({e}): {}",
                    reply.shown_url,
                    reply.snippet()
                ))
            })?;
            // The ONLYOFFICE API wraps results in {"response": ...}.
            let list = body.get("response").cloned().unwrap_or(body);
            serde_json::from_value(list).map_err(|e| {
                Answer::Unreachable(format!(
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
) -> Answer {
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
            Answer::Saved { changed }
        }
        other => refusal(&reply, other),
    }
}

fn refusal(reply: &Reply, status: u16) -> Answer {
    match status {
        400 => Answer::BadKeys(message(reply)),
        401 => Answer::Unauthorized,
        402 => Answer::Paid(message(reply)),
        403 => Answer::Forbidden(message(reply)),
        _ => Answer::Unreachable(format!(
            "{} answered HTTP {status}, which this tool does not recognise: {}",
            reply.shown_url,
            reply.snippet()
        )),
    }
}
