//! `integrate push URL [--only ID]... [--token-stdin]`: sends the configured keys to a running
//! DocSpace, one `POST settings/authservice` per provider, and explains each refusal. The token
//! comes from $INTEGRATE_DOCSPACE_TOKEN or stdin, never from the command line (`ps` shows argv).

use std::io::Read;

use anyhow::Result;
use serde_json::json;

use super::App;
use crate::catalog;
use crate::cli::{Format, Generation, PushArgs};
use crate::config::resolve;
use crate::exit::{ExitStatus, usage};
use crate::output;
use crate::portal::{self, authservice::Answer, authservice::Consumer};

pub const TOKEN_VAR: &str = "INTEGRATE_DOCSPACE_TOKEN";

pub fn exec(app: &App, args: PushArgs) -> Result<ExitStatus> {
    let base = portal_url(&args.url)?;
    let token = token(args.token_stdin)?;
    let config = app.load_config()?;
    let mut selected = Vec::new();
    for r in resolve::resolve_all(&config) {
        let wanted = args.only.is_empty()
            || args
                .only
                .iter()
                .any(|id| catalog::find(id).is_some_and(|p| p.id == r.provider.id));
        if wanted && r.configured() {
            selected.push(r);
        }
    }
    for id in &args.only {
        let provider = catalog::lookup(id)?;
        if !selected.iter().any(|r| r.provider.id == provider.id) {
            return Err(usage(format!("{} is not configured here", provider.id)));
        }
    }
    let (assignments, not) = portal::assignments(&selected, Generation::Docspace, app.lang);
    for n in &not {
        output::warn(&format!("{} is not pushed: {}", n.provider, n.reason));
    }
    if assignments.is_empty() {
        return Err(usage(
            "nothing to push: no configured, enabled provider has DocSpace keys",
        ));
    }
    let http = app.http()?;
    let client = http.client();
    let consumers: Vec<Consumer> =
        match app.block_on(portal::authservice::list(client, &base, &token))? {
            Ok(list) => list,
            Err(answer) => return Ok(super::pull::fail(&answer)),
        };
    let mut results = Vec::new();
    let mut providers: Vec<&'static str> = assignments.iter().map(|a| a.provider).collect();
    providers.dedup();
    for provider in providers {
        let mine: Vec<_> = assignments
            .iter()
            .filter(|a| a.provider == provider)
            .collect();
        let consumer_name = mine[0].consumer.clone();
        let Some(consumer) = consumers
            .iter()
            .find(|c| c.name.eq_ignore_ascii_case(&consumer_name))
        else {
            results.push(result(
                provider,
                &consumer_name,
                "missing",
                &format!("this DocSpace lists no `{consumer_name}` service; nothing was sent"),
                &[],
            ));
            continue;
        };
        // Send only keys the portal declares: an unknown key would be saved nowhere useful.
        let declared: Option<Vec<&str>> = consumer
            .props
            .as_ref()
            .map(|p| p.iter().map(|k| k.name.as_str()).collect());
        let mut props = Vec::new();
        for a in &mine {
            match &declared {
                Some(names) if !names.contains(&a.key.as_str()) => output::warn(&format!(
                    "{provider}: the portal's `{}` service has no `{}` key; it was not sent",
                    consumer.name, a.key
                )),
                _ => props.push((a.key.clone(), a.value.clone())),
            }
        }
        let keys: Vec<String> = props.iter().map(|(k, _)| k.clone()).collect();
        let answer = app.block_on(portal::authservice::save(
            client,
            &base,
            &token,
            &consumer.name,
            &props,
        ))?;
        let (status, message) = match answer {
            Answer::Saved { changed: true } => ("pushed", "saved".to_string()),
            Answer::Saved { changed: false } => {
                ("unchanged", "the portal already had these keys".into())
            }
            Answer::BadKeys(m) => (
                "bad_keys",
                format!(
                    "the portal's own validation refused the keys ({m}) and cleared them; run `integrate check {provider}`"
                ),
            ),
            Answer::Paid(m) => (
                "paid",
                format!("the portal's plan does not allow this service ({m})"),
            ),
            Answer::Forbidden(m) if consumer.locked() => (
                "locked",
                format!(
                    "the keys are set in autofac.consumers.json, which locks them in the portal ({m}); use `integrate export docspace` instead"
                ),
            ),
            Answer::Forbidden(m) => (
                "forbidden",
                format!(
                    "the token has no right to change portal settings; use a DocSpace admin's token ({m})"
                ),
            ),
            Answer::Unauthorized => (
                "unauthorized",
                "the portal refused the token (HTTP 401)".into(),
            ),
            Answer::Unreachable(m) => ("unreachable", m),
        };
        results.push(result(provider, &consumer.name, status, &message, &keys));
    }
    let exit = exit_for(results.iter().map(|r| r["status"].as_str().unwrap_or("")));
    if app.global.format == Format::Json {
        output::println(&serde_json::to_string_pretty(&json!({
            "version": 1,
            "portal": base.as_str(),
            "results": results,
        }))?);
    } else {
        for r in &results {
            output::println(&format!(
                "{:<10} {:<12} {}",
                r["provider"].as_str().unwrap_or(""),
                r["status"].as_str().unwrap_or(""),
                r["message"].as_str().unwrap_or("")
            ));
        }
    }
    Ok(exit)
}

fn result(
    provider: &str,
    consumer: &str,
    status: &str,
    message: &str,
    keys: &[String],
) -> serde_json::Value {
    json!({"provider": provider, "consumer": consumer, "status": status, "message": message, "keys": keys})
}

/// A refusal outranks "could not tell", as with checks.
fn exit_for<'a>(statuses: impl Iterator<Item = &'a str>) -> ExitStatus {
    let mut exit = ExitStatus::Success;
    for s in statuses {
        match s {
            "pushed" | "unchanged" => {}
            "unreachable" => {
                if exit == ExitStatus::Success {
                    exit = ExitStatus::Unreachable;
                }
            }
            _ => exit = ExitStatus::Failed,
        }
    }
    exit
}

/// The portal URL: https, or http for a loopback host (the `endpoint` rule).
pub(super) fn portal_url(raw: &str) -> Result<url::Url> {
    catalog::validate::check_endpoint(raw.trim_end_matches('/'))
        .map_err(|m| usage(format!("portal URL: {m}")))
}

/// The API token: $INTEGRATE_DOCSPACE_TOKEN, or stdin with --token-stdin.
pub(super) fn token(from_stdin: bool) -> Result<String> {
    let token = if from_stdin {
        let mut text = String::new();
        std::io::stdin()
            .read_to_string(&mut text)
            .map_err(|e| usage(format!("--token-stdin: cannot read stdin: {e}")))?;
        text.trim().to_string()
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
