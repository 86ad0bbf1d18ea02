//! `integrate import workspace|docspace FILE [--secrets file|keyring]`: reads the keys an
//! existing portal file holds into the integrate config, so `integrate check` can test them at
//! once. Values are copied as the portal has them; a value integrate would refuse from `add` is
//! still imported (it is what the portal uses) and flagged, so `check` can say what is wrong.

use std::collections::BTreeMap;

use anyhow::Result;

use super::App;
use crate::catalog::validate;
use crate::cli::ImportArgs;
use crate::config::save;
use crate::exit::{ExitStatus, usage};
use crate::output;
use crate::portal;
use crate::redact;

pub fn exec(app: &App, args: ImportArgs) -> Result<ExitStatus> {
    let path = &args.file;
    let text = crate::files::read_text(path, crate::files::DOCUMENT_LIMIT)
        .map_err(|e| usage(format!("cannot read {}: {e}", path.display())))?;
    let parsed = portal::parse(args.generation, path, text)?;
    let found = portal::imported(&parsed, args.generation);
    if found.is_empty() {
        output::note(&format!(
            "{} holds no keys for any provider integrate knows; nothing was imported.",
            path.display()
        ));
        return Ok(ExitStatus::Success);
    }
    for item in &found {
        for field in item.provider.secret_fields() {
            if let Some(value) = item.values.get(&field.name) {
                redact::register(value);
            }
        }
    }
    let config = app.load_config_to_write()?;
    let mut imported = Vec::new();
    for item in &found {
        let provider = item.provider;
        let (_, errors) = validate::check_all(
            provider,
            item.values.iter().map(|(k, v)| (k.as_str(), v.as_str())),
        );
        for error in &errors {
            output::warn(&format!(
                "{}: {error} (imported as the portal has it; `integrate check` will tell more)",
                provider.id
            ));
        }
        if !item.missing.is_empty() {
            output::warn(&format!(
                "{}: the file leaves {} empty; set it with `integrate add {}`",
                provider.id,
                item.missing.join(", "),
                provider.id
            ));
        }
        let values: BTreeMap<String, String> = item.values.clone();
        save::save(
            &app.config_path,
            provider,
            &config,
            &values,
            &values,
            args.secrets,
        )?;
        let fields: Vec<&str> = values.keys().map(String::as_str).collect();
        imported.push(format!("{} ({})", provider.id, fields.join(", ")));
    }
    output::println(&format!(
        "Imported from {} into {}:\n  {}",
        path.display(),
        app.config_path.display(),
        imported.join("\n  ")
    ));
    output::note("Run `integrate check` to verify them.");
    Ok(ExitStatus::Success)
}
