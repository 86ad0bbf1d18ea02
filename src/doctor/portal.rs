//! Portal-level findings: what makes working keys fail inside ONLYOFFICE, which no API call
//! can see. Each rule comes from the portal's code or help pages (shared/reference/onlyoffice.md
//! §2-§5). The rules every provider shares live here: the redirect URI registered with the
//! provider must be the portal's; keys set in a portal config file are read-only in its settings
//! page; the integrate config file must be private. A provider's own rules (DocuSign needs the
//! portal on HTTPS, smsc with a zero balance is refused as "Bad keys", ...) are data in its
//! file, `[[portal_findings]]`, evaluated by [`findings`] and [`after_check`].
//!
//! Values read from a portal file are only compared, never shown: findings name keys. The
//! files are read by [`crate::portal`], the same parser and key mapping `import` and `export`
//! use, so doctor and import always agree on what a file sets.

use std::path::{Path, PathBuf};

use super::{Finding, Severity};
use crate::catalog::schema::{Condition, PortalFinding, PortalMapping, UrlState};
use crate::check::CheckResult;
use crate::config::{Portal, ResolvedProvider};
use crate::portal::{self, Generation, Parsed};

/// A portal consumer file found on this machine.
pub struct PortalFile {
    pub path: PathBuf,
    pub generation: Generation,
    parsed: Parsed,
}

impl PortalFile {
    /// The provider's keys in this file's generation.
    fn mapping<'a>(&self, resolved: &'a ResolvedProvider) -> &'a PortalMapping {
        portal::mapping(resolved.provider, self.generation)
    }

    /// Every non-empty value of the provider's consumer in this file, by key.
    fn values(&self, mapping: &PortalMapping) -> Vec<(&str, &str)> {
        match mapping.consumer.as_deref().filter(|_| mapping.supported) {
            Some(consumer) => self.parsed.values_of(consumer).into_iter().collect(),
            None => Vec::new(),
        }
    }
}

/// What the portal findings look at, besides each provider's values.
pub struct PortalContext {
    pub portal: Portal,
    pub config_path: PathBuf,
    pub files: Vec<PortalFile>,
    /// Files asked for that could not be read, with why.
    pub unreadable: Vec<String>,
    /// Files read that are not valid portal files, with where and why.
    pub invalid: Vec<String>,
    /// Where integrate looked: the files given, or every installed location.
    pub searched: Vec<PathBuf>,
}

impl PortalContext {
    /// Reads the portal files given, or the installed ones that exist. A `.json` file is
    /// DocSpace's `autofac.consumers.json`; anything else Workspace's `web.consumers.config`.
    pub fn load(portal: Portal, config_path: &Path, paths: &[PathBuf]) -> PortalContext {
        let searched: Vec<PathBuf> = if paths.is_empty() {
            [Generation::Workspace, Generation::Docspace]
                .into_iter()
                .flat_map(portal::default_paths)
                .map(PathBuf::from)
                .collect()
        } else {
            paths.to_vec()
        };
        let candidates: Vec<PathBuf> = searched
            .iter()
            .filter(|p| !paths.is_empty() || p.exists())
            .cloned()
            .collect();
        let mut files = Vec::new();
        let mut unreadable = Vec::new();
        let mut invalid = Vec::new();
        for path in candidates {
            let generation = if path.extension().is_some_and(|e| e == "json") {
                Generation::Docspace
            } else {
                Generation::Workspace
            };
            let text = match crate::files::read_text(&path, crate::files::DOCUMENT_LIMIT) {
                Ok(text) => text,
                Err(e) => {
                    unreadable.push(format!("{}: {e}", path.display()));
                    continue;
                }
            };
            match portal::parse(generation, &path, text) {
                Ok(parsed) => files.push(PortalFile {
                    path,
                    generation,
                    parsed,
                }),
                Err(e) => invalid.push(e.to_string()),
            }
        }
        PortalContext {
            portal,
            config_path: config_path.to_path_buf(),
            files,
            unreadable,
            invalid,
            searched,
        }
    }
}

impl PortalContext {
    /// The redirect URI the portal sends for this provider (issue 12.4): `[portal]
    /// redirect_uri` when set, else the first portal file's `<provider>RedirectUrl`, else the
    /// portal kind's default.
    pub fn redirect_uri_for(&self, resolved: &ResolvedProvider) -> String {
        if self.portal.redirect_from == crate::config::resolve::RedirectFrom::Config {
            return self.portal.redirect_uri.clone();
        }
        self.files
            .iter()
            .flat_map(|file| file.values(file.mapping(resolved)))
            .find(|(key, value)| key.ends_with("RedirectUrl") && !value.is_empty())
            .map(|(_, value)| value.to_string())
            .unwrap_or_else(|| self.portal.redirect_uri.clone())
    }
}

/// Findings about the whole setup rather than one provider.
pub fn global(ctx: &PortalContext) -> Vec<Finding> {
    let mut out = Vec::new();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        if let Ok(meta) = std::fs::metadata(&ctx.config_path) {
            let mode = meta.permissions().mode() & 0o777;
            if mode & 0o077 != 0 {
                out.push(
                    Finding::new(
                        Severity::Warning,
                        "config_permissions",
                        format!(
                            "{} is readable by other users (mode {mode:o}) and may hold secrets",
                            ctx.config_path.display()
                        ),
                    )
                    .advice(format!("chmod 600 {}", ctx.config_path.display())),
                );
            } else {
                out.push(Finding::new(
                    Severity::Info,
                    "config_permissions",
                    format!("{} is private (mode {mode:o})", ctx.config_path.display()),
                ));
            }
        }
    }
    match &ctx.portal.url {
        None => out.push(
            Finding::new(Severity::Info, "portal_url", "[portal] url is not set, so the checks that depend on it (HTTPS for DocuSign) cannot run")
                .advice("Add `[portal] url = \"https://portal.example.com\"` to the config file."),
        ),
        Some(url) if url.starts_with("http://") => out.push(
            Finding::new(Severity::Warning, "portal_http", format!("the portal is served over plain HTTP ({url})"))
                .advice("Serve the portal over HTTPS: OAuth providers and DocuSign refuse plain-HTTP sites, and keys travel in clear."),
        ),
        Some(_) => {}
    }
    for file in &ctx.files {
        out.push(Finding::new(
            Severity::Info,
            "portal_file",
            format!("portal config file {} read", file.path.display()),
        ));
    }
    for line in &ctx.unreadable {
        out.push(
            Finding::new(Severity::Warning, "portal_file_unreadable", format!("cannot read the portal config file {line}"))
                .advice("Run doctor as a user that can read it (often root), or pass --portal-file with a copy."),
        );
    }
    for line in &ctx.invalid {
        out.push(
            Finding::new(Severity::Warning, "portal_file_invalid", format!("the portal config file cannot be parsed: {line}"))
                .advice("The portal cannot load it either: fix the file at that line (or restore its backup), then run doctor again."),
        );
    }
    out
}

/// Findings for one provider that need no network.
pub fn findings(resolved: &ResolvedProvider, ctx: &PortalContext) -> Vec<Finding> {
    let provider = resolved.provider;
    let mut out = Vec::new();
    if !resolved.enabled {
        out.push(Finding::new(
            Severity::Info,
            "disabled",
            "disabled in the integrate config: export and push skip it",
        ));
    }
    if provider
        .guide
        .iter()
        .any(|step| step.en.contains("{redirect_uri}"))
    {
        out.extend(redirect_findings(resolved, ctx));
    }
    for file in &ctx.files {
        out.extend(file_findings(resolved, file));
    }
    // The provider's own rules, from its file.
    for rule in &provider.portal_findings {
        let url = ctx.portal.url.as_deref();
        let filled: Option<Vec<(&str, String)>> = match &rule.when {
            Condition::Always => Some(vec![]),
            Condition::PortalUrl(state) => {
                let actual = match url {
                    None => UrlState::Unset,
                    Some(u) if u.starts_with("http://") => UrlState::Http,
                    Some(_) => UrlState::Https,
                };
                (actual == *state).then(|| vec![("portal_url", url.unwrap_or("").to_string())])
            }
            Condition::FieldsUnset(fields) => {
                let missing: Vec<&str> = fields
                    .iter()
                    .map(String::as_str)
                    .filter(|f| resolved.get(f).is_none_or(str::is_empty))
                    .collect();
                (!missing.is_empty()).then(|| vec![("missing", missing.join(" and "))])
            }
            Condition::FactAtMost { .. } | Condition::FactUnknown(_) => None,
        };
        out.extend(filled.map(|values| from_rule(rule, &values)));
    }
    out
}

/// The provider's own findings that read the live check's result (`fact_*` conditions).
pub fn after_check(resolved: &ResolvedProvider, check: &CheckResult) -> Vec<Finding> {
    let number = |fact: &str| {
        check.facts.get(fact).and_then(|value| match value {
            serde_json::Value::Number(n) => n.as_f64(),
            serde_json::Value::String(s) => s.trim().parse().ok(),
            _ => None,
        })
    };
    let mut out = Vec::new();
    for rule in &resolved.provider.portal_findings {
        let filled = match &rule.when {
            Condition::FactAtMost { fact, limit } => number(fact)
                .filter(|value| value <= limit)
                .map(|value| vec![("value", value.to_string())]),
            Condition::FactUnknown(fact) => number(fact).is_none().then(Vec::new),
            Condition::Always | Condition::PortalUrl(_) | Condition::FieldsUnset(_) => None,
        };
        out.extend(filled.map(|values| from_rule(rule, &values)));
    }
    out
}

/// A finding from a provider file's rule, with `{name}` markers filled in. The doctor speaks
/// English throughout, so the English text is used.
fn from_rule(rule: &'static PortalFinding, values: &[(&str, String)]) -> Finding {
    let fill = |text: &str| {
        values.iter().fold(text.to_string(), |text, (name, value)| {
            text.replace(&format!("{{{name}}}"), value)
        })
    };
    let finding = Finding::new(rule.severity, rule.code.as_str(), fill(&rule.message.en));
    match &rule.advice {
        Some(advice) => finding.advice(fill(&advice.en)),
        None => finding,
    }
}

fn redirect_findings(resolved: &ResolvedProvider, ctx: &PortalContext) -> Vec<Finding> {
    let provider = resolved.provider;
    let wanted = &ctx.portal.redirect_uri;
    let mut out = vec![
        Finding::new(
            Severity::Info,
            "redirect_uri",
            format!(
                "the redirect URI registered with {} must be exactly {wanted}",
                provider.name
            ),
        )
        .advice(format!(
            "Compare it in {}; a trailing slash or http/https difference is a mismatch.",
            provider.console_url
        )),
    ];
    if !wanted.starts_with("https://") {
        out.push(
            Finding::new(Severity::Warning, "redirect_uri_not_https", format!("the redirect URI {wanted} is not https://; {} only accepts https redirect URIs for web apps", provider.name))
                .advice("Use https://service.onlyoffice.com/oauth2.aspx, or the https address of your own copy of the relay page."),
        );
    }
    // A portal serving /oauth2.aspx itself did not work without copying the relay page
    // (ONLYOFFICE/CommunityServer#102).
    if let Some(url) = &ctx.portal.url
        && wanted.starts_with(url.trim_end_matches('/'))
        && wanted.ends_with("oauth2.aspx")
    {
        out.push(
            Finding::new(Severity::Warning, "redirect_uri_self_hosted", format!("the redirect URI {wanted} is on the portal itself; it works only if the relay page (oauth2.aspx/oauth2.html) was copied there and the portal files point to it"))
                .advice("See ONLYOFFICE/CommunityServer#102, or keep the default https://service.onlyoffice.com/oauth2.aspx."),
        );
    }
    for file in &ctx.files {
        for (key, value) in file.values(file.mapping(resolved)) {
            if key.ends_with("RedirectUrl") && value != wanted {
                out.push(
                    Finding::new(Severity::Warning, "redirect_uri_mismatch", format!("{} sets {key} to {value}, but integrate is configured with {wanted}; the provider's registration must match what the portal sends", file.path.display()))
                        .advice("Make [portal] redirect_uri, the portal file and the provider's registered redirect URI the same."),
                );
            }
        }
    }
    out
}

/// Keys already set in a portal file: read-only in the portal's UI, and possibly not the keys
/// checked here.
fn file_findings(resolved: &ResolvedProvider, file: &PortalFile) -> Vec<Finding> {
    let mapping = file.mapping(resolved);
    let values = file.values(mapping);
    let mut set = Vec::new();
    let mut different = Vec::new();
    for (field, key) in &mapping.keys {
        let Some((_, value)) = values.iter().find(|(k, _)| k == key) else {
            continue;
        };
        set.push(key.clone());
        // Compared in the portal's form: a bare key body is the same key as its PEM file.
        let portal_form = |v: &str| match resolved.provider.field(field) {
            Some(f) => portal::form::to_portal(f, v.trim()),
            None => v.trim().to_string(),
        };
        if resolved
            .get(field)
            .is_some_and(|mine| portal_form(mine) != portal_form(value))
        {
            different.push(field.clone());
        }
    }
    let mut out = Vec::new();
    if !set.is_empty() {
        let what = match file.generation {
            Generation::Docspace => "saving them from the settings page fails with access denied",
            Generation::Workspace => {
                "the portal shows them read-only in Settings > Integration > Third-party services"
            }
        };
        out.push(
            Finding::new(Severity::Warning, "keys_read_only", format!("{} sets {}: {what}", file.path.display(), set.join(", ")))
                .advice("Change these keys in that file (integrate export), then restart the portal; or empty them there to manage them in the UI."),
        );
    }
    if !different.is_empty() {
        out.push(
            Finding::new(Severity::Warning, "portal_file_differs", format!("{} holds a different {} than the integrate config: the portal uses the file's value, not the one checked here", file.path.display(), different.join(", ")))
                .advice("Run `integrate export` to write the checked keys into the portal file, or `integrate import` to check the portal's."),
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::{CheckResult, Outcome};
    use crate::config::{ConfigFile, resolve};

    fn resolved(id: &str, toml: &str) -> ResolvedProvider {
        let config = ConfigFile {
            path: PathBuf::from("/tmp/integrate.toml"),
            doc: toml.parse().unwrap(),
            exists: true,
        };
        resolve::resolve(&config, crate::catalog::find(id).unwrap())
    }

    #[test]
    fn smsc_with_zero_balance_is_an_error() {
        let r = resolved(
            "smsc",
            "[providers.smsc]\nlogin = \"portal\"\npassword = \"x\"\n",
        );
        let check = CheckResult::new(
            "smsc",
            Outcome::ok("balance read").fact("balance", "0.00"),
            5,
        );
        let found = after_check(&r, &check);
        assert!(
            found
                .iter()
                .any(|f| f.code == "smsc_zero_balance" && f.severity == Severity::Error),
            "{found:?}"
        );
        let check = CheckResult::new("smsc", Outcome::ok("balance read").fact("balance", 12.5), 5);
        assert!(after_check(&r, &check).is_empty());
    }

    fn file(name: &str, text: &str) -> PortalFile {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(name);
        std::fs::write(&path, text).unwrap();
        let config = ConfigFile {
            path: PathBuf::from("/tmp/integrate.toml"),
            doc: toml_edit::DocumentMut::new(),
            exists: false,
        };
        let portal = resolve::portal(&config).unwrap();
        let mut ctx = PortalContext::load(portal, Path::new("/tmp/integrate.toml"), &[path]);
        assert!(
            ctx.invalid.is_empty() && ctx.unreadable.is_empty(),
            "{:?}",
            ctx.invalid
        );
        ctx.files.remove(0)
    }

    #[test]
    fn portal_file_items_are_read_from_xml_and_json() {
        let telegram = resolved("telegram", "");
        let xml = file(
            "web.consumers.config",
            r#"<consumers><components><component name="Telegram"><props><item key="telegramBotToken" value="a&amp;b" hidden="true" /><item value="v" key="k"/></props></component></components></consumers>"#,
        );
        assert_eq!(
            xml.values(xml.mapping(&telegram)),
            vec![("k", "v"), ("telegramBotToken", "a&b")]
        );
        let json = file(
            "autofac.consumers.json",
            r#"{"components": [{"type": "T", "parameters": {"name": "telegram", "props": {"telegramBotToken": "t\"x", "telegramBotName": ""}}}]}"#,
        );
        assert_eq!(
            json.values(json.mapping(&telegram)),
            vec![("telegramBotToken", "t\"x")]
        );
    }

    /// An item commented out in the XML is not set: doctor reads what the portal and `import`
    /// read, so it reports no read-only or different key for it.
    #[test]
    fn an_item_inside_an_xml_comment_is_not_set() {
        let telegram = resolved(
            "telegram",
            "[providers.telegram]\nbot_token = \"123456789:AAEhBOweik6ad9r_QXMENQjcrGbqCr4K-aa\"\nbot_name = \"PortalNotifyBot\"\n",
        );
        let xml = file(
            "web.consumers.config",
            r#"<consumers><components><component name="Telegram"><props>
<!-- <item key="telegramBotToken" value="111111111:AAEOLDOLDOLDOLDOLDOLDOLDOLDOLDOLDOL" /> -->
<item key="telegramBotToken" value="" />
</props></component></components></consumers>"#,
        );
        assert!(xml.values(xml.mapping(&telegram)).is_empty());
        assert!(file_findings(&telegram, &xml).is_empty());
    }
}
