//! `integrate check [ID...]`: the live checks, concurrently, in the chosen format.

use std::time::Duration;

use anyhow::Result;

use super::App;
use crate::catalog::{self, validate};
use crate::check::CheckResult;
use crate::check::run::{self, Event};
use crate::cli::{CheckArgs, Format};
use crate::config::{ResolvedProvider, resolve};
use crate::exit::{ExitStatus, usage};
use crate::output::{self, check as render};

pub fn exec(app: &App, args: CheckArgs) -> Result<ExitStatus> {
    let timeout = parse_timeout(args.timeout)?;
    let config = app.load_config()?;
    let portal = resolve::portal(&config);
    let selected: Vec<ResolvedProvider> = if args.ids.is_empty() {
        resolve::resolve_all(&config)
            .into_iter()
            .filter(|r| r.configured() && r.enabled)
            .collect()
    } else {
        let mut list: Vec<ResolvedProvider> = Vec::new();
        for id in &args.ids {
            let provider = catalog::lookup(id)?;
            if list.iter().any(|r| r.provider.id == provider.id) {
                continue;
            }
            let resolved = resolve::resolve(&config, provider);
            if !resolved.in_file && !resolved.configured() {
                return Err(usage(format!(
                    "{} is not configured in {}; run `integrate add {}` or set its INTEGRATE_{}_* variables",
                    provider.id,
                    app.config_path.display(),
                    provider.id,
                    provider.id.to_ascii_uppercase()
                )));
            }
            list.push(resolved);
        }
        list
    };
    // A provider table that cannot be used is a configuration error, not a silent skip.
    let broken: Vec<String> = if args.ids.is_empty() {
        resolve::resolve_all(&config)
            .into_iter()
            .filter(|r| r.in_file && r.enabled && !r.configured())
            .flat_map(|r| config_problems(&r))
            .collect()
    } else {
        selected
            .iter()
            .filter(|r| !r.configured())
            .flat_map(config_problems)
            .collect()
    };
    if !broken.is_empty() {
        return Err(usage(format!(
            "{} has unusable provider settings; nothing was checked:\n{}",
            app.config_path.display(),
            broken.join("\n")
        )));
    }
    // A plain-http endpoint on a non-loopback host is a configuration error (spec, "endpoint").
    for resolved in &selected {
        if let Some(endpoint) = resolved.endpoint()
            && let Err(message) = validate::check_endpoint(endpoint)
        {
            return Err(usage(format!(
                "{}: [providers.{}] endpoint: {message}",
                app.config_path.display(),
                resolved.provider.id
            )));
        }
    }
    if selected.is_empty() {
        if app.global.format == Format::Text {
            output::note(
                "No provider is configured and enabled; nothing to check. Start with `integrate add <id>`.",
            );
        }
        print_results(app, &[]);
        return Ok(ExitStatus::Success);
    }
    let results = run_checks(app, &selected, timeout, portal.redirect_uri)?;
    print_results(app, &results);
    Ok(ExitStatus::from_statuses(results.iter().map(|r| r.status)))
}

/// Why a provider's settings cannot be used, one line each.
fn config_problems(resolved: &ResolvedProvider) -> Vec<String> {
    let id = &resolved.provider.id;
    let mut lines: Vec<String> = resolved.problems.iter().map(|p| format!("  {p}")).collect();
    for field in resolved.missing() {
        if resolved
            .problems
            .iter()
            .any(|p| p.contains(&format!("`{field}`")))
        {
            continue;
        }
        lines.push(format!(
            "  [providers.{id}] `{field}` is missing: run `integrate add {id}` or set {}",
            resolved.provider.env_var(field)
        ));
    }
    lines
}

pub fn parse_timeout(secs: f64) -> Result<Duration> {
    if !(secs.is_finite() && secs > 0.0 && secs <= 3600.0) {
        return Err(usage(format!(
            "--timeout {secs}: give a number of seconds between 0 and 3600"
        )));
    }
    Ok(Duration::from_secs_f64(secs))
}

/// Runs the checks with live progress when both stdout and stderr are terminals.
pub fn run_checks(
    app: &App,
    selected: &[ResolvedProvider],
    timeout: Duration,
    redirect_uri: String,
) -> Result<Vec<CheckResult>> {
    let http = app.http()?;
    let live = app.global.format == Format::Text
        && output::stdout_is_terminal()
        && output::stderr_is_terminal()
        && !output::quiet();
    let progress = live.then(|| {
        let ids: Vec<String> = selected.iter().map(|r| r.provider.id.clone()).collect();
        render::Progress::new(&ids, output::verbose() > 0)
    });
    let options = run::Options {
        client: http.client(),
        timeout,
        redirect_uri,
    };
    let on_event = |event: Event<'_>| {
        if let Some(progress) = &progress {
            progress.on_event(event);
        }
    };
    let results = app.block_on(run::run_all(&options, selected, &on_event))?;
    if let Some(progress) = &progress {
        progress.finish();
    }
    Ok(results)
}

fn print_results(app: &App, results: &[CheckResult]) {
    match app.global.format {
        Format::Json => output::println(&render::json(results)),
        Format::Junit => output::print(&render::junit(results)),
        Format::Github => output::print(&render::github(results)),
        Format::Text => {
            let live =
                output::stdout_is_terminal() && output::stderr_is_terminal() && !output::quiet();
            if !live {
                for result in results {
                    output::print(&render::text_lines(result, output::verbose() > 0));
                }
            }
            if !results.is_empty() {
                output::println(&render::summary(results));
            }
        }
    }
}
