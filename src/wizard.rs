//! The interactive part of `integrate add`: the guide, then one prompt per field, driven only
//! by the catalog schema (no per-provider code). Secrets are typed hidden, each value is checked
//! as it is entered and asked again when wrong, and current values are offered when
//! reconfiguring. Ctrl-C ends the program with nothing written and the cursor restored.

use std::collections::BTreeMap;

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

/// Asks for every field that `given` does not already hold.
pub fn prompt_fields(
    provider: &Provider,
    lang: Lang,
    current: &BTreeMap<String, String>,
    given: &BTreeMap<String, String>,
) -> Result<BTreeMap<String, String>> {
    let term = Term::stderr();
    let mut answers = BTreeMap::new();
    let fields = provider
        .fields
        .iter()
        .filter(|f| f.required)
        .chain(provider.fields.iter().filter(|f| !f.required));
    for field in fields {
        if given.contains_key(&field.name) {
            continue;
        }
        let _ = term.write_line(&format!(
            "\n{} {}",
            paint(output::BOLD, field.label.get(lang)),
            paint(DIM, &format!("({})", field.name))
        ));
        let _ = term.write_line(&paint(DIM, field.help.get(lang)));
        if let Some(value) = prompt_one(provider, field, lang, current.get(&field.name), &term)? {
            // Enter on a current value keeps it: that is not a change to confirm.
            if current.get(&field.name) != Some(&value) {
                answers.insert(field.name.clone(), value);
            }
        }
    }
    Ok(answers)
}

fn prompt_one(
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
