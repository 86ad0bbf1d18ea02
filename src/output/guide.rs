//! A provider's setup guide as text: what it enables, the steps with the portal's redirect URI
//! filled in, each field, and where the keys go in the portal, wrapped to the terminal with
//! hanging indents. `integrate guide` prints it and `integrate add` shows it before the first
//! prompt.

use crate::catalog::Provider;
use crate::config::resolve::{self, PortalKind, RedirectFrom, WORKSPACE_REDIRECT_URI};
use crate::lang::Lang;
use crate::output::wrap;
use crate::output::{BOLD, DIM, YELLOW, paint};

/// Fills in the `{redirect_uri}` and `{portal_url}` markers a step may use.
pub fn fill(text: &str, portal: &resolve::Portal) -> String {
    let portal_url = portal
        .url
        .clone()
        .unwrap_or_else(|| "https://portal.example.com".into());
    text.replace("{redirect_uri}", &portal.redirect_uri)
        .replace("{portal_url}", &portal_url)
}

/// The whole guide, as `guide` prints it and `add` shows it before the prompts, wrapped to
/// `width` columns with hanging indents.
pub fn render(provider: &Provider, lang: Lang, portal: &resolve::Portal, width: usize) -> String {
    let mut out = String::new();
    let mut line = |text: String| {
        out.push_str(&text);
        out.push('\n');
    };
    line(wrap::item(
        &format!("{} — ", paint(BOLD, &provider.name)),
        provider.category.describe(lang),
        width,
    ));
    line(wrap::item(
        &format!("{} ", lang.pick("Enables:", "Permet\u{a0}:")),
        provider.enables.get(lang),
        width,
    ));
    line(wrap::item(
        &format!("{} ", lang.pick("Console:", "Console\u{a0}:")),
        &provider.console_url,
        width,
    ));
    if uses_redirect_uri(provider) {
        line(wrap::item(
            &format!(
                "{} ",
                lang.pick("Redirect URI:", "URI de redirection\u{a0}:")
            ),
            &portal.redirect_uri,
            width,
        ));
        line(dim(&wrap::indented(
            &redirect_why(portal, lang),
            "  ",
            width,
        )));
    }
    if let Some(deprecated) = &provider.deprecated {
        line(wrap::item(
            &format!(
                "{} ",
                paint(YELLOW.bold(), lang.pick("Deprecated:", "Obsolète\u{a0}:"))
            ),
            deprecated.get(lang),
            width,
        ));
    }
    line(format!("\n{}", paint(BOLD, lang.pick("Steps", "Étapes"))));
    for (n, step) in provider.guide.iter().enumerate() {
        line(wrap::item(
            &format!("  {:>2}. ", n + 1),
            &fill(step.get(lang), portal),
            width,
        ));
    }
    line(format!("\n{}", paint(BOLD, lang.pick("Fields", "Champs"))));
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
        let colon = lang.pick(":", "\u{a0}:");
        line(wrap::item(
            &format!("  {} ", paint(BOLD, &field.name)),
            &format!(
                "({}){default}{colon} {}",
                tags.join(", "),
                field.label.get(lang)
            ),
            width,
        ));
        line(dim(&wrap::indented(field.help.get(lang), "      ", width)));
    }
    if !provider.notes.is_empty() {
        line(format!(
            "\n{}",
            paint(BOLD, lang.pick("Good to know", "Bon à savoir"))
        ));
        for note in &provider.notes {
            line(wrap::item("  - ", &fill(note.get(lang), portal), width));
        }
    }
    line(format!(
        "\n{}",
        paint(BOLD, lang.pick("In the portal", "Dans le portail"))
    ));
    for (generation, mapping) in [
        ("Workspace", &provider.portal.workspace),
        ("DocSpace", &provider.portal.docspace),
    ] {
        let colon = lang.pick(":", "\u{a0}:");
        let text = if mapping.supported {
            let keys: Vec<&str> = mapping.keys.values().map(String::as_str).collect();
            format!(
                "{} {} ({})",
                lang.pick("consumer", "consommateur"),
                mapping.consumer.as_deref().unwrap_or("-"),
                keys.join(", ")
            )
        } else {
            lang.pick("not available", "non disponible").to_string()
        };
        line(wrap::item(&format!("  {generation}{colon} "), &text, width));
        if let Some(note) = &mapping.note {
            line(dim(&wrap::indented(note.get(lang), "      ", width)));
        }
    }
    line(format!(
        "\n{} integrate add {}",
        lang.pick("Then run:", "Ensuite\u{a0}:"),
        provider.id
    ));
    out
}

/// Whether the guide registers the portal's redirect URI with the provider.
pub fn uses_redirect_uri(provider: &Provider) -> bool {
    provider
        .guide
        .iter()
        .chain(&provider.notes)
        .any(|text| text.en.contains("{redirect_uri}"))
}

/// Why the redirect URI is the one shown: the config, the portal kind, or the default.
fn redirect_why(portal: &resolve::Portal, lang: Lang) -> String {
    match portal.redirect_from {
        RedirectFrom::Config => lang
            .pick(
                "Set by [portal] redirect_uri in the config.",
                "Défini par [portal] redirect_uri dans la configuration.",
            )
            .into(),
        RedirectFrom::Kind(PortalKind::Workspace) => lang
            .pick(
                "Workspace's default, as its web.consumers.config ships it ([portal] kind = \"workspace\").",
                "Valeur par défaut de Workspace, celle que livre son web.consumers.config ([portal] kind = \"workspace\").",
            )
            .into(),
        RedirectFrom::Kind(PortalKind::DocSpace) => format!(
            "{} {WORKSPACE_REDIRECT_URI}{}",
            lang.pick(
                "DocSpace's default, as its autofac.consumers.json ships it ([portal] kind = \"docspace\"). DocSpace's Linux packages rewrite it to",
                "Valeur par défaut de DocSpace, celle que livre son autofac.consumers.json ([portal] kind = \"docspace\"). Les paquets Linux de DocSpace la remplacent par",
            ),
            lang.pick(
                " and Docker's OAUTH_REDIRECT_URL replaces it: register what your portal's *RedirectUrl values say, and set [portal] redirect_uri to it if it differs.",
                " et la variable OAUTH_REDIRECT_URL de Docker la remplace\u{a0}: enregistrez ce que disent les valeurs *RedirectUrl de votre portail, et reportez-la dans [portal] redirect_uri si elle diffère.",
            ),
        ),
        RedirectFrom::Default => lang
            .pick(
                "Workspace's default, the one the help article gives. For DocSpace set [portal] kind = \"docspace\" (or [portal] redirect_uri).",
                "Valeur par défaut de Workspace, celle que donne l'article d'aide. Pour DocSpace, indiquez [portal] kind = \"docspace\" (ou [portal] redirect_uri).",
            )
            .into(),
    }
}

/// Each line dimmed on its own, so a pager that resets styles per line keeps them.
fn dim(text: &str) -> String {
    text.lines()
        .map(|l| paint(DIM, l))
        .collect::<Vec<_>>()
        .join("\n")
}
