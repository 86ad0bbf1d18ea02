//! `integrate check [ID...]`: the live checks, concurrently, in the chosen format.

use anyhow::Result;

use super::App;
use crate::catalog::validate;
use crate::check::CheckResult;
use crate::cli::{CheckArgs, Format};
use crate::config::{self, ResolvedProvider, Scope, resolve};
use crate::exit::{ExitStatus, usage};
use crate::output::{self, check as render};

pub fn exec(app: &App, args: CheckArgs) -> Result<ExitStatus> {
    let config = app.load_config()?;
    let portal = resolve::portal(&config);
    let selected = config::select(&config, &args.ids, Scope::Enabled)?;
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
    let results = app.run_checks(&selected, args.timeout, portal.redirect_uri)?;
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
