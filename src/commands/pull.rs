//! `integrate pull URL [--token-stdin]`: which services a running DocSpace has set, and which
//! are locked by its config file. Values are never printed: a set key shows as its mask.

use anyhow::Result;
use serde_json::{Value, json};

use super::App;
use super::push::{portal_url, token};
use crate::catalog;
use crate::cli::{Format, PullArgs};
use crate::exit::ExitStatus;
use crate::output;
use crate::portal::authservice::{self, Answer, Consumer};
use crate::redact;

pub fn exec(app: &App, args: PullArgs) -> Result<ExitStatus> {
    let base = portal_url(&args.url)?;
    let token = token(args.token_stdin)?;
    let http = app.http()?;
    let consumers = match app.block_on(authservice::list(http.client(), &base, &token))? {
        Ok(list) => list,
        Err(answer) => return Ok(fail(&answer)),
    };
    // Every value the portal sent is treated as a secret from here on.
    for p in consumers.iter().flat_map(|c| c.props.iter().flatten()) {
        if let Some(v) = &p.value {
            redact::register(v);
        }
    }
    if app.global.format == Format::Json {
        let list: Vec<Value> = consumers.iter().map(consumer_json).collect();
        output::println(&serde_json::to_string_pretty(&json!({
            "version": 1,
            "portal": base.as_str(),
            "consumers": list,
        }))?);
        return Ok(ExitStatus::Success);
    }
    output::println(&format!("{}: {} services", base, consumers.len()));
    for c in &consumers {
        let state = if c.locked() {
            "locked (keys in autofac.consumers.json)".to_string()
        } else if c.set() {
            let set: Vec<&str> = c
                .props
                .iter()
                .flatten()
                .filter(|p| p.value.as_deref().is_some_and(|v| !v.is_empty()))
                .map(|p| p.name.as_str())
                .collect();
            format!("set ({})", set.join(", "))
        } else {
            "not set".into()
        };
        let provider = provider_of(&c.name)
            .map(|id| format!(" [{id}]"))
            .unwrap_or_default();
        let paid = if c.paid { ", paid" } else { "" };
        output::println(&format!(
            "  {:<12} {:<24} {state}{paid}{provider}",
            c.name,
            c.title.as_deref().unwrap_or("")
        ));
    }
    Ok(ExitStatus::Success)
}

fn consumer_json(c: &Consumer) -> Value {
    let props: Option<Vec<Value>> = c.props.as_ref().map(|props| {
        props
            .iter()
            .map(|p| {
                let value = p.value.as_deref().unwrap_or("");
                json!({
                    "name": p.name,
                    "title": p.title,
                    "type": p.kind,
                    "set": !value.is_empty(),
                    "value": (!value.is_empty()).then(|| redact::mask(value)),
                })
            })
            .collect()
    });
    json!({
        "name": c.name,
        "title": c.title,
        "provider": provider_of(&c.name),
        "canSet": c.can_set,
        "locked": c.locked(),
        "paid": c.paid,
        "set": c.set(),
        "props": props,
    })
}

/// The integrate provider whose DocSpace consumer this is.
fn provider_of(consumer: &str) -> Option<&'static str> {
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

/// The exit status (and message) when the list itself could not be read.
pub(super) fn fail(answer: &Answer) -> ExitStatus {
    let (message, exit) = match answer {
        Answer::Unauthorized => (
            "the portal refused the token (HTTP 401): check $INTEGRATE_DOCSPACE_TOKEN; tokens from /api/2.0/authentication expire".to_string(),
            ExitStatus::Usage,
        ),
        Answer::Forbidden(m) => (
            format!("the token has no right to read portal settings; use a DocSpace admin's token ({m})"),
            ExitStatus::Failed,
        ),
        Answer::Unreachable(m) => (m.clone(), ExitStatus::Unreachable),
        Answer::BadKeys(m) | Answer::Paid(m) => (
            format!("the portal refused to list its services: {m}"),
            ExitStatus::Failed,
        ),
        Answer::Saved { .. } => (String::new(), ExitStatus::Success),
    };
    output::error(&message);
    exit
}
