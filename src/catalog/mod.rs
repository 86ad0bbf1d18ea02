//! The provider catalog: `providers/*.toml`, embedded at build time and parsed once.
//!
//! The list below is the one place that names every provider file; `tests/catalog.rs` checks
//! that it, the spec's ids, the live checks and the test fakes all agree.

pub mod schema;
pub mod validate;

use std::sync::OnceLock;

pub use schema::{Category, Field, Kind, Provider, Validator};

macro_rules! provider_files {
    ($($id:literal),* $(,)?) => {
        /// `(id, TOML text)` for every provider, in the spec's order.
        pub const FILES: &[(&str, &str)] = &[
            $(($id, include_str!(concat!("../../providers/", $id, ".toml"))),)*
        ];
    };
}

provider_files![
    "s3",
    "apple",
    "bitly",
    "box",
    "clickatell",
    "docusign",
    "dropbox",
    "easybib",
    "facebook",
    "firebase",
    "google",
    "gcs",
    "linkedin",
    "mailru",
    "mendeley",
    "microsoft",
    "onedrive",
    "rackspace",
    "selectel",
    "smsc",
    "telegram",
    "twilio",
    "twitter",
    "vk",
    "wordpress",
    "yahoo",
    "yandex",
    "zotero",
];

/// Every provider, parsed. The files are part of the binary and covered by tests, so a parse
/// failure here is a build defect; it is still reported as an error, never a panic.
pub fn all() -> &'static [Provider] {
    static CATALOG: OnceLock<Vec<Provider>> = OnceLock::new();
    CATALOG.get_or_init(|| match load() {
        Ok(providers) => {
            crate::redact::protect(providers.iter().flat_map(|p| {
                std::iter::once(p.id.as_str()).chain(p.fields.iter().map(|f| f.name.as_str()))
            }));
            crate::redact::protect(schema::COMMON_FIELDS);
            providers
        }
        Err(err) => {
            eprintln!("integrate: internal error in the embedded provider catalog: {err}");
            Vec::new()
        }
    })
}

/// Parses and checks every embedded file. Used by [`all`] and by the catalog tests.
pub fn load() -> Result<Vec<Provider>, String> {
    let mut providers = Vec::with_capacity(FILES.len());
    for (id, text) in FILES {
        let provider: Provider =
            toml::from_str(text).map_err(|e| format!("providers/{id}.toml: {e}"))?;
        if provider.id != *id {
            return Err(format!("providers/{id}.toml: id is {:?}", provider.id));
        }
        for field in &provider.fields {
            for pattern in [&field.format, &field.typical].into_iter().flatten() {
                regex::Regex::new(pattern).map_err(|e| {
                    format!("providers/{id}.toml: field {}: bad regex: {e}", field.name)
                })?;
            }
        }
        check_api_origin(&provider)?;
        providers.push(provider);
    }
    Ok(providers)
}

/// `api_origin` is an https origin whose `{field}` markers each name a field with a default
/// (so a diagnosis can always build the host).
fn check_api_origin(provider: &Provider) -> Result<(), String> {
    let id = &provider.id;
    let origin = &provider.api_origin;
    if !origin.starts_with("https://") || origin.trim_end_matches('/').matches('/').count() != 2 {
        return Err(format!(
            "providers/{id}.toml: api_origin {origin:?} must be https://host, without a path"
        ));
    }
    for piece in origin.split('{').skip(1) {
        let name = piece.split('}').next().unwrap_or_default();
        if provider
            .field(name)
            .and_then(|f| f.default.as_ref())
            .is_none()
        {
            return Err(format!(
                "providers/{id}.toml: api_origin uses {{{name}}}, which is not a field with a default"
            ));
        }
    }
    Ok(())
}

/// Finds a provider by id or alias, case-insensitively.
pub fn find(name: &str) -> Option<&'static Provider> {
    let wanted = name.trim().to_ascii_lowercase();
    all()
        .iter()
        .find(|p| p.id == wanted || p.aliases.contains(&wanted))
}

/// The id closest to a mistyped name, for "did you mean" hints.
pub fn closest(name: &str) -> Option<&'static str> {
    let wanted = name.trim().to_ascii_lowercase();
    let mut best: Option<(&'static str, f64)> = None;
    for provider in all() {
        for candidate in std::iter::once(&provider.id).chain(provider.aliases.iter()) {
            let mut score = strsim::jaro_winkler(&wanted, candidate);
            if candidate.starts_with(&wanted) || wanted.starts_with(candidate.as_str()) {
                score += 0.1;
            }
            if best.is_none_or(|(_, s)| score > s) {
                best = Some((provider.id.as_str(), score));
            }
        }
    }
    best.filter(|(_, score)| *score >= 0.7).map(|(id, _)| id)
}

/// Looks a provider up, or explains what went wrong with the closest id.
pub fn lookup(name: &str) -> anyhow::Result<&'static Provider> {
    if let Some(provider) = find(name) {
        return Ok(provider);
    }
    let hint = match closest(name) {
        Some(id) => format!(" Did you mean `{id}`?"),
        None => String::new(),
    };
    Err(crate::exit::usage(format!(
        "unknown provider `{name}`.{hint} Run `integrate providers` to list them."
    )))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn aliases_resolve() {
        assert_eq!(find("aws").map(|p| p.id.as_str()), Some("s3"));
        assert_eq!(find("X").map(|p| p.id.as_str()), Some("twitter"));
        assert_eq!(find("mail.ru").map(|p| p.id.as_str()), Some("mailru"));
    }

    #[test]
    fn typo_gets_a_suggestion() {
        assert_eq!(closest("dropbx"), Some("dropbox"));
        assert_eq!(closest("telegarm"), Some("telegram"));
    }
}
