//! The guides as an admin reads them: every step says where it comes from, each language is
//! clean of the other, French follows French typography, and two guides per language are
//! pinned byte for byte at 80 columns (`INTEGRATE_BLESS=1` rewrites the golden files).

use std::path::PathBuf;

use integrate::catalog::{self, Provider, schema::HELP_ARTICLE};
use integrate::config::resolve::{self, Portal, RedirectFrom};
use integrate::lang::Lang;
use integrate::output::guide;

use crate::support::Sandbox;

/// Rendered so wide that no line wraps: one catalog text per line.
const UNWRAPPED: usize = 100_000;

fn default_portal() -> Portal {
    Portal {
        url: None,
        kind: None,
        redirect_uri: resolve::DEFAULT_REDIRECT_URI.into(),
        redirect_from: RedirectFrom::Default,
    }
}

fn render(provider: &Provider, lang: Lang) -> String {
    guide::render(provider, lang, &default_portal(), UNWRAPPED)
}

/// Every French text of a provider file, with where it is.
fn french_texts(p: &Provider) -> Vec<(String, String)> {
    let mut texts = vec![("enables".to_string(), p.enables.fr.clone())];
    if let Some(d) = &p.deprecated {
        texts.push(("deprecated".into(), d.fr.clone()));
    }
    for (n, step) in p.guide.iter().enumerate() {
        texts.push((format!("guide step {}", n + 1), step.fr.clone()));
    }
    for (n, note) in p.notes.iter().enumerate() {
        texts.push((format!("note {}", n + 1), note.fr.clone()));
    }
    if let Some(prompt) = &p.endpoint_prompt {
        texts.push(("endpoint_prompt".into(), prompt.fr.clone()));
    }
    for f in &p.fields {
        texts.push((format!("field {} label", f.name), f.label.fr.clone()));
        texts.push((format!("field {} help", f.name), f.help.fr.clone()));
    }
    for finding in &p.portal_findings {
        let place = format!("portal finding {}", finding.code);
        texts.push((place.clone(), finding.message.fr.clone()));
        if let Some(advice) = &finding.advice {
            texts.push((place, advice.fr.clone()));
        }
    }
    if let Some(check) = &p.check {
        texts.push(("check mirrors".into(), check.mirrors.fr.clone()));
        for (n, item) in check.cannot_see.iter().enumerate() {
            texts.push((format!("check cannot_see {}", n + 1), item.fr.clone()));
        }
    }
    texts.push(("expiry what".into(), p.expiry.what.fr.clone()));
    texts.push(("expiry how".into(), p.expiry.how.fr.clone()));
    if let Some(redirect) = &p.redirect_check {
        texts.push(("redirect_check why".into(), redirect.why.fr.clone()));
        if let Some(register) = &redirect.register {
            texts.push(("redirect_check register".into(), register.fr.clone()));
        }
        for answer in &redirect.answers {
            if let Some(fix) = &answer.fix {
                texts.push(("redirect_check answer fix".into(), fix.fr.clone()));
            }
        }
    }
    for (generation, m) in [
        ("workspace", &p.portal.workspace),
        ("docspace", &p.portal.docspace),
    ] {
        if let Some(note) = &m.note {
            texts.push((format!("portal.{generation} note"), note.fr.clone()));
        }
    }
    texts
}

/// The rule for `source`: every step names the page it was written from or checked against,
/// an `https://` URL. A step that is the help article's own text cites the article; a step
/// written or changed from a provider's current documentation cites that page.
#[test]
fn every_guide_step_names_its_source() {
    let mut missing = Vec::new();
    let mut cited = std::collections::BTreeSet::new();
    for p in catalog::all() {
        for (n, step) in p.guide.iter().enumerate() {
            match step.source.as_deref().map(url::Url::parse) {
                Some(Ok(url)) if url.scheme() == "https" && url.host_str().is_some() => {
                    cited.insert(url.host_str().unwrap_or_default().to_string());
                }
                Some(_) => missing.push(format!(
                    "{} step {}: source is not an https URL",
                    p.id,
                    n + 1
                )),
                None => missing.push(format!("{} step {}: no source", p.id, n + 1)),
            }
        }
        for (n, note) in p.notes.iter().enumerate() {
            if let Some(source) = &note.source {
                assert!(
                    source.starts_with("https://"),
                    "{} note {}: source {source:?} is not an https URL",
                    p.id,
                    n + 1
                );
            }
        }
        for f in &p.fields {
            if let Some(source) = &f.source {
                assert!(
                    source.starts_with("https://"),
                    "{}.{}: source",
                    p.id,
                    f.name
                );
            }
        }
    }
    assert!(
        missing.is_empty(),
        "steps without a source:\n{}",
        missing.join("\n")
    );
    // The rule is not "cite the article everywhere": today's consoles come from their docs.
    let article_only = catalog::all()
        .iter()
        .flat_map(|p| &p.guide)
        .all(|s| s.source.as_deref() == Some(HELP_ARTICLE));
    assert!(!article_only && cited.len() > 10, "sources: {cited:?}");
}

/// A step is text; the portal's redirect URI and hosts are markers, filled per portal kind.
#[test]
fn steps_use_markers_not_the_relay_address() {
    for p in catalog::all() {
        for (n, step) in p.guide.iter().enumerate() {
            for text in [&step.en, &step.fr] {
                assert!(
                    !text.contains("service.onlyoffice.com")
                        && !text.contains("service.teamlab.info"),
                    "{} step {}: use {{redirect_uri}} / {{redirect_host}} / {{redirect_domain}}: {text}",
                    p.id,
                    n + 1
                );
            }
        }
    }
}

/// Words that only one of the two languages uses in running text. UI labels of the other
/// language stay readable when quoted: «…» in French, "…" in English.
const ENGLISH_ONLY: &[&str] = &[
    "the", "and", "with", "your", "you", "click", "then", "this", "that", "from", "which", "when",
    "into", "should", "must", "enter", "only", "also", "each", "every", "will", "are", "is", "it",
    "of", "to", "for", "at", "by", "be", "has", "have", "not", "its", "their", "they", "there",
    "here", "after", "before", "under", "what", "where", "while", "because", "cannot", "can",
    "does", "was", "were", "been", "an", "or", "in", "up",
];
const FRENCH_ONLY: &[&str] = &[
    "le",
    "la",
    "les",
    "des",
    "du",
    "et",
    "est",
    "vous",
    "votre",
    "vos",
    "cliquez",
    "puis",
    "dans",
    "avec",
    "pour",
    "sur",
    "une",
    "aux",
    "qui",
    "que",
    "pas",
    "sont",
    "cette",
    "ensuite",
    "saisissez",
    "copiez",
    "ouvrez",
    "connectez",
    "être",
    "ou",
    "où",
    "au",
    "sans",
    "leur",
    "leurs",
    "chaque",
    "depuis",
    "mais",
    "comme",
    "très",
    "déjà",
    "à",
];

/// The words of `line` that count as running text: URLs, `{markers}`, identifiers
/// (`files.metadata.read`, `r_liteprofile`, `AKIA…`) and quoted labels are left out.
fn running_words(line: &str, quotes: &[(char, char)]) -> Vec<String> {
    let mut text = String::new();
    let mut closing: Option<char> = None;
    for c in line.chars() {
        match closing {
            Some(end) if c == end => closing = None,
            Some(_) => {}
            None => match quotes.iter().find(|(open, _)| *open == c) {
                Some((_, end)) => closing = Some(*end),
                None => text.push(c),
            },
        }
    }
    text.split_whitespace()
        .filter(|token| !token.contains("://") && !token.contains('{'))
        .map(|token| token.trim_matches(|c: char| !c.is_alphanumeric()))
        .filter(|token| {
            !token.is_empty()
                && token
                    .chars()
                    .all(|c| c.is_alphabetic() || c == '\'' || c == '’' || c == '-')
        })
        // `l'application` is two words; `client-not-enrolled` or `sign-in` is one.
        .flat_map(|token| {
            token
                .split(['\'', '’'])
                .map(str::to_lowercase)
                .collect::<Vec<_>>()
        })
        .collect()
}

#[test]
fn every_guide_renders_in_one_language() {
    let mut wrong = Vec::new();
    for p in catalog::all() {
        for (lang, foreign, quotes) in [
            (Lang::En, FRENCH_ONLY, &[('"', '"'), ('“', '”')][..]),
            (Lang::Fr, ENGLISH_ONLY, &[('«', '»'), ('"', '"')][..]),
        ] {
            for line in render(p, lang).lines() {
                let hits: Vec<String> = running_words(line, quotes)
                    .into_iter()
                    .filter(|w| foreign.contains(&w.as_str()))
                    .collect();
                if !hits.is_empty() {
                    wrong.push(format!("{} {lang:?}: {hits:?} in {line:?}", p.id));
                }
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "lines in the other language:\n{}",
        wrong.join("\n")
    );
}

/// The heuristic above can fail: a stray English sentence in French is caught.
#[test]
fn the_language_check_catches_a_stray_sentence() {
    let quotes = &[('«', '»'), ('"', '"')][..];
    let hits = |line: &str| {
        running_words(line, quotes)
            .into_iter()
            .filter(|w| ENGLISH_ONLY.contains(&w.as_str()))
            .count()
    };
    assert!(hits("Cliquez sur Create app, then copy the key.") > 0);
    let french_hits = running_words("Click Create app, puis copiez la clé.", &[('"', '"')])
        .into_iter()
        .filter(|w| FRENCH_ONLY.contains(&w.as_str()))
        .count();
    assert!(french_hits > 0);
    assert_eq!(
        hits("Cliquez sur « Sign In with LinkedIn » puis sur Create app."),
        0
    );
    assert_eq!(
        hits("Cochez files.metadata.read et r_emailaddress (https://x.example/the-and)."),
        0
    );
}

/// Capitalised French words that cannot follow a colon: a sentence does not restart there.
const NOT_AFTER_COLON: &[&str] = &[
    "Le",
    "La",
    "Les",
    "Un",
    "Une",
    "Des",
    "Du",
    "Il",
    "Elle",
    "Ils",
    "Elles",
    "Ce",
    "Cette",
    "Ces",
    "Si",
    "Vous",
    "Votre",
    "Sans",
    "Sinon",
    "Seul",
    "Seule",
    "Pour",
    "Dans",
    "Avec",
    "Sur",
    "Puis",
    "Ensuite",
    "Chaque",
    "Tous",
    "Toutes",
    "On",
    "Son",
    "Sa",
    "Ses",
    "Leur",
    "Quand",
    "Lorsque",
    "Au",
    "Aux",
    "En",
    "Et",
    "Ou",
    "Que",
    "Qui",
    "Cliquez",
    "Saisissez",
    "Copiez",
    "Ouvrez",
    "Choisissez",
    "Cochez",
    "Activez",
    "Ajoutez",
    "Indiquez",
    "Utilisez",
    "Notez",
    "Gardez",
    "Attention",
    "Ne",
    "Pas",
    "Aucun",
    "Aucune",
    "Sous",
    "Depuis",
    "Tant",
    "Comme",
];

/// French typography, one rule for every French text: a no-break space (U+00A0) before
/// `:` `;` `?` `!` and inside « », never an ordinary space there, and no capital after `:`.
fn typography_errors(text: &str) -> Vec<String> {
    let chars: Vec<char> = text.chars().collect();
    let mut errors = Vec::new();
    for (i, &c) in chars.iter().enumerate() {
        let before = i.checked_sub(1).map(|j| chars[j]);
        let after = chars.get(i + 1).copied();
        let ends_word = after.is_none_or(|a| a.is_whitespace() || a == ')' || a == '»');
        match c {
            // A quoted key in a code sample ("type": "service_account") is not prose.
            ':' | ';' | '?' | '!'
                if ends_word && before != Some('\u{a0}') && before != Some('"') =>
            {
                errors.push(format!("no U+00A0 before {c:?} at {i}"));
            }
            '«' if after != Some('\u{a0}') => errors.push(format!("no U+00A0 after « at {i}")),
            '»' if before != Some('\u{a0}') => errors.push(format!("no U+00A0 before » at {i}")),
            _ => {}
        }
        if c == ':' && ends_word && after.is_some() {
            let next: String = chars[i + 1..]
                .iter()
                .skip_while(|c| c.is_whitespace())
                .take_while(|c| c.is_alphabetic())
                .collect();
            if NOT_AFTER_COLON.contains(&next.as_str()) {
                errors.push(format!("capital {next:?} after a colon at {i}"));
            }
        }
    }
    errors
}

#[test]
fn french_text_follows_french_typography() {
    let mut wrong = Vec::new();
    for p in catalog::all() {
        for (place, text) in french_texts(p) {
            for error in typography_errors(&text) {
                wrong.push(format!("{} {place}: {error}: {text}", p.id));
            }
        }
        for line in render(p, Lang::Fr).lines() {
            for error in typography_errors(line) {
                wrong.push(format!("{} rendered: {error}: {line}", p.id));
            }
        }
    }
    assert!(wrong.is_empty(), "French typography:\n{}", wrong.join("\n"));
    assert!(!typography_errors("Copiez la valeur : Azure la masque").is_empty());
    assert!(!typography_errors("valeur\u{a0}: Cliquez ensuite").is_empty());
    assert!(typography_errors("valeur\u{a0}: cliquez sur https://x.example/a?b=c").is_empty());
}

/// Every guide says, after what the check proves and before the portal, what expires and
/// whether its date can be seen, in the guide's language.
#[test]
fn every_guide_says_what_expires() {
    for p in catalog::all() {
        for (lang, heading) in [(Lang::En, "Expiry"), (Lang::Fr, "Expiration")] {
            // Headings are bold: compare the text without its styles.
            let text = anstream::adapter::strip_str(&render(p, lang)).to_string();
            let section = format!(
                "\n\n{heading}\n  - {}\n  - {}\n\n",
                p.expiry.what.get(lang),
                p.expiry.how.get(lang)
            );
            assert!(text.contains(&section), "{} {lang:?}:\n{text}", p.id);
            let portal = text
                .find(lang.pick("\nIn the portal\n", "\nDans le portail\n"))
                .unwrap_or_else(|| panic!("{} {lang:?}: no portal section", p.id));
            assert!(text.find(&section).unwrap() < portal, "{} {lang:?}", p.id);
            if let Some(proves) = text.find(lang.pick(
                "What `integrate check` proves",
                "Ce que prouve `integrate check`",
            )) {
                assert!(proves < text.find(&section).unwrap(), "{} {lang:?}", p.id);
            }
        }
    }
}

/// `COLUMNS=80`, no config: what an admin sees in a terminal or a pipe.
fn golden(id: &str, lang: &str) {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/guides")
        .join(format!("{id}.{lang}.txt"));
    let sandbox = Sandbox::new();
    let mut cmd = sandbox.command(&["--lang", lang, "guide", id]);
    cmd.env("COLUMNS", "80");
    let out = sandbox.run_with(cmd);
    assert_eq!(out.code, 0, "{}", out.stderr);
    if std::env::var_os("INTEGRATE_BLESS").is_some() {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, &out.stdout).unwrap();
        return;
    }
    let expected = std::fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!(
            "{}: {e}; run with INTEGRATE_BLESS=1 to create it",
            path.display()
        )
    });
    if out.stdout != expected {
        let diff = similar::TextDiff::from_lines(&expected, &out.stdout);
        panic!(
            "{} differs (INTEGRATE_BLESS=1 rewrites it):\n{}",
            path.display(),
            diff.unified_diff().context_radius(2)
        );
    }
}

#[test]
fn golden_google_en() {
    golden("google", "en");
}

#[test]
fn golden_dropbox_en() {
    golden("dropbox", "en");
}

#[test]
fn golden_google_fr() {
    golden("google", "fr");
}

#[test]
fn golden_dropbox_fr() {
    golden("dropbox", "fr");
}

/// Every guide the portal has keys for ends with the portal's own steps and the `integrate`
/// way there, naming only the generations that have the provider; a plugin's guide does not.
#[test]
fn guides_end_with_the_portal_steps() {
    for p in catalog::all() {
        let text = render(p, Lang::En);
        // The steps are the paragraph after the "Steps" heading.
        let steps = text
            .split("\n\n")
            .find(|block| block.lines().next().is_some_and(|l| l.contains("Steps")))
            .unwrap_or_default();
        let workspace = p.portal.workspace.supported;
        let docspace = p.portal.docspace.supported;
        if !workspace && !docspace {
            assert!(!steps.contains("Third-party services"), "{}", p.id);
            assert!(
                text.contains(&format!("Then run: `integrate add {}`", p.id)),
                "{}",
                p.id
            );
            continue;
        }
        let last_steps: Vec<&str> = steps.lines().rev().take(4).collect();
        assert!(
            last_steps[3].contains("Settings › Integration › Third-party services"),
            "{}: {last_steps:?}",
            p.id
        );
        assert!(
            last_steps[2].contains(&format!("switch next to {}", p.name)),
            "{}",
            p.id
        );
        assert!(last_steps[1].contains("click Enable"), "{}", p.id);
        let alternative = last_steps[0];
        assert!(
            alternative.contains(&format!("`integrate add {}`", p.id)),
            "{}",
            p.id
        );
        assert_eq!(
            alternative.contains("export workspace"),
            workspace,
            "{}",
            p.id
        );
        assert_eq!(
            alternative.contains("export docspace"),
            docspace,
            "{}",
            p.id
        );
        assert_eq!(alternative.contains("integrate push"), docspace, "{}", p.id);
        assert_eq!(
            last_steps[1].contains("in DocSpace: Connect"),
            docspace,
            "{}",
            p.id
        );
    }
    // EasyBib left Workspace in v12.5: the portal step says which versions still have it.
    let easybib = render(catalog::find("easybib").unwrap(), Lang::En);
    assert!(easybib.contains("In the portal (Workspace before v12.5), open Settings"));
}
