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
        let Some(providers) = doc.get_mut("providers").and_then(|p| p.as_table_mut()) else {
            return Ok(((), false));
        };
        let Some(removed) = providers.remove(&provider.id) else {
            return Ok(((), false));
        };
        // toml_edit hangs the comments above a table header on that table. A block separated
        // from the header by a blank line is about the file, not this provider: keep it.
        let prefix = removed
            .as_table()
            .and_then(|t| t.decor().prefix())
            .and_then(|p| p.as_str())
            .unwrap_or("")
            .to_string();
        if let Some(cut) = prefix.rfind("\n\n") {
            let kept = &prefix[..cut + 1];
            keep_comment(doc, kept);
        } else if prefix.trim_start().starts_with('#')
            && !prefix.trim().is_empty()
            && is_first_table(&app.config_path, &provider.id)
        {
            keep_comment(doc, &prefix);
        }
        Ok(((), true))
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

/// Puts `comment` in front of the first table left in the document.
fn keep_comment(doc: &mut toml_edit::DocumentMut, comment: &str) {
    if comment.trim().is_empty() {
        return;
    }
    let mut placed = false;
    for (_, item) in doc.iter_mut() {
        if let Some(table) = item.as_table_mut() {
            if table.is_implicit() {
                for (_, inner) in table.iter_mut() {
                    if let Some(t) = inner.as_table_mut() {
                        let old = t
                            .decor()
                            .prefix()
                            .and_then(|p| p.as_str())
                            .unwrap_or("")
                            .to_string();
                        t.decor_mut().set_prefix(format!("{comment}{old}"));
                        placed = true;
                        break;
                    }
                }
            } else {
                let old = table
                    .decor()
                    .prefix()
                    .and_then(|p| p.as_str())
                    .unwrap_or("")
                    .to_string();
                table.decor_mut().set_prefix(format!("{comment}{old}"));
                placed = true;
            }
        }
        if placed {
            return;
        }
    }
    let trailing = doc.trailing().as_str().unwrap_or("").to_string();
    doc.set_trailing(format!("{comment}{trailing}"));
}

/// Whether `[providers.<id>]` is the first table of the file, so that a comment above it is
/// the file's opening comment.
fn is_first_table(path: &std::path::Path, id: &str) -> bool {
    let text = std::fs::read_to_string(path).unwrap_or_default();
    text.lines()
        .map(str::trim)
        .find(|l| l.starts_with('['))
        .is_some_and(|l| l.trim_matches(|c| c == '[' || c == ']') == format!("providers.{id}"))
}
