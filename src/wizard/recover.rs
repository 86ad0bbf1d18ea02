//! What the wizard offers when the live check fails on a terminal: nothing typed is thrown
//! away. The admin can check again (a network hiccup), edit one field with its current value
//! offered, save anyway, or quit without saving. An `unreachable` check is worded as what it
//! is, a check that could not be judged, never as values to fix.

use std::collections::BTreeMap;

use anyhow::Result;
use console::Term;
use dialoguer::Select;

use super::{interrupted, prompt_endpoint, prompt_one};
use crate::catalog::Provider;
use crate::check::{CheckResult, Status};
use crate::lang::Lang;
use crate::output::{self, BOLD, paint};
use crate::redact;

/// The admin's choice after a failing check.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Next {
    CheckAgain,
    /// The field was edited; its new value is in the map passed to [`after_failed_check`].
    Edited(String),
    SaveAnyway,
    Quit,
}

/// Explains the failed check and asks what to do; an edit updates `values` in place.
pub fn after_failed_check(
    provider: &Provider,
    result: &CheckResult,
    lang: Lang,
    values: &mut BTreeMap<String, String>,
) -> Result<Next> {
    let term = Term::stderr();
    // Each status says what it is: only `rejected` means the values themselves are wrong.
    let explanation = match result.status {
        Status::Unreachable => lang.pick(
            "The check could not be judged: the provider could not be reached or did not answer clearly. Nothing says your values are wrong.",
            "La vérification n'a pas pu conclure\u{a0}: le fournisseur n'a pas pu être joint ou n'a pas répondu clairement. Rien n'indique que vos valeurs soient fausses.",
        ),
        Status::Misconfigured => lang.pick(
            "The check ended `misconfigured`: something in the setup around these values must change (see the advice above); the values may well be right.",
            "La vérification s'est terminée par `misconfigured`\u{a0}: quelque chose doit changer dans la configuration autour de ces valeurs (voir le conseil ci-dessus)\u{a0}; les valeurs elles-mêmes peuvent être justes.",
        ),
        _ => lang.pick(
            "The check ended `rejected`: the provider refused these values.",
            "La vérification s'est terminée par `rejected`\u{a0}: le fournisseur refuse ces valeurs.",
        ),
    }
    .to_string();
    super::say(&term, &format!("\n{}", paint(BOLD, &explanation)));
    let items = [
        lang.pick("Check again", "Vérifier à nouveau"),
        lang.pick(
            "Edit a field (its current value is offered)",
            "Modifier un champ (sa valeur actuelle est proposée)",
        ),
        lang.pick("Save anyway", "Enregistrer quand même"),
        lang.pick("Quit without saving", "Quitter sans enregistrer"),
    ];
    let default = if result.status == Status::Unreachable {
        0
    } else {
        1
    };
    let choice = Select::new()
        .with_prompt(lang.pick("What now?", "Que faire\u{a0}?"))
        .items(items)
        .default(default)
        .interact_on(&term)
        .map_err(interrupted)?;
    Ok(match choice {
        0 => Next::CheckAgain,
        1 => match edit_field(provider, lang, values, &term)? {
            Some(name) => Next::Edited(name),
            None => Next::CheckAgain,
        },
        2 => Next::SaveAnyway,
        _ => Next::Quit,
    })
}

/// Lets the admin pick a field and type its new value. Returns the field edited, or `None`
/// when its value was kept.
fn edit_field(
    provider: &Provider,
    lang: Lang,
    values: &mut BTreeMap<String, String>,
    term: &Term,
) -> Result<Option<String>> {
    let mut names: Vec<&str> = provider.fields.iter().map(|f| f.name.as_str()).collect();
    if provider.endpoint_prompt.is_some() || values.contains_key("endpoint") {
        names.push("endpoint");
    }
    let shown: Vec<String> = names
        .iter()
        .map(|name| {
            let secret = provider.field(name).is_some_and(|f| f.secret);
            let value = match values.get(*name) {
                Some(v) if secret => redact::mask(v),
                Some(v) => v.clone(),
                None => lang.pick("(empty)", "(vide)").to_string(),
            };
            format!("{name} = {value}")
        })
        .collect();
    let index = Select::new()
        .with_prompt(lang.pick("Which field?", "Quel champ\u{a0}?"))
        .items(&shown)
        .default(0)
        .interact_on(term)
        .map_err(interrupted)?;
    let name = names[index];
    let current = values.get(name).cloned();
    let answer = match provider.field(name) {
        Some(field) => {
            super::say(term, &output::paint(output::DIM, field.help.get(lang)));
            super::say(
                term,
                &output::paint(output::DIM, &super::shape::expected(field, lang)),
            );
            prompt_one(provider, field, lang, current.as_ref(), term)?
        }
        None => prompt_endpoint(lang, current.as_ref(), term)?,
    };
    match answer {
        Some(value) if Some(&value) != current.as_ref() => {
            values.insert(name.to_string(), value);
            Ok(Some(name.to_string()))
        }
        Some(_) => Ok(None),
        None => {
            // An optional field emptied: it is left out.
            let removed = values.remove(name).is_some();
            Ok(removed.then(|| name.to_string()))
        }
    }
}
