//! Turns the file, the keyring and the environment into one set of values per provider, each
//! with where it came from. The environment wins over the file (spec, "Environment").

use std::collections::BTreeMap;

use super::file::ConfigFile;
use super::keyring;
use super::lint::{self, Unknown};
use super::secret::SecretRef;
use crate::catalog::{self, Provider, schema::env_var};
use crate::{files, redact};

/// Where a value came from, as `config show` and `report` print it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    File,
    Keyring(String),
    Env(String),
    Default,
}

impl Source {
    pub fn describe(&self) -> String {
        match self {
            Source::File => "file".into(),
            Source::Keyring(name) => format!("keyring ({}/{name})", keyring::SERVICE),
            Source::Env(var) => format!("environment (${var})"),
            Source::Default => "default".into(),
        }
    }

    pub fn kind(&self) -> &'static str {
        match self {
            Source::File => "file",
            Source::Keyring(_) => "keyring",
            Source::Env(_) => "environment",
            Source::Default => "default",
        }
    }
}

#[derive(Debug, Clone)]
pub struct Value {
    pub text: String,
    pub source: Source,
}

/// One provider's values, ready for validation and checks.
#[derive(Debug, Clone)]
pub struct ResolvedProvider {
    pub provider: &'static Provider,
    pub values: BTreeMap<String, Value>,
    /// Values that could not be read (a keyring entry missing, an env reference unset), with why.
    pub problems: Vec<String>,
    pub enabled: bool,
    /// Whether `[providers.<id>]` exists in the file.
    pub in_file: bool,
    /// Names meant for this provider that match none of its fields (a typo in the file or in
    /// an `INTEGRATE_*` variable), with the closest valid name.
    pub unknown: Vec<Unknown>,
}

impl ResolvedProvider {
    pub fn get(&self, field: &str) -> Option<&str> {
        self.values.get(field).map(|v| v.text.as_str())
    }

    /// Required fields with no value.
    pub fn missing(&self) -> Vec<&'static str> {
        self.provider
            .fields
            .iter()
            .filter(|f| f.required && !self.values.contains_key(&f.name))
            .map(|f| f.name.as_str())
            .collect()
    }

    /// The user set something for this provider: a table in the file, a value from the
    /// environment, or a name meant for it that integrate does not know.
    pub fn present(&self) -> bool {
        self.in_file
            || self.values.values().any(|v| v.source != Source::Default)
            || !self.unknown.is_empty()
    }

    /// Every required field has a value, from any source.
    pub fn configured(&self) -> bool {
        self.missing().is_empty()
            && (self.in_file || self.values.values().any(|v| v.source != Source::Default))
    }

    pub fn endpoint(&self) -> Option<&str> {
        self.get("endpoint")
    }
}

/// The `[portal]` table.
#[derive(Debug, Clone)]
pub struct Portal {
    pub url: Option<String>,
    /// `[portal] kind`, when set.
    pub kind: Option<PortalKind>,
    pub redirect_uri: String,
    /// Why `redirect_uri` is what it is (`guide` says so).
    pub redirect_from: RedirectFrom,
}

/// The portal generation the user targets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PortalKind {
    Workspace,
    DocSpace,
}

impl PortalKind {
    /// The relay each generation ships as its `*RedirectUrl` default: Workspace's
    /// `web.consumers.config` and DocSpace's `autofac.consumers.json` (portal-parity.md).
    pub fn default_redirect_uri(self) -> &'static str {
        match self {
            PortalKind::Workspace => WORKSPACE_REDIRECT_URI,
            PortalKind::DocSpace => DOCSPACE_REDIRECT_URI,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            PortalKind::Workspace => "Workspace",
            PortalKind::DocSpace => "DocSpace",
        }
    }

    /// As `[portal] kind` spells it.
    pub fn as_str(self) -> &'static str {
        match self {
            PortalKind::Workspace => "workspace",
            PortalKind::DocSpace => "docspace",
        }
    }
}

/// Where the redirect URI came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RedirectFrom {
    /// `[portal] redirect_uri`.
    Config,
    /// The default of `[portal] kind`.
    Kind(PortalKind),
    /// No kind and no URI: Workspace's default, the one the help article gives.
    Default,
}

pub const WORKSPACE_REDIRECT_URI: &str = "https://service.onlyoffice.com/oauth2.aspx";
pub const DOCSPACE_REDIRECT_URI: &str = "https://service.teamlab.info/oauth2.aspx";
/// Without `[portal] kind`: Workspace's, which is also what the help article tells admins.
pub const DEFAULT_REDIRECT_URI: &str = WORKSPACE_REDIRECT_URI;

/// Reads `[portal]`. A `kind` that names no portal generation is an error naming the file.
pub fn portal(config: &ConfigFile) -> anyhow::Result<Portal> {
    let table = config.doc.get("portal").and_then(|t| t.as_table_like());
    let get = |key: &str| {
        table
            .and_then(|t| t.get(key))
            .and_then(|v| v.as_str())
            .map(str::to_string)
            .filter(|s| !s.is_empty())
    };
    let kind = match table.and_then(|t| t.get("kind")) {
        None => None,
        Some(value) => match value.as_str().map(|s| s.trim().to_ascii_lowercase()) {
            Some(s) if s == "workspace" => Some(PortalKind::Workspace),
            Some(s) if s == "docspace" => Some(PortalKind::DocSpace),
            _ => {
                return Err(crate::exit::usage(format!(
                    "{}: [portal] kind = {} is not a portal kind; write kind = \"workspace\" or kind = \"docspace\"",
                    config.path.display(),
                    value.to_string().trim()
                )));
            }
        },
    };
    let (redirect_uri, redirect_from) = match (get("redirect_uri"), kind) {
        (Some(uri), _) => (uri, RedirectFrom::Config),
        (None, Some(kind)) => (kind.default_redirect_uri().into(), RedirectFrom::Kind(kind)),
        (None, None) => (DEFAULT_REDIRECT_URI.into(), RedirectFrom::Default),
    };
    Ok(Portal {
        url: get("url"),
        kind,
        redirect_uri,
        redirect_from,
    })
}

/// Resolves one provider. Secrets read here are registered with the redactor at once.
pub fn resolve(config: &ConfigFile, provider: &'static Provider) -> ResolvedProvider {
    resolve_with(config, provider, &lint::in_file(config))
}

/// [`resolve`], with the file's unknown names already found.
fn resolve_with(
    config: &ConfigFile,
    provider: &'static Provider,
    unknown_in_file: &[Unknown],
) -> ResolvedProvider {
    let unknown: Vec<Unknown> = unknown_in_file
        .iter()
        .chain(lint::in_environment())
        .filter(|u| u.provider == Some(provider.id.as_str()))
        .cloned()
        .collect();
    let table = config.provider_table(&provider.id);
    let mut values = BTreeMap::new();
    let mut problems = Vec::new();
    let field_names = provider
        .fields
        .iter()
        .map(|f| (f.name.as_str(), f.secret))
        .chain(catalog::schema::COMMON_FIELDS.iter().map(|n| (*n, false)));
    for (name, secret) in field_names {
        let var = env_var(&provider.id, name);
        let mut accept = |text: String, source: Source| {
            if text.len() as u64 > files::VALUE_LIMIT {
                // Never read into the redactor or a check: a value this size is an attack or
                // an accident, and redacting or sending it would cost more than refusing it.
                problems.push(format!(
                    "`{name}` ({}) is larger than {}, the most a value may hold; it was not used",
                    source.describe(),
                    files::describe(files::VALUE_LIMIT)
                ));
                return;
            }
            if secret || matches!(source, Source::Keyring(_)) {
                redact::register(&text);
            }
            values.insert(name.to_string(), Value { text, source });
        };
        if let Some(value) = std::env::var(&var).ok().filter(|v| !v.is_empty()) {
            accept(value, Source::Env(var));
            continue;
        }
        let Some(item) = table.and_then(|t| t.get(name)) else {
            continue;
        };
        match SecretRef::from_item(item) {
            Ok(SecretRef::Inline(text)) => accept(text, Source::File),
            Ok(SecretRef::Env(var)) => match std::env::var(&var) {
                Ok(text) if !text.is_empty() => accept(text, Source::Env(var)),
                _ => problems.push(format!("`{name}` refers to the environment variable {var}, which is not set")),
            },
            Ok(SecretRef::Keyring(entry)) => match keyring::get(&entry) {
                Ok(Some(text)) => accept(text, Source::Keyring(entry)),
                Ok(None) => problems.push(format!(
                    "`{name}` refers to the keyring entry {}/{entry}, which does not exist; run `integrate add {}` again",
                    keyring::SERVICE, provider.id
                )),
                Err(e) => problems.push(format!("`{name}`: {e}")),
            },
            Err(shape) => problems.push(format!(
                "{}: [providers.{}] `{name}` {shape}",
                config.path.display(),
                provider.id
            )),
        }
    }
    if let Some(endpoint) = values.get("endpoint") {
        // Refused by validation, but its credentials must not show up in the refusal either.
        redact::register_userinfo(&endpoint.text);
    }
    for field in &provider.fields {
        if let (Some(default), false) = (&field.default, values.contains_key(&field.name)) {
            values.insert(
                field.name.clone(),
                Value {
                    text: default.clone(),
                    source: Source::Default,
                },
            );
        }
    }
    let enabled = values
        .get("enabled")
        .and_then(|v| catalog::validate::parse_bool(&v.text))
        .unwrap_or(true);
    ResolvedProvider {
        provider,
        values,
        problems,
        enabled,
        in_file: table.is_some(),
        unknown,
    }
}

/// Every provider, resolved, in catalog order.
pub fn resolve_all(config: &ConfigFile) -> Vec<ResolvedProvider> {
    let unknown = lint::in_file(config);
    catalog::all()
        .iter()
        .map(|p| resolve_with(config, p, &unknown))
        .collect()
}

/// The values as the check sees them, before anything is saved.
pub fn candidate(
    provider: &'static Provider,
    values: &BTreeMap<String, String>,
) -> ResolvedProvider {
    let mut resolved = ResolvedProvider {
        provider,
        values: BTreeMap::new(),
        problems: Vec::new(),
        enabled: true,
        in_file: true,
        unknown: Vec::new(),
    };
    for (k, v) in values {
        resolved.values.insert(
            k.clone(),
            Value {
                text: v.clone(),
                source: Source::File,
            },
        );
    }
    for field in &provider.fields {
        if let (Some(default), false) = (&field.default, resolved.values.contains_key(&field.name))
        {
            resolved.values.insert(
                field.name.clone(),
                Value {
                    text: default.clone(),
                    source: Source::Default,
                },
            );
        }
    }
    resolved
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config(text: &str) -> ConfigFile {
        let path = std::path::PathBuf::from("/etc/integrate.toml");
        ConfigFile {
            doc: super::super::file::parse(&path, text).unwrap(),
            path,
            exists: true,
        }
    }

    #[test]
    fn redirect_uri_follows_the_portal_kind() {
        let p = portal(&config("")).unwrap();
        assert_eq!(p.redirect_uri, WORKSPACE_REDIRECT_URI);
        assert_eq!(p.redirect_from, RedirectFrom::Default);
        let p = portal(&config("[portal]\nkind = \"docspace\"\n")).unwrap();
        assert_eq!(p.redirect_uri, "https://service.teamlab.info/oauth2.aspx");
        assert_eq!(p.redirect_from, RedirectFrom::Kind(PortalKind::DocSpace));
        let p = portal(&config("[portal]\nkind = \"Workspace\"\n")).unwrap();
        assert_eq!(p.redirect_uri, "https://service.onlyoffice.com/oauth2.aspx");
        assert_eq!(p.kind, Some(PortalKind::Workspace));
        // An explicit URI wins over the kind's default.
        let p = portal(&config(
            "[portal]\nkind = \"docspace\"\nredirect_uri = \"https://relay.example.org/oauth2.aspx\"\n",
        ))
        .unwrap();
        assert_eq!(p.redirect_uri, "https://relay.example.org/oauth2.aspx");
        assert_eq!(p.redirect_from, RedirectFrom::Config);
    }

    #[test]
    fn an_unknown_kind_is_an_error_naming_the_file_and_the_choices() {
        for bad in ["\"cloud\"", "1", "\"\""] {
            let err = portal(&config(&format!("[portal]\nkind = {bad}\n")))
                .unwrap_err()
                .to_string();
            assert!(
                err.contains("/etc/integrate.toml")
                    && err.contains("[portal] kind")
                    && err.contains("\"docspace\""),
                "{err}"
            );
        }
    }
}
