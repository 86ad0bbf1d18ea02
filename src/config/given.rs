//! The values a user supplies to `integrate add` without a prompt: `--set FIELD=VALUE`,
//! `--set FIELD=-` (stdin), `--set FIELD=@PATH` (a file) and `--from-env`
//! (`INTEGRATE_<ID>_<FIELD>`). Each is normalised and every secret is registered with the
//! redactor as soon as it is read.

use std::collections::BTreeMap;
use std::path::Path;

use anyhow::Result;

use crate::catalog::{self, Provider, validate};
use crate::exit::usage;
use crate::files;
use crate::redact;

/// `--set` and `--from-env` values, normalised, and the warnings they deserve (a literal secret
/// on the command line is visible to other local users).
pub fn from_flags(
    provider: &Provider,
    set: &[String],
    from_env: bool,
) -> Result<(BTreeMap<String, String>, Vec<String>)> {
    let mut values = BTreeMap::new();
    let mut warnings = Vec::new();
    if from_env {
        for name in provider
            .fields
            .iter()
            .map(|f| f.name.as_str())
            .chain(catalog::schema::COMMON_FIELDS)
        {
            let var = provider.env_var(name);
            if let Ok(value) = std::env::var(&var)
                && !value.is_empty()
            {
                values.insert(name.to_string(), value);
            }
        }
    }
    let mut stdin_used = false;
    for item in set {
        let Some((name, raw)) = item.split_once('=') else {
            return Err(usage(format!(
                "--set {item}: expected FIELD=VALUE, FIELD=- or FIELD=@PATH"
            )));
        };
        let name = name.trim();
        let field = provider.field(name);
        if field.is_none() && !catalog::schema::COMMON_FIELDS.contains(&name) {
            let known: Vec<&str> = provider
                .fields
                .iter()
                .map(|f| f.name.as_str())
                .chain(catalog::schema::COMMON_FIELDS)
                .collect();
            return Err(usage(format!(
                "--set {name}=…: {} has no field `{name}`; its fields are {}",
                provider.id,
                known.join(", ")
            )));
        }
        let secret = field.is_some_and(|f| f.secret);
        let value = if raw == "-" {
            if stdin_used {
                return Err(usage(format!(
                    "--set {name}=-: only one field can be read from stdin"
                )));
            }
            stdin_used = true;
            files::read_stdin(files::VALUE_LIMIT)
                .map_err(|e| usage(format!("--set {name}=-: cannot read stdin: {e}")))?
        } else if let Some(path) = raw.strip_prefix('@') {
            files::read_text(Path::new(path), files::VALUE_LIMIT)
                .map_err(|e| usage(format!("--set {name}=@{path}: cannot read {path}: {e}")))?
        } else {
            if secret {
                redact::register(raw);
                warnings.push(format!(
                    "the secret `{name}` was given on the command line, where other local users can see it (ps, shell history); prefer --set {name}=- (stdin), --set {name}=@FILE or --from-env"
                ));
            }
            raw.to_string()
        };
        let value = match field {
            Some(f) => validate::normalize(f, &value),
            None => value.trim().to_string(),
        };
        if secret {
            redact::register(&value);
        }
        values.insert(name.to_string(), value);
    }
    Ok((values, warnings))
}

/// The usage error for required fields that neither the file, the environment, the flags nor
/// the prompts gave a value: each field, and how to supply it without a terminal.
pub fn missing_error(
    provider: &Provider,
    values: &BTreeMap<String, String>,
    lang: crate::lang::Lang,
) -> Option<anyhow::Error> {
    let lines: Vec<String> = provider
        .fields
        .iter()
        .filter(|f| f.required && !values.contains_key(&f.name) && f.default.is_none())
        .map(|f| {
            let how = if f.kind == catalog::Kind::Multiline {
                format!("--set {}=@PATH", f.name)
            } else if f.secret {
                format!("--set {}=- (stdin)", f.name)
            } else {
                format!("--set {}=VALUE", f.name)
            };
            format!(
                "  {} ({}): {how}, or {} with --from-env",
                f.name,
                f.label.get(lang),
                provider.env_var(&f.name)
            )
        })
        .collect();
    (!lines.is_empty()).then(|| {
        usage(format!(
            "missing required field(s) for {}:\n{}",
            provider.id,
            lines.join("\n")
        ))
    })
}

/// Every value checked against its field's format: the notes (a value that works but does not
/// look like what the provider issues today), or a usage error naming each wrong field.
pub fn check_format(provider: &Provider, values: &BTreeMap<String, String>) -> Result<Vec<String>> {
    let (notes, errors) = validate::check_all(
        provider,
        values.iter().map(|(k, v)| (k.as_str(), v.as_str())),
    );
    if errors.is_empty() {
        return Ok(notes);
    }
    let lines: Vec<String> = errors.iter().map(|e| format!("  {e}")).collect();
    Err(usage(format!(
        "invalid value(s) for {}; nothing was saved:\n{}",
        provider.id,
        lines.join("\n")
    )))
}
