//! `integrate pull URL [--token-stdin]`: which services a running DocSpace has set, and which
//! are locked by its config file. Values are never printed: a set key shows as its mask.

use anyhow::Result;
use serde_json::{Value, json};

use super::App;
use crate::cli::{Format, PullArgs};
use crate::exit::ExitStatus;
use crate::output;
use crate::portal::authservice::{self, Consumer, provider_of};
use crate::redact;

pub fn exec(app: &App, args: PullArgs) -> Result<ExitStatus> {
    let base = authservice::portal_url(&args.url)?;
    let token = authservice::token(args.token_stdin)?;
    let http = app.http()?;
    let consumers = match app.block_on(authservice::list(http.client(), &base, &token))? {
        Ok(list) => list,
        Err(answer) => {
            let (message, exit) = answer.list_failure();
            output::error(&message);
            return Ok(exit);
        }
    };
    // Every value the portal sent is treated as a secret from here on.
    for p in consumers.iter().flat_map(|c| c.props.iter().flatten()) {
        if let Some(v) = &p.value {
            redact::register(v);
        }
    }
    if app.global.format == Format::Json {
        let list: Vec<Value> = consumers.iter().map(consumer_json).collect();
        output::println(&output::json::render(json!({
            "portal": base.as_str(),
            "consumers": list,
        })));
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
