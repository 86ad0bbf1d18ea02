//! How a value is written in the config file: a plain string, `{ keyring = "NAME" }` or
//! `{ env = "VAR" }` (spec, "The portal config file").

use toml_edit::{InlineTable, Item, Value};

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SecretRef {
    /// The value itself, stored in the (0600) file.
    Inline(String),
    /// An entry of the OS keyring, service `integrate`, user NAME.
    Keyring(String),
    /// An environment variable read when the value is needed.
    Env(String),
}

impl SecretRef {
    /// Reads a field's entry from the file. `Err` explains what is wrong with its shape.
    pub fn from_item(item: &Item) -> Result<SecretRef, String> {
        if let Some(s) = item.as_str() {
            return Ok(SecretRef::Inline(s.to_string()));
        }
        if let Some(b) = item.as_bool() {
            return Ok(SecretRef::Inline(b.to_string()));
        }
        if let Some(table) = item.as_table_like() {
            let keyring = table.get("keyring").and_then(|v| v.as_str());
            let env = table.get("env").and_then(|v| v.as_str());
            return match (keyring, env, table.len()) {
                (Some(name), None, 1) => Ok(SecretRef::Keyring(name.to_string())),
                (None, Some(var), 1) => Ok(SecretRef::Env(var.to_string())),
                _ => Err("must be a string, { keyring = \"NAME\" } or { env = \"VAR\" }".into()),
            };
        }
        Err("must be a string, { keyring = \"NAME\" } or { env = \"VAR\" }".into())
    }

    pub fn to_item(&self) -> Item {
        match self {
            SecretRef::Inline(s) => toml_edit::value(s.as_str()),
            SecretRef::Keyring(name) => {
                let mut t = InlineTable::new();
                t.insert("keyring", Value::from(name.as_str()));
                Item::Value(Value::InlineTable(t))
            }
            SecretRef::Env(var) => {
                let mut t = InlineTable::new();
                t.insert("env", Value::from(var.as_str()));
                Item::Value(Value::InlineTable(t))
            }
        }
    }
}

/// The keyring entry name for a provider's field, e.g. `twilio/auth_token`.
pub fn keyring_name(provider: &str, field: &str) -> String {
    format!("{provider}/{field}")
}
