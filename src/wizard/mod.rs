//! The interactive part of `integrate add`: the guide, then one prompt per field, driven only
//! by the catalog schema (no per-provider code). Each prompt says what the value looks like
//! before it is typed ([`shape`]); secrets are typed hidden, each value is checked as it is
//! entered and asked again when wrong, and current values are offered when reconfiguring (a
//! value from the environment is used, not saved, and says so). After a failing live check,
//! [`recover`] offers to check again, edit a field, save anyway or quit. Ctrl-C ends the
//! program with nothing written and the cursor restored.

pub mod recover;
pub mod shape;

use std::collections::{BTreeMap, BTreeSet};

use anyhow::{Result, anyhow};
use console::Term;
use dialoguer::{Confirm, Input, Password};

use crate::catalog::{Field, Kind, Provider, validate};
use crate::files;
use crate::lang::Lang;
use crate::output::{self, DIM, paint};
use crate::redact;

/// The user pressed Ctrl-C or Esc: stop, write nothing.
#[derive(Debug, thiserror::Error)]
#[error("cancelled; nothing was saved")]
pub struct Cancelled;

/// Restores the terminal and exits 130 when SIGINT arrives outside a prompt (during the live
/// check, for instance). Inside a prompt the terminal is raw and Ctrl-C arrives as a key.
pub fn install_interrupt_handler() {
    let saved = terminal::save();
    std::thread::spawn(move || {
        let Ok(runtime) = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
        else {
            return;
        };
        runtime.block_on(async {
            if tokio::signal::ctrl_c().await.is_ok() {
                // A hidden-input prompt turns echo off; give the shell its terminal back.
                terminal::restore(&saved);
                let _ = Term::stderr().show_cursor();
                eprintln!("\ncancelled; nothing was saved");
                std::process::exit(130);
            }
        });
    });
}

fn interrupted(err: dialoguer::Error) -> anyhow::Error {
    let dialoguer::Error::IO(io) = &err;
    if io.kind() == std::io::ErrorKind::Interrupted {
        let _ = Term::stderr().show_cursor();
        anyhow!(Cancelled)
    } else {
        anyhow!("cannot prompt on this terminal: {err}")
    }
}

/// What the user has so far: current values (file, keyring or environment) and which of them
/// come from the environment (used for the check, never saved unless typed again).
pub struct Known<'a> {
    pub current: &'a BTreeMap<String, String>,
    pub from_env: &'a BTreeSet<String>,
}

/// Asks for every field that `given` does not already hold: required fields first, then the
/// `endpoint` when the provider's file says a real setup may need one, then optional fields.
pub fn prompt_fields(
    provider: &Provider,
    lang: Lang,
    known: &Known<'_>,
    given: &BTreeMap<String, String>,
) -> Result<BTreeMap<String, String>> {
    let term = Term::stderr();
    let mut answers = BTreeMap::new();
    let required = provider.fields.iter().filter(|f| f.required);
    let optional = provider.fields.iter().filter(|f| !f.required);
    for field in required {
        if !given.contains_key(&field.name) {
            ask_field(provider, field, lang, known, &term, &mut answers)?;
        }
    }
    if provider.endpoint_prompt.is_some() && !given.contains_key("endpoint") {
        ask_endpoint(provider, lang, known, &term, &mut answers)?;
    }
    for field in optional {
        if !given.contains_key(&field.name) {
            ask_field(provider, field, lang, known, &term, &mut answers)?;
        }
    }
    Ok(answers)
}

/// The heading, help and expected shape of one field, then its prompt. Enter on a current
/// value keeps it: that is not an answer (nor, for an environment value, a value to save).
fn ask_field(
    provider: &Provider,
    field: &Field,
    lang: Lang,
    known: &Known<'_>,
    term: &Term,
    answers: &mut BTreeMap<String, String>,
) -> Result<()> {
    heading(
        term,
        field.label.get(lang),
        &field.name,
        field.help.get(lang),
    );
    say(term, &paint(DIM, &shape::expected(field, lang)));
    let current = known.current.get(&field.name);
    if current.is_some() && known.from_env.contains(&field.name) {
        say(term, &env_note(provider, &field.name, lang));
    }
    if let Some(value) = prompt_one(provider, field, lang, current, term)?
        && current != Some(&value)
    {
        answers.insert(field.name.clone(), value);
    }
    Ok(())
}

/// One line for the person at the terminal, in colour only where colour is on.
fn say(term: &Term, text: &str) {
    let width = output::wrap::width(output::wrap::Stream::Stderr);
    let text = output::wrap::hanging(text, "", "", width);
    let _ = term.write_line(&output::for_stderr(&text));
}

fn heading(term: &Term, label: &str, name: &str, help: &str) {
    say(
        term,
        &format!(
            "\n{} {}",
            paint(output::BOLD, label),
            paint(DIM, &format!("({name})"))
        ),
    );
    say(term, &paint(DIM, help));
}

/// "Current value: from the environment ($INTEGRATE_…), not saved; Enter keeps using it."
pub fn env_note(provider: &Provider, field: &str, lang: Lang) -> String {
    paint(
        DIM,
        &format!(
            "{} ${}{}",
            lang.pick(
                "Current value: from environment, not saved:",
                "Valeur actuelle\u{a0}: de l'environnement, non enregistrée\u{a0}:"
            ),
            provider.env_var(field),
            lang.pick(
                ". Enter keeps using it; a value typed here is saved.",
                ". Entrée la garde\u{a0}; une valeur saisie ici est enregistrée."
            )
        ),
    )
}

/// `endpoint`, for providers whose real setups may need one (S3-compatible storage): a base
/// URL, checked as typed; Enter keeps the provider's own origin.
pub fn ask_endpoint(
    provider: &Provider,
    lang: Lang,
    known: &Known<'_>,
    term: &Term,
    answers: &mut BTreeMap<String, String>,
) -> Result<()> {
    let help = provider
        .endpoint_prompt
        .as_ref()
        .map(|t| t.get(lang))
        .unwrap_or_default();
    heading(term, "Endpoint", "endpoint", help);
    say(term, &paint(
        DIM,
        lang.pick(
            "Expected: a base URL, scheme, host and optional port only, e.g. https://s3.example.internal:9000",
            "Attendu\u{a0}: une URL de base, schéma, hôte et port facultatif seulement, par ex. https://s3.example.internal:9000",
        ),
    ));
    let current = known.current.get("endpoint");
    if current.is_some() && known.from_env.contains("endpoint") {
        say(term, &env_note(provider, "endpoint", lang));
    }
    if let Some(value) = prompt_endpoint(lang, current, term)?
        && current != Some(&value)
    {
        answers.insert("endpoint".into(), value);
    }
    Ok(())
}

/// The endpoint prompt itself (also used to edit it after a failing check).
pub fn prompt_endpoint(
    lang: Lang,
    current: Option<&String>,
    term: &Term,
) -> Result<Option<String>> {
    let mut input = Input::<String>::new()
        .with_prompt(format!(
            "Endpoint{}",
            lang.pick(" (Enter skips)", " (Entrée pour passer)")
        ))
        .allow_empty(true)
        .validate_with(|input: &String| -> Result<(), String> {
            let value = input.trim();
            if value.is_empty() {
                return Ok(());
            }
            validate::check_endpoint(value).map(|_| ())
        });
    if let Some(value) = current {
        input = input.default(value.clone());
    }
    let value = input.interact_text_on(term).map_err(interrupted)?;
    let value = value.trim().trim_end_matches('/').to_string();
    Ok((!value.is_empty()).then_some(value))
}

pub fn prompt_one(
    provider: &Provider,
    field: &Field,
    lang: Lang,
    current: Option<&String>,
    term: &Term,
) -> Result<Option<String>> {
    let optional = !field.required;
    let keep = current.cloned().or_else(|| field.default.clone());
    match field.kind {
        Kind::Bool => {
            let default = keep
                .as_deref()
                .and_then(validate::parse_bool)
                .unwrap_or(false);
            let answer = Confirm::new()
                .with_prompt(field.label.get(lang))
                .default(default)
                .interact_on(term)
                .map_err(interrupted)?;
            Ok(Some(answer.to_string()))
        }
        Kind::Multiline => {
            let prompt = lang.pick("Path to the file", "Chemin du fichier");
            let hint = match (&keep, optional) {
                (Some(_), _) => {
                    lang.pick(" (Enter keeps the current one)", " (Entrée garde l'actuel)")
                }
                (None, true) => lang.pick(" (Enter skips)", " (Entrée pour passer)"),
                (None, false) => "",
            };
            let path: String = Input::new()
                .with_prompt(format!("{prompt}{hint}"))
                .allow_empty(keep.is_some() || optional)
                .validate_with(|input: &String| -> Result<(), String> {
                    if input.trim().is_empty() {
                        return Ok(());
                    }
                    let text = files::read_text(&expand_home(input.trim()), files::VALUE_LIMIT)
                        .map_err(|e| format!("{}: {e}", input.trim()))?;
                    let value = validate::normalize(field, &text);
                    validate::check(provider, field, &value)
                        .map(|_| ())
                        .map_err(|e| e.to_string())
                })
                .interact_text_on(term)
                .map_err(interrupted)?;
            if path.trim().is_empty() {
                return Ok(keep);
            }
            let text = files::read_text(&expand_home(path.trim()), files::VALUE_LIMIT)
                .map_err(|e| anyhow!("{}: {e}", path.trim()))?;
            let value = validate::normalize(field, &text);
            if field.secret {
                redact::register(&value);
            }
            Ok(Some(value))
        }
        Kind::Text if field.secret => {
            let hint = match (&keep, optional) {
                (Some(value), _) => format!(
                    " [{} {}]",
                    lang.pick("Enter keeps", "Entrée garde"),
                    redact::mask(value)
                ),
                (None, true) => lang
                    .pick(" (Enter skips)", " (Entrée pour passer)")
                    .to_string(),
                (None, false) => String::new(),
            };
            let value = Password::new()
                .with_prompt(format!("{}{hint}", field.label.get(lang)))
                .allow_empty_password(keep.is_some() || optional)
                .validate_with(|input: &String| -> Result<(), String> {
                    if input.trim().is_empty() {
                        return Ok(());
                    }
                    let value = validate::normalize(field, input);
                    validate::check(provider, field, &value)
                        .map(|_| ())
                        .map_err(|e| e.to_string())
                })
                .interact_on(term)
                .map_err(interrupted)?;
            let value = validate::normalize(field, &value);
            if value.is_empty() {
                return Ok(keep);
            }
            redact::register(&value);
            Ok(Some(value))
        }
        Kind::Text => {
            let mut input = Input::<String>::new()
                .with_prompt(field.label.get(lang))
                .allow_empty(optional)
                .validate_with(|input: &String| -> Result<(), String> {
                    if input.trim().is_empty() {
                        return Ok(());
                    }
                    let value = validate::normalize(field, input);
                    validate::check(provider, field, &value)
                        .map(|_| ())
                        .map_err(|e| e.to_string())
                });
            if let Some(value) = &keep {
                input = input.default(value.clone());
            }
            let value = input.interact_text_on(term).map_err(interrupted)?;
            let value = validate::normalize(field, &value);
            Ok(if value.is_empty() { None } else { Some(value) })
        }
    }
}

/// Asks a yes/no question; `default` is what Enter answers.
pub fn confirm(question: &str, default: bool) -> Result<bool> {
    Confirm::new()
        .with_prompt(question)
        .default(default)
        .interact_on(&Term::stderr())
        .map_err(interrupted)
}

fn expand_home(path: &str) -> std::path::PathBuf {
    match (path.strip_prefix("~/"), dirs::home_dir()) {
        (Some(rest), Some(home)) => home.join(rest),
        _ => std::path::PathBuf::from(path),
    }
}

/// The terminal's line settings, saved before the first prompt and put back on Ctrl-C.
mod terminal {
    #[cfg(unix)]
    pub struct Saved(Option<libc::termios>);

    #[cfg(unix)]
    pub fn save() -> Saved {
        // SAFETY: tcgetattr only writes into the zeroed struct we own; it fails harmlessly when
        // stdin is not a terminal.
        unsafe {
            let mut t: libc::termios = std::mem::zeroed();
            if libc::tcgetattr(libc::STDIN_FILENO, &mut t) == 0 {
                Saved(Some(t))
            } else {
                Saved(None)
            }
        }
    }

    #[cfg(unix)]
    pub fn restore(saved: &Saved) {
        if let Some(t) = &saved.0 {
            // SAFETY: restores settings read from the same descriptor by `save`.
            unsafe {
                libc::tcsetattr(libc::STDIN_FILENO, libc::TCSANOW, t);
            }
        }
    }

    #[cfg(not(unix))]
    pub struct Saved;

    #[cfg(not(unix))]
    pub fn save() -> Saved {
        Saved
    }

    #[cfg(not(unix))]
    pub fn restore(_: &Saved) {}
}
