//! Names that mean nothing to integrate: a table or field of the config file the catalog does
//! not know (a typo, a removed provider, an alias used as a table name) and an
//! `INTEGRATE_<X>_<Y>` variable that names no provider field. Each is reported with where it is
//! and the closest valid name (spec, "The portal config file" and "Environment"), never
//! silently ignored: a CI job whose `INTEGRATE_TELEGRAM_BOTTOKEN` goes unread must hear why.

use std::fmt;
use std::sync::OnceLock;

use super::ConfigFile;
use crate::catalog::{self, Provider, schema::COMMON_FIELDS, schema::env_var};

/// Variables integrate itself reads that are not provider fields.
const TOOL_VARIABLES: [&str; 3] = [
    "INTEGRATE_CONFIG",
    "INTEGRATE_DOCSPACE_TOKEN",
    "INTEGRATE_LOG",
];

/// Top-level tables and their keys, besides `[providers.<id>]`.
const TABLES: [(&str, &[&str]); 2] = [
    ("portal", &["kind", "url", "redirect_uri"]),
    ("defaults", &["secrets"]),
];

/// Below this similarity a suggestion would be a guess, not a correction.
const CLOSE_ENOUGH: f64 = 0.8;

/// One unknown name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unknown {
    /// The provider the name belongs to, when it is inside its table or starts with its prefix.
    pub provider: Option<&'static str>,
    /// What the name is, as the user wrote it, e.g. "`bot_tokn` in [providers.telegram]".
    pub what: String,
    /// The closest valid spelling, when one is close enough.
    pub suggestion: Option<String>,
    /// `file:line`, or "environment".
    pub location: String,
}

impl fmt::Display for Unknown {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.location, self.what)?;
        match &self.suggestion {
            Some(name) => write!(f, "; did you mean {name}?"),
            None => write!(f, "; it is ignored"),
        }
    }
}

/// The closest of `candidates` to `written`, if it is close enough. Separators do not count:
/// `BOTTOKEN` is `BOT_TOKEN` mistyped, not a different word.
pub fn closest<'a>(
    written: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    let bare = |s: &str| -> String {
        s.chars()
            .filter(|c| !matches!(c, '_' | '-' | '.'))
            .flat_map(char::to_lowercase)
            .collect()
    };
    let written_bare = bare(written);
    candidates
        .into_iter()
        .map(|c| {
            let score = strsim::jaro_winkler(&written.to_lowercase(), &c.to_lowercase())
                .max(strsim::jaro_winkler(&written_bare, &bare(c)));
            (c, score)
        })
        .filter(|(_, score)| *score >= CLOSE_ENOUGH)
        .max_by(|a, b| a.1.total_cmp(&b.1))
        .map(|(c, _)| c)
}

fn field_names(provider: &Provider) -> impl Iterator<Item = &str> {
    provider
        .fields
        .iter()
        .map(|f| f.name.as_str())
        .chain(COMMON_FIELDS)
}

/// Every unknown table and field of the file, in file order.
pub fn in_file(config: &ConfigFile) -> Vec<Unknown> {
    if !config.exists {
        return Vec::new();
    }
    // The parsed document drops spans; the same text parsed immutably keeps them.
    let text = config.doc.to_string();
    let Ok(doc) = toml_edit::Document::parse(text.as_str()) else {
        return Vec::new();
    };
    let path = config.path.display().to_string();
    let at = |span: Option<std::ops::Range<usize>>| -> String {
        let line = span.map(|s| super::file::line_col(&text, s.start).0);
        match line {
            Some(line) => format!("{path}:{line}"),
            None => path.clone(),
        }
    };
    let mut out = Vec::new();
    let top_names: Vec<&str> = TABLES
        .iter()
        .map(|(name, _)| *name)
        .chain(["providers"])
        .collect();
    for (key, item) in doc.as_table().iter() {
        let key_span = doc.as_table().key(key).and_then(|k| k.span());
        if key == "providers" {
            let Some(providers) = item.as_table_like() else {
                continue;
            };
            for (id, table) in providers.iter() {
                let span = providers.key(id).and_then(|k| k.span());
                // Only this table's provider is parsed: `check s3` reads one catalog entry
                // per table in the file, not the whole catalog.
                match catalog::find(id).filter(|p| p.id == id) {
                    Some(provider) => out.extend(provider_fields(provider, table, &at)),
                    None => {
                        let suggestion = catalog::find(id)
                            .map(|p| p.id.as_str())
                            .or_else(|| closest(id, catalog::all().iter().map(|p| p.id.as_str())));
                        let alias = catalog::find(id).is_some();
                        out.push(Unknown {
                            provider: None,
                            what: if alias {
                                format!("[providers.{id}] uses an alias; tables are named by the provider's id")
                            } else {
                                format!("[providers.{id}] is not a provider integrate knows")
                            },
                            suggestion: suggestion.map(|s| format!("[providers.{s}]")),
                            location: at(span),
                        });
                    }
                }
            }
            continue;
        }
        let Some((_, keys)) = TABLES.iter().find(|(name, _)| *name == key) else {
            out.push(Unknown {
                provider: None,
                what: format!("[{key}] is not a table integrate knows"),
                suggestion: closest(key, top_names.iter().copied()).map(|s| format!("[{s}]")),
                location: at(key_span),
            });
            continue;
        };
        if let Some(table) = item.as_table_like() {
            for (name, _) in table.iter() {
                if keys.contains(&name) {
                    continue;
                }
                out.push(Unknown {
                    provider: None,
                    what: format!("`{name}` is not a field of [{key}]"),
                    suggestion: closest(name, keys.iter().copied()).map(|s| format!("`{s}`")),
                    location: at(table.key(name).and_then(|k| k.span())),
                });
            }
        }
    }
    out
}

fn provider_fields(
    provider: &'static Provider,
    table: &toml_edit::Item,
    at: &dyn Fn(Option<std::ops::Range<usize>>) -> String,
) -> Vec<Unknown> {
    let Some(table) = table.as_table_like() else {
        return Vec::new();
    };
    table
        .iter()
        .filter(|(name, _)| field_names(provider).all(|f| f != *name))
        .map(|(name, _)| Unknown {
            provider: Some(provider.id.as_str()),
            what: format!("`{name}` is not a field of [providers.{}]", provider.id),
            suggestion: closest(name, field_names(provider)).map(|s| format!("`{s}`")),
            location: at(table.key(name).and_then(|k| k.span())),
        })
        .collect()
}

/// Every `INTEGRATE_*` variable that names no provider field, sorted by name.
pub fn in_environment() -> &'static [Unknown] {
    static FOUND: OnceLock<Vec<Unknown>> = OnceLock::new();
    FOUND.get_or_init(|| {
        let mut names: Vec<String> = std::env::vars_os()
            .filter_map(|(k, _)| k.into_string().ok())
            .filter(|k| k.starts_with("INTEGRATE_") && !TOOL_VARIABLES.contains(&k.as_str()))
            .collect();
        names.sort();
        names
            .iter()
            .filter_map(|name| unknown_variable(name))
            .collect()
    })
}

fn unknown_variable(name: &str) -> Option<Unknown> {
    let all = catalog::all();
    let valid = |p: &Provider| field_names(p).any(|f| env_var(&p.id, f) == name);
    if all.iter().any(valid) {
        return None;
    }
    // Which provider it was meant for: the longest id or alias its name starts with.
    let owner = all
        .iter()
        .flat_map(|p| {
            std::iter::once(p.id.as_str())
                .chain(p.aliases.iter().map(String::as_str))
                .map(move |n| (p, n))
        })
        .filter(|(_, n)| name.starts_with(&env_var(n, "")))
        .max_by_key(|(_, n)| n.len());
    let suggestion = match owner {
        Some((provider, written_id)) => {
            let field = &name[env_var(written_id, "").len()..];
            let names: Vec<String> = field_names(provider)
                .map(|f| env_var(&provider.id, f))
                .collect();
            let exact = env_var(&provider.id, field);
            if names.contains(&exact) {
                Some(exact)
            } else {
                closest(
                    &env_var(&provider.id, field),
                    names.iter().map(String::as_str),
                )
                .map(str::to_string)
            }
        }
        None => {
            let names: Vec<String> = all
                .iter()
                .flat_map(|p| {
                    field_names(p)
                        .map(|f| env_var(&p.id, f))
                        .collect::<Vec<_>>()
                })
                .collect();
            closest(name, names.iter().map(String::as_str)).map(str::to_string)
        }
    };
    Some(Unknown {
        provider: owner.map(|(p, _)| p.id.as_str()),
        what: format!("{name} names no provider field"),
        suggestion,
        location: "environment".into(),
    })
}
