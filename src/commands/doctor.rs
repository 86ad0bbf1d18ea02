//! `integrate doctor [ID...]`: each provider's path diagnosed layer by layer, then its live
//! check and the portal findings (the logic is in [`crate::doctor`]). The exit code is the
//! spec's, from the provider statuses.

use anyhow::{Context, Result};

use super::App;
use crate::cli::{DoctorArgs, Format};
use crate::config::{self, Scope};
use crate::doctor::session::{self, Setup};
use crate::exit::{ExitStatus, usage};
use crate::output::ci::{self, Row};
use crate::output::{self, doctor as render};

pub fn exec(app: &App, args: DoctorArgs) -> Result<ExitStatus> {
    crate::config::keyring::set_timeout(args.timeout);
    if app.global.format == Format::Prometheus {
        return Err(usage(
            "`integrate doctor` prints text, json, junit or github; prometheus is for `integrate check`",
        ));
    }
    let config = app.load_config()?;
    let selected = config::select(&config, &args.ids, Scope::Present)?;
    if selected.is_empty() {
        return Err(config::nothing_selected(&config, "doctor", "diagnose"));
    }
    let http = app.http()?;
    let setup = Setup {
        client: http.client(),
        ca_file: app.global.ca_file.as_deref(),
        timeout: args.timeout,
        portal_files: &args.portal_file,
        warn_days: args.warn_days,
    };
    if output::stderr_is_terminal() && app.global.format == Format::Text {
        output::note(&format!("Diagnosing {} provider(s)…", selected.len()));
    }
    let started = output::json::now();
    let run = app.block_on(session::run(&setup, &config, &selected))??;
    let rows: Vec<Row> = run.diagnoses.iter().map(Row::from).collect();
    match app.global.format {
        Format::Json => output::println(&output::json::render(render::json_body(
            &run.diagnoses,
            &run.global,
        ))),
        Format::Junit => output::print(&ci::junit("integrate doctor", &rows, &started)),
        Format::Github => {
            output::print(&ci::github("doctor", &rows));
            ci::append_step_summary("doctor", &rows)
                .context("cannot append to $GITHUB_STEP_SUMMARY")?;
        }
        Format::Text | Format::Prometheus => output::print(&render::text(
            &run.diagnoses,
            &run.global,
            render::Layout {
                verbose: output::verbose() > 0,
                quiet: output::quiet(),
                width: Some(output::wrap::width(output::wrap::Stream::Stdout)),
            },
        )),
    }
    Ok(ExitStatus::from_statuses(
        run.diagnoses.iter().map(|d| d.status),
    ))
}
