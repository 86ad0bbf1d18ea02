//! A provider's setup guide as text: what it enables, the steps with the portal's redirect URI
//! filled in, each field, and where the keys go in the portal, wrapped to the terminal with
//! hanging indents. `integrate guide` prints it and `integrate add` shows it before the first
//! prompt.

use crate::catalog::Provider;
use crate::config::resolve::{self, PortalKind, RedirectFrom, WORKSPACE_REDIRECT_URI};
use crate::lang::Lang;
use crate::output::wrap;
use crate::output::{BOLD, DIM, YELLOW, paint};

/// Fills in the markers a step may use: `{redirect_uri}`, `{redirect_host}` (its host name,
/// for consoles that also want the domain), `{redirect_domain}` (that host's last two labels,
/// for "authorized domain" fields) and `{portal_url}`.
pub fn fill(text: &str, portal: &resolve::Portal) -> String {
    let host = redirect_host(portal);
    let labels: Vec<&str> = host.split('.').collect();
    let domain = labels[labels.len().saturating_sub(2)..].join(".");
    text.replace("{redirect_uri}", &portal.redirect_uri)
        .replace("{redirect_host}", &host)
        .replace("{redirect_domain}", &domain)
        .replace("{portal_url}", &portal_url(portal))
}

fn portal_url(portal: &resolve::Portal) -> String {
    portal
        .url
        .clone()
        .unwrap_or_else(|| "https://portal.example.com".into())
}

fn redirect_host(portal: &resolve::Portal) -> String {
    url::Url::parse(&portal.redirect_uri)
        .ok()
        .and_then(|u| u.host_str().map(str::to_string))
        .unwrap_or_else(|| portal.redirect_uri.clone())
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
        &provider.describe_categories(lang),
        width,
    ));
    // What it enables is a sentence of its own: no label, so French needs no colon before it.
    line(wrap::indented(provider.enables.get(lang), "", width));
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
        if let Some(text) =
            crate::check::probes::authorize::describe(provider, &portal.redirect_uri, lang)
        {
            line(wrap::indented(&text, "  ", width));
        }
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
    let last_steps = portal_steps(provider, lang, portal);
    let steps = provider
        .guide
        .iter()
        .map(|step| fill(step.get(lang), portal))
        .chain(last_steps.iter().cloned());
    for (n, step) in steps.enumerate() {
        line(wrap::item(&format!("  {:>2}. ", n + 1), &step, width));
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
    if let Some(claims) = &provider.check {
        line(format!(
            "\n{}",
            paint(
                BOLD,
                lang.pick(
                    "What `integrate check` proves",
                    "Ce que prouve `integrate check`"
                )
            )
        ));
        line(wrap::indented(claims.mirrors.get(lang), "  ", width));
        if !claims.cannot_see.is_empty() {
            line(format!(
                "  {}",
                lang.pick("What it cannot see:", "Ce qu'elle ne voit pas\u{a0}:")
            ));
            for blind in &claims.cannot_see {
                line(wrap::item("  - ", blind.get(lang), width));
            }
        }
    }
    // Every provider file has `[expiry]`: whether a date can be read, or why not.
    line(format!(
        "\n{}",
        paint(BOLD, lang.pick("Expiry", "Expiration"))
    ));
    // Two items, so a wrapped first sentence does not run into the second.
    for text in [&provider.expiry.what, &provider.expiry.how] {
        line(wrap::hanging(text.get(lang), "  - ", "    ", width));
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
    if last_steps.is_empty() {
        line(format!(
            "\n{} `integrate add {}`",
            lang.pick("Then run:", "Ensuite\u{a0}:"),
            provider.id
        ));
    }
    out
}

/// The portal's own last steps, from the help article (Settings › Integration › Third-party
/// services, the switch, Enable), then the `integrate` way to the same place. None for a
/// provider no portal generation has keys for (an editor plugin takes its key itself).
fn portal_steps(provider: &Provider, lang: Lang, portal: &resolve::Portal) -> Vec<String> {
    let workspace = provider.portal.workspace.supported;
    let docspace = provider.portal.docspace.supported;
    if !workspace && !docspace {
        return Vec::new();
    }
    let name = &provider.name;
    let mut steps = vec![
        // A consumer that left the portal's files names the versions that still have it.
        match (&provider.portal.workspace.until, docspace) {
            (Some(until), false) => format!(
                "{} {until}{}",
                lang.pick(
                    "In the portal (Workspace before",
                    "Dans le portail (Workspace antérieur à la"
                ),
                lang.pick(
                    "), open Settings › Integration › Third-party services (Settings is the gear icon at the top right).",
                    "), ouvrez Paramètres › Intégration › Services tiers (Paramètres est l'icône en forme d'engrenage en haut à droite).",
                ),
            ),
            _ => lang
                .pick(
                    "In the portal, open Settings › Integration › Third-party services (in Workspace, Settings is the gear icon at the top right).",
                    "Dans le portail, ouvrez Paramètres › Intégration › Services tiers (dans Workspace, Paramètres est l'icône en forme d'engrenage en haut à droite).",
                )
                .to_string(),
        },
        format!(
            "{} {name}{}",
            lang.pick("Click the switch next to", "Cliquez sur le curseur du service"),
            lang.pick(": a window opens.", "\u{a0}: une nouvelle fenêtre s'affiche."),
        ),
        format!(
            "{}{}",
            lang.pick(
                "Enter the values you copied in its fields (Fields, below, says which is which) and click Enable",
                "Saisissez les valeurs copiées dans les champs correspondants (voir Champs, ci-dessous) et cliquez sur Enable (Activer",
            ),
            match (docspace, lang) {
                (true, Lang::En) => " (in DocSpace: Connect).",
                (true, Lang::Fr) => "\u{a0}; dans DocSpace\u{a0}: Connect).",
                (false, Lang::En) => ".",
                (false, Lang::Fr) => ").",
            }
        ),
    ];
    let mut writes = Vec::new();
    if workspace {
        writes.push("`integrate export workspace`".to_string());
    }
    if docspace {
        writes.push("`integrate export docspace`".to_string());
    }
    let mut text = format!(
        "{} `integrate add {}` {} {}",
        lang.pick(
            "Or, instead of typing them into the portal:",
            "Ou, au lieu de les saisir dans le portail\u{a0}:"
        ),
        provider.id,
        lang.pick(
            "saves and checks them, then",
            "les enregistre et les vérifie, puis"
        ),
        writes.join(lang.pick(" or ", " ou ")),
    );
    text.push_str(lang.pick(
        " writes them into the portal's configuration file",
        " les écrit dans le fichier de configuration du portail",
    ));
    if docspace {
        text.push_str(&format!(
            "{} `integrate push {}` {}",
            lang.pick(", or", ", ou"),
            portal_url(portal),
            lang.pick(
                "sends them to a running DocSpace",
                "les envoie à un DocSpace en service"
            ),
        ));
    }
    text.push('.');
    steps.push(text);
    steps
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

/// What to do once a provider is saved: check it again, then put the keys into the portal,
/// for the portal kind the config names (or each one the provider supports).
pub fn next_steps(provider: &Provider, portal: &resolve::Portal, lang: Lang) -> String {
    let id = &provider.id;
    let mut steps = vec![format!(
        "`integrate check {id}` {}",
        lang.pick(
            "checks it again at any time",
            "le vérifie à nouveau à tout moment"
        )
    )];
    let kinds = [
        (
            resolve::PortalKind::Workspace,
            "workspace",
            &provider.portal.workspace,
            "web.consumers.config",
        ),
        (
            resolve::PortalKind::DocSpace,
            "docspace",
            &provider.portal.docspace,
            "autofac.consumers.json",
        ),
    ];
    for (kind, name, mapping, file) in kinds {
        if !mapping.supported || portal.kind.is_some_and(|k| k != kind) {
            continue;
        }
        steps.push(format!(
            "`integrate export {name}` {} {file}",
            lang.pick(
                "writes it into the portal's",
                "l'écrit dans le fichier du portail"
            )
        ));
        if kind == resolve::PortalKind::DocSpace {
            steps.push(format!(
                "`integrate push URL` {}",
                lang.pick(
                    "sends it to a running DocSpace",
                    "l'envoie à un DocSpace en service"
                )
            ));
        }
    }
    format!(
        "{} {}.",
        lang.pick("Next:", "Ensuite\u{a0}:"),
        steps.join("; ")
    )
}
