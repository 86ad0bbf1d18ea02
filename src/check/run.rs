//! Runs checks concurrently, each bounded by the per-provider timeout. A check that panics or
//! overruns becomes `unreachable`; a value that fails local validation becomes `rejected`
//! before any request is sent (spec, "Check results").

use std::collections::BTreeMap;
use std::panic::AssertUnwindSafe;
use std::time::{Duration, Instant};

use futures::FutureExt;

use super::probes::{authorize, oauth};
use super::{CheckResult, Ctx, Outcome, Reason, Status};
use crate::catalog::{schema::COMMON_FIELDS, validate};
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
    /// The portal's redirect URI (`[portal] redirect_uri`, else the portal kind's default).
    pub redirect_uri: String,
    /// Per provider id, the redirect URI a portal file sets (`<provider>RedirectUrl`) when
    /// `[portal] redirect_uri` does not decide (issue 12.4).
    pub redirect_overrides: BTreeMap<String, String>,
    /// Trust for reading an `https://` endpoint's certificate; `None` skips that date.
    pub tls: Option<&'a crate::doctor::tls::TlsSetup>,
    /// `--warn-days`: an expiry closer than this turns `ok` into `warning`.
    pub warn_days: u32,
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
    if let Err(outcome) = usable(resolved) {
        return outcome;
    }
    let (notes, errors) = validate::check_all(
        provider,
        resolved
            .values
            .iter()
            .map(|(k, v)| (k.as_str(), v.text.as_str())),
    );
    // `endpoint` and `enabled` are settings, not credentials: a bad one is a setup problem.
    let (settings, errors): (Vec<_>, Vec<_>) = errors
        .into_iter()
        .partition(|e| COMMON_FIELDS.contains(&e.field.as_str()));
    if !settings.is_empty() {
        let list: Vec<String> = settings.iter().map(|e| e.to_string()).collect();
        return Outcome::misconfigured(list.join("; "))
            .reason(Reason::Config)
            .advice(format!(
                "Fix it in [providers.{}] (or its INTEGRATE_{}_* variable); `endpoint` is a base URL such as https://s3.example.internal.",
                provider.id,
                provider.id.to_ascii_uppercase()
            ));
    }
    if !errors.is_empty() {
        let list: Vec<String> = errors.iter().map(|e| e.to_string()).collect();
        return Outcome::rejected(format!(
            "format check failed, no request sent: {}",
            list.join("; ")
        ))
        .reason(Reason::Format)
        .advice(format!(
            "Correct the value(s) with `integrate add {}`.",
            provider.id
        ));
    }
    // Validated with the other settings above.
    let endpoint = resolved
        .endpoint()
        .and_then(|e| validate::check_endpoint(e).ok());
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
        redirect_uri: options
            .redirect_overrides
            .get(&provider.id)
            .unwrap_or(&options.redirect_uri)
            .clone(),
        deadline: started + options.timeout,
        control: Default::default(),
    };
    // The credential check and the authorization-endpoint probe do not depend on each other:
    // both go out at once (issue 16), and the probe's finding is added to the verdict.
    let run = AssertUnwindSafe(async {
        let (verdict, redirect) = futures::join!(check(&ctx), authorize::probe(&ctx));
        let (Ok(outcome) | Err(outcome)) = verdict;
        let outcome = oauth::settle_control(outcome, ctx.take_control());
        authorize::apply(outcome, redirect, &ctx)
    })
    .catch_unwind();
    // Expiry dates are read alongside the check, within the same time, so they add no delay.
    let expiry = tokio::time::timeout(
        options.timeout,
        super::expiry::read(&ctx, options.tls, options.timeout),
    );
    let (verdict, expiry) = tokio::join!(tokio::time::timeout(options.timeout, run), expiry);
    let mut outcome = match verdict {
        Ok(Ok(outcome)) => outcome,
        Ok(Err(_)) => Outcome::unreachable(
            "internal error: the check stopped unexpectedly; no verdict on the keys",
        )
        .reason(Reason::Internal)
        .advice("Please report this with `integrate report`."),
        Err(_) => Outcome::unreachable(format!(
            "no verdict within {}s; no verdict on the keys",
            options.timeout.as_secs_f32()
        ))
        .reason(Reason::Timeout)
        .advice("Raise --timeout, or run `integrate doctor` to see which layer is slow."),
    };
    let expiry = expiry.unwrap_or_else(|_| super::expiry::Found {
        known: Vec::new(),
        unknown: vec!["no expiry date could be read within the timeout".into()],
    });
    outcome = super::expiry::apply(
        outcome,
        &expiry,
        options.warn_days,
        time::OffsetDateTime::now_utc(),
    );
    if !notes.is_empty() {
        outcome = outcome.fact("format_notes", notes);
    }
    if let Some(endpoint) = resolved.endpoint() {
        outcome = outcome.fact("endpoint", endpoint);
    }
    outcome
}

/// A provider whose values cannot all be read, or whose required fields are missing, is
/// `misconfigured` before any request: it names every problem and the near-miss names (a
/// typo in the file or in an `INTEGRATE_*` variable) that may explain a missing field.
fn usable(resolved: &ResolvedProvider) -> Result<(), Outcome> {
    let provider = resolved.provider;
    if !resolved.problems.is_empty() {
        return Err(Outcome::misconfigured(resolved.problems.join("; "))
            .reason(Reason::Config)
            .advice(format!(
                "Fix the value in the config file, or run `integrate add {}` again.",
                provider.id
            )));
    }
    let missing = resolved.missing();
    if missing.is_empty() {
        return Ok(());
    }
    let mut message = format!("missing required field(s): {}", missing.join(", "));
    for unknown in &resolved.unknown {
        message.push_str(&format!("; {unknown}"));
    }
    let hint = if resolved.present() {
        ""
    } else {
        " (nothing is set for it)"
    };
    Err(Outcome::misconfigured(format!("{message}{hint}"))
        .reason(Reason::MissingField)
        .advice(format!(
            "Run `integrate add {}`, or set {}.",
            provider.id,
            missing
                .iter()
                .map(|f| provider.env_var(f))
                .collect::<Vec<_>>()
                .join(", ")
        )))
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
