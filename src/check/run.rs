//! Runs checks concurrently, each bounded by the per-provider timeout. A check that panics or
//! overruns becomes `unreachable`; a value that fails local validation becomes `rejected`
//! before any request is sent (spec, "Check results").

use std::panic::AssertUnwindSafe;
use std::time::{Duration, Instant};

use futures::FutureExt;

use super::{CheckResult, Ctx, Outcome, Status};
use crate::catalog::validate;
use crate::config::ResolvedProvider;
use crate::redact;

/// What the progress display hears about.
pub enum Event<'a> {
    Started(&'a str),
    Finished(&'a CheckResult),
}

pub struct Options<'a> {
    pub client: &'a reqwest::Client,
    pub timeout: Duration,
    pub redirect_uri: String,
}

/// Runs every check at once; results come back in the order given.
pub async fn run_all(
    options: &Options<'_>,
    providers: &[ResolvedProvider],
    on_event: &(dyn Fn(Event<'_>) + Sync),
) -> Vec<CheckResult> {
    let futures = providers.iter().map(|resolved| async move {
        on_event(Event::Started(&resolved.provider.id));
        let result = run_one(options, resolved).await;
        on_event(Event::Finished(&result));
        result
    });
    futures::future::join_all(futures).await
}

/// Validates locally, then runs the live check within the timeout.
pub async fn run_one(options: &Options<'_>, resolved: &ResolvedProvider) -> CheckResult {
    let started = Instant::now();
    let outcome = outcome_of(options, resolved, started).await;
    let outcome = scrub(outcome);
    CheckResult::new(
        &resolved.provider.id,
        outcome,
        started.elapsed().as_millis() as u64,
    )
}

async fn outcome_of(
    options: &Options<'_>,
    resolved: &ResolvedProvider,
    started: Instant,
) -> Outcome {
    let provider = resolved.provider;
    if let Some(problem) = resolved.problems.first() {
        return Outcome::rejected(problem.clone()).advice(format!(
            "Fix the value in the config file, or run `integrate add {}` again.",
            provider.id
        ));
    }
    let missing = resolved.missing();
    if !missing.is_empty() {
        return Outcome::rejected(format!("missing required field(s): {}", missing.join(", ")))
            .advice(format!(
                "Run `integrate add {}`, or set {}.",
                provider.id,
                provider.env_var(missing[0])
            ));
    }
    let (notes, errors) = validate::check_all(
        provider,
        resolved
            .values
            .iter()
            .map(|(k, v)| (k.as_str(), v.text.as_str())),
    );
    if !errors.is_empty() {
        let list: Vec<String> = errors.iter().map(|e| e.to_string()).collect();
        return Outcome::rejected(format!(
            "format check failed, no request sent: {}",
            list.join("; ")
        ))
        .advice(format!(
            "Correct the value(s) with `integrate add {}`.",
            provider.id
        ));
    }
    let endpoint = match resolved.endpoint().map(validate::check_endpoint) {
        None => None,
        Some(Ok(url)) => Some(url),
        Some(Err(message)) => return Outcome::rejected(format!("`endpoint`: {message}")),
    };
    let Some(check) = super::find(&provider.id) else {
        return Outcome::skipped(
            "no live check exists for this provider; the format was checked locally",
        );
    };
    let ctx = Ctx {
        provider,
        resolved,
        client: options.client,
        endpoint,
        redirect_uri: options.redirect_uri.clone(),
        deadline: started + options.timeout,
    };
    let run = AssertUnwindSafe(check(&ctx)).catch_unwind();
    let mut outcome = match tokio::time::timeout(options.timeout, run).await {
        Ok(Ok(Ok(outcome) | Err(outcome))) => outcome,
        Ok(Err(_)) => Outcome::unreachable(
            "internal error: the check stopped unexpectedly; no verdict on the keys",
        )
        .advice("Please report this with `integrate report`."),
        Err(_) => Outcome::unreachable(format!(
            "no verdict within {}s; no verdict on the keys",
            options.timeout.as_secs_f32()
        ))
        .advice("Raise --timeout, or run `integrate doctor` to see which layer is slow."),
    };
    if !notes.is_empty() {
        outcome = outcome.fact("format_notes", notes);
    }
    if let Some(endpoint) = resolved.endpoint() {
        outcome = outcome.fact("endpoint", endpoint);
    }
    outcome
}

fn scrub(mut outcome: Outcome) -> Outcome {
    outcome.message = redact::scrub(&outcome.message);
    outcome.advice = outcome.advice.map(|a| redact::scrub(&a));
    for value in outcome.facts.values_mut() {
        redact::scrub_json(value);
    }
    outcome
}

/// Counts per status, in the spec's order.
pub fn counts(results: &[CheckResult]) -> serde_json::Map<String, serde_json::Value> {
    let mut map = serde_json::Map::new();
    for status in Status::ALL {
        let n = results.iter().filter(|r| r.status == status).count();
        map.insert(status.as_str().to_string(), n.into());
    }
    map
}
