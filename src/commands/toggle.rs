//! `integrate enable ID` and `integrate disable ID`: switch a provider on or off without
//! touching its keys.

use anyhow::Result;

use super::App;
use crate::catalog;
use crate::config::{edit, resolve};
use crate::exit::{ExitStatus, usage};
use crate::output;

pub fn set_enabled(app: &App, id: &str, enabled: bool) -> Result<ExitStatus> {
    let provider = catalog::lookup(id)?;
    let config = app.load_config()?;
    let resolved = resolve::resolve(&config, provider);
    if enabled && !resolved.in_file && !resolved.configured() {
        return Err(usage(format!(
            "{} is not configured; run `integrate add {}` first",
            provider.id, provider.id
        )));
    }
    edit::set_enabled(&app.config_path, &provider.id, enabled)?;
    let word = if enabled { "Enabled" } else { "Disabled" };
    output::note(&format!("{word} {}.", provider.id));
    Ok(ExitStatus::Success)
}
