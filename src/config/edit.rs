//! Edits of a whole provider table: removing it (with its keyring entries) and switching it on
//! or off. Both go through [`file::update`], so they keep the user's comments, are atomic and
//! are serialised with other writers.

use std::path::Path;

use anyhow::Result;
use toml_edit::DocumentMut;

use super::{ConfigFile, SecretRef, file, keyring};
use crate::exit::usage;

/// What `remove` did with the keyring entries the table pointed to.
#[derive(Debug, Default)]
pub struct Removed {
    /// Entries deleted from the keyring.
    pub deleted: usize,
    /// Entries the keyring could not delete (unavailable, locked, not answering), with why.
    pub left_behind: Vec<(String, String)>,
}

/// Removes `[providers.<id>]` and the keyring entries it points to, or a usage error when the
/// file has no such table. A keyring that cannot be used does not stop the removal: the file
/// entry goes, and the entries left in the keyring are returned, so they can be named.
pub fn remove_provider(config: &ConfigFile, id: &str) -> Result<Removed> {
    let Some(table) = config.provider_table(id) else {
        return Err(usage(format!(
            "{id} is not in {}; nothing to remove",
            config.path.display()
        )));
    };
    let entries: Vec<String> = table
        .iter()
        .filter_map(|(_, item)| match SecretRef::from_item(item) {
            Ok(SecretRef::Keyring(name)) => Some(name),
            _ => None,
        })
        .collect();
    let mut removed = Removed::default();
    for entry in entries {
        match keyring::delete(&entry) {
            Ok(()) => removed.deleted += 1,
            Err(e) => removed.left_behind.push((entry, format!("{e:#}"))),
        }
    }
    let opening_table = is_first_table(&config.path, id);
    file::update(&config.path, |doc| {
        let Some(providers) = doc.get_mut("providers").and_then(|p| p.as_table_mut()) else {
            return Ok(((), false));
        };
        let Some(removed) = providers.remove(id) else {
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
            keep_comment(doc, &prefix[..cut + 1]);
        } else if prefix.trim_start().starts_with('#') && opening_table {
            keep_comment(doc, &prefix);
        }
        Ok(((), true))
    })?;
    Ok(removed)
}

/// Sets `enabled` in `[providers.<id>]`, creating the table if needed. Returns whether the
/// value changed.
pub fn set_enabled(path: &Path, id: &str, enabled: bool) -> Result<bool> {
    file::update(path, |doc| {
        let providers = doc
            .entry("providers")
            .or_insert_with(toml_edit::table)
            .as_table_mut()
            .ok_or_else(|| usage("`providers` in the config file is not a table"))?;
        providers.set_implicit(true);
        let table = providers
            .entry(id)
            .or_insert_with(toml_edit::table)
            .as_table_mut()
            .ok_or_else(|| {
                usage(format!(
                    "`providers.{id}` in the config file is not a table"
                ))
            })?;
        let before = table.get("enabled").and_then(|v| v.as_bool());
        table.insert("enabled", toml_edit::value(enabled));
        let changed = before != Some(enabled);
        Ok((changed, changed))
    })
}

/// Puts `comment` in front of the first table left in the document.
fn keep_comment(doc: &mut DocumentMut, comment: &str) {
    if comment.trim().is_empty() {
        return;
    }
    for (_, item) in doc.iter_mut() {
        let Some(table) = item.as_table_mut() else {
            continue;
        };
        let target = if table.is_implicit() {
            table.iter_mut().find_map(|(_, inner)| inner.as_table_mut())
        } else {
            Some(table)
        };
        if let Some(target) = target {
            let old = target
                .decor()
                .prefix()
                .and_then(|p| p.as_str())
                .unwrap_or("")
                .to_string();
            target.decor_mut().set_prefix(format!("{comment}{old}"));
            return;
        }
    }
    let trailing = doc.trailing().as_str().unwrap_or("").to_string();
    doc.set_trailing(format!("{comment}{trailing}"));
}

/// Whether `[providers.<id>]` is the first table of the file, so that a comment above it is
/// the file's opening comment.
fn is_first_table(path: &Path, id: &str) -> bool {
    let text = crate::files::read_text(path, crate::files::CONFIG_LIMIT).unwrap_or_default();
    text.lines()
        .map(|l| l.trim().trim_start_matches('\u{feff}'))
        .find(|l| l.starts_with('['))
        .is_some_and(|l| l.trim_matches(|c| c == '[' || c == ']') == format!("providers.{id}"))
}
