//! `integrate add ID`: collect the values (flags, environment, prompts), check their format,
//! run the live check, then save: secrets to the file or the keyring, the rest to the file.

use std::collections::BTreeMap;

use anyhow::Result;

use super::App;
use crate::catalog::{self, Kind, validate};
use crate::check::Status;
use crate::cli::{AddArgs, Format};
use crate::config::resolve::Source;
use crate::config::{given, resolve, save};
use crate::exit::{ExitStatus, usage};
use crate::output::{self, check as render, guide};
use crate::wizard;

pub fn exec(app: &App, args: AddArgs) -> Result<ExitStatus> {
    crate::config::keyring::set_timeout(args.timeout);
    let provider = catalog::lookup(&args.id)?;
    let config = app.load_config_to_write()?;
    let existing = resolve::resolve(&config, provider);
    let current: BTreeMap<String, String> = existing
        .values
        .iter()
        .filter(|(_, v)| v.source != Source::Default)
        .map(|(k, v)| (k.clone(), v.text.clone()))
        .collect();

    let (mut given, warnings) = given::from_flags(provider, &args.set, args.from_env)?;
    for warning in &warnings {
        output::warn(warning);
    }
    if app.interactive {
        wizard::install_interrupt_handler();
        let portal = resolve::portal(&config)?;
        output::note(&guide::render(
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
                "{} est déjà configuré. Remplacer ses valeurs\u{a0}?",
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
        let resolved = resolve::candidate(provider, &values);
        let portal = resolve::portal(&config)?;
        let results = app.run_checks(
            std::slice::from_ref(&resolved),
            args.timeout,
            portal.redirect_uri,
        )?;
        let result = &results[0];
        match app.global.format {
            Format::Json => output::println(&output::json::render(render::json_body(&results))),
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
