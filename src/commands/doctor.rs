//! `integrate doctor [ID...]`: each provider's path diagnosed layer by layer, then its live
//! check and the portal findings (the logic is in [`crate::doctor`]). The exit code is the
//! spec's, from the provider statuses.

use anyhow::Result;

use super::App;
use crate::cli::{DoctorArgs, Format};
use crate::config::{self, Scope};
use crate::doctor::session::{self, Setup};
use crate::exit::{ExitStatus, usage};
use crate::output::{self, doctor as render};

pub fn exec(app: &App, args: DoctorArgs) -> Result<ExitStatus> {
    crate::config::keyring::set_timeout(args.timeout);
    if !matches!(app.global.format, Format::Text | Format::Json) {
        return Err(usage("`integrate doctor` prints text or json"));
    }
    let config = app.load_config()?;
    let selected = config::select(&config, &args.ids, Scope::Present)?;
    let http = app.http()?;
    let setup = Setup {
        client: http.client(),
        ca_file: app.global.ca_file.as_deref(),
        timeout: args.timeout,
        portal_files: &args.portal_file,
    };
    if !selected.is_empty() && output::stderr_is_terminal() && app.global.format == Format::Text {
        output::note(&format!("Diagnosing {} provider(s)…", selected.len()));
    }
    let run = app.block_on(session::run(&setup, &config, &selected))??;
    match app.global.format {
        Format::Json => output::println(&serde_json::to_string_pretty(&render::json_value(
            &run.diagnoses,
            &run.global,
        ))?),
        _ => output::print(&render::text(
            &run.diagnoses,
            &run.global,
            output::verbose() > 0,
        )),
    }
    Ok(ExitStatus::from_statuses(
        run.diagnoses.iter().map(|d| d.status),
    ))
}
