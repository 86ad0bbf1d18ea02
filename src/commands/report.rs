//! `integrate report [--output FILE]`: a support bundle to attach to a ticket: tool version,
//! OS, the relevant environment (names, and proxies without credentials), the config with every
//! secret masked to its last 4 characters and the source of each value, and the doctor results
//! with every layer and timing. Markdown by default, one JSON document with `--format json`.
//!
//! It must hold no secret: values are masked as in `config show`, and the finished text passes
//! the redactor once more before it is printed or written (0600, atomically).

use anyhow::Result;

use super::App;
use crate::cli::{Format, ReportArgs};
use crate::config::{self, Scope};
use crate::doctor::session::{self, Setup};
use crate::exit::{ExitStatus, usage};
use crate::output::{self, doctor as render, report};
use crate::redact;

pub fn exec(app: &App, args: ReportArgs) -> Result<ExitStatus> {
    crate::config::keyring::set_timeout(args.timeout);
    if !matches!(app.global.format, Format::Text | Format::Json) {
        return Err(usage("`integrate report` writes text (markdown) or json"));
    }
    if let Some(path) = &args.output
        && !args.force
        && std::fs::symlink_metadata(path).is_ok()
    {
        // Checked before the diagnosis, which takes a while: say it at once.
        return Err(usage(format!(
            "{} already exists; add --force to replace it (nothing was written)",
            path.display()
        )));
    }
    let config = app.load_config()?;
    let selected = config::select(&config, &[], Scope::Present)?;
    let http = app.http()?;
    let setup = Setup {
        client: http.client(),
        ca_file: app.global.ca_file.as_deref(),
        timeout: args.timeout,
        portal_files: &args.portal_file,
        warn_days: crate::check::expiry::DEFAULT_WARN_DAYS,
    };
    let run = app.block_on(session::run(&setup, &config, &selected))??;
    let facts = report::facts(
        &config,
        &selected,
        app.lang,
        app.global.ca_file.as_deref(),
        &run.portal_files,
    );
    let text = match app.global.format {
        Format::Json => {
            let mut doc = facts;
            doc["doctor"] = render::json_body(&run.diagnoses, &run.global);
            serde_json::to_string_pretty(&doc)? + "\n"
        }
        _ => report::markdown(&facts, &run.diagnoses, &run.global),
    };
    // Colour codes never belong in a ticket, and nothing leaves without a last redaction pass.
    let text = redact::scrub(&anstream::adapter::strip_str(&text).to_string());
    match &args.output {
        Some(path) => {
            crate::config::file::write_atomically(path, text.as_bytes())?;
            output::note(&format!(
                "Support report written to {} (readable by you only). Secrets are masked; read it before attaching it to a ticket.",
                path.display()
            ));
        }
        None => output::print(&text),
    }
    Ok(ExitStatus::Success)
}
