//! Saving one provider's values to the config file and the keyring, shared by `add` and
//! `import`. Keyring writes happen before the file is touched, so a keyring failure leaves the
//! file exactly as it was; nothing ever falls back from the keyring to the file.

use std::collections::BTreeMap;
use std::path::Path;

use anyhow::Result;

use super::secret::keyring_name;
use super::{ConfigFile, SecretRef, file, keyring};
use crate::catalog::{Kind, Provider, validate};
use crate::exit::usage;

/// Where `add` and `import` put secret fields (`--secrets`, `[defaults] secrets`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum SecretsStore {
    /// In the config file (kept 0600)
    File,
    /// In the OS keyring, service `integrate`
    Keyring,
}

fn default_store(config: &ConfigFile) -> SecretsStore {
    match config
        .doc
        .get("defaults")
        .and_then(|d| d.get("secrets"))
        .and_then(|s| s.as_str())
    {
        Some("keyring") => SecretsStore::Keyring,
        _ => SecretsStore::File,
    }
}

/// Saves `values` of `provider`; only the fields named in `values` are touched, and `given`
/// says which of them are new (an unchanged `{ env = .. }` reference stays a reference).
/// Secrets go where `explicit` says, else where they already are, else to `[defaults] secrets`,
/// else to the file. Returns whether the keyring was written.
pub fn save(
    config_path: &Path,
    provider: &Provider,
    config: &ConfigFile,
    values: &BTreeMap<String, String>,
    given: &BTreeMap<String, String>,
    explicit: Option<SecretsStore>,
) -> Result<bool> {
    let table = config.provider_table(&provider.id);
    let fallback = default_store(config);
    // Decide each field's entry first; keyring writes happen before the file is touched, so a
    // keyring failure leaves the file exactly as it was.
    let mut entries: Vec<(String, SecretRef)> = Vec::new();
    let mut keyring_writes: Vec<(String, String)> = Vec::new();
    for (name, value) in values {
        let secret = provider.field(name).is_some_and(|f| f.secret);
        let previous = table
            .and_then(|t| t.get(name))
            .and_then(|item| SecretRef::from_item(item).ok());
        let changed = given.contains_key(name);
        let entry = if !secret {
            match (&previous, changed) {
                (Some(SecretRef::Env(var)), false) => SecretRef::Env(var.clone()),
                _ => SecretRef::Inline(value.clone()),
            }
        } else {
            let store = explicit.unwrap_or(match &previous {
                Some(SecretRef::Keyring(_)) => SecretsStore::Keyring,
                Some(SecretRef::Inline(_)) => SecretsStore::File,
                _ => fallback,
            });
            match (&previous, changed, store) {
                (Some(SecretRef::Env(var)), false, _) if explicit.is_none() => {
                    SecretRef::Env(var.clone())
                }
                (_, _, SecretsStore::File) => SecretRef::Inline(value.clone()),
                (_, _, SecretsStore::Keyring) => {
                    let key = match &previous {
                        Some(SecretRef::Keyring(k)) => k.clone(),
                        _ => keyring_name(&provider.id, name),
                    };
                    keyring_writes.push((key.clone(), value.clone()));
                    SecretRef::Keyring(key)
                }
            }
        };
        entries.push((name.clone(), entry));
    }
    for (key, value) in &keyring_writes {
        keyring::set(key, value).map_err(|e| usage(format!("{e}; nothing was saved")))?;
    }
    file::update(config_path, |doc| {
        let providers = doc
            .entry("providers")
            .or_insert_with(toml_edit::table)
            .as_table_mut()
            .ok_or_else(|| {
                usage(format!(
                    "{}: `providers` is not a table",
                    config_path.display()
                ))
            })?;
        providers.set_implicit(true);
        let table = providers
            .entry(&provider.id)
            .or_insert_with(toml_edit::table)
            .as_table_mut()
            .ok_or_else(|| {
                usage(format!(
                    "{}: `providers.{}` is not a table",
                    config_path.display(),
                    provider.id
                ))
            })?;
        let mut changed = false;
        for (name, entry) in &entries {
            let old = table.get(name).and_then(|i| SecretRef::from_item(i).ok());
            if old.as_ref() == Some(entry) {
                continue;
            }
            changed = true;
            let item = if name == "enabled"
                || provider.field(name).is_some_and(|f| f.kind == Kind::Bool)
            {
                match (
                    entry,
                    validate::parse_bool(values.get(name).map(String::as_str).unwrap_or("")),
                ) {
                    (SecretRef::Inline(_), Some(b)) => toml_edit::value(b),
                    _ => entry.to_item(),
                }
            } else {
                entry.to_item()
            };
            // Keep a comment the user wrote after the old value.
            let decor = table
                .get(name)
                .and_then(|i| i.as_value())
                .map(|v| v.decor().clone());
            table.insert(name, item);
            if let (Some(decor), Some(value)) =
                (decor, table.get_mut(name).and_then(|i| i.as_value_mut()))
            {
                *value.decor_mut() = decor;
            }
        }
        Ok(((), changed))
    })?;
    Ok(!keyring_writes.is_empty())
}
