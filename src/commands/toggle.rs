//! `integrate remove`, `integrate enable`, `integrate disable`.

use anyhow::Result;

use super::App;
use crate::catalog;
use crate::config::{SecretRef, file, keyring, resolve};
use crate::exit::{ExitStatus, usage};
use crate::output;

pub fn remove(app: &App, id: &str) -> Result<ExitStatus> {
    let provider = catalog::lookup(id)?;
    let config = app.load_config()?;
    let Some(table) = config.provider_table(&provider.id) else {
        return Err(usage(format!(
            "{} is not in {}; nothing to remove",
            provider.id,
            app.config_path.display()
        )));
    };
    // Keyring entries go first: if the keyring refuses, the file still points at them.
    let entries: Vec<String> = table
        .iter()
        .filter_map(|(_, item)| match SecretRef::from_item(item) {
            Ok(SecretRef::Keyring(name)) => Some(name),
            _ => None,
        })
        .collect();
    for entry in &entries {
        keyring::delete(entry)?;
    }
    file::update(&app.config_path, |doc| {
        let removed = doc
            .get_mut("providers")
            .and_then(|p| p.as_table_mut())
            .and_then(|p| p.remove(&provider.id))
            .is_some();
        Ok(((), removed))
    })?;
    let extra = if entries.is_empty() {
        String::new()
    } else {
        format!(
            " and {} keyring entr{}",
            entries.len(),
            if entries.len() == 1 { "y" } else { "ies" }
        )
    };
    output::note(&format!(
        "Removed {}{extra} from {}.",
        provider.id,
        app.config_path.display()
    ));
    Ok(ExitStatus::Success)
}

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
    file::update(&app.config_path, |doc| {
        let providers = doc
            .entry("providers")
            .or_insert_with(toml_edit::table)
            .as_table_mut()
            .ok_or_else(|| usage("`providers` in the config file is not a table"))?;
        providers.set_implicit(true);
        let table = providers
            .entry(&provider.id)
            .or_insert_with(toml_edit::table)
            .as_table_mut()
            .ok_or_else(|| {
                usage(format!(
                    "`providers.{}` in the config file is not a table",
                    provider.id
                ))
            })?;
        let before = table.get("enabled").and_then(|v| v.as_bool());
        table.insert("enabled", toml_edit::value(enabled));
        Ok(((), before != Some(enabled)))
    })?;
    let word = if enabled { "Enabled" } else { "Disabled" };
    output::note(&format!("{word} {}.", provider.id));
    Ok(ExitStatus::Success)
}
