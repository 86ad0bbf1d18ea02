//! `integrate add ID`: collect the values (flags, environment, prompts), check their format,
//! run the live check, then save what the user supplied: secrets to the file or the keyring,
//! the rest to the file. Values from the environment are used, never saved. On a terminal a
//! failing check never throws away what was typed ([`wizard::recover`]).

use std::collections::{BTreeMap, BTreeSet};

use anyhow::Result;

use super::App;
use crate::catalog::{self, Provider};
use crate::cli::{AddArgs, Format};
use crate::config::resolve::Source;
use crate::config::{given, resolve, save};
use crate::exit::ExitStatus;
use crate::output::{self, check as render, guide};
use crate::wizard::{self, Known, recover::Next};

pub fn exec(app: &App, args: AddArgs) -> Result<ExitStatus> {
    crate::config::keyring::set_timeout(args.timeout);
    let provider = catalog::lookup(&args.id)?;
    let config = app.load_config_to_write()?;
    let portal = resolve::portal(&config)?;
    let existing = resolve::resolve(&config, provider);
    let current: BTreeMap<String, String> = existing
        .values
        .iter()
        .filter(|(_, v)| v.source != Source::Default)
        .map(|(k, v)| (k.clone(), v.text.clone()))
        .collect();
    let from_env: BTreeSet<String> = existing
        .values
        .iter()
        .filter(|(_, v)| matches!(v.source, Source::Env(_)))
        .map(|(k, _)| k.clone())
        .collect();

    let (mut given, warnings) = given::from_flags(provider, &args.set, args.from_env)?;
    for warning in &warnings {
        output::warn(warning);
    }
    if app.interactive {
        wizard::install_interrupt_handler();
        let width = output::wrap::width(output::wrap::Stream::Stderr);
        output::note(&guide::render(provider, app.lang, &portal, width));
        let known = Known {
            current: &current,
            from_env: &from_env,
        };
        given.extend(wizard::prompt_fields(provider, app.lang, &known, &given)?);
    } else {
        for name in from_env.iter().filter(|n| !given.contains_key(*n)) {
            output::note(&format!(
                "{name}: ${} (from environment, not saved)",
                provider.env_var(name)
            ));
        }
    }

    // What the check sees: what was there (file, keyring, environment), replaced by what was given.
    let mut values: BTreeMap<String, String> = current.clone();
    values.extend(given.clone());
    if let Some(error) = given::missing_error(provider, &values, app.lang) {
        return Err(error);
    }
    for note in given::check_format(provider, &values)? {
        output::note(&note);
    }
    if existing.in_file
        && !given.is_empty()
        && !args.yes
        && app.interactive
        && !confirm_replace(app, provider)?
    {
        output::note(
            app.lang
                .pick("Nothing was changed.", "Rien n'a été modifié."),
        );
        return Ok(ExitStatus::Success);
    }

    let mut exit = ExitStatus::Success;
    // Check, and on a terminal offer what to do until the admin saves, quits or it passes.
    loop {
        if args.no_check {
            output::note("Live check skipped (--no-check); only the format was checked.");
            break;
        }
        let resolved = resolve::candidate(provider, &values);
        let results = app.run_checks(
            std::slice::from_ref(&resolved),
            args.timeout,
            portal.redirect_uri.clone(),
            crate::check::expiry::DEFAULT_WARN_DAYS,
        )?;
        let result = &results[0];
        if app.global.format == Format::Json {
            output::println(&output::json::render(render::json_body(&results)));
        } else if !(output::stdout_is_terminal()
            && output::stderr_is_terminal()
            && !output::quiet())
            && (!output::quiet() || result.status.is_problem())
        {
            let width = output::wrap::width(output::wrap::Stream::Stdout);
            output::print(&render::text_lines_wrapped(
                result,
                output::verbose() > 0,
                width,
            ));
        }
        exit = ExitStatus::from_statuses([result.status]);
        if !result.status.is_problem() {
            break;
        }
        if args.force {
            output::warn(&format!(
                "saving despite the `{}` check (--force)",
                result.status
            ));
            break;
        }
        if !app.interactive {
            output::note(&wrapped(&not_saved(result.status)));
            return Ok(exit);
        }
        match wizard::recover::after_failed_check(provider, result, app.lang, &mut values)? {
            Next::CheckAgain => {}
            Next::Edited(name) => {
                match values.get(&name) {
                    Some(value) => given.insert(name, value.clone()),
                    None => given.remove(&name),
                };
                for note in given::check_format(provider, &values)? {
                    output::note(&note);
                }
            }
            Next::SaveAnyway => break,
            Next::Quit => {
                output::note(
                    app.lang
                        .pick("Nothing was saved.", "Rien n'a été enregistré."),
                );
                return Ok(exit);
            }
        }
    }
    // Only what the user supplied, plus what the file already held: never an environment value.
    let to_save: BTreeMap<String, String> = values
        .iter()
        .filter(|(name, _)| {
            given.contains_key(*name) || (current.contains_key(*name) && !from_env.contains(*name))
        })
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect();
    let keyring = save::save(
        &app.config_path,
        provider,
        &config,
        &to_save,
        &given,
        args.secrets,
    )?;
    let place = if keyring {
        " (secrets in the OS keyring)"
    } else {
        ""
    };
    output::verdict(&format!(
        "Saved {} to {}{place}.",
        provider.id,
        app.config_path.display()
    ));
    output::note(&wrapped(&guide::next_steps(provider, &portal, app.lang)));
    Ok(exit)
}

fn confirm_replace(app: &App, provider: &Provider) -> Result<bool> {
    wizard::confirm(
        &format!(
            "{} {}",
            provider.id,
            app.lang.pick(
                "is already configured. Replace its values?",
                "est déjà configuré. Remplacer ses valeurs\u{a0}?"
            )
        ),
        true,
    )
}

/// A note for stderr, wrapped to its width with a hanging indent.
fn wrapped(text: &str) -> String {
    let width = output::wrap::width(output::wrap::Stream::Stderr);
    output::wrap::hanging(text, "", "  ", width)
}

/// Why nothing was saved without a terminal. `unreachable` means no verdict, not wrong values.
fn not_saved(status: crate::check::Status) -> String {
    use crate::check::Status;
    match status {
        Status::Unreachable => "Not saved: the check could not be judged (unreachable), which says nothing against the values. Try again later, or save anyway with --force.".into(),
        Status::Misconfigured => "Not saved: the check ended `misconfigured`: the setup around these values must change (see the advice above); the values themselves may be right. Fix the setup and run add again, or save anyway with --force.".into(),
        _ => format!(
            "Not saved: the check ended `{status}`: the provider refused these values. Fix them, or save anyway with --force."
        ),
    }
}
