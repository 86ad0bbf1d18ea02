//! `integrate check [ID...]`: the live checks, concurrently, in the chosen format, on stdout or
//! atomically into `--output FILE`.

use std::path::Path;
use std::time::SystemTime;

use anyhow::Result;

use super::App;
use crate::catalog::validate;
use crate::check::CheckResult;
use crate::cli::{CheckArgs, Format};
use crate::config::{self, ResolvedProvider, Scope, file, resolve};
use crate::exit::{ExitStatus, usage};
use crate::output::{self, check as render, prometheus};
use crate::redact;

pub fn exec(app: &App, args: CheckArgs) -> Result<ExitStatus> {
    crate::config::keyring::set_timeout(args.timeout);
    let config = app.load_config()?;
    let portal = resolve::portal(&config)?;
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
        deliver(app, args.output.as_deref(), &[])?;
        return Ok(ExitStatus::Success);
    }
    let results = app.run_checks(&selected, args.timeout, portal.redirect_uri)?;
    deliver(app, args.output.as_deref(), &results)?;
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

/// Prints the results in the chosen format, or writes them to `--output` atomically: a
/// monitoring agent reading the file (node_exporter's textfile collector) sees the previous
/// run or this one, never a part. The file is for others to read (0644 less the umask): it
/// holds no secret, everything in it went through the redactor.
fn deliver(app: &App, output_file: Option<&Path>, results: &[CheckResult]) -> Result<()> {
    let Some(path) = output_file else {
        let live = output::stdout_is_terminal() && output::stderr_is_terminal() && !output::quiet();
        output::print(&document(app.global.format, results, live));
        return Ok(());
    };
    let text = document(app.global.format, results, false);
    let text = redact::scrub(&anstream::adapter::strip_str(&text).to_string());
    file::replace_file(path, text.as_bytes(), 0o644)?;
    output::note(&format!("Results written to {}", path.display()));
    Ok(())
}

/// The whole output of a run. In text, the per-provider lines are left out when live
/// progress already showed them on the terminal.
fn document(format: Format, results: &[CheckResult], live: bool) -> String {
    match format {
        Format::Json => render::json(results) + "\n",
        Format::Junit => render::junit(results),
        Format::Github => render::github(results),
        Format::Prometheus => prometheus::render(results, SystemTime::now()),
        Format::Text => {
            let mut text = String::new();
            if !live {
                for result in results {
                    text.push_str(&render::text_lines(result, output::verbose() > 0));
                }
            }
            if !results.is_empty() {
                text.push_str(&render::summary(results));
                text.push('\n');
            }
            text
        }
    }
}
