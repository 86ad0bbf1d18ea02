//! `integrate doctor [ID...]`: each provider's path diagnosed layer by layer, then its live
//! check and the portal findings (the logic is in [`crate::doctor`]). The exit code is the
//! spec's, from the provider statuses.

use anyhow::Result;

use super::App;
use super::check::parse_timeout;
use crate::catalog;
use crate::cli::{DoctorArgs, Format};
use crate::config::{ResolvedProvider, resolve};
use crate::doctor::portal::{self, PortalContext};
use crate::doctor::tls::TlsSetup;
use crate::doctor::{self, Diagnosis, Finding};
use crate::exit::{ExitStatus, usage};
use crate::output::{self, doctor as render};

pub fn exec(app: &App, args: DoctorArgs) -> Result<ExitStatus> {
    if !matches!(app.global.format, Format::Text | Format::Json) {
        return Err(usage("`integrate doctor` prints text or json"));
    }
    let run = diagnose(app, &args.ids, args.timeout, &args.portal_file)?;
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

/// One doctor run: a diagnosis per provider and the findings about the setup as a whole.
pub struct Run {
    pub diagnoses: Vec<Diagnosis>,
    pub global: Vec<Finding>,
}

/// Diagnoses `ids`, or every configured provider (enabled or not: support wants to see all).
pub fn diagnose(
    app: &App,
    ids: &[String],
    timeout: f64,
    portal_files: &[std::path::PathBuf],
) -> Result<Run> {
    let timeout = parse_timeout(timeout)?;
    let config = app.load_config()?;
    let selected = select(app, &config, ids)?;
    let http = app.http()?;
    let tls = TlsSetup::new(app.global.ca_file.as_deref())?;
    let ctx = PortalContext::load(resolve::portal(&config), &app.config_path, portal_files);
    let options = doctor::Options {
        client: http.client(),
        tls: &tls,
        timeout,
        portal: &ctx,
    };
    if !selected.is_empty() && output::stderr_is_terminal() && app.global.format == Format::Text {
        output::note(&format!("Diagnosing {} provider(s)…", selected.len()));
    }
    let diagnoses = app.block_on(doctor::diagnose_all(&options, &selected))?;
    Ok(Run {
        diagnoses,
        global: portal::global(&ctx),
    })
}

fn select(
    app: &App,
    config: &crate::config::ConfigFile,
    ids: &[String],
) -> Result<Vec<ResolvedProvider>> {
    if ids.is_empty() {
        return Ok(resolve::resolve_all(config)
            .into_iter()
            .filter(|r| r.in_file || r.configured())
            .collect());
    }
    let mut list: Vec<ResolvedProvider> = Vec::new();
    for id in ids {
        let provider = catalog::lookup(id)?;
        if list.iter().any(|r| r.provider.id == provider.id) {
            continue;
        }
        let resolved = resolve::resolve(config, provider);
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
    Ok(list)
}
