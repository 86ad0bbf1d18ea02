//! Property-based tests (issue 11, "Lasting protection"): the config parser and writer,
//! secret references, every field validator, the portal XML and JSON editors and the redactor,
//! each fed inputs nobody would write by hand. None may panic, write a file that does not
//! parse, or print a secret. Case counts are bounded so the whole suite stays fast.

use std::path::Path;

use integrate::catalog::{self, Kind, validate};
use integrate::config::SecretRef;
use integrate::config::file::{self, ConfigFile};
use integrate::portal::{self, Assignment, Generation};
use integrate::redact;
use proptest::prelude::*;

/// Characters secrets are made of, with the ones that have to be escaped somewhere.
fn secret() -> impl Strategy<Value = String> {
    prop_oneof![
        "[A-Za-z0-9]{8,48}",
        "[A-Za-z0-9+/=_:.@%&?#!~ -]{8,48}",
        "[a-zA-Z0-9éü€ßЖ中\"'<>\\\\ ]{8,32}",
    ]
    .prop_filter("no surrounding whitespace", |s| {
        s.trim() == s && s.chars().count() >= 8
    })
}

/// Any text at all: controls, escapes, every plane.
fn anything() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        "(?s).{0,80}",
        "[ -~\\n\\r\\t\u{1b}\u{9b}\u{202e}]{0,80}"
    ]
}

/// Every 8-character run of `s` (or `s` itself when shorter).
fn runs(s: &str) -> Vec<String> {
    let chars: Vec<char> = s.chars().collect();
    if chars.len() < 8 {
        return vec![s.to_string()];
    }
    chars.windows(8).map(|w| w.iter().collect()).collect()
}

fn assert_hidden(out: &str, secret: &str) -> Result<(), TestCaseError> {
    for run in runs(secret) {
        prop_assert!(
            !out.contains(&run),
            "{run:?} of {secret:?} shown in {out:?}"
        );
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// The secret, its URL and JSON escapes and an HTTP Basic header built from it are hidden
    /// wherever they appear, whatever surrounds them.
    #[test]
    fn redactor_hides_every_derived_form(
        secret in secret(),
        id in "[A-Za-z0-9]{1,12}",
        before in anything(),
        after in anything(),
    ) {
        use base64::Engine as _;
        redact::register(&secret);
        let json = serde_json::to_string(&secret).unwrap();
        let form: String = url::form_urlencoded::byte_serialize(secret.as_bytes()).collect();
        let header = base64::engine::general_purpose::STANDARD.encode(format!("{id}:{secret}"));
        for shown in [secret.clone(), json[1..json.len() - 1].to_string(), form.clone(), form.replace('+', "%20")] {
            let out = redact::scrub(&format!("{before}{shown}{after}"));
            assert_hidden(&out, &secret)?;
            assert_hidden(&out, &shown)?;
        }
        let out = redact::scrub(&format!("{before} Authorization: Basic {header}\n{after}"));
        prop_assert!(!out.contains(&header), "{out:?}");
        let out = redact::scrub(&format!("{before} {header} {after}"));
        // The characters encoding only the secret's bytes (the id's come first).
        let first = (id.len() + 1).div_ceil(3) * 4 + 4;
        if header.len() >= first + 16 {
            for run in runs(&header[first..header.len() - 4]) {
                prop_assert!(!out.contains(&run), "{run:?} of {header:?} shown in {out:?}");
            }
        }
    }

    /// Text around a secret stays as it was: ordinary words, even long ones, are not masked.
    #[test]
    fn redactor_leaves_surrounding_words_alone(
        secret in "[A-Za-z0-9]{12,40}",
        words in prop::collection::vec(
            prop::sample::select(vec![
                "Secrets", "Report", "provider", "configuration", "unreachable", "Environment",
                "token", "checked", "integrate", "telegram", "status:", "(masked)", "##",
            ]),
            1..12,
        ),
        at in 0usize..12,
    ) {
        let text_words = words.join(" ");
        prop_assume!(runs(&secret).iter().all(|r| !text_words.contains(r.as_str())));
        redact::register(&secret);
        let at = at.min(words.len());
        let before = words[..at].join(" ");
        let after = words[at..].join(" ");
        let out = redact::scrub(&format!("{before} {secret} {after}"));
        prop_assert_eq!(out, format!("{before} [REDACTED] {after}"));
    }

    /// Whatever comes in, nothing hostile comes out, and scrubbing twice changes nothing.
    #[test]
    fn redactor_output_is_inert_and_stable(text in anything()) {
        let out = redact::scrub(&text);
        prop_assert!(!out.chars().any(redact::is_hostile), "{out:?}");
        prop_assert_eq!(redact::scrub(&out), out.clone());
        let styled = redact::scrub_styled(&text);
        let bare = regex::Regex::new(r"\x1b\[[0-9;]*m").unwrap().replace_all(&styled, "").into_owned();
        prop_assert!(!bare.chars().any(redact::is_hostile), "{styled:?}");
    }

    /// Every field of every provider: any value is accepted or refused, never a panic; a
    /// refused secret is never quoted; a hostile character is always refused.
    #[test]
    fn every_field_validator_is_total(value in anything(), pick in any::<prop::sample::Index>()) {
        let fields: Vec<_> = catalog::all()
            .iter()
            .flat_map(|p| p.fields.iter().map(move |f| (p, f)))
            .collect();
        let (provider, field) = fields[pick.index(fields.len())];
        let normalized = validate::normalize(field, &value);
        prop_assert_eq!(validate::normalize(field, &normalized), normalized.clone());
        let verdict = validate::check(provider, field, &normalized);
        if let Err(refusal) = &verdict
            && field.secret
            && normalized.chars().count() >= 8
            && !field.example.contains(normalized.as_str())
        {
            prop_assert!(!refusal.message.contains(normalized.as_str()), "{refusal}");
        }
        if field.kind != Kind::Bool
            && validate::hostile_character(&normalized, field.kind == Kind::Multiline).is_some()
        {
            prop_assert!(verdict.is_err(), "{}.{} accepted {normalized:?}", provider.id, field.name);
        }
        let _ = validate::check_endpoint(&value);
        let _ = validate::parse_bool(&value);
    }

    /// An endpoint with credentials is refused without repeating them.
    #[test]
    fn endpoint_credentials_are_never_echoed(
        user in "[A-Za-z0-9]{0,10}",
        password in "[A-Za-z0-9]{8,24}",
        host in prop::sample::select(vec!["127.0.0.1:9000", "localhost", "s3.example.internal"]),
        scheme in prop::sample::select(vec!["http", "https"]),
    ) {
        let value = format!("{scheme}://{user}:{password}@{host}");
        let err = validate::check_endpoint(&value).unwrap_err();
        prop_assert!(!err.contains(&password), "{err}");
    }

    /// A field entry of any TOML value is read as a reference or refused, and what the writer
    /// makes of a reference reads back the same.
    #[test]
    fn secret_references_round_trip(value in anything(), kind in 0u8..3) {
        let reference = match kind {
            0 => SecretRef::Inline(value.clone()),
            1 => SecretRef::Keyring(value.clone()),
            _ => SecretRef::Env(value.clone()),
        };
        let mut doc = toml_edit::DocumentMut::new();
        doc.insert("field", reference.to_item());
        let text = doc.to_string();
        let parsed: toml_edit::DocumentMut = text.parse().map_err(|e| TestCaseError::fail(format!("{e}: {text:?}")))?;
        prop_assert_eq!(SecretRef::from_item(&parsed["field"]), Ok(reference));
    }

    #[test]
    fn any_toml_value_is_a_reference_or_refused(text in "(?s)[a-z]{1,4} = .{0,60}") {
        if let Ok(doc) = text.parse::<toml_edit::DocumentMut>() {
            for (_, item) in doc.iter() {
                let _ = SecretRef::from_item(item);
            }
        }
    }
}

/// A config file as integrate keeps it (0600), so reading it warns of nothing.
fn write_private(path: &Path, bytes: &[u8]) {
    use std::os::unix::fs::PermissionsExt;
    std::fs::write(path, bytes).unwrap();
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o600)).unwrap();
}

/// Text that a parser should find hard: TOML, XML and JSON punctuation in any order.
fn structured_noise() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop::sample::select(vec![
            "[",
            "]",
            "{",
            "}",
            "=",
            "\"",
            "'",
            "'''",
            "\"\"\"",
            "\n",
            "\r\n",
            "#",
            ",",
            ":",
            "a",
            "providers.x",
            "<",
            ">",
            "</",
            "/>",
            "<item key=\"k\" value=\"v\"",
            "&amp;",
            "&#",
            "\\",
            "<!--",
            "-->",
            "/*",
            "*/",
            "//",
            "\u{feff}",
            "\u{0}",
            "null",
            "components",
        ]),
        0..200,
    )
    .prop_map(|parts| parts.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    /// The config reader takes any bytes: it parses them or says why, naming the file.
    #[test]
    fn config_parser_is_total(
        bytes in prop_oneof![
            any::<Vec<u8>>(),
            structured_noise().prop_map(String::into_bytes),
        ],
    ) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("integrate.toml");
        write_private(&path, &bytes);
        if let Err(e) = ConfigFile::load(&path) {
            prop_assert!(e.to_string().contains(&path.display().to_string()), "{e}");
        }
    }

    /// Both portal parsers take any text: they parse it or say where it is wrong.
    #[test]
    fn portal_parsers_are_total(text in prop_oneof![anything(), structured_noise()], json in any::<bool>()) {
        let generation = if json { Generation::Docspace } else { Generation::Workspace };
        let _ = portal::parse(generation, Path::new("f"), text);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// Writes keep the file parseable, its comments, BOM and line endings, and every value
    /// exactly as given; no temporary file is left.
    #[test]
    fn config_writer_round_trips(
        entries in prop::collection::vec(
            (any::<prop::sample::Index>(), any::<prop::sample::Index>(), anything(), 0u8..3),
            1..8,
        ),
        bom in any::<bool>(),
        crlf in any::<bool>(),
    ) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("integrate.toml");
        let eol = if crlf { "\r\n" } else { "\n" };
        let head = format!("{}# my portal{eol}[portal]{eol}url = \"https://p.example\" # ours{eol}", if bom { "\u{feff}" } else { "" });
        write_private(&path, head.as_bytes());
        let providers = catalog::all();
        let mut expected = std::collections::BTreeMap::new();
        for (p, f, value, kind) in &entries {
            let provider = &providers[p.index(providers.len())];
            let field = &provider.fields[f.index(provider.fields.len())];
            let reference = match kind {
                0 => SecretRef::Inline(value.clone()),
                1 => SecretRef::Keyring(value.clone()),
                _ => SecretRef::Env(value.clone()),
            };
            expected.insert((provider.id.clone(), field.name.clone()), reference);
        }
        let writes = expected.clone();
        file::update(&path, move |doc| {
            for ((id, name), reference) in &writes {
                let providers = doc.entry("providers").or_insert_with(toml_edit::table);
                providers.as_table_mut().unwrap().set_implicit(true);
                let table = providers.as_table_mut().unwrap().entry(id).or_insert_with(toml_edit::table);
                table.as_table_mut().unwrap().insert(name, reference.to_item());
            }
            Ok(((), true))
        })
        .map_err(|e| TestCaseError::fail(e.to_string()))?;
        let text = std::fs::read_to_string(&path).unwrap();
        prop_assert!(text.starts_with(&head), "{text:?}");
        prop_assert_eq!(text.starts_with('\u{feff}'), bom);
        if crlf {
            prop_assert!(!text.replace("\r\n", "").contains('\n'), "{text:?}");
        }
        let config = ConfigFile::load(&path).map_err(|e| TestCaseError::fail(e.to_string()))?;
        for ((id, name), reference) in &expected {
            let item = config.provider_table(id).and_then(|t| t.get(name));
            let read = item.map(SecretRef::from_item);
            prop_assert_eq!(read, Some(Ok(reference.clone())), "{}.{}", id, name);
        }
        let names: Vec<String> = std::fs::read_dir(dir.path()).unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.ends_with(".tmp"))
            .collect();
        prop_assert!(names.is_empty(), "{names:?}");
    }

    /// Any values written into either portal format: the file parses again, holds exactly
    /// those values, and (XML) every character is one XML 1.0 allows.
    #[test]
    fn portal_editors_write_what_they_are_given(
        picks in prop::collection::vec((any::<prop::sample::Index>(), anything()), 1..10),
        json in any::<bool>(),
    ) {
        let (generation, fixture) = if json {
            (Generation::Docspace, include_str!("fixtures/portal/autofac.consumers.json"))
        } else {
            (Generation::Workspace, include_str!("fixtures/portal/web.consumers.new.config"))
        };
        let parsed = portal::parse(generation, Path::new("f"), fixture.to_string()).unwrap();
        let writable: Vec<_> = parsed.slots.iter().filter(|s| s.writable).collect();
        let mut wanted = std::collections::BTreeMap::new();
        for (pick, value) in &picks {
            // What export sends: never a character the file format cannot carry.
            let value: String = value.chars().filter(|c| !redact::is_hostile(*c) || *c == '\r').collect();
            let slot = writable[pick.index(writable.len())];
            wanted.insert((slot.consumer.clone(), slot.key.clone()), value);
        }
        let assignments: Vec<Assignment> = wanted
            .iter()
            .map(|((consumer, key), value)| Assignment {
                provider: "test",
                field: key.clone(),
                consumer: consumer.clone(),
                key: key.clone(),
                value: value.clone(),
                secret: false,
            })
            .collect();
        let edit = parsed.apply(&assignments);
        let again = portal::parse(generation, Path::new("f"), edit.text.clone())
            .map_err(|e| TestCaseError::fail(format!("{e}")))?;
        prop_assert_eq!(&again.consumers, &parsed.consumers);
        for ((consumer, key), value) in &wanted {
            let slot = again.slots.iter().find(|s| &s.consumer == consumer && &s.key == key).unwrap();
            prop_assert_eq!(&slot.value, value, "{}.{}", consumer, key);
        }
        if !json {
            for c in edit.text.chars() {
                let ok = matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..);
                prop_assert!(ok, "{c:?} is not an XML 1.0 character");
            }
        }
    }
}
