//! The catalog agrees with the spec, the checks and the fakes; every provider file is complete.

use std::collections::BTreeSet;

use integrate::catalog::{self, validate};

/// The spec's ids and fields (spec/cli.md, "Provider ids and fields"): (id, required, optional).
/// The contract's minimum: these providers must exist with these fields. A provider the spec
/// does not name needs no row.
const SPEC: &[(&str, &[&str], &[&str])] = &[
    (
        "s3",
        &["access_key_id", "secret_access_key"],
        &["region", "bucket", "path_style"],
    ),
    (
        "apple",
        &["client_id", "team_id", "key_id", "private_key"],
        &[],
    ),
    ("bitly", &["access_token"], &[]),
    ("box", &["client_id", "client_secret"], &[]),
    ("clickatell", &["api_key"], &["sender"]),
    (
        "docusign",
        &["integration_key", "secret_key", "auth_host"],
        &[],
    ),
    ("dropbox", &["app_key", "app_secret"], &[]),
    ("easybib", &["api_key"], &[]),
    ("facebook", &["app_id", "app_secret"], &[]),
    (
        "firebase",
        &["api_key", "project_id", "sender_id", "server_key"],
        &[],
    ),
    ("google", &["client_id", "client_secret"], &[]),
    ("gcs", &["service_account_json"], &["bucket"]),
    ("linkedin", &["client_id", "client_secret"], &[]),
    ("mailru", &["client_id", "client_secret"], &[]),
    ("mendeley", &["client_id"], &["client_secret"]),
    ("microsoft", &["client_id", "client_secret"], &["tenant"]),
    ("onedrive", &["client_id", "client_secret"], &["tenant"]),
    (
        "rackspace",
        &["username", "api_key"],
        &["region", "public_container"],
    ),
    (
        "selectel",
        &["auth_user", "password"],
        &["public_container"],
    ),
    ("smsc", &["login", "password"], &["sender"]),
    ("telegram", &["bot_token", "bot_name"], &[]),
    (
        "twilio",
        &["account_sid", "auth_token", "phone_number"],
        &[],
    ),
    ("twitter", &["api_key", "api_secret"], &["bearer_token"]),
    ("vk", &["client_id", "client_secret"], &[]),
    ("wordpress", &["client_id", "client_secret"], &[]),
    ("yahoo", &["client_id", "client_secret"], &[]),
    ("yandex", &["client_id", "client_secret"], &[]),
    ("zotero", &["api_key"], &[]),
];

/// The spec's secret fields (marked * there).
const SECRETS: &[(&str, &str)] = &[
    ("s3", "secret_access_key"),
    ("apple", "private_key"),
    ("bitly", "access_token"),
    ("box", "client_secret"),
    ("clickatell", "api_key"),
    ("docusign", "secret_key"),
    ("dropbox", "app_secret"),
    ("easybib", "api_key"),
    ("facebook", "app_secret"),
    ("firebase", "api_key"),
    ("firebase", "server_key"),
    ("google", "client_secret"),
    ("gcs", "service_account_json"),
    ("linkedin", "client_secret"),
    ("mailru", "client_secret"),
    ("mendeley", "client_secret"),
    ("microsoft", "client_secret"),
    ("onedrive", "client_secret"),
    ("rackspace", "api_key"),
    ("selectel", "password"),
    ("smsc", "password"),
    ("telegram", "bot_token"),
    ("twilio", "auth_token"),
    ("twitter", "api_secret"),
    ("twitter", "bearer_token"),
    ("vk", "client_secret"),
    ("wordpress", "client_secret"),
    ("yahoo", "client_secret"),
    ("yandex", "client_secret"),
    ("zotero", "api_key"),
];

#[test]
fn every_file_parses_and_matches_its_id() {
    let providers = catalog::load().expect("catalog loads");
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("providers");
    let mut files: Vec<String> = std::fs::read_dir(&dir)
        .expect("providers/")
        .filter_map(|entry| {
            let name = entry.ok()?.file_name().into_string().ok()?;
            name.strip_suffix(".toml").map(str::to_string)
        })
        .collect();
    files.sort();
    let ids: Vec<&str> = providers.iter().map(|p| p.id.as_str()).collect();
    assert_eq!(
        ids, files,
        "every providers/*.toml is embedded, sorted by id"
    );
    assert_eq!(catalog::count(), files.len());
}

#[test]
fn spec_ids_and_fields_are_all_there() {
    for (id, required, optional) in SPEC {
        let p = catalog::find(id).unwrap_or_else(|| panic!("{id} missing from the catalog"));
        for name in *required {
            let f = p
                .field(name)
                .unwrap_or_else(|| panic!("{id}: field {name} missing"));
            assert!(f.required, "{id}.{name} must be required");
        }
        for name in *optional {
            let f = p
                .field(name)
                .unwrap_or_else(|| panic!("{id}: field {name} missing"));
            assert!(!f.required, "{id}.{name} must be optional");
        }
    }
    for (id, field) in SECRETS {
        assert!(
            catalog::find(id).unwrap().field(field).unwrap().secret,
            "{id}.{field} must be secret"
        );
    }
    for alias in ["aws", "amazon-s3", "google-cloud-storage", "mail.ru", "x"] {
        assert!(catalog::find(alias).is_some(), "alias {alias}");
    }
}

#[test]
fn every_step_note_and_label_is_in_french_too() {
    for p in catalog::all() {
        assert!(p.guide.len() >= 2, "{}: guide too short", p.id);
        for (n, step) in p.guide.iter().enumerate() {
            assert!(
                !step.en.trim().is_empty() && !step.fr.trim().is_empty(),
                "{} step {}: en and fr needed",
                p.id,
                n + 1
            );
            assert!(
                !step
                    .en
                    .contains("https://service.onlyoffice.com/oauth2.aspx"),
                "{} step {}: use {{redirect_uri}}",
                p.id,
                n + 1
            );
        }
        let notes = p.notes.iter().map(|n| (&n.en, &n.fr));
        for (en, fr) in notes.chain([(&p.enables.en, &p.enables.fr)]) {
            assert!(
                !en.trim().is_empty() && !fr.trim().is_empty(),
                "{}: en and fr needed",
                p.id
            );
        }
        for f in &p.fields {
            assert!(
                !f.label.fr.is_empty() && !f.help.fr.is_empty(),
                "{}.{}: French label and help",
                p.id,
                f.name
            );
        }
    }
}

/// `[expiry]` is shown by `guide` in both languages and by `providers --format json`: each
/// provider's `what` and `how` are written in English and in French, the French a translation
/// rather than a copy of the English.
#[test]
fn expiry_is_in_english_and_french() {
    for p in catalog::all() {
        for (key, text) in [("what", &p.expiry.what), ("how", &p.expiry.how)] {
            assert!(
                !text.en.trim().is_empty() && !text.fr.trim().is_empty(),
                "{}: [expiry] {key} needs en and fr",
                p.id
            );
            assert_ne!(
                text.en.trim(),
                text.fr.trim(),
                "{}: [expiry] {key} fr is the English text",
                p.id
            );
        }
    }
}

#[test]
fn examples_pass_and_bad_examples_fail() {
    for p in catalog::all() {
        for f in &p.fields {
            if f.kind != catalog::Kind::Multiline {
                let ok = validate::check(p, f, &validate::normalize(f, &f.example));
                assert!(
                    ok.is_ok(),
                    "{}.{}: example {:?} refused: {:?}",
                    p.id,
                    f.name,
                    f.example,
                    ok
                );
                assert_eq!(
                    ok.unwrap().note,
                    None,
                    "{}.{}: example is not typical",
                    p.id,
                    f.name
                );
            }
            if let Some(bad) = &f.bad_example {
                assert!(
                    validate::check(p, f, &validate::normalize(f, bad)).is_err(),
                    "{}.{}: bad example {bad:?} accepted",
                    p.id,
                    f.name
                );
            }
        }
    }
}

#[test]
fn catalog_checks_and_fakes_agree() {
    let catalog_ids: BTreeSet<&str> = catalog::all().iter().map(|p| p.id.as_str()).collect();
    let spec_ids: BTreeSet<&str> = SPEC.iter().map(|(id, _, _)| *id).collect();
    let missing: Vec<&&str> = spec_ids.difference(&catalog_ids).collect();
    assert!(
        missing.is_empty(),
        "the spec's providers {missing:?} have no file"
    );
    let check_ids: BTreeSet<&str> = integrate::check::IDS.iter().copied().collect();
    let fake_ids: BTreeSet<&str> = crate::fakes::all().into_iter().map(|(id, _)| id).collect();
    assert_eq!(
        check_ids, fake_ids,
        "every check needs a fake, and every fake a check"
    );
    assert_eq!(check_ids, catalog_ids, "every provider needs a live check");
}

#[test]
fn portal_mappings_name_real_fields() {
    for p in catalog::all() {
        for mapping in [&p.portal.workspace, &p.portal.docspace] {
            for field in mapping.keys.keys() {
                assert!(
                    p.field(field).is_some() || field == "endpoint",
                    "{}: portal key for unknown field {field}",
                    p.id
                );
            }
            if mapping.supported {
                assert!(
                    mapping.consumer.is_some(),
                    "{}: a supported generation needs a consumer name",
                    p.id
                );
            } else {
                assert!(
                    mapping.note.is_some(),
                    "{}: say why the generation lacks it",
                    p.id
                );
            }
        }
    }
}

/// The source files whose `ctx.get("…")` / `ctx.opt("…")` read `id`'s fields: its own check
/// module and every probe that module uses.
fn check_sources(id: &str) -> Vec<(String, String)> {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/check");
    let read = |relative: String| {
        let text = std::fs::read_to_string(root.join(&relative))
            .unwrap_or_else(|e| panic!("src/check/{relative}: {e}"));
        (format!("src/check/{relative}"), text)
    };
    let own = read(format!("{id}.rs"));
    let uses = regex::Regex::new(r"probes::(\w+)").unwrap();
    let probes: BTreeSet<String> = uses
        .captures_iter(&own.1)
        .map(|c| c[1].to_string())
        .collect();
    std::iter::once(own)
        .chain(probes.into_iter().map(|p| read(format!("probes/{p}.rs"))))
        .collect()
}

/// A field name a check reads must exist in the provider's file: a typo would otherwise read
/// an empty value and send it, without a word.
#[test]
fn checks_read_only_declared_fields() {
    let reads = regex::Regex::new(r#"ctx\s*\.\s*(?:get|opt)\(\s*"([^"]*)""#).unwrap();
    let mut seen = 0;
    for p in catalog::all() {
        for (file, source) in check_sources(&p.id) {
            for name in reads.captures_iter(&source).map(|c| c[1].to_string()) {
                seen += 1;
                assert!(
                    p.field(&name).is_some()
                        || catalog::schema::COMMON_FIELDS.contains(&name.as_str()),
                    "{file} reads `{name}`, which providers/{}.toml does not declare",
                    p.id
                );
            }
        }
    }
    // The scan itself must find the reads: every provider's check reads at least one field.
    assert!(
        seen >= catalog::all().len(),
        "only {seen} field reads found"
    );
}

/// Quirks and portal findings are data the tool acts on: each must be complete and name only
/// what exists.
#[test]
fn quirks_and_portal_findings_are_complete() {
    use integrate::catalog::schema::Condition;
    use integrate::check::Status;
    let mut findings = 0;
    for p in catalog::all() {
        let quirks = &p.quirks;
        if let Some(quirk) = &quirks.clock_sensitive {
            assert!(
                !quirk.reason.trim().is_empty(),
                "{}: clock_sensitive needs its reason",
                p.id
            );
        }
        if let Some(wrong) = &quirks.wrong_secret {
            assert!(
                !wrong.reason.trim().is_empty(),
                "{}: wrong_secret needs its reason",
                p.id
            );
            assert_ne!(
                wrong.status,
                Status::Rejected,
                "{}: rejected is the default",
                p.id
            );
        }
        for rule in &p.portal_findings {
            findings += 1;
            let texts = std::iter::once(&rule.message).chain(&rule.advice);
            for text in texts {
                assert!(
                    !text.en.trim().is_empty() && !text.fr.trim().is_empty(),
                    "{} {}: en and fr needed",
                    p.id,
                    rule.code
                );
                // Only the marker the condition fills in may appear.
                let allowed = match &rule.when {
                    Condition::PortalUrl(_) => Some("{portal_url}"),
                    Condition::FieldsUnset(_) => Some("{missing}"),
                    Condition::FactAtMost { .. } => Some("{value}"),
                    Condition::Always | Condition::FactUnknown(_) => None,
                };
                for marker in ["{portal_url}", "{missing}", "{value}"] {
                    if Some(marker) != allowed {
                        assert!(
                            !text.en.contains(marker) && !text.fr.contains(marker),
                            "{} {}: {marker} is never filled in for this condition",
                            p.id,
                            rule.code
                        );
                    }
                }
            }
            if let Condition::FieldsUnset(fields) = &rule.when {
                for field in fields {
                    assert!(
                        p.field(field).is_some(),
                        "{} {}: no field {field}",
                        p.id,
                        rule.code
                    );
                }
            }
        }
    }
    assert!(findings > 0, "the provider files hold portal findings");
}

/// `[redirect_check]` (issue 12): the evidence is on record. Every such table names at least
/// one `https://` source; a verifiable one says where the authorization endpoint is, which
/// field is the client id, which portal scopes it sends, and how the endpoint refuses an
/// unregistered URI, each answer with a stated condition and its own source.
#[test]
fn redirect_checks_record_their_evidence() {
    use integrate::catalog::schema::AuthorizeMeaning;
    for p in catalog::all() {
        let Some(check) = &p.redirect_check else {
            continue;
        };
        assert!(
            check.sources.iter().any(|s| s.starts_with("https://")),
            "{}: [redirect_check] names no source URL",
            p.id
        );
        assert!(
            !check.why.en.is_empty() && !check.why.fr.is_empty(),
            "{}: why",
            p.id
        );
        if !check.verifiable {
            continue;
        }
        let url = check.authorize_url.as_deref().unwrap_or("");
        assert!(
            url.starts_with("https://"),
            "{}: authorize_url {url:?}",
            p.id
        );
        assert!(
            p.field(&check.client_id_field).is_some(),
            "{}: client_id_field",
            p.id
        );
        if let Some(scope) = &check.scope {
            assert!(
                p.portal.scopes.contains_key(scope),
                "{}: scope {scope} is not in [portal.scopes]",
                p.id
            );
        }
        assert!(
            check
                .answers
                .iter()
                .any(|a| a.means == AuthorizeMeaning::Unregistered),
            "{}: a verifiable redirect check recognises the refusal of an unregistered URI",
            p.id
        );
        for answer in &check.answers {
            assert!(
                answer.source.starts_with("https://"),
                "{}: answer without a source URL",
                p.id
            );
            assert!(
                answer.location.is_some() || answer.body.is_some(),
                "{}: an answer is recognised by its Location or its body, not a status alone",
                p.id
            );
        }
        let register = check.register.as_ref().map(|t| (&t.en, &t.fr));
        if let Some((en, fr)) = register {
            assert!(
                en.contains("{redirect_uri}") && fr.contains("{redirect_uri}"),
                "{}: register names {{redirect_uri}}",
                p.id
            );
        }
    }
}

/// Every sign-in or drive provider that uses OAuth (its guide registers `{redirect_uri}`) says
/// whether its redirect URI can be verified (issue 12.3), with a `[redirect_check]`. X is the
/// one exception: its check's own OAuth 1.0a request token carries the portal's callback and
/// proves it (README, "What the API-key checks mirror"), so there is nothing left to probe.
#[test]
fn oauth_sign_in_and_drive_providers_have_a_redirect_check() {
    use integrate::catalog::schema::Category;
    let mut covered = Vec::new();
    for p in catalog::all() {
        let sign_in_or_drive = p
            .categories
            .iter()
            .any(|c| matches!(c, Category::Login | Category::Drive));
        let registers_redirect = p.guide.iter().any(|s| s.en.contains("{redirect_uri}"));
        if !sign_in_or_drive || !registers_redirect || p.id == "twitter" {
            continue;
        }
        assert!(p.redirect_check.is_some(), "{}: no [redirect_check]", p.id);
        covered.push(p.id.as_str());
    }
    // The rule must not pass by finding nobody.
    for id in [
        "google",
        "microsoft",
        "dropbox",
        "onedrive",
        "box",
        "facebook",
    ] {
        assert!(covered.contains(&id), "{id} is not covered: {covered:?}");
    }
}

/// `[oauth]` names its source: a URL, or `unconfirmed: <why>` (the code then sends the
/// altered-secret control).
#[test]
fn oauth_evidence_names_its_source() {
    for p in catalog::all() {
        let Some(oauth) = &p.oauth else { continue };
        let ok = |s: &str| s.starts_with("https://") || s.starts_with("unconfirmed: ");
        assert!(
            ok(&oauth.client_before_code.source),
            "{}: client_before_code source",
            p.id
        );
        if oauth.client_before_code.value {
            assert!(
                oauth.client_before_code.source.starts_with("https://"),
                "{}: a confirmed order needs a URL",
                p.id
            );
        }
        if let Some(code) = &oauth.dummy_code {
            assert!(ok(&code.source), "{}: dummy_code source", p.id);
        }
    }
}
