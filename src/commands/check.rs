//! `integrate check [ID...]`: the live checks, concurrently, in the chosen format, on stdout or
//! atomically into `--output FILE`. It fails closed: nothing to check is an error (exit 2), and
//! a provider whose settings cannot be used is its own `misconfigured` result while the others
//! are checked and the document printed.

use std::collections::BTreeMap;
use std::path::Path;
use std::time::SystemTime;

use anyhow::{Context, Result};

use super::App;
use crate::check::{CheckResult, Status};
use crate::cli::{CheckArgs, Format};
use crate::config::{self, Scope, file, resolve};
use crate::doctor::portal::PortalContext;
use crate::exit::ExitStatus;
use crate::output::ci::{self, Row};
use crate::output::{self, check as render, prometheus};
use crate::redact;

pub fn exec(app: &App, args: CheckArgs) -> Result<ExitStatus> {
    crate::config::keyring::set_timeout(args.timeout);
    let config = app.load_config()?;
    let portal = resolve::portal(&config)?;
    let selected = config::select(&config, &args.ids, Scope::Enabled)?;
    if selected.is_empty() {
        return Err(config::nothing_selected(&config, "check", "check"));
    }
    let overrides = redirect_overrides(&config, &portal, &selected, &args.portal_file)?;
    let started = output::json::now();
    let results = app.run_checks_with(&selected, args.timeout, portal.redirect_uri, overrides)?;
    deliver(app, args.output.as_deref(), &results, &started)?;
    Ok(ExitStatus::from_statuses(results.iter().map(|r| r.status)))
}

/// The redirect URI each provider's portal file sets (`<provider>RedirectUrl`), for the
/// authorization-endpoint probe (issue 12.4); `[portal] redirect_uri` still decides when set.
/// A file given that cannot be read or parsed is an error: the URI checked would be a guess.
fn redirect_overrides(
    config: &file::ConfigFile,
    portal: &resolve::Portal,
    selected: &[config::ResolvedProvider],
    files: &[std::path::PathBuf],
) -> Result<BTreeMap<String, String>> {
    if files.is_empty() {
        return Ok(BTreeMap::new());
    }
    let ctx = PortalContext::load(portal.clone(), &config.path, files);
    let problems: Vec<String> = ctx.unreadable.iter().chain(&ctx.invalid).cloned().collect();
    if !problems.is_empty() {
        return Err(crate::exit::usage(format!(
            "--portal-file: {}",
            problems.join("; ")
        )));
    }
    Ok(selected
        .iter()
        .map(|r| (r.provider.id.clone(), ctx.redirect_uri_for(r)))
        .collect())
}

/// Prints the results in the chosen format, or writes them to `--output` atomically: a
/// monitoring agent reading the file (node_exporter's textfile collector) sees the previous
/// run or this one, never a part. The file is for others to read (0644 less the umask): it
/// holds no secret, everything in it went through the redactor.
fn deliver(
    app: &App,
    output_file: Option<&Path>,
    results: &[CheckResult],
    started: &str,
) -> Result<()> {
    let rows: Vec<Row> = results.iter().map(Row::from).collect();
    if app.global.format == Format::Github {
        ci::append_step_summary("check", &rows).context("cannot append to $GITHUB_STEP_SUMMARY")?;
    }
    let Some(path) = output_file else {
        let live = output::stdout_is_terminal() && output::stderr_is_terminal() && !output::quiet();
        output::print(&document(app.global.format, results, &rows, started, live));
        return Ok(());
    };
    let text = document(app.global.format, results, &rows, started, false);
    let text = redact::scrub(&anstream::adapter::strip_str(&text).to_string());
    file::replace_file(path, text.as_bytes(), 0o644)?;
    output::note(&format!("Results written to {}", path.display()));
    Ok(())
}

/// The whole output of a run. In text, the per-provider lines are left out when live
/// progress already showed them on the terminal.
fn document(
    format: Format,
    results: &[CheckResult],
    rows: &[Row],
    started: &str,
    live: bool,
) -> String {
    match format {
        Format::Json => output::json::render(render::json_body(results)) + "\n",
        Format::Junit => ci::junit("integrate check", rows, started),
        Format::Github => ci::github("check", rows),
        Format::Prometheus => prometheus::render(results, SystemTime::now()),
        Format::Text => {
            let mut text = String::new();
            if !live {
                // -q keeps only what needs attention, then the verdict.
                let shown = results.iter().filter(|r| {
                    !output::quiet() || r.status.is_problem() || r.status == Status::Warning
                });
                for result in shown {
                    text.push_str(&render::text_lines(result, output::verbose() > 0));
                }
            }
            text.push_str(&render::summary(results));
            text.push('\n');
            text
        }
    }
}
