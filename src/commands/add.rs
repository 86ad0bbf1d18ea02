//! `integrate add ID`: collect the values (flags, environment, prompts), check their format,
//! run the live check, then save: secrets to the file or the keyring, the rest to the file.

use std::collections::BTreeMap;
use std::io::Read;

use anyhow::{Context, Result};

use super::App;
use crate::catalog::{self, Kind, Provider, validate};
use crate::check::Status;
use crate::cli::{AddArgs, Format};
use crate::config::resolve::{Source, Value};
use crate::config::{ResolvedProvider, resolve, save};
use crate::exit::{ExitStatus, usage};
use crate::output::{self, check as render};
use crate::{redact, wizard};

pub fn exec(app: &App, args: AddArgs) -> Result<ExitStatus> {
    let provider = catalog::lookup(&args.id)?;
    let timeout = super::check::parse_timeout(args.timeout)?;
    let config = app.load_config()?;
    let existing = resolve::resolve(&config, provider);
    let current: BTreeMap<String, String> = existing
        .values
        .iter()
        .filter(|(_, v)| v.source != Source::Default)
        .map(|(k, v)| (k.clone(), v.text.clone()))
        .collect();

    let mut given = values_from_flags(provider, &args)?;
    if app.interactive {
        wizard::install_interrupt_handler();
        let portal = resolve::portal(&config);
        output::note(&super::guide::render(
            provider,
            app.lang,
            &portal,
            output::wrap::width(output::wrap::Stream::Stderr),
        ));
        let answers = wizard::prompt_fields(provider, app.lang, &current, &given)?;
        given.extend(answers);
    }

    // The new set: what was there, replaced by what was given.
    let mut values: BTreeMap<String, String> = current.clone();
    values.extend(given.clone());
    let missing: Vec<&catalog::Field> = provider
        .fields
        .iter()
        .filter(|f| f.required && !values.contains_key(&f.name) && f.default.is_none())
        .collect();
    if !missing.is_empty() {
        let lines: Vec<String> = missing
            .iter()
            .map(|f| {
                let how = if f.kind == Kind::Multiline {
                    format!("--set {}=@PATH", f.name)
                } else if f.secret {
                    format!("--set {}=- (stdin)", f.name)
                } else {
                    format!("--set {}=VALUE", f.name)
                };
                format!(
                    "  {} ({}): {how}, or {} with --from-env",
                    f.name,
                    f.label.get(app.lang),
                    provider.env_var(&f.name)
                )
            })
            .collect();
        return Err(usage(format!(
            "missing required field(s) for {}:\n{}",
            provider.id,
            lines.join("\n")
        )));
    }
    let (notes, errors) = validate::check_all(
        provider,
        values.iter().map(|(k, v)| (k.as_str(), v.as_str())),
    );
    if !errors.is_empty() {
        let lines: Vec<String> = errors.iter().map(|e| format!("  {e}")).collect();
        return Err(usage(format!(
            "invalid value(s) for {}; nothing was saved:\n{}",
            provider.id,
            lines.join("\n")
        )));
    }
    for note in &notes {
        output::note(note);
    }

    if !existing.in_file || given.is_empty() || args.yes || !app.interactive {
        // Nothing to confirm: a first setup, a no-op, --yes, or a script.
    } else if !wizard::confirm(
        app.lang.pick(
            &format!("{} is already configured. Replace its values?", provider.id),
            &format!(
                "{} est déjà configuré. Remplacer ses valeurs ?",
                provider.id
            ),
        ),
        true,
    )? {
        output::note(
            app.lang
                .pick("Nothing was changed.", "Rien n'a été modifié."),
        );
        return Ok(ExitStatus::Success);
    }

    let mut exit = ExitStatus::Success;
    if args.no_check {
        output::note("Live check skipped (--no-check); only the format was checked.");
    } else {
        let resolved = candidate(provider, &values);
        let portal = resolve::portal(&config);
        let results = super::check::run_checks(
            app,
            std::slice::from_ref(&resolved),
            timeout,
            portal.redirect_uri,
        )?;
        let result = &results[0];
        match app.global.format {
            Format::Json => output::println(&render::json(&results)),
            _ => {
                let live = output::stdout_is_terminal()
                    && output::stderr_is_terminal()
                    && !output::quiet();
                if !live {
                    output::print(&render::text_lines(result, output::verbose() > 0));
                }
            }
        }
        exit = ExitStatus::from_statuses([result.status]);
        if matches!(
            result.status,
            Status::Rejected | Status::Misconfigured | Status::Unreachable
        ) {
            if !args.force {
                output::note(&format!(
                    "Not saved: the check ended `{}`. Fix the values, or save anyway with --force.",
                    result.status
                ));
                return Ok(exit);
            }
            output::warn(&format!(
                "saving despite the `{}` check (--force)",
                result.status
            ));
        }
    }
    let keyring = save::save(
        &app.config_path,
        provider,
        &config,
        &values,
        &given,
        args.secrets,
    )?;
    let place = if keyring {
        " (secrets in the OS keyring)"
    } else {
        ""
    };
    output::note(&format!(
        "Saved {} to {}{place}.",
        provider.id,
        app.config_path.display()
    ));
    Ok(exit)
}

/// `--set` and `--from-env` values, normalised. Literal secrets on the command line warn.
fn values_from_flags(provider: &Provider, args: &AddArgs) -> Result<BTreeMap<String, String>> {
    let mut values = BTreeMap::new();
    if args.from_env {
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
    for item in &args.set {
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
            let mut text = String::new();
            std::io::stdin()
                .read_to_string(&mut text)
                .with_context(|| format!("--set {name}=-: cannot read stdin"))?;
            text
        } else if let Some(path) = raw.strip_prefix('@') {
            std::fs::read_to_string(path)
                .map_err(|e| usage(format!("--set {name}=@{path}: cannot read {path}: {e}")))?
        } else {
            if secret {
                redact::register(raw);
                output::warn(&format!(
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
    Ok(values)
}

/// The values as the check sees them, before anything is saved.
fn candidate(provider: &'static Provider, values: &BTreeMap<String, String>) -> ResolvedProvider {
    let mut resolved = ResolvedProvider {
        provider,
        values: BTreeMap::new(),
        problems: Vec::new(),
        enabled: true,
        in_file: true,
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
