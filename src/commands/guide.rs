//! `integrate guide ID`: the setup steps in the chosen language, with the portal's redirect
//! URI filled in.

use anyhow::Result;

use super::App;
use crate::catalog::{self, Provider};
use crate::config::resolve;
use crate::exit::ExitStatus;
use crate::lang::Lang;
use crate::output::{self, BOLD, DIM, YELLOW, paint};

pub fn exec(app: &App, id: &str) -> Result<ExitStatus> {
    let provider = catalog::lookup(id)?;
    let config = app.load_config()?;
    let portal = resolve::portal(&config);
    output::print(&render(provider, app.lang, &portal));
    Ok(ExitStatus::Success)
}

/// Fills in the `{redirect_uri}` and `{portal_url}` markers a step may use.
pub fn fill(text: &str, portal: &resolve::Portal) -> String {
    let portal_url = portal
        .url
        .clone()
        .unwrap_or_else(|| "https://portal.example.com".into());
    text.replace("{redirect_uri}", &portal.redirect_uri)
        .replace("{portal_url}", &portal_url)
}

/// The whole guide, as `guide` prints it and `add` shows it before the prompts.
pub fn render(provider: &Provider, lang: Lang, portal: &resolve::Portal) -> String {
    let mut out = String::new();
    out.push_str(&format!(
        "{} — {}\n",
        paint(BOLD, &provider.name),
        provider.category.describe(lang)
    ));
    out.push_str(&format!(
        "{} {}\n",
        lang.pick("Enables:", "Permet :"),
        provider.enables.get(lang)
    ));
    out.push_str(&format!(
        "{} {}\n",
        lang.pick("Console:", "Console :"),
        provider.console_url
    ));
    if let Some(deprecated) = &provider.deprecated {
        out.push_str(&format!(
            "{} {}\n",
            paint(YELLOW.bold(), lang.pick("Deprecated:", "Obsolète :")),
            deprecated.get(lang)
        ));
    }
    out.push_str(&format!(
        "\n{}\n",
        paint(BOLD, lang.pick("Steps", "Étapes"))
    ));
    for (n, step) in provider.guide.iter().enumerate() {
        out.push_str(&format!(
            "  {:>2}. {}\n",
            n + 1,
            fill(step.get(lang), portal)
        ));
    }
    out.push_str(&format!(
        "\n{}\n",
        paint(BOLD, lang.pick("Fields", "Champs"))
    ));
    for field in &provider.fields {
        let mut tags = vec![if field.required {
            lang.pick("required", "obligatoire")
        } else {
            lang.pick("optional", "facultatif")
        }];
        if field.secret {
            tags.push(lang.pick("secret", "secret"));
        }
        let default = field
            .default
            .as_ref()
            .map(|d| format!(" [{} {d}]", lang.pick("default", "par défaut")))
            .unwrap_or_default();
        out.push_str(&format!(
            "  {} ({}){default}: {}\n      {}\n",
            paint(BOLD, &field.name),
            tags.join(", "),
            field.label.get(lang),
            paint(DIM, field.help.get(lang))
        ));
    }
    if !provider.notes.is_empty() {
        out.push_str(&format!(
            "\n{}\n",
            paint(BOLD, lang.pick("Good to know", "Bon à savoir"))
        ));
        for note in &provider.notes {
            out.push_str(&format!("  - {}\n", fill(note.get(lang), portal)));
        }
    }
    out.push_str(&format!(
        "\n{}\n",
        paint(BOLD, lang.pick("In the portal", "Dans le portail"))
    ));
    for (generation, mapping) in [
        ("Workspace", &provider.portal.workspace),
        ("DocSpace", &provider.portal.docspace),
    ] {
        if mapping.supported {
            let keys: Vec<&str> = mapping.keys.values().map(String::as_str).collect();
            out.push_str(&format!(
                "  {generation}: {} {} ({})\n",
                lang.pick("consumer", "consommateur"),
                mapping.consumer.as_deref().unwrap_or("-"),
                keys.join(", ")
            ));
        } else {
            out.push_str(&format!(
                "  {generation}: {}\n",
                lang.pick("not available", "non disponible")
            ));
        }
        if let Some(note) = &mapping.note {
            out.push_str(&format!("      {}\n", paint(DIM, note.get(lang))));
        }
    }
    out.push_str(&format!(
        "\n{} integrate add {}\n",
        lang.pick("Then run:", "Ensuite :"),
        provider.id
    ));
    out
}
